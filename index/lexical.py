"""BM25 over jieba tokens. A user dictionary made from the plan itself (agency names and aliases,
quoted programme names such as 數通八閩, 閩政通, 一跳直達) keeps those names whole."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from assistant.script import fold
from assistant.types import Plan

# Question words carry no topic: dropping them keeps BM25 on what the question is about.
QUERY_STOPWORDS = frozenset(
    "哪个 哪些 哪 什么 多少 几 几个 谁 是 的 吗 呢 了 吧 啊 有 在 由 和 与 及 请问 一下 "
    "牵头 负责 部门 单位 哪家 主要 还 也 都 要 会 对 中 里 为 于 其 它 该 这 那 这个 那个 "
    "关于 怎么 如何 怎样 情况 方面 问题 请 告诉 我 们 你 能 可以 吗 么 项 条 方面的".split()
)
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
                tk.add_word(w, freq=200000)
            self._jieba = tk
        return self._jieba

    def tokens(self, text: str) -> list[str]:
        return [t for t in self._get().cut_for_search(fold(text)) if _is_token(t)]

    def query_tokens(self, text: str, extra: Iterable[str] = ()) -> list[str]:
        toks = [t for t in self.tokens(text) if t not in QUERY_STOPWORDS]
        for e in extra:
            toks += self.tokens(e)
        return toks


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
