"""Everyday simplified Chinese reaches the plan's own wording through the glossary's synonyms.

Cases written for these tests (not taken from any eval set). Fast tier: the real plan, real BM25,
the hashing fake for the dense part — so covered topics are checked on the glossary's terms and on
the topic no longer looking absent; uncovered topics must still be refused without naming a unit.
"""

from __future__ import annotations

import pytest
from answers import names_a_unit

from corpus.script import fold


@pytest.mark.parametrize(
    ("question", "everyday", "plan_words"),
    [
        ("学校网络这块有啥建设？", "学校网络", "教育專網"),
        ("挂号看病以后能先看病后交钱吗？", "先看病", "先診療、后付費"),
        ("大学生找工作的服务平台谁负责？", "找工作", "就業"),
        ("海关通关智能化谁来抓？", "通关", "智慧海關"),
        ("AI换脸备案谁来管？", "换脸", "深度合成"),
        ("渔民出海通信信号怎么解决？", "渔民", "海洋"),
    ],
)
def test_everyday_words_reach_the_plans_wording(assistant, question, everyday, plan_words):
    exp = assistant.resources.glossary.analyse(question)
    assert any(plan_words in t.split() for t in exp.terms)
    assert everyday in exp.replaced
    g = assistant.grounding
    assert everyday not in g.masked(question)  # the everyday word no longer stands in the topic
    assert g.absent_words(question) == []  # so a covered topic does not look absent


@pytest.mark.parametrize(
    "question",
    [
        "共享单车管理归谁？",
        "停车难智能停车场谁来抓？",
        "地铁出行扫码谁负责？",  # 出行 -> 交通, but 地铁/扫码 are nowhere in the plan
        "学校食堂食品安全谁管？",  # 学校 -> 教育, but 食堂 is not
        "网约车打车出行谁管？",
    ],
)
def test_an_uncovered_topic_stays_refused_and_names_no_unit(assistant, question):
    assert assistant.grounding.absent_words(question)
    a = assistant.ask(question)
    assert a.refused and a.status == "refused"
    assert a.citations == ()
    assert names_a_unit(assistant, a.answer) == []


def test_synonyms_point_at_words_the_plan_writes(assistant):
    plan_text = assistant.grounding.plan_text
    for key, words in assistant.resources.glossary.synonyms:
        assert len(key) >= 2 and key == fold(key), key
        for word in words.split():
            assert fold(word) in plan_text, (key, word)
