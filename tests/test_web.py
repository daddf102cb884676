"""The web layer without a server: HTML rendering (escaping, the plan tree), the /chat API's history
reader, the per-session state."""

from __future__ import annotations

from html.parser import HTMLParser

from assistant.types import ANSWERED, Answer, Citation
from web import api, render
from web.session import Record, Session


def test_citation_html_escapes_everything():
    evil = "<img src=x onerror=alert(1)>"
    c = Citation(
        clause_id='x"><b>',
        path=(evil,),
        title=evil,
        text=f"開頭。{evil}引用句。結尾",
        quote=f"{evil}引用句。",
        lead=evil,
        members=(evil,),
    )
    out = render.citation_html(c, opened=True, goto=True)
    assert "<img" not in out and "<b>" not in out and 'x"' not in out
    assert "<mark>&lt;img src=x onerror=alert(1)&gt;引用句。</mark>" in out
    panel = render.sources_panel_html(Answer(question=evil, answer="a", intent="general", citations=(c,)))
    assert "<img" not in panel and panel.count("&lt;img") >= 5


def test_chat_sources_are_one_line_styled_inline(plan):
    """Chat messages are Markdown: the HTML must be one line; they get no component CSS: inline styles."""
    c = Citation.from_clause(plan.get("二.2"), "不在條款裡的句子。")
    out = render.chat_sources_html(Answer("q", "a", "lead", citations=(c,)))
    assert out.startswith(render.SOURCES_MARK) and out.endswith("</details></div>") and "\n" not in out
    assert '<details class="planqa-cite" style="' in out and '<span class="planqa-lead" style="' in out
    assert "<mark>不在條款裡的句子。</mark><br>" in out  # a quote not found in the text is shown before it
    assert render.chat_sources_html(Answer("q", "a", "general")) == ""


def test_plan_html_has_anchors_and_marks_leads(plan):
    page = render.plan_html(plan)
    for task in plan.tasks:
        assert f'id="clause-{task.id}"' in page
    assert 'id="clause-四.(二)"' in page and 'id="clause-結"' in page
    assert '<span class="planqa-lead">省數據管理局（牵头）</span>' in page
    assert page.count("<details") == page.count("</details>")


def test_plan_html_nests_every_clause_in_its_parent(plan):
    """The Plan tab follows the plan tree: each anchored block sits inside its parent's block."""

    class Nesting(HTMLParser):
        def __init__(self):
            super().__init__()
            self.open: list[str | None] = []  # ids of the <details> now open (None: no anchor)
            self.parent: dict[str, str | None] = {}  # clause id -> id of the nearest anchored <details> around it

        def handle_starttag(self, tag, attrs):
            if tag == "details":
                anchor = dict(attrs).get("id", "") or ""
                cid = anchor.removeprefix("clause-") or None
                if cid:
                    self.parent[cid] = next((i for i in reversed(self.open) if i), None)
                self.open.append(cid)

        def handle_endtag(self, tag):
            if tag == "details":
                self.open.pop()

    nesting = Nesting()
    nesting.feed(render.plan_html(plan))
    assert nesting.open == []
    shown = [c for c in plan.clauses if c.kind != "action" or plan.children(c.id)]
    assert list(nesting.parent) == [c.id for c in shown]  # every clause, in plan order
    for c in shown:
        assert nesting.parent[c.id] == c.parent_id, c.id


def test_parse_history_is_lenient():
    assert api.parse_history(None) == [] and api.parse_history("") == [] and api.parse_history("{bad") == []
    assert api.parse_history(42) == []
    msgs = api.parse_history(
        [
            {"role": "user", "content": "q"},
            {"role": "assistant", "content": [{"type": "text", "text": "a"}]},
            {"role": "system", "content": "ignored"},
            {"role": "assistant", "content": render.SOURCES_MARK + "...</div>"},
            "junk",
        ]
    )
    assert msgs == [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]
    assert len(api.parse_history([{"role": "user", "content": str(i)} for i in range(100)])) == api.MAX_HISTORY


def test_session_finds_the_answer_a_message_belongs_to():
    records = tuple(Record("q", "a", "lead", ANSWERED, False, (), index=i) for i in (1, 4))
    s = Session(records=records)
    assert s.record_for(1) is records[0] and s.record_for(3) is records[0] and s.record_for([5]) is records[1]
    assert s.record_for(0) is None and s.record_for(None) is records[1] and Session().record_for(2) is None
    voted = s.voted(records[0], 7, "up")
    assert voted.comment_target().feedback_id == 7 and voted.last_voted == 1 and s.comment_target() is None
    assert voted["records"][0]["vote"] == "up"  # read by key too, as the old dict state was


def test_consecutive_quoted_sentences_are_one_mark():
    from web.render import highlight

    h = highlight("建成算力中心。（配合单位：市发改委；牵头单位：市数据局）", "配合单位：市发改委；牵头单位：市数据局")
    assert [t for t, marked in h.parts if marked] == ["配合单位：市发改委；牵头单位：市数据局"]
    apart = highlight("甲句。乙句。丙句。", "甲句。丙句。")
    assert [t for t, marked in apart.parts if marked] == ["甲句。", "丙句。"]
