"""Everything the UI and the API call: plain functions on a `Handlers` object, usable without a
server or a browser (the tests call them directly).

The question is cleaned once, by `Assistant.ask`. The chat also makes a *display* form of what was
typed (markup kept, escaped when shown); that form is never what gets answered.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.clean import clean_question
from assistant.desk import Desk
from assistant.matrix import build_matrix, scopes
from assistant.pipeline import Assistant
from assistant.types import EMPTY, ERROR, INVALID, Answer
from corpus.settings import Settings
from web import messages as say
from web.api import GENERAL, answer_payload, error_payload, parse_history
from web.export import FILENAME, write_conversation
from web.feedback import MAX_COMMENT, FeedbackStore, FeedbackUnavailable
from web.matrix_tab import MatrixTab
from web.plan_handlers import PlanHandlers, desk_of
from web.recent import RecentConversations
from web.render import chat_sources_html, linked_answer, sources_panel_html
from web.session import Record, Session

log = logging.getLogger("planqa.app")


def has_words(text: str) -> bool:
    """True if the text has at least one letter or digit (not only emoji, punctuation or symbols)."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def stream_chunks(text: str) -> list[str]:
    """Split an answer into pieces ending at a line break or a sentence end (for progressive display)."""
    pieces = [p for p in re.split(r"(?<=[\n。！？；!?])", text) if p]
    return pieces or [text]




def _vote(liked: Any) -> str | None:
    if liked is True or liked == "Like":
        return "up"
    if liked is False or liked == "Dislike":
        return "down"
    return None


def _forget_cached_copy(path: Path) -> None:
    """Remove Gradio's cached copy of a file we served (<upload folder>/<content hash>/<name>)."""
    if not path.is_file():
        return
    from gradio import processing_utils, utils

    try:
        copy = Path(utils.get_upload_folder()) / processing_utils.hash_file(path) / path.name
        copy.unlink(missing_ok=True)
        copy.parent.rmdir()
    except OSError:
        pass


class Handlers(RecentConversations, PlanHandlers):
    """Chat, API, feedback, export, matrix, plans and footer handlers over a Desk (the plans served).

    Given one Assistant (the built-in plan's), the desk is made around it. `assistant` is always the
    built-in plan's; `plan` its plan."""

    def __init__(self, desk: Desk | Assistant, settings: Settings, feedback: FeedbackStore | None = None):
        self.desk, self.assistant = desk_of(desk, settings)
        self.settings = settings
        self.feedback = feedback or FeedbackStore.in_folder(settings.data_dir)
        self.plan = self.assistant.plan
        self.scopes = scopes(self.plan)
        self._export_root = Path(tempfile.mkdtemp(prefix="planqa-exports-"))
        self.matrix_tab = MatrixTab(build_matrix(self.plan), self.assistant.directory, self._export_root)
        self._init_plans()

    # ------------------------------------------------------------------ answering

    def ask(self, question: Any, history: list[dict[str, str]] | None = None, plans: Any = None) -> Answer:
        """Desk.ask (`plans`: the selector's keys; none = all), with the app's messages for empty and
        wordless questions; never raises."""
        try:
            keys = self.selected_plans(plans)
            answer = self.desk.ask(question, history or [], plans=keys)
        except Exception:
            log.exception("chat: answering failed (question %r)", str(question)[:200])
            return Answer(str(question)[:200], say.ERROR_MESSAGE, GENERAL, refused=True, status=ERROR)
        if answer.status == EMPTY:
            return replace(answer, answer=say.EMPTY_MESSAGE, refused=True)
        if not has_words(answer.question):  # the question as the assistant cleaned it
            return Answer(answer.question, say.NO_WORDS_MESSAGE, GENERAL, refused=True, status=INVALID)
        return answer

    def chat_api(self, question: str, history: list | str | None = None) -> dict:
        """Answer one question about the 2025 Digital Fujian work plan, with the clauses it rests on.

        Args:
            question: the question, in simplified or traditional Chinese (or English).
            history: optional conversation so far, oldest first: a list of {"role": "user"|"assistant",
                "content": str}, or that list as a JSON string. Used to resolve follow-ups such as 配合单位呢？
        Returns:
            {"answer": markdown, "refused": bool, "intent": str, "status": str,
             "citations": [{"clause_id", "path", "title", "quote", "lead", "members"}],
             "suggestions": [questions to offer next; with status "clarify", what a bare follow-up may mean]}
        """
        try:
            return answer_payload(self.ask(question, parse_history(history)))
        except Exception:
            log.exception("chat api failed")
            return error_payload()

    def respond(self, message: str, state: Session | None, plans: Any = None) -> Iterator[tuple]:
        """The chat UI: yields (textbox, chatbot, sources panel, state, download) as the answer comes in.
        `plans`: the plan selector's keys (none = all plans).

        Every piece of the answer is one yield; the UI (app.py) paces them for display. The textbox is
        cleared once, by the first yield; later ones skip it, so a question typed while the answer
        streams is kept."""
        session = Session.of(state)
        try:
            shown, _ = clean_question(message, self.settings.max_question_chars, strip_markup=False)
        except Exception:
            shown = ""
        if not shown or not has_words(shown):
            gr.Warning(say.EMPTY_MESSAGE if not shown else say.NO_WORDS_MESSAGE)
            yield message, list(session.chat), gr.skip(), session, gr.skip()
            return
        chat = [*session.chat, {"role": "user", "content": html.escape(shown)}, {"role": "assistant", "content": "…"}]
        yield "", list(chat), gr.skip(), session, gr.skip()

        answer = self.ask(message, list(session.history), plans)
        partial = ""
        for piece in stream_chunks(answer.answer):
            partial += piece
            chat[-1] = {"role": "assistant", "content": partial}
            yield gr.skip(), list(chat), gr.skip(), session, gr.skip()
        session = self._answered(session, answer, shown, chat)
        yield (
            gr.skip(),
            list(session.chat),
            sources_panel_html(answer, shown),
            session,
            self.export_conversation(session),
        )

    @staticmethod
    def picked(choice: gr.SelectData) -> str:
        """chatbot.option_select: the suggested question that was clicked."""
        value = choice.value
        if isinstance(value, dict):
            value = value.get("value") or value.get("label")
        return str(value or "")

    def respond_choice(self, question: str, state: Session | None, plans: Any = None) -> Iterator[tuple]:
        """A clicked suggestion, answered like a typed question; the textbox (which may hold what the
        user is typing) is left alone."""
        for step in self.respond(question, state, plans):
            yield (gr.skip(), *step[1:])

    @staticmethod
    def _answered(session: Session, answer: Answer, shown: str, chat: list[dict[str, Any]]) -> Session:
        """The session once an answer is complete: the answer (its clause markers linked into the
        Plan tab), its sources message, the suggested questions under them, its record."""
        chat[-1] = {"role": "assistant", "content": linked_answer(answer)}
        record = Record.of(answer, answer.question or shown, index=len(chat) - 1)
        if sources := chat_sources_html(answer):
            chat.append({"role": "assistant", "content": sources})
        if answer.suggestions:  # buttons under the last message of the turn (chatbot.option_select)
            chat[-1] = {**chat[-1], "options": [{"label": q, "value": q} for q in answer.suggestions]}
        return session.answered(record, chat)

    def clear(self):
        """Returns (chatbot, sources panel, state, download, feedback status, comment box)."""
        return [], sources_panel_html(None), Session(), None, "", ""

    # ------------------------------------------------------------------ feedback

    def on_like(self, state: Session | None, data: gr.LikeData):
        """chatbot.like: store 👍/👎 for the answer the icon belongs to. Returns (status, state)."""
        session = Session.of(state)
        vote, record = _vote(data.liked), session.record_for(data.index)
        if vote is None or record is None:
            return gr.skip(), state
        try:
            if record.feedback_id is not None:  # a changed mind: the last vote wins, one row per answer
                rid = record.feedback_id
                if not self.feedback.set_vote(rid, vote):
                    rid = None
            else:
                rid = None
            if rid is None:
                rid = self.feedback.add(
                    record.question, record.answer, list(record.citations), vote=vote, intent=record.intent
                )
        except Exception as e:
            return self._feedback_failed(e, "saving a vote"), state
        label = "赞 up" if vote == "up" else "踩 down"
        return say.FEEDBACK_SAVED.format(label=label, id=rid), session.voted(record, rid, vote)

    def submit_comment(self, comment: str, state: Session | None):
        """The comment box: attach the text to the last voted answer. Returns (comment box, status, state)."""
        comment = (comment or "").strip()
        if not comment:
            return "", say.COMMENT_EMPTY, state
        if len(comment) > MAX_COMMENT:  # kept in the box to shorten, not cut and reported as saved
            return comment, say.COMMENT_TOO_LONG.format(n=len(comment), max=MAX_COMMENT), state
        target = Session.of(state).comment_target()
        if target is None or target.feedback_id is None:
            return comment, say.COMMENT_NO_VOTE, state
        try:
            self.feedback.set_comment(target.feedback_id, comment)
        except Exception as e:
            return comment, self._feedback_failed(e, "saving a comment"), state
        return "", say.COMMENT_SAVED.format(id=target.feedback_id), state

    @staticmethod
    def _feedback_failed(e: Exception, doing: str) -> str:
        """The status line for a failed save: the store's own advice, or "internal error" (logged)."""
        if isinstance(e, FeedbackUnavailable):
            log.warning("feedback: %s", e)
            return say.FEEDBACK_FAILED.format(reason=html.escape(str(e)))
        log.error("feedback: %s failed", doing, exc_info=e)
        return say.FEEDBACK_FAILED.format(reason="internal error")

    # ------------------------------------------------------------------ export

    def export_conversation(self, state: Session | None) -> str | None:
        """Write the conversation as Markdown to the session's own temporary folder; returns its path.

        Gradio serves a copy of the file from its cache, named by the content's hash: the copy of
        the previous turn's export is removed here, so a session keeps one copy, not one per turn."""
        session = Session.of(state)
        if not session.records:
            return None
        folder = self._export_root / f"chat-{session.id}"
        try:
            _forget_cached_copy(folder / FILENAME)
            return str(write_conversation(session.records, folder))
        except Exception:
            log.exception("export: writing the conversation failed")
            return None

    def sweep_exports(self, max_age: float) -> int:
        """Remove the export folders of sessions idle for `max_age` seconds (with their cached copies)."""
        cutoff = time.time() - max_age
        removed = 0
        for folder in list(self._export_root.glob("chat-*")):
            try:
                stamp = max(p.stat().st_mtime for p in (folder, *folder.iterdir()))
            except (OSError, ValueError):
                continue
            if stamp < cutoff:
                _forget_cached_copy(folder / FILENAME)
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        return removed
    def export_notice(self, state: Session | None):
        """The export button's click: says so when there is nothing to export (else changes nothing)."""
        if Session.of(state).records:
            return gr.skip()
        gr.Info(say.EXPORT_EMPTY)
        return say.EXPORT_EMPTY

    # ------------------------------------------------------------------ matrix, about

    def filter_matrix(self, agency: str | None, scope: str | None):
        """The matrix tab: (dataframe, message, csv path, xlsx path) — see MatrixTab.filter."""
        return self.matrix_tab.filter(agency, scope)

    def matrix_view(self, agency: str | None, scope: str | None, search: str | None = "", plan: str | None = None):
        """The matrix tab with its search: (dataframe, message, csv, xlsx, list HTML) — MatrixTab.view —
        of the picked plan (default the built-in one)."""
        return self.matrix_for(plan).view(agency, scope, search)

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
            f"模型许可 Model licences: {say.LICENCES}"
        )
