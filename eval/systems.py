"""Systems under test: each takes a `Question` and returns an `Outcome` (a ranked list of clause
ids, and for the assistant its `Answer`). See `eval.configs` for the configuration names.

  RetrieverSystem  bm25 | dense | hybrid: Retriever.search(mode=...)
  BaselineSystem   the LangChain-tutorial pipeline: RecursiveCharacterTextSplitter(500, 50) on the
                   raw (unrepaired) text, the same embedder, FAISS top-k; chunks are mapped to clause
                   ids through line numbers (repair keeps the line count)
  AssistantSystem  assistant.pipeline.Assistant(settings).ask(question, history); skipped with a note
                   when that module cannot be imported

`SystemBuilder` builds them, sharing one Retriever per embedder so each model loads once. Latency is
`time.perf_counter` around the question's own call (replayed follow-up turns are not timed). Every
ranked list is de-duplicated and cut at k, so the TREC runs hold exactly what was scored.
"""

from __future__ import annotations

import bisect
import inspect
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from corpus.settings import Settings
from eval.configs import ConfigError, ConfigSpec
from eval.questions import Question
from eval.results import Outcome

# The baseline as a LangChain tutorial writes it.
BASELINE_CHUNK_SIZE = 500
BASELINE_CHUNK_OVERLAP = 50

SettingsFactory = Callable[[str | None], Settings]
AssistantFactory = Callable[[Settings, Any], Any]  # (settings, shared Retriever) -> object with .ask


class System(Protocol):
    def __call__(self, question: Question) -> Outcome: ...


class SkipConfig(Exception):
    """A configuration that cannot be set up; the message says why."""


def default_settings(embedder: str | None) -> Settings:
    """Settings(embedder=...) with everything else from the environment (default index_dir)."""
    return Settings(embedder=embedder) if embedder else Settings()


def default_assistant_factory(settings: Settings, retriever: Any) -> Any:
    """The real assistant; ImportError when assistant.pipeline is not there yet. It is handed the
    shared Retriever when its constructor accepts one (so the model loads once)."""
    from assistant.pipeline import Assistant

    try:
        params = inspect.signature(Assistant).parameters
    except (TypeError, ValueError):
        params = {}
    if "retriever" in params:
        return Assistant(settings, retriever=retriever)
    return Assistant(settings)


def _dedupe_cut(ids: Sequence[str], scores: Sequence[float], k: int) -> tuple[list[str], list[float]]:
    out_ids: list[str] = []
    out_scores: list[float] = []
    for cid, s in zip(ids, scores, strict=True):
        if cid not in out_ids:
            out_ids.append(cid)
            out_scores.append(float(s))
        if len(out_ids) == k:
            break
    return out_ids, out_scores


class RetrieverSystem:
    def __init__(self, retriever: Any, mode: str, k: int):
        self.retriever, self.mode, self.k = retriever, mode, k

    def __call__(self, question: Question) -> Outcome:
        t0 = time.perf_counter()
        hits = self.retriever.search(question.question, self.k, mode=self.mode)
        ms = (time.perf_counter() - t0) * 1000
        ids, scores = _dedupe_cut([h.clause_id for h in hits], [h.score for h in hits], self.k)
        return Outcome(ids, scores, ms)


def chunk_clause_ids(raw: str, start: int, chunk: str, clause_lines: Sequence[tuple[int, str]]) -> list[str]:
    """Clause ids a chunk of the raw text covers: the clause containing its first character, then
    every clause whose first line falls inside the chunk's line span. `clause_lines` is
    [(line, id)] sorted by line (1-based lines of the repaired text = lines of the raw text)."""
    first = raw.count("\n", 0, start) + 1
    last = first + chunk.count("\n")
    lines = [ln for ln, _ in clause_lines]
    out: list[str] = []
    i = bisect.bisect_right(lines, first) - 1  # last clause starting at or before the chunk's start
    if i >= 0:
        out.append(clause_lines[i][1])
    for ln, cid in clause_lines[i + 1 :]:
        if ln > last:
            break
        if cid not in out:
            out.append(cid)
    return out


def clause_start_lines(clauses: Sequence[Any], text: str) -> list[tuple[int, str]]:
    """[(first line, clause id)] sorted by line. Clause.line is where the clause's text sits; a 行動
    that is itself a task (行動一) has its heading a few lines earlier, and a chunk starting at that
    heading belongs to it, not to the clause before. So a clause starts at its own heading line when
    that line lies between the previous clause and the clause's text."""
    lines = [ln.strip().lstrip("\u3000").strip() for ln in text.split("\n")]
    ordered = sorted(clauses, key=lambda c: c.line)
    out: list[tuple[int, str]] = []
    prev = 0
    for c in ordered:
        start = c.line
        heading = c.path[-1] if c.path else ""
        for n in range(c.line - 1, prev, -1):  # 1-based line n is lines[n - 1]
            if heading and lines[n - 1] == heading:
                start = n
                break
        out.append((start, c.id))
        prev = c.line
    return out


class BaselineSystem:
    """What a LangChain tutorial builds: fixed-size chunks of the raw file, one embedder, FAISS top-k."""

    def __init__(self, embedder: Any, raw_path: Path, clause_lines: Sequence[tuple[int, str]], k: int):
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from index.dense import DenseIndex

        raw = Path(raw_path).read_text(encoding="utf-8")
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=BASELINE_CHUNK_SIZE, chunk_overlap=BASELINE_CHUNK_OVERLAP, add_start_index=True
        )
        docs = splitter.create_documents([raw])
        self.chunks: list[list[str]] = []
        for d in docs:
            start = d.metadata["start_index"]
            if start < 0:  # the splitter could not locate the chunk (never seen; be safe)
                start = max(raw.find(d.page_content), 0)
            self.chunks.append(chunk_clause_ids(raw, start, d.page_content, clause_lines))
        self.texts = [d.page_content for d in docs]
        self.embedder = embedder
        self.index = DenseIndex.build(np.asarray(embedder.embed_passages(self.texts)))
        self.k = k

    def __call__(self, question: Question) -> Outcome:
        t0 = time.perf_counter()
        found = self.index.search(self.embedder.embed_query(question.question), self.k)
        ids: list[str] = []
        scores: list[float] = []
        for row, score in found:
            for cid in self.chunks[row]:
                ids.append(cid)
                scores.append(score)
        ms = (time.perf_counter() - t0) * 1000
        ids, scores = _dedupe_cut(ids, scores, self.k)
        return Outcome(ids, scores, ms)


class AssistantSystem:
    """Replays a follow-up's prior user turns (untimed), then asks and times the question itself."""

    def __init__(self, assistant: Any, k: int):
        self.assistant, self.k = assistant, k

    def __call__(self, question: Question) -> Outcome:
        history: list[dict[str, str]] = []
        for turn in question.history:
            if turn.role != "user":
                continue
            prior = self.assistant.ask(turn.content, list(history))
            history.append({"role": "user", "content": turn.content})
            history.append({"role": "assistant", "content": prior.answer})
        t0 = time.perf_counter()
        answer = self.assistant.ask(question.question, list(history))
        ms = (time.perf_counter() - t0) * 1000
        cited = [c.clause_id for c in (*answer.citations, *answer.related)]
        ids, scores = _dedupe_cut(cited, [0.0] * len(cited), self.k)
        return Outcome(ids, scores, ms, answer)


class SystemBuilder:
    """Builds systems, sharing one Retriever (and so one model) per embedder. bm25 borrows the index
    of `bm25_embedder` (one that is loaded anyway)."""

    def __init__(self, settings_factory: SettingsFactory, assistant_factory: AssistantFactory, k: int,
                 bm25_embedder: str | None):
        self.settings_factory = settings_factory
        self.assistant_factory = assistant_factory
        self.k = k
        self.bm25_embedder = bm25_embedder
        self._retrievers: dict[str | None, Any] = {}
        self._failed: dict[str | None, str] = {}

    def retriever(self, embedder: str | None) -> Any:
        if embedder in self._failed:
            raise SkipConfig(self._failed[embedder])
        if embedder not in self._retrievers:
            from corpus.load import load_corpus
            from corpus.resources import PlanResources
            from index.retriever import Retriever

            try:
                settings = self.settings_factory(embedder)
                r = Retriever(settings, PlanResources(settings, load_corpus(settings.corpus)))
                r.warm_up()  # loads the model and the index once, untimed
            except Exception as e:  # noqa: BLE001 - a model or index that cannot load skips its configs
                self._failed[embedder] = f"{type(e).__name__}: {e}"
                raise SkipConfig(self._failed[embedder]) from e
            self._retrievers[embedder] = r
        return self._retrievers[embedder]

    def system(self, spec: ConfigSpec) -> System:
        if spec.kind == "bm25":
            return RetrieverSystem(self.retriever(self.bm25_embedder), "bm25", self.k)
        if spec.kind in ("dense", "hybrid"):
            return RetrieverSystem(self.retriever(spec.embedder), spec.kind, self.k)
        if spec.kind == "baseline":
            return self._baseline(spec)
        if spec.kind == "assistant":
            try:
                settings = self.settings_factory(spec.embedder)
                return AssistantSystem(self.assistant_factory(settings, self.retriever(spec.embedder)), self.k)
            except ImportError as e:
                raise SkipConfig(f"assistant.pipeline is not importable ({type(e).__name__}: {e})") from e
        raise ConfigError(spec.name)  # pragma: no cover - parse_config guards this

    def _baseline(self, spec: ConfigSpec) -> BaselineSystem:
        r = self.retriever(spec.embedder)
        repaired_lines = r.resources.corpus.text.count("\n")
        raw_lines = Path(r.settings.corpus).read_text(encoding="utf-8").count("\n")
        if repaired_lines != raw_lines:
            raise SkipConfig(
                f"repair changed the line count ({raw_lines} -> {repaired_lines}): chunk lines cannot be mapped"
            )
        lines = clause_start_lines(r.resources.corpus.plan.clauses, r.resources.corpus.text)
        return BaselineSystem(r.embedder, r.settings.corpus, lines, self.k)
