"""The sparse BM25 must give rank_bm25's scores exactly: the eval figures depend on them."""

import random

import numpy as np

from index.chunks import chunks_from_plan
from index.lexical import BM25, PlanTokenizer, RankBM25, SparseBM25, top_k


def test_sparse_scores_equal_rank_bm25_bit_for_bit_on_the_plan(plan, directory):
    tok = PlanTokenizer.for_plan(plan, directory.all_aliases())
    docs = [tok.tokens(c.index_text) for c in chunks_from_plan(plan)] + [[]]  # an empty chunk too
    ref, sparse = RankBM25(docs), SparseBM25(docs)
    vocab = sorted({t for d in docs for t in d})
    rnd = random.Random(7)
    queries = [rnd.sample(vocab, rnd.randint(1, 6)) for _ in range(200)] + [["不在词表"], ["算力", "算力"]]
    for q in queries:
        assert np.array_equal(ref.scores(q), sparse.scores(q)), q


def test_top_k_orders_by_score_then_document_and_drops_zero():
    scores = np.array([0.0, 2.0, 1.0, 2.0, -0.5, 1.0])
    assert top_k(scores, 3) == [(1, 2.0), (3, 2.0), (2, 1.0)]
    assert top_k(scores, 10) == [(1, 2.0), (3, 2.0), (2, 1.0), (5, 1.0)]
    assert top_k(np.zeros(4), 2) == []
    assert BM25([["a"], ["b"]]).search([], 5) == []
