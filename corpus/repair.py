"""Undo the known corruption of a raw plan: GBK byte misalignment and pinyin annotations.

No replacement strings are stored here: misaligned runs are re-encoded, realigned and the lost
bytes chosen by how well the result reads as Chinese (a character-bigram judge trained on the
document's own clean lines and on jieba's dictionary). No library undoes a one-byte GBK shift
(ftfy handles UTF-8/Latin-1 mixups only), hence this module.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from corpus.judge import Judge

# ---------------------------------------------------------------- GBK byte tables

_LEADS = range(0x81, 0xFF)
_TRAILS = [t for t in range(0x40, 0xFF) if t != 0x7F]


def _user_defined(lead: int, trail: int) -> bool:
    """GBK's three user-defined areas (mapped to U+E000.. by every GBK decoder)."""
    return (
        (0xAA <= lead <= 0xAF and trail >= 0xA1)
        or (0xF8 <= lead <= 0xFE and trail >= 0xA1)
        or (0xA1 <= lead <= 0xA7 and trail <= 0xA0)
    )


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, bytes], dict[bytes, str]]:
    """char -> GBK bytes and back, including GB18030-2000's private-use code points.

    Python's gb18030 follows the 2005 mapping, where e.g. A9 94 became U+2FFA; the corrupted
    text used the 2000 mapping (U+E7F2). That mapping gave the two-byte codes outside GBK and
    outside the user-defined areas consecutive code points from U+E766, in byte order.
    """
    enc: dict[str, bytes] = {}
    dec: dict[bytes, str] = {}
    legacy = 0xE766
    for lead in _LEADS:
        for trail in _TRAILS:
            b = bytes((lead, trail))
            try:
                ch = b.decode("gb18030")
            except UnicodeDecodeError:
                continue
            if len(ch) != 1:
                continue
            dec[b] = ch
            enc.setdefault(ch, b)
            try:
                b.decode("gbk")
            except UnicodeDecodeError:
                if not _user_defined(lead, trail):
                    enc.setdefault(chr(legacy), b)
                    legacy += 1
    return enc, dec


def _fullwidth(ch: str) -> str:
    """The full-width form of an ASCII character (the corrupted text was width-folded)."""
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ("\u3000" if ch == " " else ch)


def _encode(ch: str) -> bytes | None:
    enc, _ = _tables()
    return enc.get(ch) or enc.get(_fullwidth(ch))


def _decode_pair(b: bytes) -> str | None:
    return _tables()[1].get(b)


# ---------------------------------------------------------------- the judge




# ---------------------------------------------------------------- pinyin annotations

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff])\(([a-zü" + _TONED + r"]{1,7})\)")


@lru_cache(maxsize=4096)
def readings(ch: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    return frozenset(pinyin(ch, style=Style.TONE, heteronym=True)[0])


def _is_annotation(hanzi: str, syllable: str) -> bool:
    # A reading of the character, or a tone-marked syllable (pypinyin may not list every reading).
    return syllable in readings(hanzi) or any(c in _TONED for c in syllable)


# ---------------------------------------------------------------- misaligned runs


@dataclass(frozen=True)
class Fix:
    kind: str  # "gbk-misalignment" | "pinyin"
    line: int
    before: str
    after: str


@dataclass(frozen=True)
class Residue:
    line: int
    column: int
    char: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.reason} {self.char!r}"


@dataclass(frozen=True)
class RepairReport:
    fixes: tuple[Fix, ...] = ()
    residue: tuple[Residue, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        parts = [f"{k}: {v}" for k, v in sorted(self.counts.items())] or ["no fixes"]
        lines = ["repair: " + ", ".join(parts)]
        if self.residue:
            lines.append(f"residue: {len(self.residue)} suspicious character(s)")
            lines += [f"  {r}" for r in self.residue]
        else:
            lines.append("residue: none")
        return "\n".join(lines)


class RepairError(ValueError):
    """Residue left after repair: the build stops rather than index a damaged text."""

    def __init__(self, report: RepairReport):
        super().__init__(report.summary())
        self.report = report


def _is_pua(ch: str) -> bool:
    return 0xE000 <= ord(ch) <= 0xF8FF


def _run_candidates(line: str, start: int) -> list[tuple[int, bytes, bool]]:
    """Possible extents of a run that starts with the lost byte `?` at `start`.

    Returns (end index exclusive, known bytes after the lost one, ends with a lost byte).
    A misaligned GBK stream resynchronises at the first ASCII byte read as a lead byte (a
    trail byte 0x40..0x7E shows as a letter) or where the corruption lost the last byte (`?`).
    """
    known = bytearray()
    out: list[tuple[int, bytes, bool]] = []
    i = start + 1
    while i < len(line):
        ch = line[i]
        if ch == "?":
            out.append((i + 1, bytes(known), True))
            break
        if "\x40" <= ch <= "\x7e":
            out.append((i + 1, bytes(known) + ch.encode(), False))
        b = _encode(ch)
        if b is None or len(b) != 2:
            break
        known += b
        i += 1
    else:
        out.append((len(line), bytes(known), True))
    return out


def _realign(first: int, known: bytes, last: int | None) -> str | None:
    stream = bytes([first]) + known + (bytes([last]) if last is not None else b"")
    if len(stream) % 2:
        return None
    chars = [_decode_pair(stream[i : i + 2]) for i in range(0, len(stream), 2)]
    return None if any(c is None for c in chars) else "".join(chars)  # type: ignore[arg-type]


def _annotation_after(line: str, end: int) -> tuple[str | None, bool]:
    """The pinyin annotation right after a run, and whether its `(` was swallowed.

    A lost last byte makes an invalid pair with the ASCII byte after it, and the decoder's `?`
    stands for both; an annotation with no opening bracket shows that happened.
    """
    m = re.match(r"(\(?)([a-zü" + _TONED + r"]{1,7})\)", line[end:])
    return (m.group(2), not m.group(1)) if m else (None, False)


def _repair_run(line: str, start: int, judge: Judge) -> tuple[int, str] | None:
    """Best reading of the run at `start`: (end index, recovered text), or None."""
    before = line[max(0, start - 6) : start]
    candidates = _run_candidates(line, start)
    # Extents are compared on the same stretch of line, so a longer run gains nothing by length.
    horizon = max((end for end, _, _ in candidates), default=start) + 6
    best: tuple[float, int, str] | None = None
    for end, known, lost_last in candidates:
        after = line[end : end + 6]
        hint, swallowed = _annotation_after(line, end) if lost_last else (None, False)
        # The two lost bytes sit at opposite ends, so each is chosen on its own context.
        firsts = []
        for b0 in _LEADS:
            ch = _decode_pair(bytes((b0, known[0]))) if known else None
            if ch is None or _is_pua(ch):
                continue
            nxt = known[1 : 1 + 2 * ((min(len(known), 5) - 1) // 2)]
            tail = "".join(_decode_pair(nxt[i : i + 2]) or "" for i in range(0, len(nxt), 2))
            # A lost byte that made whitespace costs nothing: the line reads as if it were absent.
            firsts.append((judge.logp(before + ("" if ch.isspace() else ch) + tail), b0))
        if not firsts:
            continue
        b0 = max(firsts)[1]
        lasts: list[tuple[float, int | None]] = [(0.0, None)]
        if lost_last:
            lasts = []
            for b_end in _TRAILS:
                text = _realign(b0, known, b_end)
                if text is None or _is_pua(text[-1]):
                    continue
                score = judge.logp(text[-4:] + after)
                if hint is not None:
                    score += 0.0 if hint in readings(text[-1]) else -50.0
                lasts.append((score, b_end))
            if not lasts:
                continue
        b_end = max(lasts, key=lambda s: s[0])[1]
        text = _realign(b0, known, b_end)
        if text is None:
            continue
        if swallowed:
            text += "("
        score = judge.logp(before + text + line[end:horizon])
        if best is None or score > best[0]:
            best = (score, end, text)
    # Keep the line as it is unless the repair reads better: a genuine `?` is left to the residue check.
    as_is = judge.logp((before + line[start:horizon]).replace("?", ""))
    return (best[1], best[2]) if best and best[0] > as_is else None


def _run_starts(line: str) -> list[int]:
    # A lost byte followed by text that re-encodes to GBK double bytes.
    return [
        i
        for i, ch in enumerate(line)
        if ch == "?"
        and i + 1 < len(line)
        and (ord(line[i + 1]) > 0x7F or not line[i + 1].isalnum())
        and _encode(line[i + 1])
    ]


def repair_misalignment(text: str, judge: Judge) -> tuple[str, list[Fix]]:
    fixes: list[Fix] = []
    out_lines = []
    for n, line in enumerate(text.split("\n"), 1):
        pos = 0
        out = []
        for start in _run_starts(line):
            if start < pos:
                continue
            found = _repair_run(line, start, judge)
            if found is None:
                continue
            end, recovered = found
            out.append(line[pos:start])
            out.append(recovered)
            fixes.append(Fix("gbk-misalignment", n, line[start:end], recovered))
            pos = end
        out.append(line[pos:])
        out_lines.append("".join(out))
    return "\n".join(out_lines), fixes


def remove_pinyin(text: str) -> tuple[str, list[Fix]]:
    fixes: list[Fix] = []
    out_lines = []
    for n, line in enumerate(text.split("\n"), 1):

        def drop(m: re.Match[str], n: int = n, line: str = line) -> str:
            hanzi = line[m.start() - 1]
            if not _is_annotation(hanzi, m.group(1)):
                return m.group(0)
            fixes.append(Fix("pinyin", n, hanzi + m.group(0), hanzi))
            return ""

        out_lines.append(_PINYIN.sub(drop, line))
    return "\n".join(out_lines), fixes


# ---------------------------------------------------------------- residue

_PAIRS = {"(": ")", "（": "）", "〔": "〕", "【": "】", "《": "》", "“": "”", "「": "」"}
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def find_residue(text: str) -> list[Residue]:
    found: list[Residue] = []
    closers = {v: k for k, v in _PAIRS.items()}
    for n, line in enumerate(text.split("\n"), 1):
        stack: list[tuple[str, int]] = []
        for col, ch in enumerate(line, 1):
            if _is_pua(ch):
                found.append(Residue(n, col, ch, "private-use character"))
            elif ch == "\ufffd":
                found.append(Residue(n, col, ch, "replacement character"))
            elif ch == "?" and (_HAN.match(line[col - 2 : col - 1] or " ") or _HAN.match(line[col : col + 1] or " ")):
                found.append(Residue(n, col, ch, "'?' inside Chinese text"))
            elif ch in _PAIRS:
                stack.append((ch, col))
            elif ch in closers:
                if stack and stack[-1][0] == closers[ch]:
                    stack.pop()
                else:
                    found.append(Residue(n, col, ch, "unmatched closing bracket"))
        found += [Residue(n, col, ch, "unmatched opening bracket") for ch, col in stack]
    return found


# ---------------------------------------------------------------- entry point


def default_judge(raw: str) -> Judge:
    """The judge for one document: trained on its lines that hold no misaligned run (and on jieba)."""
    clean_lines = [ln for ln in raw.split("\n") if not _run_starts(ln)]
    return Judge([remove_pinyin("\n".join(clean_lines))[0]])


def repair(raw: str, judge: Judge | None = None, strict: bool = True) -> tuple[str, RepairReport]:
    """Repair `raw`; with `strict`, residue raises RepairError carrying the report."""
    raw = raw.replace("\r\n", "\n").lstrip("\ufeff")
    if judge is None:
        judge = default_judge(raw)
    text, fixes = repair_misalignment(raw, judge)
    text, pin = remove_pinyin(text)
    fixes += pin
    counts = dict(Counter(f.kind for f in fixes))
    report = RepairReport(tuple(fixes), tuple(find_residue(text)), counts)
    if strict and report.residue:
        raise RepairError(report)
    return text, report
