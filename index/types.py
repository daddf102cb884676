"""Records of the index layer. Each carries the `Clause` it came from, so no caller looks it up again."""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.types import Clause


@dataclass(frozen=True)
class Chunk:
    """What the index stores: one clause; `index_text` is folded and carries the heading path."""

    clause: Clause
    index_text: str

    @property
    def id(self) -> str:
        return self.clause.id

    @property
    def kind(self) -> str:
        return self.clause.kind


@dataclass(frozen=True)
class Hit:
    clause: Clause
    score: float
    ranks: dict[str, int] = field(default_factory=dict)  # component name -> 1-based rank
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def clause_id(self) -> str:
        return self.clause.id
