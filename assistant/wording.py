"""The wording of answers: every label once in simplified Chinese and English (traditional is
converted from them), and the asker's language and script they are rendered in."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.script import to_simplified, to_traditional
from corpus.settings import ROOT

NOT_FOUND_ZH = (ROOT / "prompts/not_found.txt").read_text(encoding="utf-8").strip()

# Labels are written once in simplified Chinese and English; traditional is converted from them.
_LABELS: dict[str, tuple[str, str]] = {
    "lead": ("“{task}”由**{lead}**牵头。", "**{lead}** leads “{task}”."),
    "convention": (
        "（责任单位中列第一位的为牵头单位，这是此类工作要点的惯例。）",
        "(By convention the first unit in the 責任單位 list leads.)",
    ),
    "members": ("配合单位：{units}。", "Other units: {units}."),
    "explicit_roles": ("（牵头单位和配合单位按原文标注。）", "(Lead and other units as the plan labels them.)"),
    "no_units": ("工作要点未列出“{task}”的责任单位。", "The plan names no responsible unit for “{task}”."),
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
    "actions": ("工作要点部署了{n}大行动：", "The plan sets out {n_en} actions:"),
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
    "clarify": (
        "您指的是哪项任务？请说出任务名称，或点选下面的任务。",
        "Which task do you mean? Name it, or pick one below.",
    ),
    "clarify_none": ("您指的是哪项任务？请把问题说完整，例如“算力建设由哪个部门牵头？”。",
                     "Which task do you mean? Please ask the full question, e.g. “Who leads computing infrastructure?”"),
    "ask_lead": ("“{task}”由谁牵头？", "Who leads “{task}”?"),
    "ask_members": ("“{task}”的配合单位有哪些？", "Which units take part in “{task}”?"),
    "ask_figure": ("“{task}”有哪些量化目标？", "What targets does “{task}” set?"),
    "ask_details": ("“{task}”有哪些具体安排？", "What does the plan say about “{task}”?"),
    "ask_agency": ("{agency}牵头了哪些任务？", "Which tasks does {agency} lead?"),
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
