"""Agency names: the aliases people type -> the canonical unit name the plan uses."""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from corpus.script import fold


@dataclass(frozen=True)
class Agency:
    name: str
    full_name: str
    aliases: tuple[str, ...]
    # English names ("Fujian Data Administration", "Data Bureau"): optional, matched case-insensitively and
    # on word boundaries only, never handed to the Chinese tokeniser.
    en_aliases: tuple[str, ...] = ()


class UnknownAgency(LookupError):
    def __init__(self, query: str, suggestions: list[str]):
        hint = f" Closest names: {'、'.join(suggestions)}." if suggestions else ""
        super().__init__(f"No agency called {query!r} in the plan.{hint}")
        self.query = query
        self.suggestions = suggestions


_LATIN = re.compile(r"[a-z]")
_EN_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z0-9]+)*|&")
# Between two words of an English name: spaces or hyphens, with the odd dot, comma or bracket around them
# ("Co., Ltd.", "Electronics & Information (Group)", "prefecture-level").
_EN_SEP = r"[.,()]*[\s\-\u2010-\u2015]+[()]*"


# Abbreviations people type for the words of an agency's English name.
_EN_ABBREVIATIONS = {"department": "dept", "government": "govt", "administration": "admin", "provincial": "prov"}


def _en_words(text: str) -> list[str]:
    words = _EN_WORD.findall(fold(text))
    return words[1:] if words[:1] == ["the"] and len(words) > 1 else words


def en_key(text: str) -> str:
    """An English name reduced to its words: case, hyphens, punctuation, apostrophes and a leading "the"
    do not count ("The Provincial Government's" -> "provincial governments"); & is "and"."""
    return " ".join("and" if w == "&" else re.sub(r"['’]", "", w) for w in _en_words(text))


def _en_pattern(alias: str) -> re.Pattern[str]:
    """Where an English alias occurs in folded text: whole words only (never inside a longer word),
    a plural s on the last word allowed, an apostrophe before an s optional, & and "and" alike."""
    body, joined = "", True  # joined: the next word needs no separator before it
    for w in en_key(alias).split(" "):
        if w == "and" and not joined:
            body += rf"(?:{_EN_SEP}and{_EN_SEP}|\s*&\s*)"  # "A and B", "A & B", "A&B"
            joined = True
            continue
        body += "" if joined else _EN_SEP
        joined = False
        if w in _EN_ABBREVIATIONS:  # "science and technology dept"
            body += rf"(?:{w}|{_EN_ABBREVIATIONS[w]}\.?)"
            continue
        # peoples: also people's, people’s, veterans'
        body += re.escape(w[:-1]) + "['’]?s['’]?" if len(w) > 2 and w.endswith("s") else re.escape(w)
    return re.compile(r"(?<![a-z0-9])" + body + r"s?(?![a-z0-9])")


def _needle(word: str) -> str:
    """What text must contain for an alias starting with `word` to be tried: the word, or what it shares
    with its abbreviation (dep for department and dept)."""
    if word in _EN_ABBREVIATIONS:
        return os.path.commonprefix([word, _EN_ABBREVIATIONS[word]])
    return word.removesuffix("s")


class AgencyDirectory:
    def __init__(self, agencies: list[Agency]):
        self.agencies = {a.name: a for a in agencies}
        self._by_alias: dict[str, str] = {}
        self._by_en: dict[str, str] = {}  # en_key(English alias) -> name
        for a in agencies:
            forms = {a.name, a.full_name, *a.aliases, "福建" + a.name}
            for form in forms:
                self._by_alias.setdefault(fold(form), a.name)
            for form in a.en_aliases:
                key = en_key(form)
                if key:
                    self._by_en.setdefault(key, a.name)
        # English aliases: (key, its pattern, a word the text must contain for the pattern to be tried).
        en = [(key, _en_pattern(key), _needle(key.split(" ")[0])) for key in self._by_en]
        # Longest first, so 省數據管理局 wins over 數據局 inside one question (and "Fujian Provincial Data
        # Administration" over "Data Administration"); Chinese and English aliases in one order.
        self._alias_order: list[tuple[str, re.Pattern[str] | None, str]] = sorted(
            [(alias, None, "") for alias in self._by_alias] + en, key=lambda e: len(e[0]), reverse=True
        )

    @classmethod
    def load(cls, path: Path) -> AgencyDirectory:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            [
                Agency(
                    e["name"],
                    e.get("full_name", e["name"]),
                    tuple(e.get("aliases", ())),
                    tuple(e.get("en_aliases", ())),
                )
                for e in data["agencies"]
            ]
        )

    def resolve(self, query: str) -> str | None:
        key = fold(query.strip())
        name = self._by_alias.get(key) or self._by_alias.get(fold("省" + query.strip()))
        if name is None and _LATIN.search(key):
            en = en_key(query)
            name = self._by_en.get(en) or (self._by_en.get(en[:-1]) if en.endswith("s") else None)
        return name

    def require(self, query: str) -> str:
        name = self.resolve(query)
        if name is None:
            raise UnknownAgency(query, self.suggest(query))
        return name

    def suggest(self, query: str, n: int = 5) -> list[str]:
        key = fold(query)
        table = self._by_alias
        if _LATIN.search(key) and self._by_en:
            key, table = en_key(query), {**self._by_alias, **self._by_en}
        close = difflib.get_close_matches(key, list(table), n=n * 3, cutoff=0.4)
        out: list[str] = []
        for alias in close:
            name = table[alias]
            if name not in out:
                out.append(name)
        return out[:n]

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of agency names in folded `text`, longest alias first, no overlaps.
        English aliases match whole words only, whatever their case."""
        folded = fold(text)
        latin = bool(_LATIN.search(folded))
        taken = [False] * len(folded)
        found: list[tuple[int, int, str]] = []
        for alias, pattern, needle in self._alias_order:
            if pattern is not None:
                if not latin or needle not in folded:
                    continue
                for m in pattern.finditer(folded):
                    start, end = m.span()
                    if not any(taken[start:end]):
                        taken[start:end] = [True] * (end - start)
                        found.append((start, end, self._by_en[alias]))
                continue
            if len(alias) < 2:
                continue
            start = folded.find(alias)
            while start != -1:
                end = start + len(alias)
                if not any(taken[start:end]):
                    taken[start:end] = [True] * len(alias)
                    found.append((start, end, self._by_alias[alias]))
                start = folded.find(alias, end)
        return sorted(found)

    def find_in(self, text: str) -> list[str]:
        """Agencies named in free text, in order of appearance."""
        names: list[str] = []
        for _, _, name in self.spans(text):
            if name not in names:
                names.append(name)
        return names

    def all_aliases(self) -> list[str]:
        """Every written form (for the tokeniser's user dictionary). English names are not among them:
        see `english_aliases`."""
        out = []
        for a in self.agencies.values():
            out += [a.name, a.full_name, *a.aliases]
        return out

    def english_aliases(self) -> dict[str, str]:
        """Every English alias as written -> its unit."""
        return {form: a.name for a in self.agencies.values() for form in a.en_aliases}
