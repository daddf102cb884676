"""BM25 over jieba tokens. A user dictionary made from the plan itself (agency names and aliases,
quoted programme names such as 數通八閩, 閩政通, 一跳直達) keeps those names whole."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from corpus.script import fold
from corpus.types import Plan

# Question words carry no topic: dropping them keeps BM25 on what the question is about.
QUERY_STOPWORDS = frozenset(
    "哪个 哪些 哪 什么 多少 几 几个 谁 是 的 吗 呢 了 吧 啊 有 在 由 和 与 及 请问 一下 "
    "牵头 负责 部门 单位 哪家 主要 还 也 都 要 会 对 中 里 为 于 其 它 该 这 那 这个 那个 "
    "关于 怎么 如何 怎样 情况 方面 问题 请 告诉 我 们 你 能 可以 吗 么 项 条 方面的".split()
)
_CJK = re.compile(r"[\u3400-\u9fff]+")
_QUOTED = re.compile(r"[“\"「『《]([^”\"」』》]{2,16})[”\"」』》]")


def plan_terms(plan: Plan) -> list[str]:
    """Names the plan puts in quotation marks or 《》: programme and platform names."""
    terms: list[str] = []
    for c in plan.clauses:
        for t in _QUOTED.findall(c.text):
            if t not in terms:
                terms.append(t)
    return terms


def _is_token(tok: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in tok)


class PlanTokenizer:
    def __init__(self, user_words: Iterable[str]):
        self.words = sorted({fold(w).strip() for w in user_words if len(w.strip()) >= 2})
        self._jieba = None

    @classmethod
    def for_plan(cls, plan: Plan, aliases: Iterable[str]) -> PlanTokenizer:
        """The user dictionary: agency aliases, the plan's quoted names and its own words."""
        return cls([*aliases, *plan_terms(plan), *plan_vocabulary(plan)])

    @property
    def fingerprint(self) -> str:
        """Changes when the user dictionary does, so the index knows to rebuild."""
        return hashlib.sha256("\n".join(self.words).encode()).hexdigest()[:16]

    def _get(self):
        if self._jieba is None:
            import jieba

            jieba.setLogLevel(60)
            tk = jieba.Tokenizer()  # our own instance: the global one stays untouched for callers
            tk.initialize()
            for w in self.words:
                tk.add_word(w, freq=max(tk.FREQ.get(w, 0), 2000))
            self._jieba = tk
        return self._jieba

    def tokens(self, text: str) -> list[str]:
        return [t for t in self._get().cut_for_search(fold(text)) if _is_token(t)]

    def segment(self, text: str) -> list[str]:
        """Plain segmentation that keeps every character (separators included), in order."""
        return list(self._get().cut(fold(text)))

    def query_tokens(self, text: str, extra: Iterable[str] = (), vocabulary: set[str] | None = None) -> list[str]:
        """Topic tokens of a question, each once. A long word the index never saw (碳普惠, where the
        plan reads 碳/普惠) also contributes its two-character pieces that the index does know."""
        toks: list[str] = []
        for t in [*self.tokens(text), *(x for e in extra for x in self.tokens(e))]:
            if t in QUERY_STOPWORDS:
                continue
            pieces = [t]
            if vocabulary is not None and t not in vocabulary and len(t) >= 3 and _CJK.fullmatch(t):
                pieces += [p for p in (t[i : i + 2] for i in range(len(t) - 1)) if p in vocabulary]
            toks += [p for p in pieces if p not in toks]
        return toks


def plan_vocabulary(plan: Plan) -> list[str]:
    """The plan's own words (jieba's default segmentation): in the user dictionary they make a
    question segment the way the plan does (區塊鏈有 -> 区块链/有, not 区块/链有)."""
    import jieba

    jieba.setLogLevel(60)
    words: set[str] = set()
    for c in plan.clauses:
        words.update(w for w in jieba.cut(fold(c.text)) if 2 <= len(w) <= 6 and _CJK.fullmatch(w))
    return sorted(words)


class BM25:
    """rank_bm25's Okapi BM25; rebuilt from stored tokens at load (no pickle, milliseconds)."""

    def __init__(self, corpus_tokens: list[list[str]]):
        from rank_bm25 import BM25Okapi

        self.corpus_tokens = corpus_tokens
        self._bm25 = BM25Okapi([t or ["\u2205"] for t in corpus_tokens])

    def search(self, query_tokens: list[str], k: int) -> list[tuple[int, float]]:
        if not query_tokens:
            return []
        scores = self._bm25.get_scores(query_tokens)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        return [(i, float(scores[i])) for i in order[:k] if scores[i] > 0]
