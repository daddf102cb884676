"""Which sentences of a clause answer the question (pure given the tokenizer)."""

from __future__ import annotations

import re

from assistant.grounding import GENERIC
from corpus.types import Clause
from index.lexical import PlanTokenizer

SENTENCES_PER_CLAUSE = 2  # enough to carry a target and its context; more reads as a paste of the plan


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
    scored.sort(reverse=True)
    best = [s for score, _, s in scored[:SENTENCES_PER_CLAUSE] if score > 0]
    if not best and not want_number:
        best = [sentences[0]]
    if want_number and not best:
        best = [s for _, _, s in scored if re.search(r"\d", s)][:1]
    return sorted(best, key=sentences.index)
