"""BM25 over jieba tokens. A user dictionary made from the plan itself (agency names and aliases,
quoted programme names such as 數通八閩, 閩政通, 一跳直達) keeps those names whole."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

import numpy as np

from corpus.script import fold
from corpus.types import Plan

# Question words carry no topic: dropping them keeps BM25 on what the question is about.
QUERY_STOPWORDS = frozenset(
    "哪个 哪些 哪 什么 多少 几 几个 谁 是 的 吗 呢 了 吧 啊 有 在 由 和 与 及 请问 一下 "
    "牵头 负责 部门 单位 哪家 主要 还 也 都 要 会 对 中 里 为 于 其 它 该 这 那 这个 那个 "
    "关于 怎么 如何 怎样 情况 方面 问题 请 告诉 我 们 你 能 可以 吗 么 项 条 方面的".split()
)
_CJK = re.compile(r"[\u3400-\u9fff]+")
EMPTY = "\u2205"  # stands in for a document with no tokens (rank_bm25 cannot take an empty one)
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


class RankBM25:
    """rank_bm25's Okapi BM25 (the reference the sparse index is checked against; scores every
    document term by term at query time, so a query costs O(documents x query terms))."""

    def __init__(self, corpus_tokens: list[list[str]]):
        from rank_bm25 import BM25Okapi

        self._bm25 = BM25Okapi([t or [EMPTY] for t in corpus_tokens])

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        return np.asarray(self._bm25.get_scores(query_tokens), dtype=np.float64)


class SparseBM25:
    """Okapi BM25 with every (term, document) score computed once at build and kept as a
    compressed sparse column per term (bm25s's eager layout), so a query only touches the
    documents that contain its terms.

    The formula and its float64 arithmetic are rank_bm25's BM25Okapi step for step (k1 1.5,
    b 0.75, a negative idf raised to 0.25 x the mean idf), and query terms are added in the same
    order, so scores are bit-identical to rank_bm25's: the eval figures do not move. bm25s itself
    differs (negative idf clamped to 0, float32), which reorders ties and near-ties on a 60-clause
    plan; tools/bm25_bench.py measures all three."""

    K1, B, EPSILON = 1.5, 0.75, 0.25

    def __init__(self, corpus_tokens: list[list[str]]):
        docs = [t or [EMPTY] for t in corpus_tokens]
        self.n_docs = len(docs)
        vocab: dict[str, int] = {}
        term_ids: list[int] = []
        doc_ids: list[int] = []
        tfs: list[int] = []
        doc_len = np.zeros(self.n_docs, dtype=np.float64)
        for d, toks in enumerate(docs):
            doc_len[d] = len(toks)
            for tok, tf in Counter(toks).items():
                term_ids.append(vocab.setdefault(tok, len(vocab)))
                doc_ids.append(d)
                tfs.append(tf)
        self.vocab = vocab
        t = np.asarray(term_ids, dtype=np.int64)
        order = np.argsort(t, kind="stable")  # stable: documents stay in order within a term
        self.indices = np.asarray(doc_ids, dtype=np.int32)[order]
        tf = np.asarray(tfs, dtype=np.float64)[order]
        df = np.bincount(t, minlength=len(vocab)).astype(np.float64)
        self.indptr = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        # rank_bm25 sums idf in dictionary order (first appearance); math.log per term as it does.
        idf = np.array([math.log(self.n_docs - f + 0.5) - math.log(f + 0.5) for f in df], dtype=np.float64)
        average_idf = float(sum(idf.tolist())) / len(idf) if len(idf) else 0.0
        idf[idf < 0] = self.EPSILON * average_idf
        avgdl = float(doc_len.sum()) / self.n_docs if self.n_docs else 1.0
        k1, b = self.K1, self.B
        dl = doc_len[self.indices]
        per_term_idf = np.repeat(idf, np.diff(self.indptr))
        self.data = per_term_idf * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)))

    @property
    def nbytes(self) -> int:
        return int(self.indices.nbytes + self.indptr.nbytes + self.data.nbytes)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        out = np.zeros(self.n_docs, dtype=np.float64)
        for q in query_tokens:
            j = self.vocab.get(q)
            if j is not None:
                lo, hi = self.indptr[j], self.indptr[j + 1]
                out[self.indices[lo:hi]] += self.data[lo:hi]
        return out


def top_k(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """Positive scores, best first, ties by document order (as the rank_bm25 version sorted)."""
    positive = np.flatnonzero(scores > 0)
    if positive.size == 0:
        return []
    if positive.size > k:
        # partial selection first: at 2x10^4 documents a full sort is most of a query's time
        cut = np.partition(scores[positive], positive.size - k)[positive.size - k]
        positive = positive[scores[positive] >= cut]
    order = np.lexsort((positive, -scores[positive]))
    return [(int(i), float(scores[i])) for i in positive[order][:k]]


class BM25:
    """The lexical index the retriever uses: SparseBM25 (same scores as rank_bm25, a fraction of
    the query time as the library grows); rebuilt from stored tokens at load (no pickle)."""

    def __init__(self, corpus_tokens: list[list[str]]):
        self.corpus_tokens = corpus_tokens
        self._index = SparseBM25(corpus_tokens)

    def search(self, query_tokens: list[str], k: int) -> list[tuple[int, float]]:
        if not query_tokens:
            return []
        return top_k(self._index.scores(query_tokens), k)
