"""The answerability model: is this clause about the question? A small logistic regression (pure
functions; the weights are JSON in `assistant/answerable.json`, refitted by `python -m eval.fit_answerable`).

Features are computed per (question, candidate clause) from signals the pipeline already has: topic
coverage, words absent from the plan, each retriever's rank and score, whether BM25 and dense agree,
the fused score's margin over the other candidates, an exact name match, and the topic's length.
The decision threshold is `Settings.answerable_threshold`; the hard guard for topic words the plan
never uses stays in `assistant.grounding`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from index.types import Hit

WEIGHTS_FILE = Path(__file__).resolve().parent / "answerable.json"

FEATURES = (
    "coverage",  # share of the question's topic the clause (with its headings) covers
    "coverage_full",  # 1 when the whole topic is covered
    "absent",  # 1 when a topic word occurs nowhere in the plan
    "agreed",  # 1 when BM25 and dense both rank the clause first
    "bm25_rr",  # 1 / BM25 rank (0 when BM25 did not rank it)
    "dense_rr",  # 1 / dense rank
    "dense_score",  # the dense cosine similarity
    "bm25_score",  # log(1 + BM25 score)
    "match",  # 1 when an exact programme name or task title matched
    "position_rr",  # 1 / position among the candidates judged
    "score_ratio",  # fused score / best fused score among the candidates
    "margin",  # (fused score - best other candidate's) / best fused score
    "topic_chars",  # log(1 + characters of topic)
    "coverage_gap",  # coverage - the best coverage among the other candidates (issue 11, round 2)
    "sentence_cov",  # share of the topic the clause's best single sentence covers
)


def features(
    coverage: float,
    absent: bool,
    hit: Hit,
    hits: list[Hit] | None,
    topic_chars: int,
    other_coverage: float = 0.0,
    sentence_cov: float = 0.0,
) -> dict[str, float]:
    """The model's inputs for one candidate `hit` among `hits` (the candidates judged, best first);
    `other_coverage` is the best coverage among the other candidates, `sentence_cov` the best single
    sentence's."""
    hits = hits or [hit]
    scores = [h.score for h in hits]
    top = max(scores + [hit.score]) or 1e-9
    others = [h.score for h in hits if h.clause.id != hit.clause.id]
    position = next((i for i, h in enumerate(hits) if h.clause.id == hit.clause.id), 0) + 1
    bm25, dense = hit.ranks.get("bm25"), hit.ranks.get("dense")
    return {
        "coverage": coverage,
        "coverage_full": 1.0 if coverage >= 0.999 else 0.0,
        "absent": 1.0 if absent else 0.0,
        "agreed": 1.0 if bm25 == 1 and dense == 1 else 0.0,
        "bm25_rr": 1.0 / bm25 if bm25 else 0.0,
        "dense_rr": 1.0 / dense if dense else 0.0,
        "dense_score": float(hit.scores.get("dense", 0.0)),
        "bm25_score": math.log1p(max(0.0, float(hit.scores.get("bm25", 0.0)))),
        "match": 1.0 if "match" in hit.ranks else 0.0,
        "position_rr": 1.0 / position,
        "score_ratio": hit.score / top,
        "margin": (hit.score - (max(others) if others else 0.0)) / top,
        "topic_chars": math.log1p(topic_chars),
        "coverage_gap": coverage - other_coverage,
        "sentence_cov": sentence_cov,
    }


@dataclass(frozen=True)
class AnswerableModel:
    """Standardised logistic regression: p = sigmoid(b + sum w_i (x_i - mean_i) / scale_i)."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    meta: dict

    def probability(self, feats: dict[str, float]) -> float:
        z = self.intercept + sum(
            w * (feats.get(n, 0.0) - m) / (s or 1.0)
            for n, m, s, w in zip(self.names, self.mean, self.scale, self.coef, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def to_json(self) -> dict:
        return {
            "format": 1,
            "features": list(self.names),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, obj: dict) -> AnswerableModel:
        if obj.get("format") != 1:
            raise ValueError(f"unknown answerability weights format {obj.get('format')!r}")
        names = tuple(obj["features"])
        unknown = set(names) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown feature(s) in the weights: {', '.join(sorted(unknown))}")
        lengths = {len(obj[k]) for k in ("mean", "scale", "coef")}
        if lengths != {len(names)}:
            raise ValueError("answerability weights: features, mean, scale and coef differ in length")
        return cls(
            names,
            tuple(map(float, obj["mean"])),
            tuple(map(float, obj["scale"])),
            tuple(map(float, obj["coef"])),
            float(obj["intercept"]),
            dict(obj.get("meta", {})),
        )


def load_model(path: Path | str | None = WEIGHTS_FILE) -> AnswerableModel | None:
    """The fitted model, or None when no path is configured (then the coverage rules decide)."""
    if not path:
        return None
    return AnswerableModel.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
