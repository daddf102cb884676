"""The per-session state the chat keeps in gr.State: the messages shown, the history handed back to
the assistant, and one Record per answered question (for feedback and export).

Frozen: a handler returns a new Session rather than changing the one Gradio handed it.
"""

from __future__ import annotations

import bisect
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.types import Answer
from web.api import MAX_HISTORY, citation_dict


class _ByKey:
    """Read access by key (`session["records"]`) as well as by attribute, for callers written against
    the dict this state used to be (tests/test_reliability.py reads it so)."""

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)


@dataclass(frozen=True)
class Record(_ByKey):
    """One answered question, as shown."""

    question: str
    answer: str  # markdown
    intent: str
    status: str
    refused: bool
    citations: tuple[dict[str, Any], ...]  # as the /chat API gives them (web.api.citation_dict)
    index: int  # position of the answer in the chat
    feedback_id: int | None = None  # the stored vote, once the user gave one
    vote: str | None = None  # up | down

    @classmethod
    def of(cls, answer: Answer, question: str, index: int) -> Record:
        return cls(
            question=question,
            answer=answer.answer,
            intent=answer.intent,
            status=answer.status,
            refused=answer.refused,
            citations=tuple(citation_dict(c) for c in answer.citations),
            index=index,
        )


@dataclass(frozen=True)
class Session(_ByKey):
    chat: tuple[dict[str, Any], ...] = ()  # the chatbot's messages
    history: tuple[dict[str, str], ...] = ()  # user/assistant turns for follow-ups, last MAX_HISTORY
    records: tuple[Record, ...] = ()
    last_voted: int | None = None  # chat index of the answer voted on last (a comment goes to it)
    id: str = field(default_factory=lambda: uuid.uuid4().hex)  # names the session's export folder

    @classmethod
    def of(cls, state: Any) -> Session:
        """The session Gradio handed back (None before the first question)."""
        return state if isinstance(state, Session) else cls()

    def answered(self, record: Record, chat: list[dict[str, Any]]) -> Session:
        turn = ({"role": "user", "content": record.question}, {"role": "assistant", "content": record.answer})
        return replace(
            self,
            chat=tuple(chat),
            history=(self.history + turn)[-MAX_HISTORY:],
            records=(*self.records, record),
        )

    def record_for(self, index: Any) -> Record | None:
        """The record of the answer a chat message belongs to (the last one if the index is unknown)."""
        if isinstance(index, list | tuple):
            index = index[0] if index else None
        if not isinstance(index, int):
            return self.records[-1] if self.records else None
        at = bisect.bisect_right([r.index for r in self.records], index)
        return self.records[at - 1] if at else None

    def voted(self, record: Record, feedback_id: int, vote: str) -> Session:
        records = tuple(replace(r, feedback_id=feedback_id, vote=vote) if r is record else r for r in self.records)
        return replace(self, records=records, last_voted=record.index)

    def comment_target(self) -> Record | None:
        """The answer a comment is about: the one voted on last, else the last voted one."""
        voted = [r for r in self.records if r.feedback_id]
        if not voted:
            return None
        return next((r for r in voted if r.index == self.last_voted), voted[-1])
