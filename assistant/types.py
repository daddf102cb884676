"""Records the answering layer hands to its callers (CLI, web, eval). Frozen: no stage mutates another's output."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from corpus.types import Clause, Plan

# What happened to a question, separate from what kind of question it was (`Answer.intent`).
ANSWERED, REFUSED, NOT_STATED, CLARIFY = "answered", "refused", "not_stated", "clarify"
EMPTY, INVALID, ERROR = "empty", "invalid", "error"


@dataclass(frozen=True)
class Citation:
    clause_id: str
    path: tuple[str, ...]
    title: str
    text: str  # the clause as written in the plan
    quote: str  # the supporting sentence(s)
    lead: str | None = None
    members: tuple[str, ...] = ()
    role: str = ""  # for agency questions: lead | member
    # With several plans served: the plan's key (clause_id is then qualified, 2025数字青岚·二.2) and title.
    plan_key: str = ""
    plan_title: str = ""

    @classmethod
    def from_clause(cls, clause: Clause, quote: str = "", role: str = "", plan: Plan | None = None) -> Citation:
        """The one place a clause becomes a citation (its title stands in for a missing quote). Given a
        plan with a key, the id is qualified by it and the citation names the plan."""
        return cls(
            clause_id=plan.qualified_id(clause) if plan is not None else clause.id,
            path=clause.path,
            title=clause.title,
            text=clause.text,
            quote=quote or clause.title,
            lead=clause.lead,
            members=clause.members,
            role=role,
            plan_key=plan.key if plan is not None else "",
            plan_title=plan.title if plan is not None else "",
        )


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str  # markdown
    intent: str  # what was asked: lead | members | agency_tasks | number | structure | document | general
    refused: bool = False
    citations: tuple[Citation, ...] = ()
    related: tuple[Citation, ...] = ()
    elapsed_ms: float = 0.0
    notes: tuple[str, ...] = ()
    agency: str | None = None  # resolved agency, for follow-ups
    status: str = ANSWERED  # answered | refused | not_stated (topic covered, detail not) | clarify | empty | invalid | error
    # Questions the user can send next with one tap: follow-ups after an answer, or, with status
    # "clarify", the full questions a bare follow-up ("那谁牵头？") may have meant.
    suggestions: tuple[str, ...] = ()
    # A question that asked several things: each part's status in order (one part answered, another
    # "not stated" is an answered reply that still says what the plan does not give); () for one question.
    part_statuses: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
