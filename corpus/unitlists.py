"""Responsibility lists as work plans of any issuer write them, in either script.

    （责任单位：市工信局、通信发展办、各区县政府）      first unit leads, the rest take part
    〔責任單位：縣數據局〕 / 【…】 / [..] / 責任部門：… on a line of its own
    （牵头单位：市数据局；配合单位：市发改委、市工信局）  roles as labelled: the lead is what it says,
    （配合单位：…；牵头单位：…）                        in whichever order they come
    市工信局（牵头）、市科技局                          a unit marked 牵头 leads

A prefix (省/市/縣/区, with or without 委) carries to the later units of its group that lack one, from
the nearest unit before that has one: 市委宣传部、网信办 -> 市委网信办; units that name a place or a set (各区县政府) are left as written.
"""

from __future__ import annotations

import re

from corpus.types import Unit, Units

LEAD_LABELS = ("牵头单位", "牽頭單位", "牵头部门", "牽頭部門", "主责单位", "主責單位")
MEMBER_LABELS = ("配合单位", "配合單位", "配合部门", "配合部門", "参与单位", "參與單位", "协办单位", "協辦單位")
PLAIN_LABELS = ("责任单位", "責任單位", "责任部门", "責任部門", "实施单位", "實施單位")
_LABEL = "|".join(sorted(LEAD_LABELS + MEMBER_LABELS + PLAIN_LABELS, key=len, reverse=True))
_OPEN, _CLOSE = "（(〔【[［", "）)〕】]］"
_O, _C = re.escape(_OPEN), re.escape(_CLOSE)

# The list at the end of a paragraph, in any bracket: its opening bracket is followed by a label.
INLINE = re.compile(rf"[{_O}]\s*(?:{_LABEL})\s*[:：][^\n]*[{_C}]\s*[。.]?\s*$")
# A paragraph that is only a list, bracketed or not.
STANDALONE = re.compile(rf"^[{_O}]?\s*(?:{_LABEL})\s*[:：].*$")
_SEGMENT = re.compile(rf"(?:^|[；;，,。]\s*)(?P<label>{_LABEL})\s*[:：]")
_OTHERS = re.compile(
    r"等(?:省直|市直|县直|縣直|区直|區直)?(?:其他|其它)?(?:有关|有關|相关|相關)?(?:单位|單位|部门|部門)$"
)
_PREFIXES = ("省委", "市委", "县委", "縣委", "区委", "區委", "省", "市", "县", "縣", "区", "區")
_NO_CARRY = ("各", "有关", "有關", "相关", "相關", "全")
# Words that begin with a prefix character but are not a prefix: 市场监管局 is not 市 + 场监管局.
_NOT_PREFIX = ("市场", "市場", "区块", "區塊", "区域", "區域", "县域", "縣域", "市域", "省域")
_LEAD_NOTE = re.compile(r"^[（(]\s*(牵头|牽頭)\s*[)）]$")


def split_top(text: str, seps: str) -> list[str]:
    """Split on any of `seps` outside brackets: (含平潭,下同) is one note, not two groups."""
    out, depth, cur = [], 0, []
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [p.strip() for p in out if p.strip()]


def _strip_brackets(text: str) -> str:
    text = text.strip().rstrip("。.").strip()
    if text[:1] in _OPEN and text[-1:] in _CLOSE:
        text = text[1:-1]
    return text.strip()


def _units(body: str) -> tuple[list[Unit], bool, list[int]]:
    """Units of one unlabelled list, the 等…有关单位 flag, and the positions marked （牵头）."""
    units: list[Unit] = []
    marked: list[int] = []
    others = False
    for group in split_top(body, ",，"):
        prefix = ""
        for item in split_top(group, "、"):
            if m := _OTHERS.search(item):
                others = True
                item = item[: m.start()]
            m = re.match(r"^(.*?)([（(][^（(]*[)）])?$", item)
            written, note = (m.group(1).strip(), m.group(2) or "") if m else (item, "")
            if not written:
                continue
            if _LEAD_NOTE.match(note):
                marked.append(len(units))
                note = ""
            own = "" if written.startswith(_NOT_PREFIX) else next((p for p in _PREFIXES if written.startswith(p)), "")
            if own:
                prefix = own  # the nearest unit before with a prefix gives it: 市委宣传部、网信办
            carry = prefix and not own and not written.startswith(_NO_CARRY)
            units.append(Unit(name=prefix + written if carry else written, written=written, note=note))
    return units, others, marked


def parse_list(text: str) -> Units | None:
    """Parse a responsibility list (with its label and brackets); None when `text` holds no units."""
    raw = _strip_brackets(text)
    starts = list(_SEGMENT.finditer(raw))
    if not starts:
        return None
    leads: list[Unit] = []
    rest: list[Unit] = []
    others = explicit = False
    for i, m in enumerate(starts):
        body = raw[m.end() : starts[i + 1].start() if i + 1 < len(starts) else len(raw)].strip(" ；;，,。")
        units, flag, marked = _units(body)
        others = others or flag
        label = m.group("label")
        if label in LEAD_LABELS:
            explicit = True
            leads += units
        elif label in MEMBER_LABELS:
            explicit = True
            rest += units
        elif marked:
            explicit = True
            leads += [units[j] for j in marked]
            rest += [u for j, u in enumerate(units) if j not in marked]
        else:
            rest += units
    if not leads and not rest:
        return None
    if explicit and leads:
        return Units(raw=raw, units=tuple(leads + rest), others=others, lead_count=len(leads), explicit=True)
    # No unit is labelled as lead: the first one leads, by the convention of the genre.
    return Units(raw=raw, units=tuple(rest), others=others)


def split_inline(paragraph: str) -> tuple[str, Units | None]:
    """(the paragraph without its closing list, the list) — or (paragraph, None)."""
    m = INLINE.search(paragraph)
    if not m:
        return paragraph, None
    units = parse_list(m.group(0))
    return (paragraph[: m.start()].rstrip(), units) if units else (paragraph, None)


def standalone(paragraph: str) -> Units | None:
    """The list when the whole paragraph is one (責任部門：… on its own line), else None."""
    return parse_list(paragraph) if STANDALONE.match(paragraph.strip()) else None
