"""Issue 13 in a real headless Chromium (Debian's /usr/bin/chromium), at desktop 1366×900 and phone
390×844: each item driven as a user would, axe-core (axe-playwright-python) on each tab, and the
README's screenshots written to docs/ (citation jump, matrix filtered, phone views).

The suggestions and the clarify status are filled by assistant/ (another engineer's work); until an
answer carries them, the fixture adds them the way the assistant will, so the chat's side is tested.
"""

from __future__ import annotations

import sqlite3

import pytest

import app
from assistant.pipeline import Assistant
from corpus.settings import ROOT, Settings
from tests.test_slow_browser import ARGS, ensure_chromium, free_port
from web import messages

pytestmark = pytest.mark.slow

DOCS, OUT = ROOT / "docs", ROOT / "test-output"
QUESTION = "誰牽頭負責算力基礎設施？"
ASSISTANT: dict = {}  # the served assistant, to know which questions it offers
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("ux-browser")
    settings = Settings(index_dir=root / "index", data_dir=root / "data")
    assistant = Assistant(settings)
    assistant.warm_up()
    ASSISTANT["real"] = assistant
    demo = app.build_app(assistant, settings)
    port = free_port()
    old_delay, app.STREAM_DELAY = app.STREAM_DELAY, 0.25  # slow enough to type while it streams
    demo.queue().launch(
        prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, **app.page_assets()
    )
    yield f"http://127.0.0.1:{port}/", settings
    ASSISTANT.pop("real", None)
    app.STREAM_DELAY = old_delay
    demo.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(executable), args=ARGS, headless=True)
        yield b
        b.close()


def new_page(browser, url, size):
    phone = size == "phone"
    context = browser.new_context(viewport=SIZES[size], is_mobile=phone, has_touch=phone, device_scale_factor=1)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(url, wait_until="domcontentloaded", timeout=60_000)
    page.locator("#planqa-question textarea").wait_for(timeout=60_000)
    page.wait_for_timeout(800)
    return context, page


def ask(page, question: str) -> None:
    users = page.locator("#planqa-chatbot .user-row").count()
    box = page.locator("#planqa-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(f"() => document.querySelectorAll('#planqa-chatbot .user-row').length > {users}")
    wait_idle(page)


def wait_idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('#planqa-send').disabled", timeout=30_000)
    page.wait_for_timeout(300)


def tab(page, label: str) -> None:
    page.locator("button[role=tab]", has_text=label).click()
    page.wait_for_timeout(400)


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [
        f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def shot(page, name: str, full_page: bool = False) -> None:
    OUT.mkdir(exist_ok=True)
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / name), full_page=full_page)
    (DOCS / name).write_bytes((OUT / name).read_bytes())


def in_viewport(locator) -> bool:
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.top >= 0 && r.left >= 0 &&"
        " r.bottom <= innerHeight && r.right <= innerWidth; }"
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_page_language_focus_label_about_and_examples(served, browser, size):
    url, _ = served
    context, page = new_page(browser, url, size)
    try:
        assert page.evaluate("document.documentElement.lang") == "zh-CN"  # item 8
        assert page.evaluate("document.activeElement.closest('#planqa-question') !== null")
        assert page.get_by_label(messages.QUESTION_LABEL).count() == 1
        for label in ("问答", "矩阵", "全文"):  # item 4: every tab visible, none behind "…"
            assert in_viewport(page.locator("button[role=tab]", has_text=label)), label
        assert page.get_by_text("计划未涉及").first.is_visible()  # item 9: the refusal example is labelled
        assert not page.get_by_text("Corpus sha256").first.is_visible()  # in the closed About panel
        page.locator("#planqa-about button, #planqa-about .label-wrap").first.click()
        page.get_by_text("Corpus sha256").first.wait_for(timeout=5_000)
        page.locator("#planqa-export").click()  # item 9: an empty export says so
        page.locator("#planqa-feedback-status", has_text="还没有可导出的对话").wait_for(timeout=10_000)
        assert not page.errors
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_typing_while_streaming_and_an_early_enter(served, browser, size):
    """Item 2: the box is cleared once; what is typed during the stream stays; an early Enter is held
    (visibly) and sent when the answer is complete."""
    url, _ = served
    context, page = new_page(browser, url, size)
    try:
        box = page.locator("#planqa-question textarea")
        box.fill(QUESTION)
        box.press("Enter")
        page.wait_for_function("() => document.querySelector('#planqa-send').disabled", timeout=10_000)
        page.wait_for_function("() => document.querySelector('#planqa-question textarea').value === ''")
        assert page.locator("#planqa-send").is_disabled()  # cleared at the start of the stream
        box.type("配合单位有哪些？")
        page.wait_for_timeout(600)  # more chunks arrive meanwhile
        assert box.input_value() == "配合单位有哪些？"
        box.press("Enter")
        held = page.locator("#planqa-held")
        assert held.is_visible() and "回答完成后" in held.inner_text()
        page.wait_for_function(
            "() => document.querySelectorAll('#planqa-chatbot .user-row').length === 2", timeout=30_000
        )
        wait_idle(page)
        assert held.count() == 0 and box.input_value() == ""
        text = page.locator("#planqa-chatbot").inner_text()
        assert "省工信廳" in text or "省工信厅" in text
        assert not page.errors
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_citations_jump_to_the_highlighted_sentence(served, browser, size):
    """Item 3 (and 4: 在全文中查看 on a phone)."""
    url, _ = served
    context, page = new_page(browser, url, size)
    try:
        ask(page, QUESTION)
        link = page.locator("#planqa-chatbot a.planqa-cite-link", has_text="[二.2]").first
        link.click()
        mark = page.locator("#clause-二\\.2 mark.planqa-hl")
        mark.wait_for(timeout=10_000)
        assert in_viewport(mark) and "責任單位" in mark.inner_text() or "算力" in mark.inner_text()
        assert page.locator("#planqa-tab-plan-button").get_attribute("aria-selected") == "true"
        assert not serious_violations(page), serious_violations(page)  # the Plan tab
        shot(page, "citation.png" if size == "desktop" else "phone-citation.png")

        tab(page, "问答")
        if size == "phone":
            page.locator("#planqa-sources").scroll_into_view_if_needed()
        page.locator("#planqa-sources a.planqa-goto").first.click()
        page.locator("#clause-二\\.2 mark.planqa-hl").wait_for(timeout=10_000)
        assert page.locator("mark.planqa-hl").count() >= 1
        assert not page.errors
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_refusal_follow_up_asks_back_with_buttons(served, browser, size):
    """Item 1 (+ 9: suggested follow-ups under an answer)."""
    url, _ = served
    context, page = new_page(browser, url, size)
    try:
        first = "量子计算有什么安排？"
        real = ASSISTANT["real"]
        choices = real.ask("那谁牵头？", [{"role": "user", "content": first}]).suggestions
        assert len(choices) >= 2  # the refused turn's related tasks, offered back
        follow_ups = real.ask(choices[0]).suggestions
        ask(page, first)
        ask(page, "那谁牵头？")
        chat = page.locator("#planqa-chatbot")
        assert "您指的是哪项任务？" in chat.inner_text()
        option = chat.locator("button", has_text=choices[0])
        assert option.is_visible() and chat.locator("button", has_text=choices[1]).is_visible()
        option.click()
        page.wait_for_function(
            "() => document.querySelectorAll('#planqa-chatbot .user-row').length === 3", timeout=20_000
        )
        wait_idle(page)
        assert "牵头" in chat.inner_text().split("您指的是哪项任务？")[-1]  # the chosen task's lead answer
        follow = chat.locator("button", has_text=follow_ups[0])  # suggested follow-ups under the answer
        assert follow.is_visible()
        assert not serious_violations(page), serious_violations(page)  # the Chat tab, with an answer
        shot(page, "chat-suggestions.png" if size == "desktop" else "phone.png", full_page=size == "phone")
        assert not page.errors
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_matrix_filter_search_and_list(served, browser, size):
    """Item 5 (and 4: the list view on a phone)."""
    url, _ = served
    context, page = new_page(browser, url, size)
    try:
        tab(page, "矩阵")
        agency = page.locator("#planqa-agency textarea, #planqa-agency input").first
        agency.fill("网信办")
        agency.press("Enter")
        note = page.locator("#planqa-matrix-note")
        note.filter(has_text="省委網信辦：牵头 3 项，参与 1 项").wait_for(timeout=10_000)
        if size == "desktop":
            header = page.locator("#planqa-matrix th", has_text="省委網信辦").first
            assert in_viewport(header)
            assert not page.locator("#planqa-matrix-list").is_visible()
        else:
            assert not page.locator("#planqa-matrix").is_visible()
            listing = page.locator("#planqa-matrix-list")
            assert listing.is_visible() and listing.locator("li").count() == 4
            assert "牵头：省委網信辦" in listing.inner_text()
        assert not serious_violations(page), serious_violations(page)  # the Matrix tab
        shot(page, "matrix.png" if size == "desktop" else "phone-matrix.png")

        agency.fill("")
        search = page.locator("#planqa-matrix-search textarea, #planqa-matrix-search input").first
        search.fill("网络")
        search.press("Enter")
        note.filter(has_text="3 项（共 31 项）").wait_for(timeout=10_000)
        search.fill("火星基地")
        search.press("Enter")
        note.filter(has_text="没有与“火星基地”匹配的任务").wait_for(timeout=10_000)
        assert "共 31" not in note.inner_text()
        assert not page.errors
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_copy_is_plain_text_with_clause_references(served, browser, size):
    """Item 6: the chatbot's copy buttons put plain text on the clipboard."""
    url, _ = served
    context, page = new_page(browser, url, size)
    try:
        ask(page, QUESTION)
        page.locator("#planqa-chatbot").hover()
        page.locator("button[aria-label='Copy conversation']").click()
        page.wait_for_timeout(300)
        text = page.evaluate("navigator.clipboard.readText()")
        assert "省數據管理局" in text and "[二.2]" in text
        assert "**" not in text and "<" not in text and "planqa-" not in text
        answer = page.locator("#planqa-chatbot .bot-row", has=page.locator("a.planqa-cite-link")).first
        answer.hover()
        answer.locator("xpath=following::button[@aria-label='Copy message'][1]").click()
        page.wait_for_timeout(300)
        one = page.evaluate("navigator.clipboard.readText()")
        assert "[二.2]" in one and "**" not in one and "<" not in one
    finally:
        context.close()


def test_one_vote_per_answer_and_recent_conversations_survive_a_reload(served, browser):
    """Item 9: like then dislike stores one row, the last vote; reloading offers the conversation back."""
    url, settings = served
    context, page = new_page(browser, url, "desktop")
    try:
        ask(page, QUESTION)
        answer = page.locator("#planqa-chatbot .bot-row").first
        answer.hover()
        db = settings.data_dir / "feedback.sqlite3"
        before = sqlite3.connect(db).execute("SELECT COUNT(*) FROM feedback").fetchone()[0] if db.exists() else 0
        page.locator("#planqa-chatbot button[aria-label='Like']").first.click()
        page.locator("#planqa-feedback-status", has_text="赞").wait_for(timeout=10_000)
        page.locator("#planqa-chatbot button[aria-label='Dislike']").first.click()
        page.locator("#planqa-feedback-status", has_text="踩").wait_for(timeout=10_000)
        rows = sqlite3.connect(db).execute("SELECT vote FROM feedback ORDER BY id").fetchall()
        assert len(rows) == before + 1 and rows[-1][0] == "down"

        page.reload(wait_until="domcontentloaded")
        page.locator("#planqa-question textarea").wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        assert page.locator("#planqa-chatbot .user-row").count() == 0
        page.locator("#planqa-recent").get_by_text("最近的对话").click()
        page.locator("#planqa-recent-list input").click()
        page.locator("[role=option]", has_text=QUESTION[:10]).first.click()
        page.locator("#planqa-restore").click()
        page.wait_for_function(
            "() => document.querySelectorAll('#planqa-chatbot .user-row').length === 1", timeout=10_000
        )
        assert "省數據管理局" in page.locator("#planqa-chatbot").inner_text()
        ask(page, "配合单位有哪些？")  # the restored conversation resolves follow-ups
        text = page.locator("#planqa-chatbot").inner_text()
        assert "省工信廳" in text or "省工信厅" in text
        assert not page.errors
    finally:
        context.close()


def test_connection_lost_is_said_in_chinese(served, browser):
    url, _ = served
    context, page = new_page(browser, url, "phone")
    try:
        context.set_offline(True)
        banner = page.locator("#planqa-offline")
        banner.wait_for(timeout=5_000)
        assert "连接已断开" in banner.inner_text()
        context.set_offline(False)
        page.wait_for_timeout(300)
        assert banner.count() == 0
    finally:
        context.close()
