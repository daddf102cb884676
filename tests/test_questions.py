"""The public question set is valid against the parsed plan; the loader reports bad lines precisely."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from corpus.script import detect_script, fold
from eval.questions import QUESTION_TYPES, LineError, Question, load_questions

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT / "eval/questions.jsonl"
SMALL = ROOT / "tests/fixtures/eval_small.jsonl"

# Minimum number of questions per type (the brief for the public set).
MINIMUMS = {
    "lead": 25,
    "members": 10,
    "agency_tasks": 12,
    "number": 12,
    "topic": 10,
    "structure": 6,
    "document": 4,
    "followup": 6,
    "unanswerable": 12,
}
_LEAD_ONLY = re.compile(r"牵头|牽頭|\blead")


@pytest.fixture(scope="module")
def public() -> list[Question]:
    questions, errors = load_questions(PUBLIC)
    assert errors == []
    return questions


def _script(q: Question) -> str:
    # English questions have no Han characters apart from an occasional quoted name.
    if re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}", q.question):
        return "english"
    return detect_script(q.question)


def test_public_set_size_and_type_coverage(public):
    assert len(public) >= 110
    counts = Counter(q.type for q in public)
    assert set(counts) == QUESTION_TYPES
    for qtype, minimum in MINIMUMS.items():
        assert counts[qtype] >= minimum, (qtype, counts[qtype])


def test_public_set_script_mix(public):
    scripts = Counter(_script(q) for q in public)
    assert scripts["simplified"] > len(public) / 2  # officials mostly type simplified
    assert scripts["traditional"] >= 15
    assert scripts["english"] >= 6
    assert scripts["neutral"] == 0  # every question is clearly in one script


def test_ids_are_unique_and_sequential(public):
    assert [q.id for q in public] == [f"q{i:03d}" for i in range(1, len(public) + 1)]


def test_gold_clause_ids_exist(public, plan):
    for q in public:
        for cid in q.gold_clause_ids:
            assert plan.get(cid) is not None, (q.id, cid)


def test_answerable_flag_matches_gold(public):
    for q in public:
        if q.type == "unanswerable":
            assert not q.answerable and not q.gold_clause_ids and not q.gold_answer_contains, q.id
        else:
            assert q.answerable and q.gold_clause_ids and q.gold_answer_contains, q.id


def test_history_only_on_followups(public):
    for q in public:
        assert bool(q.history) == (q.type == "followup"), q.id
        assert all(t.role == "user" for t in q.history)


def test_gold_units_match_the_parsed_plan(public, plan):
    tasks = {c.id: c for c in plan.tasks}
    for q in public:
        if q.type in ("lead", "members"):
            assert q.gold_lead is not None, q.id
        if q.type == "members":
            assert q.gold_members, q.id
        if q.gold_lead is None:
            assert not q.gold_members, q.id
            continue
        gold_tasks = [cid for cid in q.gold_clause_ids if cid in tasks]
        assert len(gold_tasks) == 1, q.id  # a unit question is about exactly one task
        units = tasks[gold_tasks[0]].units
        assert q.gold_lead == units.lead.name, q.id
        if q.gold_members:
            assert q.gold_members == tuple(u.name for u in units.members), q.id


def test_agency_questions_list_every_task_of_the_agency(public, plan, directory):
    for q in public:
        if q.type != "agency_tasks":
            continue
        found = directory.find_in(q.question)
        assert len(found) == 1, (q.id, found)
        agency = found[0]
        if _LEAD_ONLY.search(q.question):
            expected = [c.id for c in plan.tasks if c.units.lead.name == agency]
        else:
            expected = [c.id for c in plan.tasks if agency in c.units.names]
        assert list(q.gold_clause_ids) == expected, q.id


def test_unanswerable_agency_questions_name_no_plan_unit(public, directory):
    # "what does X do" is only unanswerable when X is absent from the plan's unit lists.
    for q in public:
        if q.type == "unanswerable" and re.search(r"任务|任務|工作", q.question):
            assert directory.find_in(q.question) == [], q.id


def test_answer_strings_are_in_a_gold_clause(public, plan):
    for q in public:
        if not q.answerable or q.type == "structure":
            continue  # structure answers name headings that live in the clause path, not its text
        texts = [fold(plan.get(cid).text) for cid in q.gold_clause_ids]
        for needle in q.gold_answer_contains:
            assert any(fold(needle) in t for t in texts), (q.id, needle)


def test_structure_answers_name_real_headings(public, plan):
    headings = fold(" ".join(" ".join(c.path) + c.title for c in plan.clauses))
    for q in public:
        if q.type == "structure":
            for needle in q.gold_answer_contains:
                assert fold(needle) in headings, (q.id, needle)


def test_structure_questions_use_the_required_ids(public):
    ids = [set(q.gold_clause_ids) for q in public if q.type == "structure"]
    assert {"一", "二", "三", "四", "五"} in ids
    assert {f"四.({n})" for n in "一二三四五六"} in ids


def test_document_questions_cite_the_preamble(public, plan):
    docs = [q for q in public if q.type == "document"]
    assert all(q.gold_clause_ids == ("序",) for q in docs)
    needles = {n for q in docs for n in q.gold_answer_contains}
    assert {plan.issuer, plan.date, plan.title} <= needles


def test_small_fixture_is_a_copy_covering_every_type(public):
    small, errors = load_questions(SMALL)
    assert errors == []
    assert len(small) == 10
    assert {q.type for q in small} == QUESTION_TYPES
    by_id = {q.id: q for q in public}
    for q in small:
        assert by_id[q.id] == q


# ---- loader error reporting


def _good(qid: str, **over) -> str:
    obj = {
        "id": qid,
        "question": "算力建设由哪个部门牵头？",
        "type": "lead",
        "gold_clause_ids": ["二.2"],
        "gold_lead": "省數據管理局",
        "gold_members": [],
        "gold_answer_contains": ["省數據管理局"],
        "answerable": True,
        "history": [],
    }
    obj.update(over)
    return json.dumps(obj, ensure_ascii=False)


def test_malformed_lines_are_reported_and_good_lines_load(tmp_path):
    missing = json.loads(_good("q004"))
    del missing["gold_lead"]
    lines = [
        _good("q001"),  # 1
        '{"id": "q002", "question": ',  # 2: bad JSON
        "",  # 3: blank, skipped
        json.dumps(missing, ensure_ascii=False),  # 4: missing field
        _good("q005", type="opinion"),  # 5: unknown type
        _good("q001"),  # 6: duplicate id
        _good("q007", question="   "),  # 7: empty question
        _good("q008", answerable="yes"),  # 8: ill-typed field
        _good("q009", gold_clause_ids="二.2"),  # 9: list expected
        "[1, 2]",  # 10: not an object
        _good("q011", history=[{"role": "user", "content": "算力谁牵头？"}], type="followup"),  # 11
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    questions, errors = load_questions(path)

    assert [q.id for q in questions] == ["q001", "q011"]
    assert questions[1].history_messages() == [{"role": "user", "content": "算力谁牵头？"}]
    assert [e.line for e in errors] == [2, 4, 5, 6, 7, 8, 9, 10]
    reasons = {e.line: e.reason for e in errors}
    assert "malformed JSON" in reasons[2]
    assert "gold_lead" in reasons[4] and "missing" in reasons[4]
    assert "unknown type 'opinion'" in reasons[5]
    assert "duplicate id 'q001'" in reasons[6] and "line 1" in reasons[6]
    assert "question" in reasons[7] and "empty" in reasons[7]
    assert "answerable" in reasons[8]
    assert "gold_clause_ids" in reasons[9]
    assert "object" in reasons[10]
    assert all(isinstance(e, LineError) for e in errors)


def test_question_records_are_frozen(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(_good("q001") + "\n", encoding="utf-8")
    (q,), errors = load_questions(path)
    assert errors == [] and q.gold_clause_ids == ("二.2",)
    with pytest.raises(AttributeError):
        q.question = "changed"  # type: ignore[misc]
