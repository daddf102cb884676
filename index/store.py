"""The Store interface and the embedded backend (the default).

A Store turns (embedder, corpus, tokenizer) into a SearchIndex: the chunks in order plus BM25 and
dense search over them, returning chunk positions. Two backends, chosen by one setting
(`open_store`): the embedded one here (files + FAISS + in-memory sparse BM25; feedback in SQLite)
and PostgreSQL (index/pg_store.py; pgvector, BM25 postings, feedback table) when
PLANQA_DATABASE_URL is set. Both score BM25 with the same code, so the eval figures agree.

Embedded files: dense.faiss (faiss.write_index), chunks.json, tokens.json, manifest.json. A stale
or corrupt index is rebuilt with one log line saying why.

The manifest records the SHA-256 of every other file, checked at each load (the files are small: a
few milliseconds), so a damaged but readable file is rebuilt, not served. It also records how many
tasks and units the plan had: a rebuild from a plan with far fewer (a truncated file) is logged."""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from importlib import metadata
from pathlib import Path

import numpy as np

from corpus.load import Corpus
from corpus.responsibility import agencies_in
from corpus.settings import Settings
from corpus.types import Plan
from index.chunks import chunks_from_plan
from index.dense import DenseIndex
from index.embedder import Embedder
from index.lexical import BM25, PlanTokenizer
from index.types import Chunk, StoreError, StoreUnavailable  # noqa: F401 - re-exported for callers

FORMAT = 3  # 2: chunks.json holds clause ids and indexed text; 3: the manifest has file checksums
FILES = ("dense.faiss", "chunks.json", "tokens.json")
SHRINK_WARNING = 0.5  # a rebuilt plan with under half the tasks or units of the last build is logged
log = logging.getLogger("planqa.index")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _checksum_problem(path: Path, manifest: dict) -> str | None:
    recorded = manifest.get("files")
    if not isinstance(recorded, dict):
        return "the manifest has no checksums"
    for name in FILES:
        if recorded.get(name) != _sha256(path / name):
            return f"checksum of {name} differs from the manifest"
    return None


@dataclass
class LoadedIndex:
    chunks: list[Chunk]
    dense_index: DenseIndex
    tokens: list[list[str]]
    manifest: dict
    path: Path

    @cached_property
    def _bm25(self) -> BM25:
        return BM25(self.tokens)  # rebuilt from stored tokens at load: no pickle, milliseconds

    @cached_property
    def vocabulary(self) -> set[str]:
        return {t for doc in self.tokens for t in doc}

    def bm25(self, query_tokens: list[str], k: int) -> list[tuple[int, float]]:
        return self._bm25.search(query_tokens, k)

    def dense(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        return self.dense_index.search(vector, k)

    def fresh(self) -> LoadedIndex:
        return self


class EmbeddedStore:
    """Files under PLANQA_INDEX_DIR, one folder per embedder; a file lock serialises builds."""

    name = "embedded"

    def __init__(self, settings: Settings):
        self.settings = settings

    def load_or_build(
        self, embedder: Embedder, corpus: Corpus, tokenizer: PlanTokenizer, force: bool = False
    ) -> LoadedIndex:
        return load_or_build(embedder, corpus, tokenizer, index_path(self.settings, embedder), force)

    def close(self) -> None:
        pass


def _versions() -> dict[str, str]:
    out = {}
    for dist in ("faiss-cpu", "jieba", "rank-bm25", "opencc-python-reimplemented"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "?"
    return out


def expected_manifest(embedder: Embedder, corpus: Corpus, tokenizer: PlanTokenizer) -> dict:
    return {
        "format": FORMAT,
        "embedder": embedder.name,
        "corpus_sha256": corpus.sha256,
        "tokenizer": tokenizer.fingerprint,
        "versions": _versions(),
    }


def _why_stale(manifest: dict, expected: dict) -> str | None:
    for key, what in (
        ("format", "index format"),
        ("embedder", "embedder"),
        ("corpus_sha256", "plan text"),
        ("tokenizer", "tokeniser dictionary"),
        ("versions", "library versions"),
    ):
        if manifest.get(key) != expected[key]:
            return f"{what} changed ({manifest.get(key)!r} -> {expected[key]!r})"
    return None


def _chunk(plan: Plan, stored: dict) -> Chunk:
    """A stored chunk is its clause id and indexed text; the clause itself comes from the plan."""
    clause = plan.get(stored["id"])
    if clause is None:
        raise ValueError(f"chunk {stored['id']!r} is not a clause of the plan")
    return Chunk(clause=clause, index_text=stored["index_text"])


def read_index(path: Path, expected: dict, plan: Plan) -> tuple[LoadedIndex | None, str]:
    """(index, "") when current; (None, reason) when missing, stale or corrupt."""
    mpath = path / "manifest.json"
    if not mpath.is_file():
        return None, f"no index at {path}"
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
        if why := _why_stale(manifest, expected):
            return None, f"stale: {why}"
        if why := _checksum_problem(path, manifest):
            return None, f"corrupt: {why}"
        chunks = [_chunk(plan, c) for c in json.loads((path / "chunks.json").read_text(encoding="utf-8"))]
        tokens = json.loads((path / "tokens.json").read_text(encoding="utf-8"))
        dense = _load_dense(path)
    except Exception as e:  # noqa: BLE001 - any unreadable file means "corrupt"; we rebuild
        return None, f"corrupt: {type(e).__name__}: {str(e)[:120]}"
    if not (len(chunks) == len(tokens) == dense.size == manifest.get("chunks")):
        return None, f"corrupt: counts disagree (chunks {len(chunks)}, tokens {len(tokens)}, vectors {dense.size})"
    if dense.dim != manifest.get("dim"):
        return None, f"corrupt: vector size {dense.dim} != manifest {manifest.get('dim')}"
    return LoadedIndex(chunks, dense, tokens, manifest, path), ""


def build(embedder: Embedder, corpus: Corpus, tokenizer: PlanTokenizer, path: Path) -> LoadedIndex:
    """Embed and tokenise every chunk and write the files; if the folder is not writable, the index
    still serves from memory and the log says so."""
    t0 = time.perf_counter()
    chunks = chunks_from_plan(corpus.plan)
    vectors = embed_reusing(embedder, [c.index_text for c in chunks], _previous_vectors(path, embedder.name))
    tokens = [tokenizer.tokens(c.index_text) for c in chunks]
    dense = DenseIndex.build(np.asarray(vectors))
    manifest = {
        **expected_manifest(embedder, corpus, tokenizer),
        "dim": dense.dim,
        "chunks": len(chunks),
        "tasks": len(corpus.plan.tasks),
        "units": len(agencies_in(corpus.plan)),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - t0, 3),
    }
    try:
        _write(path, chunks, tokens, dense, manifest)
    except OSError as e:
        log.warning("index: cannot write %s (%s); serving from memory. Set PLANQA_INDEX_DIR to a writable folder.",
                    path, e.strerror or e)
    return LoadedIndex(chunks, dense, tokens, manifest, path)


def _load_dense(path: Path) -> DenseIndex:
    return DenseIndex.load(path / "dense.faiss")


def _previous_vectors(path: Path, embedder_name: str) -> dict[str, np.ndarray]:
    """The last build's vectors by indexed text, when that build used the same embedder. A rebuild
    for another reason (the shared segmenter's dictionary grew when a plan was added, a library
    version changed) then embeds only the texts that changed: a model embeds a text to the same
    vector, and embedding is the slow part."""
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("embedder") != embedder_name or _checksum_problem(path, manifest):
            return {}
        texts = [c["index_text"] for c in json.loads((path / "chunks.json").read_text(encoding="utf-8"))]
        vectors = _load_dense(path).vectors()
    except Exception:  # noqa: BLE001 - nothing reusable is no error: everything is embedded
        return {}
    return dict(zip(texts, vectors, strict=False)) if len(texts) == len(vectors) else {}


def embed_reusing(embedder: Embedder, texts: list[str], known: dict[str, np.ndarray]) -> np.ndarray:
    """The texts' vectors, embedding only those `known` (an earlier build's, by text) lacks."""
    missing = [t for t in dict.fromkeys(texts) if t not in known]
    if missing:
        known = {**known, **dict(zip(missing, np.asarray(embedder.embed_passages(missing)), strict=True))}
    return np.asarray([known[t] for t in texts], dtype="float32")


def _write(path: Path, chunks: list[Chunk], tokens: list[list[str]], dense: DenseIndex, manifest: dict) -> None:
    # Write into a fresh sibling folder, then swap it in: readers never see half an index.
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    dense.save(tmp / "dense.faiss")
    (tmp / "chunks.json").write_text(json.dumps([{"id": c.id, "index_text": c.index_text} for c in chunks], ensure_ascii=False), encoding="utf-8")
    (tmp / "tokens.json").write_text(json.dumps(tokens, ensure_ascii=False), encoding="utf-8")
    manifest["files"] = {name: _sha256(tmp / name) for name in FILES}
    # The manifest goes last: an index without one is treated as absent.
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    old = path.with_name(f".{path.name}.old-{os.getpid()}")
    if path.exists():
        path.rename(old)
    tmp.rename(path)
    shutil.rmtree(old, ignore_errors=True)


def load_or_build(
    embedder: Embedder, corpus: Corpus, tokenizer: PlanTokenizer, path: Path, force: bool = False
) -> LoadedIndex:
    expected = expected_manifest(embedder, corpus, tokenizer)
    if not force:
        loaded, why = read_index(path, expected, corpus.plan)
        if loaded is not None:
            return loaded
    else:
        why = "forced"
    lock_path = path.with_name(f".{path.name}.lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(lock_path, "w")  # noqa: SIM115 - held for the duration of the build
    except OSError:
        lock = None
    try:
        if lock is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be building the same index
            if not force:
                loaded, _ = read_index(path, expected, corpus.plan)
                if loaded is not None:
                    return loaded
        log.warning("index: building %s (%s)", path, why)
        previous = _previous_manifest(path)
        loaded = build(embedder, corpus, tokenizer, path)
        _warn_if_shrunk(previous, loaded.manifest, corpus.path)
        return loaded
    finally:
        if lock is not None:
            lock.close()


def _previous_manifest(path: Path) -> dict:
    try:
        return json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _warn_if_shrunk(previous: dict, manifest: dict, plan_file: Path) -> None:
    """Log when the plan has far fewer tasks or units than at the last build (a cut or wrong file)."""
    for key, what in (("tasks", "tasks"), ("units", "responsible units")):
        before, now = previous.get(key), manifest.get(key)
        if isinstance(before, int) and isinstance(now, int) and now < before * SHRINK_WARNING:
            log.warning(
                "index: the plan now has %d %s, the last build had %d: is %s the complete plan file?",
                now, what, before, plan_file,
            )


def index_path(settings: Settings, embedder: Embedder) -> Path:
    import re

    return Path(settings.index_dir) / re.sub(r"[^A-Za-z0-9._-]+", "-", embedder.name).strip("-")
