"""Task alignment across plans: the fictional 青岚 2024 and 2025 plans (renumbered one level deeper in
2025), another issuer's plan (澄溪), and small hand-built plans."""

from __future__ import annotations

import pytest
from plan_docs import fixture_text

from assistant.align import THRESHOLD, align, counterpart, similarity
from corpus.genre import parse_genre
from corpus.types import Clause, Plan


@pytest.fixture(scope="module")
def ql24() -> Plan:
    return parse_genre(fixture_text("qinglan-2024.txt"), key="2024数字青岚").plan


@pytest.fixture(scope="module")
def ql25() -> Plan:
    return parse_genre(fixture_text("qinglan-2025.txt"), key="2025数字青岚").plan


@pytest.fixture(scope="module")
def cx25() -> Plan:
    return parse_genre(fixture_text("chengxi-2025.txt"), key="2025澄溪县数位治理").plan


def _ids(pairs):
    return {(p.old.id if p.old else None, p.new.id if p.new else None) for p in pairs}


def test_qinglan_years_pair_by_content_not_by_id(ql24, ql25):
    pairs = _ids(align(ql24, ql25))
    assert {
        ("一.(一)", "一.(一).1"),  # 5G, retitled 加快5G网络建设 → 扩大5G网络覆盖
        ("一.(二)", "一.(二).1"),  # 城市算力中心
        ("一.(三)", "一.(一).2"),  # 千兆光网: moved under another 工程
        ("二.(一)", "二.(一).1"),  # 一网通办
        ("二.(二)", "二.(一).2"),  # 城市运行管理平台 ↔ “一网统管”平台
        ("三.(一)", "三.(一).1"),
        ("三.(三)", "三.(一).2"),  # 数据产品登记
    } <= pairs
    assert ("二.(三)", None) in pairs  # 数字素养培训: not in 2025
    assert ("三.(二)", None) in pairs  # 数字文旅: not in 2025
    assert (None, "一.(二).2") in pairs  # 低空: new
    assert (None, "三.(一).3") in pairs  # 人工智能: new
    assert len(pairs) == 11


def test_every_task_once_and_one_to_one(ql24, ql25):
    pairs = align(ql24, ql25)
    olds = [p.old.id for p in pairs if p.old]
    news = [p.new.id for p in pairs if p.new]
    assert sorted(olds) == sorted(c.id for c in ql24.tasks)
    assert sorted(news) == sorted(c.id for c in ql25.tasks)
    for p in pairs:
        assert (p.score >= THRESHOLD) == (p.old is not None and p.new is not None)


def test_listing_follows_the_new_plan_with_dropped_tasks_after_their_predecessor(ql24, ql25):
    order = [(p.old.id if p.old else None, p.new.id if p.new else None) for p in align(ql24, ql25)]
    assert order.index(("二.(二)", "二.(一).2")) + 1 == order.index(("二.(三)", None))
    assert [n for _, n in order if n] == [c.id for c in ql25.tasks]


def test_another_issuers_plan_pairs_nothing(ql25, cx25):
    pairs = align(ql25, cx25)
    assert all(p.old is None or p.new is None for p in pairs)
    assert len(pairs) == len(ql25.tasks) + len(cx25.tasks)


def test_counterpart_both_ways_and_none(ql24, ql25):
    p = counterpart(ql24.get("三.(三)"), ql24, ql25)
    assert p.old.id == "三.(三)" and p.new.id == "三.(一).2"
    back = counterpart(ql25.get("二.(一).2"), ql25, ql24)
    assert back.old.id == "二.(一).2" and back.new.id == "二.(二)"
    gone = counterpart(ql24.get("二.(三)"), ql24, ql25)
    assert gone.old.id == "二.(三)" and gone.new is None and gone.score == 0
    assert counterpart(ql25.get("一.(二)"), ql25, ql24) is None  # a 工程 heading is not aligned
    assert counterpart(ql25.get("一.(二).1"), ql24, ql25) is None  # not a clause of the source plan


def _task(cid: str, title: str, body: str, path: tuple[str, ...] = ("一、重点任务",)) -> Clause:
    return Clause(cid, "task", path, title, f"{title}。{body}", (f"{title}。", body))


def _plan(key: str, year: int, *tasks: Clause) -> Plan:
    return Plan(title=key, issuer="某市", date=f"{year}年1月1日", addressee="", clauses=tasks, key=key, year=year)


def test_a_shared_programme_name_pairs_reworded_tasks():
    old = _plan("A", 2024, _task("一.(一)", "建设城市大脑", "建成“城市大脑”中枢平台"))
    new = _plan("B", 2025, _task("一.1", "迭代智能中枢", "完成“城市大脑”三期升级"))
    without = _plan("C", 2025, _task("一.1", "迭代智能中枢", "完成中枢三期升级"))
    assert similarity(old.tasks[0], new.tasks[0]) >= THRESHOLD
    assert [(p.old is not None, p.new is not None) for p in align(old, new)] == [(True, True)]
    assert all(p.old is None or p.new is None for p in align(old, without))


def test_figures_do_not_split_a_task_that_only_changed_its_target():
    old = _plan("A", 2024, _task("一.(一)", "推进光网入户", "新增千兆用户3万户"), _task("一.(二)", "发展文旅", "推出线路10条"))
    new = _plan("B", 2025, _task("一.1", "推进光网入户", "新增千兆用户9万户"))
    pairs = align(old, new)
    assert _ids(pairs) == {("一.(一)", "一.1"), ("一.(二)", None)}


def test_empty_plans():
    empty = _plan("E", 2025)
    one = _plan("A", 2024, _task("一.(一)", "推进光网入户", "新增千兆用户3万户"))
    assert _ids(align(one, empty)) == {("一.(一)", None)}
    assert _ids(align(empty, one)) == {(None, "一.(一)")}
    assert align(empty, empty) == []
