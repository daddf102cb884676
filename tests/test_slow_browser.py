"""The chat in a real headless Chromium (Playwright's Python package, the system Chromium).

Starts the app with the default embedder on a free port, asks 誰牽頭負責算力基礎設施？, waits for the
streamed answer and its sources, checks 二.2 and 省數據管理局 are on the page, and saves a screenshot
to test-output/chat.png and docs/chat.png (the README's picture).

Chromium comes from Debian (`apt-get install -y chromium fonts-noto-cjk`); if it is missing the test
installs it, and fails with what to do if it cannot. It never downloads a browser through Playwright.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

import pytest

import app
from assistant.pipeline import Assistant
from corpus.settings import ROOT, Settings

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
QUESTION = "誰牽頭負責算力基礎設施？"
OUT = ROOT / "test-output"
DOCS = ROOT / "docs"


def ensure_chromium() -> Path:
    """The system Chromium; installed with apt-get when missing. Fails (not skips) if that cannot be done."""
    if CHROMIUM.exists():
        return CHROMIUM
    apt = shutil.which("apt-get")
    if apt is None:
        pytest.fail(f"{CHROMIUM} is missing and apt-get is not available: install Chromium at {CHROMIUM}.")
    steps = [[apt, "update"], [apt, "install", "-y", "--no-install-recommends", "chromium", "fonts-noto-cjk"]]
    for cmd in steps:
        done = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=900,
            env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/bin:/bin:/usr/sbin:/sbin"},
        )
        if done.returncode != 0:
            pytest.fail(
                f"{CHROMIUM} is missing and `{' '.join(cmd)}` failed (exit {done.returncode}): "
                f"{done.stderr.strip()[-500:]}\nInstall it yourself: apt-get install -y chromium fonts-noto-cjk"
            )
    if not CHROMIUM.exists():
        pytest.fail(f"apt-get installed chromium but {CHROMIUM} is still missing")
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    settings = Settings(index_dir=root / "index", data_dir=root / "data")  # default (real) embedder
    assistant = Assistant(settings)
    assistant.warm_up()
    demo = app.build_app(assistant, settings)
    port = free_port()
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=settings.queue_size).launch(
        prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True
    )
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def test_chat_in_real_chromium(url, tmp_path):
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    OUT.mkdir(exist_ok=True)
    DOCS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),  # a fresh user-data-dir
            executable_path=str(executable),
            args=ARGS,
            headless=True,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url, wait_until="domcontentloaded", timeout=60_000)
            box = page.locator("#planqa-question textarea")
            box.wait_for(timeout=60_000)
            box.fill(QUESTION)
            box.press("Enter")

            # the streamed answer, then the sources panel (written after the last chunk)
            page.wait_for_function(
                "() => (document.querySelector('#planqa-sources')?.innerText || '').includes('二.2')",
                timeout=60_000,
            )
            chat = page.locator("#planqa-chatbot")
            chat.get_by_text("省數據管理局").first.wait_for(timeout=30_000)
            # open the cited clause under the answer too, so the picture shows it in the chat
            chat.locator("details.planqa-cite summary").first.click()
            page.wait_for_timeout(500)

            text = page.locator("body").inner_text()
            assert "二.2" in text and "省數據管理局" in text
            assert "二.2" in chat.inner_text() and "省數據管理局" in chat.inner_text()
            assert "省數據管理局（牵头）" in page.locator("#planqa-sources").inner_text()
            assert not errors, f"JavaScript errors on the page: {errors}"

            shot = OUT / "chat.png"
            page.screenshot(path=str(shot), full_page=True)
            shutil.copyfile(shot, DOCS / "chat.png")
            assert shot.stat().st_size > 10_000
        finally:
            context.close()
