"""The Gradio app, fast tier: a real server on 127.0.0.1 with the hash embedder, called through
gradio_client, plus the handlers (web/) called directly (feedback, matrix, export, escaping)."""

from __future__ import annotations

import asyncio
import json
import os
import socket
from pathlib import Path

import pytest
from pydantic import SecretStr

import app  # sets the no-telemetry environment before gradio is imported
from assistant.pipeline import Assistant
from assistant.types import ANSWERED, EMPTY, ERROR, INVALID
from corpus.settings import Settings
from web import messages, render
from web.feedback import FeedbackStore
from web.handlers import Handlers
from web.matrix_tab import ALL_SCOPES

QUESTION = "誰牽頭負責算力基礎設施？"
INJECTION = "<script>alert('x')</script><img src=x onerror=alert(1)>算力建设由哪个部门牵头？"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    root = tmp_path_factory.mktemp("app")
    return Settings(embedder="hash", index_dir=root / "index", data_dir=root / "data")


@pytest.fixture(scope="module")
def assistant(settings) -> Assistant:
    a = Assistant(settings)
    a.warm_up()
    return a


@pytest.fixture(scope="module")
def served(assistant, settings):
    """(demo, port): the app launched the way main() does, minus auth."""
    import gradio as gr

    demo = app.build_app(assistant, settings)
    assert isinstance(demo, gr.Blocks)
    port = free_port()
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=settings.queue_size).launch(
        prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, **app.page_assets()
    )
    yield demo, port
    demo.close()


@pytest.fixture(scope="module")
def client(served):
    from gradio_client import Client

    _, port = served
    return Client(f"http://127.0.0.1:{port}/", verbose=False)


@pytest.fixture(scope="module")
def handlers(served) -> Handlers:
    demo, _ = served
    return demo.planqa


def run_chat(h: Handlers, question: str, state=None):
    """Drain the streaming UI function; returns (all yields, final yield)."""
    steps = list(h.respond(question, state))
    return steps, steps[-1]


# ---------------------------------------------------------------------- API through gradio_client


def test_telemetry_is_off_before_gradio_loads():
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"
    assert os.environ["HF_HUB_DISABLE_TELEMETRY"] in ("1", "True")  # gradio rewrites it to "True"
    source = Path(app.__file__).read_text(encoding="utf-8")
    assert source.index('os.environ["GRADIO_ANALYTICS_ENABLED"]') < source.index("import gradio")
    assert source.index('os.environ["HF_HUB_DISABLE_TELEMETRY"]') < source.index("import gradio")


def test_chat_api_names_lead_and_cites_clause(client):
    r = client.predict(QUESTION, api_name="/chat")
    assert set(r) == {"answer", "refused", "intent", "status", "citations", "suggestions"}
    assert "省數據管理局" in r["answer"] and r["refused"] is False and r["intent"] == "lead"
    assert r["status"] == ANSWERED
    first = r["citations"][0]
    assert first["clause_id"] == "二.2"
    assert set(first) == {"clause_id", "path", "title", "quote", "lead", "members"}
    assert first["lead"] == "省數據管理局" and "省工信廳" in first["members"]
    assert first["path"] == ["二、實施數字基礎能力提升行動"]


def test_chat_api_history_as_list_or_json(client):
    history = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": "…"}]
    as_list = client.predict("配合单位有哪些？", history, api_name="/chat")
    as_json = client.predict("配合单位有哪些？", json.dumps(history, ensure_ascii=False), api_name="/chat")
    for r in (as_list, as_json):
        assert r["citations"] and r["citations"][0]["clause_id"] == "二.2"
        assert "省工信厅" in r["answer"] or "省工信廳" in r["answer"]
    assert client.predict(QUESTION, "not json {", api_name="/chat")["citations"][0]["clause_id"] == "二.2"


@pytest.mark.parametrize(
    ("question", "status"),
    [
        ("", EMPTY),
        ("   \n\t ", EMPTY),
        ("\x00\x01\x02", EMPTY),
        ("😀🎉👍", INVALID),
        ("算" * 10_000, None),
        ("算力\x00建设由哪个部门\x07牵头？", None),
    ],
)
def test_bad_input_gets_a_clear_message(client, question, status):
    r = client.predict(question, [], api_name="/chat")
    assert isinstance(r["answer"], str) and r["answer"].strip()
    assert "Traceback" not in r["answer"] and "Error" not in r["answer"]
    if status:
        assert r["status"] == status and r["refused"] is True
        assert r["intent"] == "general"  # a question kind, not a status
    if status == EMPTY:
        assert r["answer"] == messages.EMPTY_MESSAGE
    if status == INVALID:
        assert r["answer"] == messages.NO_WORDS_MESSAGE


def test_streaming_endpoint_escapes_injection(client):
    _, chat, sources_html, _download = client.predict(INJECTION, api_name="/chat_stream")
    assert "&lt;script&gt;" in sources_html and "&lt;img src=x onerror=alert(1)&gt;" in sources_html
    assert "<script" not in sources_html and "<img" not in sources_html
    user = chat[0]["content"]
    user_text = user if isinstance(user, str) else user[0]["text"]
    assert "<script" not in user_text and "&lt;script&gt;" in user_text


def test_concurrent_api_calls_all_answered(client):
    questions = ["算力建设由哪个部门牵头？", QUESTION, "数据局牵头了多少项？", "行动四包括哪些工程？"] * 3
    jobs = [client.submit(q, [], api_name="/chat") for q in questions]
    results = [job.result(timeout=60) for job in jobs]
    assert all(r["status"] != ERROR for r in results)
    assert [r["citations"][0]["clause_id"] for r in results[:2]] == ["二.2", "二.2"]


def test_only_chat_is_documented(client):
    api = client.view_api(print_info=False, return_format="dict")
    assert list(api["named_endpoints"]) == ["/chat"]
    names = [p["parameter_name"] for p in api["named_endpoints"]["/chat"]["parameters"]]
    assert names == ["question", "history"]


def test_binds_to_loopback_by_default(served):
    demo, port = served
    assert Settings.model_fields["host"].default == "127.0.0.1"
    assert Settings.model_fields["port"].default == 7860
    assert demo.server_name == "127.0.0.1"
    assert demo.local_url.startswith(f"http://127.0.0.1:{port}")


# ---------------------------------------------------------------------- handlers called directly


def test_streaming_yields_progressively_and_renders_sources(handlers):
    steps, (box, chat, sources_html, state, download) = run_chat(handlers, QUESTION)
    assert len(steps) >= 4  # the question, then the answer in several pieces, then the sources
    partials = [s[1][1]["content"] for s in steps[1:-1]]
    assert any(p != partials[-1] for p in partials), "the answer should arrive in pieces"
    assert steps[0][0] == "" and chat[0]["role"] == "user" and "省數據管理局" in chat[1]["content"]
    assert chat[2]["content"].startswith(render.SOURCES_MARK)  # cited clauses under the answer
    assert '<details class="planqa-cite"' in chat[2]["content"] and "[二.2]" in chat[2]["content"]
    assert "<mark>" in sources_html and "省數據管理局（牵头）" in sources_html
    assert 'data-clause="二.2"' in sources_html
    assert state.records[0].citations[0]["clause_id"] == "二.2"
    assert list(state.history) == [
        {"role": "user", "content": QUESTION},
        {"role": "assistant", "content": state.records[0].answer},  # the Markdown, not the linked HTML
    ]
    assert "<a " not in state.records[0].answer and 'class="planqa-cite-link"' in chat[1]["content"]
    text = Path(download).read_text(encoding="utf-8")
    assert QUESTION in text and "[二.2]" in text and "省數據管理局" in text


def test_follow_up_in_the_ui_uses_the_conversation(handlers):
    _, (*_, state, _) = run_chat(handlers, QUESTION)
    _, (_, chat, _, state, _) = run_chat(handlers, "配合单位有哪些？", state)
    assert len(state.records) == 2 and state.records[1].citations[0]["clause_id"] == "二.2"
    assert [m["role"] for m in chat].count("user") == 2


def test_empty_question_in_the_ui_changes_nothing(handlers):
    steps = list(handlers.respond("   ", None))
    assert len(steps) == 1 and steps[0][1] == []


def test_feedback_from_the_like_handler_lands_in_sqlite(handlers, settings):
    import gradio as gr

    _, (_, chat, _, state, _) = run_chat(handlers, QUESTION)
    status, state = handlers.on_like(
        state, gr.LikeData(None, {"index": 1, "value": chat[1]["content"], "liked": False})
    )
    assert "saved" in status
    store = FeedbackStore.in_folder(settings.data_dir)
    row = store.recent(1)[0]
    assert row["vote"] == "down" and row["question"] == QUESTION and row["intent"] == "lead"
    assert "省數據管理局" in row["answer"] and row["citations"][0]["clause_id"] == "二.2"

    box, status, state = handlers.submit_comment("  应同时列出配合单位  ", state)
    assert box == "" and "saved" in status
    assert store.recent(1)[0]["comment"] == "应同时列出配合单位"
    assert (Path(settings.data_dir) / "feedback.sqlite3").is_file()


def test_comment_without_a_vote_asks_for_one(handlers):
    _, (*_, state, _) = run_chat(handlers, QUESTION)
    box, status, _ = handlers.submit_comment("no vote yet", state)
    assert box == "no vote yet" and "👍" in status


def test_feedback_unavailable_is_shown_not_raised(assistant, tmp_path):
    import gradio as gr

    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    h = Handlers(assistant, Settings(embedder="hash", data_dir=blocker / "data", index_dir=tmp_path / "i"))
    _, (*_, state, _) = run_chat(h, QUESTION)
    status, _ = h.on_like(state, gr.LikeData(None, {"index": 1, "value": "", "liked": True}))
    assert status.startswith("⚠️ feedback could not be saved:") and "PLANQA_DATA_DIR" in status


def test_assistant_failure_is_logged_and_answered_politely(handlers, monkeypatch, caplog):
    def boom(*_a, **_k):
        raise RuntimeError("index exploded")

    monkeypatch.setattr(handlers.assistant, "ask", boom)
    r = handlers.chat_api(QUESTION)
    assert r == {
        "answer": messages.ERROR_MESSAGE,
        "refused": True,
        "intent": "general",
        "status": ERROR,
        "citations": [],
        "suggestions": [],
    }
    assert "index exploded" in caplog.text
    *_, (_, chat, _, _, _) = handlers.respond(QUESTION, None)
    assert chat[1]["content"] == messages.ERROR_MESSAGE


def test_matrix_tab_filter(handlers):
    frame, note, csv_path, xlsx_path = handlers.filter_matrix("网信办", ALL_SCOPES)
    rows = frame.data  # a pandas Styler: lead cells highlighted
    assert list(rows["条款"]) == ["四.(四).4", "四.(六).3", "五.1", "五.2"]
    assert "省委網信辦" in note and Path(csv_path).is_file() and Path(xlsx_path).is_file()

    frame, note, *_ = handlers.filter_matrix("", "四.(二)")
    assert list(frame.data["条款"]) == ["四.(二).1", "四.(二).2", "四.(二).3"]

    frame, note, csv_path, xlsx_path = handlers.filter_matrix("火星局", ALL_SCOPES)
    assert len(frame) == 0 and "火星局" in note and csv_path is None and xlsx_path is None

    frame, *_ = handlers.filter_matrix(None, None)
    assert len(frame.data) == 31


def test_the_question_is_cleaned_once_for_answering(handlers, monkeypatch):
    """Assistant.ask cleans at its edge; the web only makes a display form (markup kept) for the chat."""
    import sys

    from assistant import clean

    original = clean.clean_question
    calls: list[bool] = []

    def counting(text, limit, strip_markup=True):
        calls.append(strip_markup)
        return original(text, limit, strip_markup)

    for module in list(sys.modules.values()):  # wherever the function was imported by name
        if getattr(module, "clean_question", None) is original:
            monkeypatch.setattr(module, "clean_question", counting)
    assert handlers.chat_api(QUESTION)["citations"][0]["clause_id"] == "二.2"
    assert calls == [True]
    calls.clear()
    run_chat(handlers, QUESTION)
    assert sorted(calls) == [False, True]  # shown once, answered once


def test_footer_shows_index_and_licences(handlers, assistant):
    footer = handlers.footer_markdown()
    manifest = assistant.retriever.warm_up().manifest
    assert "`hash`" in footer and manifest["built_at"] in footer
    assert manifest["corpus_sha256"][:12] in footer and manifest["corpus_sha256"][:13] not in footer
    assert messages.LICENCES in footer


def test_main_launches_on_settings_with_auth_only_when_both_set(monkeypatch, settings, assistant):
    import gradio as gr

    calls: dict = {}

    def fake_queue(self, **kw):
        calls["queue"] = kw
        return self

    def fake_serve(demo, assistant, settings, options):
        # main() serves the chat and the JSON API on one uvicorn server (app.serve) with these options
        calls["launch"] = options

    monkeypatch.setattr(app, "Assistant", lambda s: assistant)
    monkeypatch.setattr(gr.Blocks, "queue", fake_queue)
    monkeypatch.setattr(app, "serve", fake_serve)

    monkeypatch.setattr(app, "get_settings", lambda: settings)
    app.main()
    launch = calls["launch"]
    assert launch["server_name"] == "127.0.0.1" and launch["server_port"] == 7860
    assert launch["auth"] is None and launch["show_error"] is False
    assert launch["head"] == app.page_assets()["head"] and launch["css"] == app.page_assets()["css"]
    assert calls["queue"] == {"default_concurrency_limit": settings.concurrency, "max_size": settings.queue_size}

    calls.clear()
    with_auth = settings.model_copy(update={"auth_user": "ops", "auth_password": SecretStr("s3cret"), "port": 8123})
    monkeypatch.setattr(app, "get_settings", lambda: with_auth)
    app.main()
    auth = calls["launch"]["auth"]  # a coroutine function that checks the pair, slowly on failure
    assert asyncio.run(auth("ops", "s3cret")) is True and calls["launch"]["server_port"] == 8123

    calls.clear()
    half = settings.model_copy(update={"auth_user": "ops"})
    monkeypatch.setattr(app, "get_settings", lambda: half)
    with pytest.raises(SystemExit) as exit_:  # half a login refuses to start (issue 15)
        app.main()
    assert exit_.value.code == 2 and "launch" not in calls
