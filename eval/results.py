"""What a run produces: one `Outcome` per question, one `ConfigResult` per configuration, one
`EvalResult` per run, and the metric keys the per-question rows and summaries carry.

Plain records with no I/O: the runner fills them, `eval.outputs` and `eval.report` read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.configs import ConfigSpec
from eval.questions import LineError, Question

RECALL_KS = (1, 3, 5)
ANSWER_KEYS = ("lead_correct", "unit_f1", "contains", "citation_precision")
# Trust: wrong answers (headline), right behaviour per slot, completeness of multi-part answers.
TRUST_KEYS = ("wrong", "behaved", "parts")


def retrieval_keys(k: int) -> list[str]:
    """Row and summary keys of the retrieval metrics at ranking depth k."""
    return [*(f"recall@{n}" for n in RECALL_KS), f"mrr@{k}", f"ndcg@{k}"]


@dataclass
class Outcome:
    ranked: list[str]
    scores: list[float]
    latency_ms: float
    answer: Any | None = None  # assistant.types.Answer for assistant configs


@dataclass
class ConfigResult:
    spec: ConfigSpec
    rows: list[dict[str, Any]]
    summary: dict[str, Any]
    by_type: dict[str, dict[str, Any]]  # question type -> summary over that type's rows
    seconds: float = 0.0

    @property
    def name(self) -> str:
        return self.spec.name


@dataclass
class EvalResult:
    k: int
    question_file: str
    questions: list[Question]
    results: list[ConfigResult]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (config, reason)
    line_errors: list[LineError] = field(default_factory=list)
    out_dir: Path = Path(".")
    machine: str = ""  # CPU count and load at the start: latency on a shared machine needs the context
    code: str = ""  # git commit (+ uncommitted changes) the run used

    @property
    def any_answers(self) -> bool:
        return any(r.spec.has_answers for r in self.results)

    @property
    def types(self) -> list[str]:
        """Question types in first-appearance order."""
        return list(dict.fromkeys(q.type for q in self.questions))

    def result(self, name: str) -> ConfigResult | None:
        return next((r for r in self.results if r.name == name), None)

    @property
    def headline(self) -> str | None:
        """The configuration with the best MRR@k among hybrid/assistant configs (first on ties);
        if none of those ran, the best over all."""
        key = f"mrr@{self.k}"
        for pool in (
            [r for r in self.results if r.spec.kind in ("hybrid", "assistant")],
            self.results,
        ):
            scored = [r for r in pool if r.summary.get(key) is not None]
            if scored:
                best = max(r.summary[key] for r in scored)
                return next(r.name for r in scored if r.summary[key] == best)
        return None
