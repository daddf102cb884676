"""Figures (quantitative targets) read from clause sentences, and paired across two versions of a task."""

from __future__ import annotations

import pytest

from corpus.figures import change, figures, pair_figures


def _written(text: str) -> list[str]:
    return [f.written for f in figures(text)]


def test_targets_of_a_task_sentence_with_5g_and_numbering():
    fs = figures("1.扩大5G网络覆盖。全年新建5G基站2000个，行政村5G通达率达到100%，开展5G-A试点应用10个。")
    # 5G, 5G-A and the task's own "1." are not targets.
    assert [(f.value, f.unit) for f in fs] == [(2000, "个"), (100, "%"), (10, "个")]
    assert fs[0].phrase == "全年新建5G基站2000个"
    assert fs[0].subject == "全年新建5g基站"  # folded: pairs with the same words in either script
    assert fs[1].label == "行政村5G通达率"  # 达到 dropped, the 达 of 通达率 kept


@pytest.mark.parametrize(
    "text, expected",
    [
        ("新增千兆宽带用户1.5万户", [(1.5, "万户", "")]),
        ("数据交易额突破1.5亿元", [(1.5, "亿元", "min")]),
        ("智能算力占比不低于60%", [(60, "%", "min")]),
        ("培训不少於2000人次", [(2000, "人次", "min")]),
        ("縣財政每年安排專項資金不少於800萬元", [(800, "萬元", "min")]),
        ("引进企业30家以上", [(30, "家", "min")]),
        ("年度支出控制在50万元以内", [(50, "万元", "max")]),
        ("建成节点1万", [(1, "万", "")]),
        ("网上可办率达到９８％", [(98, "%", "")]),
    ],
)
def test_units_multipliers_and_bounds(text, expected):
    assert [(f.value, f.unit, f.bound) for f in figures(text)] == expected


def test_years_numbering_and_bare_numbers_are_not_figures():
    assert figures("到2025年底，全面完成2024年部署的任务") == []
    assert figures("（1）在城关镇推广5G-A应用") == []
    assert figures("2.推进公共数据开放。") == []
    assert figures("推行“一件事一次办”服务") == []  # Chinese numerals are words here, not targets


def test_two_figures_in_one_segment_keep_their_own_subjects():
    a, b = figures("新培育智能工厂10家、数字化车间30个。")
    assert (a.label, a.written) == ("新培育智能工厂", "10家")
    assert (b.label, b.written) == ("数字化车间", "30个")
    assert a.phrase == b.phrase == "新培育智能工厂10家、数字化车间30个"


def test_words_after_a_lone_figure_name_it():
    (f,) = figures("支持100家规上工业企业实施数字化改造")
    assert f.label == "支持规上工业企业实施数字化改造"


def test_traditional_and_simplified_subjects_fold_to_one_key():
    (t,) = figures("完成數據產品登記150個")
    (s,) = figures("完成数据产品登记50个")
    assert t.subject == s.subject


def test_pairing_across_years_and_the_change():
    old = figures("全年新建5G基站1200个，实现城区连续覆盖，行政村通达率达到85%。")
    new = figures("全年新建5G基站2000个，行政村5G通达率达到100%，开展5G-A试点应用10个。")
    pairs = [(a and a.written, b and b.written) for a, b in pair_figures(old, new)]
    assert pairs == [("1200个", "2000个"), ("85%", "100%"), (None, "10个")]
    a, b = pair_figures(old, new)[0]
    assert change(a, b) == "+800个"
    a, b = pair_figures(old, new)[1]
    assert change(a, b) == "+15个百分点"


def test_pairing_needs_the_same_kind_of_unit_and_similar_words():
    # Same words, different kind of unit (家 vs %): not the same target.
    assert pair_figures(figures("培育企业10家"), figures("培育企业占比10%")) == [
        (figures("培育企业10家")[0], None), (None, figures("培育企业占比10%")[0])]
    # Same unit, unrelated words.
    assert all(a is None or b is None for a, b in pair_figures(figures("建设基站200个"), figures("开放数据集100个")))


def test_change_across_multipliers_and_no_change():
    (a,) = figures("交易额5000万元")
    (b,) = figures("交易额1亿元")
    assert change(a, b) == "+0.5亿元"
    assert change(b, b) == ""
    (c,) = figures("交易额10%")
    assert change(a, c) == ""  # 元 against %: not comparable
