"""Hybrid retrieval: BM25 + dense (+ an optional second dense model) + exact-name matches, fused by weighted RRF (or min-max scores)."""

from __future__ import annotations

import threading
from difflib import SequenceMatcher
from functools import cached_property

from corpus.resources import PlanResources
from corpus.script import fold
from corpus.settings import Settings
from index.embedder import Embedder, make_embedder
from index.fuse import ranks, weighted_rrf, weighted_score_sum
from index.lexical import BM25, PlanTokenizer, plan_terms
from index.store import LoadedIndex, index_path, load_or_build
from index.types import Chunk, Hit

MODES = ("hybrid", "bm25", "dense")


def longest_common_substring(a: str, b: str) -> int:
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


class Retriever:
    """Given the plan resources (and optionally an embedder and tokenizer); cheap to construct:
    the tokenizer, model and index load on first use (or warm_up)."""

    def __init__(
        self,
        settings: Settings,
        resources: PlanResources | None = None,
        embedder: Embedder | None = None,
        tokenizer: PlanTokenizer | None = None,
        embedder2: Embedder | None = None,
    ):
        self.settings = settings
        self.resources = resources or PlanResources(settings)
        self._embedder = embedder
        self._embedder2 = embedder2
        if tokenizer is not None:
            self.__dict__["tokenizer"] = tokenizer
        self._lock = threading.Lock()
        self._index: LoadedIndex | None = None
        self._index2: LoadedIndex | None = None  # the second dense signal's own index (PLANQA_EMBEDDER2)
        self._bm25: BM25 | None = None
        self._vocabulary: set[str] | None = None

    @cached_property
    def terms(self) -> list[str]:
        return [fold(t) for t in plan_terms(self.resources.plan)]

    @cached_property
    def tokenizer(self) -> PlanTokenizer:
        return PlanTokenizer.for_plan(self.resources.plan, self.resources.directory.all_aliases())

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings.embedder)
        return self._embedder

    @property
    def embedder2(self) -> Embedder | None:
        """The optional second dense backend (PLANQA_EMBEDDER2), fused in hybrid mode as `dense2`."""
        if self._embedder2 is None and self.settings.embedder2.strip():
            self._embedder2 = make_embedder(self.settings.embedder2)
        return self._embedder2

    def warm_up(self, force: bool = False) -> LoadedIndex:
        with self._lock:
            if self._index is None or force:
                self._index = load_or_build(
                    self.embedder, self.resources.corpus, self.tokenizer, index_path(self.settings, self.embedder), force
                )
                self._bm25 = BM25(self._index.tokens)
                self._vocabulary = {t for doc in self._index.tokens for t in doc}
                self.embedder.embed_query("warm")  # first query pays the model's lazy set-up here
                second = self.embedder2
                if second is not None:
                    self._index2 = load_or_build(
                        second, self.resources.corpus, self.tokenizer, index_path(self.settings, second), force
                    )
                    second.embed_query("warm")
        return self._index

    @property
    def chunks(self) -> list[Chunk]:
        return self.warm_up().chunks

    def _matches(self, folded_query: str, chunks: list[Chunk]) -> list[str]:
        """Chunks that contain a quoted programme name the question names, or whose task title shares
        a stretch of at least four characters and half its length with it (算力基础设施 ~ 提升算力基础设施能力)."""
        names = [t for t in self.terms if t in folded_query]
        scored = []
        for i, c in enumerate(chunks):
            n = sum(len(t) for t in names if t in c.index_text)
            if c.kind == "task":
                title = fold(c.clause.title)
                common = longest_common_substring(folded_query, title)
                n += common if common >= 4 and common * 2 >= len(title) else 0
            if n:
                scored.append((-n, i, c.id))
        return [cid for _, _, cid in sorted(scored)]

    def _rankings(self, query: str, mode: str, chunks: list[Chunk]) -> tuple[dict[str, list[str]], dict[str, dict[str, float]]]:
        """Each component's ranked ids (and raw scores) for the query."""
        assert self._bm25 is not None and self._index is not None
        depth = len(chunks)
        folded = fold(query)
        rankings: dict[str, list[str]] = {}
        raw: dict[str, dict[str, float]] = {}
        if mode in ("hybrid", "bm25"):
            agencies = self.resources.directory.find_in(query)
            toks = self.tokenizer.query_tokens(query, extra=agencies, vocabulary=self._vocabulary)
            found = self._bm25.search(toks, depth)
            rankings["bm25"] = [chunks[i].id for i, _ in found]
            raw["bm25"] = {chunks[i].id: s for i, s in found}
        if mode in ("hybrid", "dense"):
            found = self._index.dense.search(self.embedder.embed_query(folded), depth)
            rankings["dense"] = [chunks[i].id for i, _ in found]
            raw["dense"] = {chunks[i].id: s for i, s in found}
        if mode == "hybrid" and self._index2 is not None and self.embedder2 is not None:
            found = self._index2.dense.search(self.embedder2.embed_query(folded), depth)
            chunks2 = self._index2.chunks
            rankings["dense2"] = [chunks2[i].id for i, _ in found]
            raw["dense2"] = {chunks2[i].id: s for i, s in found}
        if mode == "hybrid":
            rankings["match"] = self._matches(folded, chunks)
        return rankings, raw

    def search(self, query: str, k: int | None = None, mode: str = "hybrid") -> list[Hit]:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        k = k or self.settings.top_k
        chunks = self.warm_up().chunks
        rankings, raw = self._rankings(self.resources.glossary.expand(query), mode, chunks)
        weights = {
            "bm25": self.settings.weight_bm25,
            "dense": self.settings.weight_dense,
            "dense2": self.settings.weight_dense2,
            "match": self.settings.weight_match,
        }
        if self.settings.fusion == "score":
            if "match" in rankings:
                raw["match"] = {cid: float(len(rankings["match"]) - i) for i, cid in enumerate(rankings["match"])}
            fused = weighted_score_sum(raw, weights, [c.id for c in chunks])
        else:
            fused = weighted_rrf(rankings, weights, self.settings.rrf_k)
        rank_of = {name: ranks(r) for name, r in rankings.items()}
        plan = self.resources.plan
        return [
            Hit(
                clause=plan.get(cid),
                score=score,
                ranks={n: r[cid] for n, r in rank_of.items() if cid in r},
                scores={n: s[cid] for n, s in raw.items() if cid in s},
            )
            for cid, score in fused[:k]
        ]
