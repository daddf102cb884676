"""Build the answer text and its citations from the Plan and retrieval hits (no LLM).

Every answer is composed from parsed facts (units lists, the plan tree, the preamble) or quotes
sentences of retrieved clauses; labels follow the asker's language and script, plan text is
converted only for simplified-script askers (citations keep the clause as written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.slots import DESCRIBE
from assistant.types import ANSWERED, CLARIFY, NOT_STATED, REFUSED, Citation
from assistant.wording import Style
from corpus.responsibility import role_of
from corpus.script import fold
from corpus.types import PLACE_SEPARATOR, Clause, Plan


@dataclass
class Draft:
    parts: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    related: list[Citation] = field(default_factory=list)
    refused: bool = False
    not_stated: bool = False  # the topic is in the plan, the detail asked for is not
    clarify: bool = False  # nothing to resolve a bare follow-up against: the answer asks back
    agency: str | None = None
    suggestions: list[str] = field(default_factory=list)  # questions offered as one-tap follow-ups
    kind: str = ""  # the kind of question it was answered as (Answer.intent); set by the pipeline
    part_statuses: list[str] = field(default_factory=list)  # a multi-part answer: each part's status, in order

    @property
    def status(self) -> str:
        return CLARIFY if self.clarify else NOT_STATED if self.not_stated else REFUSED if self.refused else ANSWERED


citation = Citation.from_clause


_UNITS_TEXT = re.compile(r"[（(〔]責任單位[:：].*[）)〕]\s*$")


def units_quote(clause: Clause) -> str:
    """The clause's units list as quoted evidence: the built-in plan's （責任單位：…） as written, else the
    list an imported plan wrote (牵头单位：X；配合单位：Y, 【牽頭單位：…】), else the title."""
    m = _UNITS_TEXT.search(clause.text)
    if m:
        return m.group(0)
    return clause.units.raw if clause.units and clause.units.raw else clause.title


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


def no_units_answer(clause: Clause, style: Style) -> Draft:
    """A task whose list names nobody (imported plans have them): say so, never guess a lead."""
    d = Draft()
    d.parts.append(style.t("no_units", task=style.p(clause.title)) + " " + ref(clause))
    d.citations.append(citation(clause, clause.title))
    return d


def _convention(clause: Clause, style: Style) -> str:
    """How the lead was read: the first-listed convention, or the plan's own 牵头单位 label."""
    return style.t("explicit_roles" if clause.units and clause.units.explicit else "convention")


def lead_answer(clause: Clause, style: Style, asked: str | None = None, part: bool = False) -> Draft:
    """Who leads the task; `asked` is the unit a yes/no question named ("算力是数据局牵头的吗"), answered
    first; `part`: the question asks what that unit does there, so the sentences naming its field are shown."""
    units = clause.units
    if not (units and units.lead):
        return no_units_answer(clause, style)
    d = Draft(agency=units.lead.name)
    if asked:
        if asked == units.lead.name:
            d.parts.append(style.t("confirm_yes", agency=style.p(asked)))
        else:
            key = "confirm_member" if asked in units.names else "confirm_none"
            d.parts.append(style.t(key, agency=style.p(asked)))
    body = clause.sentences[1:]
    # "那泉州呢": a city's own part is written in the text ("支持泉州市建設…"). "公安厅在里面干啥": the plan does
    # not split a task among its units, but the sentences naming the unit's own field ("實施智慧公安…") are
    # worth showing, said as exactly that (not when every sentence names it)
    place = place_name(asked) if asked else ""
    field = agency_field(asked) if asked and part and asked in units.names else ""
    # (a group of cities is named whole in the text too: "各設區市按需部署建設…" is their part)
    place = place or (asked if asked and part and asked.startswith("各") and any(asked in s for s in body) else "")
    named = [s for s in body if (place and place in s) or (field and field in s)]
    if named and (place or len(named) < len(body)):
        label = style.t("place_part", place=style.p(asked)) if place else style.t("field_part", field=style.p(field))
        d.parts.append(label + "\n\n> " + style.p("".join(named)))
    else:
        named = []
    d.parts.append(style.t("lead", task=style.p(clause.title), lead=style.p(units.lead.name)) + " " + ref(clause))
    d.parts.append(_convention(clause, style))
    if units.members or units.others:
        d.parts.append(style.t("members", units=unit_list(clause, style, skip_lead=True)))
    else:
        d.parts.append(style.t("no_members"))
    d.citations.append(citation(clause, "".join(named) + units_quote(clause)))
    d.suggestions = [
        style.t("ask_details", task=style.p(clause.title)),
        style.t("ask_agency", agency=style.p(units.lead.name)),
    ]
    return d


def clarify(candidates: list[Clause], kind: str, style: Style) -> Draft:
    """A bare follow-up ("那谁牵头？") with nothing to refer to: ask back, offering the likely tasks."""
    d = Draft(refused=True, clarify=True)
    tasks = [c for c in candidates if c.kind == "task"]
    d.parts.append(style.t("clarify" if tasks else "clarify_none"))
    key = {"lead": "ask_lead", "members": "ask_members", "number": "ask_figure"}.get(kind, "ask_details")
    d.suggestions = [style.t(key, task=style.p(c.title)) for c in tasks]
    return d


def members_answer(clause: Clause, style: Style) -> Draft:
    units = clause.units
    if not (units and units.lead):
        return no_units_answer(clause, style)
    d = Draft(agency=units.lead.name)
    d.parts.append(
        style.t("all_units", task=style.p(clause.title), n=len(units.units), units=unit_list(clause, style, True))
        + " "
        + ref(clause)
    )
    d.parts.append(_convention(clause, style))
    d.citations.append(citation(clause, units_quote(clause)))
    return d


FEW_TASKS = 3  # an agency answer listing no more tasks than this shows each task's text


def agency_answer(plan: Plan, agency: str, role: str, style: Style, within: Clause | None = None) -> Draft:
    """The tasks a unit leads or takes part in; `within` a 行動 or 工程, only the tasks under it."""
    d = Draft(agency=agency)
    tasks = [c for c in plan.tasks if within is None or c.id.startswith(within.id + ".")]
    rows = [(c, r) for c in tasks if (r := role_of(c, agency)) and (not role or r == role)]
    name = style.p(agency)
    if within is not None:
        d.parts.append(style.t("within_section", section=style.p(within.title)))
    if not rows:
        what = {"lead": "what_lead", "member": "what_member"}.get(role, "what_any")
        if within is not None:
            d.parts[-1:] = [style.t("agency_none_within", section=style.p(within.title), agency=name, what=style.t(what))]
        else:
            d.parts.append(style.t("agency_none", agency=name, what=style.t(what)))
        other = [(c, r) for c in tasks if (r := role_of(c, agency))] if role else []
        if not other:
            if within is None:
                d.refused = True
            else:  # none under that 行動/工程 is the answer, and the section is its source
                d.citations.append(citation(within, within.title))
            return d
        # "各设区市牵头几项": none, and that is the answer; what it does instead is shown with it
        rows = other
        d.parts.append(style.t("agency_other_role", n=len(rows)))
    n_lead = sum(r == "lead" for _, r in rows)
    if len(d.parts) > (within is not None):
        pass  # the none-with-this-role line is already there
    elif role == "lead":
        d.parts.append(style.t("agency_lead", agency=name, n=n_lead))
    elif role == "member":
        d.parts.append(style.t("agency_member", agency=name, n=len(rows)))
    else:
        d.parts.append(style.t("agency_both", agency=name, lead=n_lead, member=len(rows) - n_lead, total=len(rows)))
    items = []
    place = place_name(agency)
    for c, r in rows:
        # a task it takes part in shows who leads it ("泉州被点名的那项，牵头单位是哪个")
        lead = c.units.lead.name if r != "lead" and c.units and c.units.lead else ""
        mark = style.t("lead_mark") if r == "lead" else style.t("member_mark_led", lead=style.p(lead)) if lead else style.t("member_mark")
        named = [s for s in c.sentences[1:] if place and place in s]
        # A city is usually named in the text for its own part ("支持泉州市建設…"): show that part. A unit
        # named in a few tasks gets their text: the answer stays short, and says what each task is.
        if not named and len(rows) <= FEW_TASKS:
            named = list(c.sentences[1:])
        detail = f"：{style.p(''.join(named))}" if named else ""
        items.append(f"- {ref(c)} {style.p(c.title)}{mark}{detail}")
        d.citations.append(citation(c, "".join(named) or units_quote(c), role=r))
    d.parts.append("\n".join(items))
    return d


def shared_answer(plan: Plan, wanted: list[tuple[str, str]], style: Style) -> Draft:
    """The tasks in which every (unit, role) holds: role "lead", "member" or "" (either)."""
    rows = [
        c for c in plan.tasks
        if all((r := role_of(c, agency)) and (not role or r == role) for agency, role in wanted)
    ]
    names = style.join([style.p(a) + (style.t(f"{r}_mark") if r else "") for a, r in wanted])
    d = Draft(agency=wanted[0][0])
    d.parts.append(style.t("shared", names=names, n=len(rows)))
    if rows:
        d.parts.append(_tasks_with_leads(rows, style))
        if len(rows) == 1:  # "…配合的是哪一条": the one task's whole list, as a units question would show it
            d.parts.append(style.t("units_of", units=unit_list(rows[0], style, mark_lead=True)))
        d.citations = [citation(c, units_quote(c)) for c in rows]
    else:
        d.refused = True
    return d


def sole_answer(plan: Plan, agency: str | None, style: Style) -> Draft:
    """"哪条任务只有数据局一家责任单位": the tasks whose units list is that one unit (any one, unnamed)."""
    rows = [
        c for c in plan.tasks
        if c.units and len(c.units.units) == 1 and not c.units.others and (agency is None or c.units.units[0].name == agency)
    ]
    d = Draft(agency=agency)
    d.parts.append(style.t("sole", names=style.p(agency), n=len(rows)) if agency else style.t("sole_any", n=len(rows)))
    if rows:
        d.parts.append(_tasks_with_leads(rows, style))
        d.citations = [citation(c, units_quote(c)) for c in rows]
    else:
        d.refused = True
    return d


def _tasks_with_leads(rows: list[Clause], style: Style) -> str:
    return "\n".join(f"- {ref(c)} {style.p(c.title)}{style.t('led_by', lead=style.p(c.lead or ''))}" for c in rows)


RANKED = 5  # units shown by a "which unit has the most tasks" answer


def ranking_answer(plan: Plan, role: str, style: Style) -> Draft:
    """"哪个部门任务最多": the units by how many tasks they lead (role "lead") or are listed in, the
    top few and every unit tied with the last one shown; each count cites its tasks."""
    counts: dict[str, list[Clause]] = {}
    for c in plan.tasks:
        names = [c.lead] if role == "lead" else list(c.units.names if c.units else ())
        for name in filter(None, names):
            counts.setdefault(name, []).append(c)
    ranked = sorted(counts.items(), key=lambda kv: -len(kv[1]))
    cut = len(ranked[min(RANKED, len(ranked)) - 1][1]) if ranked else 0
    shown = [(a, cs) for a, cs in ranked if len(cs) >= cut]
    d = Draft(agency=shown[0][0] if shown else None)
    d.parts.append(style.t("ranking_lead" if role == "lead" else "ranking_any"))
    d.parts.append("\n".join(f"- {style.t('ranking_row', agency=style.p(a), n=len(cs))}" for a, cs in shown))
    for c in dict.fromkeys(c for _, cs in shown[:1] for c in cs):
        d.citations.append(citation(c, units_quote(c), role=role_of(c, shown[0][0])))
    return d


def place_answer(plan: Plan, place: str, style: Style, within: Clause | None = None) -> Draft:
    """What a city is named for: the tasks whose units list names it (with its role) and the tasks whose
    text names it (厦门 is in no units list, yet five tasks name it), each with the sentence naming it;
    `within` a 行動 or 工程, only the tasks under it."""
    d = Draft()
    folded_place = fold(place)
    rows = []
    for c in plan.tasks:
        if within is not None and not c.id.startswith(within.id + "."):
            continue
        unit = next((u for u in c.units.names if folded_place in fold(u)), None) if c.units else None
        named = [s for s in c.sentences[1:] if folded_place in fold(s)]
        if unit or named:
            rows.append((c, role_of(c, unit) if unit else "", named))
    if not rows:
        d.parts.append(style.t("place_none", place=style.p(place)))
        d.refused = True
        return d
    as_unit = sum(bool(r) for _, r, _ in rows)
    d.parts.append(style.t("place_tasks", place=style.p(place), n=len(rows), units=as_unit, named=len(rows) - as_unit))
    items = []
    for c, r, named in rows:
        # the units-list entry that names the place is shown as written (福州及相关设区市, 泉州市)
        unit = next((u for u in c.units.names if folded_place in fold(u)), "") if r and c.units else ""
        key = {"lead": "unit_lead_mark", "member": "unit_member_mark"}.get(r, "named_mark")
        mark = style.t(key, unit=style.p(unit))
        detail = f"：{style.p(''.join(named))}" if named else ""
        items.append(f"- {ref(c)} {style.p(c.title)}{mark}{detail}")
        d.citations.append(citation(c, "".join(named) or units_quote(c), role=r))
    d.parts.append("\n".join(items))
    return d


def cities_answer(clause: Clause, places: list[str], sentences: list[str], style: Style) -> Draft:
    """Which cities one task names: those its units list names (泉州市), then those only its text
    names, with the sentences that name them."""
    d = Draft()
    units = [u for u in (clause.units.names if clause.units else ()) if place_name(u)]
    named = [style.p(u) + style.t("as_unit_mark") for u in units]
    named += [style.p(p) for p in places if not any(fold(p) in fold(u) for u in units)]
    d.parts.append(style.t("cities_named", task=style.p(clause.title), cities=style.join(named)))
    if sentences:
        d.parts.append("> " + " ".join(f"**{style.p(s)}**" for s in sentences) + f"\n>\n> — {ref(clause)}")
    d.citations.append(citation(clause, "".join(sentences) or units_quote(clause)))
    return d


def mentions_answer(term: str, found: list[tuple[Clause, str]], style: Style) -> Draft:
    """Every clause that says a term, each with the sentence saying it."""
    d = Draft()
    d.parts.append(style.t("mentions", term=style.p(term), n=len(found)))
    # each with its lead: "分别是干啥的，各自谁牵头" is answered by the same list
    d.parts.append("\n".join(
        f"- {ref(c)} {style.p(c.title)}：{style.p(s)}" + (style.t("lead_in_list", lead=style.p(c.units.lead.name)) if c.kind == "task" and c.units and c.units.lead else "")
        for c, s in found
    ))
    d.citations = [citation(c, s) for c, s in found]
    return d


def place_name(unit: str) -> str:
    """The place a city-level unit names (泉州市 → 泉州); "" for provincial bodies and groups of cities."""
    if unit.startswith(("省", "各")) or "及" in unit or not unit.endswith(("市", "縣", "區")):
        return ""
    return unit[:-1]


# Fields too general to point at one unit's part (數據 is in half the plan's sentences)
_GENERAL_FIELDS = {"數據", "大數據", "數字", "信息", "發展", "改革"}


def agency_field(unit: str) -> str:
    """The field a provincial department's name says (省公安廳 → 公安, 省應急管理廳 → 應急); "" for groups,
    cities and fields too general to mark a part of a task."""
    if not unit.startswith("省") or unit.startswith("省委") or unit.endswith(("集團", "公司")):
        return ""
    core = re.sub(r"(廳|局|委|辦|辦公室)$", "", unit[1:])
    core = re.sub(r"(管理|事務|監督管理)$", "", core)
    return core if len(core) >= 2 and core not in _GENERAL_FIELDS else ""


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
    if any(not values.get(f) for f in fields):  # "啥时候印发的 文号是多少": the date, and that no number is given
        d.parts.append(style.t("not_stated", what=DESCRIBE["document"][0 if style.language == "zh" else 1]))
    if preamble:
        d.citations.append(citation(preamble, "；".join(quotes)))
    return d


def _action_heading(plan: Plan, numeral: str) -> str:
    c = plan.get(numeral)
    return c.path[0] if c else numeral


_HAN_NUMBERS = ("零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十")
_EN_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def actions_answer(plan: Plan, style: Style) -> Draft:
    d = Draft()
    n = len(plan.actions)
    d.parts.append(style.t("actions", n=_HAN_NUMBERS[n] if n < len(_HAN_NUMBERS) else n,
                           n_en=_EN_NUMBERS[n] if n < len(_EN_NUMBERS) else n))
    items = []
    for c in plan.actions:
        items.append(f"- {ref(c)} {style.p(c.path[0])}")
        d.citations.append(citation(c, c.path[0]))
    d.parts.append("\n".join(items))
    return d


def all_tasks_answer(plan: Plan, style: Style) -> Draft:
    """How many tasks the whole plan has: the count, and each 行動's share."""
    d = Draft()
    a = len(plan.actions)
    if not a:  # an imported plan without 行動
        d.parts.append(style.t("all_tasks_flat", n=len(plan.tasks)))
        return d
    d.parts.append(style.t("all_tasks", n=len(plan.tasks), a=_HAN_NUMBERS[a] if a < len(_HAN_NUMBERS) else a,
                           a_en=_EN_NUMBERS[a] if a < len(_EN_NUMBERS) else a))
    items = []
    for c in plan.actions:
        n = sum(1 for t in plan.tasks if t.id.split(".", 1)[0] == c.id)
        items.append(f"- {ref(c)} {style.p(c.path[0])}：{style.t('action_tasks', n=n)}" if style.language == "zh"
                     else f"- {ref(c)} {c.path[0]}: {style.t('action_tasks', n=n)}")
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
    d.suggestions = [style.t("ask_lead", task=style.p(c.title)) for c, _ in picked if c.kind == "task"][:2]
    return d


def refusal(related: list[Clause], style: Style) -> Draft:
    d = Draft(refused=True)
    d.parts.append(style.t("not_found"))
    if related:
        d.parts.append(style.t("related"))
        d.parts.append("\n".join(f"- {ref(c)} {style.p(c.title)}" for c in related))
        d.related = [citation(c) for c in related]
    return d


def agency_detail_not_stated(plan: Plan, agency: str, what: tuple[str, str], style: Style) -> Draft:
    """"数据局局长是谁": the unit is the plan's, its people are never named; what the plan does say of
    the unit (how many tasks it leads and joins) is shown with it."""
    roles = [(c, r) for c in plan.tasks if (r := role_of(c, agency))]
    n_lead = sum(r == "lead" for _, r in roles)
    d = Draft(refused=True, not_stated=True, agency=agency)
    d.parts.append(style.t("not_stated", what=what[0] if style.language == "zh" else what[1]))
    d.parts.append(style.t("agency_counts", agency=style.p(agency), lead=n_lead, member=len(roles) - n_lead))
    d.related = [citation(c, units_quote(c), role=r) for c, r in roles]
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
    d.part_statuses = [p.status for _, p in parts]
    kinds = {p.kind for _, p in parts}
    d.kind = kinds.pop() if len(kinds) == 1 else "multipart"
    return d


def render(d: Draft) -> str:
    return "\n\n".join(p for p in d.parts if p)
