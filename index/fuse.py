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


def minmax(scores: dict[str, float]) -> dict[str, float]:
    """Scale to [0, 1] over the given candidates (all equal -> all 1)."""
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    if hi - lo < 1e-12:
        return {d: 1.0 for d in scores}
    return {d: (s - lo) / (hi - lo) for d, s in scores.items()}


def weighted_score_sum(
    scores: dict[str, dict[str, float]], weights: dict[str, float], order: list[str] | None = None
) -> list[tuple[str, float]]:
    """Score-normalised fusion: sum_c w_c * minmax_c(score_c(d)); a candidate a component did not
    return scores 0 there. Unlike RRF it keeps how far ahead a component's best candidate is.
    Ties break on `order` (e.g. the chunks' plan order), else on id."""
    fused: dict[str, float] = {}
    for name, comp in scores.items():
        w = weights.get(name, 1.0)
        for doc, s in minmax(comp).items():
            fused[doc] = fused.get(doc, 0.0) + w * s
    pos = {d: i for i, d in enumerate(order or [])}
    return sorted(fused.items(), key=lambda kv: (-kv[1], pos.get(kv[0], len(pos)), kv[0]))
