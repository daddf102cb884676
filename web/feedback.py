"""Answer feedback (👍/👎 plus an optional comment) in a small SQLite database.

One connection per call, so the store is safe to share between threads (Gradio runs handlers in a
thread pool). WAL journal, synchronous=NORMAL: a committed row survives the process being killed;
a busy database is waited on for up to 5 s. Every write is one transaction.

A data folder that cannot be created or written raises FeedbackUnavailable, whose message says
what to do; the app shows it ("feedback could not be saved: …") instead of failing.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FILENAME = "feedback.sqlite3"
VOTES = ("up", "down")
BUSY_TIMEOUT_MS = 5000
# Generous caps: feedback is not a place to store megabytes a client chose to send.
MAX_QUESTION = 10_000
MAX_ANSWER = 50_000
MAX_COMMENT = 2_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at     TEXT    NOT NULL,
    question       TEXT    NOT NULL,
    answer         TEXT    NOT NULL,
    citations_json TEXT    NOT NULL DEFAULT '[]',
    vote           TEXT    NOT NULL CHECK (vote IN ('up', 'down')),
    comment        TEXT    NOT NULL DEFAULT '',
    intent         TEXT    NOT NULL DEFAULT ''
)
"""


class FeedbackUnavailable(RuntimeError):
    """The feedback database cannot be opened or written; the message says what to do."""


class CommentTooLong(ValueError):
    def __init__(self, length: int):
        super().__init__(f"the comment has {length} characters; at most {MAX_COMMENT} are kept")
        self.length = length


def _fix(path: Path) -> str:
    return f"Set PLANQA_DATA_DIR to a folder the app can write (now: {path.parent})."


def _citations_json(citations: Any) -> str:
    if citations is None:
        return "[]"
    if isinstance(citations, str):
        json.loads(citations)  # must already be JSON
        return citations
    items = []
    for c in citations if isinstance(citations, Iterable) else [citations]:
        items.append(asdict(c) if is_dataclass(c) and not isinstance(c, type) else c)
    return json.dumps(items, ensure_ascii=False, default=str)


class FeedbackStore:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._schema_lock = threading.Lock()

    @classmethod
    def in_folder(cls, data_dir: Path | str) -> FeedbackStore:
        """The store at <data_dir>/feedback.sqlite3 (settings.data_dir)."""
        return cls(Path(data_dir) / FILENAME)

    # ------------------------------------------------------------------ connections

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise FeedbackUnavailable(
                f"cannot create the data folder {self.path.parent} ({e.strerror or e}). {_fix(self.path)}"
            ) from e
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so one write = one transaction.
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as e:
            raise FeedbackUnavailable(f"cannot open {self.path} ({e}). {_fix(self.path)}") from e
        # Setting WAL mode can meet SQLITE_BUSY without the busy handler being called (another connection
        # opening the WAL at the same moment): that case is retried within the same busy timeout.
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise sqlite3.OperationalError(f"journal_mode is {mode!r}, WAL could not be enabled")
                conn.execute("PRAGMA synchronous=NORMAL")
                self._ensure_schema(conn)
                return conn
            except sqlite3.OperationalError as e:
                if "locked" in str(e) and time.monotonic() < deadline:
                    time.sleep(0.02)
                    continue
                conn.close()
                raise self._unavailable(e) from e
            except sqlite3.Error as e:
                conn.close()
                raise self._unavailable(e) from e

    def _ensure_schema(self, conn: sqlite3.Connection) -> None:
        """On every connection (one cheap IF NOT EXISTS): a database file removed while the app runs
        comes back as a new, empty one instead of "no such table" until a restart."""
        with self._schema_lock:
            conn.execute(SCHEMA)

    def _unavailable(self, e: sqlite3.Error) -> FeedbackUnavailable:
        text = str(e)
        if "not a database" in text or "malformed" in text:
            return FeedbackUnavailable(
                f"{self.path} is damaged ({text}). Move it aside (the app creates a new one) and restart."
            )
        return FeedbackUnavailable(f"cannot write {self.path} ({text}). {_fix(self.path)}")

    def _write(self, sql: str, params: tuple) -> sqlite3.Cursor:
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                cur = conn.execute(sql, params)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            return cur
        except sqlite3.Error as e:
            raise self._unavailable(e) from e
        finally:
            conn.close()

    def _read(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        conn = self._connect()
        try:
            conn.row_factory = sqlite3.Row
            return conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            raise self._unavailable(e) from e
        finally:
            conn.close()

    # ------------------------------------------------------------------ API

    def add(
        self,
        question: str,
        answer: str,
        citations: Any = None,
        vote: str = "up",
        comment: str = "",
        intent: str = "",
    ) -> int:
        """Store one vote; returns its row id. `citations`: Citation records, dicts or a JSON string."""
        if vote not in VOTES:
            raise ValueError(f"vote must be one of {VOTES}, not {vote!r}")
        cur = self._write(
            "INSERT INTO feedback (created_at, question, answer, citations_json, vote, comment, intent) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                datetime.now(UTC).isoformat(timespec="milliseconds"),
                str(question or "")[:MAX_QUESTION],
                str(answer or "")[:MAX_ANSWER],
                _citations_json(citations),
                vote,
                str(comment or "")[:MAX_COMMENT],
                str(intent or ""),
            ),
        )
        assert cur.lastrowid is not None
        return int(cur.lastrowid)

    def set_vote(self, row_id: int, vote: str) -> bool:
        """Change the vote of a stored row (the user changed their mind: the last vote wins); False if
        there is no such row."""
        if vote not in VOTES:
            raise ValueError(f"vote must be one of {VOTES}, not {vote!r}")
        cur = self._write(
            "UPDATE feedback SET vote = ?, created_at = ? WHERE id = ?",
            (vote, datetime.now(UTC).isoformat(timespec="milliseconds"), row_id),
        )
        return cur.rowcount == 1

    def set_comment(self, row_id: int, comment: str) -> bool:
        """Attach (or replace) the comment of a stored vote; False if there is no such row.
        A comment over MAX_COMMENT characters raises CommentTooLong (it is not cut)."""
        comment = str(comment or "")
        if len(comment) > MAX_COMMENT:
            raise CommentTooLong(len(comment))
        cur = self._write("UPDATE feedback SET comment = ? WHERE id = ?", (comment, row_id))
        return cur.rowcount == 1

    def count(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM feedback")[0][0])

    def recent(self, n: int = 20) -> list[dict[str, Any]]:
        """The last `n` rows, newest first, with citations decoded."""
        rows = self._read("SELECT * FROM feedback ORDER BY id DESC LIMIT ?", (max(0, int(n)),))
        out = []
        for r in rows:
            d = dict(r)
            d["citations"] = json.loads(d.pop("citations_json") or "[]")
            out.append(d)
        return out


class PgFeedbackStore:
    """The same API, in the PostgreSQL database PLANQA_DATABASE_URL names (table `feedback`, created
    by the store's migrations), so every app process on that database shares one feedback log."""

    def __init__(self, store):  # index.pg_store.PgStore; typed loosely so SQLite-only installs import nothing
        self.store = store

    def _run(self, sql: str, params: tuple = ()) -> list[tuple]:
        from index.types import StoreError

        try:
            return self.store.query(sql, params)
        except StoreError as e:
            raise FeedbackUnavailable(str(e)) from e

    def add(self, question: str, answer: str, citations: Any = None, vote: str = "up", comment: str = "",
            intent: str = "") -> int:
        if vote not in VOTES:
            raise ValueError(f"vote must be one of {VOTES}, not {vote!r}")
        rows = self._run(
            "INSERT INTO feedback (created_at, question, answer, citations_json, vote, comment, intent) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (datetime.now(UTC).isoformat(timespec="milliseconds"), str(question or "")[:MAX_QUESTION],
             str(answer or "")[:MAX_ANSWER], _citations_json(citations), vote, str(comment or "")[:MAX_COMMENT],
             str(intent or "")),
        )
        return int(rows[0][0])

    def set_comment(self, row_id: int, comment: str) -> bool:
        rows = self._run("UPDATE feedback SET comment = %s WHERE id = %s RETURNING id",
                         (str(comment or "")[:MAX_COMMENT], row_id))
        return len(rows) == 1

    def count(self) -> int:
        return int(self._run("SELECT count(*) FROM feedback")[0][0])

    def recent(self, n: int = 20) -> list[dict[str, Any]]:
        cols = ("id", "created_at", "question", "answer", "citations_json", "vote", "comment", "intent")
        rows = self._run(f"SELECT {', '.join(cols)} FROM feedback ORDER BY id DESC LIMIT %s", (max(0, int(n)),))
        out = []
        for r in rows:
            d = dict(zip(cols, r, strict=True))
            d["citations"] = json.loads(d.pop("citations_json") or "[]")
            out.append(d)
        return out


def open_feedback(settings) -> FeedbackStore | PgFeedbackStore:
    """SQLite under PLANQA_DATA_DIR, or the PostgreSQL database when PLANQA_DATABASE_URL is set."""
    if settings.database_url.get_secret_value().strip():
        from index.backends import open_store

        return PgFeedbackStore(open_store(settings))
    return FeedbackStore.in_folder(settings.data_dir)
