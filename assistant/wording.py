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
    "confirm_yes": ("{agency}是牵头单位。", "{agency} leads it."),
    "confirm_member": ("{agency}是配合单位，不牵头。", "{agency} takes part, but does not lead."),
    "confirm_none": ("{agency}不在这项任务的责任单位中。", "{agency} is not among this task's units."),
    "convention": (
        "（责任单位中列第一位的为牵头单位，这是此类工作要点的惯例。）",
        "(By convention the first unit in the 責任單位 list leads.)",
    ),
    "members": ("配合单位：{units}。", "Other units: {units}."),
    "units_of": ("该任务的责任单位：{units}。", "Its units: {units}."),
    "explicit_roles": ("（牵头单位和配合单位按原文标注。）", "(Lead and other units as the plan labels them.)"),
    "no_units": ("工作要点未列出“{task}”的责任单位。", "The plan names no responsible unit for “{task}”."),
    "no_members": ("该任务未列出其他配合单位。", "No other units are listed."),
    "others": ("以及其他省直有关单位（等省直有关单位）", "and other provincial units (等省直有關單位)"),
    "all_units": ("“{task}”的责任单位（共{n}个）：{units}。", "Units responsible for “{task}” ({n}): {units}."),
    "lead_mark": ("（牵头）", " (lead)"),
    "member_mark": ("（参与）", " (member)"),
    "member_mark_led": ("（参与，牵头：{lead}）", " (member; lead: {lead})"),
    "agency_both": (
        "{agency}在工作要点中牵头{lead}项任务、参与{member}项任务，共{total}项：",
        "{agency} leads {lead} task(s) and takes part in {member}, {total} in all:",
    ),
    "agency_counts": (
        "{agency}在工作要点中牵头{lead}项任务、参与{member}项任务（问“{agency}负责哪些任务”可看清单）。",
        "{agency} leads {lead} task(s) and takes part in {member} (ask “what does {agency} do” for the list).",
    ),
    "agency_lead": ("{agency}牵头{n}项任务：", "{agency} leads {n} task(s):"),
    "ranking_lead": ("按牵头任务数，前几位的责任单位是：", "The units leading the most tasks:"),
    "ranking_any": ("按列为责任单位（牵头或参与）的任务数，前几位是：", "The units listed in the most tasks (leading or taking part):"),
    "ranking_row": ("{agency}：{n}项", "{agency}: {n}"),
    "agency_member": ("{agency}参与（不牵头）{n}项任务：", "{agency} takes part in (does not lead) {n} task(s):"),
    "within_section": ("只看“{section}”之下的任务：", "Only the tasks under “{section}”:"),
    "figure_differs": ("工作要点里没有“{figure}”这个数。", "The plan does not give “{figure}”."),
    "place_part": ("正文写到{place}的部分：", "What the text says of {place}:"),
    "field_part": ("工作要点没有分述各单位的分工；正文写到“{field}”的表述：", "The plan does not divide the task among its units; where the text names “{field}”:"),
    "agency_none_within": ("“{section}”之下没有{agency}{what}的任务。", "No task under “{section}” that {agency} {what}."),
    "agency_none": ("工作要点中没有{agency}{what}的任务。", "The plan lists no task that {agency} {what}."),
    "agency_other_role": ("它在以下{n}项任务中列为责任单位：", "It is listed among the units of these {n} task(s):"),
    "place_tasks": (
        "{place}在工作要点中涉及{n}项任务（列为责任单位{units}项，正文点名{named}项）：",
        "{place} appears in {n} task(s) ({units} as a responsible unit, {named} named in the text):",
    ),
    "place_none": ("工作要点的任务中没有提到{place}。", "No task of the plan names {place}."),
    "named_mark": ("（正文点名）", " (named in the text)"),
    "unit_lead_mark": ("（以“{unit}”牵头）", " (leads, listed as {unit})"),
    "unit_member_mark": ("（以“{unit}”参与）", " (takes part, listed as {unit})"),
    "led_by": ("（{lead}牵头）", " (lead: {lead})"),
    "sole": ("只列了{names}一家责任单位的任务：{n}项。", "Tasks whose only responsible unit is {names}: {n}."),
    "sole_any": ("只列了一家责任单位的任务：{n}项。", "Tasks with a single responsible unit: {n}."),
    "shared": ("{names}共同列为责任单位的任务：{n}项。", "Tasks listing {names} together: {n}."),
    "mentions": ("“{term}”出现在{n}处：", "“{term}” appears in {n} place(s):"),
    "lead_in_list": ("（牵头：{lead}）", " (lead: {lead})"),
    "cities_named": ("“{task}”点名的城市：{cities}。", "Cities named in “{task}”: {cities}."),
    "as_unit_mark": ("（列为责任单位）", " (a responsible unit)"),
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
    "actions": ("工作要点部署了{n}大行动：", "The plan sets out {n_en} actions ({n}大行動):"),
    "projects": ("{action}下设{n}项工程：", "{action} has {n} projects:"),
    "no_projects": ("{action}没有下设工程，直接部署了{n}项任务：", "{action} has no projects; it sets {n} task(s):"),
    "tasks": ("{parent}包括{n}项任务：", "{parent} has {n} task(s):"),
    "all_tasks_flat": ("工作要点共部署{n}项任务：", "The plan sets out {n} tasks:"),
    "all_tasks": ("工作要点部署{a}大行动，共{n}项任务，按行动分：", "The plan sets out {n} tasks in {a_en} actions ({a}大行動), by action:"),
    "action_tasks": ("{n}项", "{n} task(s)"),
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
    # Comparison across plans (assistant/compare.py).
    "cmp_plan": ("《{title}》", "{title}"),
    "cmp_year": ("{year}年", "{year}"),
    "cmp_side_missing": ("{plan}未列入这项任务。", "{plan} does not list this task."),
    "cmp_targets": ("目标：{v}", "Targets: {v}"),
    "cmp_no_targets": ("目标：未写明量化指标", "Targets: no figures stated"),
    "cmp_lead": ("牵头：{v}", "Lead: {v}"),
    "cmp_members": ("配合：{v}", "Other units: {v}"),
    "cmp_no_units": ("未列出责任单位", "no units listed"),
    "cmp_none": ("无", "none"),
    "cmp_changes": ("**变化**（{a} → {b}）：", "**Changes** ({a} → {b}):"),
    "cmp_lead_changed": ("牵头单位由{a}改为{b}", "lead changed from {a} to {b}"),
    "cmp_lead_same": ("牵头单位未变（{a}）", "same lead ({a})"),
    "cmp_lead_unlisted": ("{plan}未列出牵头单位", "{plan} names no lead"),
    "cmp_members_added": ("新增配合单位：{v}", "units added: {v}"),
    "cmp_members_removed": ("不再列出的配合单位：{v}", "units no longer listed: {v}"),
    "cmp_figure_changed": ("{what}：{a} → {b}（{delta}）", "{what}: {a} → {b} ({delta})"),
    "cmp_figure_same": ("{what}：{a}（未变）", "{what}: {a} (unchanged)"),
    "cmp_figure_added": ("新增目标：{v}", "new target: {v}"),
    "cmp_figure_dropped": ("不再列出的目标：{v}", "target no longer listed: {v}"),
    "cmp_title_changed": ("任务名称由“{a}”改为“{b}”", "renamed from “{a}” to “{b}”"),
    "cmp_text_added": ("新增表述：{v}", "new wording: {v}"),
    "cmp_no_change": ("责任单位和量化目标均未变化", "units and targets unchanged"),
    "cmp_only_side": ("仅{plan}列入这项任务，没有可比较的另一方。", "Only {plan} lists this task; there is nothing to compare it with."),
    "cmp_agency_role": ("{plan}：{agency}{what}{n}项任务：", "{plan}: {agency} {what} {n} task(s):"),
    "cmp_agency_both": ("{plan}：{agency}牵头{lead}项、参与{member}项任务：", "{plan}: {agency} leads {lead} task(s) and takes part in {member}:"),
    "cmp_agency_none": ("{plan}：没有{agency}{what}的任务。", "{plan}: no task that {agency} {what}."),
    "cmp_agency_unnamed": ("{plan}未列出{agency}。", "{plan} does not name {agency}."),
    "cmp_agency_unnamed_all": ("这些工作要点都没有列出该单位。", "None of these plans names the unit."),
    "cmp_agency_nodiff": ("{plan}未列出该单位，无法比较新增和不再列入的任务。", "{plan} does not name the unit, so new and dropped tasks are not compared."),
    "cmp_added": ("**新增**（{b}有、{a}没有）：", "**New** (in {b}, not in {a}):"),
    "cmp_dropped": ("**不再列入**（{a}有、{b}没有）：", "**No longer listed** (in {a}, not in {b}):"),
    "cmp_changed": ("**有变化**：", "**Changed**:"),
    "cmp_role_changed": ("**角色变化**：", "**Role changed**:"),
    "cmp_counterpart_as": ("{plan}对应任务{ref}中该单位为{role}单位", "in its counterpart {ref} in {plan} the unit is a {role} unit"),
    "cmp_counterpart_without": ("{plan}对应任务{ref}未列该单位", "its counterpart {ref} in {plan} does not name the unit"),
    "cmp_summary": (
        "{b}相对{a}：新增{added}项、不再列入{dropped}项、有变化{changed}项任务。",
        "{b} against {a}: {added} task(s) added, {dropped} no longer listed, {changed} changed.",
    ),
    "cmp_not_listed_in": ("{plan}未列入“{task}”。", "{plan} does not list “{task}”."),
    "cmp_new_in": ("“{task}”是{b}新增的任务，{a}未列入。", "“{task}” is new in {b}; {a} does not list it."),
    "cmp_topic_none": ("两份工作要点中都没有找到与“{topic}”相关的任务。", "Neither plan has a task on “{topic}”."),
    "cmp_role_lead": ("牵头", "lead"),
    "cmp_role_member": ("参与", "member"),
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
