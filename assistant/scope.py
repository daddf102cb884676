"""Which plans a question is about: a year or a plan named in it ("2024年的…", "数字福州要点里…",
"去年"), and whether it compares plans ("和去年比", "有变化吗", "两年分别"). Pure: it reads only the
question and the plans' names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.script import fold

_YEAR = re.compile(r"(20\d\d)\s*年?(?:度)?")
_RELATIVE = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2}
# A comparison needs two plans; these words ask for one (said with two years, or 去年/两年).
_COMPARE = re.compile(
    r"变化|变了|改变|调整|不同|区别|差别|比较|对比|相比|比去年|比上年|较去年|和去年比|跟去年比|与去年比|"
    r"比.{0,8}[多少]|新增了?哪些|多了|少了|增加了|减少了|不再|还有吗|还在吗|还有没有|保留|分别|各是|各为|两年|历年|每年都|从.{0,12}到"
)
_FILLER = re.compile(r"(的)?(工作要点|要点|实施方案|方案|计划)(里面|里|中|内|上)?(的)?")
_LEAD_IN = re.compile(r"^[在按照据根的,，:：\s]+")


@dataclass(frozen=True)
class PlanName:
    """What scope needs to know of a served plan."""

    key: str
    title: str
    year: int | None

    @property
    def names(self) -> tuple[str, ...]:
        """Folded names a question may call the plan by: 数字青岚 and 青岚; 澄溪县数位治理, 澄溪县, 澄溪."""
        stem = fold(re.sub(r"^\d{4}", "", self.key))
        title = fold(re.sub(r"《|》|\d{4}\s*年?|工作要点|要点|实施方案|方案|的通知|关于印发", "", self.title))
        out = {stem, title}
        for s in (stem, title):
            bare = re.sub(r"^数字|^数位", "", s)
            out.add(bare)
            if m := re.match(r"^(\S{2,4}?)(省|市|县|区)", bare):
                out.update({m.group(0), m.group(1)})
        return tuple(sorted((n for n in out if len(n) >= 2), key=len, reverse=True))


@dataclass(frozen=True)
class Scope:
    keys: tuple[str, ...] = ()  # the plans the question names (by year and/or name); () = none named
    compare: bool = False  # it has a comparison cue (变了吗, 分别, 从…到); meaningful only with two plans of a series
    multi_year: bool = False  # it names two years, or 去年/两年/历年: several years of one series are meant
    question: str = ""  # the question without the words that named the plans
    missing: str = ""  # what it named that no served plan is: "2023年", for a clear message

    @property
    def named(self) -> bool:
        return bool(self.keys)


def _strip(original: str, q: str, spans: list[tuple[int, int]]) -> str:
    """The question without the spans, in the asker's own script (folding keeps the length, except for
    rare NFKC expansions: then the folded form is used)."""
    text = original if len(original) == len(q) else q
    keep = "".join(ch for i, ch in enumerate(text) if not any(a <= i < b for a, b in spans))
    # The filler words are found on the folded form, which has the same length as `keep`'s.
    folded = fold(keep)
    cut = [m.span() for m in _FILLER.finditer(folded)] if len(folded) == len(keep) else []
    out = "".join(ch for i, ch in enumerate(keep) if not any(a <= i < b for a, b in cut))
    out = _LEAD_IN.sub("", out)
    return out.strip() or original


def detect_scope(question: str, plans: Sequence[PlanName]) -> Scope:
    q = fold(question)
    spans: list[tuple[int, int]] = []
    latest = max((p.year for p in plans if p.year), default=None)
    years: list[int] = []
    for m in _YEAR.finditer(q):
        years.append(int(m.group(1)))
        spans.append(m.span())
    for word, delta in _RELATIVE.items():
        for m in re.finditer(word, q):
            if latest is not None:
                years.append(latest + delta)
            spans.append(m.span())
    # A quoted programme name is not a plan name: “云游青岚” is a platform, not the 青岚 plan.
    quoted = [m.span() for m in re.finditer(r"[“\"「『][^”\"」』]*[”\"」』]", q)]
    named: set[str] = set()
    by_name: dict[str, set[str]] = {}
    for p in plans:
        for name in p.names:
            by_name.setdefault(name, set()).add(p.key)
    for name in sorted(by_name, key=len, reverse=True):
        for m in re.finditer(re.escape(name), q):
            i, j = m.span()
            if not any(a < j and i < b for a, b in spans + quoted):
                named |= by_name[name]
                spans.append((i, j))
    if _COMPARE.search(q) and latest is not None and any(w in q for w in ("去年", "上年", "上一年", "前年")):
        years.append(latest)  # "和去年比" compares last year with this one
    years = list(dict.fromkeys(years))
    chosen = [p for p in plans if (not named or p.key in named) and (not years or p.year in years)]
    missing = ""
    if years and not any(p.year in years for p in plans if not named or p.key in named):
        missing = "、".join(f"{y}年" for y in years)
    elif named and years:
        absent = [y for y in years if not any(p.year == y for p in chosen)]
        missing = "、".join(f"{y}年" for y in absent) if absent and len(absent) == len(years) else ""
    keys = tuple(p.key for p in chosen) if (named or years) else ()
    # Whether two plans exist to compare is the desk's call (one series may have a single year).
    compare = bool(_COMPARE.search(q))
    relative = any(w in q for w in _RELATIVE if w not in ("今年", "本年"))
    multi_year = len(years) >= 2 or relative or bool(re.search(r"两年|历年|各年|每年都|这两年", q))
    return Scope(keys=keys, compare=compare, multi_year=multi_year, question=_strip(question, q, spans),
                 missing=missing)
