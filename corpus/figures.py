"""Quantitative targets in a clause's text ("新建5G基站2000个", "不低于60%"), and their pairing across plans.

A figure is a number followed by a known unit: a bare number (5G, 2025年, a task's own "1.") is not a
target. Its subject is the words around it without the number or wording such as 达到/不低于, folded to
one script, so that "全年新建5G基站1200个" (2024) and "全年新建5G基站2000个" (2025) share a key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.script import fold

# Longest first: 人次 before 人, 万户 before 万. Both scripts; "P" is computing power (PFLOPS).
_UNITS = (
    "个百分点", "個百分點", "万人次", "萬人次", "万户", "萬戶", "万人", "萬人", "万元", "萬元", "亿元", "億元",
    "万亩", "萬畝", "平方公里", "平方米", "公里", "千米", "人次", "百分点", "百分點",
    "个", "個", "家", "项", "項", "条", "條", "户", "戶", "人", "座", "所", "套", "处", "處", "台", "臺",
    "张", "張", "批", "场", "場", "次", "倍", "元", "亿", "億", "万", "萬", "%", "P",
)
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS)
# Not preceded by a digit, a dot or a letter (5G-A, v2.0); the unit must not run on into a Latin word
# (2000Pa is not 2000 P). Full-width digits are folded to ASCII before matching.
_FIGURE = re.compile(rf"(?<![\d.A-Za-z])(\d+(?:\.\d+)?)\s*({_UNIT_RE})(?![A-Za-z])")
# A task's own numbering at the start of a sentence: "1.", "（1）", "(2)".
_NUMBERING = re.compile(r"^\s*(?:\d+[.．、](?!\d)|[（(]\d+[）)])")
_SEGMENT = re.compile(r"[^，,；;。！？!?\n]+")
# Wording that qualifies a figure but is not what it counts: dropped from the subject key.
_MIN = ("不低于", "不少于", "不低於", "不少於", "以上", "超过", "超過", "突破", "至少", "逾")
_MAX = ("不超过", "不超過", "不高于", "不高於", "以内", "以內", "以下", "控制在")
_FILLER = ("达到", "達到", "增至", "提高到", "提高至", "提升至", "提升到", "增加到", "累计", "累計", "达", "達", "约", "約")
_TRIM = "、和及与與等：: "  # not quotes: “一件事一次办”主题服务 keeps both of its marks


@dataclass(frozen=True)
class Figure:
    value: float  # the number as written (3 in 3万户; the multiplier stays in the unit)
    unit: str  # as written: 个, 万户, %, 亿元 …
    written: str  # the figure as written: 2000个, 1.5亿元
    phrase: str  # the comma/semicolon segment holding it: 全年新建5G基站2000个
    subject: str  # folded key to pair figures across plans: 全年新建5g基站
    label: str = ""  # the same words as written, for display: 全年新建5G基站
    bound: str = ""  # min (不低于, 以上, 突破…) | max (不超过, 以内…) | "" (exact or 达到)

    @property
    def base(self) -> tuple[float, str]:
        """(value, unit) with 万/亿 multiplied out, folded: 1.5亿元 → (150000000, 元); to compare 万元 with 亿元."""
        unit = fold(self.unit)
        for prefix, factor in (("亿", 1e8), ("万", 1e4)):
            if unit.startswith(prefix) and unit != prefix:
                return self.value * factor, unit[len(prefix):]
            if unit == prefix:
                return self.value * factor, ""
        return self.value, unit


def _bound(before: str, after: str) -> str:
    if any(w in before[-4:] for w in _MAX) or after.startswith(("以内", "以內", "以下")):
        return "max"
    if any(w in before[-4:] for w in _MIN) or after.startswith(("以上", "多")):
        return "min"
    return ""


def _label(before: str, after: str) -> str:
    # Only the wording next to the figure qualifies it: 达 inside 通达率 stays.
    before = before.strip(_TRIM)
    words = sorted(_MIN + _MAX + _FILLER, key=len, reverse=True)
    while (w := next((w for w in words if before.endswith(w)), None)):
        before = before[: -len(w)].rstrip(_TRIM)
    for w in ("以上", "以内", "以內", "以下", "多"):
        after = after.removeprefix(w)
    return (before + after.strip(_TRIM)).strip(_TRIM)


def figures(text: str) -> list[Figure]:
    """Every quantitative target in `text`, in order."""
    out: list[Figure] = []
    body = _NUMBERING.sub(lambda m: " " * len(m.group(0)), text.replace("％", "%"))
    body = "".join(chr(ord(ch) - 0xFEE0) if "０" <= ch <= "９" or ch == "．" else ch for ch in body)
    for seg in _SEGMENT.finditer(body):
        s = seg.group(0)
        matches = [m for m in _FIGURE.finditer(s) if not s[m.end(2):].startswith(("年", "月", "日"))]
        # A year written as 2025年 never reaches here ("年" is not a unit); a 4-digit number followed by
        # 年底/年前 is a date too, which the lookahead above drops with 年.
        prev_end = 0
        for i, m in enumerate(matches):
            before = s[prev_end:m.start()]
            last = i == len(matches) - 1
            # The words after a figure name it only when no later figure claims them
            # ("支持100家规上工业企业…"); "智能工厂10家、数字化车间30个" keeps each to its own.
            after = s[m.end():] if last else ""
            out.append(Figure(
                value=float(m.group(1)),
                unit=m.group(2),
                written=text[seg.start() + m.start():seg.start() + m.end()].strip(),
                phrase=s.strip(),  # numbering blanked out
                subject=fold(label := _label(before, after)),
                label=label,
                bound=_bound(s[:m.start()], s[m.end():]),
            ))
            prev_end = m.end()
    return out


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams (0..1)."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


# Subjects as different as "新增算力规模" and "算力规模" (0.75) are the same target; "行政村通达率" against
# "开展5G-A试点应用" (0.0) are not. 0.4 keeps reworded targets together and unrelated ones apart.
PAIR_THRESHOLD = 0.4


def pair_figures(old: list[Figure], new: list[Figure]) -> list[tuple[Figure | None, Figure | None]]:
    """Figures of two versions of a task matched one-to-one by subject (same kind of unit only),
    best first; unmatched figures of either side come alone, old ones first."""
    scored = sorted(
        ((similarity(a.subject, b.subject), i, j) for i, a in enumerate(old) for j, b in enumerate(new)
         if a.base[1] == b.base[1]),
        reverse=True,
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for score, i, j in scored:
        if score < PAIR_THRESHOLD:
            break
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j))
    out: list[tuple[Figure | None, Figure | None]] = [(old[i], new[j]) for i, j in sorted(pairs, key=lambda p: p[1])]
    out += [(f, None) for i, f in enumerate(old) if i not in used_old]
    out += [(None, f) for j, f in enumerate(new) if j not in used_new]
    return out


def change(old: Figure, new: Figure) -> str:
    """new − old, signed, in the new figure's unit ("+800个", "+0.5亿元"); a change of a percentage is
    in 个百分点, as such plans write it; "" when the units are of different kinds or nothing changed."""
    (a, unit_a), (b, unit_b) = old.base, new.base
    if unit_a != unit_b:
        return ""
    per_unit = b / new.value if new.value else 1.0  # base units in one of the new figure's units
    delta = round((b - a) / per_unit, 6)
    if not delta:
        return ""
    unit = "个百分点" if new.unit in ("%", "％") else new.unit
    return f"{delta:+g}{unit}"
