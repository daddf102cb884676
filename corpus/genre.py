"""Any work plan of the genre -> Plan tree. The built-in plan keeps its own parser (corpus/parse.py).

Numbering, in either script and bracket width: 一、 (level 1) · （一） (2) · 1. / 1、 / 1． (3) ·
（1） (4). A numbered paragraph opens a node; unnumbered paragraphs continue the node before them; a
responsibility list (corpus/unitlists.py) at the end of a paragraph or on a line of its own belongs to
the node it follows. Nodes with children are headings (level 1: `action`, deeper: `project`), the
others are tasks; （1） sub-points of a task that share one list are folded into the task. Ids follow
the numbering as in the built-in plan: `二.2`, `四.(一).3`, `二.(二).1.(1)`; `序` is everything before
the first heading, `結` the paragraphs after the last task.

A document without readable numbering is still usable: one `section` clause per paragraph group,
with a warning saying so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from corpus.meta import Metadata, find_title, read_metadata
from corpus.parse import ParseError, split_sentences
from corpus.types import Clause, Plan, Units
from corpus.unitlists import split_inline, standalone

_NUM_HAN = "一二三四五六七八九十"
_MARKS = (
    (1, re.compile(rf"^([{_NUM_HAN}]{{1,3}})\s*[、．.]\s*(?P<rest>\S.*)$")),
    (2, re.compile(rf"^[（(]\s*([{_NUM_HAN}]{{1,3}})\s*[）)]\s*(?P<rest>\S.*)$")),
    (3, re.compile(r"^(\d{1,2})\s*[.．、](?!\d)\s*(?P<rest>\S.*)$")),
    (4, re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*(?P<rest>\S.*)$")),
)
PREAMBLE_ID, CLOSING_ID = "序", "結"


@dataclass(frozen=True)
class ParsedPlan:
    plan: Plan
    metadata: Metadata  # as read from the document, before any override
    structured: bool  # False: no numbering was found and the plan is plain sections
    warnings: tuple[str, ...] = ()


@dataclass
class _Part:
    line: int
    text: str  # the paragraph as written
    body: str  # without its responsibility list ("" for a list on its own line)


@dataclass
class _Node:
    level: int
    num: str
    rest: str  # text after the numbering mark on the first line, list removed
    parts: list[_Part]
    units: Units | None = None
    children: list[_Node] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.parts[0].line

    @property
    def token(self) -> str:
        num = unicodedata.normalize("NFKC", self.num)
        return num if self.level in (1, 3) else f"({num})"

    @property
    def bare_heading(self) -> bool:
        """Only a heading so far: no sentence after the title, no paragraph, no units."""
        return len(self.parts) == 1 and self.units is None and not self.rest.rstrip("。").count("。")


def mark_of(line: str) -> tuple[int, str, str] | None:
    """(level, number, text after the mark) for a numbered paragraph."""
    for level, rx in _MARKS:
        if m := rx.match(line):
            return level, m.group(1), m.group("rest")
    return None


def _title(text: str) -> str:
    return text.split("。", 1)[0].strip()


def _clean_lines(text: str) -> list[tuple[int, str]]:
    lines = [(n, ln.strip().strip("\u3000").strip()) for n, ln in enumerate(text.split("\n"), 1)]
    return [(n, ln) for n, ln in lines if ln]


def _build(lines: list[tuple[int, str]], warnings: list[str]) -> tuple[list[_Node], list[tuple[int, str]]]:
    """The node forest and the closing paragraphs."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    closing: list[tuple[int, str]] = []
    last_mark = max(i for i, (_, ln) in enumerate(lines) if mark_of(ln))
    for i, (n, ln) in enumerate(lines):
        if closing:
            closing.append((n, ln))
            continue
        if mark := mark_of(ln):
            level, num, rest = mark
            body, units = split_inline(ln)
            node = _Node(level, num, split_inline(rest)[0], [_Part(n, ln, body)], units)
            while stack and stack[-1].level >= level:
                stack.pop()
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
            continue
        cur = stack[-1]
        if (units := standalone(ln)) is not None:
            if cur.units is not None:
                warnings.append(f"line {n}: a second responsibility list for one task; kept as text")
                cur.parts.append(_Part(n, ln, ln))
            else:
                cur.units = units
                cur.parts.append(_Part(n, ln, ""))
        elif i > last_mark and not cur.bare_heading and not cur.children:
            closing.append((n, ln))
        else:
            body, units = split_inline(ln)
            if units is not None and cur.units is None:
                cur.units = units
            else:
                body = ln
            cur.parts.append(_Part(n, ln, body))
    return roots, closing


def _fold_subpoints(node: _Node) -> None:
    """（1）（2）… under a task with one list between them are parts of the task, not tasks."""
    for child in node.children:
        _fold_subpoints(child)
    kids = node.children
    if (
        kids
        and node.level >= 2
        and all(k.level == 4 and not k.children for k in kids)
        and not any(k.units for k in kids[:-1])
        and not (node.units and kids[-1].units)
    ):
        for k in kids:
            node.parts += k.parts
        node.units = node.units or kids[-1].units
        node.children = []


def _heading(node: _Node) -> str:
    first = node.parts[0].body
    return _title(first).rstrip("：:") or first


def _clauses(node: _Node, ids: tuple[str, ...], path: tuple[str, ...], seen: set[str],
             warnings: list[str]) -> list[Clause]:
    cid = ".".join(ids + (node.token,))
    if cid in seen:
        n = 2
        while f"{cid}~{n}" in seen:
            n += 1
        warnings.append(f"line {node.line}: the number {node.token} repeats under the same heading; id {cid}~{n}")
        cid = f"{cid}~{n}"
    seen.add(cid)
    text = "\n".join(p.text for p in node.parts)
    body = " ".join(p.body for p in node.parts if p.body)
    heading = _heading(node)
    title = _title(node.rest) or heading
    if node.children:
        kind = "project" if ids else "action"
        own = path + (heading,)
        out = [Clause(cid, kind, own, title, text, split_sentences(body), node.units, node.line)]
        for child in node.children:
            out += _clauses(child, ids + (node.token,), own, seen, warnings)
        return out
    return [Clause(cid, "task", path or (heading,), title, text, split_sentences(body), node.units, node.line)]


def _sections(text: str, meta: Metadata, warnings: list[str]) -> list[Clause]:
    """No numbering: one clause per paragraph group (blank-line separated, else per paragraph)."""
    blocks: list[tuple[int, list[str]]] = []
    start, cur = 0, []
    for n, ln in enumerate(text.split("\n"), 1):
        s = ln.strip().strip("\u3000").strip()
        if s:
            if not cur:
                start = n
            cur.append(s)
        elif cur:
            blocks.append((start, cur))
            cur = []
    if cur:
        blocks.append((start, cur))
    if len(blocks) == 1:
        blocks = [(start + i, [ln]) for i, ln in enumerate(blocks[0][1])]
    clauses: list[Clause] = []
    for start, lines in blocks:
        if len(lines) == 1 and lines[0] in (meta.title, meta.date, meta.issuer):
            continue
        units = next((u for ln in lines if (u := standalone(ln) or split_inline(ln)[1])), None)
        body = " ".join(split_inline(ln)[0] for ln in lines if not standalone(ln))
        cid = str(len(clauses) + 1)
        title = _title(body)[:40]
        clauses.append(Clause(cid, "section", (meta.title or "正文",), title, "\n".join(lines),
                              split_sentences(body), units, start))
    warnings.append(
        f"no numbering (一、/（一）/1./（1）) found: imported as {len(clauses)} plain section(s), one per "
        "paragraph group; answers will cite sections, not tasks, and responsibility is read only where a "
        "section carries a 责任单位 list."
    )
    return clauses


def parse_genre(text: str, *, key: str = "", title: str | None = None, year: int | None = None,
                issuer: str | None = None) -> ParsedPlan:
    """Parse clean plan text; metadata from the document unless given. Raises ParseError when empty."""
    lines = _clean_lines(text)
    if not lines:
        raise ParseError("the plan text is empty")
    warnings: list[str] = []
    han = sum("\u3400" <= ch <= "\u9fff" for ch in text)
    if han < 0.2 * len(re.sub(r"\s", "", text)):
        warnings.append("the text has few Chinese characters: is this a Chinese work plan?")
    marked = [(i, lvl) for i, (_, ln) in enumerate(lines) if (m := mark_of(ln)) and (lvl := m[0])]
    if not marked:
        head = [ln for _, ln in lines[:8]]
        found = read_metadata(head, [ln for _, ln in lines[-3:]], find_title(head))
        meta = found.overridden(title, year, issuer)
        clauses = _sections(text, meta, warnings)
        if not clauses:
            raise ParseError("no paragraph of text besides a title: there is nothing to ask about")
        plan = Plan(meta.title, meta.issuer, meta.date, meta.addressee, tuple(clauses), key=key, year=meta.year)
        return ParsedPlan(plan, found, False, tuple(warnings))

    top = min(lvl for _, lvl in marked)
    first = next(i for i, lvl in marked if lvl == top)
    head, rest = lines[:first], lines[first:]
    roots, closing = _build(rest, warnings)
    for r in roots:
        _fold_subpoints(r)
    found = read_metadata([ln for _, ln in head], [ln for _, ln in closing[-3:]] or [ln for _, ln in rest[-2:]])
    meta = found.overridden(title, year, issuer)
    clauses: list[Clause] = []
    if head:
        clauses.append(Clause(PREAMBLE_ID, "preamble", (meta.title or head[0][1],), meta.title or head[0][1],
                              "\n".join(ln for _, ln in head), split_sentences(" ".join(ln for _, ln in head)),
                              None, head[0][0]))
    seen: set[str] = set()
    for r in roots:
        clauses += _clauses(r, (), (), seen, warnings)
    if closing:
        body = " ".join(ln for _, ln in closing)
        clauses.append(Clause(CLOSING_ID, "closing", ("結語",), _title(closing[0][1]), "\n".join(ln for _, ln in closing),
                              split_sentences(body), None, closing[0][0]))
    tasks = [c for c in clauses if c.kind == "task"]
    no_units = [c.id for c in tasks if c.units is None]
    if no_units:
        warnings.append(f"{len(no_units)} of {len(tasks)} task(s) name no responsible unit: {', '.join(no_units)}")
    if not meta.title:
        warnings.append("no title found in the document: give one with --title")
    plan = Plan(meta.title, meta.issuer, meta.date, meta.addressee, tuple(clauses), key=key, year=meta.year)
    return ParsedPlan(plan, found, True, tuple(warnings))
