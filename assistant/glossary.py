"""English words -> the plan's own terms, appended to English questions before retrieval."""

from __future__ import annotations

import json
import re
from pathlib import Path


class Glossary:
    def __init__(self, terms: dict[str, str]):
        # Longest phrase first, so "elderly care" wins over "elderly".
        self.terms = sorted(((k.lower(), v) for k, v in terms.items()), key=lambda kv: -len(kv[0]))

    @classmethod
    def load(cls, path: Path) -> Glossary:
        return cls(json.loads(Path(path).read_text(encoding="utf-8"))["terms"])

    def expand(self, query: str) -> str:
        text = query.lower()
        if not re.search(r"[a-z]", text):
            return query
        found: list[str] = []
        for en, zh in self.terms:
            pattern = r"(?<![a-z0-9])" + re.escape(en) + r"s?(?![a-z0-9])"
            if re.search(pattern, text):
                text = re.sub(pattern, " ", text)
                found.append(zh)
        return f"{query} {' '.join(found)}" if found else query
