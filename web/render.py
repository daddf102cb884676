"""HTML for the chat, the sources panel and the Plan tab, from the Jinja2 templates in web/templates.

Autoescaping is on for every template: any text from the plan, a question or a citation is escaped;
the only markup is the templates' own. Each render is one line (see `_OneLineLoader`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from assistant.types import Answer, Citation
from corpus.types import Plan

HERE = Path(__file__).parent
SOURCES_MARK = '<div class="planqa-sources">'  # starts the chat message that lists an answer's clauses
# Chat messages get no component CSS: these classes are styled inline there.
CHAT_STYLES = {
    "planqa-cite": "border-left: 3px solid #f59e0b; padding: 2px 0 2px 10px; margin: 6px 0;",
    "planqa-path": "color: var(--body-text-color-subdued); font-size: 0.9em;",
    "planqa-units": "font-size: 0.92em; margin-top: 4px;",
    "planqa-lead": "font-weight: 700; color: #b45309;",
    "planqa-plan-name": "font-size: 0.9em; font-weight: 600;",
}
_SENTENCE_END = re.compile(r"(?<=[。；;！？!?])")
# A clause marker in an answer: [二.2], [四.(一).3], [結], or qualified by plan with several plans
# served ([2025数字青岚·二.2]); only ids the answer cites or lists become links.
LINK_TITLE = "在全文中查看，依据："  # a citation link's title: this, then the supporting sentence
_MARKER = re.compile(r"\[([^\[\]\s]{1,80})\]")


def asset(name: str) -> str:
    """A stylesheet or script from web/assets (for gr.HTML css_template / js_on_load)."""
    return (HERE / "assets" / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------- highlighting


@dataclass(frozen=True)
class Highlight:
    parts: tuple[tuple[str, bool], ...]  # the clause text in pieces: (text, is it quoted?)
    unplaced: str = ""  # a quote not found in the text, shown (marked) before it


def highlight(text: str, quote: str) -> Highlight:
    """The clause text with the sentences of `quote` found in it marked (first place, no overlaps)."""
    spans: list[tuple[int, int]] = []
    for piece in _SENTENCE_END.split(quote or ""):
        piece = piece.strip()
        if len(piece) < 2:
            continue
        start = text.find(piece)
        if start >= 0 and not any(s < start + len(piece) and start < e for s, e in spans):
            spans.append((start, start + len(piece)))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and not text[merged[-1][1] : s].strip():  # consecutive quoted sentences: one mark
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    parts: list[tuple[str, bool]] = []
    pos = 0
    for s, e in merged:
        parts += [(text[pos:s], False), (text[s:e], True)]
        pos = e
    parts.append((text[pos:], False))
    quote = quote or ""
    unplaced = quote if not spans and quote.strip() and quote.strip() != text.strip() else ""
    return Highlight(tuple(parts), unplaced)


# ---------------------------------------------------------------------- templates


class _OneLineLoader(FileSystemLoader):
    """Templates are written indented over several lines; this joins the lines of each template's
    *source* (never of the values put into it), so every render is one line. Chat messages are read
    as Markdown, where a line break or an indent inside HTML would end the block or start code."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        return "".join(line.strip() for line in source.splitlines()), filename, uptodate


@cache
def _env() -> Environment:
    env = Environment(loader=_OneLineLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined)
    env.globals.update(chat_styles=CHAT_STYLES, highlight=highlight)
    return env


def _render(name: str, **values) -> str:
    return str(_env().get_template(name).render(**values))


def citation_html(c: Citation, *, opened: bool = False, goto: bool = False, inline: bool = False) -> str:
    """One cited clause as a collapsible <details> block (`inline`: styled for a chat message)."""
    macros = _env().get_template("_macros.html").module
    return str(macros.citation(c, opened=opened, goto=goto, inline=inline))


def chat_sources_html(answer: Answer) -> str:
    """The chat message under an answer: its cited clauses, collapsed ("" if it cites none)."""
    if not answer.citations:
        return ""
    return _render("chat_sources.html", answer=answer, mark=Markup(SOURCES_MARK))


def sources_panel_html(answer: Answer | None, question: str = "") -> str:
    """The side panel for the current answer (`question`: the form to show, else the answer's)."""
    return _render("sources_panel.html", answer=answer, question=question)


def linked_answer(answer: Answer) -> str:
    """The answer's Markdown with each clause marker it cites ([二.2]) as a link into the Plan tab.

    The link carries the clause id and the supporting sentence (web/assets/app.js opens the Plan tab
    at the clause and highlights that sentence). The chatbot's sanitiser drops data-* attributes, so
    app.js reads the id from the href and the sentence from the title (shown on hover too). Markers of clauses the answer neither cites nor lists
    as related stay plain text."""
    quotes: dict[str, str] = {}
    for c in (*answer.citations, *answer.related):
        quotes.setdefault(c.clause_id, c.quote)

    def link(m: re.Match) -> str:
        cid = m.group(1)
        if cid not in quotes:
            return m.group(0)
        return str(
            Markup(
                '<a class="planqa-cite-link" href="#clause-{0}" data-clause="{0}" data-quote="{1}" '
                'title="{2}{1}">[{0}]</a>'
            ).format(cid, quotes[cid], LINK_TITLE)
        )

    return _MARKER.sub(link, answer.answer) if quotes else answer.answer


def matrix_list_html(rows: list[tuple[str, str, str, list[str]]], message: str = "") -> str:
    """The matrix as a list for narrow screens: each task, its lead, its members."""
    return _render("matrix_list.html", rows=rows, message=message)


def plan_html(plan: Plan) -> str:
    """The whole repaired plan: 行動 → 工程 → 任務 as nested <details>, anchors id="clause-<id>"."""
    return _render("plan.html", plan=plan)


def plans_html(plans: list[tuple[str, str, Plan, bool]], shown: str | None = None) -> str:
    """Several plans, (key, label, plan with its key set, built-in?) each, behind a picker; `shown`
    (default the first) is the one visible. Anchors carry qualified ids, as the citations do."""
    if not plans:
        return ""
    shown = shown if any(k == shown for k, *_ in plans) else plans[0][0]
    return _render("plans.html", plans=plans, shown=shown)
