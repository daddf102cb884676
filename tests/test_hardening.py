"""Hardening (issue 15, and issue 13 item 7): bounded memory and disk, honest deadlines, integrity
you can check. Fast tier: fakes where they suffice; real servers only on 127.0.0.1, every loop bounded.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

import app  # sets the no-telemetry environment before gradio is imported
from assistant import __main__ as cli
from assistant.clean import clean_question
from assistant.pipeline import Assistant
from corpus.settings import ROOT, Settings, get_settings
from web import guard
from web.guard import launch_options
from web.login import StartRefused, check_login

REAL = "算力建设由哪个部门牵头？"
REAL_ID = "二.2"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def settings(tmp_path_factory, hash_retriever) -> Settings:
    root = tmp_path_factory.mktemp("hardening")
    return Settings(
        embedder="hash",
        index_dir=hash_retriever.settings.index_dir,
        data_dir=root / "data",
        max_body_bytes=200_000,
        max_upload_bytes=100_000,
        session_ttl=1.0,
        result_ttl=1.0,
    )


@pytest.fixture(scope="module")
def assistant(settings, hash_retriever) -> Assistant:
    return Assistant(settings, retriever=hash_retriever, llm=None)


def serve(assistant: Assistant, settings: Settings):
    """The real app with every limit installed, on loopback; returns (demo, base url)."""
    demo = app.build_app(assistant, settings)
    port = free_port()
    options = launch_options(demo, settings.model_copy(update={"port": port}))
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=settings.queue_size).launch(
        prevent_thread_lock=True, quiet=True, **options
    )
    return demo, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def served(assistant, settings):
    demo, base = serve(assistant, settings)
    yield demo, base
    demo.close()


def call_chat(base: str, data: list, **kw) -> httpx.Response:
    return httpx.post(f"{base}/gradio_api/call/chat", json={"data": data}, timeout=30, **kw)


def fetch_result(base: str, event_id: str) -> tuple[str, object]:
    text = httpx.get(f"{base}/gradio_api/call/chat/{event_id}", timeout=30).text
    lines = text.splitlines()
    kind = next(line for line in lines if line.startswith("event: ") and line != "event: heartbeat")
    i = lines.index(kind)
    return kind.removeprefix("event: "), json.loads(lines[i + 1].removeprefix("data: "))


# ---------------------------------------------------------------------- 1. request size


def test_a_body_over_the_cap_is_refused_before_it_is_read(served):
    _, base = served
    big = json.dumps({"data": ["算" * 150_000, []]}).encode()  # 450 KB of UTF-8 > 200 KB cap
    r = httpx.post(f"{base}/gradio_api/call/chat", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "200000" in r.json()["detail"]

    def chunked():  # no Content-Length: counted as it arrives
        yield b'{"data": ["'
        for _ in range(50):
            yield b"a" * 10_000
        yield b'", []]}'

    r = httpx.post(f"{base}/gradio_api/call/chat", content=chunked(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    r = call_chat(base, [REAL, []])
    assert r.status_code == 200 and fetch_result(base, r.json()["event_id"])[1][0]["citations"][0]["clause_id"] == REAL_ID


def test_cleaning_cuts_before_it_cleans():
    """A 20-million-character question costs what a short one does (today: seconds per pass)."""
    t0 = time.perf_counter()
    q, notes = clean_question("<b>" * 2_000_000 + "算力\u200b" * 7_000_000, 500)
    assert time.perf_counter() - t0 < 1.0
    assert len(q) == 500 and notes == ["truncated:500"]


# ---------------------------------------------------------------------- 2. unclaimed results, idle sessions


def test_unclaimed_results_and_idle_sessions_expire(served):
    demo, base = served
    queue, holder = demo._queue, demo.state_holder
    ids = [call_chat(base, [REAL, []]).json()["event_id"] for _ in range(30)]
    assert len(ids) == 30
    deadline = time.monotonic() + 5  # result_ttl and session_ttl are 1 s; the sweeper runs every second
    while time.monotonic() < deadline and ids[-1] in queue.event_ids_to_events:
        time.sleep(0.1)
    assert len(queue.pending_messages_per_session) >= 1  # the results are there, waiting ...
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (queue.pending_messages_per_session or holder.session_data):
        time.sleep(0.2)
    assert not queue.pending_messages_per_session and not queue.pending_event_ids_session  # ... then gone
    assert not holder.session_data
    assert demo.planqa_sweeper.dropped_results >= 30 and demo.planqa_sweeper.dropped_sessions >= 30
    r = call_chat(base, [REAL, []])  # a fetched result still works
    assert fetch_result(base, r.json()["event_id"])[0] == "complete"


def test_a_live_session_is_not_swept(assistant, settings):
    """The sweeper keeps sessions with an event in progress, and results fetched in time."""
    demo, base = serve(assistant, settings.model_copy(update={"session_ttl": 3600.0, "result_ttl": 3600.0}))
    try:
        event = call_chat(base, [REAL, []]).json()["event_id"]
        assert demo.planqa_sweeper.sweep(demo.server_app if hasattr(demo, "server_app") else _app_of(demo)) == 0
        assert fetch_result(base, event)[0] == "complete"
    finally:
        demo.close()


def _app_of(demo):
    return demo.server_app


# ---------------------------------------------------------------------- 3. uploads, origins, temp files


def test_uploads_are_capped_and_cross_origin_writes_refused(served):
    _, base = served
    r = httpx.post(f"{base}/gradio_api/upload", files={"files": ("big.txt", b"x" * 300_000)})
    assert r.status_code == 413
    evil = {"origin": "http://evil.example"}
    r = httpx.post(f"{base}/gradio_api/upload", files={"files": ("x.txt", b"x")}, headers=evil)
    assert r.status_code == 403
    assert call_chat(base, [REAL, []], headers=evil).status_code == 403
    assert call_chat(base, [REAL, []], headers={"origin": "null"}).status_code == 403
    r = httpx.post(f"{base}/gradio_api/upload", files={"files": ("x.txt", b"x")}, headers={"origin": base})
    assert r.status_code == 200
    assert httpx.get(f"{base}/gradio_api/info", headers=evil).status_code == 200  # reads stay open


def test_launch_options_install_every_limit(assistant, settings):
    demo = app.build_app(assistant, settings)
    kw = launch_options(demo, settings)
    assert kw["max_file_size"] == settings.max_upload_bytes and kw["strict_cors"] is True
    assert demo.delete_cache == (1, 1)  # Gradio's own temp files, on the session lifetime
    assert kw["server_name"] == "127.0.0.1" and kw["auth"] is None and kw["share"] is False


def test_each_session_keeps_one_cached_export_and_idle_folders_go(assistant, settings, monkeypatch, tmp_path):
    """Gradio serves each export from a copy named by its content hash: one per turn, never freed."""
    from gradio import processing_utils, utils

    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))
    monkeypatch.setattr(app, "STREAM_DELAY", 0)
    h = app.build_app(assistant, settings).planqa
    state = None
    for _ in range(3):
        *_, (_, _, _, state, path) = list(h.respond(REAL, state))
        processing_utils.save_file_to_cache(path, utils.get_upload_folder())  # what Gradio does with it
    copies = list(Path(utils.get_upload_folder()).rglob("planqa-conversation.md"))
    assert len(copies) == 1
    folder = Path(path).parent
    assert h.sweep_exports(3600) == 0 and folder.exists()
    old = time.time() - 7200
    for p in (folder, *folder.iterdir()):
        os.utime(p, (old, old))
    assert h.sweep_exports(3600) == 1 and not folder.exists()
    assert not list(Path(utils.get_upload_folder()).rglob("planqa-conversation.md"))


# ---------------------------------------------------------------------- 4. the LLM deadline


@pytest.fixture
def trickle_server():
    """An OpenAI-compatible endpoint that answers one byte every 0.3 s (for at most 15 s)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    srv.settimeout(10)
    stop = threading.Event()

    def run():
        try:
            conn, _ = srv.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(2)
            try:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n")
                t0 = time.monotonic()
                while not stop.is_set() and time.monotonic() - t0 < 15:
                    conn.sendall(b" ")
                    time.sleep(0.3)
            except OSError:
                pass

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}/v1"
    stop.set()
    srv.close()
    thread.join(timeout=3)


def test_the_llm_timeout_is_a_deadline_for_a_trickling_endpoint(trickle_server, assistant):
    from assistant.llm import LLMRewriter

    s = Settings(llm_base_url=trickle_server, llm_model="m", llm_timeout=1.0)
    extractive = assistant.ask(REAL)
    t0 = time.perf_counter()
    answer = LLMRewriter(s).rewrite(REAL, extractive)
    assert time.perf_counter() - t0 < 6.0  # today: until the endpoint stops trickling (15 s here)
    assert answer.answer == extractive.answer
    assert any("LLM unavailable (TimeoutError)" in n for n in answer.notes)


# ---------------------------------------------------------------------- 5. exports are inert


HOSTILE = (
    "<img src=x onerror=alert(1)> <svg onload=alert(2)> <a " + "x" * 400 + " onclick=alert(3)>"
    " [x](javascript:alert(4)) ![t](http://evil.example/t.png) 算力"
)


def test_user_text_in_the_markdown_export_is_inert():
    from markdown_it import MarkdownIt

    from web.export import conversation_markdown
    from web.session import Record

    citation = {"clause_id": "二.2", "path": ["二、行动"], "title": "提升<b>算力</b>", "quote": "[q](javascript:x)",
                "lead": "省數據管理局", "members": ["省工信廳"]}
    record = Record(HOSTILE, f"没有名为“{HOSTILE}”的单位。 [二.2]", "lead", "answered", False, (citation,), 1)
    html = MarkdownIt("commonmark").render(conversation_markdown([record]))
    tags = set(re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)([^>]*)>", html))
    assert {name for name, _ in tags} <= {"h1", "h2", "p", "ul", "li", "strong", "em", "blockquote"}
    assert all(not attrs.strip() for _, attrs in tags)  # no href, src or on…= anywhere
    assert "算力" in html and "[二.2]" in html


def test_tags_of_any_length_are_stripped_from_questions():
    q, _ = clean_question("<a " + "x" * 400 + " onclick=alert(1)>算力建设由哪个部门牵头？", 500)
    assert q == REAL


# ---------------------------------------------------------------------- 6. index checksums, shrinking plans


def test_a_damaged_but_readable_index_file_is_rebuilt(tmp_path, caplog):
    from index.embedder import HashEmbedder
    from index.store import index_path

    s = Settings(embedder="hash", index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    Assistant(s).retriever.warm_up()
    tokens_file = index_path(s, HashEmbedder()) / "tokens.json"
    tokens = json.loads(tokens_file.read_text(encoding="utf-8"))
    tokens_file.write_text(json.dumps([["x"] for _ in tokens]), encoding="utf-8")  # same count, wrong words
    caplog.clear()
    with caplog.at_level("WARNING", logger="planqa.index"):
        a = Assistant(s)
        a.retriever.warm_up()
    logged = [r.getMessage() for r in caplog.records if r.name == "planqa.index"]
    assert len(logged) == 1 and "checksum of tokens.json" in logged[0]
    assert json.loads(tokens_file.read_text(encoding="utf-8")) == tokens
    assert a.ask(REAL).citations[0].clause_id == REAL_ID


def test_a_plan_with_far_fewer_tasks_than_the_last_build_is_logged(tmp_path, caplog):
    raw = ROOT / "corpus/raw/2025-digital-fujian-work-plan.raw.txt"
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(raw.read_text(encoding="utf-8").splitlines()[:20]) + "\n", encoding="utf-8")
    s = Settings(embedder="hash", index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    Assistant(s).retriever.warm_up()
    caplog.clear()
    with caplog.at_level("WARNING", logger="planqa.index"):
        Assistant(s.model_copy(update={"corpus": cut})).retriever.warm_up()
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "planqa.index")
    assert "the last build had" in logged and "cut.txt" in logged


# ---------------------------------------------------------------------- 7. feedback


def test_feedback_recreates_its_table_when_the_file_is_removed(tmp_path):
    from web.feedback import FeedbackStore

    store = FeedbackStore.in_folder(tmp_path)
    store.add("q", "a", vote="up")
    for suffix in ("", "-wal", "-shm"):
        Path(str(store.path) + suffix).unlink(missing_ok=True)
    rid = store.add("q2", "a2", vote="down")
    assert store.count() == 1 and store.recent(1)[0]["id"] == rid


def test_an_over_long_comment_is_refused_not_cut(assistant, settings, tmp_path):
    import gradio as gr

    from web.feedback import MAX_COMMENT, CommentTooLong, FeedbackStore

    store = FeedbackStore.in_folder(tmp_path)
    h = app.Handlers(assistant, settings, feedback=store)
    *_, (_, chat, _, state, _) = list(h.respond(REAL, None))
    _, state = h.on_like(state, gr.LikeData(None, {"index": 1, "value": chat[1]["content"], "liked": True}))
    long = "意" * (MAX_COMMENT + 1)
    box, status, _ = h.submit_comment(long, state)
    assert box == long and "意见过长" in status and store.recent(1)[0]["comment"] == ""
    with pytest.raises(CommentTooLong):
        store.set_comment(store.recent(1)[0]["id"], long)


# ---------------------------------------------------------------------- 8. credentials in logs


def test_urls_with_credentials_are_redacted_in_every_logger(caplog):
    from corpus.logs import install_redaction

    install_redaction()
    secret = "s3cr3t-PASS"
    with caplog.at_level("INFO"):
        logging.getLogger("httpx2").warning('HTTP Request: POST http://bob:%s@llm.local/v1/chat?api-key=%s "200"', secret, secret)
        logging.getLogger("planqa.x").warning("Authorization: Bearer %s", secret + "-token-123")
        try:
            raise ConnectionError(f"cannot reach https://u:{secret}@host/v1?token={secret}")
        except ConnectionError:
            logging.getLogger("langchain").exception("failed")
    text = caplog.text
    assert secret not in text and "***" in text and "llm.local/v1/chat" in text


# ---------------------------------------------------------------------- 9. deep nesting


def test_a_deeply_nested_history_counts_as_no_history(assistant, settings):
    h = app.Handlers(assistant, settings)
    r = h.chat_api(REAL, "[" * 100_000)
    assert r["status"] == "answered" and r["citations"][0]["clause_id"] == REAL_ID


def test_eval_question_files_survive_deep_nesting_and_ids_with_spaces(tmp_path):
    from eval.questions import load_questions

    good = (ROOT / "tests/fixtures/eval_small.jsonl").read_text(encoding="utf-8").splitlines()[0]
    spaced = json.loads(good) | {"id": "has space"}
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join([good, "[" * 5000 + "]" * 5000, json.dumps(spaced, ensure_ascii=False)]), encoding="utf-8")
    questions, errors = load_questions(path)
    assert len(questions) == 1
    assert [(e.line, "nested" in e.reason or "whitespace" in e.reason) for e in errors] == [(2, True), (3, True)]


def test_the_eval_runner_leaves_out_an_id_with_whitespace(tmp_path):
    from eval.questions import load_questions
    from eval.results import Outcome
    from eval.runner import run

    questions, _ = load_questions(ROOT / "tests/fixtures/eval_small.jsonl")
    from dataclasses import replace

    bad = replace(questions[0], id="bad id")

    class Fixed:
        def system(self, spec):
            return lambda q: Outcome([], [], 0.0)

    import eval.runner as runner

    original = runner.SystemBuilder
    runner.SystemBuilder = lambda *a, **k: Fixed()
    try:
        result = run([bad, *questions[1:3]], ["bm25"], tmp_path, write=False)
    finally:
        runner.SystemBuilder = original
    assert len(result.results[0].rows) == 2 and any("bad id" in e.reason for e in result.line_errors)


# ---------------------------------------------------------------------- 10. ask --file streams


class Lines(io.RawIOBase):
    """A stdin that records what had been printed when each line was read (and can be huge)."""

    def __init__(self, parts: list[bytes], out: io.StringIO):
        self.parts, self.out, self.seen = parts, out, []
        self.buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if not self.buf:
            if not self.parts:
                return 0
            self.seen.append(self.out.getvalue().count('"line"'))
            self.buf = self.parts.pop(0)
        n = min(len(b), len(self.buf))
        b[:n], self.buf = self.buf[:n], self.buf[n:]
        return n


def test_ask_file_streams_lines_with_a_length_cap(monkeypatch, assistant):
    out = io.StringIO()
    zeros = [b"\0" * (1 << 20) for _ in range(30)]  # a 30 MB line with no newline until its end
    raw = Lines([f"{REAL}\n".encode(), *zeros, b"\n", f"{REAL}\n".encode()], out)
    stream = io.BufferedReader(raw, buffer_size=1 << 16)
    monkeypatch.setattr(sys, "stdout", out)

    class Args:
        file, json = "-", True

    tracemalloc.start()
    try:
        code = cli._answer_lines(assistant, stream, Args())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert code == 1 and [r.get("line") for r in rows] == [1, 2, 3]
    assert "longer than" in rows[1]["error"] and rows[2]["citations"][0]["clause_id"] == REAL_ID
    assert peak < 8 << 20  # not the 30 MB line
    assert raw.seen[1] == 1  # line 1 was answered before the rest of the input was read


# ---------------------------------------------------------------------- 11. matrix downloads


def test_a_full_temp_folder_still_shows_the_matrix(assistant, settings, monkeypatch):
    import web.matrix_tab as matrix_tab

    def no_space(m, folder):
        raise OSError(28, "No space left on device")

    h = app.Handlers(assistant, settings)
    monkeypatch.setattr(matrix_tab, "export", no_space)
    frame, note, csv_path, xlsx_path = h.filter_matrix("数据局", matrix_tab.ALL_SCOPES)
    assert len(frame.data) > 5 and "downloads unavailable" in note and csv_path is None and xlsx_path is None
    monkeypatch.undo()
    _, _, csv_path, _ = h.filter_matrix("数据局", matrix_tab.ALL_SCOPES)
    assert csv_path and Path(csv_path).is_file()


# ---------------------------------------------------------------------- 12. login


def test_half_a_login_or_an_open_public_address_refuses_to_start(settings):
    with pytest.raises(StartRefused, match="PLANQA_AUTH_USER"):
        check_login(settings.model_copy(update={"auth_password": SecretStr("pw")}))
    with pytest.raises(StartRefused, match="PLANQA_AUTH_PASSWORD"):
        check_login(settings.model_copy(update={"auth_user": "ops"}))
    with pytest.raises(StartRefused, match="PLANQA_ALLOW_OPEN"):
        check_login(settings.model_copy(update={"host": "0.0.0.0"}))
    assert check_login(settings.model_copy(update={"host": "0.0.0.0", "allow_open": True})) is None
    both = settings.model_copy(update={"host": "0.0.0.0", "auth_user": "ops", "auth_password": SecretStr("pw")})
    assert check_login(both) == ("ops", "pw")


def test_app_main_exits_2_with_half_a_login(monkeypatch, settings, capsys):
    import gradio as gr

    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kw: pytest.fail("launched"))
    monkeypatch.setattr(app, "get_settings", lambda: settings.model_copy(update={"auth_password": SecretStr("pw")}))
    with pytest.raises(SystemExit) as exit_:
        app.main()
    assert exit_.value.code == 2 and "PLANQA_AUTH_USER" in capsys.readouterr().err


def test_failed_logins_slow_down():
    waits: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)

    login = guard.SlowLogin("ops", "right", delay=0.5, sleep=fake_sleep)
    auth = login.as_auth()

    async def attempts():
        return [await auth("ops", "wrong") for _ in range(8)] + [await auth("ops", "right")]

    results = asyncio.run(attempts())
    assert results == [False] * 8 + [True]
    assert waits == [0.5, 1, 2, 4, 8, 16, 30, 30]


def test_login_is_slow_after_failures_and_cancel_needs_a_login(assistant, settings):
    s = settings.model_copy(update={"auth_user": "ops", "auth_password": SecretStr("right"), "login_delay": 0.2})
    demo, base = serve(assistant, s)
    try:
        t0 = time.monotonic()
        codes = [httpx.post(f"{base}/login", data={"username": "ops", "password": f"no{i}"}).status_code for i in range(4)]
        assert codes == [400] * 4 and time.monotonic() - t0 >= 0.2 + 0.4 + 0.8 + 1.6 - 0.1
        body = {"session_hash": "x", "fn_index": 0, "event_id": "y"}
        assert httpx.post(f"{base}/gradio_api/cancel", json=body).status_code == 401
        assert httpx.post(f"{base}/gradio_api/reset", json={"event_id": "y"}).status_code == 401
        with httpx.Client(base_url=base) as c:
            assert c.post("/login", data={"username": "ops", "password": "right"}).status_code == 200
            assert c.post("/gradio_api/cancel", json=body).status_code == 200
    finally:
        demo.close()


# ---------------------------------------------------------------------- 13. smaller


@pytest.mark.parametrize("mark", ["\u034f", "\ufe0f", "\U000e0041", "\u061c", "\u180e", "\u3164", "\u200d", "\u2064"])
def test_default_ignorable_characters_are_dropped(mark):
    assert clean_question(f"数{mark}据{mark}局负责哪些任务？", 500)[0] == "数据局负责哪些任务？"


def test_an_omitted_history_on_the_rest_route_answers(served):
    _, base = served
    r = call_chat(base, [REAL])
    kind, data = fetch_result(base, r.json()["event_id"])
    assert kind == "complete" and data[0]["citations"][0]["clause_id"] == REAL_ID


# ---------------------------------------------------------------------- issue 13 item 7: long pastes


PASSAGE = "数字福建建设持续推进，各地各部门认真落实各项任务，取得积极成效。" * 90  # ~2,800 characters


def test_a_long_paste_is_answered_on_its_last_question(assistant):
    q, notes = clean_question(PASSAGE + REAL, 500)
    assert q == REAL and notes == [f"question_from_paste:{len(PASSAGE + REAL)}"]
    a = assistant.ask(PASSAGE + "请问：" + REAL)
    assert a.intent == "lead" and a.citations[0].clause_id == REAL_ID
    assert "最后一个问句" in a.answer and REAL in a.answer  # says what was used


def test_a_long_text_without_a_question_is_still_cut_to_its_start():
    q, notes = clean_question("甲" * 600, 500)
    assert q == "甲" * 500 and notes == ["truncated:500"]


# ---------------------------------------------------------------------- regressions the tests let through


ALIASES = json.loads((ROOT / "tests/fixtures/agency_aliases.json").read_text(encoding="utf-8"))["aliases"]


@pytest.mark.parametrize(("alias", "name"), sorted(ALIASES.items()))
def test_every_pinned_alias_resolves(directory, alias, name):
    assert directory.resolve(alias) == name


@pytest.mark.parametrize(
    ("short", "name"), [("人大", "省人大常委會辦公廳"), ("政协", "省政協辦公廳"), ("金投", "省金融投資公司"), ("委網信辦", "省委網信辦")]
)
def test_names_without_the_province_prefix_resolve(directory, short, name):
    assert directory.resolve(short) == name


def test_unknown_agency_answer_lists_the_closest_names(assistant, directory):
    from corpus.script import to_simplified

    a = assistant.ask("省统计局牵头哪些工作？")
    suggestions = directory.suggest("省统计局")
    assert a.refused and suggestions
    assert all(to_simplified(name) in a.answer for name in suggestions)


def test_an_unknown_unit_ending_in_bu_is_named(assistant):
    a = assistant.ask("数据部负责哪些任务？")
    assert a.refused and "数据部" in a.answer and not a.citations


def test_search_k_must_be_positive(capsys):
    for k in ("0", "-3"):
        with pytest.raises(SystemExit) as exit_:
            cli.main(["search", "算力", "-k", k])
        assert exit_.value.code == 2 and "at least 1" in capsys.readouterr().err


def test_tasks_into_a_closed_pipe_prints_no_traceback(tmp_path):
    env = {**os.environ, "PLANQA_EMBEDDER": "hash", "PLANQA_INDEX_DIR": str(tmp_path / "index")}
    proc = subprocess.run(
        f"{sys.executable} -m assistant tasks --csv | head -3",
        shell=True, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert len(proc.stdout.splitlines()) == 3
    assert "Traceback" not in proc.stderr and "BrokenPipeError" not in proc.stderr


@pytest.fixture(autouse=True)
def _fresh_settings_cache():
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
