"""FAISS inner product over normalised vectors (= cosine). Saved with faiss.write_index: no pickle."""

from __future__ import annotations

from pathlib import Path

import numpy as np


class DenseIndex:
    def __init__(self, index) -> None:
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype="float32")
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors)
        return cls(index)

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def vectors(self) -> np.ndarray:
        """Every stored vector, in row order (a flat index keeps them exactly)."""
        return self._index.reconstruct_n(0, self.size)

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        q = np.ascontiguousarray(query, dtype="float32").reshape(1, -1)
        scores, rows = self._index.search(q, min(k, self.size))
        found = [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
        # Exact ties (frequent with the hashing fake, rare with real models) in row order: FAISS's heap
        # leaves them in no fixed order, and the PostgreSQL store must rank them the same way.
        return sorted(found, key=lambda r: (-r[1], r[0]))

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        import faiss

        return cls(faiss.read_index(str(path)))
