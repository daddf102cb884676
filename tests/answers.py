"""Helpers for tests that judge answers (shared by the trust, glossary and agency-name tests)."""

from __future__ import annotations

from assistant.pipeline import Assistant
from corpus.script import fold


def names_a_unit(assistant: Assistant, text: str) -> list[str]:
    """Every responsible unit of the plan that `text` names: an answer to an uncovered topic names none."""
    folded = fold(text)
    return [name for name in {u for c in assistant.plan.tasks for u in c.units.names} if fold(name) in folded]
