from __future__ import annotations

from pathlib import Path

import pytest

from corpus.agencies import AgencyDirectory
from corpus.load import load_corpus
from corpus.settings import ROOT, Settings

RAW = ROOT / "corpus/raw/2025-digital-fujian-work-plan.raw.txt"


@pytest.fixture(scope="session")
def raw_text() -> str:
    return RAW.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(RAW)


@pytest.fixture(scope="session")
def plan(corpus):
    return corpus.plan


@pytest.fixture(scope="session")
def directory() -> AgencyDirectory:
    return AgencyDirectory.load(ROOT / "corpus/agencies.json")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings isolated to a temporary folder, with the fast fake embedder."""
    return Settings(index_dir=tmp_path / "index", data_dir=tmp_path / "data", embedder="hash")


@pytest.fixture(scope="session")
def hash_retriever(tmp_path_factory, corpus):
    """A real Retriever over the real plan, with the deterministic hashing embedder."""
    from corpus.resources import PlanResources
    from index.retriever import Retriever

    root = tmp_path_factory.mktemp("hash-index")
    s = Settings(index_dir=root, data_dir=root / "data", embedder="hash")
    r = Retriever(s, PlanResources(s, corpus))
    r.warm_up()
    return r


@pytest.fixture(scope="module")
def pg_database():
    """The URL of a fresh database on a real PostgreSQL (pgvector bundled) that pgserver starts
    for the module and removes after (`-m pg` tests only; imported here lazily so the fast tier never
    needs it). Not under pytest's tmp_path (kept 0700): as root the server runs as the user `pgserver`."""
    import shutil
    import tempfile
    import uuid

    pgserver = pytest.importorskip("pgserver")
    psycopg = pytest.importorskip("psycopg")
    root = Path(tempfile.mkdtemp(prefix="planqa-pg-"))
    server = pgserver.get_server(root / "data", cleanup_mode="delete")
    name = "t_" + uuid.uuid4().hex[:10]
    try:
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        yield server.get_uri(name)
    finally:
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def assistant(hash_retriever):
    """The assistant over the real plan and BM25, with the hashing fake for the dense part (fast tier)."""
    from assistant.pipeline import Assistant

    return Assistant(hash_retriever.settings, retriever=hash_retriever)

