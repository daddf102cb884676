"""Question cleaning, done once at the edge (CLI, web, eval all call `clean_question`).

Bounded work whatever arrives: the raw text is cut to a window (its head and its tail) *before*
any cleaning pass, so a megabyte paste costs the same as a few thousand characters. A cleaned text
longer than the limit is answered on its last question (the last sentence ending in ？ or ?) when it
has one, else on its first `limit` characters; a note says which (`note_text` words it).
"""

from __future__ import annotations

import re
import unicodedata

import regex

# Invisible characters are dropped, not spaced ("算\u200b力" must stay the word 算力): the Unicode
# Default_Ignorable_Code_Point set (zero-width and bidi marks, variation selectors, tag characters,
# U+034F, U+115F/U+3164 fillers, soft hyphen, …) — the property, not a hand-made list.
_INVISIBLE = regex.compile(r"\p{Default_Ignorable_Code_Point}+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_MARKUP = re.compile(r"<[^<>]*>")  # any length: a 301-character tag is still a tag
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)  # with their content
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")  # terminal colour and cursor codes
_QUESTION_MARKS = "？?"
_SENTENCE_ENDS = "。！？!?；;"

WINDOW = 20  # the raw text kept before cleaning: head and tail of WINDOW × limit characters each
TRUNCATED = "truncated"  # note: "truncated:<limit>" — answered on the first <limit> characters
FROM_PASTE = "question_from_paste"  # note: "question_from_paste:<chars of the paste>" — its last question


def _window(text: str, limit: int) -> str:
    """Head and tail of an over-long raw text (the question of a long paste is usually at its end)."""
    keep = max(WINDOW * max(limit, 1), 2000)
    if len(text) <= 2 * keep:
        return text
    return text[:keep] + "\n" + text[-keep:]


def _has_words(text: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


def _last_question(text: str, limit: int) -> str | None:
    """The last sentence ending in ？/? (within `limit` characters and with words), if any."""
    tail = text[-(limit * 4) :]
    ends = [i for i, ch in enumerate(tail) if ch in _QUESTION_MARKS]
    for end in reversed(ends):
        start = max(tail.rfind(ch, 0, end) for ch in _SENTENCE_ENDS) + 1
        question = tail[start : end + 1].strip()
        if question and len(question) <= limit and _has_words(question):
            return question
    return None


def clean_question(text: object, limit: int, strip_markup: bool = True) -> tuple[str, list[str]]:
    """Make any input safe to process: text only, no control characters, terminal escapes, invisible
    characters or lone surrogates, no pasted HTML (unless `strip_markup` is off, for showing the
    question back escaped), whitespace collapsed, at most `limit` characters. Returns (question, notes).

    A longer text is answered on its last question (note `question_from_paste:<n>`) or, without one,
    on its first `limit` characters (note `truncated:<limit>`)."""
    notes: list[str] = []
    if text is None:
        return "", notes
    if not isinstance(text, str):
        text = str(text)
    text = _window(text, limit)  # cut first: every pass below is over a bounded text
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> '?'
    text = _INVISIBLE.sub("", text)
    text = _ANSI.sub(" ", text)
    text = _CONTROL.sub(" ", text)
    if strip_markup:  # pasted HTML is noise to the question (the UI escapes what it shows)
        text = _MARKUP.sub(" ", _SCRIPT.sub(" ", text))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cs")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        question = _last_question(text, limit)
        if question is not None:
            notes.append(f"{FROM_PASTE}:{len(text)}")
            return question, notes
        text = text[:limit]
        notes.append(f"{TRUNCATED}:{limit}")
    return text, notes


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~#&])")


def escape_markdown(text: str) -> str:
    """User text made literal inside Markdown: no emphasis, links, images or raw HTML tags."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


READ_AS = "read-as"  # homophone typos were put right (assistant.typos): the asker sees how it was read


def note_text(note: str, question: str, english: bool = False) -> str:
    """What a cleaning note tells the asker: which part of a long input was answered."""
    kind, _, n = note.partition(":")
    if kind == READ_AS:
        if english:
            return f"Read as: “{escape_markdown(question)}”"
        return f"已按“{escape_markdown(question)}”理解。"
    if kind == FROM_PASTE:
        if english:
            return f"The text was long ({n} characters); its last question was answered: “{escape_markdown(question)}”"
        return f"问题过长（{n}字），已按其中最后一个问句回答：“{escape_markdown(question)}”"
    if english:
        return f"The question was long; it was answered on its first {n} characters."
    return f"问题过长，已按前{n}个字回答。"
