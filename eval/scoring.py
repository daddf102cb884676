"""Scoring: per-question metric values, the per-question row written to runs/<config>.jsonl, and the
summary (means, refusal precision/recall, latency percentiles) over rows. Pure: no I/O, no timing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eval.configs import ConfigSpec
from eval.metrics import (
    citation_precision,
    contains_all,
    judged_wrong,
    mean,
    ndcg_at_k,
    part_share,
    parts_say_not_stated,
    percentile,
    recall_at_k,
    reciprocal_rank,
    refusal_precision_recall,
    unit_set_f1,
)
from eval.questions import Question
from eval.results import ANSWER_KEYS, RECALL_KS, TRUST_KEYS, Outcome, retrieval_keys


def score_question(q: Question, outcome: Outcome, k: int, with_answer: bool) -> dict[str, Any]:
    """Per-question metric values (None = not applicable to this question)."""
    gold = q.gold_clause_ids
    ranked = outcome.ranked
    m: dict[str, Any] = {f"recall@{n}": recall_at_k(ranked, gold, n) for n in RECALL_KS}
    m[f"mrr@{k}"] = reciprocal_rank(ranked, gold, k)
    m[f"ndcg@{k}"] = ndcg_at_k(ranked, gold, k)
    if with_answer:
        m.update(_answer_scores(q, outcome.answer))
    return m


def _answer_scores(q: Question, a: Any | None) -> dict[str, float | None]:
    """The answer metrics of one question, keyed by ANSWER_KEYS; `a` is the assistant's Answer."""
    gold = q.gold_clause_ids
    citations = tuple(a.citations) if a is not None else ()
    first = citations[0] if citations else None
    m: dict[str, float | None] = dict.fromkeys(ANSWER_KEYS)
    # lead accuracy: the first citation's lead equals the gold lead after folding (unit_set_f1 on
    # two one-element sets is 1.0 exactly when they match)
    if q.type == "lead" and q.gold_lead:
        pred = [first.lead] if first is not None and first.lead else []
        m["lead_correct"] = 1.0 if unit_set_f1(pred, [q.gold_lead]) == 1.0 else 0.0
    if q.type == "members" and (q.gold_lead or q.gold_members):
        # A multi-part question ("谁牵头 配合单位都有谁") may give the members' gold alone (no gold lead):
        # then the cited task's members are what is compared.
        with_lead = q.gold_lead is not None
        pred = ([first.lead] if first.lead and with_lead else []) + list(first.members) if first is not None else []
        m["unit_f1"] = unit_set_f1(pred, ([q.gold_lead] if q.gold_lead else []) + list(q.gold_members))
    if q.answerable and q.gold_answer_contains:
        m["contains"] = 1.0 if a is not None and contains_all(a.answer, q.gold_answer_contains) else 0.0
    if q.answerable and gold:
        m["citation_precision"] = citation_precision([c.clause_id for c in citations], gold)
    m.update(_trust_scores(q, a, m))
    return m


def _trust_scores(q: Question, a: Any | None, m: dict[str, float | None]) -> dict[str, float | None]:
    """wrong (answered but wrong, or answered what cannot be answered), behaved (did what the question
    expects: answer correctly, say "not stated", or refuse) and parts (multi-part completeness)."""
    status = getattr(a, "status", "") if a is not None else "error"
    answered = a is not None and not a.refused
    correct = all(m.get(key) in (None, 1.0) for key in ("lead_correct", "unit_f1", "contains"))
    expect = q.expected
    # "谁牵头 要投多少钱" where the plan names the lead but no sum: answering the one part from the topic's
    # own clause and saying the other is not stated is what the question expects, not a wrong answer
    split_not_stated = expect == "not_stated" and q.multipart and answered and parts_say_not_stated(
        tuple(getattr(a, "part_statuses", ()) or ()), [c.clause_id for c in getattr(a, "citations", ())], q.gold_clause_ids
    )
    if expect == "answer":
        behaved = answered and correct
    elif expect == "not_stated":
        behaved = status == "not_stated" or split_not_stated
    else:
        behaved = a is not None and a.refused and status != "not_stated"
    return {
        "wrong": 1.0 if judged_wrong(answered, q.answerable, correct) and not split_not_stated else 0.0,
        "behaved": 1.0 if behaved else 0.0,
        "parts": part_share(a.answer, q.gold_answer_contains) if q.multipart and a is not None else None,
    }


def make_row(q: Question, spec: ConfigSpec, outcome: Outcome, k: int, error: str | None) -> dict[str, Any]:
    """One question's line in runs/<config>.jsonl: the question, what the system returned, its scores."""
    row: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "question": q.question,
        "answerable": q.answerable,
        "gold_ids": list(q.gold_clause_ids),
        "ranked": list(outcome.ranked),
        "scores": [round(s, 6) for s in outcome.scores],
        **score_question(q, outcome, k, spec.has_answers),
        "latency_ms": round(outcome.latency_ms, 3),
    }
    if spec.has_answers:
        a = outcome.answer
        row["answer"] = a.answer if a is not None else ""
        row["refused"] = bool(a.refused) if a is not None else False
        row["cited"] = [c.clause_id for c in a.citations] if a is not None else []
        first = a.citations[0] if a is not None and a.citations else None
        row["cited_lead"] = first.lead if first is not None else None  # what lead accuracy and unit F1 judge
        row["cited_members"] = list(first.members) if first is not None else []
        row["related"] = [c.clause_id for c in a.related] if a is not None else []
        row["intent"] = getattr(a, "intent", "") if a is not None else ""
        row["status"] = getattr(a, "status", "") if a is not None else ""
        row["slot"] = q.slot or q.type
        row["expect"] = q.expected
    row["error"] = error
    return row


def summarise(rows: Sequence[dict[str, Any]], k: int, with_answer: bool) -> dict[str, Any]:
    """Means over per-question rows (None values excluded), refusal P/R, latency percentiles."""
    out: dict[str, Any] = {"n": len(rows)}
    keys = retrieval_keys(k)
    out["n_retrieval"] = sum(r[keys[0]] is not None for r in rows)
    for key in keys:
        out[key] = mean(r[key] for r in rows)
    if with_answer:
        for key in ANSWER_KEYS:
            out[key] = mean(r[key] for r in rows)
            out[f"n_{key}"] = sum(r[key] is not None for r in rows)
        p, r_ = refusal_precision_recall((bool(r["refused"]), bool(r["answerable"])) for r in rows)
        out["refusal_precision"], out["refusal_recall"] = p, r_
        for key in TRUST_KEYS:
            out[key] = mean(r.get(key) for r in rows)
            out[f"n_{key}"] = sum(r.get(key) is not None for r in rows)
        out["wrong_units"] = mean(r.get("wrong") for r in rows if r["type"] in ("lead", "members"))
        said_not_stated = [r for r in rows if r.get("status") == "not_stated"]
        out["not_stated_precision"] = (
            mean(0.0 if r["answerable"] else 1.0 for r in said_not_stated) if said_not_stated else None
        )
    lat = [r["latency_ms"] for r in rows if r.get("error") is None]
    out["latency_p50_ms"] = percentile(lat, 50)
    out["latency_p95_ms"] = percentile(lat, 95)
    out["errors"] = sum(r.get("error") is not None for r in rows)
    return out
