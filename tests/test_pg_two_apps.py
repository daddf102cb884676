"""Two real app processes (`python app.py`, each on its own port) on one PostgreSQL, end to end over
HTTP: same answers, one feedback log, one index build, and a rebuild by a third process picked up by
both. PostgreSQL with pgvector from pgserver in a temporary folder (`pytest -m pg`)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus.settings import ROOT

pytestmark = pytest.mark.pg
pgserver = pytest.importorskip("pgserver")
psycopg = pytest.importorskip("psycopg")
httpx = pytest.importorskip("httpx")

QUESTIONS = ["誰牽頭負責算力基礎設施？", "省数据管理局负责哪些任务", "量子计算有什么安排？", "数通八闽的目标是多少？"]


@pytest.fixture(scope="module")
def db_url(pg_database):
    return pg_database


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(tmp: Path, url: str, **kw: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANQA_")}
    env.update(PLANQA_DATABASE_URL=url, PLANQA_EMBEDDER="hash", PLANQA_HOST="127.0.0.1",
               PLANQA_INDEX_DIR=str(tmp / "index"), PLANQA_DATA_DIR=str(tmp / "data"), **kw)
    return env


def _wait_ready(procs: dict[str, subprocess.Popen], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    waiting = dict(procs)
    while waiting:
        for url, proc in list(waiting.items()):
            if proc.poll() is not None:
                raise AssertionError(f"app.py on {url} exited with {proc.returncode}: {proc.log.read_text()[-2000:]}")
            try:
                if httpx.get(url + "api/health", timeout=2).status_code == 200:
                    del waiting[url]
            except httpx.HTTPError:
                pass
        if time.monotonic() > deadline:
            raise AssertionError(f"not ready in {timeout}s: {list(waiting)}")
        time.sleep(0.3)


def _without_timing(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k != "elapsed_ms"}


def test_two_app_processes_share_one_database(tmp_path, db_url):
    # Each process has its own (empty) index and data folders: all they share is the database.
    procs = {}
    for name in ("a", "b"):
        url = f"http://127.0.0.1:{_free_port()}/"
        env = _env(tmp_path / name, db_url, PLANQA_PORT=url.rsplit(":", 1)[1].strip("/"))
        log = tmp_path / f"{name}.log"
        with log.open("w") as err:
            procs[url] = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                          stderr=err)
        procs[url].log = log
    a, b = procs
    try:
        _wait_ready(procs)
        with httpx.Client(base_url=a, timeout=30) as ca, httpx.Client(base_url=b, timeout=30) as cb:
            # both started on an empty database at once: one built the index, the other loaded that build
            ha, hb = ca.get("api/health").json(), cb.get("api/health").json()
            assert ha["store"] == hb["store"] == "postgresql"
            assert ha["index"]["build"] == hb["index"]["build"] is not None
            with psycopg.connect(db_url) as conn:
                assert conn.execute("SELECT count(*) FROM index_builds").fetchone()[0] == 1

            for q in QUESTIONS:
                ra, rb = ca.post("api/ask", json={"question": q}), cb.post("api/ask", json={"question": q})
                assert ra.status_code == rb.status_code == 200, (q, ra.text, rb.text)
                assert _without_timing(ra.json()) == _without_timing(rb.json()), q
            first = ca.post("api/ask", json={"question": QUESTIONS[0]}).json()
            assert first["citations"][0]["clause_id"] == "二.2" and first["status"] == "answered"

            # feedback written through one process is read through the other
            before = cb.get("api/feedback").json()["count"]
            vote = {"question": QUESTIONS[0], "answer": first["answer"], "citations": ["二.2"], "vote": "down",
                    "comment": "缺少配合单位", "intent": first["intent"]}
            rid = ca.post("api/feedback", json=vote).json()["id"]
            seen = cb.get("api/feedback", params={"limit": 5}).json()
            assert seen["count"] == before + 1
            assert seen["recent"][0]["id"] == rid and seen["recent"][0]["comment"] == "缺少配合单位"
            assert seen["recent"][0]["citations"] == [{"clause_id": "二.2"}]
            assert ca.post("api/feedback", json={**vote, "vote": "maybe"}).status_code == 422

            # a rebuild by a third process becomes current; both servers move to it (checked every 2 s)
            env = _env(tmp_path / "c", db_url)
            out = subprocess.run([sys.executable, "-m", "assistant", "build", "--force"], cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=120)
            assert out.returncode == 0, out.stderr[-2000:]
            with psycopg.connect(db_url) as conn:
                new = conn.execute("SELECT build_id FROM index_current").fetchone()[0]
            assert new != ha["index"]["build"]
            deadline = time.monotonic() + 20
            while {ca.get("api/health").json()["index"]["build"], cb.get("api/health").json()["index"]["build"]} != {new}:
                assert time.monotonic() < deadline, "a server did not switch to the new build"
                time.sleep(0.5)
            ra, rb = ca.post("api/ask", json={"question": QUESTIONS[1]}), cb.post("api/ask", json={"question": QUESTIONS[1]})
            assert _without_timing(ra.json()) == _without_timing(rb.json())
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
