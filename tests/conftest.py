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
