"""Recent conversations kept in the browser (gr.BrowserState, localStorage) and restored after a
reload. A mixin of `Handlers`: it uses the handlers' plan, settings, `_answered` and export."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

import gradio as gr

from assistant.types import Answer, Citation
from web import messages as say
from web.api import GENERAL
from web.render import sources_panel_html
from web.session import Session

RECENT_KEEP = 10  # conversations kept in the browser (gr.BrowserState, localStorage)
RECENT_TURNS = 20  # turns kept of each


class RecentConversations:

    def remember(self, state: Session | None, recent: Any):
        """After an answer: the conversation saved into the browser's list (newest first, RECENT_KEEP
        kept). Returns (browser state, the recent-conversations dropdown)."""
        session = Session.of(state)
        saved = [e for e in _recent_list(recent) if e.get("id") != session.id]
        if session.records:
            turns = [
                {
                    "q": r.question,
                    "a": r.answer,
                    "intent": r.intent,
                    "status": r.status,
                    "refused": r.refused,
                    "cites": [[c["clause_id"], c.get("quote", "")] for c in r.citations],
                    "suggestions": list(r.suggestions),
                }
                for r in session.records[-RECENT_TURNS:]
            ]
            entry = {"id": session.id, "title": session.records[0].question[:40], "saved": _now(), "turns": turns}
            saved = [entry, *saved][:RECENT_KEEP]
        return saved, gr.update(choices=_recent_choices(saved), value=None)

    def recent_choices(self, recent: Any):
        """On page load: the dropdown of conversations kept in this browser."""
        return gr.update(choices=_recent_choices(_recent_list(recent)), value=None)

    def restore(self, conversation_id: Any, recent: Any):
        """Bring back a conversation kept in the browser. The clauses are re-read from the plan by id
        (nothing the browser sends is shown as HTML). Returns (chatbot, sources panel, state,
        download, status)."""
        entry = next((e for e in _recent_list(recent) if e.get("id") == conversation_id), None)
        if entry is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), say.RESTORE_NONE
        session, chat, answer = Session(id=str(entry["id"])[:64]), [], None
        for turn in entry.get("turns", [])[:RECENT_TURNS]:
            if not isinstance(turn, dict) or not str(turn.get("q", "")).strip():
                continue
            answer = self._saved_answer(turn)
            chat += [
                {"role": "user", "content": html.escape(answer.question)},
                {"role": "assistant", "content": ""},
            ]
            session = self._answered(session, answer, answer.question, chat)
            chat = list(session.chat)
        if answer is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), say.RESTORE_NONE
        title = html.escape(str(entry.get("title", ""))[:40])
        return (
            list(session.chat),
            sources_panel_html(answer),
            session,
            self.export_conversation(session),
            say.RESTORED.format(title=title),
        )

    def _saved_answer(self, turn: dict) -> Answer:
        cites = []
        for item in turn.get("cites", [])[:50]:
            if isinstance(item, list | tuple) and item and (clause := self.plan.get(str(item[0]))) is not None:
                quote = str(item[1])[:2000] if len(item) > 1 else ""
                cites.append(Citation.from_clause(clause, quote))
        suggestions = turn.get("suggestions") or []
        return Answer(
            question=str(turn["q"])[: self.settings.max_question_chars],
            answer=str(turn.get("a", ""))[:20_000],
            intent=str(turn.get("intent", GENERAL))[:40],
            refused=bool(turn.get("refused")),
            citations=tuple(cites),
            status=str(turn.get("status", ""))[:40] or "answered",
            suggestions=tuple(str(q)[:200] for q in suggestions[:8] if isinstance(q, str)),
        )


def _now() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M")


def _recent_list(recent: Any) -> list[dict]:
    """The browser's saved conversations, whatever shape came back (junk counts as none)."""
    if not isinstance(recent, list):
        return []
    return [e for e in recent if isinstance(e, dict) and isinstance(e.get("turns"), list) and e.get("id")]


def _recent_choices(saved: list[dict]) -> list[tuple[str, str]]:
    return [
        (f"{e.get('saved', '')} · {str(e.get('title', ''))[:40]}（{len(e['turns'])} 问）", str(e["id"])) for e in saved
    ]
