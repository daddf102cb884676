"""Rank fusion: pure functions over ranked id lists."""

from __future__ import annotations


def weighted_rrf(
    rankings: dict[str, list[str]], weights: dict[str, float], k: int = 60
) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion: score(d) = sum_c w_c / (k + rank_c(d)), ranks from 1.

    Ties break on the id's first appearance across the rankings (in the order given), so the
    result is deterministic.
    """
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    order = 0
    for name, ranked in rankings.items():
        w = weights.get(name, 1.0)
        for rank, doc in enumerate(ranked, 1):
            scores[doc] = scores.get(doc, 0.0) + w / (k + rank)
            if doc not in first_seen:
                first_seen[doc] = order
                order += 1
    return sorted(scores.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))


def ranks(ranked: list[str]) -> dict[str, int]:
    """id -> 1-based rank."""
    return {doc: i for i, doc in enumerate(ranked, 1)}
