"""Benchmark the plan library: import time and memory per plan, by format and size.

    python -m tools.plans_bench [--kb 20] [--rounds 3] [--formats txt,docx,pdf,html]

A fictional plan of about --kb kilobytes (UTF-8) is generated from tests/fixtures/plans/qinglan-2025.txt
by repeating its 行動 with new numbers; each format is imported --rounds times into a fresh library
(read + repair + parse + store). Figures: median and worst import seconds (target: at most 5 s for a
20 KB plan), peak Python memory during one import (tracemalloc), memory the parsed plan keeps, and the
process's peak RSS. PDF needs fpdf2 and the Noto CJK font (fonts-noto-cjk); without them it is skipped.
"""

from __future__ import annotations

import argparse
import gc
import re
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests/fixtures/plans/qinglan-2025.txt"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
_DIGITS = "零一二三四五六七八九"


def numeral(n: int) -> str:
    """1..99 in Chinese numerals: 十一, 二十四."""
    tens, ones = divmod(n, 10)
    return ((_DIGITS[tens] if tens > 1 else "") + "十" if tens else "") + (_DIGITS[ones] if ones else "")


def synthetic_plan(kb: int) -> str:
    """A plan of about `kb` KB: the source's cover and title, then its 行動 repeated and renumbered."""
    text = SOURCE.read_text(encoding="utf-8").strip().split("\n")
    first = next(i for i, ln in enumerate(text) if re.match(r"^[一二三四五六七八九十]+、", ln))
    head, body, closing = text[:first], text[first:-1], text[-1]
    actions: list[list[str]] = []
    for ln in body:
        if re.match(r"^[一二三四五六七八九十]+、", ln):
            actions.append([ln])
        else:
            actions[-1].append(ln)
    out, n = list(head), 0
    while len("\n".join(out).encode()) < kb * 1000:
        for action in actions:
            n += 1
            out.append(re.sub(r"^[一二三四五六七八九十]+、", f"{numeral(n)}、", action[0]) + f"（第{n}部分）")
            out += [ln.replace("。", f"（第{n}部分）。", 1) for ln in action[1:]]
    return "\n".join(out + [closing]) + "\n"


def write_formats(text: str, folder: Path, formats: list[str]) -> dict[str, Path | str]:
    """{format: path, or the reason it was skipped}."""
    out: dict[str, Path | str] = {}
    lines = [ln for ln in text.split("\n") if ln.strip()]
    for fmt in formats:
        path = folder / f"plan.{fmt}"
        if fmt == "txt":
            path.write_text(text, encoding="utf-8")
        elif fmt == "html":
            body = "".join(f"<p>{ln}</p>" for ln in lines)
            path.write_text(f"<html><head><meta charset='utf-8'><script>x=1</script></head><body><nav>首页</nav>"
                            f"{body}</body></html>", encoding="utf-8")
        elif fmt == "docx":
            import docx

            d = docx.Document()
            for ln in lines:
                d.add_paragraph(ln)
            d.save(path)
        elif fmt == "pdf":
            try:
                from fpdf import FPDF
            except ImportError:
                out[fmt] = "fpdf2 not installed (requirements-dev.txt)"
                continue
            if not CJK_FONT.is_file():
                out[fmt] = f"no CJK font at {CJK_FONT} (apt-get install fonts-noto-cjk)"
                continue
            pdf = FPDF(format="A4")
            pdf.add_font("noto", fname=str(CJK_FONT), collection_font_number=2)
            pdf.add_page()
            pdf.set_font("noto", size=11)
            for ln in lines:
                pdf.multi_cell(0, 7, ln, new_x="LMARGIN", new_y="NEXT")
            pdf.output(str(path))
        else:
            out[fmt] = "unknown format"
            continue
        out[fmt] = path
    return out


def measure(path: Path, rounds: int, builtin: Path) -> dict:
    from corpus.library import PlanLibrary

    times = []
    entry = None
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as d:
            lib = PlanLibrary(Path(d) / "plans", max_bytes=10**8, builtin=builtin)
            t = time.perf_counter()
            entry, _ = lib.add(path)
            times.append(time.perf_counter() - t)
    with tempfile.TemporaryDirectory() as d:
        lib = PlanLibrary(Path(d) / "plans", max_bytes=10**8, builtin=builtin)
        gc.collect()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        _, imported = lib.add(path)
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del imported
    return {
        "bytes": path.stat().st_size,
        "tasks": entry.tasks if entry else 0,
        "clauses": entry.clauses if entry else 0,
        "median_s": statistics.median(times),
        "max_s": max(times),
        "peak_mb": (peak - base) / 1e6,
        "kept_mb": (kept - base) / 1e6,
        "warnings": len(entry.warnings) if entry else 0,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.plans_bench", description=__doc__.split("\n")[0])
    p.add_argument("--kb", type=int, default=20, help="size of the generated plan in KB (default 20)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--formats", default="txt,docx,pdf,html")
    args = p.parse_args(argv)
    from corpus.settings import get_settings

    builtin = get_settings().corpus
    t0 = time.perf_counter()
    import corpus.library  # noqa: F401 - import cost reported apart from the imports
    import_s = time.perf_counter() - t0
    text = synthetic_plan(args.kb)
    print(f"generated plan: {len(text.encode()) / 1000:.1f} KB UTF-8; module import {import_s:.2f} s", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory() as d:
        files = write_formats(text, Path(d), [f.strip() for f in args.formats.split(",") if f.strip()])
        print("| format | file KB | tasks | clauses | import median (s) | import max (s) | peak alloc (MB) "
              "| kept (MB) | warnings |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for fmt, path in files.items():
            if isinstance(path, str):
                print(f"| {fmt} | skipped: {path} | | | | | | | |")
                continue
            r = measure(path, args.rounds, builtin)
            rows.append(r)
            print(f"| {fmt} | {r['bytes'] / 1000:.1f} | {r['tasks']} | {r['clauses']} | {r['median_s']:.3f} | "
                  f"{r['max_s']:.3f} | {r['peak_mb']:.1f} | {r['kept_mb']:.2f} | {r['warnings']} |")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:.0f} MB", file=sys.stderr)
    slow = [r for r in rows if r["max_s"] > 5 * max(1.0, len(text.encode()) / 20_000)]
    if slow:
        print(f"over the target (5 s per 20 KB): {len(slow)} format(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
