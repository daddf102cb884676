"""Command line: build, tasks, search, ask. Output for scripts is JSON or CSV on stdout;
messages go to stderr; a bad input exits 2 with one clear line."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys

from corpus.agencies import AgencyDirectory, UnknownAgency
from corpus.load import CorpusMissing, load_corpus
from corpus.logs import install_redaction
from corpus.repair import RepairError
from corpus.responsibility import task_rows
from corpus.settings import get_settings
from corpus.types import PLACE_SEPARATOR
from index.embedder import EmbedderError


def _dump_json(obj) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def cmd_tasks(args: argparse.Namespace) -> int:
    s = get_settings()
    if args.plan:
        from corpus.shelf import Shelf

        shelf = Shelf(s)
        sp = shelf.get(args.plan)
        if sp is None:
            raise ValueError(f"no plan {args.plan!r} (plans: {', '.join(p.key for p in shelf.plans)})")
        plan, directory = sp.plan, sp.resources.directory
    else:
        plan, directory = load_corpus(s.corpus).plan, None
    agency = None
    if args.agency:
        agency = (directory or AgencyDirectory.load(s.agencies)).require(args.agency)
    rows = task_rows(plan, agency)
    if args.json:
        _dump_json([r.to_dict() for r in rows])
    elif args.csv:
        w = csv.writer(sys.stdout)
        w.writerow(["clause_id", "path", "title", "lead", "members", "others", "role"])
        for r in rows:
            w.writerow([r.clause_id, PLACE_SEPARATOR.join(r.path), r.title, r.lead or "", "、".join(r.members),
                        "等省直有關單位" if r.others else "", r.role])
    else:
        for r in rows:
            role = f"[{r.role}] " if r.role else ""
            print(f"{r.clause_id:<10} {role}{r.title}\n{'':<10} 牽頭: {r.lead}  配合: {'、'.join(r.members) or '—'}")
        lead = sum(r.role == "lead" for r in rows)
        tail = f" ({lead} led, {len(rows) - lead} joined)" if agency else ""
        print(f"{len(rows)} task(s){' for ' + agency if agency else ''}{tail}", file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    s = get_settings()
    corpus = load_corpus(s.corpus)
    print(corpus.report.summary(), file=sys.stderr)
    print(f"plan: {len(corpus.plan.tasks)} tasks, {len(corpus.plan.clauses)} clauses, sha256 {corpus.sha256[:12]}",
          file=sys.stderr)
    from corpus.resources import PlanResources
    from index.retriever import Retriever

    index = Retriever(s, PlanResources(s, corpus)).warm_up(force=args.force)
    m = index.manifest
    print(f"index: {index.path} ({m['embedder']}, {m['chunks']} chunks, built {m['built_at']} "
          f"in {m['build_seconds']} s)", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from index.retriever import Retriever

    query = args.query.strip()
    if not query:
        raise ValueError("the query is empty")
    r = Retriever(get_settings())
    hits = r.search(query, args.k, mode=args.mode)
    if args.json:
        _dump_json([
            {"clause_id": h.clause_id, "title": h.clause.title, "score": round(h.score, 6),
             "ranks": h.ranks, "scores": {k: round(v, 4) for k, v in h.scores.items()}}
            for h in hits
        ])
        return 0
    for i, h in enumerate(hits, 1):
        parts = "  ".join(f"{k}#{v}" for k, v in h.ranks.items())
        print(f"{i}. {h.clause_id:<10} {h.clause.title}  score={h.score:.4f}  {parts}")
    if not hits:
        print("no match", file=sys.stderr)
    return 0


def _answer_json(answer, line: int | None = None) -> str:
    d = answer.to_dict()
    if line is not None:
        d = {"line": line, **d}
    return json.dumps(d, ensure_ascii=False)


def _print_answer(answer) -> None:
    print(answer.answer)
    if answer.citations:
        print("\n来源 / Sources:")
        for c in answer.citations:
            plan = f"《{c.plan_title}》 " if c.plan_title else ""
            print(f"  [{c.clause_id}] {plan}{PLACE_SEPARATOR.join(c.path)} — {c.title}")
            if c.quote and c.quote != c.title:
                print(f"      「{c.quote}」")
    for q in answer.suggestions:
        print(f"  → {q}")
    print(f"\n({answer.intent}, {answer.status}, {answer.elapsed_ms:.0f} ms)", file=sys.stderr)


MAX_LINE_BYTES = 64 * 1024  # a question file line longer than this is reported, not read into memory


def _question_lines(stream):
    """(line number, question or None, error or None) for each non-blank line of a binary stream,
    read one line at a time (answers are printed as lines arrive; memory stays bounded whatever
    comes in, even `< /dev/zero`). A line that is not UTF-8, or longer than MAX_LINE_BYTES, is
    reported by number; the others are still answered."""
    n = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        n += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass  # the rest of the over-long line, read and dropped in bounded pieces
            yield n, None, f"line longer than {MAX_LINE_BYTES} bytes"
            continue
        raw = raw.rstrip(b"\n").rstrip(b"\r")
        if not raw.strip():
            continue
        try:
            yield n, raw.decode("utf-8"), None
        except UnicodeDecodeError as e:
            yield n, None, f"not UTF-8 text (byte {e.start + 1}: 0x{raw[e.start]:02x})"


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.desk import Desk

    desk = Desk(get_settings())
    plans = args.plan or None
    known = [p.key for p in desk.plans()]
    if unknown := [k for k in plans or () if k not in known]:
        raise ValueError(f"no plan {', '.join(map(repr, unknown))} (plans: {', '.join(known)})")

    class _Asker:  # the line reader asks `.ask(question)`; the plan filter rides along
        def ask(self, question):
            return desk.ask(question, plans=plans)

    assistant = _Asker()
    if args.file:
        if args.file != "-" and not os.path.isfile(args.file):
            raise ValueError(f"no such question file: {args.file}")
        stream = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")  # noqa: SIM115
        try:
            return _answer_lines(assistant, stream, args)
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
    if args.question is None:
        raise ValueError("give a question, or --file FILE (- for standard input)")
    answer = assistant.ask(args.question)
    if args.json:
        print(_answer_json(answer))
    else:
        _print_answer(answer)
    return 0


# ---------------------------------------------------------------- plan library: add, plans, remove


def _library():
    from corpus.library import PlanLibrary

    return PlanLibrary.from_settings(get_settings())


def cmd_add(args: argparse.Namespace) -> int:
    from corpus.library import DuplicatePlan

    if len(args.files) > 1 and (args.title or args.year or args.issuer or args.key):
        raise ValueError("--title, --year, --issuer and --key apply to one file: add the files one at a time")
    lib = _library()
    added = failed = 0
    results = []
    for name in args.files:
        try:
            entry, imported = lib.add(name, title=args.title, year=args.year, issuer=args.issuer, key=args.key)
        except DuplicatePlan as e:
            failed += 1
            print(f"refused: {e}", file=sys.stderr)
            results.append({"file": name, "error": str(e)})
            continue
        except (ValueError, OSError) as e:
            failed += 1
            print(f"error: {e}", file=sys.stderr)
            results.append({"file": name, "error": str(e)})
            continue
        added += 1
        for line in imported.report.lines():
            print(f"  {line}", file=sys.stderr)
        results.append({"file": name, **entry.to_dict()})
        if not args.json:
            year = f"{entry.year}, " if entry.year else ""
            print(f"added {entry.key}: 《{entry.title}》 ({year}{entry.issuer or 'issuer unknown'}; "
                  f"{entry.tasks} tasks, {entry.clauses} clauses)")
    if args.json:
        _dump_json(results)
    if len(args.files) > 1:
        print(f"{added} added, {failed} refused", file=sys.stderr)
    return 0 if failed == 0 else (1 if added else 2)


def cmd_plans(args: argparse.Namespace) -> int:
    lib = _library()
    entries = lib.entries()
    builtin = {"key": lib.builtin_key(), "builtin": True, "file": str(get_settings().corpus)}
    if args.json:
        _dump_json([builtin] + [{"builtin": False, **e.to_dict()} for e in entries])
        return 0
    print(f"{builtin['key'] or '(built-in)':<20} built-in plan (plain clause ids)  {builtin['file']}")
    for e in entries:
        flag = "" if e.structured else "  [plain sections]"
        warn = f"  {len(e.warnings)} warning(s)" if e.warnings else ""
        print(f"{e.key:<20} {e.year or '—':<5} {e.tasks:>3} tasks  《{e.title}》 {e.issuer}  "
              f"({e.format}, {e.name}){flag}{warn}")
    print(f"{len(entries)} imported plan(s) in {lib.root}", file=sys.stderr)
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    lib = _library()
    if args.key == lib.builtin_key():
        raise ValueError(f"{args.key} is the built-in plan (PLANQA_CORPUS); it cannot be removed from the library")
    entry = lib.remove(args.key)
    print(f"removed {entry.key}: 《{entry.title}》 ({entry.name})")
    return 0


def _answer_lines(assistant, stream, args: argparse.Namespace) -> int:
    """Answer each line as it arrives (flushed, so a pipe sees it at once)."""
    failed = answered = 0
    for n, question, error in _question_lines(stream):
        if error is None and not question.strip():
            error = "empty question"
        if error is not None:
            failed += 1
            print(f"{args.file}:{n}: {error}", file=sys.stderr)
            print(json.dumps({"line": n, "error": error}, ensure_ascii=False), flush=True)
            continue
        answer = assistant.ask(question)
        answered += 1
        if args.json:
            print(_answer_json(answer, n), flush=True)
        else:
            print(f"## {n}. {question}\n")
            _print_answer(answer)
            print(flush=True)
    print(f"{answered} answered, {failed} failed", file=sys.stderr)
    return 0 if failed == 0 else 1


def _positive(text: str) -> int:
    try:
        k = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if k < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {k}")
    return k


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m assistant", description="PlanQA: questions about the 2025 Digital Fujian work plan and any plans you add.")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="repair and parse the plan, build the index")
    b.add_argument("--force", action="store_true", help="rebuild even if the index is current")
    b.set_defaults(func=cmd_build)

    a = sub.add_parser("ask", help="answer a question (or a file of questions, one a line) with cited clauses")
    a.add_argument("question", nargs="?")
    a.add_argument("--file", help="questions one a line; - reads standard input; JSON lines out with --json")
    a.add_argument("--json", action="store_true")
    a.add_argument("--plan", action="append", metavar="KEY",
                   help="only this plan (repeat for several; keys from `plans`); default: the question's own scope, or all")
    a.set_defaults(func=cmd_ask)

    q = sub.add_parser("search", help="ranked clauses for a query, with each component's rank")
    q.add_argument("query")
    q.add_argument("-k", type=_positive, default=5, help="how many hits (default 5)")
    q.add_argument("--mode", choices=["hybrid", "bm25", "dense"], default="hybrid")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_search)

    t = sub.add_parser("tasks", help="list tasks with their lead and member units")
    t.add_argument("--agency", help="only tasks this agency leads or joins (any alias)")
    t.add_argument("--plan", metavar="KEY", help="an imported plan's tasks (keys from `plans`); default: the built-in plan")
    fmt = t.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    t.set_defaults(func=cmd_tasks)

    ad = sub.add_parser("add", help="import work plans (txt in any Chinese encoding, docx, pdf with text, html)")
    ad.add_argument("files", nargs="+", metavar="FILE")
    ad.add_argument("--title", help="the plan's title, if the document's is missing or wrong")
    ad.add_argument("--year", type=int, help="the plan's year (default: from the title or the date)")
    ad.add_argument("--issuer", help="who issued it (default: from the cover letter or the signature)")
    ad.add_argument("--key", help="the plan key (default: year + the title's distinctive words, e.g. 2025数字福建)")
    ad.add_argument("--json", action="store_true", help="the library entries as JSON on stdout")
    ad.set_defaults(func=cmd_add)

    pl = sub.add_parser("plans", help="list the plans: the built-in one and the imported ones")
    pl.add_argument("--json", action="store_true")
    pl.set_defaults(func=cmd_plans)

    rm = sub.add_parser("remove", help="remove an imported plan from the library")
    rm.add_argument("key")
    rm.set_defaults(func=cmd_remove)
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    install_redaction()
    args = parser().parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()  # inside the try: a closed pipe is reported here, not at interpreter exit
        return code
    except (UnknownAgency, CorpusMissing, RepairError, EmbedderError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except OSError as e:  # an unreadable file or an unwritable data folder
        print(f"error: {e.strerror or e}: {e.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2


    except BrokenPipeError:  # `tasks --csv | head -3`: the reader has gone; stop quietly, like other tools
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush does not fail too
        return 141


if __name__ == "__main__":
    sys.exit(main())
