"""Several plans in a real headless Chromium (hash embedder, so it is quick): the chat's plan selector,
a qualified citation link opening the Plan tab at the right plan, the Plan tab's picker."""

from __future__ import annotations

import pytest
from plan_docs import FIXTURES

import app
from assistant.desk import Desk
from assistant.pipeline import Assistant
from corpus.settings import Settings
from tests.test_slow_browser import ARGS, ensure_chromium, free_port
from tests.test_slow_chat_ux import ask

pytestmark = pytest.mark.slow

QINGLAN = "2025数字青岚"


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    root = tmp_path_factory.mktemp("plans-browser")
    settings = Settings(embedder="hash", index_dir=root / "index", data_dir=root / "data")
    desk = Desk(settings, assistant=Assistant(settings))
    desk.shelf.library.add(FIXTURES / "qinglan-2025.txt")
    desk.reload()
    desk.warm_up()
    demo = app.build_app(desk, settings)
    port = free_port()
    demo.queue().launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True,
                        **app.page_assets())
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def test_selector_scopes_the_answer_and_the_link_opens_that_plan(url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(ensure_chromium()), args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url, wait_until="domcontentloaded", timeout=60_000)
        page.locator("#planqa-question textarea").wait_for(timeout=60_000)
        selector = page.locator("#planqa-plans input")
        selector.click()
        page.get_by_role("option", name="2025年数字青岚工作要点").click()
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        ask(page, "算力建设由哪个部门牵头？")
        assert "市数据局" in page.locator("#planqa-chatbot").inner_text()
        assert "《2025年数字青岚工作要点》" in page.locator("#planqa-sources").inner_text()
        qid = f"{QINGLAN}·一.(二).1"
        page.locator("#planqa-chatbot a.planqa-cite-link", has_text=f"[{qid}]").first.click()
        mark = page.locator(f'[id="clause-{qid}"] mark.planqa-hl')
        mark.wait_for(timeout=10_000)
        assert page.locator("#planqa-plan-pick").input_value() == QINGLAN
        assert page.locator(f'section.planqa-plan[data-plan="{QINGLAN}"]').is_visible()
        assert not page.locator("section.planqa-plan[data-builtin]").is_visible()
        page.locator("#planqa-plan-pick").select_option(index=0)  # the picker switches back
        assert page.locator("section.planqa-plan[data-builtin]").is_visible()
        assert not errors, errors
        browser.close()
