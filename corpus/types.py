"""The document model: a plan is a tree of clauses (行動 → 工程 → 任務) with their 責任單位 lists.

Frozen records so a stage cannot mutate another's output. The tree is navigated through `Plan`
(`get`, `children`, `parent`, `actions`, `projects`, `tasks`): nobody works it out from id strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

PLACE_SEPARATOR = " › "
QUALIFIER = "·"  # between a plan key and a clause id: 2025数字福建·二.2


@dataclass(frozen=True)
class Unit:
    """One responsible unit of a 責任單位 list."""

    name: str  # canonical form: the group prefix (省/省委) carried, e.g. 省數據管理局
    written: str  # exactly as in the list, e.g. 數據管理局
    note: str = ""  # a parenthesis that follows it, e.g. (含平潭綜合實驗區,下同)


@dataclass(frozen=True)
class Units:
    """A parsed 責任單位 list: first unit leads (the convention in such plans), the rest take part."""

    raw: str
    units: tuple[Unit, ...]
    others: bool = False  # 等省直有關單位: "and other provincial units" — a flag, not a unit
    # How many units at the front lead: 1 by the convention; more when a list says 牵头单位：A、B.
    lead_count: int = 1
    explicit: bool = False  # the roles were labelled (牵头单位/配合单位), not read from the order

    @property
    def lead(self) -> Unit | None:
        return self.units[0] if self.units else None

    @property
    def leads(self) -> tuple[Unit, ...]:
        return self.units[: self.lead_count]

    @property
    def members(self) -> tuple[Unit, ...]:
        return self.units[self.lead_count :]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(u.name for u in self.units)

    def role_of(self, name: str) -> str:
        """lead | member | "" for a canonical unit name."""
        if name not in self.names:
            return ""
        return "lead" if name in self.names[: self.lead_count] else "member"


@dataclass(frozen=True)
class Clause:
    """A node of the plan: a task, a 行動/工程 heading with its intro, the preamble or the closing."""

    id: str  # 二.2, 四.(一).3, 一, 四.(一), 序, 結
    kind: str  # preamble | action | project | task | closing
    path: tuple[str, ...]  # headings from the top, e.g. ("四、實施數字賦能千行百業行動", "（一）…工程")
    title: str  # text before the first 。 (for headings: the heading)
    text: str  # the clause as written (repaired), units list included
    sentences: tuple[str, ...] = ()  # body sentences, units list excluded
    units: Units | None = None
    line: int = 0  # 1-based line in the repaired text

    @property
    def place(self) -> str:
        """The heading path as one line: 四、… › （一）…工程."""
        return PLACE_SEPARATOR.join(self.path)

    @property
    def parent_id(self) -> str | None:
        """The id of the 行動/工程 this clause sits in (ids follow the numbering: 四.(一).3 → 四.(一))."""
        return self.id.rsplit(".", 1)[0] if "." in self.id else None

    @property
    def lead(self) -> str | None:
        return self.units.lead.name if self.units and self.units.lead else None

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(u.name for u in self.units.members) if self.units else ()


def qualified_id(plan_key: str, clause_id: str) -> str:
    """`2025数字福建·二.2`: a clause id that names its plan; a plan without a key keeps plain ids."""
    return f"{plan_key}{QUALIFIER}{clause_id}" if plan_key else clause_id


def split_qualified(qid: str) -> tuple[str, str]:
    """(plan key, clause id); the key is "" for a plain id."""
    key, sep, cid = qid.partition(QUALIFIER)
    return (key, cid) if sep else ("", qid)


@dataclass(frozen=True)
class Plan:
    title: str
    issuer: str
    date: str
    addressee: str
    clauses: tuple[Clause, ...]
    key: str = ""  # library key, e.g. 2025数字福建; "" for the built-in plan, whose ids stay plain
    year: int | None = None
    _by_id: dict[str, Clause] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((c.id, c) for c in self.clauses)

    def get(self, clause_id: str) -> Clause | None:
        """A clause by its plain id, or by an id qualified with this plan's key."""
        key, cid = split_qualified(clause_id)
        if key and key != self.key:
            return None
        return self._by_id.get(cid)

    def qualified_id(self, clause: Clause | str) -> str:
        return qualified_id(self.key, clause if isinstance(clause, str) else clause.id)

    @cached_property
    def tasks(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.kind == "task")

    @cached_property
    def actions(self) -> tuple[Clause, ...]:
        """The 行動 in order, as clauses; a 行動 without 工程 or tasks (行動一) is itself a task."""
        return tuple(c for c in self.clauses if c.parent_id is None and c.kind in ("action", "task"))

    @cached_property
    def projects(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.kind == "project")

    def children(self, parent_id: str, kind: str | None = None) -> list[Clause]:
        """Direct children of a 行動 or 工程, optionally of one kind."""
        return [c for c in self.clauses if c.parent_id == parent_id and (kind is None or c.kind == kind)]

    def parent(self, clause: Clause) -> Clause | None:
        return self.get(clause.parent_id) if clause.parent_id else None

    def action_of(self, clause: Clause) -> Clause | None:
        """The 行動 a clause belongs to (itself for a 行動)."""
        return self.get(clause.id.split(".", 1)[0])
