"""Plan metadata read from the document (title, year, issuer, date, addressee) and the plan key.

The key is short, stable and readable: year + the title's distinctive words, folded to simplified
script so it can be typed either way — 《2025年數字福建工作要點》 -> `2025数字福建`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from corpus.script import to_simplified
from corpus.types import QUALIFIER

DATE = re.compile(r"^(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TITLE_WORDS = re.compile(r"(工作要点|工作要點|要点|要點|方案|计划|計劃|规划|規劃|意见|意見|通知|行动|行動)")
_ISSUER_END = re.compile(
    r"(领导小组|領導小組|办公室|辦公室|人民政府|委员会|委員會|办公厅|辦公廳|厅|廳|局|委|政府|小组|小組)$"
)
# Words that say what kind of document it is, not which: dropped from the key.
_KEY_DROP = re.compile(
    r"(关于印发|關於印發|的通知|工作要点|工作要點|要点|要點|工作方案|实施方案|實施方案|行动方案|行動方案|"
    r"行动计划|行動計劃|工作计划|工作計劃|方案|计划|計劃|规划|規劃|实施意见|實施意見|意见|意見|"
    r"年度)"
)
KEY_MAX = 12  # characters after the year
_KEY_BAD = re.compile(r"[.\s/\\:*?\"<>|《》〈〉「」『』（）()\[\]【】" + QUALIFIER + r"，,。、；;：]")


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    year: int | None = None
    issuer: str = ""
    date: str = ""
    addressee: str = ""

    def overridden(self, title: str | None = None, year: int | None = None, issuer: str | None = None) -> Metadata:
        """The document's values with the ones given on import taking precedence."""
        m = replace(self, **{k: v for k, v in (("title", title), ("issuer", issuer)) if v})
        if year is not None:
            m = replace(m, year=year)
        elif title and not self.year:
            m = replace(m, year=year_of(title))
        return m


def year_of(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def find_title(head: list[str]) -> str:
    """The title: the line a cover letter quotes in 《…》, else the first line that names a kind of plan."""
    quoted = re.search(r"《([^》]+)》", " ".join(head))
    if quoted and quoted.group(1) in head:
        return quoted.group(1)
    named = next((ln for ln in head if len(ln) <= 40 and _TITLE_WORDS.search(ln) and "。" not in ln), "")
    if named:
        return named
    if quoted:
        return quoted.group(1)
    return next((ln for ln in head if len(ln) <= 40 and not DATE.match(ln) and not ln.endswith(("：", ":"))), "")


def is_issuer(line: str) -> bool:
    return len(line) <= 30 and "。" not in line and not line.endswith(("：", ":")) and bool(_ISSUER_END.search(line))


def read_metadata(head: list[str], tail: list[str], title: str = "") -> Metadata:
    """From the lines before the first heading (cover letter, title) and the last lines (signature)."""
    title = title or find_title(head)
    date = next((ln for ln in head + tail[::-1] if DATE.match(ln)), "")
    issuer = next((ln for ln in head if ln != title and is_issuer(ln)), "")
    if not issuer:
        issuer = next((ln for ln in tail[::-1] if is_issuer(ln)), "")
    addressee = head[0].rstrip(":：") if head and head[0].endswith((":", "：")) and head[0] != title else ""
    year = year_of(title) or (int(DATE.match(date).group(1)) if date else None)
    return Metadata(title=title, year=year, issuer=issuer, date=date, addressee=addressee)


def make_key(title: str, year: int | None, fallback: str = "plan") -> str:
    """`2025数字福建` from (《2025年數字福建工作要點》, 2025); the file name stands in for an empty title."""
    words = to_simplified(title)
    words = _YEAR.sub("", words)
    words = re.sub(r"关于印发|的通知", "", words)
    words = _KEY_DROP.sub("", words)
    words = _KEY_BAD.sub("", words)[:KEY_MAX]
    if not words:
        words = _KEY_BAD.sub("", to_simplified(fallback))[:KEY_MAX] or "plan"
    return f"{year}{words}" if year else words


def unique_key(key: str, taken: set[str]) -> str:
    """`key`, or `key-2`, `key-3`… when it is taken."""
    if key not in taken:
        return key
    n = 2
    while f"{key}-{n}" in taken:
        n += 1
    return f"{key}-{n}"


def valid_key(key: str) -> bool:
    return bool(key) and not _KEY_BAD.search(key) and len(key) <= 40
