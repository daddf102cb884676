"""Clean plan text -> Plan tree with stable clause ids that follow the document's own numbering.

Ids: 序 (cover letter, title and general requirements), 一 … 五 (行動; 一 is also a task, since
行動一 has its own 責任單位), 四.(一) (工程), 二.2 / 四.(一).3 (任務), 結 (closing paragraph).
"""

from __future__ import annotations

import re

from corpus.types import Clause, Plan, Unit, Units
from corpus.unitlists import split_top

_ACTION = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
_PROJECT = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)](.+)$")
_TASK = re.compile(r"^(\d+)[.．、](.+)$")
_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
# The units list closes a task: (責任單位:…) or 〔責任單位：…〕, brackets in any width.
_UNITS = re.compile(r"[（(〔]責任單位[:：](?P<body>.*)[）)〕]\s*$")
_OTHERS = "等省直有關單位"
_PREFIXES = ("省委", "省")


class ParseError(ValueError):
    pass


def split_sentences(text: str) -> tuple[str, ...]:
    """Sentences end at 。！？; ； keeps clauses of one sentence together."""
    parts = re.findall(r"[^。！？!?]+[。！？!?]?", text)
    return tuple(p.strip() for p in parts if p.strip())


def parse_units(body: str) -> Units:
    """Parse the inside of a 責任單位 list.

    Groups are separated by `,`/`，`, units inside a group by `、`. A group's leading prefix
    (省, 省委) carries to later units of the group that lack one: 省發改委、數據管理局 -> 省數據管理局.
    """
    units: list[Unit] = []
    others = False
    for group in split_top(body, ",，"):
        prefix = ""
        for i, item in enumerate(split_top(group, "、")):
            if item.endswith(_OTHERS):
                others = True
                item = item[: -len(_OTHERS)]
            m = re.match(r"^(.*?)([（(].*[)）])?$", item)
            written, note = (m.group(1), m.group(2) or "") if m else (item, "")
            if i == 0:
                prefix = next((p for p in _PREFIXES if written.startswith(p)), "")
            name = written if written.startswith(_PREFIXES) or not prefix else prefix + written
            units.append(Unit(name=name, written=written, note=note))
    return Units(raw=body, units=tuple(units), others=others)


def _title(text: str) -> str:
    return text.split("。", 1)[0].strip()


def _task(cid: str, path: tuple[str, ...], text: str, line: int) -> Clause:
    m = _UNITS.search(text)
    units = parse_units(m.group("body")) if m else None
    body = text[: m.start()] if m else text
    numbered = _TASK.match(body)
    return Clause(
        id=cid,
        kind="task",
        path=path,
        title=_title(numbered.group(2) if numbered else body),
        text=text,
        sentences=split_sentences(body),
        units=units,
        line=line,
    )


def parse_plan(text: str) -> Plan:
    # One pass over the lines keeps the heading path as state; split up, that state would have to
    # travel between helpers, so this stays one function of a little over 60 lines.
    lines = [(n, ln.strip().lstrip("\u3000").strip()) for n, ln in enumerate(text.split("\n"), 1)]
    lines = [(n, ln) for n, ln in lines if ln]
    if not lines:
        raise ParseError("the plan text is empty")

    # The title is the first line repeated inside a 《…》 of the cover letter, or else the first
    # line that stands alone before the first 行動.
    first_action = next((i for i, (_, ln) in enumerate(lines) if _ACTION.match(ln)), None)
    if first_action is None:
        raise ParseError("no 行動 heading (一、…) found: is this a work plan?")
    head = lines[:first_action]
    quoted = re.search(r"《([^》]+)》", " ".join(ln for _, ln in head))
    title_idx = next(
        (i for i, (_, ln) in enumerate(head) if quoted and ln == quoted.group(1)),
        None,
    )
    title = quoted.group(1) if quoted else head[0][1]
    cover = head[:title_idx] if title_idx is not None else []
    date = next((ln for _, ln in cover if _DATE.match(ln)), "")
    addressee = cover[0][1].rstrip(":：") if cover and cover[0][1].endswith((":", "：")) else ""
    issuer_line = next((ln for _, ln in cover[1:] if not _DATE.match(ln) and len(ln) <= 30), "")
    preamble_text = "\n".join(ln for _, ln in head)
    clauses: list[Clause] = [
        Clause(
            id="序",
            kind="preamble",
            path=(title,),
            title=title,
            text=preamble_text,
            # line by line, without the cover letter's signature, date and title lines (short, no 。 of
            # their own): they are the document's facts, not something the plan says
            sentences=tuple(
                s for _, ln in head for s in split_sentences(ln) if len(s) > 30 or s.endswith(("。", "！", "？"))
            ),
            line=head[0][0],
        )
    ]

    action: tuple[str, str] | None = None  # (numeral, heading)
    project: tuple[str, str] | None = None
    seen_task = False
    for n, ln in lines[first_action:]:
        if m := _ACTION.match(ln):
            action, project, seen_task = (m.group(1), ln), None, False
            clauses.append(Clause(m.group(1), "action", (ln,), m.group(2), ln, (), None, n))
        elif (m := _PROJECT.match(ln)) and action:
            project, seen_task = (m.group(1), ln), False
            cid = f"{action[0]}.({m.group(1)})"
            clauses.append(Clause(cid, "project", (action[1], ln), m.group(2), ln, (), None, n))
        elif (m := _TASK.match(ln)) and action:
            seen_task = True
            path = (action[1],) + ((project[1],) if project else ())
            parent = action[0] + (f".({project[0]})" if project else "")
            clauses.append(_task(f"{parent}.{m.group(1)}", path, ln, n))
        elif action and _UNITS.search(ln) and not seen_task:
            # A 行動 with no numbered tasks is itself one task (行動一).
            seen_task = True
            heading = next(c for c in clauses if c.id == action[0])
            clauses[clauses.index(heading)] = _task(action[0], (action[1],), ln, n)
        elif action and seen_task and not _UNITS.search(ln) and action[0] == _last_action(lines):
            clauses.append(Clause("結", "closing", ("結語",), _title(ln), ln, split_sentences(ln), None, n))
        else:
            raise ParseError(f"line {n}: cannot place this paragraph in the plan: {ln[:40]}…")
    issuer = issuer_line or next((ln for _, ln in cover if ln.endswith("領導小組")), "")
    return Plan(title=title, issuer=issuer, date=date, addressee=addressee, clauses=tuple(clauses))


def _last_action(lines: list[tuple[int, str]]) -> str:
    return [m.group(1) for _, ln in lines if (m := _ACTION.match(ln))][-1]
