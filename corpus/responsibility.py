"""Who leads and who takes part: task rows for the CLI, the answers and the responsibility matrix."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.types import Clause, Plan


@dataclass(frozen=True)
class TaskRow:
    clause_id: str
    path: tuple[str, ...]
    title: str
    text: str
    lead: str | None
    members: tuple[str, ...]
    others: bool  # 等省直有關單位 follows the list
    role: str = ""  # with an agency filter: lead | member

    def to_dict(self) -> dict:
        return {
            "clause_id": self.clause_id,
            "path": list(self.path),
            "title": self.title,
            "text": self.text,
            "lead": self.lead,
            "members": list(self.members),
            "others": self.others,
            **({"role": self.role} if self.role else {}),
        }


def row(clause: Clause, role: str = "") -> TaskRow:
    return TaskRow(
        clause_id=clause.id,
        path=clause.path,
        title=clause.title,
        text=clause.text,
        lead=clause.lead,
        members=clause.members,
        others=bool(clause.units and clause.units.others),
        role=role,
    )


def role_of(clause: Clause, agency: str) -> str:
    return clause.units.role_of(agency) if clause.units else ""


def task_rows(plan: Plan, agency: str | None = None) -> list[TaskRow]:
    """All tasks, or the ones `agency` (a canonical name) leads or joins, in plan order."""
    if agency is None:
        return [row(c) for c in plan.tasks]
    return [row(c, r) for c in plan.tasks if (r := role_of(c, agency))]


def agencies_in(plan: Plan) -> list[str]:
    """Every unit named in the plan, in order of first appearance."""
    seen: list[str] = []
    for c in plan.tasks:
        for name in c.units.names if c.units else ():
            if name not in seen:
                seen.append(name)
    return seen
