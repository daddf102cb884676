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
    "多少", "任务", "工作", "主管", "主抓", "分管", "归口", "负总", "协办", "目标", "指标", "管理",
)
_HAN = re.compile(r"[\u3400-\u9fff]")
# A typed pair that is a common word in its own right (前头, 那个, 主观) is what the asker meant.
COMMON_WORD_FREQ = 20


RARE_NAME_FREQ = 300  # a two-character name rarer than this in jieba's dictionary is a term (算力, 峰会, 基站)


def _word_freq(word: str) -> int:
    import jieba  # already loaded by the lexical index; its dictionary knows everyday words

    jieba.initialize()  # a no-op once loaded; get_FREQ is empty before
    return jieba.get_FREQ(word) or 0


def word_starts(text: str) -> dict[int, int]:
    """Where the words jieba cuts the text into (dictionary only) start, with their lengths: a typo is read
    back only from a word's start, so a window never takes the tail of a word it does not belong to
    (直达|数据中心 has no 大数据中心 in it, 权益|保障 no 益保)."""
    import jieba

    starts, at = {}, 0
    for tok in jieba.lcut(text, HMM=False):
        starts[at] = len(tok)
        at += len(tok)
    return starts


def _one_off(typed: str, word: str) -> bool:
    return sum(a != b for a, b in zip(typed, word, strict=True)) == 1


def _common_word(pair: str) -> bool:
    return _word_freq(pair) >= COMMON_WORD_FREQ


@lru_cache(maxsize=8192)
def _sounds(ch: str) -> frozenset[str]:
    """Toneless readings of one character (all of them: 长 is chang and zhang)."""
    from pypinyin import Style, pinyin

    return frozenset(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


@lru_cache(maxsize=16384)
def _main_sound(ch: str) -> str:
    """The everyday reading of one character: a typed character is typed by it (潭 is tan, never its
    rare dan; 有 is you, never wei)."""
    from pypinyin import Style, pinyin

    return pinyin(ch, style=Style.NORMAL, heteronym=False)[0][0]


def _same_sound(typed: str, word: str) -> bool:
    return all(_main_sound(x) in _sounds(y) for x, y in zip(typed, word, strict=True))


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
    starts = word_starts(folded)
    i = 0
    while i < len(folded) - 1:
        pair = folded[i : i + 2]
        if not (_HAN.match(pair[0]) and _HAN.match(pair[1])) or pair in CUE_WORDS or pair in plan_text:
            i += 1
            continue
        if folded[i + 1 : i + 3] in CUE_WORDS:
            i += 1  # "那协同": its second character starts a cue word typed right (协同), so 那协 is no 哪些
            continue
        candidates = set(_by_first_sound().get(_main_sound(pair[0]), ()))
        match = next((w for w in sorted(candidates) if w != pair and _same_sound(pair, w)), None)
        # (nor a pair that starts inside a word: 机关|里 is no 管理, where 牵头|部们 is 部门)
        if match is None or _common_word(pair) or i not in starts:
            i += 1
            continue
        out[i : i + 2] = list(match)
        i += 2
    return "".join(out)


# ------------------------------------------------------------------ the plan's own names


_LATIN = re.compile(r"[A-Za-z]{6,}")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


class TermSounds:
    """The plan's words by sound: a name typed with one wrong homophone character (闽政同 for 闽政通) or
    written in pinyin in an English question (Minzhengtong) is put back as the plan writes it."""

    def __init__(
        self, terms: list[str], plan_text: str, names: list[str] = (), everyday: list[str] = (), aliases: list[str] = ()
    ):
        from pypinyin import lazy_pinyin

        self.plan_text = plan_text
        self._by_sound: dict[tuple[str, ...], str] = {}
        self._by_spelling: dict[str, str] = {}
        # Two-character names of the plan's things (算力, 峰会: the glossary's, not any jieba word) are read
        # back too, when the typed pair is no everyday word (蒜力, 丰会 are none; 事例 would be).
        self._pairs: dict[tuple[str, str], str] = {}
        # Only rare words are: a common one (城市, 模式) sounds like too many pairs that straddle two words.
        for t in sorted({fold(t) for t in names if len(fold(t)) == 2 and all(_HAN.match(ch) for ch in fold(t))}):
            if _word_freq(t) < RARE_NAME_FREQ:
                self._pairs.setdefault(tuple(_main_sound(ch) for ch in t), t)
        # Everyday two-character words the plan or the glossary knows (活跃, 警察) are read back only from a
        # pair that is no word at all (活越, 警查: jieba has never seen them), since they sound like many pairs.
        self._everyday: dict[tuple[str, str], str] = {}
        for t in sorted({fold(t) for t in everyday if len(fold(t)) == 2 and all(_HAN.match(ch) for ch in fold(t))}):
            self._everyday.setdefault(tuple(_main_sound(ch) for ch in t), t)
        # (never inside a unit's short name: 通管局 is no 通关)
        self._alias_parts = {a[i : i + 2] for a in map(fold, aliases) for i in range(len(a) - 1)}
        for t in sorted({fold(t) for t in terms}, key=lambda t: (-len(t), t)):
            if not _HAN.match(t) or not all(_HAN.match(ch) for ch in t):
                continue
            sound = tuple(lazy_pinyin(t))
            if len(t) >= 3:  # two syllables spell ordinary words and place names (Fujian, Xiamen)
                self._by_sound.setdefault(sound, t)
                # a window of the question is read character by character (below): index that reading too
                self._by_sound.setdefault(tuple(_main_sound(ch) for ch in t), t)
                self._by_spelling.setdefault("".join(sound), t)
        self._lengths = sorted({len(k) for k in self._by_sound}, reverse=True)

    def _spelled_apart(self, question: str) -> str:
        """A name spelt in pinyin word by word ("Yingji Guanli Ting", "Shangwu Ting"): the longest run of two to
        five Latin words whose letters together spell a plan's word is put back as the plan writes it."""
        words = list(_LATIN_WORD.finditer(question))
        out, at, i = [], 0, 0
        while i < len(words):
            for j in range(min(len(words), i + 5), i + 1, -1):
                span = question[words[i].start() : words[j - 1].end()]
                if re.fullmatch(r"[A-Za-z]+(?:[\s-]+[A-Za-z]+)+", span):
                    term = self._by_spelling.get(re.sub(r"[\s-]+", "", span).lower())
                    if term:
                        out += [question[at : words[i].start()], term]
                        at, i = words[j - 1].end(), j
                        break
            else:
                i += 1
        return "".join(out) + question[at:]

    def restore(self, question: str) -> str:
        question = self._spelled_apart(question)
        question = _LATIN.sub(lambda m: self._by_spelling.get(m.group().lower(), m.group()), question)
        folded = fold(question)
        if len(folded) != len(question):
            return question
        out = list(question)
        # Each character's reading once (cached across questions): a reading per window cost ~12 ms a question.
        sounds = [_main_sound(ch) if _HAN.match(ch) else "" for ch in folded]
        starts = word_starts(folded)
        i = 0
        while i < len(folded):
            if i not in starts:
                i += 1
                continue
            # one character typed wrong, no more: two or more is another word that sounds alike
            for n in self._lengths:
                window = folded[i : i + n]
                if len(window) < n or not all(sounds[i : i + n]) or window in self.plan_text:
                    continue
                term = self._by_sound.get(tuple(sounds[i : i + n]))
                if term and _one_off(window, term):
                    out[i : i + n] = list(term)
                    i += n - 1
                    break
            else:
                pair = folded[i : i + 2]
                term = self._pairs.get(tuple(sounds[i : i + 2])) if len(pair) == 2 and all(sounds[i : i + 2]) else None
                # (not a pair whose second character starts a word of its own: 当|建设 is no 党建)
                whole_word_after = starts.get(i + 1, 0) >= 2
                if term and pair not in self.plan_text and _one_off(pair, term) and not _common_word(pair) and not whole_word_after:
                    out[i : i + 2] = list(term)
                    i += 1
                elif (
                    len(pair) == 2 and all(sounds[i : i + 2]) and not whole_word_after and pair not in self.plan_text
                    and pair not in self._alias_parts and not any(ch in _QUESTION_CHARS for ch in pair)
                ):
                    word = self._everyday.get(tuple(sounds[i : i + 2]))
                    if word and _one_off(pair, word) and _word_freq(pair) == 0:
                        out[i : i + 2] = list(word)
                        i += 1
            i += 1
        return "".join(out)


_UNIT_ENDS = "局厅委办"
# Characters of a question's own grammar (几大, 各是, 局有): a pair holding one is words of the question
# side by side, never one everyday word typed wrong
_QUESTION_CHARS = frozenset("几是有的了吗么呢哪谁啥各在和跟与也都还就要会能不没个些局厅委办市省县区条项里上下")


class UnitTypos:
    """A unit's name typed with one character left out (大数局 for the alias 大数据局, 数局 for 数据局): put
    back when exactly one alias reads so and the typed form is no alias itself. A two-character form
    must be no word (布局, 举办, 协办 are words, and words of the plan are left alone). The aliases are
    indexed once: a question only looks its windows up."""

    def __init__(self, aliases: list[str], plan_text: str = ""):
        self.plan_text = plan_text
        names = {fold(a) for a in aliases}
        # every stretch of a name as typed (数据管理局 holds 管理局): such a window is no typo
        self._parts = {n[i:j] for n in names for i in range(len(n)) for j in range(i + 1, len(n) + 1)}
        by_dropped: dict[str, set[str]] = {}
        for a in names:
            if len(a) >= 3 and a[-1] in _UNIT_ENDS:
                for i in range(len(a) - 1):
                    by_dropped.setdefault(a[:i] + a[i + 1 :], set()).add(a)
        self._by_dropped = {typed: next(iter(full)) for typed, full in by_dropped.items() if len(full) == 1}

    def restore(self, question: str) -> str:
        folded = fold(question)
        if len(folded) != len(question):  # folding changed the length (NFKC): positions would not line up
            return question
        for end in range(len(folded), 0, -1):
            if folded[end - 1] not in _UNIT_ENDS:
                continue
            for start in range(max(0, end - 6), end - 1):
                typed = folded[start:end]
                if typed in self._parts:
                    break
                if len(typed) == 2 and (typed in self.plan_text or _word_freq(typed) > 0):
                    continue
                if typed in self._by_dropped:
                    return question[:start] + self._by_dropped[typed] + question[end:]
        return question
