"""Several plans served: scope read from the question, the plan router, the shelf and the Desk front
door (qualified citations, the selector, comparisons), over the fictional plans and the real one."""

from __future__ import annotations

import pytest
from plan_docs import FIXTURES

from assistant.desk import Desk
from assistant.pipeline import Assistant
from assistant.scope import PlanName, detect_scope
from assistant.types import ANSWERED, INVALID, REFUSED
from corpus.library import PlanLibrary
from corpus.settings import Settings
from corpus.shelf import Shelf, plan_directory
from index.router import PlanRouter

NAMES = [
    PlanName("2025数字福建", "2025年數字福建工作要點", 2025),
    PlanName("2024数字青岚", "2024年数字青岚工作要点", 2024),
    PlanName("2025数字青岚", "2025年数字青岚工作要点", 2025),
    PlanName("2025澄溪县数位治理", "2025年澄溪縣數位治理工作方案", 2025),
]


# ---------------------------------------------------------------------- scope (pure)

def test_scope_by_year_and_name():
    s = detect_scope("2024年数字青岚工作要点里，5G基站建设由哪个部门牵头？", NAMES)
    assert s.keys == ("2024数字青岚",) and s.question == "5G基站建设由哪个部门牵头？" and not s.missing


def test_scope_name_alone_names_every_year_of_the_series():
    assert detect_scope("青岚的算力中心谁牵头？", NAMES).keys == ("2024数字青岚", "2025数字青岚")
    assert detect_scope("2025年青岚的算力中心谁牵头？", NAMES).keys == ("2025数字青岚",)


def test_scope_relative_years_follow_the_latest_plan():
    s = detect_scope("去年青岚的5G基站目标是多少？", NAMES)
    assert s.keys == ("2024数字青岚",)


def test_scope_keeps_the_askers_script_and_names_in_traditional():
    s = detect_scope("澄溪縣的數位鄉村建設由誰牽頭？", NAMES)
    assert s.keys == ("2025澄溪县数位治理",) and s.question == "數位鄉村建設由誰牽頭？"


def test_a_quoted_programme_name_is_not_a_plan_name():
    assert detect_scope("“云游青岚”线上平台是谁负责的？", NAMES).keys == ()


def test_a_year_no_plan_has_is_reported():
    assert detect_scope("2023年数字青岚的5G目标是多少？", NAMES).missing == "2023年"
    assert detect_scope("青岚5G基站目标是多少？", NAMES).missing == ""


def test_comparison_cues():
    assert detect_scope("城市算力中心的牵头部门从2024年到2025年有变化吗？", NAMES).compare
    assert detect_scope("和去年比，5G基站目标变了吗？", NAMES).compare
    assert not detect_scope("5G基站建设由哪个部门牵头？", NAMES).compare


# ---------------------------------------------------------------------- shelf, router

def test_an_imported_plans_directory_finds_units_without_their_level_prefix(qinglan):
    d = plan_directory(qinglan["2025数字青岚"])
    assert d.resolve("工信局") == "市工信局" and d.find_in("市数据局今年牵头哪些任务") == ["市数据局"]


def test_router_ranks_the_plan_that_holds_the_words_first(qinglan, plan):
    r = PlanRouter([("fj", plan), *qinglan.items()])
    assert r.rank("网格员移动终端配备率")[0][0] == "2025澄溪县数位治理"
    assert r.rank("福建省数据管理局 公共数据资源")[0][0] == "fj"
    assert [k for k, _ in r.rank("算力", ["2024数字青岚"])] == ["2024数字青岚"]


# ---------------------------------------------------------------------- the desk

@pytest.fixture(scope="session")
def library_settings(tmp_path_factory):
    root = tmp_path_factory.mktemp("desk")
    lib = PlanLibrary(root / "data" / "plans")
    for name in ("qinglan-2024.txt", "qinglan-2025.txt", "chengxi-2025.txt"):
        lib.add(FIXTURES / name)
    return Settings(index_dir=root / "index", data_dir=root / "data", embedder="hash")


@pytest.fixture(scope="session")
def qinglan(library_settings):
    return {p.key: p.ref for p in Shelf(library_settings).plans if not p.builtin}


@pytest.fixture(scope="session")
def desk(library_settings, hash_retriever):
    return Desk(library_settings, assistant=Assistant(library_settings, retriever=hash_retriever))


def test_one_plan_answers_exactly_as_the_assistant(settings, hash_retriever):
    a = Assistant(settings, retriever=hash_retriever)
    d = Desk(settings, assistant=a)
    assert d.single and [p.key for p in d.plans()] == ["2025数字福建"]
    for q in ("算力建设由哪个部门牵头？", "省数据管理局牵头哪些任务？", "峰会哪天举办？"):
        mine, theirs = d.ask(q), a.ask(q)
        assert (mine.answer, mine.citations, mine.status) == (theirs.answer, theirs.citations, theirs.status)


def test_the_plans_served(desk):
    plans = desk.plans()
    assert [p.key for p in plans] == ["2025数字福建", "2024数字青岚", "2025数字青岚", "2025澄溪县数位治理"]
    assert plans[0].builtin and not plans[1].builtin and plans[1].year == 2024 and plans[2].tasks == 9


def test_a_scoped_question_cites_its_plan(desk):
    a = desk.ask("2024年数字青岚工作要点里，城市算力中心由哪个部门牵头？")
    assert a.status == ANSWERED and a.agency == "市发改委"
    assert [c.clause_id for c in a.citations] == ["2024数字青岚·一.(二)"]
    assert a.citations[0].plan_title == "2024年数字青岚工作要点" and "2024年数字青岚工作要点" in a.answer
    assert "[2024数字青岚·一.(二)]" in a.answer
    b = desk.ask("2025年青岚的城市算力中心由哪个部门牵头？")
    assert b.agency == "市数据局" and b.citations[0].clause_id == "2025数字青岚·一.(二).1"


def test_the_selector_restricts_the_plans(desk):
    a = desk.ask("城市算力中心由哪个部门牵头？", plans=["2024数字青岚"])
    assert {c.plan_key for c in a.citations} == {"2024数字青岚"} and a.agency == "市发改委"


def test_an_unknown_plan_in_the_selector_is_a_clear_message(desk):
    a = desk.ask("算力谁牵头？", plans=["2019数字火星"])
    assert a.status == INVALID and "2019数字火星" in a.answer and "2025数字青岚" in a.answer


def test_a_year_not_loaded_is_refused_naming_the_plans_there_are(desk):
    a = desk.ask("2023年数字青岚的5G基站目标是多少？")
    assert a.status == REFUSED and "2023年" in a.answer and "2024年数字青岚工作要点" in a.answer and not a.citations


def test_a_task_without_units_names_no_lead(desk):
    a = desk.ask("澄溪縣方案裡數位素養培訓的責任單位是誰？")
    assert a.agency is None and "未列出" in a.answer
    assert [c.clause_id for c in a.citations] == ["2025澄溪县数位治理·二.(二).3"]


def test_a_fujian_question_is_still_answered_from_the_fujian_plan(desk):
    a = desk.ask("福建省公共数据资源登记由哪个部门牵头？")
    assert a.status == ANSWERED and a.citations and all(c.plan_key == "2025数字福建" for c in a.citations)
    assert a.citations[0].clause_id.startswith("2025数字福建·")


def test_lead_change_across_years_is_answered_side_by_side(desk):
    a = desk.ask("城市算力中心的牵头部门从2024年到2025年有变化吗？")
    ids = {c.clause_id for c in a.citations}
    assert {"2024数字青岚·一.(二)", "2025数字青岚·一.(二).1"} <= ids
    assert "市发改委" in a.answer and "市数据局" in a.answer


def test_a_figure_asked_by_last_years_value_finds_this_years_task(desk):
    a = desk.ask("政务服务网上可办率目标从95%提高到了多少？")
    assert "98%" in a.answer and "2025数字青岚·二.(一).1" in {c.clause_id for c in a.citations}


def test_an_agencys_tasks_across_years(desk):
    a = desk.ask("市数据局2024年和2025年分别牵头哪些任务？")
    keys = {c.plan_key for c in a.citations}
    assert keys == {"2024数字青岚", "2025数字青岚"} and "一网统管" in a.answer


def test_a_dropped_task_is_said_to_be_dropped(desk):
    a = desk.ask("2024年的数字素养培训任务在2025年还有吗？")
    assert "未列入" in a.answer and [c.clause_id for c in a.citations] == ["2024数字青岚·二.(三)"]


def test_a_topic_no_plan_covers_names_no_agency(desk):
    a = desk.ask("共享单车数字化管理谁牵头？")
    assert a.status != ANSWERED and a.agency is None


def test_a_generation_no_plan_writes_is_not_answered_with_another(desk):
    # 青岚's plans have 5G only, Fujian's 5G and 10G: "6G" must not be answered with a 5G clause.
    for q in ("6G网络有什么建设目标？", "7G基站由哪个部门牵头？"):
        a = desk.ask(q)
        assert a.status != ANSWERED and a.agency is None, q
    assert desk.ask("5G基站建设由哪个部门牵头？").status == ANSWERED


def test_a_follow_up_stays_with_the_plan_of_the_previous_answer(desk):
    first = desk.ask("2024年数字青岚工作要点里，城市算力中心由哪个部门牵头？")
    history = [{"role": "user", "content": "2024年数字青岚工作要点里，城市算力中心由哪个部门牵头？"},
               {"role": "assistant", "content": first.answer}]
    a = desk.ask("那配合单位呢？", history)
    assert a.citations and {c.plan_key for c in a.citations} == {"2024数字青岚"}
    assert "市工信局" in a.answer and "市数据局" in a.answer  # 2024's members, not 2025's


def test_an_unscoped_question_two_plans_answer_shows_both_each_cited(desk):
    a = desk.ask("“一网统管”平台由哪个部门牵头？")
    by_plan = {c.plan_key: c.clause_id for c in a.citations}
    assert set(by_plan) == {"2024数字青岚", "2025数字青岚"}
    assert "2024年数字青岚工作要点" in a.answer and "2025年数字青岚工作要点" in a.answer


def test_compared_with_last_year_means_this_year_too():
    s = detect_scope("和去年比，青岚5G基站目标变了吗？", NAMES)
    assert s.compare and s.keys == ("2024数字青岚", "2025数字青岚") and s.multi_year


def test_last_years_target_compared_side_by_side(desk):
    a = desk.ask("和去年比，青岚5G基站目标变了吗？")
    assert "1200" in a.answer and "2000" in a.answer and "+800" in a.answer
    assert {c.plan_key for c in a.citations} == {"2024数字青岚", "2025数字青岚"}


def test_a_new_lead_role_is_not_said_to_be_unlisted_last_year(desk):
    # 市数据局 joined 2024's 城市算力中心 and leads 2025's: "新增牵头", but last year it *was* listed.
    a = desk.ask("市数据局2024年和2025年分别牵头哪些任务？")
    line = next(ln for ln in a.answer.splitlines() if "2025数字青岚·一.(二).1" in ln and "2024数字青岚·一.(二)" in ln)
    assert "未列该单位" not in line and "参与单位" in line
