"""Which sentences of a clause answer the question (pure given the tokenizer)."""

from __future__ import annotations

import re

from assistant.grounding import GENERIC
from corpus.script import fold
from corpus.types import Clause
from index.lexical import PlanTokenizer

SENTENCES_PER_CLAUSE = 2  # enough to carry a target and its context; more reads as a paste of the plan


_NOTE = re.compile(r"[（(〔\[]\s*(责任单位|責任單位)[:：].*$", re.S)


def _units_note(clause: Clause) -> str:
    """The clause's responsibility note ("(責任單位:…)"), or ""."""
    m = _NOTE.search(clause.text)
    return m.group(0) if m else ""


def best_sentences(tokenizer: PlanTokenizer, expanded_q: str, clause: Clause, want_number: bool) -> list[str]:
    """The clause's sentences sharing the most question words (weighted by length), in plan order;
    for a number question only sentences with a figure count."""
    qwords = set(tokenizer.query_tokens(expanded_q)) - GENERIC
    sentences = list(clause.sentences) or [clause.text]
    if clause.kind == "task" and len(sentences) > 1:
        sentences = sentences[1:]  # the first is the task's title, shown with the citation anyway
    scored = []
    for i, s in enumerate(sentences):
        score = sum(len(w) for w in qwords & set(tokenizer.tokens(s)))
        if want_number and not re.search(r"\d", s):
            score = -1
        scored.append((score, -i, s))
    # A topic only the responsibility note names (各設區市(含平潭綜合實驗區)): that note is quoted, but only
    # for words no body sentence has, so agency names asked about never displace the body.
    note = _units_note(clause)
    if note and not want_number:
        body = set().union(*(set(tokenizer.tokens(s)) for s in sentences)) if sentences else set()
        names = fold(" ".join(u for u in clause.units.names)) if clause.units else ""
        only = {w for w in (qwords & set(tokenizer.tokens(note))) - body if fold(w) not in names}
        if only:
            scored.append((sum(len(w) for w in only), -len(sentences), note))
            sentences = [*sentences, note]
    scored.sort(reverse=True)
    best = [s for score, _, s in scored[:SENTENCES_PER_CLAUSE] if score > 0]
    if not best and not want_number:
        best = [sentences[0]]
    if want_number and not best:
        best = [s for _, _, s in scored if re.search(r"\d", s)][:1]
    return sorted(best, key=sentences.index)
