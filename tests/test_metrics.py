"""Hand-checked values for every evaluation metric, with the arithmetic in the comments."""

from __future__ import annotations

import math

import pytest

from eval.metrics import (
    citation_precision,
    contains_all,
    mean,
    ndcg_at_k,
    percentile,
    recall_at_k,
    reciprocal_rank,
    refusal_precision_recall,
    unit_set_f1,
)

RANKED = ["二.1", "二.2", "三.1", "四.(一).3", "五.1"]


# ---- recall@k


def test_recall_counts_gold_within_k():
    # gold {二.2, 五.1}: top-2 holds 二.2 only -> 1/2; top-5 holds both -> 2/2
    assert recall_at_k(RANKED, ["二.2", "五.1"], 2) == pytest.approx(0.5)
    assert recall_at_k(RANKED, ["二.2", "五.1"], 5) == pytest.approx(1.0)
    # k larger than the list: only what is there counts -> 2/3
    assert recall_at_k(RANKED, ["二.2", "五.1", "結"], 50) == pytest.approx(2 / 3)


def test_recall_k_smaller_than_list_and_miss():
    # gold 五.1 sits at rank 5; top-1 is 二.1 -> 0/1
    assert recall_at_k(RANKED, ["五.1"], 1) == 0.0


def test_recall_duplicates_in_ranking_count_once_and_take_no_slot():
    # de-duplicated ranking is [二.2, 二.1, 三.1]; top-2 -> {二.2, 二.1}: 2 of gold {二.2, 二.1} -> 1.0
    assert recall_at_k(["二.2", "二.2", "二.1", "三.1"], ["二.2", "二.1"], 2) == pytest.approx(1.0)
    # duplicate gold ids are one gold id: 1/1
    assert recall_at_k(["二.2"], ["二.2", "二.2"], 1) == 1.0


def test_retrieval_metrics_are_none_without_gold():
    for metric in (recall_at_k, reciprocal_rank, ndcg_at_k):
        assert metric(RANKED, [], 10) is None


def test_k_must_be_positive():
    with pytest.raises(ValueError):
        recall_at_k(RANKED, ["二.1"], 0)


# ---- reciprocal rank (MRR@10 per question)


def test_reciprocal_rank():
    # first gold at rank 1 -> 1; at rank 2 -> 1/2; at rank 4 -> 1/4
    assert reciprocal_rank(RANKED, ["二.1"]) == 1.0
    assert reciprocal_rank(RANKED, ["二.2", "五.1"]) == pytest.approx(0.5)
    assert reciprocal_rank(RANKED, ["四.(一).3"]) == pytest.approx(0.25)
    # rank 5 with k=3 is outside the cut -> 0
    assert reciprocal_rank(RANKED, ["五.1"], k=3) == 0.0
    assert reciprocal_rank([], ["五.1"]) == 0.0


def test_reciprocal_rank_cut_at_10_by_default():
    ranked = [f"x{i}" for i in range(1, 11)] + ["gold"]  # gold at rank 11
    assert reciprocal_rank(ranked, ["gold"]) == 0.0
    assert reciprocal_rank(ranked, ["gold"], k=11) == pytest.approx(1 / 11)


def test_reciprocal_rank_with_duplicates():
    # [a, a, gold] de-duplicates to [a, gold]: gold at rank 2 -> 1/2
    assert reciprocal_rank(["a", "a", "gold"], ["gold"]) == pytest.approx(0.5)


# ---- nDCG@k


def test_ndcg_single_gold_at_rank_2():
    # DCG = 1/log2(3); IDCG = 1/log2(2) = 1 -> nDCG = 1/log2(3) ≈ 0.6309
    assert ndcg_at_k(RANKED, ["二.2"]) == pytest.approx(1 / math.log2(3))
    assert ndcg_at_k(RANKED, ["二.2"]) == pytest.approx(0.6309, abs=1e-4)


def test_ndcg_perfect_and_miss():
    assert ndcg_at_k(RANKED, ["二.1", "二.2"]) == pytest.approx(1.0)  # gold fills ranks 1-2
    assert ndcg_at_k(RANKED, ["結"]) == 0.0


def test_ndcg_two_gold_at_ranks_1_and_3():
    # DCG = 1/log2(2) + 1/log2(4) = 1 + 0.5 = 1.5; IDCG = 1 + 1/log2(3) ≈ 1.6309 -> ≈ 0.9197
    expected = 1.5 / (1 + 1 / math.log2(3))
    assert ndcg_at_k(RANKED, ["二.1", "三.1"]) == pytest.approx(expected)
    assert expected == pytest.approx(0.9197, abs=1e-4)


def test_ndcg_ideal_is_capped_at_k():
    # 3 gold, k=1, gold at rank 1: DCG = 1; IDCG@1 = 1 (only one slot) -> 1.0
    assert ndcg_at_k(RANKED, ["二.1", "二.2", "三.1"], k=1) == pytest.approx(1.0)
    # 3 gold, k=2, ranks 1 and 2 gold: DCG = 1 + 1/log2(3) = IDCG@2 -> 1.0
    assert ndcg_at_k(RANKED, ["二.1", "二.2", "三.1"], k=2) == pytest.approx(1.0)
    # gold {二.2, 五.1}, k=2: only 二.2 (rank 2) is inside -> DCG = 1/log2(3) ≈ 0.6309;
    # IDCG@2 = 1 + 1/log2(3) ≈ 1.6309 -> nDCG ≈ 0.3869
    expected = (1 / math.log2(3)) / (1 + 1 / math.log2(3))
    assert ndcg_at_k(RANKED, ["二.2", "五.1"], k=2) == pytest.approx(expected)
    assert expected == pytest.approx(0.3869, abs=1e-4)


def test_ndcg_duplicates_do_not_earn_twice():
    # [g, g, x] de-duplicates to [g, x]: DCG = 1 = IDCG -> 1.0, not above 1
    assert ndcg_at_k(["g", "g", "x"], ["g"]) == pytest.approx(1.0)
    # [x, x, g] -> [x, g]: gold at rank 2 -> 1/log2(3)
    assert ndcg_at_k(["x", "x", "g"], ["g"]) == pytest.approx(1 / math.log2(3))


# ---- unit-set F1


def test_unit_set_f1():
    gold = ["省工信廳", "省通信管理局", "各設區市", "省大數據集團"]
    assert unit_set_f1(gold, gold) == 1.0
    # 2 of 3 predicted are right (P = 2/3), 2 of 4 gold found (R = 1/2): F1 = 2PR/(P+R) = (2/3)/(7/6) = 4/7
    assert unit_set_f1(["省工信廳", "各設區市", "省發改委"], gold) == pytest.approx(4 / 7)
    assert unit_set_f1(["省發改委"], gold) == 0.0


def test_unit_set_f1_folds_script_and_ignores_order_and_repeats():
    assert unit_set_f1(["省数据管理局", "省工信厅", "省工信厅"], ["省工信廳", "省數據管理局"]) == 1.0


def test_unit_set_f1_empty_sets():
    assert unit_set_f1([], []) == 1.0  # 四.(六).1 has no other unit: claiming none is right
    assert unit_set_f1([], ["省工信廳"]) == 0.0
    assert unit_set_f1(["省工信廳"], []) == 0.0


# ---- contains_all


def test_contains_all_folds_script_and_width():
    answer = "力争全省算力规模达到６０００P，由省数据管理局牵头。"
    assert contains_all(answer, ["6000P", "省數據管理局"])
    assert contains_all(answer, ["6000p"])  # case folded too
    assert not contains_all(answer, ["6000P", "1萬個"])
    assert contains_all(answer, [])  # nothing required


# ---- refusal precision / recall


def test_refusal_precision_recall():
    pairs = [
        (True, False),  # correct refusal
        (True, True),  # wrong refusal
        (False, False),  # missed refusal
        (False, True),  # answered, fine
        (True, False),  # correct refusal
    ]
    # precision = 2 correct / 3 refusals; recall = 2 correct / 3 unanswerable
    precision, recall = refusal_precision_recall(pairs)
    assert precision == pytest.approx(2 / 3)
    assert recall == pytest.approx(2 / 3)


def test_refusal_zero_denominators_are_none():
    # never refused: precision undefined; 1 unanswerable missed -> recall 0
    assert refusal_precision_recall([(False, False), (False, True)]) == (None, 0.0)
    # no unanswerable question: recall undefined; the one refusal was wrong -> precision 0
    assert refusal_precision_recall([(True, True)]) == (0.0, None)
    assert refusal_precision_recall([]) == (None, None)


# ---- citation precision


def test_citation_precision():
    # 2 of 3 distinct cited ids allowed -> 2/3; the repeated 二.2 counts once
    assert citation_precision(["二.2", "二.2", "三.1", "結"], ["二.2", "三.1"]) == pytest.approx(2 / 3)
    assert citation_precision(["二.2"], ["二.2"]) == 1.0
    assert citation_precision(["二.2"], []) == 0.0
    assert citation_precision([], ["二.2"]) is None


# ---- mean


def test_mean_ignores_none():
    assert mean([1.0, None, 0.0, 0.5]) == pytest.approx(0.5)  # (1 + 0 + 0.5) / 3
    assert mean([None, None]) is None
    assert mean([]) is None
    assert mean(x for x in [0.25, 0.75]) == pytest.approx(0.5)  # any iterable


def test_retrieval_means_exclude_unanswerable_questions():
    # one question with gold at rank 2 (RR 1/2), one with no gold (None): MRR = 1/2, not 1/4
    rrs = [reciprocal_rank(RANKED, ["二.2"]), reciprocal_rank(RANKED, [])]
    assert mean(rrs) == pytest.approx(0.5)


# ---- percentile (latency p50/p95 in the eval report, tools.bench and tools.loadtest)


def test_percentile_interpolates_between_the_two_nearest_ranks():
    # sorted 10, 20, 30, 40: p50 sits at position 0.5 * 3 = 1.5 -> halfway between 20 and 30 = 25
    assert percentile([40.0, 10.0, 30.0, 20.0], 50) == pytest.approx(25.0)
    # p95 at position 0.95 * 3 = 2.85 -> 30 + 0.85 * (40 - 30) = 38.5
    assert percentile([40.0, 10.0, 30.0, 20.0], 95) == pytest.approx(38.5)
    # odd count: p50 is the middle value, the median
    assert percentile([3.0, 1.0, 2.0], 50) == pytest.approx(2.0)
    assert percentile([7.5], 95) == 7.5  # one value is every percentile
    assert percentile([], 50) is None


def test_percentile_is_numpys_default_definition():
    """The eval report's p50/p95 were np.percentile (linear) before this function: same numbers."""
    import random

    np = pytest.importorskip("numpy")
    rng = random.Random(7)
    for _ in range(300):
        values = [round(rng.lognormvariate(3, 1.5), 3) for _ in range(rng.randint(2, 200))]
        for p in (50, 95, 99):
            assert percentile(values, p) == pytest.approx(float(np.percentile(values, p)), rel=1e-12)


@pytest.mark.parametrize("p", [0, 100, 12.5, True])
def test_percentile_takes_a_whole_p_from_1_to_99(p):
    with pytest.raises(ValueError):
        percentile([1.0, 2.0], p)


# ---- trust: a multi-part question the plan answers only in part


def test_parts_say_not_stated_needs_a_not_stated_part_and_only_the_questions_own_clauses():
    from eval.metrics import parts_say_not_stated

    assert parts_say_not_stated(("answered", "not_stated"), ["四.(四).3"], ["四.(四).3"])
    assert not parts_say_not_stated(("answered", "answered"), ["四.(四).3"], ["四.(四).3"])  # nothing said missing
    assert not parts_say_not_stated(("answered", "not_stated"), ["二.1"], ["四.(四).3"])  # answered from another clause
    assert not parts_say_not_stated(("answered", "not_stated"), [], [])  # no gold clause to check against


def _trust(expect, multipart, status, part_statuses, cited, gold=("四.(四).3",)):
    from types import SimpleNamespace

    from eval.questions import Question
    from eval.scoring import _trust_scores

    q = Question(id="t", question="集装箱码头智能化 谁牵头 要投多少钱", type="unanswerable", gold_clause_ids=gold,
                 gold_lead=None, gold_members=(), gold_answer_contains=(), answerable=False, expect=expect,
                 multipart=multipart)
    citations = tuple(SimpleNamespace(clause_id=c) for c in cited)
    a = SimpleNamespace(refused=status in ("refused", "not_stated"), status=status, part_statuses=part_statuses,
                        citations=citations, answer="")
    return _trust_scores(q, a, {})


def test_a_lead_answered_and_the_sum_said_missing_is_behaved_not_wrong():
    assert _trust("not_stated", True, "answered", ("answered", "not_stated"), ["四.(四).3"]) == {
        "wrong": 0.0, "behaved": 1.0, "parts": None}
    # the same reply to a single question, or one citing another clause, or saying nothing is missing: wrong
    assert _trust("not_stated", False, "answered", ("answered", "not_stated"), ["四.(四).3"])["wrong"] == 1.0
    assert _trust("not_stated", True, "answered", ("answered", "not_stated"), ["二.1"])["wrong"] == 1.0
    assert _trust("not_stated", True, "answered", ("answered", "answered"), ["四.(四).3"])["behaved"] == 0.0
