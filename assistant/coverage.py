"""How much of a question's topic a clause covers: the refusal signal (pure functions).

Character-level, not word-level: jieba segments a question and the plan differently (區塊鏈有 ->
区块/链有), so a topic character counts as covered when it sits in a stretch of two or more
characters that the clause also contains.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"[0-9a-z\u3400-\u9fff]+")
_PARTS = re.compile(r"[0-9a-z]+|[^0-9a-z]+")
ENGLISH_WORD_WEIGHT = 2  # an English word weighs as one Chinese word of two characters (see _weight)


def topic_runs(masked: str) -> list[str]:
    """Stretches of letters, digits and Chinese characters left after masking non-topic words."""
    return _RUN.findall(masked)


def char_coverage(runs: list[str], text: str) -> float:
    """Share of the runs' characters inside a 2+ character stretch that `text` contains.

    With nothing to judge, coverage is 1.0: the question names no topic of its own.
    """
    total = sum(_weight(p) for run in runs for p in _PARTS.findall(run))
    if total == 0:
        return 1.0
    covered = 0
    for run in runs:
        for part in _PARTS.findall(run):
            if part.isascii():
                # Numbers and Latin words count only whole: 2024 is not in 2025, nor 6g in 5g.
                covered += _weight(part) if re.search(rf"(?<![0-9a-z]){part}(?![0-9a-z])", text) else 0
                continue
            covered += sum(_marks(part, text))
    return covered / total


def _weight(part: str) -> int:
    """What a stretch weighs in the topic: a character each for Chinese and for digits and codes (2024,
    5g), but an English word as much as a two-character Chinese word. Counted by its letters, a word left
    unreplaced (backing, anywhere) outweighed the plan's own words the glossary put beside it."""
    return min(len(part), ENGLISH_WORD_WEIGHT) if part.isalpha() and part.isascii() else len(part)



def _marks(part: str, text: str) -> list[bool]:
    """Which characters of `part` sit in a 2+ character stretch that `text` contains."""
    marks = [False] * len(part)
    for i in range(len(part)):
        for j in range(len(part), i + 1, -1):  # longest stretch first
            if part[i:j] in text:
                marks[i:j] = [True] * (j - i)
                break
    return marks


def uncovered(runs: list[str], text: str) -> list[str]:
    """The runs' stretches of two or more Chinese characters that `text` does not cover (the same
    rule as `char_coverage`): what a question asks about that the text never says."""
    out = []
    for run in runs:
        for part in _PARTS.findall(run):
            if not part.isascii():
                flags = "".join("1" if m else "0" for m in _marks(part, text))
                out += [part[m.start() : m.end()] for m in re.finditer(r"0{2,}", flags)]
    return out
