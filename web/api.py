"""The `/chat` API's shapes: reading its `history` argument leniently, writing an Answer as JSON.

Result: {"answer": markdown, "refused": bool, "intent": str, "status": str, "citations": [{clause_id,
path, title, quote, lead, members}]}. `intent` is the kind of question (lead, members, number, …);
`status` is what happened to it (answered | refused | empty | invalid | error, assistant/types.py).
"""

from __future__ import annotations

import json
from typing import Any

from assistant.types import ERROR, Answer, Citation
from web.messages import ERROR_MESSAGE
from web.render import SOURCES_MARK

MAX_HISTORY = 20  # messages passed back to the assistant (follow-ups look a few turns back at most)
MAX_MESSAGE = 5000  # characters kept of each history message
GENERAL = "general"  # the question kind of an answer the app writes itself (error, empty, invalid)


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # Gradio's normalised form: [{"type": "text", "text": ...}]
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    if isinstance(content, dict):
        return str(content.get("text", ""))
    return ""


def parse_history(history: Any) -> list[dict[str, str]]:
    """The API's history argument -> [{"role", "content"}], last MAX_HISTORY messages. Never raises.

    Accepts a list of {"role": "user" | "assistant", "content"} messages, the same as a JSON string,
    or old (user, assistant) pairs; skips other roles, junk and the chat's own sources messages."""
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
                out.append({"role": m["role"], "content": text[:MAX_MESSAGE]})
        elif isinstance(m, list | tuple) and len(m) == 2:  # old (user, assistant) pairs
            pairs = zip(("user", "assistant"), m, strict=True)
            out += [{"role": r, "content": str(t)[:MAX_MESSAGE]} for r, t in pairs if t]
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
        "status": a.status,
        "citations": [citation_dict(c) for c in a.citations],
    }


def error_payload() -> dict[str, Any]:
    """The result when even writing the answer failed."""
    return {"answer": ERROR_MESSAGE, "refused": True, "intent": GENERAL, "status": ERROR, "citations": []}
