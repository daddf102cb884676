"""The genre parser on the fictional plans (three numbering and responsibility styles, two scripts),
on the built-in plan, and on text without structure."""

from __future__ import annotations

import pytest
from plan_docs import fixture_text

from corpus.genre import parse_genre
from corpus.meta import Metadata, make_key
from corpus.parse import ParseError
from corpus.types import split_qualified
from corpus.unitlists import parse_list, split_inline, standalone


@pytest.fixture(scope="module")
def ql24():
    return parse_genre(fixture_text("qinglan-2024.txt"), key="2024数字青岚")


@pytest.fixture(scope="module")
def ql25():
    return parse_genre(fixture_text("qinglan-2025.txt"), key="2025数字青岚")


@pytest.fixture(scope="module")
def cx25():
    return parse_genre(fixture_text("chengxi-2025.txt"))


def test_two_level_numbering_with_units_at_the_end(ql24):
    p = ql24.plan
    assert [c.id for c in p.tasks] == ["一.(一)", "一.(二)", "一.(三)", "二.(一)", "二.(二)", "二.(三)",
                                       "三.(一)", "三.(二)", "三.(三)"]
    assert [c.id for c in p.actions] == ["一", "二", "三"]
    five_g = p.get("一.(一)")
    assert five_g.title == "加快5G网络建设" and five_g.path == ("一、夯实数字基础设施",)
    assert five_g.lead == "市工信局"
    assert five_g.members == ("市通信发展办", "各区县政府")  # 通信发展办 takes the 市 of the unit before it
    assert not any("责任单位" in s for s in five_g.sentences)
    assert p.get("二.(二)").units.others  # 等市直有关单位 is a flag, not a unit
    assert p.get("三.(二)").members == ("市委宣传部", "市委网信办")
    assert p.get("二.(三)").units is None  # a task with no units
    assert "二.(三)" in ql24.warnings[0]
    assert p.get("結").text.startswith("各级各部门要对照")


def test_explicit_lead_and_members_whatever_the_order(ql25):
    p = ql25.plan
    compute = p.get("一.(二).1")
    assert compute.path == ("一、数字基础设施升级行动", "（二）算力设施工程")
    # （配合单位：市发改委、市工信局；牵头单位：市数据局）: the lead is what it says, not the first entry
    assert compute.lead == "市数据局" and compute.members == ("市发改委", "市工信局")
    assert compute.units.explicit
    assert p.get("一.(一).1").lead == "市工信局"
    assert [c.id for c in p.projects] == ["一.(一)", "一.(二)", "二.(一)", "三.(一)"]
    assert ql25.warnings == ()


def test_four_levels_traditional_script_and_units_on_their_own_line(cx25):
    p = cx25.plan
    assert p.title == "2025年澄溪縣數位治理工作方案" and p.issuer == "澄溪縣人民政府辦公室"
    assert p.date == "2025年1月20日" and p.year == 2025
    assert p.get("二.(一).1").units.names == ("縣數據局", "縣財政局", "縣委網信辦")  # 〔責任單位：…〕
    assert p.get("二.(一).2").lead == "縣數據局"  # 責任部門：… on its own line
    community = p.get("二.(二).1")  # （1）（2） sub-points share one list: folded into the task
    assert community.kind == "task" and "（2）在各鄉鎮推廣網格化管理平台" in community.text
    assert community.lead == "縣民政局" and p.get("二.(二).1.(1)") is None
    village = p.get("二.(二).2")  # 【牽頭單位：…；配合單位：…】
    assert village.lead == "縣農業農村局" and village.members == ("縣商務局", "縣供銷社")
    assert p.get("一").kind == "task" and p.get("一").units is None  # a section with a body and no tasks
    assert p.get("三.(二)").lead == "縣財政局"
    assert p.get("結").text.startswith("各鄉鎮、各部門")


def test_later_year_differs_in_targets_and_leads(ql24, ql25):
    a, b = ql24.plan, ql25.plan
    assert "1200个" in a.get("一.(一)").text and "2000个" in b.get("一.(一).1").text
    assert a.get("一.(二)").lead == "市发改委" and b.get("一.(二).1").lead == "市数据局"
    assert a.get("二.(二)").lead == "市城管局" and b.get("二.(一).2").lead == "市数据局"


def test_metadata_and_keys(ql24, ql25):
    assert (ql24.plan.title, ql24.plan.year) == ("2024年数字青岚工作要点", 2024)
    assert ql24.plan.issuer == "青岚市数字青岚建设领导小组办公室"
    assert ql24.plan.addressee == "各区县人民政府，市直各单位"
    assert make_key("2025年數字福建工作要點", 2025) == "2025数字福建"
    assert make_key("关于印发2024年青岚市数字政府建设实施方案的通知", 2024) == "2024青岚市数字政府建设"
    assert make_key("", None, fallback="my plan.v2") == "myplanv2"
    over = Metadata(title="x", year=2024).overridden(title="2023年新标题", year=None)
    assert (over.title, over.year) == ("2023年新标题", 2024)  # the document's year stays unless given


def test_overrides_and_qualified_ids(ql25):
    parsed = parse_genre(fixture_text("qinglan-2025.txt"), key="青岚25", title="青岚二〇二五", year=2026, issuer="青岚市")
    p = parsed.plan
    assert (p.title, p.year, p.issuer) == ("青岚二〇二五", 2026, "青岚市")
    assert parsed.metadata.title == "2025年数字青岚工作要点"  # what the document said is kept
    c = p.get("一.(二).1")
    assert p.qualified_id(c) == "青岚25·一.(二).1"
    assert p.get("青岚25·一.(二).1") is c and p.get("别的·一.(二).1") is None
    assert split_qualified("2025数字福建·二.2") == ("2025数字福建", "二.2")
    assert split_qualified("二.2") == ("", "二.2")


def test_the_built_in_plan_parses_the_same_with_the_genre_parser(plan, corpus):
    """Same ids, kinds, paths, task texts and units lists; only 行動一's title differs (the genre parser
    titles a heading-with-body task by its heading)."""
    g = parse_genre(corpus.text).plan
    assert [c.id for c in g.clauses] == [c.id for c in plan.clauses]
    for a in plan.clauses:
        b = g.get(a.id)
        assert (a.kind, a.path) == (b.kind, b.path), a.id
        assert (a.units.names if a.units else None) == (b.units.names if b.units else None), a.id
        if a.kind == "task" and a.id != "一":
            assert (a.title, a.text, a.sentences, a.line) == (b.title, b.text, b.sentences, b.line), a.id
    assert (g.title, g.issuer, g.date) == (plan.title, plan.issuer, plan.date)


def test_text_without_structure_becomes_plain_sections_with_a_warning():
    text = "青岚市数据工作说明\n\n今年重点推进数据共享。各部门要按时报送目录。\n\n（责任单位：市数据局、市财政局）\n\n第二段说明算力建设。"
    parsed = parse_genre(text)
    assert not parsed.structured
    kinds = {c.kind for c in parsed.plan.clauses}
    assert kinds == {"section"}
    assert [c.id for c in parsed.plan.clauses] == ["1", "2", "3"]
    assert parsed.plan.get("2").lead == "市数据局"
    assert "no numbering" in parsed.warnings[-1]
    with pytest.raises(ParseError, match="empty"):
        parse_genre(" \n ")
    with pytest.raises(ParseError, match="nothing to ask"):
        parse_genre("只有标题的工作方案")


@pytest.mark.parametrize(
    ("text", "names", "leads", "others"),
    [
        ("（责任单位：省发改委、数据管理局，各设区市(含平潭,下同)）", ("省发改委", "省数据管理局", "各设区市"), 1, False),
        ("[责任单位: 市工信局(牵头)、市科技局]", ("市工信局", "市科技局"), 1, False),
        ("（责任单位：市科技局、市工信局（牵头））", ("市工信局", "市科技局"), 1, False),
        ("〔牵头单位：市数据局、市发改委；配合单位：各区县政府等有关单位〕", ("市数据局", "市发改委", "各区县政府"), 2, True),
        ("【责任部门：市场监管局、区发改局】", ("市场监管局", "区发改局"), 1, False),
    ],
)
def test_responsibility_lists(text, names, leads, others):
    u = parse_list(text)
    assert u.names == names and u.lead_count == leads and u.others is others
    assert [x.name for x in u.leads] == list(names[:leads]) and u.role_of(names[-1]) == "member"


def test_inline_and_standalone_lists():
    body, units = split_inline("3.建设平台。年内上线。（牵头单位：市数据局；配合单位：市财政局）")
    assert body == "3.建设平台。年内上线。" and units.lead.name == "市数据局"
    assert split_inline("建设平台（一期）。")[1] is None
    assert standalone("責任部門：縣數據局、縣市場監管局").names == ("縣數據局", "縣市場監管局")
    assert standalone("各部门要明确责任单位。") is None
