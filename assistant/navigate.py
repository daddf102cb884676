"""Structure questions: which 行動/工程 a question names, and answers that walk the plan tree."""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

from assistant import compose
from assistant.compose import Draft, Style
from assistant.followup import Context, numeral
from assistant.intents import Intent, asks_actions_and_projects
from corpus.script import fold
from corpus.types import Clause, Plan


def _shared(a: str, b: str) -> int:
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


# 行动四, 第四个行动, 第三部分 (the plan's parts are its 行動)
# (not 行动一共 / 行动一起: 一 there starts a word of its own)
_ACTION_NUMBER = re.compile(r"行动\s*([一二三四五六七八九十1-9])(?![共起些直定般同致切体下样并])|第\s*([一二三四五六七八九十1-9])\s*(?:个|项|大)?\s*(?:行动|部分)")
_ACTION_NUMBER_EN = re.compile(r"\baction\s+(one|two|three|four|five|[1-5]|iv|v|i{1,3})\b|\b(first|second|third|fourth|fifth)\s+action\b")
# A 行動 or 工程 pointed at by its number (行动三, 第四个行动, 第二个工程): no topic of the question's own
SECTION_NUMBER = re.compile(_ACTION_NUMBER.pattern + r"|第\s*[一二三四五六1-6]\s*(?:个|项|大)?\s*工程|工程\s*[一二三四五六1-6]|[(（][一二三四五六][)）]\s*工程")


def _heading(action: Clause) -> str:
    """A 行動's heading without its number ("实施数据要素市场培育行动"), folded."""
    return fold(action.path[0].split("、", 1)[-1])


def _core(action: Clause) -> str:
    """A 行動's own words, without 实施…行动 ("数据要素市场培育")."""
    return _heading(action).removeprefix("实施").removesuffix("行动")


def named_action(plan: Plan, folded: str) -> Clause | None:
    """行动四 / 第四个行动 / a 行動's own heading words."""
    m = _ACTION_NUMBER.search(folded)
    if m:
        n = numeral(m.group(1) or m.group(2))
        return plan.actions[n - 1] if n and n <= len(plan.actions) else None
    m = _ACTION_NUMBER_EN.search(folded)
    if m:  # "under action five on security", "the third action"
        n = numeral(m.group(1) or m.group(2))
        return plan.actions[n - 1] if n and n <= len(plan.actions) else None
    for a in plan.actions:
        heading = _heading(a)
        # (its own words alone, 6+ characters, name it too: "数据要素市场培育有几条任务")
        if heading.removeprefix("实施") in folded or heading in folded or (len(_core(a)) >= 6 and _core(a) in folded):
            return a
    # Named loosely ("安全保障提升行动" for 實施數字安全保障提升行動): the one heading sharing the longest
    # stretch (4+ characters besides 行动) with a question that says 行动.
    if "行动" not in folded and not re.search(r"部分|板块|那块|这块|大块|方面", folded):  # 安全保障那部分, 这一大块
        return None
    shared = sorted(
        ((_shared(_heading(a).removesuffix("行动"), folded), i) for i, a in enumerate(plan.actions)),
        reverse=True,
    )
    if shared and shared[0][0] >= 4 and (len(shared) == 1 or shared[1][0] < shared[0][0]):
        return plan.actions[shared[0][1]]
    # an English name read through the glossary word by word ("the action on cultivating the data-factor
    # market": 行動 市場 數據): the one heading holding every word
    words = [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", folded) if w != "行动"]
    holding = [a for a in plan.actions if words and all(w in _heading(a) for w in words)]
    return holding[0] if len(holding) == 1 else None


def named_actions(plan: Plan, folded: str) -> list[Clause]:
    """Every 行動 a question names by a stretch of its heading (5+ characters besides 实施/行动), in the
    plan's order: "数据要素市场培育和数字安全保障这两个行动" names two."""
    return [a for a in plan.actions if _shared(_core(a), folded) >= 5]


def _action_with_projects(plan: Plan) -> str | None:
    """The 行動 whose 工程 a bare "第三个工程" means when the question names none (行動四 here)."""
    return next((p.parent_id for p in plan.projects), None)


def named_project(plan: Plan, folded: str, ctx: Context) -> Clause | None:
    """A 工程 by its title, or by number within the 行動 of the question or the conversation."""
    # (the glossary reads an English name word by word: "數字賦能 社會發展 工程" is the title once the spaces go)
    squeezed = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", folded)
    for p in plan.projects:
        if fold(p.title) in squeezed or fold(p.title).removesuffix("工程") in squeezed:
            return p
    # (or its words, each in the one title holding them all: "數字賦能 文旅 工程" for 數字賦能文旅發展工程)
    words = [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", folded) if w != "工程"]
    holding = [p for p in plan.projects if words and all(w in fold(p.title) for w in words)]
    if len(words) >= 2 and len(holding) == 1:
        return holding[0]
    # Named loosely ("科技创新和产业创新融合那个工程"): the one title sharing the longest stretch (4+
    # characters) with the question; a tie (数字赋能 starts three titles) names none.
    shared = sorted(((_shared(fold(p.title), folded), i) for i, p in enumerate(plan.projects)), reverse=True)
    if shared and shared[0][0] >= 4 and (len(shared) == 1 or shared[1][0] < shared[0][0]):
        return plan.projects[shared[0][1]]
    # Named by its distinctive word ("文旅工程", "生态那个工程"): the one title holding the word before 工程
    for stem in re.findall(r"([\u4e00-\u9fff]{2,8}?)(?:那个|这个|的)?工程", folded):
        for k in range(len(stem) - 1):
            found = [p for p in plan.projects if stem[k:] in fold(p.title)]
            if len(found) == 1:
                return found[0]
            if found:
                break
    # by its place within the 行動 of the question or the conversation: 第三个工程, or the last one
    # ("千行百业行动里头最后一个工程叫啥")
    last = re.search(r"(最后|最末|末尾)(一|那)?个?工程", folded)
    first = re.search(r"(头|首)个\s*工程", folded)  # 首个工程: the first
    m = None if last or first else re.search(
        r"(?:第|头|首)\s*([一二三四五六1-6])\s*(?:个|项)?\s*工程|[(（]([一二三四五六])[)）]\s*工程?|工程\s*([一二三四五六])"
        r"|排(?:在)?第\s*([一二三四五六1-6])\s*(?:位|个|名)?的?\s*(?:那个|那项)?工程",  # 排第一的工程
        folded,
    )
    if not (last or first or m):
        return None
    parent = ctx.action or _action_with_projects(plan)
    projects = [p for p in plan.projects if p.parent_id == parent] or list(plan.projects)
    if last or first:
        return (projects[-1] if last else projects[0]) if projects else None
    n = numeral(next(g for g in m.groups() if g))
    return projects[n - 1] if n and n <= len(projects) else None


def structure_answer(
    plan: Plan,
    q: str,
    intent: Intent,
    style: Style,
    ctx: Context,
    target_task: Callable[[], Clause | None],
    refuse: Callable[[], Draft],
) -> Draft:
    """行動 / 工程 / task listings and "which 行動 is this task in"; `target_task` finds the task
    a parent question is about, `refuse` answers when none is found."""
    folded = fold(q)
    project = named_project(plan, folded, ctx)
    action = named_action(plan, folded)
    if action is None and _ACTION_NUMBER.search(folded):
        return refuse()  # 行动四 in a plan with three 行動: no other 行動 stands in for it
    if intent.structure == "parent":
        clause = target_task()
        return compose.parent_answer(clause, style) if clause else refuse()
    several = named_actions(plan, folded) if project is None else []
    if len(several) >= 2 and (intent.structure == "tasks" or "任务" in folded or "条" in folded):
        # each named 行動's tasks, one after the other
        return compose.combine([(style.p(a.title), compose.tasks_answer(plan, a, style)) for a in several], style)
    if intent.structure == "tasks" or (project is not None and "任务" in folded):
        parent = project or action
        if parent is None and ctx.clause is not None:
            parent = plan.parent(ctx.clause) or ctx.clause  # 行動一 is its own parent
        if parent is None:  # "一共多少条任务": the whole plan's
            return compose.all_tasks_answer(plan, style)
        return compose.tasks_answer(plan, parent, style)
    if project is None and action is None and asks_actions_and_projects(folded):
        # "有几个行动几个工程": both counts, each listed
        both = compose.actions_answer(plan, style)
        action_id = _action_with_projects(plan)
        if action_id is not None:
            projects = compose.projects_answer(plan, action_id, style)
            both.parts += projects.parts
            both.citations += [c for c in projects.citations if c not in both.citations]
        return both
    if intent.structure == "projects" or "工程" in folded:
        if project is not None:
            return compose.tasks_answer(plan, project, style)
        action_id = (action.id if action else ctx.action) or _action_with_projects(plan)
        if action_id is None:  # "行动四包含哪些工程" in a plan with three 行動, or one without 工程
            return refuse()
        return compose.projects_answer(plan, action_id, style)
    if action is not None and intent.structure == "actions" and _ACTION_NUMBER.search(folded):
        # "第五个行动是讲啥的": that 行動 by its number, with what is under it
        has_projects = any(p.parent_id == action.id for p in plan.projects)
        return compose.projects_answer(plan, action.id, style) if has_projects else compose.tasks_answer(plan, action, style)
    if action is not None and intent.structure != "actions":
        return compose.projects_answer(plan, action.id, style)
    return compose.actions_answer(plan, style)
