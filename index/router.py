"""Which plans a question is most likely about, before any plan's own retrieval runs.

With many plans served, asking every plan's assistant costs one full answer per plan; a character
bigram TF-IDF over every clause of every plan ranks the plans in one sparse product (scikit-learn's
vectoriser: well kept, and bigrams need no segmenter, so both scripts work after folding).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from corpus.script import fold
from corpus.types import Plan


class PlanRouter:
    def __init__(self, plans: Sequence[tuple[str, Plan]]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.keys = [k for k, _ in plans]
        texts, owner = [], []
        for i, (_, plan) in enumerate(plans):
            for c in plan.clauses:
                texts.append(fold(" ".join(c.path) + " " + c.text))
                owner.append(i)
        self._owner = np.asarray(owner)
        self._vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), sublinear_tf=True)
        self._matrix = self._vec.fit_transform(texts) if texts else None

    def rank(self, query: str, keys: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """(plan key, best clause cosine), best first; restricted to `keys` when given."""
        wanted = set(keys) if keys is not None else set(self.keys)
        if self._matrix is None:
            return [(k, 0.0) for k in self.keys if k in wanted]
        sims = (self._matrix @ self._vec.transform([fold(query)]).T).toarray().ravel()
        best = np.zeros(len(self.keys))
        np.maximum.at(best, self._owner, sims)
        order = sorted(range(len(self.keys)), key=lambda i: (-best[i], i))
        return [(self.keys[i], float(best[i])) for i in order if self.keys[i] in wanted]
