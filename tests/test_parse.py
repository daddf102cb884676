import pytest

from corpus.parse import ParseError, parse_plan, parse_units


def test_the_plan_has_31_tasks_with_document_numbering(plan):
    ids = [c.id for c in plan.tasks]
    assert len(ids) == 31
    assert ids[:4] == ["一", "二.1", "二.2", "二.3"]
    assert "四.(一).3" in ids and "四.(六).4" in ids and ids[-1] == "五.3"
    assert len(set(ids)) == 31


def test_preamble_closing_and_headings(plan):
    assert plan.title == "2025年數字福建工作要點"
    assert plan.issuer == "福建省數字福建建設領導小組"
    assert plan.date == "2025年4月29日"
    assert [c.id for c in plan.clauses if c.kind == "action"] == ["二", "三", "四", "五"]
    projects = [c for c in plan.clauses if c.kind == "project"]
    assert [c.id for c in projects] == [f"四.({n})" for n in "一二三四五六"]
    assert projects[0].title == "數字科技創新和產業創新深度融合工程"
    assert plan.get("結").text.startswith("充分發揮省數字福建建設領導小組")
    assert plan.get("序").kind == "preamble"


def test_task_fields(plan):
    c = plan.get("二.2")
    assert c.title == "提升算力基礎設施能力"
    assert c.path == ("二、實施數字基礎能力提升行動",)
    assert any("6000P" in s for s in c.sentences)
    assert not any("責任單位" in s for s in c.sentences)
    assert c.units.lead.name == "省數據管理局"
    assert plan.get("四.(二).1").path[1] == "(二)政務服務矩陣完善提升工程"


def test_lead_is_first_and_prefix_carries(plan):
    one = plan.get("一").units
    assert one.names == ("省發改委", "省數據管理局", "福州及相關設區市")
    assert one.others is True
    assert one.lead.name == "省發改委"
    culture = plan.get("四.(三).2").units.names
    assert culture[:3] == ("省文旅廳", "省委宣傳部", "省委黨史方志辦")
    gov = plan.get("四.(二).3").units.names
    assert "省委統戰部" in gov and "省直機關工委" in gov and "省市場監管局" in gov


def test_units_as_written_and_notes(plan):
    net = plan.get("二.1").units
    assert net.names == ("省通信管理局", "省數據管理局", "省工信廳", "省海洋漁業局", "各設區市")
    assert net.units[-1].note == "(含平潭綜合實驗區,下同)"
    assert plan.get("四.(四).5").units.names[4] == "泉州市"
    assert plan.get("四.(六).4").units.lead.name == "省網絡市場監管廳際聯席會議成員單位"
    assert plan.get("四.(六).1").units.members == ()


def test_parse_units_rules():
    u = parse_units("省委宣傳部、黨史方志辦,省海洋漁業局等省直有關單位,各設區市(含平潭,下同)")
    assert u.names == ("省委宣傳部", "省委黨史方志辦", "省海洋漁業局", "各設區市")
    assert u.others and u.units[-1].note == "(含平潭,下同)"
    assert [x.written for x in u.units][:2] == ["省委宣傳部", "黨史方志辦"]


def test_unparseable_text_is_a_clear_error():
    with pytest.raises(ParseError, match="empty"):
        parse_plan("   \n")
    with pytest.raises(ParseError, match="行動"):
        parse_plan("只是一段文字。")


def test_units_lead_count_defaults_to_the_first_unit(plan):
    """Imported plans may label several leads (牵头单位：A、B); the built-in lists keep one lead."""
    assert all(c.units.lead_count == 1 and not c.units.explicit for c in plan.tasks if c.units)
    net = plan.get("二.1").units
    assert net.leads == (net.lead,) and net.members == net.units[1:]
    assert net.role_of("省通信管理局") == "lead" and net.role_of("省工信廳") == "member"


def test_the_built_in_plan_keeps_plain_ids(plan):
    assert plan.key == "" and plan.year is None
    c = plan.get("二.2")
    assert plan.qualified_id(c) == "二.2" and plan.get("二.2") is c
