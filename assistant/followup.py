"""Follow-up context: what 它/那/這 (or a question with no topic of its own) refers back to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.types import Clause, Plan

Message = dict  # {"role": "user" | "assistant", "content": str}


@dataclass(frozen=True)
class Context:
    """What a follow-up can refer back to."""

    clause: Clause | None = None
    agency: str | None = None
    candidates: tuple[Clause, ...] = ()  # the clauses a refused previous turn listed as related
    items: tuple[Clause, ...] = ()  # the tasks the previous answer listed, in order ("第二个" picks one)
    section: Clause | None = None  # the 行動 or 工程 the previous answer cited first ("它下面有几条任务")

    @property
    def action(self) -> str | None:
        """The id of the 行動 the previous turn was about (that of the 工程 it cited, if one)."""
        return self.section.id.split(".")[0] if self.section is not None else None


# A clause id as an answer shows it: "[二.1]", "四.(四).5", "（一）" (a lone numeral only in brackets, so
# 一数一源 is no id)
_SHOWN_ID = re.compile(
    r"(?<![\u4e00-\u9fff.])([一二三四五六]\.(?:[(（][一二三四五六][)）](?:\.\d{1,2})?|\d{1,2}))|[\[（(]([一二三四五六序结結])[\]）)\s]"
)


# Where a refusal's list of related clauses begins (wording.py's "related" line, in either script or
# English): those were offered as not answering, so they are no topic the asker saw answered.
_RELATED = re.compile(r"仅供参考|僅供參考|for reference only|您指的是|Which task do you mean", re.I)


def shown_ids(plan: Plan, text: str) -> list[str]:
    """The ids of the plan's clauses an answer's text cites, in order, each once (none of a refusal's
    related clauses, nor of a question asked back)."""
    out: list[str] = []
    text = _RELATED.split(text or "", maxsplit=1)[0]
    for m in _SHOWN_ID.finditer(text):
        cid = (m.group(1) or m.group(2)).replace("（", "(").replace("）", ")").replace("结", "結")
        if plan.get(cid) is not None and cid not in out:
            out.append(cid)
    return out


def last_user_turn(history: list[Message]) -> int | None:
    """Index of the last non-empty user message, or None."""
    users = [i for i, m in enumerate(history) if m.get("role") == "user" and str(m.get("content", "")).strip()]
    return users[-1] if users else None


def context_from(
    plan: Plan, cited_ids: list[str], agency: str | None, related_ids: list[str] = (), not_stated: bool = False
) -> Context:
    """The previous answer's first cited task, its 行動, its agency, and what it listed as related."""
    cited = [c for c in (plan.get(i) for i in cited_ids) if c is not None]
    related = tuple(c for c in (plan.get(i) for i in related_ids) if c is not None)
    # a task first; else the preamble or closing quoted ("…综合试点指的是啥" then "具体内容有哪些")
    clause = next((c for c in cited if c.kind == "task"), None) or next(
        (c for c in cited if c.kind in ("preamble", "closing")), None
    )
    if clause is None and not_stated and related and related[0].kind in ("task", "preamble", "closing"):
        clause = related[0]  # "not stated" still settled the topic: "谁负责" after it is about that task
    # (a list of 工程 when no task is cited: "第三个是讲啥的" after "行动四有几个工程")
    items = tuple(c for c in cited if c.kind == "task") or tuple(c for c in cited if c.kind == "project")
    section = next((c for c in cited if c.kind in ("action", "project")), None)
    return Context(clause=clause, agency=agency, candidates=related, items=items, section=section)


_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
# English numbers, ordinals and Roman numerals as a question names a part ("action five", "the third action", "action iv")
_EN_NUM = {
    **_EN_ORDINALS, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6,
}
# "第二个具体要做啥", "排第二的那项", "最后一条呢", "the second one": an item of the list the previous answer gave (not 第二个工程,
# 第五部分, 第二批: parts of the plan or rounds of a programme)
_ITEM = re.compile(
    r"第(?P<n>[一二三四五六七八九十]|\d{1,2})(位|名)?(的)?(那)?(条|个|项|件)(?!(大)?(行动|工程|部分|批|届|任务里|板块))|(?P<last>最后)一(条|个|项|件)(?!(大)?(行动|工程|部分))"
    r"|\bthe (?P<en>first|second|third|fourth|fifth|sixth|last) (one|item|task)\b"
)


def item_pointer_removed(folded: str) -> str:
    """The question without its pointer at a listed item ("那排第二的那项由谁领头" -> "那 由谁领头")."""
    return re.sub(rf"(排(在)?)?(?:{_ITEM.pattern})", " ", folded)


def numeral(token: str) -> int | None:
    """一…十, digits or an English number as a number ("第三个", "第5条", "five", "third"), else None."""
    return int(token) if token.isdigit() else _CN_NUM.get(token) or _EN_NUM.get(token)


def picked_item(folded: str, ctx: Context) -> Clause | None:
    """The item of the previous answer's list a question points at by its place, or None."""
    m = _ITEM.search(folded)
    if not m or len(ctx.items) < 2:
        return None
    if m.group("last") or m.group("en") == "last":
        return ctx.items[-1]
    n = (numeral(m.group("n")) if m.group("n") else None) or _EN_ORDINALS.get(m.group("en") or "", 0)
    return ctx.items[n - 1] if 0 < n <= len(ctx.items) else None
