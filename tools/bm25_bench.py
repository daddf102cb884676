"""BM25 implementations side by side: rank-bm25 (BM25Okapi), bm25s (sparse matrix, Robertson idf)
and index.lexical.SparseBM25 (rank-bm25's formula in bm25s's eager sparse layout). At plan scale
(the plan's clauses; every question of the eval sets) and on the CRUD-RAG news corpus.

    python -m tools.bm25_bench [--docs 1000,20000] [--queries 100]

Reports build time, query p50/p95, index memory, and how often each ranking (top 10) equals
rank-bm25's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc

import numpy as np

from corpus.settings import ROOT, Settings


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class _Bm25s:
    def __init__(self, corpus_tokens: list[list[str]]):
        import bm25s

        self._bm = bm25s.BM25(method="robertson", k1=1.5, b=0.75)
        self._bm.index([t or ["\u2205"] for t in corpus_tokens], show_progress=False)

    def scores(self, q: list[str]) -> np.ndarray:
        ids = self._bm.get_tokens_ids(q)
        if not ids:
            return np.zeros(self._bm.scores["num_docs"])
        return np.asarray(self._bm.get_scores_from_ids(ids), dtype=np.float64)


def _impls():
    from index.lexical import RankBM25, SparseBM25

    return {"rank-bm25": RankBM25, "bm25s": _Bm25s, "sparse (ours)": SparseBM25}


def measure(corpus_tokens: list[list[str]], queries: list[list[str]], k: int = 10) -> list[dict]:
    from index.lexical import top_k

    rows, reference = [], None
    for name, cls in _impls().items():
        tracemalloc.start()
        t = time.perf_counter()
        index = cls(corpus_tokens)
        build_s = time.perf_counter() - t
        mem = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        times, rankings = [], []
        for q in queries:
            t = time.perf_counter()
            found = top_k(index.scores(q), k) if q else []
            times.append((time.perf_counter() - t) * 1000)
            rankings.append([i for i, _ in found])
        if reference is None:
            reference = rankings
        same = sum(a == b for a, b in zip(rankings, reference, strict=True))
        rows.append({
            "impl": name, "docs": len(corpus_tokens), "build_s": round(build_s, 3),
            "query_p50_ms": round(statistics.median(times), 3), "query_p95_ms": round(_pct(times, 95), 3),
            "index_mb": round(mem / 2**20, 1), "same_top10": f"{same}/{len(queries)}",
        })
    return rows


def plan_scale() -> tuple[list[list[str]], list[list[str]]]:
    from corpus.resources import PlanResources
    from index.chunks import chunks_from_plan
    from index.lexical import PlanTokenizer

    res = PlanResources(Settings())
    tok = PlanTokenizer.for_plan(res.plan, res.directory.all_aliases())
    docs = [tok.tokens(c.index_text) for c in chunks_from_plan(res.plan)]
    vocab = {t for d in docs for t in d}
    queries = []
    for name in ("questions", "heldout", "user_tune", "user_test"):
        for line in (ROOT / f"eval/{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)["question"]
                queries.append(tok.query_tokens(res.glossary.expand(q), res.directory.find_in(q), vocab))
    return docs, queries


def news_scale(n: int, n_queries: int) -> tuple[list[list[str]], list[list[str]]]:
    from index.lexical import PlanTokenizer
    from tools.crud import doc_queries, read_docs, tokens_for

    docs = read_docs(n)
    tok = PlanTokenizer([])
    return tokens_for(docs), [tok.query_tokens(q) for q in doc_queries(docs, n_queries)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.bm25_bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--docs", default="1000,20000", help="news corpus sizes (0 = plan scale only)")
    p.add_argument("--queries", type=int, default=100)
    args = p.parse_args(argv)
    rows = measure(*plan_scale())
    for n in (int(x) for x in args.docs.split(",") if x.strip() and int(x) > 0):
        rows += measure(*news_scale(n, args.queries))
    cols = list(rows[0])
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
