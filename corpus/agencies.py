"""Agency names: the aliases people type -> the canonical unit name the plan uses."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

from corpus.script import fold


@dataclass(frozen=True)
class Agency:
    name: str
    full_name: str
    aliases: tuple[str, ...]


class UnknownAgency(LookupError):
    def __init__(self, query: str, suggestions: list[str]):
        hint = f" Closest names: {'、'.join(suggestions)}." if suggestions else ""
        super().__init__(f"No agency called {query!r} in the plan.{hint}")
        self.query = query
        self.suggestions = suggestions


class AgencyDirectory:
    def __init__(self, agencies: list[Agency]):
        self.agencies = {a.name: a for a in agencies}
        self._by_alias: dict[str, str] = {}
        for a in agencies:
            forms = {a.name, a.full_name, *a.aliases, "福建" + a.name}
            for form in forms:
                self._by_alias.setdefault(fold(form), a.name)
        # Longest first, so 省數據管理局 wins over 數據局 inside one question.
        self._alias_order = sorted(self._by_alias, key=len, reverse=True)

    @classmethod
    def load(cls, path: Path) -> AgencyDirectory:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            [Agency(e["name"], e.get("full_name", e["name"]), tuple(e.get("aliases", ()))) for e in data["agencies"]]
        )

    def resolve(self, query: str) -> str | None:
        key = fold(query.strip())
        return self._by_alias.get(key) or self._by_alias.get(fold("省" + query.strip()))

    def require(self, query: str) -> str:
        name = self.resolve(query)
        if name is None:
            raise UnknownAgency(query, self.suggest(query))
        return name

    def suggest(self, query: str, n: int = 5) -> list[str]:
        key = fold(query)
        close = difflib.get_close_matches(key, list(self._by_alias), n=n * 3, cutoff=0.4)
        out: list[str] = []
        for alias in close:
            name = self._by_alias[alias]
            if name not in out:
                out.append(name)
        return out[:n]

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of agency names in folded `text`, longest alias first, no overlaps."""
        folded = fold(text)
        taken = [False] * len(folded)
        found: list[tuple[int, int, str]] = []
        for alias in self._alias_order:
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
        """Every written form (for the tokeniser's user dictionary)."""
        out = []
        for a in self.agencies.values():
            out += [a.name, a.full_name, *a.aliases]
        return out
