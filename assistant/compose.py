"""Build the answer text and its citations from the Plan and retrieval hits (no LLM).

Every answer is composed from parsed facts (units lists, the plan tree, the preamble) or quotes
sentences of retrieved clauses; labels follow the asker's language and script, plan text is
converted only for simplified-script askers (citations keep the clause as written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.types import Citation
from corpus.responsibility import role_of
from corpus.script import to_simplified, to_traditional
from corpus.settings import ROOT
from corpus.types import PLACE_SEPARATOR, Clause, Plan

NOT_FOUND_ZH = (ROOT / "prompts/not_found.txt").read_text(encoding="utf-8").strip()

# Labels are written once in simplified Chinese and English; traditional is converted from them.
_LABELS: dict[str, tuple[str, str]] = {
    "lead": ("“{task}”由**{lead}**牵头。", "**{lead}** leads “{task}”."),
    "convention": (
        "（责任单位中列第一位的为牵头单位，这是此类工作要点的惯例。）",
        "(By convention the first unit in the 責任單位 list leads.)",
    ),
    "members": ("配合单位：{units}。", "Other units: {units}."),
    "no_members": ("该任务未列出其他配合单位。", "No other units are listed."),
    "others": ("以及其他省直有关单位（等省直有关单位）", "and other provincial units (等省直有關單位)"),
    "all_units": ("“{task}”的责任单位（共{n}个）：{units}。", "Units responsible for “{task}” ({n}): {units}."),
    "lead_mark": ("（牵头）", " (lead)"),
    "member_mark": ("（参与）", " (member)"),
    "agency_both": (
        "{agency}在工作要点中牵头{lead}项任务、参与{member}项任务，共{total}项：",
        "{agency} leads {lead} task(s) and takes part in {member}, {total} in all:",
    ),
    "agency_lead": ("{agency}牵头{n}项任务：", "{agency} leads {n} task(s):"),
    "agency_member": ("{agency}参与（不牵头）{n}项任务：", "{agency} takes part in (does not lead) {n} task(s):"),
    "agency_none": ("工作要点中没有{agency}{what}的任务。", "The plan lists no task that {agency} {what}."),
    "what_lead": ("牵头", "leads"),
    "what_member": ("参与", "joins"),
    "what_any": ("负责", "is named in"),
    "unknown_agency": ("工作要点中没有名为“{name}”的责任单位。", "The plan names no unit called “{name}”."),
    "suggest": ("相近的名称：{names}。", "Closest names: {names}."),
    "not_found": (NOT_FOUND_ZH, "The work plan does not cover this."),
    "related": (
        "相关条款（仅供参考，并不回答该问题）：",
        "Related clauses (for reference only; they do not answer the question):",
    ),
    "actions": ("工作要点部署了五大行动：", "The plan sets out five actions:"),
    "projects": ("{action}下设{n}项工程：", "{action} has {n} projects:"),
    "no_projects": ("{action}没有下设工程，直接部署了{n}项任务：", "{action} has no projects; it sets {n} task(s):"),
    "tasks": ("{parent}包括{n}项任务：", "{parent} has {n} task(s):"),
    "parent": ("“{task}”属于{path}。", "“{task}” belongs to {path}."),
    "lead_of": ("牵头：", "lead: "),
    "issuer": ("印发单位：{v}。", "Issued by: {v}."),
    "date": ("印发日期：{v}。", "Issued on: {v}."),
    "title": ("文件标题：《{v}》。", "Title: 《{v}》."),
    "addressee": ("发送对象：{v}。", "Sent to: {v}."),
    "not_stated": ("工作要点没有写明{what}。", "The work plan does not state {what}."),
    "topic_clause": ("相关条款（涉及这一话题，但没有写明所问内容）：", "The clause on this topic (it does not state what was asked):"),
    "quote": ("工作要点的表述：", "The plan says:"),
    "general": ("工作要点中的相关内容：", "What the plan says:"),
    "source": ("来源", "Source"),
    "empty": ("请输入一个问题。", "Please type a question."),
    "truncated": ("问题过长，已按前{n}个字回答。", "The question was long; it was answered on its first {n} characters."),
    "no_context": (
        "没有找到上一轮对话所指的条款，请把问题说完整。",
        "There is no earlier answer to refer back to; please ask the full question.",
    ),
}
_SEP = {"zh": "、", "en": ", "}


@dataclass
class Style:
    """How to render: language (zh | en) and script (simplified | traditional | neutral)."""

    language: str = "zh"
    script: str = "simplified"

    def t(self, key: str, **kw: object) -> str:
        zh, en = _LABELS[key]
        if self.language == "en":
            return en.format(**kw)
        text = zh.format(**kw)
        return to_traditional(text) if self.script == "traditional" else text

    def p(self, text: str) -> str:
        """Plan text (names, titles, sentences) for display in the answer body."""
        return to_simplified(text) if self.language == "zh" and self.script == "simplified" else text

    def join(self, items: list[str]) -> str:
        return _SEP[self.language].join(items)


@dataclass
class Draft:
    parts: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    related: list[Citation] = field(default_factory=list)
    refused: bool = False
    not_stated: bool = False  # the topic is in the plan, the detail asked for is not
    agency: str | None = None


citation = Citation.from_clause


_UNITS_TEXT = re.compile(r"[（(〔]責任單位[:：].*[）)〕]\s*$")


def units_quote(clause: Clause) -> str:
    m = _UNITS_TEXT.search(clause.text)
    return m.group(0) if m else clause.title


def ref(clause: Clause) -> str:
    return f"[{clause.id}]"


def unit_list(clause: Clause, style: Style, mark_lead: bool = False, skip_lead: bool = False) -> str:
    units = clause.units
    if not units:
        return ""
    names = [
        style.p(u.name) + (style.t("lead_mark") if mark_lead and i == 0 else "")
        for i, u in enumerate(units.units)
        if not (skip_lead and i == 0)
    ]
    text = style.join(names)
    if units.others:  # a flag, not a unit: it reads after the list, not as one more item
        text += ("，" if style.language == "zh" else ", ") + style.t("others")
    return text


# ------------------------------------------------------------------ answers from parsed facts


def lead_answer(clause: Clause, style: Style) -> Draft:
    units = clause.units
    assert units and units.lead
    d = Draft(agency=units.lead.name)
    d.parts.append(style.t("lead", task=style.p(clause.title), lead=style.p(units.lead.name)) + " " + ref(clause))
    d.parts.append(style.t("convention"))
    if units.members or units.others:
        d.parts.append(style.t("members", units=unit_list(clause, style, skip_lead=True)))
    else:
        d.parts.append(style.t("no_members"))
    d.citations.append(citation(clause, units_quote(clause)))
    return d


def members_answer(clause: Clause, style: Style) -> Draft:
    units = clause.units
    assert units and units.lead
    d = Draft(agency=units.lead.name)
    d.parts.append(
        style.t("all_units", task=style.p(clause.title), n=len(units.units), units=unit_list(clause, style, True))
        + " "
        + ref(clause)
    )
    d.parts.append(style.t("convention"))
    d.citations.append(citation(clause, units_quote(clause)))
    return d


def agency_answer(plan: Plan, agency: str, role: str, style: Style) -> Draft:
    d = Draft(agency=agency)
    rows = [(c, r) for c in plan.tasks if (r := role_of(c, agency)) and (not role or r == role)]
    name = style.p(agency)
    if not rows:
        what = {"lead": "what_lead", "member": "what_member"}.get(role, "what_any")
        d.parts.append(style.t("agency_none", agency=name, what=style.t(what)))
        d.refused = True
        return d
    n_lead = sum(r == "lead" for _, r in rows)
    if role == "lead":
        d.parts.append(style.t("agency_lead", agency=name, n=n_lead))
    elif role == "member":
        d.parts.append(style.t("agency_member", agency=name, n=len(rows)))
    else:
        d.parts.append(style.t("agency_both", agency=name, lead=n_lead, member=len(rows) - n_lead, total=len(rows)))
    items = []
    for c, r in rows:
        mark = style.t("lead_mark" if r == "lead" else "member_mark")
        items.append(f"- {ref(c)} {style.p(c.title)}{mark}")
        d.citations.append(citation(c, units_quote(c), role=r))
    d.parts.append("\n".join(items))
    return d


def unknown_agency_answer(name: str, suggestions: list[str], style: Style) -> Draft:
    d = Draft(refused=True)
    d.parts.append(style.t("unknown_agency", name=name))
    if suggestions:
        d.parts.append(style.t("suggest", names=style.join([style.p(s) for s in suggestions])))
    return d


def document_answer(plan: Plan, fields: list[str], style: Style) -> Draft:
    d = Draft()
    values = {"issuer": plan.issuer, "date": plan.date, "title": plan.title, "addressee": plan.addressee}
    preamble = plan.get("序")
    quotes = []
    for f in fields:
        if values.get(f):
            d.parts.append(style.t(f, v=style.p(values[f])) + " [序]")
            quotes.append(values[f])
    if preamble:
        d.citations.append(citation(preamble, "；".join(quotes)))
    return d


def _action_heading(plan: Plan, numeral: str) -> str:
    c = plan.get(numeral)
    return c.path[0] if c else numeral


def actions_answer(plan: Plan, style: Style) -> Draft:
    d = Draft()
    d.parts.append(style.t("actions"))
    items = []
    for c in plan.actions:
        items.append(f"- {ref(c)} {style.p(c.path[0])}")
        d.citations.append(citation(c, c.path[0]))
    d.parts.append("\n".join(items))
    return d


def projects_answer(plan: Plan, action_id: str, style: Style) -> Draft:
    d = Draft()
    heading = style.p(_action_heading(plan, action_id))
    projects = plan.children(action_id, "project")
    if not projects:
        tasks = plan.children(action_id, "task") or [c for c in [plan.get(action_id)] if c and c.kind == "task"]
        d.parts.append(style.t("no_projects", action=heading, n=len(tasks)))
        listing = tasks
    else:
        d.parts.append(style.t("projects", action=heading, n=len(projects)))
        listing = projects
    d.parts.append("\n".join(f"- {ref(c)} {style.p(c.path[-1] if c.kind == 'project' else c.title)}" for c in listing))
    d.citations += [citation(c, c.path[-1] if c.kind == "project" else c.title) for c in listing]
    return d


def tasks_answer(plan: Plan, parent: Clause, style: Style) -> Draft:
    d = Draft()
    tasks = plan.children(parent.id, "task")
    if not tasks and parent.kind == "action":
        # 行動四's tasks sit under its 工程.
        tasks = [c for c in plan.tasks if c.id.split(".", 1)[0] == parent.id and c.id != parent.id]
    if parent.kind == "task":
        tasks = [parent]
    name = style.p(parent.path[-1])
    d.parts.append(style.t("tasks", parent=name, n=len(tasks)))
    d.parts.append(
        "\n".join(
            f"- {ref(c)} {style.p(c.title)}（{style.t('lead_of')}{style.p(c.units.lead.name) if c.units and c.units.lead else '—'}）"
            if style.language == "zh"
            else f"- {ref(c)} {c.title} ({style.t('lead_of')}{c.units.lead.name if c.units and c.units.lead else '—'})"
            for c in tasks
        )
    )
    d.citations.append(citation(parent, parent.path[-1]))
    d.citations += [citation(c, c.title) for c in tasks]
    return d


def parent_answer(clause: Clause, style: Style) -> Draft:
    d = Draft()
    path = PLACE_SEPARATOR.join(style.p(p) for p in clause.path)
    d.parts.append(style.t("parent", task=style.p(clause.title), path=path) + " " + ref(clause))
    d.citations.append(citation(clause, clause.title))
    return d


# ------------------------------------------------------------------ answers that quote sentences


def quote_answer(picked: list[tuple[Clause, list[str]]], style: Style, key: str) -> Draft:
    """Quote the chosen sentences of each clause, highlighted, with its place in the plan."""
    d = Draft()
    d.parts.append(style.t(key))
    for clause, sentences in picked:
        shown = " ".join(f"**{style.p(s)}**" for s in sentences)  # "****" between two would show literally
        place = PLACE_SEPARATOR.join(style.p(p) for p in clause.path[1:]) + (PLACE_SEPARATOR if len(clause.path) > 1 else "")
        title = style.p(clause.title) if clause.kind == "task" else ""
        d.parts.append(f"> {shown}\n>\n> — {ref(clause)} {place}{title}")
        d.citations.append(citation(clause, "".join(sentences)))
    return d


def refusal(related: list[Clause], style: Style) -> Draft:
    d = Draft(refused=True)
    d.parts.append(style.t("not_found"))
    if related:
        d.parts.append(style.t("related"))
        d.parts.append("\n".join(f"- {ref(c)} {style.p(c.title)}" for c in related))
        d.related = [citation(c) for c in related]
    return d


def not_stated(clause: Clause, quote: str, what: tuple[str, str], style: Style) -> Draft:
    """The plan covers the topic but not the detail asked: say so, and show the topic's clause."""
    d = Draft(refused=True, not_stated=True)
    d.parts.append(style.t("not_stated", what=what[0] if style.language == "zh" else what[1]))
    d.parts.append(style.t("topic_clause"))
    d.parts.append(f"> {style.p(quote)}\n>\n> — {ref(clause)} {style.p(clause.title)}")
    d.related = [citation(clause, quote)]
    return d


def combine(parts: list[tuple[str, Draft]], style: Style) -> Draft:
    """One answer to a question that asked several things: each part under its own question."""
    d = Draft()
    seen: set[str] = set()
    for i, (question, part) in enumerate(parts, 1):
        d.parts.append(f"**{i}. {style.p(question)}**")
        d.parts += part.parts
        for c in part.citations:
            if c.clause_id not in seen:
                seen.add(c.clause_id)
                d.citations.append(c)
        d.related += [c for c in part.related if c.clause_id not in seen]
    d.refused = all(p.refused for _, p in parts)
    d.not_stated = d.refused and any(p.not_stated for _, p in parts)
    return d


def render(d: Draft) -> str:
    return "\n\n".join(p for p in d.parts if p)
