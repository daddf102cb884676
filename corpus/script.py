"""Script folding: the plan is traditional, most questions simplified. Both are folded to one form."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_HANS_ONLY = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=4)
def _converter(config: str):
    from opencc import OpenCC  # opencc-python-reimplemented: pure Python, no native build

    return OpenCC(config)


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


@lru_cache(maxsize=65536)
def to_traditional(text: str) -> str:
    # s2tw, not s2t: the plan writes 為/裡 as printed today, where s2t gives the older 爲/裏.
    return _converter("s2tw").convert(text)


def fold(text: str) -> str:
    """The one form used for matching: NFKC (full-width ASCII, compatibility forms), simplified, lower."""
    return to_simplified(unicodedata.normalize("NFKC", text)).lower()


def detect_script(text: str) -> str:
    """'traditional' when converting to simplified changes the text, 'simplified' when converting to
    traditional would, else 'neutral' (no script-specific characters, e.g. English or 工程)."""
    han = "".join(_HANS_ONLY.findall(text))
    if not han:
        return "neutral"
    if to_simplified(han) != han:
        return "traditional"
    if to_traditional(han) != han:
        return "simplified"
    return "neutral"


def in_script(text: str, script: str) -> str:
    """Render `text` in the asker's script (traditional stays as the plan wrote it)."""
    return to_simplified(text) if script == "simplified" else text
