"""Every user-phrased question set is valid against the parsed plan: gold ids exist, gold leads and
members are the plan's own lists, expected phrases are in a gold clause, and the expectation fields
are consistent. A set with a wrong gold would score a right answer as wrong (or the reverse)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus.script import fold
from eval.questions import EXPECTS, load_questions

ROOT = Path(__file__).resolve().parents[1]
SETS = sorted(
    p.name
    for p in (ROOT / "eval").glob("*.jsonl")
    if p.name not in ("questions.jsonl", "heldout.jsonl", "multiplan.jsonl")
)
# A draft set outside eval/ can be checked the same way before it is committed.
if os.environ.get("PLANQA_CHECK_SET"):
    SETS.append(os.environ["PLANQA_CHECK_SET"])


def _load(name: str):
    path = Path(name) if os.path.isabs(name) else ROOT / "eval" / name
    questions, errors = load_questions(path)
    assert errors == [], errors
    return questions


@pytest.mark.parametrize("name", SETS)
def test_set_is_valid_against_the_plan(name, plan):
    questions = _load(name)
    assert len({q.id for q in questions}) == len(questions)
    for q in questions:
        assert q.expect in EXPECTS and q.expect, q.id
        for cid in q.gold_clause_ids:
            assert plan.get(cid) is not None, (q.id, cid)
        if q.expect == "answer":
            assert q.answerable and q.gold_clause_ids, q.id
        else:
            assert not q.answerable and q.gold_answer_contains == (), q.id
        if q.expect == "refuse":
            assert q.gold_clause_ids == (), q.id
        assert bool(q.history) == (q.type == "followup") or q.type == "unanswerable" or q.multipart, q.id
        if q.type in ("lead", "members") and q.answerable and not q.multipart:  # each part has a lead
            assert q.gold_lead is not None, q.id
        if q.gold_lead is not None:
            tasks = [plan.get(cid) for cid in q.gold_clause_ids if plan.get(cid).kind == "task"]
            assert tasks and q.gold_lead == tasks[0].units.lead.name, q.id
            if q.type == "members":
                assert q.gold_members == tuple(u.name for u in tasks[0].units.members), q.id
        if q.type not in ("structure", "agency_tasks"):  # these answers count and list headings
            # an answer names units by their full name (工信廳 is written, 省工信廳 is shown)
            texts = [
                fold(plan.get(cid).title + plan.get(cid).text + "、".join(plan.get(cid).units.names if plan.get(cid).units else ()))
                for cid in q.gold_clause_ids
            ]
            for s in q.gold_answer_contains:
                assert any(fold(s) in t for t in texts), (q.id, s)


def _key(q) -> str:
    return fold(q.question).strip() + "|" + "|".join(fold(t.content) for t in q.history)


@pytest.mark.parametrize("name", SETS)
def test_no_set_repeats_the_public_set(name):
    public = {_key(q) for q in _load("questions.jsonl")}
    assert [q.id for q in _load(name) if _key(q) in public] == []


# The newest held-out set must not repeat any question written before it (one question is shared
# by fresh_test and fresh2_test; both were already run once when this check was added).
NEWEST = "fresh22_test.jsonl"


@pytest.mark.skipif(not (ROOT / "eval" / NEWEST).exists(), reason="no newest set yet")
def test_newest_set_repeats_no_earlier_question():
    earlier = {_key(q) for name in ["questions.jsonl", "heldout.jsonl", *SETS] if name != NEWEST for q in _load(name)}
    assert [q.id for q in _load(NEWEST) if _key(q) in earlier] == []
