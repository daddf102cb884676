"""Question cleaning, done once at the edge (CLI, web, eval all call `clean_question`)."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
# Invisible format characters (zero-width, bidi marks and overrides, soft hyphen) are dropped, not spaced:
# "算\u200b力" must stay the word 算力.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_MARKUP = re.compile(r"<[^<>]{0,300}>")
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)  # with their content
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")  # terminal colour and cursor codes


def clean_question(text: object, limit: int, strip_markup: bool = True) -> tuple[str, list[str]]:
    """Make any input safe to process: text only, no control characters, terminal escapes or lone
    surrogates, no pasted HTML (unless `strip_markup` is off, for showing the question back escaped),
    whitespace collapsed, at most `limit` characters. Returns (question, notes)."""
    notes: list[str] = []
    if text is None:
        return "", notes
    if not isinstance(text, str):
        text = str(text)
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> '?'
    text = _INVISIBLE.sub("", text)
    text = _ANSI.sub(" ", text)
    text = _CONTROL.sub(" ", text)
    if strip_markup:  # pasted HTML is noise to the question (the UI escapes what it shows)
        text = _MARKUP.sub(" ", _SCRIPT.sub(" ", text))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cs")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        text = text[:limit]
        notes.append(f"truncated:{limit}")
    return text, notes
