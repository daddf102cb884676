"""Hybrid retrieval: BM25 + dense + exact-name matches, fused by weighted RRF (or min-max scores)."""

from __future__ import annotations

import threading
from difflib import SequenceMatcher
from functools import cached_property

from corpus.resources import PlanResources
from corpus.script import fold
from corpus.settings import Settings
from index.backends import open_store
from index.embedder import Embedder, make_embedder
from index.fuse import ranks, weighted_rrf, weighted_score_sum
from index.lexical import PlanTokenizer, plan_terms
from index.types import Chunk, Hit, SearchIndex, Store

MODES = ("hybrid", "bm25", "dense")
# Candidates BM25 and dense each rank for the fusion (as tools/scale.py measures at 2·10^4 documents):
# a library of plans is not ranked whole per question; one plan (43 chunks) still is.
RANK_DEPTH = 100


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
        store: Store | None = None,
    ):
        self.settings = settings
        self.resources = resources or PlanResources(settings)
        self._embedder = embedder
        if tokenizer is not None:
            self.__dict__["tokenizer"] = tokenizer
        if store is not None:
            self.__dict__["store"] = store
        self._lock = threading.Lock()
        self._index: SearchIndex | None = None

    @cached_property
    def store(self) -> Store:
        """The backend PLANQA_DATABASE_URL chooses (embedded files, or PostgreSQL)."""
        return open_store(self.settings)

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

    def warm_up(self, force: bool = False) -> SearchIndex:
        with self._lock:
            if self._index is None or force:
                self._index = self.store.load_or_build(self.embedder, self.resources.corpus, self.tokenizer, force)
                self.embedder.embed_query("warm")  # first query pays the model's lazy set-up here
            else:
                # a server store may have a newer build from another process; one snapshot per search
                self._index = self._index.fresh()
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

    def _rankings(
        self, query: str, mode: str, index: SearchIndex, k: int = 0
    ) -> tuple[dict[str, list[str]], dict[str, dict[str, float]]]:
        """Each component's ranked ids (and raw scores) for the query, RANK_DEPTH (or k) deep."""
        chunks = index.chunks
        depth = min(len(chunks), max(RANK_DEPTH, k))
        folded = fold(query)
        rankings: dict[str, list[str]] = {}
        raw: dict[str, dict[str, float]] = {}
        if mode in ("hybrid", "bm25"):
            agencies = self.resources.directory.find_in(query)
            toks = self.tokenizer.query_tokens(query, extra=agencies, vocabulary=index.vocabulary)
            found = index.bm25(toks, depth)
            rankings["bm25"] = [chunks[i].id for i, _ in found]
            raw["bm25"] = {chunks[i].id: s for i, s in found}
        if mode in ("hybrid", "dense"):
            found = index.dense(self.embedder.embed_query(folded), depth)
            rankings["dense"] = [chunks[i].id for i, _ in found]
            raw["dense"] = {chunks[i].id: s for i, s in found}
        if mode == "hybrid":
            rankings["match"] = self._matches(folded, chunks)
        return rankings, raw

    def search(self, query: str, k: int | None = None, mode: str = "hybrid") -> list[Hit]:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        k = k or self.settings.top_k
        index = self.warm_up()
        chunks = index.chunks
        rankings, raw = self._rankings(self.resources.glossary.expand(query), mode, index, k)
        weights = {"bm25": self.settings.weight_bm25, "dense": self.settings.weight_dense, "match": self.settings.weight_match}
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
