"""Comparison answers over the fictional 青岚 2024/2025 plans and 澄溪 2025: side by side, an agency
across plans, and what a later plan changed; every claim carries its plan-qualified citation."""

from __future__ import annotations

import re

import pytest
from plan_docs import fixture_text

from assistant.compare import compare_agency, compare_clauses, plan_changes
from assistant.compose import render
from assistant.wording import Style
from corpus.genre import parse_genre

ZH, TW, EN = Style(), Style(script="traditional"), Style(language="en")


@pytest.fixture(scope="module")
def ql24():
    return parse_genre(fixture_text("qinglan-2024.txt"), key="2024数字青岚").plan


@pytest.fixture(scope="module")
def ql25():
    return parse_genre(fixture_text("qinglan-2025.txt"), key="2025数字青岚").plan


@pytest.fixture(scope="module")
def cx25():
    return parse_genre(fixture_text("chengxi-2025.txt"), key="2025澄溪县数位治理").plan


def _markers(text: str) -> set[str]:
    return set(re.findall(r"\[([^\[\]]+·[^\[\]]+)\]", text))


def _cited(d) -> set[str]:
    return {c.clause_id for c in d.citations}


def test_side_by_side_figures_in_year_order_with_the_change(ql24, ql25):
    d = compare_clauses([(ql25, ql25.get("一.(一).1")), (ql24, ql24.get("一.(一)"))], ZH, focus="number")
    text = render(d)
    assert text.index("2024数字青岚·一.(一)") < text.index("2025数字青岚·一.(一).1")  # sorted by year
    assert "1200个" in text and "2000个" in text and "+800个" in text
    assert "开展5G-A试点应用10个" in text  # a target only 2025 sets
    assert "牵头单位未变（市工信局）" in text
    changes = text[text.index("**变化**"):]
    assert changes.index("+800个") < changes.index("牵头单位")  # number focus: figures first
    assert _cited(d) == {"2024数字青岚·一.(一)", "2025数字青岚·一.(一).1"} == _markers(text)
    assert all(c.plan_key for c in d.citations)


def test_side_by_side_lead_change(ql24, ql25):
    d = compare_clauses([(ql24, ql24.get("一.(二)")), (ql25, ql25.get("一.(二).1"))], ZH, focus="lead")
    text = render(d)
    assert "牵头单位由市发改委改为市数据局" in text
    first_side = text.split("\n\n")[0]
    assert first_side.index("牵头：市发改委") < first_side.index("目标：")  # lead focus: leads first
    # Quoted for a lead question: the units list, not the targets.
    assert all("责任单位" in c.quote or "牵头单位" in c.quote for c in d.citations)


def test_members_added_and_removed(ql24, ql25):
    text = render(compare_clauses([(ql24, ql24.get("二.(二)")), (ql25, ql25.get("二.(一).2"))], ZH))
    assert "牵头单位由市城管局改为市数据局" in text
    assert "新增配合单位" not in text  # 市城管局 moved from lead to member: not "added"
    text = render(compare_clauses([(ql24, ql24.get("三.(一)")), (ql25, ql25.get("三.(一).1"))], ZH))
    assert "新增配合单位：市财政局" in text


def test_missing_side_is_said_not_guessed(ql24, ql25):
    d = compare_clauses([(ql24, ql24.get("二.(三)")), (ql25, None)], ZH)
    text = render(d)
    assert "《2025年数字青岚工作要点》**未列入这项任务" in text
    assert "未列出责任单位" in text  # the 2024 task has no units list
    assert _cited(d) == {"2024数字青岚·二.(三)"}
    assert "**变化**" not in text
    assert compare_clauses([(ql24, None), (ql25, None)], ZH).refused


def test_english_and_traditional(ql24, ql25):
    sides = [(ql24, ql24.get("二.(一)")), (ql25, ql25.get("二.(一).1"))]
    en = render(compare_clauses(sides, EN))
    assert "lead changed from 市数据局 to 市政务服务中心" in en
    assert "95% → 98% (+3个百分点)" in en
    assert "new wording: 推行“免证办”服务" in en
    tw = render(compare_clauses(sides, TW))
    assert "牽頭單位由市數據局改為市政務服務中心" in tw  # the whole line in the asker's script
    assert "变化" not in tw and "變化" in tw


def test_agency_led_tasks_new_and_dropped(ql24, ql25):
    d = compare_agency([(ql25, "市数据局"), (ql24, "市数据局")], ZH, role="lead")
    text = render(d)
    new = text[text.index("**新增**"):text.index("**不再列入**")]
    dropped = text[text.index("**不再列入**"):]
    assert "2025数字青岚·一.(二).1" in new and "2025数字青岚·二.(一).2" in new
    assert "三.(一).2" not in new  # 数据要素市场: led both years
    assert "2024数字青岚·二.(一)" in dropped  # 一网通办: 2025 is led by 市政务服务中心
    assert {"2024数字青岚·二.(一)", "2024数字青岚·三.(三)", "2025数字青岚·一.(二).1",
            "2025数字青岚·二.(一).2", "2025数字青岚·三.(一).2"} <= _cited(d)
    assert _markers(text) <= _cited(d)  # every marker in the text is cited
    assert d.agency == "市数据局"


def test_agency_any_role_and_role_changes(ql24, ql25):
    text = render(compare_agency([(ql24, "市数据局"), (ql25, "市数据局")], ZH))
    assert "市数据局牵头2项、参与1项任务" in text  # 2024
    assert "**角色变化**" in text and "牵头 → 参与" in text  # 一网通办
    text = render(compare_agency([(ql24, "市工信局"), (ql25, "市工信局")], ZH, role="member"))
    new = text[text.index("**新增**"):text.index("**不再列入**")]
    assert "发展人工智能产业" in new and "算力" not in new


def test_agency_unnamed_in_one_plan(ql24, cx25):
    d = compare_agency([(ql24, None), (cx25, "縣財政局")], TW)
    text = render(d)
    assert "《2024年數字青嵐工作要點》未列出縣財政局" in text
    assert "強化資金保障" in text and "**新增**" not in text
    assert _cited(d) == {"2025澄溪县数位治理·二.(一).1", "2025澄溪县数位治理·三.(二)"}
    assert compare_agency([(ql24, None)], ZH).refused


def test_plan_changes_lists_added_dropped_changed(ql24, ql25):
    d = plan_changes(ql24, ql25, ZH)
    text = render(d)
    assert text.startswith("2025年相对2024年：新增2项、不再列入2项")
    added = text[text.index("**新增**"):text.index("**不再列入**")]
    assert "建设低空数据底座" in added and "发展人工智能产业" in added
    dropped = text[text.index("**不再列入**"):text.index("**有变化**")]
    assert "开展数字素养提升培训" in dropped and "发展数字文旅" in dropped
    changed = text[text.index("**有变化**"):]
    assert "牵头单位由市发改委改为市数据局" in changed
    assert "50个 → 150个（+100个）" in changed
    assert _markers(text) <= _cited(d)
    # The later plan comes second whatever the order given.
    assert render(plan_changes(ql25, ql24, ZH)) == text


def test_topic_only_in_the_earlier_plan(ql24, ql25):
    d = plan_changes(ql24, ql25, ZH, topic="2024年的数字素养培训任务")
    text = render(d)
    assert text.startswith("《2025年数字青岚工作要点》未列入“开展数字素养提升培训”")
    assert _cited(d) == {"2024数字青岚·二.(三)"}
    assert not d.refused


def test_topic_paired_new_and_absent(ql24, ql25):
    d = plan_changes(ql24, ql25, ZH, topic="数据产品登记")
    assert _cited(d) == {"2024数字青岚·三.(三)", "2025数字青岚·三.(一).2"}
    assert "50个" in render(d) and "150个" in render(d)
    tw = render(plan_changes(ql24, ql25, TW, topic="低空"))
    assert tw.startswith("“建設低空數據底座”是2025年新增的任務，2024年未列入")
    none = plan_changes(ql24, ql25, ZH, topic="区块链")
    assert none.refused and none.citations == []
