"""Files a run writes under its out_dir: runs/qrels.txt, runs/<config>.trec, runs/<config>.jsonl
(per-question rows), then report.md and report.png (formatted by `eval.report`)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from eval.configs import safe_name
from eval.questions import Question
from eval.report import write_markdown, write_png
from eval.results import ConfigResult, EvalResult


def _check_field(value: str, what: str) -> str:
    if not value or re.search(r"\s", value):
        raise ValueError(f"TREC {what} {value!r} is empty or contains whitespace")
    return value


def check_trec_ids(questions: Sequence[Question]) -> None:
    """Fail before running anything when a question id could not go into a TREC file."""
    bad = [q.id for q in questions if re.search(r"\s", q.id)]
    if bad:
        raise ValueError(f"question id(s) with whitespace cannot go into TREC files: {bad!r}")


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
    """`qid 0 docid 1` for every gold clause id of every question."""
    lines = []
    for q in questions:
        for docid in dict.fromkeys(q.gold_clause_ids):
            lines.append(f"{_check_field(q.id, 'qid')} 0 {_check_field(docid, 'docid')} 1")
    return lines


def _write_text(path: Path, lines: Sequence[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def write_outputs(result: EvalResult) -> None:
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
