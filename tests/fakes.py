"""Fakes for the heavy parts, shared by the test modules."""

from __future__ import annotations

from index.embedder import HashEmbedder


class CountingHash(HashEmbedder):
    """The hashing embedder, counting the passages it is asked to embed."""

    def __init__(self):
        super().__init__()
        self.embedded: list[str] = []

    def embed_passages(self, texts):
        self.embedded += list(texts)
        return super().embed_passages(texts)
