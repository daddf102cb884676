"""The evaluation question set: one JSON object per line, loaded into frozen `Question` records.

A bad line never stops the load: it is reported as a `LineError` (1-based line number and reason)
and the good lines are still returned, so one typo does not hide the rest of the set.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

QUESTION_TYPES: frozenset[str] = frozenset(
    {
        "lead",
        "members",
        "agency_tasks",
        "number",
        "topic",
        "structure",
        "document",
        "followup",
        "unanswerable",
    }
)


EXPECTS = ("", "answer", "not_stated", "refuse")


@dataclass(frozen=True)
class Turn:
    """One prior turn of a follow-up conversation (only user turns are replayed)."""

    role: str
    content: str


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    type: str
    gold_clause_ids: tuple[str, ...]
    gold_lead: str | None
    gold_members: tuple[str, ...]
    gold_answer_contains: tuple[str, ...]
    answerable: bool
    history: tuple[Turn, ...] = ()
    # Optional (the user-phrased sets carry them): the detail asked for, what a good answer does
    # (answer | not_stated | refuse) and whether the question asks two things at once.
    slot: str = ""
    expect: str = ""
    multipart: bool = False

    @property
    def expected(self) -> str:
        return self.expect or ("answer" if self.answerable else "refuse")

    def history_messages(self) -> list[dict[str, str]]:
        """The prior turns as chat messages, the form the assistant replays."""
        return [{"role": t.role, "content": t.content} for t in self.history]


@dataclass(frozen=True)
class LineError:
    line: int  # 1-based, as an editor shows it
    reason: str


class _Invalid(ValueError):
    pass


def _str_list(obj: dict[str, Any], key: str) -> tuple[str, ...]:
    value = obj[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid(f"field {key!r} must be a list of strings")
    return tuple(value)


def _history(value: Any) -> tuple[Turn, ...]:
    if not isinstance(value, list):
        raise _Invalid("field 'history' must be a list of {role, content} objects")
    turns = []
    for i, turn in enumerate(value):
        if (
            not isinstance(turn, dict)
            or not isinstance(turn.get("role"), str)
            or not isinstance(turn.get("content"), str)
            or not turn["content"].strip()
        ):
            raise _Invalid(f"history[{i}] must be an object with string 'role' and non-empty 'content'")
        turns.append(Turn(turn["role"], turn["content"]))
    return tuple(turns)


_REQUIRED = (
    "id",
    "question",
    "type",
    "gold_clause_ids",
    "gold_lead",
    "gold_members",
    "gold_answer_contains",
    "answerable",
    "history",
)


def parse_question(obj: Any) -> Question:
    """Validate one decoded JSON value; raises ValueError with a readable reason."""
    if not isinstance(obj, dict):
        raise _Invalid(f"expected a JSON object, got {type(obj).__name__}")
    missing = [k for k in _REQUIRED if k not in obj]
    if missing:
        raise _Invalid(f"missing field(s): {', '.join(missing)}")
    for key in ("id", "question", "type"):
        if not isinstance(obj[key], str):
            raise _Invalid(f"field {key!r} must be a string")
    if not obj["id"].strip():
        raise _Invalid("field 'id' is empty")
    if not obj["question"].strip():
        raise _Invalid("field 'question' is empty")
    if obj["type"] not in QUESTION_TYPES:
        raise _Invalid(f"unknown type {obj['type']!r} (expected one of: {', '.join(sorted(QUESTION_TYPES))})")
    if obj["gold_lead"] is not None and not isinstance(obj["gold_lead"], str):
        raise _Invalid("field 'gold_lead' must be a string or null")
    # bool is checked exactly: 0/1 or "true" would silently flip refusal scoring.
    if not isinstance(obj["answerable"], bool):
        raise _Invalid("field 'answerable' must be true or false")
    expect = obj.get("expect", "")
    if expect not in EXPECTS:
        raise _Invalid(f"field 'expect' must be one of {', '.join(EXPECTS)} (or absent)")
    if expect and (expect == "answer") != obj["answerable"]:
        raise _Invalid("field 'expect' disagrees with 'answerable'")
    for key in ("slot",):
        if not isinstance(obj.get(key, ""), str):
            raise _Invalid(f"field {key!r} must be a string")
    if not isinstance(obj.get("multipart", False), bool):
        raise _Invalid("field 'multipart' must be true or false")
    return Question(
        slot=obj.get("slot", ""),
        expect=expect,
        multipart=obj.get("multipart", False),
        id=obj["id"],
        question=obj["question"],
        type=obj["type"],
        gold_clause_ids=_str_list(obj, "gold_clause_ids"),
        gold_lead=obj["gold_lead"],
        gold_members=_str_list(obj, "gold_members"),
        gold_answer_contains=_str_list(obj, "gold_answer_contains"),
        answerable=obj["answerable"],
        history=_history(obj["history"]),
    )


def load_questions(path: str | Path) -> tuple[list[Question], list[LineError]]:
    """Load a JSONL question file. Blank lines are skipped; each bad line gives one LineError.

    A duplicate id is an error on the later line; the first occurrence is kept.
    """
    questions: list[Question] = []
    errors: list[LineError] = []
    seen: dict[str, int] = {}
    data = Path(path).read_bytes().removeprefix(b"\xef\xbb\xbf")  # tolerate a BOM from Windows editors
    for n, raw in enumerate(data.split(b"\n"), 1):
        try:
            line = raw.rstrip(b"\r").decode("utf-8")  # line by line: one bad line must not sink the file
        except UnicodeDecodeError as e:
            errors.append(LineError(n, f"not UTF-8 text (byte {e.start + 1})"))
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(LineError(n, f"malformed JSON: {e.msg} at column {e.colno}"))
            continue
        try:
            q = parse_question(obj)
        except ValueError as e:
            errors.append(LineError(n, str(e)))
            continue
        if q.id in seen:
            errors.append(LineError(n, f"duplicate id {q.id!r} (first used on line {seen[q.id]})"))
            continue
        seen[q.id] = n
        questions.append(q)
    return questions, errors
