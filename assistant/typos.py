"""Homophone typos of question words (负则 for 负责, 单为 for 单位): the intended word is put back before
the cue tables read the question. Pure; readings from pypinyin (already used by corpus.repair).

Only the words that carry a question's kind are restored, and only where the typed pair is not a
word of the plan itself, so a topic word is never rewritten.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corpus.script import fold

# The words whose miss-typing changes what a question is taken to ask (who leads, who takes part,
# what an agency does, how many). Two characters each: one wrong character in them is the typo people
# make with a pinyin keyboard.
CUE_WORDS: tuple[str, ...] = (
    "牵头", "负责", "部门", "单位", "机构", "配合", "参与", "协同", "协助", "哪些", "哪个",
    "多少", "任务", "工作", "主管", "主抓", "分管", "归口", "负总",
)
_HAN = re.compile(r"[\u3400-\u9fff]")
# A typed pair that is a common word in its own right (前头, 那个, 主观) is what the asker meant.
COMMON_WORD_FREQ = 20


def _common_word(pair: str) -> bool:
    import jieba  # already loaded by the lexical index; its dictionary knows everyday words

    return (jieba.get_FREQ(pair) or 0) >= COMMON_WORD_FREQ


@lru_cache(maxsize=8192)
def _sounds(ch: str) -> frozenset[str]:
    """Toneless readings of one character (all of them: 长 is chang and zhang)."""
    from pypinyin import Style, pinyin

    return frozenset(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


def _same_sound(a: str, b: str) -> bool:
    return all(_sounds(x) & _sounds(y) for x, y in zip(a, b, strict=True))


@lru_cache(maxsize=1)
def _by_first_sound() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for w in CUE_WORDS:
        for s in _sounds(w[0]):
            index.setdefault(s, []).append(w)
    return {k: tuple(v) for k, v in index.items()}


def restore(question: str, plan_text: str) -> str:
    """`question` with each homophone typo of a cue word replaced by the word (pairs the plan itself
    writes are left alone: they are topic, not typos)."""
    folded = fold(question)
    if len(folded) != len(question):  # folding changed the length (NFKC): leave such text as it is
        return question
    out = list(question)
    i = 0
    while i < len(folded) - 1:
        pair = folded[i : i + 2]
        if not (_HAN.match(pair[0]) and _HAN.match(pair[1])) or pair in CUE_WORDS or pair in plan_text:
            i += 1
            continue
        candidates = {w for s in _sounds(pair[0]) for w in _by_first_sound().get(s, ())}
        match = next((w for w in sorted(candidates) if w != pair and _same_sound(pair, w)), None)
        if match is None or _common_word(pair):
            i += 1
            continue
        out[i : i + 2] = list(match)
        i += 2
    return "".join(out)
