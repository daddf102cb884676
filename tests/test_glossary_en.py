"""Everyday English reaches the plan's own terms (corpus/glossary.json), and topics the plan does not
cover stay refused. Cases written for these tests (not taken from any eval set).

Fast tier: the real plan, real BM25 and glossary, the hashing fake for the dense part.
"""

from __future__ import annotations

import pytest
from answers import names_a_unit

from corpus.script import fold


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("What does the plan say about the countryside?", "鄉村"),
        ("Which cities are national pilot cities for SME digital transformation?", "中小企業"),
        ("How many smart elderly care homes will be built?", "智慧養老院"),
        ("Who is responsible for the low-altitude flight management platform?", "低空飛行"),
        ("What is planned for the municipal data zones?", "數據專區"),
    ],
)
def test_everyday_english_for_a_covered_topic_reaches_the_plan_term(assistant, question, term):
    assert any(term in t for t in assistant.resources.glossary.analyse(question).terms)
    assert assistant.grounding.absent_words(question) == []
    # the plan term the glossary adds is the plan's own wording
    assert fold(term) in assistant.grounding.plan_text


@pytest.mark.parametrize(
    "question",
    [
        "Who leads the quantum computing programme?",
        "What is planned for smart parking?",
        "What about the digital currency pilot?",
        "What is planned for electric vehicle charging stations?",
        "Who is in charge of the smart garbage sorting?",
    ],
)
def test_a_topic_the_plan_does_not_cover_stays_refused(assistant, question):
    assert assistant.grounding.absent_words(question) != []
    a = assistant.ask(question)
    assert a.refused and a.status == "refused"
    assert names_a_unit(assistant, a.answer) == []
    assert a.citations == ()
