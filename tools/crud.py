"""The CRUD-RAG news corpus used by the scale benchmarks (/work/shared/bench/crud-rag), read and
tokenised once: tokens are cached on disk (JSON lines, gzip), keyed by the documents' hash and the
tokeniser's fingerprint, because tokenising 14 million characters takes minutes on 2 cores."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from corpus.settings import ROOT

DOCS = Path(os.environ.get("PLANQA_BENCH_DOCS", "/work/shared/bench/crud-rag/docs-20k.jsonl.gz"))
CACHE = ROOT / "build/bench-cache"


def read_docs(n: int, path: Path = DOCS) -> list[dict]:
    if not path.is_file():
        raise SystemExit(f"error: {path} not found (set PLANQA_BENCH_DOCS to docs-20k.jsonl.gz)")
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if len(out) >= n:
                break
            if line.strip():
                out.append(json.loads(line))
    return out


def progress(items: list, desc: str) -> Iterator:
    """tqdm on a terminal; plain iteration otherwise (CI logs do not need 20,000 redraws)."""
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm ships with the dependencies
        return iter(items)
    return iter(tqdm(items, desc=desc, disable=not sys.stderr.isatty(), mininterval=1.0))


_TOKENIZER = None


def _tokenise(texts: list[str]) -> list[list[str]]:
    global _TOKENIZER
    if _TOKENIZER is None:
        from index.lexical import PlanTokenizer

        _TOKENIZER = PlanTokenizer([])
    return [_TOKENIZER.tokens(t) for t in texts]


def tokens_for(docs: list[dict], workers: int = 2) -> list[list[str]]:
    """jieba search-mode tokens of each document (the plan's tokeniser, no plan dictionary),
    computed in `workers` processes and cached."""
    from index.lexical import PlanTokenizer

    h = hashlib.sha256()
    for d in docs:
        h.update(d["id"].encode() + b"\0" + d["text"].encode() + b"\0")
    key = f"tokens-{len(docs)}-{h.hexdigest()[:16]}-{PlanTokenizer([]).fingerprint}.jsonl.gz"
    path = CACHE / key
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return [json.loads(line) for line in f]
    texts = [d["text"] for d in docs]
    batches = [texts[i : i + 200] for i in range(0, len(texts), 200)]
    out: list[list[str]] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for toks in progress(list(pool.map(_tokenise, batches)), "tokenise"):
            out += toks
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as f:
        for t in out:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    tmp.rename(path)
    return out


def doc_queries(docs: list[dict], n: int = 50) -> list[str]:
    """Questions a reader of the news might type: a stretch of a document's opening sentence."""
    step = max(1, len(docs) // n)
    out = []
    for d in docs[::step][:n]:
        first = d["text"].split("。")[0]
        out.append(first[:24])
    return out
