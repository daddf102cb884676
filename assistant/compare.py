"""Answers that compare plans: one task side by side, one agency's tasks per plan, what a plan changed.

Pure functions from plans (and clauses the caller has found) to a Draft. Every clause shown is cited
with its plan-qualified id ([2025数字青岚·二.2]); a side without the task says so instead of guessing.
"""

from __future__ import annotations

import re
from itertools import pairwise

from assistant.align import Pair, align
from assistant.compose import Draft, units_quote
from assistant.types import Citation
from assistant.wording import Style
from corpus.figures import Figure, change, figures, pair_figures, similarity
from corpus.responsibility import role_of
from corpus.script import fold
from corpus.types import Clause, Plan

# A wording segment of the later clause counts as new when no segment of the earlier one is this
# close (character-bigram Dice); rephrasings of the same sentence score above it.
NEW_WORDING = 0.5
# A topic matches a task when most of its character bigrams occur in the task's text ("数字素养培训"
# in "开展数字素养提升培训" covers 4 of 5); failing that, the best task if it covers at least a third.
TOPIC_COVER, TOPIC_FALLBACK = 0.6, 0.34
_SHOWN_WORDING = 2  # new-wording segments quoted per change, so a rewritten task does not flood the answer


def _order(plan: Plan) -> tuple[int, str]:
    return (plan.year or 0, plan.date)


def _name(plan: Plan, style: Style) -> str:
    return style.t("cmp_plan", title=style.p(plan.title or plan.key))


def _when(plan: Plan, style: Style) -> str:
    return style.t("cmp_year", year=plan.year) if plan.year else _name(plan, style)


def ref(plan: Plan, clause: Clause) -> str:
    return f"[{plan.qualified_id(clause)}]"


def _cite(d: Draft, plan: Plan, clause: Clause, quote: str = "", role: str = "") -> None:
    c = Citation.from_clause(clause, quote, role=role, plan=plan)
    if all(x.clause_id != c.clause_id for x in d.citations):
        d.citations.append(c)


def _body(clause: Clause) -> str:
    return "".join(clause.sentences[1:]) if len(clause.sentences) > 1 else clause.text


def _figures(clause: Clause) -> list[Figure]:
    return figures(_body(clause))


def _said(f: Figure) -> str:
    """A figure as the plan words it: its segment, or, when the segment holds several figures
    (智能工厂10家、数字化车间30个), its own words and number."""
    return f.phrase if len(figures(f.phrase)) == 1 else f"{f.label}{f.written}"


def _figure_quote(clause: Clause) -> str:
    return "".join(s for s in clause.sentences if figures(s)) or clause.title


# ------------------------------------------------------------------ one task, side by side


def _side_lines(clause: Clause, style: Style, focus: str) -> list[str]:
    phrases = list(dict.fromkeys(f.phrase for f in _figures(clause)))
    target = style.t("cmp_targets", v=style.p("；".join(phrases))) if phrases else style.t("cmp_no_targets")
    if clause.units and clause.units.units:
        lead = style.t("cmp_lead", v=style.join([style.p(u.name) for u in clause.units.leads]))
        members = style.t("cmp_members", v=style.join([style.p(m) for m in clause.members]) or style.t("cmp_none"))
        units = [lead, members]
    else:
        units = [style.t("cmp_lead", v=style.t("cmp_no_units"))]
    return units + [target] if focus in ("lead", "members") else [target] + units


def _figure_changes(old: Clause, new: Clause, style: Style, changed_only: bool = False) -> list[str]:
    out = []
    for a, b in pair_figures(_figures(old), _figures(new)):
        if a and b:
            delta = change(a, b)
            what = style.p(b.label or a.label)
            if a.written == b.written:
                if not changed_only:
                        out.append(style.t("cmp_figure_same", what=what, a=a.written))
            else:
                out.append(style.t("cmp_figure_changed", what=what, a=a.written, b=b.written, delta=delta or "—"))
        elif b:
            out.append(style.t("cmp_figure_added", v=style.p(_said(b))))
        elif a:
            out.append(style.t("cmp_figure_dropped", v=style.p(_said(a))))
    return out


def _unit_changes(old: Clause, new: Clause, old_plan: Plan, new_plan: Plan, style: Style) -> list[str]:
    out = []
    if not old.lead or not new.lead:
        for plan, c in ((old_plan, old), (new_plan, new)):
            if not c.lead:
                out.append(style.t("cmp_lead_unlisted", plan=_when(plan, style)))
    elif old.lead != new.lead:
        out.append(style.t("cmp_lead_changed", a=style.p(old.lead), b=style.p(new.lead)))
    else:
        out.append(style.t("cmp_lead_same", a=style.p(new.lead)))
    # Members compared as all units: a unit moving from lead to member is not "added".
    before, after = set(old.units.names if old.units else ()), set(new.units.names if new.units else ())
    added = [m for m in new.members if m not in before]
    removed = [m for m in old.members if m not in after]
    if added:
        out.append(style.t("cmp_members_added", v=style.join([style.p(m) for m in added])))
    if removed:
        out.append(style.t("cmp_members_removed", v=style.join([style.p(m) for m in removed])))
    return out


def _segments(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[，,；;。]", text) if s.strip()]


def _wording_changes(old: Clause, new: Clause, style: Style) -> list[str]:
    out = []
    if fold(old.title) != fold(new.title):
        out.append(style.t("cmp_title_changed", a=style.p(old.title), b=style.p(new.title)))
    old_segs = [fold(s) for s in _segments(_body(old))]
    fresh = [s for s in _segments(_body(new))
             if not figures(s) and all(similarity(fold(s), o) < NEW_WORDING for o in old_segs)]
    if fresh:
        out.append(style.t("cmp_text_added", v=style.p("；".join(fresh[:_SHOWN_WORDING]))))
    return out


def _changes(old_plan: Plan, old: Clause, new_plan: Plan, new: Clause, style: Style, focus: str) -> list[str]:
    units = _unit_changes(old, new, old_plan, new_plan, style)
    figs = _figure_changes(old, new, style)
    lines = figs + units if focus == "number" else units + figs
    return lines + _wording_changes(old, new, style)


def compare_clauses(sides: list[tuple[Plan, Clause | None]], style: Style, focus: str = "general") -> Draft:
    """One task in several plans: each plan's clause (cited), targets, lead and members, in year
    order, then what changed between consecutive plans. focus: general | lead | members | number."""
    d = Draft()
    sides = sorted(sides, key=lambda s: _order(s[0]))
    for plan, clause in sides:
        if clause is None:
            d.parts.append(style.t("cmp_side_missing", plan=f"**{_name(plan, style)}**"))
            continue
        head = f"**{_name(plan, style)}** {ref(plan, clause)} {style.p(clause.title)}"
        d.parts.append(head + "\n" + "\n".join(f"- {line}" for line in _side_lines(clause, style, focus)))
        quote = units_quote(clause) if focus in ("lead", "members") else _figure_quote(clause) if focus == "number" else _body(clause)
        _cite(d, plan, clause, quote)
    present = [(p, c) for p, c in sides if c is not None]
    if not present:
        d.refused = True
        return d
    if len(present) == 1 and len(sides) == 1:
        d.parts.append(style.t("cmp_only_side", plan=_name(present[0][0], style)))
    for (pa, a), (pb, b) in pairwise(sides):
        if a is None or b is None:
            continue  # the missing side was said above; there is nothing to diff
        lines = _changes(pa, a, pb, b, style, focus)
        d.parts.append(style.t("cmp_changes", a=_when(pa, style), b=_when(pb, style)) + "\n"
                       + "\n".join(f"- {line}" for line in lines or [style.t("cmp_no_change")]))
    return d


# ------------------------------------------------------------------ one agency across plans


def _involved(clause: Clause | None, agency: str | None, role: str | None) -> str:
    if clause is None or not agency:
        return ""
    r = role_of(clause, agency)
    return r if r and (not role or r == role) else ""


def _role_mark(style: Style, r: str) -> str:
    mark = style.t("cmp_role_lead" if r == "lead" else "cmp_role_member")
    return f"（{mark}）" if style.language == "zh" else f" ({mark})"


def compare_agency(agency_by_plan: list[tuple[Plan, str | None]], style: Style, role: str | None = None) -> Draft:
    """An agency's tasks in each plan (lead/member, cited), then, between consecutive plans, the tasks
    new to it (新增) and no longer listed for it (不再列入), matched with `align`. A plan where the
    agency's name did not resolve (None) is said not to name it, and is not diffed."""
    sides = sorted(agency_by_plan, key=lambda s: _order(s[0]))
    shown = next((a for _, a in sides if a), None)
    d = Draft(agency=shown)
    if shown is None:
        d.refused = True
        d.parts.append(style.t("cmp_agency_unnamed_all"))
        return d
    what = style.t({"lead": "what_lead", "member": "what_member"}.get(role or "", "what_any"))
    for plan, agency in sides:
        if not agency:
            d.parts.append(style.t("cmp_agency_unnamed", plan=_name(plan, style), agency=style.p(shown)))
            continue
        rows = [(c, r) for c in plan.tasks if (r := _involved(c, agency, role))]
        name = style.p(agency)
        if not rows:
            d.parts.append(style.t("cmp_agency_none", plan=_name(plan, style), agency=name, what=what))
            continue
        if role:
            head = style.t("cmp_agency_role", plan=_name(plan, style), agency=name, what=what, n=len(rows))
        else:
            n_lead = sum(r == "lead" for _, r in rows)
            head = style.t("cmp_agency_both", plan=_name(plan, style), agency=name, lead=n_lead, member=len(rows) - n_lead)
        d.parts.append(head + "\n" + "\n".join(
            f"- {ref(plan, c)} {style.p(c.title)}{_role_mark(style, r)}" for c, r in rows))
        for c, r in rows:
            _cite(d, plan, c, units_quote(c), role=r)
    for (pa, a), (pb, b) in pairwise(sides):
        if not a or not b:
            missing = pa if not a else pb
            d.parts.append(style.t("cmp_agency_nodiff", plan=_name(missing, style)))
            continue
        d.parts += _agency_diff(d, pa, a, pb, b, style, role)
    return d


def _counterpart(style: Style, plan: Plan, clause: Clause, agency: str) -> str:
    """What the other year's task says of the unit: not listed, or listed in the other role (with a
    role asked for, "新增牵头" may be a task the unit only joined last year: never "未列该单位" then)."""
    other = _involved(clause, agency, None)
    if other:
        role = style.t("cmp_role_lead" if other == "lead" else "cmp_role_member")
        return style.t("cmp_counterpart_as", plan=_when(plan, style), ref=ref(plan, clause), role=role)
    return style.t("cmp_counterpart_without", plan=_when(plan, style), ref=ref(plan, clause))


def _one_sided(d: Draft, style: Style, side: tuple, other: tuple) -> str:
    """A task that involves the unit on one side only (新增 or 不再列入), with what its counterpart on
    the other side says of the unit; both are cited."""
    plan, clause, agency, role = side
    other_plan, other_clause, other_agency = other
    line = f"- {ref(plan, clause)} {style.p(clause.title)}{_role_mark(style, role)}"
    if other_clause is not None:
        line += ("；" if style.language == "zh" else "; ") + _counterpart(style, other_plan, other_clause, other_agency)
        _cite(d, other_plan, other_clause, units_quote(other_clause))
    _cite(d, plan, clause, units_quote(clause), role=role)
    return line


def _agency_diff(d: Draft, pa: Plan, a: str, pb: Plan, b: str, style: Style, role: str | None) -> list[str]:
    """新增 / 不再列入 / role changes between two plans; cites the counterparts it names."""
    added, dropped, moved = [], [], []
    for pair in align(pa, pb):
        ra, rb = _involved(pair.old, a, role), _involved(pair.new, b, role)
        if rb and not ra:
            added.append(_one_sided(d, style, (pb, pair.new, b, rb), (pa, pair.old, a)))
        elif ra and not rb:
            dropped.append(_one_sided(d, style, (pa, pair.old, a, ra), (pb, pair.new, b)))
        elif ra and rb and ra != rb:
            mark_a, mark_b = (style.t("cmp_role_lead" if r == "lead" else "cmp_role_member") for r in (ra, rb))
            moved.append(f"- {ref(pa, pair.old)} → {ref(pb, pair.new)} {style.p(pair.new.title)}：{mark_a} → {mark_b}")
    none = "- " + style.t("cmp_none")
    out = [style.t("cmp_added", a=_when(pa, style), b=_when(pb, style)) + "\n" + "\n".join(added or [none]),
           style.t("cmp_dropped", a=_when(pa, style), b=_when(pb, style)) + "\n" + "\n".join(dropped or [none])]
    if moved:
        out.append(style.t("cmp_role_changed") + "\n" + "\n".join(moved))
    return out


# ------------------------------------------------------------------ what a later plan changed


def _changed(pair: Pair) -> bool:
    a, b = pair.old, pair.new
    if a is None or b is None:
        return False
    if a.lead != b.lead:
        return True
    return any(x is None or y is None or x.written != y.written for x, y in pair_figures(_figures(a), _figures(b)))


def _topic_cover(topic: str, clause: Clause | None) -> float:
    if clause is None:
        return 0.0
    grams = {topic[i:i + 2] for i in range(len(topic) - 1)} or {topic}
    text = fold(clause.title + clause.text)
    return sum(g in text for g in grams) / len(grams)


def _topic_pairs(pairs: list[Pair], topic: str) -> list[Pair]:
    words = re.sub(r"\d{4}年|[\s\W_]+", "", fold(topic))
    if not words:
        return []
    scored = [(max(_topic_cover(words, p.old), _topic_cover(words, p.new)), p) for p in pairs]
    hits = [p for s, p in scored if s >= TOPIC_COVER]
    if hits:
        return hits
    best = max(scored, key=lambda sp: sp[0], default=(0.0, None))
    return [best[1]] if best[1] is not None and best[0] >= TOPIC_FALLBACK else []


def plan_changes(old: Plan, new: Plan, style: Style, topic: str | None = None) -> Draft:
    """Tasks a later plan added, no longer lists, and changed (lead or figures), each cited. With a
    topic, only the tasks on it, each side by side (or said to be missing from one plan)."""
    if _order(new) < _order(old):
        old, new = new, old
    pairs = align(old, new)
    a, b = _when(old, style), _when(new, style)
    if topic:
        return _topic_changes(old, new, _topic_pairs(pairs, topic), topic, style)
    d = Draft()
    added = [p.new for p in pairs if p.old is None and p.new is not None]
    dropped = [p.old for p in pairs if p.new is None and p.old is not None]
    changed = [p for p in pairs if _changed(p)]
    d.parts.append(style.t("cmp_summary", a=a, b=b, added=len(added), dropped=len(dropped), changed=len(changed)))
    if added:
        d.parts.append(style.t("cmp_added", a=a, b=b) + "\n" + "\n".join(_task_line(new, c, style) for c in added))
    if dropped:
        d.parts.append(style.t("cmp_dropped", a=a, b=b) + "\n" + "\n".join(_task_line(old, c, style) for c in dropped))
    if changed:
        lines = []
        for p in changed:
            lead = [style.t("cmp_lead_changed", a=style.p(p.old.lead or "—"), b=style.p(p.new.lead or "—"))]
            detail = (lead if p.old.lead != p.new.lead else []) + _figure_changes(p.old, p.new, style, changed_only=True)
            sep = "；" if style.language == "zh" else "; "
            lines.append(f"- {ref(old, p.old)} → {ref(new, p.new)} {style.p(p.new.title)}：{sep.join(detail)}")
            _cite(d, old, p.old, _figure_quote(p.old))
            _cite(d, new, p.new, _figure_quote(p.new))
        d.parts.append(style.t("cmp_changed") + "\n" + "\n".join(lines))
    for c in added:
        _cite(d, new, c)
    for c in dropped:
        _cite(d, old, c)
    return d


def _task_line(plan: Plan, clause: Clause, style: Style) -> str:
    lead = f"（{style.t('lead_of')}{style.p(clause.lead)}）" if clause.lead and style.language == "zh" else (
        f" ({style.t('lead_of')}{clause.lead})" if clause.lead else "")
    return f"- {ref(plan, clause)} {style.p(clause.title)}{lead}"


def _topic_changes(old: Plan, new: Plan, pairs: list[Pair], topic: str, style: Style) -> Draft:
    if not pairs:
        return Draft(refused=True, parts=[style.t("cmp_topic_none", topic=style.p(topic))])
    d = Draft()
    for p in pairs:
        if p.old is not None and p.new is None:
            d.parts.append(style.t("cmp_not_listed_in", plan=_name(new, style), task=style.p(p.old.title)))
        elif p.new is not None and p.old is None:
            d.parts.append(style.t("cmp_new_in", task=style.p(p.new.title), a=_when(old, style), b=_when(new, style)))
        part = compare_clauses([(old, p.old), (new, p.new)], style)
        # The missing side was just said in the task's own words; its generic line would repeat it.
        missing = {style.t("cmp_side_missing", plan=f"**{_name(plan, style)}**") for plan in (old, new)}
        d.parts += [x for x in part.parts if x not in d.parts and x not in missing]
        for c in part.citations:
            if all(x.clause_id != c.clause_id for x in d.citations):
                d.citations.append(c)
    return d
