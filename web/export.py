"""The conversation as Markdown: every question, its answer and the clauses it cites."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from web.session import Record

FILENAME = "planqa-conversation.md"


def _citation_lines(c: dict) -> list[str]:
    units = f"牵头：{c['lead']}" if c.get("lead") else ""
    if c.get("members"):
        units += f"；配合：{'、'.join(c['members'])}"
    lines = [f"- [{c['clause_id']}] {' › '.join(c['path'])} › {c['title']}" + (f" — {units}" if units else "")]
    if c.get("quote"):
        lines.append(f"  > {c['quote']}")
    return lines


def conversation_markdown(records: Iterable[Record]) -> str:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    lines = ["# PlanQA 对话记录 / Conversation", "", f"《2025年數字福建工作要點》 · exported {now}", ""]
    for i, r in enumerate(records, 1):
        lines += [f"## 问 {i}：{r.question}", "", r.answer.strip(), ""]
        if r.citations:
            lines += ["**引用条款 Sources**", ""]
            for c in r.citations:
                lines += _citation_lines(c)
            lines.append("")
    return "\n".join(lines)


def write_conversation(records: Iterable[Record], folder: Path) -> Path:
    """Write the Markdown to <folder>/planqa-conversation.md (the folder is made if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILENAME
    path.write_text(conversation_markdown(records), encoding="utf-8")
    return path
