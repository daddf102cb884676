"""PlanQA web app (Gradio 6): chat with cited clauses, the responsibility matrix, the whole plan.

    .venv/bin/python app.py          # http://127.0.0.1:7860 (PLANQA_HOST / PLANQA_PORT to change)

The desk (the built-in plan and every plan in the library, assistant/desk.py) is built once and
warmed up before the server starts. This file only builds the UI
(`build_app`) and launches it (`main`); what the UI calls is in web/ (`web.handlers.Handlers`,
plain functions testable without a browser), the HTML in web/templates.

API: one stable endpoint, `/chat`, separate from the streaming UI function:

    from gradio_client import Client
    client = Client("http://127.0.0.1:7860/")          # add auth=(user, password) if the app has a login
    r = client.predict("誰牽頭負責算力基礎設施？", [], api_name="/chat")
    r["answer"], r["refused"], r["intent"], r["status"], r["citations"][0]["clause_id"]
    # ..., False, "lead", "answered", "二.2"

`history` (optional) is the conversation so far, oldest first: a list of {"role": "user" |
"assistant", "content": str} — or the same list as a JSON string. Anything else counts as no history.
The result is {"answer": markdown str, "refused": bool, "intent": str, "status": str, "citations":
[{clause_id, path, title, quote, lead, members}], "suggestions": [str]}: `intent` is the kind of
question, `status` what happened to it (answered | refused | not_stated | clarify | empty | invalid |
error), `suggestions` full questions to offer next (with status "clarify": what a bare follow-up such
as 那谁牵头？ may have meant). Bad input never raises: it answers with a message saying why.

The page's stylesheet and script (web/assets/app.css, app.js) go to `launch` (Gradio 6 takes css and
head there): `demo.launch(..., **page_assets())`.
"""

import os

# No telemetry: these must be set before gradio (or huggingface_hub) is imported.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"

import functools  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import Any  # noqa: E402

import gradio as gr  # noqa: E402

from assistant.desk import Desk  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402
from corpus.load import CorpusMissing  # noqa: E402
from corpus.logs import install_redaction  # noqa: E402
from corpus.settings import Settings, get_settings  # noqa: E402
from index.embedder import EmbedderError  # noqa: E402
from index.types import StoreError  # noqa: E402
from web import messages as say  # noqa: E402
from web.feedback import open_feedback  # noqa: E402
from web.guard import launch_options  # noqa: E402
from web.handlers import Handlers  # noqa: E402
from web.login import check_login  # noqa: E402
from web.matrix_tab import ALL_SCOPES  # noqa: E402
from web.render import asset, sources_panel_html  # noqa: E402
from web.upload import FILE_TYPES  # noqa: E402

log = logging.getLogger("planqa.app")

STREAM_DELAY = 0.03  # seconds between streamed pieces: the answer is computed at once, shown progressively


def paced(respond):
    """The streaming handler with a pause before each piece after the first, so the browser draws them."""

    @functools.wraps(respond)
    def run(*args):
        for i, step in enumerate(respond(*args)):
            if i:
                time.sleep(STREAM_DELAY)
            yield step

    return run


# ---------------------------------------------------------------------- the chat tab


def page_assets() -> dict[str, str]:
    """css and head for `launch` (Gradio 6 moved them there from Blocks): colours with enough contrast,
    the phone layout, and the page script (lang="zh-CN", citation links, holding an early Enter,
    plain-text copy, a Chinese "connection lost" notice)."""
    return {"css": asset("app.css"), "head": f"<script>{asset('app.js')}</script>"}


@dataclass
class ChatTab:
    chatbot: gr.Chatbot
    question: gr.Textbox
    send: gr.Button
    clear: gr.Button
    download: gr.DownloadButton
    comment: gr.Textbox
    send_comment: gr.Button
    status: gr.Markdown
    sources: gr.HTML
    recent: gr.Dropdown
    restore: gr.Button
    plans: gr.Dropdown


def chat_tab(h: Handlers) -> ChatTab:
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            # Shown only when several plans are served; none picked = every plan (Desk.ask).
            plans = gr.Dropdown(
                choices=h.plan_choices(),
                value=[],
                multiselect=True,
                label=say.PLANS_LABEL,
                visible=h.several,
                elem_id="planqa-plans",
            )
            chatbot = gr.Chatbot(
                label="PlanQA",
                height=560,
                buttons=["copy", "copy_all"],
                latex_delimiters=[],
                feedback_options=("Like", "Dislike"),
                placeholder="问一个关于《2025年數字福建工作要點》的问题，例如：算力建设由哪个部门牵头？",
                elem_id="planqa-chatbot",
            )
            with gr.Row(elem_id="planqa-ask-row"):
                question = gr.Textbox(
                    label=say.QUESTION_LABEL,
                    show_label=True,
                    placeholder=say.QUESTION_PLACEHOLDER,
                    scale=6,
                    max_lines=4,
                    autofocus=True,
                    elem_id="planqa-question",
                )
                send = gr.Button("发送 Send", variant="primary", scale=1, min_width=90, elem_id="planqa-send")
            gr.Examples(say.EXAMPLES, inputs=[question], label="示例问题 Examples", example_labels=say.EXAMPLE_LABELS)
            with gr.Row():
                clear = gr.Button("清空对话 Clear", size="sm")
                download = gr.DownloadButton("导出对话 Export (.md)", value=None, size="sm", elem_id="planqa-export")
            with gr.Accordion("最近的对话 Recent conversations（保存在本浏览器）", open=False, elem_id="planqa-recent"):
                with gr.Row():
                    recent = gr.Dropdown(
                        choices=[], label="选择一条对话 Pick one", scale=4, elem_id="planqa-recent-list"
                    )
                    restore = gr.Button("恢复 Restore", size="sm", scale=1, elem_id="planqa-restore")
            with gr.Accordion("反馈意见 Feedback comment", open=False):
                comment = gr.Textbox(
                    label="对答案的意见（先点 👍/👎）/ Comment on the answer you rated", lines=2, max_length=2000
                )
                send_comment = gr.Button("提交意见 Submit", size="sm")
            status = gr.Markdown(elem_id="planqa-feedback-status")
        with gr.Column(scale=2):
            sources = gr.HTML(
                sources_panel_html(None),
                label="来源 Sources",
                show_label=True,
                css_template=asset("panel.css"),
                js_on_load=asset("goto.js"),
                elem_id="planqa-sources",
                container=True,
                padding=True,
                max_height=720,
            )
    return ChatTab(
        chatbot, question, send, clear, download, comment, send_comment, status, sources, recent, restore, plans
    )


def chat_events(h: Handlers, tab: ChatTab, state: gr.State, saved: gr.BrowserState) -> None:
    """Send (Enter or the button) streams the answer; the textbox is cleared once, on send. While it
    streams Send is disabled and app.js holds an early Enter (visibly) until the answer is complete.
    Afterwards the conversation is saved in the browser."""
    outputs = [tab.question, tab.chatbot, tab.sources, state, tab.download]
    busy, ready = gr.update(interactive=False), gr.update(interactive=True)
    # The selector's keys reach the answer through a State: the streaming endpoint's arguments stay
    # (question, history state), as API clients of `chat_stream` call it.
    selected = gr.State([])
    tab.plans.change(lambda keys: keys or [], [tab.plans], [selected], queue=False, api_visibility="private")
    after = ([state, saved], [saved, tab.recent])

    def answered(event) -> None:
        event.then(lambda: ready, None, [tab.send], api_visibility="private", queue=False)
        event.then(h.remember, *after, api_visibility="private")

    # Send is disabled first, then the answer streams, then Send is enabled: one chain, so the three
    # cannot arrive out of order (two listeners on the same trigger did).
    started = gr.on(
        [tab.question.submit, tab.send.click], lambda: busy, None, [tab.send], queue=False, api_visibility="private"
    )
    streamed = started.then(
        paced(h.respond),  # the streaming UI function; the API is `chat` (build_app)
        [tab.question, state, selected],
        outputs,
        api_name="chat_stream",
        api_visibility="undocumented",
    )
    answered(streamed)
    picked = gr.State("")  # the suggestion clicked under an answer

    def pick(choice: gr.SelectData):
        return busy, h.picked(choice)

    chosen = tab.chatbot.option_select(pick, None, [tab.send, picked], queue=False, api_visibility="private")
    answered(chosen.then(paced(h.respond_choice), [picked, state, selected], outputs, api_visibility="private"))
    tab.download.click(h.export_notice, [state], [tab.status], api_visibility="private")
    tab.restore.click(
        h.restore,
        [tab.recent, saved],
        [tab.chatbot, tab.sources, state, tab.download, tab.status],
        api_visibility="private",
    )
    cleared = [tab.chatbot, tab.sources, state, tab.download, tab.status, tab.comment]
    tab.clear.click(h.clear, None, cleared, api_visibility="private")
    tab.chatbot.clear(h.clear, None, cleared, api_visibility="private")  # the chatbot's own trash icon
    tab.chatbot.like(h.on_like, [state], [tab.status, state], api_visibility="private")
    tab.send_comment.click(
        h.submit_comment, [tab.comment, state], [tab.comment, tab.status, state], api_visibility="private"
    )


# ---------------------------------------------------------------------- the matrix and plan tabs


@dataclass
class PlanPickers:
    """What changes when a plan is added or removed (Handlers.refresh gives their new values)."""

    chat: gr.Dropdown  # the chat's selector
    matrix: gr.Dropdown  # the Matrix tab's plan
    cross: gr.Group  # the matrix across plans
    plan_page: gr.HTML  # the Plan tab
    listing: gr.Markdown  # the Plans panel's table
    removable: gr.Dropdown  # the plans the Plans panel may remove

    def outputs(self) -> list:
        return [self.chat, self.matrix, self.cross, self.plan_page, self.listing, self.removable]


@dataclass
class MatrixWidgets:
    plan: gr.Dropdown
    cross: gr.Group
    cross_search: gr.Textbox
    cross_outputs: list


def matrix_tab(h: Handlers) -> MatrixWidgets:
    gr.Markdown("每行一项任务，每列一个责任单位：**牵头** 或 **参与**。单位可用任意简称（数据局、网信办、发改委…）。")
    plan = gr.Dropdown(
        choices=h.plan_choices(), value=h.builtin_key(), label="计划 Plan", visible=h.several, elem_id="planqa-matrix-plan"
    )
    with gr.Row():
        agency = gr.Textbox(label="单位 Agency", placeholder="如：数据局 / 網信辦", scale=2, elem_id="planqa-agency")
        scope = gr.Dropdown(choices=h.scope_choices(None), value=ALL_SCOPES, label="行动 / 工程", scale=2)
        search = gr.Textbox(
            label="搜索 Search（简繁皆可）", placeholder="如：网络 / 網絡", scale=2, elem_id="planqa-matrix-search"
        )
        apply = gr.Button("筛选 Filter", variant="primary", scale=1, elem_id="planqa-filter")
    frame, note, csv_path, xlsx_path, listing = h.matrix_view("", ALL_SCOPES, "")
    matrix_note = gr.Markdown(note, elem_id="planqa-matrix-note")
    table = gr.Dataframe(
        value=frame,
        interactive=False,
        wrap=True,
        max_height=640,
        pinned_columns=1,
        elem_id="planqa-matrix",
    )
    matrix_list = gr.HTML(listing, elem_id="planqa-matrix-list", padding=False)
    with gr.Row():
        csv_button = gr.DownloadButton("下载 CSV", value=csv_path)
        xlsx_button = gr.DownloadButton("下载 XLSX", value=xlsx_path)
    outputs = [table, matrix_note, csv_button, xlsx_button, matrix_list]
    for trigger in (apply.click, agency.submit, scope.change, search.submit):
        trigger(h.matrix_view, [agency, scope, search, plan], outputs, api_visibility="private")
    plan.input(h.matrix_plan_changed, [plan, agency, search], [scope, *outputs], api_visibility="private")
    with gr.Group(visible=h.several, elem_id="planqa-cross") as cross:
        gr.Markdown("#### 跨计划 Across plans\n每个单位在每份计划中牵头、参与的任务数。")
        cross_search = gr.Textbox(label="单位 Agency（简繁皆可）", placeholder="如：数据局", elem_id="planqa-cross-search")
        cross_frame, cross_note, cross_csv, cross_xlsx = h.cross_view("") if h.several else (None, "", None, None)
        cross_note_md = gr.Markdown(cross_note)
        cross_table = gr.Dataframe(value=cross_frame, interactive=False, max_height=480, pinned_columns=1, elem_id="planqa-cross-table")
        with gr.Row():
            cross_csv_button = gr.DownloadButton("下载 CSV（跨计划）", value=cross_csv)
            cross_xlsx_button = gr.DownloadButton("下载 XLSX（跨计划）", value=cross_xlsx)
    cross_outputs = [cross_table, cross_note_md, cross_csv_button, cross_xlsx_button]
    cross_search.submit(h.cross_view, [cross_search], cross_outputs, api_visibility="private")
    return MatrixWidgets(plan, cross, cross_search, cross_outputs)


def plan_tab(h: Handlers) -> gr.HTML:
    return gr.HTML(h.plan_tab_html(), css_template=asset("plan.css"), js_on_load=asset("plans.js"), elem_id="planqa-plan")


@dataclass
class PlansPanel:
    listing: gr.Markdown
    status: gr.Markdown
    file: gr.File
    title: gr.Textbox
    year: gr.Textbox
    issuer: gr.Textbox
    add: gr.Button
    removable: gr.Dropdown
    remove: gr.Button
    confirm: gr.Group
    question: gr.Markdown
    sure: gr.Button
    cancel: gr.Button


def plans_panel(h: Handlers) -> PlansPanel:
    """The plans served; adding and removing them only where that is allowed (web/upload.py)."""
    listing = gr.Markdown(h.plans_markdown(), elem_id="planqa-plans-list")
    status = gr.Markdown(elem_id="planqa-plans-status")
    with gr.Group(visible=h.may_change_plans, elem_id="planqa-upload"):
        file = gr.File(
            label="添加计划 Add a plan（txt / docx / pdf / html）", file_types=FILE_TYPES, elem_id="planqa-upload-file"
        )
        with gr.Row():
            title = gr.Textbox(label="标题 Title（可选）", max_length=200)
            year = gr.Textbox(label="年份 Year（可选）", max_length=4)
            issuer = gr.Textbox(label="发文单位 Issuer（可选）", max_length=200)
        add = gr.Button("添加 Add", variant="primary", elem_id="planqa-upload-add")
    with gr.Group(visible=h.may_change_plans, elem_id="planqa-remove"):
        with gr.Row():
            removable = gr.Dropdown(choices=h.removable_choices(), value=None, label="删除计划 Remove a plan", scale=3)
            remove = gr.Button("删除 Remove", variant="stop", scale=1, elem_id="planqa-remove-button")
        with gr.Group(visible=False, elem_id="planqa-remove-confirm") as confirm:
            question = gr.Markdown()
            with gr.Row():
                sure = gr.Button("确认删除 Confirm", variant="stop", size="sm", elem_id="planqa-remove-sure")
                cancel = gr.Button("取消 Cancel", size="sm")
    return PlansPanel(listing, status, file, title, year, issuer, add, removable, remove, confirm, question, sure, cancel)


def plans_events(h: Handlers, panel: PlansPanel, pickers: PlanPickers, matrix: MatrixWidgets) -> list:
    """Add and remove (the latter after a confirmation); after either, everything listing plans is
    refreshed. Returns the events that change the plans."""
    refreshed = pickers.outputs()
    form = [panel.file, panel.title, panel.year, panel.issuer]
    added = panel.add.click(
        h.upload_plan, [*form, pickers.chat], [panel.status, *form, *refreshed], api_visibility="private"
    )
    panel.remove.click(
        h.ask_remove, [panel.removable], [panel.status, panel.confirm, panel.question], api_visibility="private"
    )
    removed = panel.sure.click(
        h.confirm_remove, [panel.removable, pickers.chat], [panel.status, panel.confirm, *refreshed],
        api_visibility="private",
    )
    panel.cancel.click(h.cancel_remove, None, [panel.status, panel.confirm], api_visibility="private", queue=False)
    for changed in (added, removed):  # the cross-plan table follows the plans served
        changed.then(h.cross_view, [matrix.cross_search], matrix.cross_outputs, api_visibility="private")
    return [added, removed]


def build_app(desk: Desk | Assistant, settings: Settings) -> gr.Blocks:
    """The UI over a Desk (or one Assistant: the desk is then made around it, serving the library too)."""
    h = Handlers(desk, settings, feedback=open_feedback(settings))  # SQLite, or the PostgreSQL database
    with gr.Blocks(title="PlanQA · 2025数字福建工作要点", analytics_enabled=False) as demo:
        gr.Markdown(
            "## PlanQA · 《2025年數字福建工作要點》问答\n"
            "简体、繁體或英文提问均可；每个答案都注明所依据的条款，点击 [二.2] 这样的条款号可在全文中查看。"
            " Ask in simplified or traditional Chinese (or English); every answer cites its clauses."
        )
        state = gr.State(None)  # a web.session.Session once the first question is answered
        # Recent conversations, kept in this browser's localStorage (Gradio encrypts the value; the key
        # is fixed so they survive a server restart — it hides nothing from the browser's owner).
        saved = gr.BrowserState([], storage_key="planqa-recent", secret="planqa-recent-conversations-v1")
        # Short tab labels: at 390 px all three fit (longer ones went behind Gradio's "…" menu).
        with gr.Tabs():
            with gr.Tab("问答 Chat", id="chat", elem_id="planqa-tab-chat"):
                tab = chat_tab(h)
                chat_events(h, tab, state, saved)
            with gr.Tab("矩阵 Matrix", id="matrix", elem_id="planqa-tab-matrix"):
                matrix = matrix_tab(h)
            with gr.Tab("全文 Plan", id="plan", elem_id="planqa-tab-plan", render_children=True):
                plan_page = plan_tab(h)
        with gr.Accordion("计划 Plans", open=False, elem_id="planqa-plans-panel"):
            panel = plans_panel(h)
        pickers = PlanPickers(tab.plans, matrix.plan, matrix.cross, plan_page, panel.listing, panel.removable)
        plans_events(h, panel, pickers, matrix)
        with gr.Accordion("关于 About", open=False, elem_id="planqa-about"):
            gr.Markdown(h.footer_markdown(), elem_id="planqa-footer")
        demo.load(h.recent_choices, [saved], [tab.recent], api_visibility="private")
        # A page opened after another browser changed the plans gets the new list (else nothing is sent).
        loaded = demo.load(h.refresh_on_load, [tab.plans], pickers.outputs(), api_visibility="private", queue=False)
        loaded.then(h.cross_view_on_load, [matrix.cross_search], matrix.cross_outputs, api_visibility="private", queue=False)
        gr.api(h.chat_api, api_name="chat")
    demo.planqa = h  # the handlers, for tests and embedding
    return demo


# ---------------------------------------------------------------------- launch


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    install_redaction()  # credentials in URLs never reach a log line, whatever logger writes it
    for noisy in ("httpx", "httpx2", "httpcore", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    t0 = time.perf_counter()
    try:
        settings = get_settings()
        check_login(settings)  # StartRefused (a ValueError): half a login, or open beyond loopback
        assistant = Assistant(settings)
        desk = Desk(settings, assistant=assistant)  # the built-in plan and every plan in the library
        desk.warm_up()
    except (CorpusMissing, EmbedderError, StoreError, ValueError) as e:
        # ValueError: RepairError, a non-UTF-8 plan, a bad PLANQA_* value, an unsafe login set-up, a
        # damaged plan library;
        # StoreError: PostgreSQL unreachable at start, or its schema newer than this code
        print(f"PlanQA cannot start: {e}", file=sys.stderr)
        raise SystemExit(2) from None
    log.info("assistant ready in %.1fs (embedder %s, %d plans)", time.perf_counter() - t0, settings.embedder,
             len(desk.plans()))
    demo = build_app(desk, settings)
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=settings.queue_size)
    if settings.host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s: anyone who can reach it can try to log in", settings.host)
    try:
        serve(demo, assistant, settings, mount_options(demo, settings))
    except OSError as e:
        reason = str(e).split(". You can specify")[0].rstrip(".")
        print(f"PlanQA could not start on {settings.host}:{settings.port}: {reason}. Set PLANQA_PORT.", file=sys.stderr)
        raise SystemExit(2) from e


def mount_options(demo: gr.Blocks, settings: Settings) -> dict[str, Any]:
    """What the one server is started with: address, the slow login, every limit, the page assets.
    Raises StartRefused (a ValueError) for an unsafe login set-up."""
    opts = launch_options(demo, settings)
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "auth": opts["auth"],
        "show_error": False,
        "max_file_size": opts["max_file_size"],
        "app_kwargs": opts["app_kwargs"],
        **page_assets(),
    }


def http_app(demo: gr.Blocks, assistant: Assistant, settings: Settings, options: dict[str, Any]):
    """One FastAPI app: the JSON API (/api/…, docs at /api/docs) with the Gradio app mounted at /,
    both behind the same login when one is set. The limits (body size, cross-origin writes, login on
    every write) guard the whole server, API included; the sweeper runs in the Gradio app's lifespan,
    where its queue and sessions live."""
    from fastapi import FastAPI

    from web.http_api import make_router

    app_kwargs = options["app_kwargs"]
    api = FastAPI(
        title="PlanQA API", docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json",
        middleware=app_kwargs["middleware"],
    )
    # the API's votes go to the chat's own feedback store
    handlers = getattr(demo, "planqa", None)
    # The chat's own desk: a plan uploaded in the chat is asked through the API at once.
    served = getattr(handlers, "desk", None) or assistant
    api.include_router(make_router(served, settings, feedback=handlers and handlers.feedback))
    mount = {k: v for k, v in options.items() if k != "app_kwargs"}
    return gr.mount_gradio_app(api, demo, path="/", app_kwargs={"lifespan": app_kwargs["lifespan"]}, **mount)


def serve(demo: gr.Blocks, assistant: Assistant, settings: Settings, options: dict[str, Any]) -> None:
    import socket

    import uvicorn

    # Bind first ourselves: a taken port is then an OSError with a reason (uvicorn would just exit 1).
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((settings.host, settings.port))
    app = http_app(demo, assistant, settings, options)
    log.info("serving on http://%s:%d/ (chat) and /api/docs (JSON API)", settings.host, settings.port)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=5)).run(sockets=[sock])


if __name__ == "__main__":
    main()
