"""Chunks by the plan's own structure: one per clause. The indexed text is folded to one script and
carries the heading path (so 行動/工程 words help retrieval); the stored text stays as written."""

from __future__ import annotations

from corpus.script import fold
from corpus.types import Plan
from index.types import Chunk


def chunks_from_plan(plan: Plan) -> list[Chunk]:
    out = []
    for c in plan.clauses:
        heading = " ".join(p for p in c.path if p not in c.text)
        out.append(Chunk(clause=c, index_text=fold(f"{heading} {c.text}".strip())))
    return out
