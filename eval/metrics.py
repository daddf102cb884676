"""Evaluation metrics: pure functions, no I/O.

Conventions shared by every function here:

* A metric that is undefined for a question returns ``None`` rather than a number (a question with
  no gold clause has no recall, a reply that cites nothing has no citation precision). ``mean``
  skips ``None``, so such questions are excluded from averages instead of being counted as 0.
* Rankings are de-duplicated before they are cut at ``k``: the first occurrence of an id keeps its
  rank and later repeats are dropped. A retriever that returns the same clause twice therefore
  earns no double credit, and the repeat does not take a slot from another clause.
* Clause ids are compared exactly; unit names and answer text are compared after
  ``corpus.script.fold`` (NFKC, simplified script, lower case), since the plan is traditional and
  most questions and answers are simplified.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence

from corpus.script import fold


def _dedupe(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for i in ids:
        if i not in seen:
            seen.add(i)
            out.append(i)
    return out


def _top_k(ranked_ids: Sequence[str], k: int) -> list[str]:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    return _dedupe(ranked_ids)[:k]


def recall_at_k(ranked_ids: Sequence[str], gold_ids: Iterable[str], k: int) -> float | None:
    """Recall@k = |gold ∩ top-k of the (de-duplicated) ranking| / |gold|.

    None when there is no gold id (an unanswerable question has nothing to retrieve).
    """
    gold = set(gold_ids)
    if not gold:
        return None
    return len(gold.intersection(_top_k(ranked_ids, k))) / len(gold)


def reciprocal_rank(ranked_ids: Sequence[str], gold_ids: Iterable[str], k: int = 10) -> float | None:
    """Reciprocal rank cut at k: 1 / (1-based rank of the first gold id within the top k), else 0.

    Averaged over questions this is MRR@k (MRR@10 with the default). None when there is no gold id.
    """
    gold = set(gold_ids)
    if not gold:
        return None
    for rank, cid in enumerate(_top_k(ranked_ids, k), 1):
        if cid in gold:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked_ids: Sequence[str], gold_ids: Iterable[str], k: int = 10) -> float | None:
    """nDCG@k with binary relevance.

    DCG@k = Σ_{i=1..k} rel_i / log2(i + 1), rel_i = 1 when the id at rank i is gold, else 0.
    The ideal DCG puts every gold id first: IDCG@k = Σ_{i=1..min(|gold|, k)} 1 / log2(i + 1).
    nDCG@k = DCG@k / IDCG@k, in [0, 1]. None when there is no gold id.
    """
    gold = set(gold_ids)
    if not gold:
        return None
    dcg = sum(1.0 / math.log2(rank + 1) for rank, cid in enumerate(_top_k(ranked_ids, k), 1) if cid in gold)
    idcg = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(gold), k) + 1))
    return dcg / idcg


def unit_set_f1(pred_units: Iterable[str], gold_units: Iterable[str]) -> float:
    """F1 between the predicted and gold sets of unit names (order and repeats ignored).

    Names are folded first so 省数据管理局 matches 省數據管理局. Both empty -> 1.0 (the task names
    no other unit and the reply claims none); exactly one empty -> 0.0.
    """
    pred = {fold(u).strip() for u in pred_units if u.strip()}
    gold = {fold(u).strip() for u in gold_units if u.strip()}
    if not pred and not gold:
        return 1.0
    hits = len(pred & gold)
    if hits == 0:
        return 0.0
    precision, recall = hits / len(pred), hits / len(gold)
    return 2 * precision * recall / (precision + recall)


def contains_all(answer_text: str, needles: Iterable[str]) -> bool:
    """True when every needle occurs in the answer, both folded (script, width, case).

    No needles -> True: there is nothing the answer is required to say.
    """
    haystack = fold(answer_text)
    return all(fold(n) in haystack for n in needles)


def refusal_precision_recall(pairs: Iterable[tuple[bool, bool]]) -> tuple[float | None, float | None]:
    """Precision and recall of refusing, from (refused, answerable) pairs, one per question.

    A refusal is correct when the question is not answerable from the plan.
    precision = correct refusals / all refusals; recall = correct refusals / unanswerable questions.
    Zero denominators give None, not a made-up score: precision is None when the system never
    refused (there is no refusal to judge), recall is None when no question was unanswerable.
    """
    refused = unanswerable = correct = 0
    for did_refuse, answerable in pairs:
        refused += did_refuse
        unanswerable += not answerable
        correct += did_refuse and not answerable
    precision = correct / refused if refused else None
    recall = correct / unanswerable if unanswerable else None
    return precision, recall


def citation_precision(cited_ids: Iterable[str], allowed_ids: Iterable[str]) -> float | None:
    """Share of the distinct cited clause ids that are allowed (e.g. gold, or retrieved).

    None when nothing is cited: an uncited reply is judged by other metrics, not scored 0 or 1 here.
    """
    cited = _dedupe(cited_ids)
    if not cited:
        return None
    allowed = set(allowed_ids)
    return sum(c in allowed for c in cited) / len(cited)


def mean(values: Iterable[float | None]) -> float | None:
    """Arithmetic mean of the values that are not None; None when there are none."""
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def percentile(values: Sequence[float], p: int) -> float | None:
    """The p-th percentile, p a whole number from 1 to 99, interpolating linearly between the two
    nearest ranks: the value at position p/100 · (n − 1) of the sorted values, counted from 0 (the
    same definition as numpy's default, Excel's PERCENTILE.INC and R's type 7). p = 50 is the median.

    One value -> that value (`statistics.quantiles` wants two); no value -> None.
    """
    if not 1 <= p <= 99 or isinstance(p, bool) or int(p) != p:
        raise ValueError(f"p must be a whole number from 1 to 99, got {p!r}")
    if len(values) < 2:
        return float(values[0]) if values else None
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def judged_wrong(answered: bool, answerable: bool, correct: bool) -> bool:
    """The headline trust metric: an answer given where none should be, or a given answer that is
    wrong. Declining an answerable question is a miss, not a wrong answer."""
    return answered and (not answerable or not correct)


def parts_say_not_stated(part_statuses: Sequence[str], cited_ids: Iterable[str], gold_ids: Iterable[str]) -> bool:
    """A multi-part reply to a question the plan answers only in part: some part says "not stated" and
    every clause cited is one of the question's own (so what was answered came from the right clause)."""
    gold = set(gold_ids)
    return "not_stated" in part_statuses and bool(gold) and set(cited_ids) <= gold


def part_share(answer_text: str, needles: Sequence[str]) -> float | None:
    """Share of the expected phrases the answer contains (multi-part completeness); None without any."""
    if not needles:
        return None
    haystack = fold(answer_text)
    return sum(fold(n) in haystack for n in needles) / len(needles)
