"""How well a string reads as Chinese: the judge that picks among candidate repairs.

A character-bigram model with Dirichlet smoothing, trained on the document's own clean lines and on
jieba's dictionary. Written here because the choice needs only bigram counts over the plan's own text,
which no maintained library offers in a form we could train on one document.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from functools import cache

from corpus.script import to_simplified

_BRACKETS = str.maketrans("〔【［「『〕】］」』", "((((()))))")


def _fold_for_judge(text: str) -> str:
    # Bracket and width styles vary across the plan; the judge weighs wording, not typography.
    text = unicodedata.normalize("NFKC", text).translate(_BRACKETS)
    return to_simplified(text)


class Judge:
    """Character-bigram log-probability with Dirichlet smoothing towards unigrams."""

    def __init__(self, texts: list[str], use_jieba: bool = True, alpha: float = 50.0):
        self.bi: Counter[tuple[str, str]] = Counter()
        self.uni: Counter[str] = Counter()
        for t in texts:
            self._add(_fold_for_judge(t), 3.0)  # the document's own text outweighs the dictionary
        if use_jieba:
            bi, uni = _dictionary_counts()
            self.bi.update(bi)  # Counter.update adds: the document's counts plus the dictionary's
            self.uni.update(uni)
        self.total = sum(self.uni.values())
        self.alpha = alpha

    def _add(self, text: str, weight: float) -> None:
        chars = [c for c in text if not c.isspace()]
        for a, b in zip(chars, chars[1:], strict=False):
            self.bi[(a, b)] += weight
        for c in chars:
            self.uni[c] += weight

    def _p_uni(self, c: str) -> float:
        return (self.uni.get(c, 0.0) + 0.01) / (self.total + 0.01 * 50000)

    def logp(self, text: str) -> float:
        chars = [c for c in _fold_for_judge(text) if not c.isspace()]
        if not chars:
            return 0.0
        lp = math.log(self._p_uni(chars[0]))
        for a, b in zip(chars, chars[1:], strict=False):
            p = (self.bi.get((a, b), 0.0) + self.alpha * self._p_uni(b)) / (
                self.uni.get(a, 0.0) + self.alpha
            )
            lp += math.log(p)
        return lp


@cache
def _dictionary_counts() -> tuple[dict[tuple[str, str], float], dict[str, float]]:
    """jieba's dictionary as weighted bigram and unigram counts, counted once per process (a second
    import in the app, or a second misaligned file in one `add`, does not pay the seconds again)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    bi: defaultdict[tuple[str, str], float] = defaultdict(float)
    uni: defaultdict[str, float] = defaultdict(float)
    for word, freq in jieba.dt.FREQ.items():
        if freq > 0 and len(word) > 1:
            w = math.log1p(freq)
            for a, b in zip(word, word[1:], strict=False):
                bi[(a, b)] += w
            for c in word:
                uni[c] += w
    return dict(bi), dict(uni)
