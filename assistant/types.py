"""Typed records passed between modules. Frozen so a stage cannot mutate another's output."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


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

    @property
    def lead(self) -> Unit | None:
        return self.units[0] if self.units else None

    @property
    def members(self) -> tuple[Unit, ...]:
        return self.units[1:]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(u.name for u in self.units)


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
        return " › ".join(self.path)


@dataclass(frozen=True)
class Plan:
    title: str
    issuer: str
    date: str
    addressee: str
    clauses: tuple[Clause, ...]

    @property
    def tasks(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.kind == "task")

    def get(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)


@dataclass(frozen=True)
class Chunk:
    """What the index stores: one clause; `index_text` is folded and carries the heading path."""

    id: str
    kind: str
    path: tuple[str, ...]
    title: str
    text: str
    index_text: str


@dataclass(frozen=True)
class Hit:
    clause_id: str
    score: float
    ranks: dict[str, int] = field(default_factory=dict)  # component name -> 1-based rank
    scores: dict[str, float] = field(default_factory=dict)


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


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str  # markdown
    intent: str
    refused: bool = False
    citations: tuple[Citation, ...] = ()
    related: tuple[Citation, ...] = ()
    elapsed_ms: float = 0.0
    notes: tuple[str, ...] = ()
    agency: str | None = None  # resolved agency, for follow-ups

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
