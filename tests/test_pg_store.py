"""The PostgreSQL store against a real PostgreSQL (pgvector bundled) started by pgserver in a
temporary folder; no database mocks. `make test-pg` runs these (`pytest -m pg`).

As root (CI), pgserver runs the server as a system user `pgserver` it creates itself: PostgreSQL
refuses to run as root."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import uuid
from pathlib import Path

import numpy as np
import pytest

from corpus.resources import PlanResources
from corpus.settings import Settings
from index import pg_store
from index.backends import open_store
from index.embedder import HashEmbedder
from index.retriever import Retriever
from index.types import StoreError, StoreUnavailable

pytestmark = pytest.mark.pg
pgserver = pytest.importorskip("pgserver")
psycopg = pytest.importorskip("psycopg")


@pytest.fixture(scope="module")
def pg():
    # Not under pytest's tmp_path: pytest keeps that 0700, and as root the server runs as the user
    # `pgserver`, which must reach its data folder.
    root = Path(tempfile.mkdtemp(prefix="planqa-pg-"))
    server = pgserver.get_server(root / "data", cleanup_mode="delete")
    try:
        yield server
    finally:
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def db_url(pg) -> str:
    """A fresh database for each test."""
    name = "t_" + uuid.uuid4().hex[:10]
    with psycopg.connect(pg.get_uri(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg.get_uri(name)


def _settings(tmp_path, url: str, **kw) -> Settings:
    return Settings(index_dir=tmp_path / "idx", data_dir=tmp_path / "data", embedder="hash", database_url=url, **kw)


class SlowHash(HashEmbedder):
    """The hashing embedder, slowed so two builders overlap."""

    calls = 0

    def embed_passages(self, texts):
        SlowHash.calls += 1
        time.sleep(1.0)
        return super().embed_passages(texts)


def test_same_rankings_as_the_embedded_store(tmp_path, db_url, corpus):
    embedded = Retriever(_settings(tmp_path, ""), PlanResources(Settings(), corpus))
    s = _settings(tmp_path, db_url)
    server = Retriever(s, PlanResources(s, corpus))
    assert server.store.name == "postgresql" and embedded.store.name == "embedded"
    questions = ["算力建设由哪个部门牵头？", "誰牽頭負責算力基礎設施？", "数通八闽", "养老", "what about data security",
                 "省数据管理局负责哪些任务", "碳普惠", "区块链有哪些应用"]
    for q in questions:
        for mode in ("bm25", "dense", "hybrid"):
            a, b = embedded.search(q, 10, mode), server.search(q, 10, mode)
            assert [h.clause_id for h in a] == [h.clause_id for h in b], (q, mode)
            assert [h.ranks for h in a] == [h.ranks for h in b], (q, mode)
            if mode == "bm25":
                assert [h.scores for h in a] == [h.scores for h in b]  # float64, bit for bit
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT count(*) FROM clauses").fetchone()[0] == len(corpus.plan.clauses)
        assert conn.execute("SELECT count(*) FROM units WHERE role = 'lead'").fetchone()[0] > 20
        hnsw = conn.execute("SELECT count(*) FROM pg_indexes WHERE indexdef ILIKE '%hnsw%'").fetchone()[0]
        assert hnsw == 1
    server.store.close()


def test_unreachable_database_is_a_clear_error_without_the_password(tmp_path):
    url = "postgresql://planqa:s3cret@127.0.0.1:1/planqa"
    store = open_store(_settings(tmp_path, url, database_timeout=1.0))
    with pytest.raises(StoreUnavailable) as e:
        store.check()
    assert "database unreachable at postgresql://planqa:***@127.0.0.1:1/planqa" in str(e.value)
    assert "s3cret" not in str(e.value) and "s3cret" not in repr(store)


def test_bad_url_scheme_says_what_to_use(tmp_path):
    with pytest.raises(StoreError, match="postgresql://"):
        open_store(_settings(tmp_path, "mysql://x@y/z"))


def test_schema_is_migrated_and_a_newer_one_refused(tmp_path, db_url):
    store = open_store(_settings(tmp_path, db_url))
    store.check()
    with psycopg.connect(db_url, autocommit=True) as conn:
        assert conn.execute("SELECT max(version) FROM planqa_schema").fetchone()[0] == pg_store.SCHEMA_VERSION
        assert pg_store.migrate(conn) == pg_store.SCHEMA_VERSION  # second run: nothing to do
        conn.execute("INSERT INTO planqa_schema (version) VALUES (999)")
    store.close()
    with pytest.raises(StoreError, match="schema version 999, newer than this PlanQA"):
        open_store(_settings(tmp_path, db_url)).check()


def test_two_builders_at_once_build_once_and_both_serve_it(tmp_path, db_url, corpus):
    SlowHash.calls = 0
    results, errors = {}, []

    def run(name):
        try:
            s = _settings(tmp_path, db_url)
            r = Retriever(s, PlanResources(s, corpus), embedder=SlowHash(), store=open_store(s))
            results[name] = r.warm_up().build_id
            r.store.close()
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(n,)) for n in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and results["a"] == results["b"]
    assert SlowHash.calls == 1  # the second builder waited on the advisory lock, then loaded
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT count(*) FROM index_builds").fetchone()[0] == 1


def test_a_build_by_one_process_is_seen_by_the_other(tmp_path, db_url, corpus, monkeypatch):
    monkeypatch.setattr(pg_store, "REFRESH_SECONDS", 0.0)
    s = _settings(tmp_path, db_url)
    a = Retriever(s, PlanResources(s, corpus), store=open_store(s))
    b = Retriever(s, PlanResources(s, corpus), store=open_store(s))
    first = a.warm_up().build_id
    assert b.warm_up().build_id == first
    second = a.warm_up(force=True).build_id
    assert second != first
    assert b.search("算力", 3)[0].clause_id == "二.2"
    assert b.warm_up().build_id == second
    a.store.close()
    b.store.close()


def test_database_lost_mid_run_gives_errors_then_recovers(tmp_path, db_url, corpus, pg):
    s = _settings(tmp_path, db_url, database_timeout=1.0)
    r = Retriever(s, PlanResources(s, corpus))
    assert r.search("算力", 3, mode="bm25")[0].clause_id == "二.2"
    pgserver.pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pg.pgdata, user=pg.system_user)
    try:
        with pytest.raises(StoreUnavailable, match="database unreachable"):
            r.search("算力", 3, mode="bm25")
    finally:
        pg.ensure_postgres_running()
    deadline = time.monotonic() + 20
    while True:
        try:
            assert r.search("算力", 3, mode="bm25")[0].clause_id == "二.2"
            break
        except StoreUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    r.store.close()


def test_vectors_round_trip_exactly():
    v = np.random.default_rng(1).standard_normal(16).astype(np.float32)
    back = np.array([float(x) for x in pg_store._vec(v)[1:-1].split(",")], dtype=np.float32)
    assert np.array_equal(v, back)


def test_feedback_goes_to_the_same_database(tmp_path, db_url):
    from web.feedback import PgFeedbackStore, open_feedback

    fb = open_feedback(_settings(tmp_path, db_url))
    assert isinstance(fb, PgFeedbackStore)
    rid = fb.add("誰牽頭？", "省數據管理局", [{"clause_id": "二.2"}], vote="down", intent="lead")
    assert fb.set_comment(rid, "ok") and not fb.set_comment(rid + 99, "x")
    assert fb.count() == 1 and fb.recent()[0]["citations"] == [{"clause_id": "二.2"}]
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT comment FROM feedback").fetchone()[0] == "ok"
    fb.store.close()


def test_app_exits_2_with_a_message_when_the_database_is_unreachable(tmp_path):
    import os
    import subprocess
    import sys

    from corpus.settings import ROOT

    env = {**os.environ, "PLANQA_DATABASE_URL": "postgresql://planqa:s3cret@127.0.0.1:1/planqa",
           "PLANQA_DATABASE_TIMEOUT": "1", "PLANQA_EMBEDDER": "hash", "PLANQA_INDEX_DIR": str(tmp_path / "i"),
           "PLANQA_DATA_DIR": str(tmp_path / "d"), "PLANQA_PORT": "1"}
    out = subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert "PlanQA cannot start: database unreachable at postgresql://planqa:***@127.0.0.1:1/planqa" in out.stderr
    assert "s3cret" not in out.stderr + out.stdout


def test_library_plans_each_keep_their_own_build_in_one_database(tmp_path, db_url):
    """Several plans on one database: each has its build (keyed by embedder and plan), so asking one
    plan never rebuilds another, and answers cite the right plan."""
    from plan_docs import FIXTURES

    from assistant.desk import Desk
    from corpus.library import PlanLibrary

    s = _settings(tmp_path, db_url)
    lib = PlanLibrary(s.data_dir / "plans")
    for name in ("qinglan-2024.txt", "qinglan-2025.txt"):
        lib.add(FIXTURES / name)
    desk = Desk(s)
    desk.warm_up()
    with psycopg.connect(db_url) as conn:
        keys = {k for (k,) in conn.execute("SELECT key FROM index_current")}
    name = HashEmbedder().name
    assert keys == {name, f"{name}:2024数字青岚", f"{name}:2025数字青岚"}
    a = desk.ask("2024年青岚的城市算力中心由哪个部门牵头？")
    b = desk.ask("2025年青岚的城市算力中心由哪个部门牵头？")
    assert (a.agency, b.agency) == ("市发改委", "市数据局")
    # a second process on the same database finds every build current: nothing is built again
    again = Desk(s)
    with psycopg.connect(db_url) as conn:
        before = conn.execute("SELECT count(*) FROM index_builds").fetchone()[0]
    again.warm_up()
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT count(*) FROM index_builds").fetchone()[0] == before


def test_a_rebuild_after_a_plan_edit_embeds_only_the_changed_chunks(tmp_path, db_url, corpus):
    from conftest import RAW
    from fakes import CountingHash

    from corpus.load import load_corpus
    from index.chunks import chunks_from_plan

    s = _settings(tmp_path, db_url)
    first = CountingHash()
    r = Retriever(s, PlanResources(s, corpus), embedder=first, store=open_store(s))
    r.warm_up()
    r.store.close()
    n = len(chunks_from_plan(corpus.plan))
    assert len(first.embedded) == n
    edited_raw = tmp_path / "edited.raw.txt"
    raw = RAW.read_text(encoding="utf-8")
    assert raw.count("6000P") == 1
    edited_raw.write_text(raw.replace("6000P", "8000P"), encoding="utf-8")
    edited = load_corpus(edited_raw)
    second = CountingHash()
    r2 = Retriever(s, PlanResources(s, edited), embedder=second, store=open_store(s))
    build = r2.warm_up().build_id
    r2.store.close()
    assert second.embedded and len(second.embedded) < n and all("8000p" in t.lower() for t in second.embedded)
    # the reused vectors are the ones a full build would have written, bit for bit
    texts = [c.index_text for c in chunks_from_plan(edited.plan)]
    want = HashEmbedder().embed_passages(texts)
    with psycopg.connect(db_url) as conn:
        rows = conn.execute(f"SELECT pos, embedding::text FROM vectors_{int(build)} ORDER BY pos").fetchall()
    got = np.array([np.array(e[1:-1].split(","), dtype=np.float32) for _, e in rows])
    assert np.array_equal(got, want.astype(np.float32))
