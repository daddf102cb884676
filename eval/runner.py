"""Running: every configuration over the question set, one untimed warm-up call per system, one row
per question, summaries overall and by question type; then (by default) the files of `eval.outputs`.
A configuration that cannot be set up is skipped with a note; a question that raises is kept as an
empty answer with its error."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus.settings import ROOT
from eval.configs import ConfigSpec, parse_config
from eval.outputs import check_trec_ids, write_outputs
from eval.questions import LineError, Question
from eval.results import ConfigResult, EvalResult, Outcome
from eval.scoring import make_row, summarise
from eval.systems import (
    AssistantFactory,
    SettingsFactory,
    SkipConfig,
    System,
    SystemBuilder,
    default_assistant_factory,
    default_settings,
)


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
        rows.append(make_row(q, spec, outcome, k, error))
    by_type: dict[str, dict[str, Any]] = {}
    for t in dict.fromkeys(q.type for q in questions):
        by_type[t] = summarise([r for r in rows if r["type"] == t], k, spec.has_answers)
    return ConfigResult(spec, rows, summarise(rows, k, spec.has_answers), by_type, time.perf_counter() - t0)


def _code_version() -> str:
    """The commit the code ran from, and whether the working tree had uncommitted changes (read-only git)."""
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
    builder = SystemBuilder(settings_factory, assistant_factory, k, bm25_embedder)
    result = EvalResult(k, question_file, questions, [], [], list(line_errors), Path(out_dir), _machine(),
                        _code_version())
    for spec in specs:
        try:
            system = builder.system(spec)
        except Exception as e:  # noqa: BLE001 - a system that cannot be set up is skipped, with the reason
            reason = str(e) if isinstance(e, SkipConfig) else f"{type(e).__name__}: {e}"
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
