"""Records of the index layer. Each carries the `Clause` it came from, so no caller looks it up again."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

    from corpus.load import Corpus
    from index.embedder import Embedder
    from index.lexical import PlanTokenizer

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


class StoreError(RuntimeError):
    """The store cannot be opened as configured (bad URL, missing package, wrong schema); the
    message says what to do."""


class StoreUnavailable(StoreError):
    """The database cannot be reached (at start, or lost mid-run); retrying later may succeed."""


class SearchIndex(Protocol):
    """One built index, as a retriever sees it. Searches return (chunk position, score), best first."""

    chunks: list[Chunk]
    manifest: dict
    vocabulary: set[str]

    def bm25(self, query_tokens: list[str], k: int) -> list[tuple[int, float]]: ...

    def dense(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]: ...

    def fresh(self) -> SearchIndex:
        """This index, or the newer one another process has built since (server store)."""
        ...


class Store(Protocol):
    name: str

    def load_or_build(
        self, embedder: Embedder, corpus: Corpus, tokenizer: PlanTokenizer, force: bool = False
    ) -> SearchIndex: ...

    def close(self) -> None: ...
