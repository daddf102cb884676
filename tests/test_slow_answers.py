"""Slow tier: answers end to end with the real default embedder and a real index."""

import pytest

from assistant.pipeline import Assistant
from corpus.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    a = Assistant(Settings(index_dir=tmp_path_factory.mktemp("idx")))
    a.warm_up()
    return a


@pytest.mark.parametrize(
    "question,clause,lead",
    [
        ("算力建设由哪个部门牵头？", "二.2", "省數據管理局"),
        ("誰牽頭負責算力基礎設施？", "二.2", "省數據管理局"),
        ("Who leads compute infrastructure?", "二.2", "省數據管理局"),
        ("ＷＨＯ　ＬＥＡＤＳ　ｃｏｍｐｕｔｅ　ｉｎｆｒａｓｔｒｕｃｔｕｒｅ？", "二.2", "省數據管理局"),
        ("低空飞行管理平台由谁牵头搭建？", "四.(一).3", "省數據管理局"),
        ("信创产业发展由哪个单位牵头？", "五.2", "省密碼管理局"),
    ],
)
def test_lead_questions(real, question, clause, lead):
    a = real.ask(question)
    assert a.citations[0].clause_id == clause and a.citations[0].lead == lead and not a.refused


@pytest.mark.parametrize(
    "question,needle",
    [("养老方面有什么安排？", "养老院"), ("What is planned for chips?", "芯片"), ("How many 5G base stations?", "1萬個")],
)
def test_topics_and_numbers(real, question, needle):
    a = real.ask(question)
    assert not a.refused and needle in a.answer


@pytest.mark.parametrize("question", ["量子计算有什么安排？", "元宇宙方面有什么部署？", "Who is the director of the Fujian Data Administration?"])
def test_refusals(real, question):
    assert real.ask(question).refused
