"""How much of a question's topic a clause covers: the refusal signal (pure functions).

Character-level, not word-level: jieba segments a question and the plan differently (區塊鏈有 ->
区块/链有), so a topic character counts as covered when it sits in a stretch of two or more
characters that the clause also contains.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"[0-9a-z\u3400-\u9fff]+")


def topic_runs(masked: str) -> list[str]:
    """Stretches of letters, digits and Chinese characters left after masking non-topic words."""
    return _RUN.findall(masked)


def char_coverage(runs: list[str], text: str, extra_missing: int = 0) -> float:
    """Share of the runs' characters inside a 2+ character stretch that `text` contains.

    `extra_missing` counts characters known to be absent (English words the glossary cannot
    translate). With nothing to judge, coverage is 1.0: the question names no topic of its own.
    """
    total = sum(len(r) for r in runs) + extra_missing
    if total == 0:
        return 1.0
    covered = 0
    for run in runs:
        marks = [False] * len(run)
        for i in range(len(run)):
            for j in range(len(run), i + 1, -1):  # longest stretch first
                if run[i:j] in text:
                    marks[i:j] = [True] * (j - i)
                    break
        covered += sum(marks)
    return covered / total
