"""FeedbackStore: round trip, WAL, concurrent writers, a real SIGKILL mid-run, unwritable folder."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from assistant.types import Citation
from corpus.settings import ROOT
from web.feedback import FILENAME, FeedbackStore, FeedbackUnavailable


def test_round_trip(tmp_path: Path):
    store = FeedbackStore.in_folder(tmp_path / "data")
    cite = Citation("二.2", ("二、實施數字基礎能力提升行動",), "提升算力基礎設施能力", "text", "quote", "省數據管理局")
    rid = store.add("誰牽頭？", "省數據管理局", [cite], vote="up", comment="好", intent="lead")
    rid2 = store.add("q2", "a2", '[{"clause_id": "二.1"}]', vote="down")
    assert (rid, rid2) == (1, 2)
    assert store.count() == 2
    newest, older = store.recent(5)
    assert newest["id"] == rid2 and newest["vote"] == "down" and newest["citations"] == [{"clause_id": "二.1"}]
    assert older["question"] == "誰牽頭？" and older["comment"] == "好" and older["intent"] == "lead"
    assert older["citations"][0]["clause_id"] == "二.2" and older["citations"][0]["lead"] == "省數據管理局"
    assert older["created_at"].endswith("+00:00")
    assert store.set_comment(rid2, "wrong clause") and not store.set_comment(999, "x")
    assert store.recent(1)[0]["comment"] == "wrong clause"
    assert (tmp_path / "data" / FILENAME).is_file()


def test_vote_must_be_up_or_down(tmp_path: Path):
    with pytest.raises(ValueError):
        FeedbackStore(tmp_path / "f.sqlite3").add("q", "a", vote="maybe")


def test_wal_is_really_on(tmp_path: Path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    store.add("q", "a", vote="up")
    conn = sqlite3.connect(tmp_path / "f.sqlite3")  # a fresh connection sees the persistent mode
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_concurrent_writers_lose_nothing(tmp_path: Path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    errors: list[BaseException] = []
    ids: list[int] = []
    lock = threading.Lock()

    def writer(t: int) -> None:
        try:
            for i in range(50):
                rid = store.add(f"q{t}-{i}", "a", [], vote="up" if i % 2 else "down", intent="general")
                with lock:
                    ids.append(rid)
        except BaseException as e:  # noqa: BLE001 - report every failure, not just the first
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert store.count() == 400
    assert len(set(ids)) == 400


CHILD = textwrap.dedent(
    """
    import sys
    from web.feedback import FeedbackStore
    store = FeedbackStore(sys.argv[1])
    i = 0
    while True:
        rid = store.add(f"question {i}", "answer " * 200, [{"clause_id": "二.2"}], vote="up", comment=str(i))
        print(rid, flush=True)
        i += 1
    """
)


def test_sigkill_mid_run_keeps_every_committed_row(tmp_path: Path):
    db = tmp_path / "f.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done: list[int] = []
    for _round in range(3):  # three kills into the same database
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        seen = 0
        deadline = time.monotonic() + 60
        while seen < 150 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            if line.endswith("\n"):
                done.append(int(line))
                seen += 1
        os.kill(child.pid, signal.SIGKILL)  # mid-loop: the child is busy writing the next row
        rest, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        done += [int(x) for x in rest.splitlines(keepends=True) if x.endswith("\n")]
        assert seen == 150, "the child did not get going"

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in conn.execute("SELECT id FROM feedback")}
    finally:
        conn.close()
    missing = set(done) - stored
    assert not missing, f"rows reported done but lost: {sorted(missing)[:10]}"
    assert FeedbackStore(db).count() == len(stored) >= len(done)


def test_unwritable_folder_raises_clear_error(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a regular file", encoding="utf-8")
    store = FeedbackStore.in_folder(blocker / "data")  # a folder under a file: cannot exist, even for root
    with pytest.raises(FeedbackUnavailable) as err:
        store.add("q", "a", vote="up")
    message = str(err.value)
    assert "PLANQA_DATA_DIR" in message and str(blocker) in message
    with pytest.raises(FeedbackUnavailable):
        store.count()
