"""The held-out question set is valid against the parsed plan and does not repeat the public set."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.script import fold
from eval.questions import Question, load_questions

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "eval/heldout.jsonl"
PUBLIC = ROOT / "eval/questions.jsonl"


@pytest.fixture(scope="module")
def heldout() -> list[Question]:
    questions, errors = load_questions(HELDOUT)
    assert errors == []
    return questions


def test_loads_without_errors_and_is_large_enough(heldout):
    assert len(heldout) >= 60
    assert len({q.id for q in heldout}) == len(heldout)


def test_every_gold_clause_id_exists(heldout, plan):
    for q in heldout:
        for cid in q.gold_clause_ids:
            assert plan.get(cid) is not None, (q.id, cid)


def test_unanswerable_questions_have_no_gold(heldout):
    for q in heldout:
        if q.type == "unanswerable":
            assert q.answerable is False, q.id
            assert q.gold_clause_ids == () and q.gold_answer_contains == (), q.id
        else:
            assert q.answerable is True, q.id
            assert q.gold_clause_ids, q.id


def test_gold_leads_and_members_match_the_plan(heldout, plan):
    for q in heldout:
        if q.type in ("lead", "members"):
            assert q.gold_lead is not None, q.id
        if q.gold_lead is None:
            assert q.gold_members == (), q.id
            continue
        task = plan.get(q.gold_clause_ids[0])
        assert task is not None and task.kind == "task", q.id
        assert q.gold_lead == task.units.lead.name, q.id
        if q.type == "members" or q.gold_members:
            assert q.gold_members == tuple(u.name for u in task.units.members), q.id


def test_agency_tasks_gold_ids_are_complete(heldout, plan):
    """For agency questions the gold ids are every task that names one agency (led or listed)."""
    names = {name for c in plan.tasks for name in c.units.names}
    candidates = set()
    for name in names:
        candidates.add(tuple(c.id for c in plan.tasks if c.units.lead.name == name))
        candidates.add(tuple(c.id for c in plan.tasks if name in c.units.names))
    for q in heldout:
        if q.type == "agency_tasks":
            assert q.gold_clause_ids in candidates, q.id


def test_answer_strings_appear_in_a_gold_clause(heldout, plan):
    for q in heldout:
        texts = [fold(plan.get(cid).title + plan.get(cid).text) for cid in q.gold_clause_ids]
        for s in q.gold_answer_contains:
            assert any(fold(s) in t for t in texts), (q.id, s)


def test_no_question_repeats_the_public_set(heldout):
    public, errors = load_questions(PUBLIC)
    assert errors == []
    public_texts = {fold(p.question).strip() for p in public}
    for q in heldout:
        assert fold(q.question).strip() not in public_texts, q.id
