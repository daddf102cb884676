"""Follow-up context: what 它/那/這 (or a question with no topic of its own) refers back to."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.types import Clause, Plan

Message = dict  # {"role": "user" | "assistant", "content": str}


@dataclass(frozen=True)
class Context:
    """What a follow-up can refer back to."""

    clause: Clause | None = None
    agency: str | None = None
    action: str | None = None  # the id of a 行動 the previous turn was about
    candidates: tuple[Clause, ...] = ()  # the clauses a refused previous turn listed as related


def last_user_turn(history: list[Message]) -> int | None:
    """Index of the last non-empty user message, or None."""
    users = [i for i, m in enumerate(history) if m.get("role") == "user" and str(m.get("content", "")).strip()]
    return users[-1] if users else None


def context_from(
    plan: Plan, cited_ids: list[str], agency: str | None, related_ids: list[str] = (), not_stated: bool = False
) -> Context:
    """The previous answer's first cited task, its 行動, its agency, and what it listed as related."""
    cited = [c for c in (plan.get(i) for i in cited_ids) if c is not None]
    related = tuple(c for c in (plan.get(i) for i in related_ids) if c is not None)
    # a task first; else the preamble or closing quoted ("…综合试点指的是啥" then "具体内容有哪些")
    clause = next((c for c in cited if c.kind == "task"), None) or next(
        (c for c in cited if c.kind in ("preamble", "closing")), None
    )
    if clause is None and not_stated and related and related[0].kind in ("task", "preamble", "closing"):
        clause = related[0]  # "not stated" still settled the topic: "谁负责" after it is about that task
    action = next((c.id.split(".")[0] for c in cited if c.kind in ("action", "project")), None)
    return Context(clause=clause, agency=agency, action=action, candidates=related)
