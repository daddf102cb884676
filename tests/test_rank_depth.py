"""BM25 and dense each rank RANK_DEPTH candidates for the fusion (or k, if more are asked for), not the
whole library; a single plan (43 chunks) is still ranked whole, so its answers do not change."""

from index.retriever import RANK_DEPTH


class RecordingIndex:
    """A SearchIndex that records how deep each component was asked to rank."""

    def __init__(self, chunks, vocabulary):
        self.chunks, self.vocabulary, self.asked = chunks, vocabulary, {}

    def bm25(self, tokens, k):
        self.asked["bm25"] = k
        return [(i, 1.0 / (i + 1)) for i in range(min(k, len(self.chunks)))]

    def dense(self, vector, k):
        self.asked["dense"] = k
        return [(i, 1.0 / (i + 1)) for i in range(min(k, len(self.chunks)))]


def test_components_rank_at_most_rank_depth_candidates(hash_retriever):
    real = hash_retriever.warm_up()
    library = RecordingIndex(real.chunks * 6, real.vocabulary)  # 258 chunks, more than RANK_DEPTH
    rankings, _ = hash_retriever._rankings("算力基础设施谁牵头", "hybrid", library)
    assert library.asked == {"bm25": RANK_DEPTH, "dense": RANK_DEPTH}
    assert len(rankings["bm25"]) == len(rankings["dense"]) == RANK_DEPTH
    hash_retriever._rankings("算力基础设施谁牵头", "hybrid", library, k=150)
    assert library.asked == {"bm25": 150, "dense": 150}


def test_one_plan_is_still_ranked_whole(hash_retriever):
    real = hash_retriever.warm_up()
    plan = RecordingIndex(real.chunks, real.vocabulary)
    hash_retriever._rankings("算力基础设施谁牵头", "hybrid", plan)
    assert plan.asked == {"bm25": len(real.chunks), "dense": len(real.chunks)} and len(real.chunks) < RANK_DEPTH
