"""The JSON API mounted with the Gradio app on one FastAPI server (hash embedder, real plan)."""

import json

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app import build_app, http_app, mount_options
from assistant.pipeline import Assistant
from corpus.settings import Settings
from index.types import StoreUnavailable


@pytest.fixture(scope="module")
def assistant(tmp_path_factory) -> Assistant:
    root = tmp_path_factory.mktemp("api")
    a = Assistant(Settings(embedder="hash", index_dir=root / "index", data_dir=root / "data"))
    a.warm_up()
    return a


def _client(assistant, **kw) -> TestClient:
    s = assistant.settings.model_copy(update=kw)
    demo = build_app(assistant, s)
    return TestClient(http_app(demo, assistant, s, mount_options(demo, s)))


def test_ask_plans_tasks_and_docs(assistant):
    with _client(assistant) as c:
        r = c.post("/api/ask", json={"question": "誰牽頭負責算力基礎設施？"})
        assert r.status_code == 200
        body = r.json()
        assert body["citations"][0]["clause_id"] == "二.2" and body["refused"] is False
        follow = c.post("/api/ask", json={"question": "那配合单位呢？", "history": [
            {"role": "user", "content": "誰牽頭負責算力基礎設施？"}, {"role": "assistant", "content": body["answer"]}]})
        assert follow.json()["citations"][0]["clause_id"] == "二.2"
        plans = c.get("/api/plans").json()
        assert len(plans) == 1 and plans[0]["tasks"] == 31
        assert c.post("/api/ask", json={"question": "算力", "plan": plans[0]["id"]}).status_code == 200
        assert c.post("/api/ask", json={"question": "算力", "plan": "nope"}).status_code == 404
        tasks = c.get("/api/tasks", params={"agency": "数据局"}).json()
        assert tasks["agency"] == "省數據管理局" and all(t["role"] in ("lead", "member") for t in tasks["tasks"])
        assert len(c.get("/api/tasks").json()["tasks"]) == 31
        assert c.get("/api/tasks", params={"agency": "不存在的局"}).status_code == 404
        assert c.post("/api/ask", json={"history": []}).status_code == 422
        assert "/api/ask" in c.get("/api/openapi.json").json()["paths"]
        assert c.get("/").status_code == 200  # the chat, on the same server


def test_same_login_as_the_chat(assistant):
    with _client(assistant, auth_user="u", auth_password=SecretStr("p")) as c:
        assert c.get("/api/plans").status_code == 401
        assert c.get("/api/plans", auth=("u", "wrong")).status_code == 401
        assert c.get("/api/plans", auth=("u", "p")).status_code == 200


def test_database_lost_gives_503_then_recovers(assistant, monkeypatch):
    real = assistant.ask
    down = {"on": True}

    def ask(q, history=None):
        if down["on"]:
            raise StoreUnavailable("database unreachable at postgresql://u:***@h/db (server closed the connection)")
        return real(q, history)

    monkeypatch.setattr(assistant, "ask", ask)
    with _client(assistant) as c:
        r = c.post("/api/ask", json={"question": "算力"})
        assert r.status_code == 503 and "database unreachable" in r.json()["detail"]
        down["on"] = False
        assert c.post("/api/ask", json={"question": "算力"}).status_code == 200


def test_feedback_through_the_api_is_the_chats_feedback(assistant):
    with _client(assistant) as c:
        before = c.get("/api/feedback").json()["count"]
        vote = {"question": "誰牽頭負責算力基礎設施？", "answer": "省數據管理局", "citations": ["二.2"], "vote": "up"}
        rid = c.post("/api/feedback", json=vote).json()["id"]
        seen = c.get("/api/feedback", params={"limit": 1}).json()
        assert seen["count"] == before + 1 and seen["recent"][0]["id"] == rid
        assert seen["recent"][0]["vote"] == "up" and seen["recent"][0]["citations"] == [{"clause_id": "二.2"}]
        assert c.post("/api/feedback", json={**vote, "vote": "maybe"}).status_code == 422
        assert c.post("/api/feedback", json={**vote, "comment": "x" * 5000}).status_code == 422
        assert c.get("/api/feedback", params={"limit": 1000}).status_code == 422
    from web.feedback import open_feedback  # the chat's store: the same SQLite file under PLANQA_DATA_DIR

    assert open_feedback(assistant.settings).recent(1)[0]["id"] == rid


def test_health_names_the_store_and_the_index(assistant):
    with _client(assistant) as c:
        h = c.get("/api/health").json()
        assert h["status"] == "ok" and h["store"] == "embedded"
        assert h["index"]["embedder"] == "hash" and h["index"]["chunks"] == len(assistant.retriever.chunks)
        assert h["index"]["build"] is None  # builds are numbered only in PostgreSQL


def test_answer_json_is_the_answer_record(assistant):
    """The endpoint returns the record as is (no re-encoding step that could change a field)."""
    with _client(assistant) as c:
        body = c.post("/api/ask", json={"question": "数通八闽的目标是多少？"}).json()
    direct = assistant.ask("数通八闽的目标是多少？").to_dict()
    body.pop("elapsed_ms"), direct.pop("elapsed_ms")
    assert body == json.loads(json.dumps(direct, ensure_ascii=False))


def test_feedback_is_not_readable_without_a_login_beyond_loopback(assistant):
    with _client(assistant, host="0.0.0.0", allow_open=True) as c:
        assert c.get("/api/feedback").status_code == 403
        vote = {"question": "q", "answer": "a", "vote": "up"}
        assert c.post("/api/feedback", json=vote).status_code == 200  # voting stays open, as in the chat
    with _client(assistant, host="0.0.0.0", auth_user="u", auth_password=SecretStr("p")) as c:
        assert c.get("/api/feedback", auth=("u", "p")).status_code == 200


def test_the_api_serves_every_plan_of_the_library(tmp_path):
    from plan_docs import FIXTURES

    from corpus.library import PlanLibrary

    lib = PlanLibrary(tmp_path / "data" / "plans")
    for name in ("qinglan-2024.txt", "qinglan-2025.txt"):
        lib.add(FIXTURES / name)
    s = Settings(embedder="hash", index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    a = Assistant(s)
    demo = build_app(a, s)
    with TestClient(http_app(demo, a, s, mount_options(demo, s))) as c:
        plans = c.get("/api/plans").json()
        assert [p["id"] for p in plans] == ["2025数字福建", "2024数字青岚", "2025数字青岚"]
        assert plans[0]["builtin"] and plans[1]["year"] == 2024
        body = c.post("/api/ask", json={"question": "城市算力中心由哪个部门牵头？", "plans": ["2024数字青岚"]}).json()
        assert body["agency"] == "市发改委" and body["citations"][0]["clause_id"] == "2024数字青岚·一.(二)"
        assert body["citations"][0]["plan_title"] == "2024年数字青岚工作要点"
        # the plan's title works as its id too (what older clients sent), an unknown one is a 404
        by_title = c.post("/api/ask", json={"question": "城市算力中心由哪个部门牵头？", "plan": "2025年数字青岚工作要点"})
        assert by_title.json()["agency"] == "市数据局"
        assert c.post("/api/ask", json={"question": "算力", "plans": ["2019数字火星"]}).status_code == 404
        tasks = c.get("/api/tasks", params={"plan": "2025数字青岚", "agency": "工信局"}).json()
        assert tasks["agency"] == "市工信局" and len(tasks["tasks"]) == 4
        assert all(t["clause_id"].startswith("2025数字青岚·") for t in tasks["tasks"])
        assert c.get("/api/tasks", params={"plan": "2025数字青岚", "agency": "省数据管理局"}).status_code == 404
