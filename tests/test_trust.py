"""Issue 11's failure classes, pinned with cases written for these tests (not taken from any eval set).

Fast tier: the real plan, real BM25 and name matches, the hashing fake for the dense part.
"""

from __future__ import annotations

import pytest
from answers import names_a_unit

from assistant import asks
from assistant.multipart import split_question
from assistant.slots import detail_slot, states
from corpus.script import fold


# --- 1. never a confident wrong responsibility: topics the plan does not cover name no unit
@pytest.mark.parametrize(
    "question",
    ["快递柜建设归哪个部门管？", "电子发票推广由哪个部门牵头？", "无人驾驶出租车试点谁来抓？", "Who leads the hydrogen vehicle programme?"],
)
def test_a_topic_the_plan_does_not_cover_names_no_unit(assistant, question):
    a = assistant.ask(question)
    assert a.refused and a.status == "refused"
    assert names_a_unit(assistant, a.answer) == []
    assert a.citations == ()


# --- 2. a detail the plan does not give is said to be not stated, with the topic's clause
@pytest.mark.parametrize(
    ("question", "slot", "clause"),
    [
        ("数字中国建设峰会在哪一天开幕？", "date", "一"),
        ("5G基站建设要投多少钱？", "budget", "二.1"),
        ("去年全省新建了多少个5G基站？", "past_result", "二.1"),
        ("闽政通的负责人叫什么？", "person", "四.(二).2"),
    ],
)
def test_a_detail_the_plan_does_not_give_is_not_stated(assistant, question, slot, clause):
    assert detail_slot(question) == slot
    a = assistant.ask(question)
    assert a.status == "not_stated" and a.refused
    assert "没有写明" in a.answer
    assert clause in [c.clause_id for c in a.related]
    assert a.citations == ()  # the clause is shown, never cited as the answer


def test_a_figure_of_another_thing_in_the_same_sentence_is_not_quoted_as_the_answer(assistant):
    # 數字鄉村 has no figure of its own; the plan's figures elsewhere must not be passed off as one.
    a = assistant.ask("数字乡村先行区今年要建多少个？")
    assert a.status in ("not_stated", "refused")
    assert a.citations == ()


def test_slot_evidence_is_checked_in_the_text():
    assert states("date", "于2025年6月底前完成") and not states("date", "新建5G基站1萬個以上")
    assert states("budget", "安排资金3000万元") and not states("budget", "打造10个场景")
    assert states("location", "在泉州建设园区", "园区建在哪") and not states("location", "在泉州建设园区", "泉州的园区在哪")


# --- 3. everyday wording for leads, members and agencies
@pytest.mark.parametrize(
    ("question", "lead", "clause"),
    [
        ("算力那块找哪个部门？", "省數據管理局", "二.2"),
        ("5G基站这事归哪个口子管", "省通信管理局", "二.1"),
        ("密码应用安全是哪个局牵头的", "省密碼管理局", "五.3"),
    ],
)
def test_everyday_lead_questions_name_the_lead(assistant, question, lead, clause):
    a = assistant.ask(question)
    assert a.intent == "lead" and not a.refused
    assert a.citations[0].clause_id == clause and a.citations[0].lead == lead


def test_everyday_members_question_lists_the_members(assistant):
    a = assistant.ask("算力基础设施那条，配合的是哪几家？")
    assert a.intent == "members" and a.citations[0].clause_id == "二.2"
    assert "省工信" in fold(a.answer)


@pytest.mark.parametrize("question", ["网信办都管啥？", "网信办参与了啥"])
def test_everyday_agency_questions_list_its_tasks(assistant, question):
    a = assistant.ask(question)
    assert a.intent == "agency_tasks" and not a.refused
    assert {"四.(六).3", "五.1"} <= {c.clause_id for c in a.citations}


def test_a_place_is_a_responsible_unit_too(assistant):
    a = assistant.ask("泉州市要负责哪些事？")
    assert a.intent == "agency_tasks"
    assert [c.clause_id for c in a.citations] == ["四.(四).5"]


# --- 4. two questions in one: each part answered with its own citation
def test_two_questions_in_one_are_answered_part_by_part(assistant):
    assert split_question("5G基站和10G-PON端口的目标分别是多少？") == ["5G基站的目标是多少？", "10G-PON端口的目标是多少？"]
    a = assistant.ask("5G基站和10G-PON端口的目标分别是多少？")
    assert not a.refused
    assert "1万个" in fold(a.answer) and "6万个" in fold(a.answer)
    assert "二.1" in [c.clause_id for c in a.citations]


def test_a_lead_question_with_a_units_tail_is_not_split(assistant):
    # "由谁牵头，哪些部门配合" asks one thing about one task: the second part has no topic of its own.
    a = assistant.ask("算力基础设施由谁牵头，哪些部门配合？")
    assert a.intent == "lead" and a.citations[0].clause_id == "二.2"
    assert "1." not in a.answer


# --- 5. a bare follow-up with nothing to refer to asks back instead of answering another task
def test_a_bare_follow_up_after_a_refusal_asks_back(assistant):
    history = [{"role": "user", "content": "快递柜建设有什么安排？"}]
    a = assistant.ask("那谁牵头？", history)
    assert a.status == "clarify" and a.refused
    assert names_a_unit(assistant, a.answer) == []
    assert all("牵头" in s for s in a.suggestions)


def test_who_leads_alone_is_not_searched(assistant):
    a = assistant.ask("谁牵头？")
    assert a.status == "clarify" and a.citations == ()


# --- issue 11, second pass: failure classes found on the fresh tune half, pinned with new wordings
@pytest.mark.parametrize(
    "question",
    ["Who leads the quantum radar programme?", "Which department is in charge of hydrogen buses?"],
)
def test_english_topic_words_the_plan_never_uses_name_no_unit(assistant, question):
    # An English word the glossary does not know and the plan never uses is "absent", like 单车 in Chinese.
    a = assistant.ask(question)
    assert a.refused and not a.citations and not names_a_unit(assistant, a.answer)


@pytest.mark.parametrize(
    ("question", "name"), [("信息部管哪些事？", "信息部"), ("请问外联部负责哪些任务", "外联部")]
)
def test_an_unknown_unit_ending_in_bu_gets_the_unknown_unit_answer(assistant, question, name):
    a = assistant.ask(question)
    assert a.refused and name in a.answer and not a.citations


def test_a_known_word_with_bu_is_not_an_unknown_unit(assistant):
    a = assistant.ask("全部任务有哪些？")  # 全部 is no unit
    assert "全部" not in a.answer.split("\n")[0] or not a.refused


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("低空飞行管理平台谁来搭", "lead"),
        ("数字文物平台归口哪个厅", "lead"),
        ("碳市场平台归哪家", "lead"),
        ("第二个行动叫什么", "structure"),
        ("城区时延要几毫秒", "number"),
    ],
)
def test_composed_cues_cover_new_wordings(assistant, question, kind):
    from assistant.intents import detect

    assert detect(question, assistant.directory).kind == kind


def test_when_was_it_issued_in_everyday_wording(assistant):
    from assistant.cues import document_fields

    assert document_fields("这个文件啥时候发布的") == ("date",)


# --- 9. issue 11, round 2: question wording is never an absent topic word (cases written for these tests)
@pytest.mark.parametrize(
    "question",
    ["智慧海洋建设归口哪个局", "数据标注基地谁负则", "信创那条配合单位全部列一下", "数据集团有份的是哪条", "算力时延几毫秒"],
)
def test_question_wording_and_cue_typos_are_not_absent_words(assistant, question):
    assert assistant.grounding.absent_words(question) == []


def test_an_agency_with_a_share_in_a_task_asks_for_its_tasks(assistant):
    from assistant.intents import detect

    assert detect("省林业局有份的是哪几条", assistant.directory).kind == "agency_tasks"


# --- 10. a figure whose topic is split over two segments of one sentence is stated; one whose segment
# only shares a word with the segment before is not
def test_a_figure_may_take_the_segment_before_it_along(assistant):
    clause = assistant.plan.get("四.(二).2")  # 完善提升"閩政通",力爭實現日均活躍數100萬目標
    assert assistant._states_figure("闽政通日活目标", clause)
    clause = assistant.plan.get("二.2")  # 數據中心直連網絡,構建"城區1ms、中心城市間5ms"
    assert not assistant._states_figure("数据中心集群多少个", clause)


# --- 11. 那个/那条 after a topic of its own is a demonstrative, not a reference to the last turn
@pytest.mark.parametrize(
    ("question", "follow_up"),
    [("数字政府那个工程有几项任务", False), ("政务服务矩陣那个工程包括什么", False), ("那个工程有几项任务", True),
     ("刚才那个谁配合", True), ("那它还负责什么", True)],
)
def test_a_demonstrative_after_a_topic_is_no_follow_up(assistant, question, follow_up):
    from assistant.intents import detect

    assert detect(question, assistant.directory).follow_up is follow_up


# --- 12. how to apply for something the plan only names is a detail it does not state
@pytest.mark.parametrize(
    "question", ["智慧养老院的入住申请条件是什么", "数据标注基地怎么申报", "How can companies apply for the data labelling bases?"]
)
def test_how_to_apply_is_a_detail_slot(question):
    assert detail_slot(question) == "procedure"


@pytest.mark.parametrize("question", ["数据标注基地有什么要求", "智慧养老院建设有啥安排"])
def test_what_the_plan_asks_for_is_no_procedure_question(question):
    assert detail_slot(question) == ""


def test_a_procedure_the_clause_does_not_give_is_not_stated(assistant):
    a = assistant.ask("数字农业创新应用基地的认定条件是什么")
    assert a.status == "not_stated" and "四.(一).4" in a.answer
    assert not states("procedure", assistant.plan.get("四.(一).4").text)


# --- 13. follow-ups: a detail with no topic of its own continues the last turn and is not stated;
# a bare figure follow-up picks the figure of what was asked before
def test_a_bare_detail_follow_up_is_not_stated_for_the_last_turns_clause(assistant):
    history = [{"role": "user", "content": "省级数据标注基地培育几个"}, {"role": "assistant", "content": "…"}]
    a = assistant.ask("分别设在哪些县市", history)
    assert a.status == "not_stated" and "四.(一).5" in a.answer


def test_english_what_is_the_target_number_is_a_number_question(assistant):
    from assistant.intents import detect

    assert detect("What's the target number there?", assistant.directory).kind == "number"
    assert not assistant.grounding.has_topic("What's the target number there?")


def test_a_bare_figure_follow_up_quotes_the_figure_asked_about_before(assistant):
    history = [{"role": "user", "content": "省级数据标注基地由谁牵头"}, {"role": "assistant", "content": "…"}]
    a = assistant.ask("目标是多少个", history)
    assert a.status == "answered" and "5个省级数据标注基地" in a.answer and "四.(一).5" in a.answer


# --- 14. who does what in the closing: a lead question the closing answers is quoted, not refused
def test_a_who_question_about_the_closing_quotes_it(assistant):
    a = assistant.ask("结尾说由谁来强化一体协同的推进机制")
    assert a.status == "answered" and a.citations and a.citations[0].clause_id == "結"


# --- 15. a topic only the responsibility note names is quoted from that note; agency names never pull it in
def test_the_units_note_is_quoted_for_a_topic_only_it_names(assistant):
    from assistant.sentences import best_sentences

    clause = assistant.plan.get("二.1")
    tok = assistant.retriever.tokenizer
    picked = best_sentences(tok, "平潭综合实验区含在各设区市里吗", clause, want_number=False)
    assert any("平潭綜合實驗區" in s for s in picked)
    picked = best_sentences(tok, "省通信管理局在网络基础设施方面做什么", clause, want_number=False)
    assert not any("責任單位" in s or "责任单位" in s for s in picked)


# --- 16. who-leads / who-takes-part wording is not topic when a lead or members question is grounded
def test_unit_cue_words_are_stripped_from_the_topic(assistant):
    from assistant.intents import strip_unit_cues

    assert "协同" not in strip_unit_cues("信创那条任务，协同的单位有谁")
    assert "协同" in strip_unit_cues("数字化绿色化协同转型谁牵头")  # the plan's own 协同 stays topic
    a = assistant.ask("密码应用安全那个任务，协同的单位有谁")
    assert a.status == "answered" and a.citations[0].clause_id == "五.3"


# --- 17. "X是什么" keeps X as the topic; "它还参与了别的吗" asks for the agency's tasks
def test_a_definition_question_keeps_its_term_as_topic(assistant):
    from assistant.slots import strip_cue

    assert "信创" in strip_cue("信创是什么，怎么搞", "definition")
    a = assistant.ask("信创是什么，怎么搞")
    assert a.status == "not_stated"


def test_what_else_it_takes_part_in_is_an_agency_tasks_follow_up(assistant):
    from assistant.intents import detect

    i = detect("那它还参与了其他的吗", assistant.directory)
    assert i.kind == "agency_tasks" and i.follow_up


# --- 18. issue 11, round 3 (failure classes of the fresh2 set, pinned with wordings written here)
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("公共数据资源登记是哪个单位唱主角", "lead"),  # a who-word, whatever verb follows it
        ("数字文旅平台哪家打头", "lead"),
        ("省级算力调度平台 主办单位", "lead"),
        ("密码应用安全那条 协作单位", "members"),
        ("还有谁参与了低空平台", "members"),  # 有谁 / 谁参与 ask for several, not the lead
        ("智算中心建在哪个城市", "general"),  # 哪个 + a place is no unit question
    ],
)
def test_who_words_decide_a_units_question(assistant, question, kind):
    from assistant.intents import detect

    assert detect(question, assistant.directory).kind == kind


def test_the_verb_after_a_closing_who_word_is_not_topic(assistant):
    from assistant.intents import strip_unit_cues

    assert "唱主角" not in strip_unit_cues("公共数据资源登记是哪个单位唱主角")
    a = assistant.ask("闽政通日活提升是哪个部门唱主角")
    assert a.status == "answered" and a.citations[0].clause_id == "四.(二).2"


@pytest.mark.parametrize("question", ["海丝卫星项目请了哪位专家", "电商主播大赛的评审专家有哪些人", "闽政通的项目经理叫什么名字"])
def test_people_are_a_person_slot_not_units(question):
    assert detail_slot(question) == "person"


def test_a_document_name_question_is_still_the_title():
    from assistant.cues import document_fields

    assert document_fields("这份文件叫什么") == ("title",)
    assert document_fields("平台负责人叫什么名字") == ()


def test_an_action_named_loosely_lists_its_tasks(assistant):
    a = assistant.ask("数据要素市场培育行动下面有哪几项任务")
    assert {"三.1", "三.2", "三.3"} <= {c.clause_id for c in a.citations}
    assert "四.1" not in {c.clause_id for c in a.citations}


@pytest.mark.parametrize(
    ("question", "word"),
    [("平潭海峡两岸智算中心的机柜有多少台", None), ("数字一棟楼管理服务体系有哪些功能模块", "功能模块")],
)
def test_an_attribute_the_clause_never_says_is_not_stated(assistant, question, word):
    # 机柜 is a figure question (its own check); 功能模块 of a named programme is an unsaid attribute.
    a = assistant.ask(question)
    assert a.status == "not_stated" and not a.citations
    if word:
        assert word in fold(a.answer)


def test_an_unsaid_word_in_a_loose_paraphrase_does_not_block_the_answer(assistant):
    from assistant.asks import asked_about

    assert asked_about("占地多大", "试验区占地多大") == "占地"
    assert asked_about("功能模块", "平台有哪些功能模块") == "功能模块"
    assert asked_about("新东西", "带娃去看展有没有新东西") == ""  # no wh-word asks for it
    # two unsaid words, only one asked for: a paraphrase, so the clause still answers
    clause = assistant.plan.get("四.(三).1")
    assert assistant._unsaid("周末逛智慧图书馆有什么新花样", clause) == []


def test_a_mention_is_not_a_description(assistant):
    a = assistant.ask("“八闽碳惠”具体包括哪些内容")  # the plan names the programme in passing only
    assert a.status in ("not_stated", "answered")
    clause = assistant.plan.get("四.(四).3")
    assert assistant._only_names("警跃计划具体包括哪些内容", "實施智慧公安“警躍計劃”。")
    assert not assistant._only_names("数字乡村具体包括哪些内容", clause.text)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("数据标注基地谁负则", "负责"), ("算力那条牵投单位", "牵头"), ("低空平台归哪个部们管", "部门"), ("數據局參於了哪些任務", "参与")],
)
def test_homophone_typos_of_cue_words_are_restored(assistant, typed, meant):
    from assistant.typos import restore

    assert meant in restore(typed, assistant.grounding.plan_text)


@pytest.mark.parametrize("text", ["前头说的那个平台", "那家单位", "数据中心直连网络"])
def test_common_words_and_plan_words_are_not_typos(assistant, text):
    from assistant.typos import restore

    assert restore(text, assistant.grounding.plan_text) == text


@pytest.mark.parametrize("question", ["试点企业有哪家", "接入的医院是哪家"])
def test_which_company_or_hospital_is_not_a_lead_question(assistant, question):
    from assistant.intents import detect

    assert detect(question, assistant.directory).kind != "lead"


def test_the_verb_after_an_english_who_word_is_not_topic(assistant):
    from assistant.intents import detect, strip_unit_cues

    assert detect("Which bureau oversees the elderly care homes?", assistant.directory).kind == "lead"
    assert "oversees" not in strip_unit_cues("Which bureau oversees the elderly care homes?")
    assert detect("Who else takes part in the computing task?", assistant.directory).kind == "members"


@pytest.mark.parametrize("question", ["数字峰会在哪儿办", "公共数据平台的机房设在什么位置"])
def test_where_with_any_verb_is_a_location_question(question):
    assert detail_slot(question) == "location"


def test_where_in_the_plan_is_not_a_location_question():
    assert detail_slot("智慧养老在哪条任务里") == ""


def test_a_place_in_another_segment_does_not_state_the_location(assistant):
    # 二.3 names 泉州 and 三明 for the satellite operation centres, not for the data service platform
    a = assistant.ask("卫星数据开发服务平台的服务器放在哪")
    assert a.status == "not_stated" and not a.citations
    a = assistant.ask("省级绿色数据中心集群建在哪些地方")  # 二.2: 福州、泉州、厦门等地建设…集群
    assert a.status == "answered" and a.citations[0].clause_id == "二.2"


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("算力调度平台哪个月上线", "date"),
        ("智慧口岸建设要多长时间", "date"),
        ("“福建码”怎么绑定", "procedure"),
        ("数字农业基地有哪些县", "location"),
        ("数字峰会谁来讲话", "person"),
        ("数据标注基地的扶持资金", "budget"),
    ],
)
def test_more_everyday_detail_wordings(question, slot):
    assert detail_slot(question) == slot


def test_ji_with_any_measure_word_asks_for_a_number(assistant):
    from assistant.intents import detect

    assert detect("海丝星座要组几颗卫星", assistant.directory).kind == "number"
    assert detect("五大行动分几大工程", assistant.directory).kind != "number"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("闽政同的日活目标", "闽政通"), ("福建马和社保卡融合", "福建码"), ("What is the daily active target of Minzhengtong?", "闽政通")],
)
def test_plan_names_typed_by_sound_are_put_back(assistant, typed, meant):
    assert meant in assistant.term_sounds.restore(typed)


@pytest.mark.parametrize("text", ["数据中心集群在哪", "How many base stations?", "算力规模达到多少"])
def test_text_without_sound_alike_names_is_unchanged(assistant, text):
    assert assistant.term_sounds.restore(text) == text


def test_a_restored_question_says_how_it_was_read(assistant):
    a = assistant.ask("闽政同日活要到多少")
    assert a.question == "闽政通日活要到多少" and "闽政通" in a.answer.split("\n")[0]
    assert assistant.ask("闽政通日活要到多少").answer.split("\n")[0].count("闽政通") == 0  # no note


def test_an_english_question_about_a_person_is_a_person_slot():
    assert detail_slot("Who is the director of the data bureau?") == "person"


@pytest.mark.parametrize("question", ["Who heads the data bureau?", "Who is the director of the Fujian Data Administration?"])
def test_a_who_question_about_an_agency_itself_names_no_lead(assistant, question):
    a = assistant.ask(question)
    assert a.refused and not a.citations
    assert names_a_unit(assistant, a.answer.split("\n")[0].replace("Read as", "")) == [] or a.status == "clarify"


def test_an_agency_named_through_the_glossary_is_no_topic(assistant):
    assert not assistant.grounding.has_topic("the Fujian Data Administration")


def test_a_later_part_without_a_topic_is_about_the_first_parts(assistant):
    a = assistant.ask("省级算力规模要达到多少，由谁牵头")
    cited = {c.clause_id for c in a.citations}
    assert "二.2" in cited and "省数据管理局" in fold(a.answer)
    assert a.answer.count("**1.") == 1 and a.answer.count("**2.") == 1


def test_who_leads_after_a_not_stated_answer_is_about_its_clause(assistant):
    history = [{"role": "user", "content": "智慧养老院哪一年建成"}]
    first = assistant.ask(history[0]["content"])
    assert first.status == "not_stated"
    a = assistant.ask("谁负责", history)
    assert a.status == "answered" and a.citations[0].clause_id == "四.(四).2"


def test_what_it_takes_part_in_is_the_agency_s_tasks(assistant):
    from assistant.intents import detect

    assert detect("那它参与的呢", assistant.directory).kind == "agency_tasks"


def test_a_figure_answer_quotes_only_the_sentence_with_the_topic_s_figure(assistant):
    a = assistant.ask("智慧养老院计划建成多少个")
    assert "100" in a.answer and "20個" not in a.answer and "20个" not in a.answer


@pytest.mark.parametrize("question", ["它的目标是啥", "数字乡村的重点是什么，谁负责"])
def test_what_the_plan_sets_is_no_term_to_define(question):
    assert detail_slot(question) != "definition"


def test_a_short_term_then_what_is_it_is_a_definition():
    assert detail_slot("信创是啥东西") == "definition"


def test_an_agency_that_leads_nothing_says_so_and_shows_what_it_joins(assistant):
    a = assistant.ask("各设区市牵头了几项任务")
    assert not a.refused and a.intent == "agency_tasks"
    assert a.answer.startswith("工作要点中没有各设区市牵头的任务")
    joined = [c.id for c in assistant.plan.tasks if "各設區市" in c.units.names]
    assert [c.clause_id for c in a.citations] == joined and all(c.role == "member" for c in a.citations)


def test_actions_and_projects_asked_together_are_both_answered(assistant):
    a = assistant.ask("要点有几个行动几个工程")
    ids = [c.clause_id for c in a.citations]
    assert [i for i in ids if "." not in i] == [c.id for c in assistant.plan.actions]
    assert [i for i in ids if "(" in i] == [c.id for c in assistant.plan.projects]


def test_is_it_listed_in_another_task_asks_for_the_agency_s_tasks(assistant):
    from assistant.intents import detect

    i = detect("Is that bureau listed in any other task?", assistant.directory)
    assert i.kind == "agency_tasks" and i.follow_up


def test_english_glossary_keys_match_across_hyphens(assistant):
    terms = assistant.resources.glossary.analyse("industrial-chain research").terms
    assert any("產業鏈" in t for t in terms)


def test_which_company_is_asked_with_who_is_not_a_lead_question(assistant):
    from assistant.intents import detect

    assert detect("智慧海关的合作企业是谁", assistant.directory).kind != "lead"
    a = assistant.ask("数字文物管理平台的合作企业是谁")
    assert a.refused and not names_a_unit(assistant, a.answer.split("\n")[0])


@pytest.mark.parametrize(
    ("question", "slot"),
    [("数字乡村先行区建设进展怎么样", "past_result"), ("智慧海关建得如何", "past_result"), ("数据标注基地的认定办法", "procedure")],
)
def test_progress_and_selection_rules_are_detail_slots(question, slot):
    assert detail_slot(question) == slot


def test_the_clause_saying_the_whole_topic_beats_one_saying_part_of_it(assistant):
    # 深度合成 (what 换脸 means here) is only in 四.(六).3; 人工智能 is all over 四.(一).5
    a = assistant.ask("网上换脸这种事归哪条任务管")
    assert a.status == "answered" and a.citations[0].clause_id == "四.(六).3"


# --- 19. failure classes of fresh3 (reported once, then a tune set), pinned with wordings written here
@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("低空平台谁牵头 啥时候建好", 2),  # a space typed as punctuation
        ("Who leads the hotline work and how many ports will be built?", 2),
        ("那数字乡村呢 谁牵头", 1),  # a leading "X呢" names the topic of the next piece
    ],
)
def test_spaces_and_english_and_split_questions(question, parts):
    assert len(split_question(question)) == parts


def test_two_structure_questions_in_one_are_both_answered(assistant):
    a = assistant.ask("总共几个行动 第四个行动下面几个工程")
    assert a.answer.count("**1.") == 1 and a.answer.count("**2.") == 1


def test_two_agencies_get_their_own_task_lists(assistant):
    a = assistant.ask("网信办和密码局分别牵头哪些任务")
    assert "**1." in a.answer and "**2." in a.answer
    assert {c.clause_id for c in a.citations} >= {"五.1", "五.3"}


def test_when_a_named_measure_comes_out_is_not_the_document_date(assistant):
    a = assistant.ask("公共数据资源登记制度什么时候出台")
    assert a.status in ("not_stated", "refused") and "2025年4月29日" not in a.answer
    assert assistant.ask("这个文件什么时候印发的").status == "answered"


def test_a_figure_of_one_list_item_is_not_its_sibling_s(assistant):
    # 二.1: "新建5G基站1萬個以上、10G-PON端口6萬個以上"; 四.(一).4: "10個數字農業創新應用基地和一批農業物聯網應用基地"
    clause = assistant.plan.get("四.(一).4")
    assert not assistant._states_figure("农业物联网应用基地要建多少", clause)
    assert assistant._states_figure("数字农业创新应用基地要建多少", clause)


def test_which_members_of_a_named_collective_is_not_stated(assistant):
    a = assistant.ask("“一张网”“一朵云”和三大一体化平台里的三大平台分别是哪三个")
    assert a.refused


@pytest.mark.parametrize(
    ("question", "slot"),
    [("智慧养老院都放哪", "location"), ("集成电路试验区在厦门哪个区", "location"), ("现在全省已经有多少个5G基站", "past_result"),
     ("数据标注基地咋报", "procedure"), ("万兆筑城几时启动", "date")],
)
def test_round_three_detail_wordings(question, slot):
    assert detail_slot(question) == slot


def test_an_ordinal_is_no_model_code(assistant):
    assert assistant.grounding.absent_codes("Who leads the 8th Digital China Summit?") == []
    assert assistant.grounding.absent_codes("Who leads 6G research?") == ["6g"]


def test_a_city_s_tasks_include_those_its_name_appears_in(assistant):
    a = assistant.ask("厦门要干啥")
    named = [c.id for c in assistant.plan.tasks if any("廈門" in s for s in c.sentences[1:])]
    assert named and [c.clause_id for c in a.citations] == named
    assert "正文点名" in a.answer


def test_a_city_asked_with_a_role_keeps_the_units_list_answer(assistant):
    a = assistant.ask("泉州市参与了哪些任务")
    units = [c.id for c in assistant.plan.tasks if "泉州市" in c.units.names]
    assert [c.clause_id for c in a.citations] == units


def test_a_city_no_task_names_is_refused(assistant):
    a = assistant.ask("宁德要干啥")
    assert a.refused and not a.citations


# --- 20. failure classes of fresh4 (reported once, then a tune set), pinned with wordings written here
@pytest.mark.parametrize(
    ("question", "clause_id"),
    [("智慧图书馆那摊子事归谁管", "四.(三).1"), ("数字乡村这活谁主抓", "四.(四).4"), ("碳普惠那摊子哪个厅挑头", "四.(五).2")],
)
def test_that_business_wording_around_a_topic_is_no_topic(assistant, question, clause_id):
    a = assistant.ask(question)
    assert a.status == "answered" and a.citations[0].clause_id == clause_id
    assert a.citations[0].lead and fold(a.citations[0].lead) in fold(a.answer)


def test_a_count_typed_with_w_is_read_as_wan(assistant):
    g = assistant.grounding
    said = "完善提升“閩政通”,力爭實現日均活躍數100萬目標"
    assert g.text_coverage("闽政通日活冲100w", said) == 1.0
    assert g.text_coverage("闽政通日活冲200w", said) < 1.0


def test_an_abbreviated_english_agency_name_is_found(directory):
    assert directory.find_in("what does the science and technology dept lead") == ["省科技廳"]
    assert directory.find_in("Dept. of Science and Technology") == ["省科技廳"]
    assert directory.find_in("the departure lounge") == []


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which provincial bureau takes the lead on smart libraries?", "lead"),
        ("Which units support the lead agency on smart libraries?", "members"),
        ("List all tasks where the provincial finance department is a responsible unit", "agency_tasks"),
        ("工信厅涉及的活列一下", "agency_tasks"),
        ("数据局牵头的事一共有几项", "agency_tasks"),
        ("省林业局有啥任务", "agency_tasks"),
        ("责任单位里提到泉州市的是哪条", "agency_tasks"),
    ],
)
def test_round_four_kind_wordings(directory, question, kind):
    from assistant.intents import detect

    assert detect(question, directory).kind == kind


def test_a_space_before_a_latin_word_splits_two_questions():
    assert split_question("智慧养老院要建几个 ai+教育场景要征集几个") == ["智慧养老院要建几个", "ai+教育场景要征集几个"]
    assert split_question("10G-PON端口要建多少") == ["10G-PON端口要建多少"]


def test_an_agency_count_then_which_ones_is_one_task_list(assistant):
    a = assistant.ask("数据局牵头的活有几条 分别是啥")
    assert "**2." not in a.answer and a.status == "answered"
    assert {c.clause_id for c in a.citations} == {c.id for c in assistant.plan.tasks if c.lead == "省數據管理局"}


def test_a_later_who_leads_part_is_about_the_first_part_s_topic(assistant):
    a = assistant.ask("海洋信息通信感知网有啥要求 归谁牵头")
    assert "**2." in a.answer and fold("省通信管理局") in fold(a.answer)
    assert [c.clause_id for c in a.citations][-1:] == ["二.1"]


@pytest.mark.parametrize(
    ("question", "slot"),
    [("23年建了多少个智慧养老院", "past_result"), ("智慧养老院建成几个了", "past_result"), ("这事的联络人是谁", "person"),
     ("咋评上数字化标杆企业", "procedure"), ("有电话吗", "person")],
)
def test_round_four_detail_wordings(question, slot):
    assert detail_slot(question) == slot


def test_a_past_result_cue_keeps_the_topic_between_its_words():
    from assistant.slots import strip_cue

    assert "算力规模" in strip_cue("现在全省算力规模已经到多少了", "past_result")


def test_the_things_a_contents_question_lists_must_be_listed(assistant):
    # 四.(六).4 names a 新型監管體系 and never lists its 制度
    a = assistant.ask("新型监管体系具体包括哪些制度")
    assert a.status == "not_stated" and a.citations == () and a.related[0].clause_id == "四.(六).4"
    assert assistant.ask("三医一张网的三医具体指哪三个").refused


def test_a_figure_of_5g_is_no_figure_of_5g_a(assistant):
    assert assistant.ask("5G-A通感一体要建多少个站").status == "not_stated"
    a = assistant.ask("5G基站今年新建多少")
    assert a.status == "answered" and fold("1萬個") in fold(a.answer)


def test_a_detail_follow_up_shows_the_last_turn_s_sentence(assistant):
    a = assistant.ask("啥时候能建好", [{"role": "user", "content": "泉州卫星运营中心谁负责"}])
    assert a.status == "not_stated" and "卫星" in a.answer


def test_a_follow_up_the_last_clause_covers_stays_on_it(assistant):
    history = [{"role": "user", "content": "Who leads public data resource registration?"}]
    a = assistant.ask("and how many application scenarios should each city have", history)
    assert a.status == "answered" and a.citations[0].clause_id == "三.2" and fold("5個") in fold(a.answer)


def test_a_detail_of_a_named_programme_is_not_stated_even_with_extra_words(assistant):
    a = assistant.ask("闽政通的项目经理叫什么")
    assert a.status == "not_stated" and "閩政通" in a.related[0].text


def test_a_typed_character_is_read_by_its_everyday_sound():
    from assistant.typos import restore

    assert restore("平潭有啥任务", "") == "平潭有啥任务"  # 潭 is tan (its rare dan is no 单)
    assert restore("这项谁付责", "") == "这项谁负责"


def test_how_many_tasks_the_whole_plan_has(assistant):
    a = assistant.ask("整个工作要点总共多少项任务")
    assert str(len(assistant.plan.tasks)) in a.answer and a.status == "answered"


def test_two_cities_each_get_their_own_list(assistant):
    a = assistant.ask("泉州和漳州分别要干啥")
    assert "**1." in a.answer and "**2." in a.answer and "漳州" in a.answer


@pytest.mark.parametrize(
    ("history", "question", "clause_id"),
    [("算力谁牵头", "那数据交易呢", "三.3"), ("智慧图书馆归谁管", "那红色文化数据库呢", "四.(三).2")],
)
def test_an_ellipsis_asks_the_last_question_about_its_own_topic(assistant, history, question, clause_id):
    a = assistant.ask(question, [{"role": "user", "content": history}])
    lead = assistant.plan.get(clause_id).lead
    assert a.citations[0].clause_id == clause_id and fold(lead) in fold(a.answer)


def test_an_ellipsis_about_an_uncovered_topic_is_refused(assistant):
    assert assistant.ask("那共享单车呢", [{"role": "user", "content": "算力谁牵头"}]).refused


def test_an_ellipsis_naming_another_agency_lists_its_tasks(assistant):
    a = assistant.ask("那科技厅呢", [{"role": "user", "content": "数据局牵头哪些任务"}])
    assert {c.clause_id for c in a.citations} == {c.id for c in assistant.plan.tasks if c.lead == "省科技廳"}


@pytest.mark.parametrize("question", ["省民政厅参与了吗", "那配合的呢"])
def test_is_it_involved_and_the_others_are_a_units_answer(assistant, question):
    a = assistant.ask(question, [{"role": "user", "content": "智慧养老院谁牵头"}])
    assert a.status == "answered" and a.citations[0].clause_id == "四.(四).2"
    assert fold("省民政廳") in fold(a.answer)


def test_who_the_document_went_to(assistant):
    a = assistant.ask("这份要点发给哪些单位")
    assert a.intent == "document" and "成员单位" in fold(a.answer)


def test_and_when_opening_a_follow_up_is_no_document_date(directory):
    from assistant.intents import detect

    assert detect("and when is it due", directory).kind != "document"
    assert detect("Who issued this and when?", directory).kind == "document"


def test_an_english_term_matches_across_a_comma(assistant):
    assert "一數一源" in assistant.resources.glossary.analyse("the 'one data, one source' rule").terms


def test_two_items_each_with_a_figure_and_a_lead(assistant):
    a = assistant.ask("5G基站和10G-PON端口分别建多少？谁牵头？")
    folded = fold(a.answer)
    assert all(fold(s) in folded for s in ("1萬個", "6萬個", "省通信管理局"))
    assert a.answer.count("**1.") == 1  # listed in line, not nested


@pytest.mark.parametrize(
    ("question", "verdict"),
    [("数据标注基地是数据局牵头的吗", "是牵头单位"), ("智慧图书馆是不是商务厅负责", "配合单位"), ("红色文化数据库是财政厅管的吗", "不在"),
     ("Does the culture and tourism department lead smart libraries?", "leads it")],
)
def test_a_yes_no_lead_question_gets_its_verdict_and_the_lead(assistant, question, verdict):
    a = assistant.ask(question)
    assert a.status == "answered" and verdict in a.answer
    assert fold(a.citations[0].lead) in fold(a.answer)


def test_which_unit_has_the_most_tasks_is_a_ranking(assistant):
    a = assistant.ask("哪个单位牵头的任务最多")
    leads = [c.lead for c in assistant.plan.tasks]
    top = max(set(leads), key=leads.count)
    assert fold(top) in fold(a.answer).split("\n")[2] and f"{leads.count(top)}项" in a.answer


def test_a_tie_of_clauses_goes_to_the_one_saying_the_topic_in_one_sentence(assistant):
    # 一: 謀劃儲備一批數字經濟項目; 四.(一).1 has 儲備 and 項目 but not 經濟 in one sentence
    assert assistant.ask("数字经济项目储备谁负责").citations[0].clause_id == "一"


@pytest.mark.parametrize(
    "question", ["how many data centres will be built", "培育多少家数据要素型企业", "数字经济核心产业增加值目标是多少"]
)
def test_a_count_is_answered_only_by_a_figure_counting_what_was_asked(assistant, question):
    # 二.2's 1ms counts no data centres; 三.3's 10个 counts 场景, not 企业; no clause says 增加值
    assert assistant.ask(question).status == "not_stated"


@pytest.mark.parametrize(
    ("question", "figure"), [("智慧养老院今年建几家", "100個"), ("要新增上线多少款数据产品", "800款"), ("新建多少个5G基站", "1萬個")]
)
def test_a_count_in_another_measure_or_before_its_noun_still_counts(assistant, question, figure):
    a = assistant.ask(question)
    assert a.status == "answered" and fold(figure) in fold(a.answer)


def test_what_about_asks_the_last_question_of_a_new_topic(assistant):
    a = assistant.ask("what about smart libraries", [{"role": "user", "content": "Who leads the red culture database?"}])
    assert a.citations[0].clause_id == "四.(三).1" and fold("省文旅廳") in fold(a.answer) and "leads" in a.answer


def test_list_them_all_answers_the_last_question_again(assistant):
    a = assistant.ask("都列出来", [{"role": "user", "content": "科技厅牵头几项"}])
    assert {c.clause_id for c in a.citations} == {c.id for c in assistant.plan.tasks if c.lead == "省科技廳"}


@pytest.mark.parametrize(("question", "place"), [("Which tasks involve Fuzhou?", "福州"), ("Is Nanping named anywhere in the plan?", "南平")])
def test_an_english_city_name_gets_the_place_answer(assistant, question, place):
    a = assistant.ask(question)
    named = [c.id for c in assistant.plan.tasks if any(place in fold(s) for s in c.sentences[1:])
             or any(place in fold(u) for u in c.units.names)]
    assert [c.clause_id for c in a.citations] == named
    assert a.refused == (not named)


def test_a_verb_ending_in_ban_is_no_unknown_unit(assistant):
    a = assistant.ask("具体办哪些活动", [{"role": "user", "content": "峰会谁牵头"}])
    assert "责任单位" not in a.answer and a.citations and a.citations[0].clause_id == "一"


def test_a_place_named_in_english_is_not_new_information(assistant):
    a = assistant.ask("Where exactly will the Quanzhou satellite operations centre be built?")
    assert a.status == "not_stated" and "衛星" in a.answer


def test_not_the_lead_asks_for_the_tasks_it_only_joins(assistant):
    a = assistant.ask("工信厅在哪些任务里不是牵头的")
    joins = {c.id for c in assistant.plan.tasks if "省工信廳" in c.members}
    assert {c.clause_id for c in a.citations} == joins


def test_does_it_lead_anything_says_none_and_what_it_joins(assistant):
    a = assistant.ask("电子信息集团有牵头的吗")
    assert a.status == "answered" and "没有" in a.answer
    assert {c.clause_id for c in a.citations} == {c.id for c in assistant.plan.tasks if "省電子信息集團" in c.members}


@pytest.mark.parametrize(("question", "clause_id"), [("文件最后一段讲了啥", "結"), ("开头的总体要求是什么", "序")])
def test_the_document_s_opening_and_closing_are_quoted(assistant, question, clause_id):
    a = assistant.ask(question)
    assert a.status == "answered" and a.citations[0].clause_id == clause_id


def test_a_term_whose_members_the_plan_lists_is_defined(assistant):
    a = assistant.ask("三大主体是指什么")
    assert a.status == "answered" and "政府、社会、市场" in a.answer


def test_a_topic_only_a_heading_holds_is_answered_from_its_tasks(assistant):
    assert assistant._heading_named("数据要素市场今年要干啥").id == "三"
    assert assistant._heading_named("数字乡村今年要干啥") is None  # no heading says it
    a = assistant.ask("关于数据要素市场今年要干啥")
    assert a.status == "answered" and all(c.clause_id.startswith("三") for c in a.citations)


def test_a_topic_half_made_of_words_the_plan_never_uses_is_not_quoted(assistant):
    # 诈骗 occurs nowhere in the plan; 网络 everywhere
    assert assistant.ask("有没有关于网络诈骗的内容").refused
    assert assistant.grounding.confident("网络诈骗", assistant._hits("网络诈骗")[0], quoting=True) is False


def test_a_verb_ban_shi_is_no_office(assistant):
    assert assistant._unknown_name("对老百姓办事有啥变化") is None
    assert assistant._unknown_name("省统计局负责哪些任务") == "省统计局"


def test_one_topic_two_things_asked_joined_by_he():
    assert split_question("数据标注基地的目标和牵头单位") == ["数据标注基地目标", "数据标注基地牵头单位"]
    assert split_question("数字乡村和智慧教育分别由谁牵头") == ["数字乡村由谁牵头", "智慧教育由谁牵头"]


def test_a_place_of_a_sibling_item_does_not_place_the_thing_asked(assistant):
    # 二.3: 加快建設泉州衛星運營中心、三明海絲衛星數據運營中心 — 三明 is the second centre's
    assert assistant.ask("泉州卫星运营中心建在哪").status == "not_stated"
    a = assistant.ask("卫星数据运营中心建在哪个市")
    assert a.status == "answered" and "三明" in a.answer


@pytest.mark.parametrize(
    ("question", "slot"),
    [("算力中心投资规模多大", "budget"), ("啥叫数联网", "definition"), ("一所多站是个啥", "definition"),
     ("哪个领导分管这块", "person"), ("智算中心在平潭哪里", "location"), ("企业怎么参加评选", "procedure")],
)
def test_round_four_more_detail_wordings(question, slot):
    assert detail_slot(question) == slot


@pytest.mark.parametrize(
    ("question", "slot"),
    [("What is a digital village pilot zone?", "definition"), ("How can an enterprise apply for the pilot?", "procedure")],
)
def test_round_four_english_detail_wordings(question, slot):
    assert detail_slot(question) == slot
    assert detail_slot("What is the target for 5G base stations?") == ""


@pytest.mark.parametrize(
    ("question", "verdict"),
    [("数据局在算力这块是牵头还是配合", "是牵头单位"), ("工信厅在5G基站里是什么角色", "是配合单位"),
     ("What role does the Big Data Group play in computing power?", "takes part, but does not lead")],
)
def test_the_role_of_a_named_unit_in_a_task(assistant, question, verdict):
    a = assistant.ask(question)
    assert a.status == "answered" and verdict in a.answer


def test_how_many_units_is_a_units_answer(assistant):
    a = assistant.ask("海洋信息通信感知网由几个单位负责")
    assert a.intent == "members" and a.citations[0].clause_id == "二.1" and "5个" in a.answer


@pytest.mark.parametrize("question", ["智慧交通谁牵头", "智能制造归哪个部门", "数字档案馆谁建"])
def test_a_programme_the_plan_never_names_gets_no_lead(assistant, question):
    # both halves occur in the plan (智慧养老院, 交通网; 智能电网, 工业制造; 数字福建, 档案局), the programme does not
    a = assistant.ask(question)
    assert a.refused and not names_a_unit(assistant, a.answer)


def test_a_programme_named_without_its_middle_words_is_the_plan_s(assistant):
    assert assistant.grounding.absent_programmes("数字标准工程配合的是哪家") == []
    assert assistant.grounding.absent_programmes("数字化转型谁负责") == []  # 数字化 is no programme


# --- 21. round five: wordings found in the fifth held-out set and in probe sets (cases written here)
def _user(*turns: str) -> list[dict]:
    return [{"role": "user", "content": t} for t in turns]


def test_a_bare_what_does_it_involve_follows_the_last_topic(assistant):
    a = assistant.ask("具体都干些什么", _user("数字乡村谁牵头"))
    assert a.status == "answered" and a.citations[0].clause_id == "四.(四).4"


def test_which_cities_a_task_names(assistant):
    a = assistant.ask("这条点名了哪些城市", _user("两岸融合那条谁牵头"))
    assert a.status == "answered" and a.citations[0].clause_id == "四.(四).5"
    assert "泉州市" in a.answer  # as its units list writes it


def test_a_platform_called_office_software_is_no_unit(assistant):
    a = assistant.ask("闽政务协同办公平台谁牵头")
    assert a.status == "answered" and a.citations[0].clause_id == "四.(二).3"


def test_each_of_two_named_tasks_asked_with_ge():
    assert split_question("海丝星座和闽政通这两条各由谁牵头") == ["海丝星座由谁牵头", "闽政通由谁牵头"]
    assert split_question("福州和各设区市要干啥") == ["福州和各设区市要干啥"]  # 各 of 各设区市 is no "each"


def test_listed_as_a_unit_in_which_task_is_an_agency_question(assistant):
    a = assistant.ask("泉州市被列为配合单位的是哪几条")
    assert a.intent == "agency_tasks" and [c.clause_id for c in a.citations] == ["四.(四).5"]


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("智慧养老院实际建成了多少", "past_result"),
        ("第二批试点当时有几个", "past_result"),
        ("闽政通那边找谁 要个名字", "person"),
        ("how much is budgeted for the satellites", "budget"),
        ("想申报数字农业创新应用基地咋整", "procedure"),
        ("what exactly counts as a trusted data space", "definition"),
        ("who is the contact for the satellite platform", "person"),
    ],
)
def test_round_five_detail_wordings(question, slot):
    assert detail_slot(question) == slot


def test_the_topic_between_apply_and_how_is_kept():
    from assistant.slots import strip_cue

    assert "数字农业创新应用基地" in strip_cue("想申报数字农业创新应用基地咋整", "procedure")


def test_a_region_outside_fujian_gets_no_answer(assistant):
    for question in ("长三角数据合作谁牵头", "粤港澳算力合作有提到吗"):
        a = assistant.ask(question)
        assert a.refused and not names_a_unit(assistant, a.answer)


def test_a_choice_between_two_units_names_the_lead(assistant):
    a = assistant.ask("海丝星座是数据局牵头还是发改委牵头")
    assert a.intent == "lead" and a.citations[0].clause_id == "二.3" and "**省发改委**" in a.answer


def test_the_unit_asked_about_does_not_pick_the_task(assistant):
    # 网信办 leads three tasks; the topic (方案密评制度) is 五.3's, where it is no unit at all
    a = assistant.ask("方案密评制度是不是网信办的活")
    assert a.citations[0].clause_id == "五.3" and "不在" in a.answer


def test_a_project_named_by_its_distinctive_word(assistant):
    a = assistant.ask("生态文明工程有几项任务")
    assert "2项任务" in a.answer and {"四.(五).1", "四.(五).2"} <= {c.clause_id for c in a.citations}


def test_all_the_figures_of_the_last_task(assistant):
    a = assistant.ask("它的数字目标都有哪些", _user("18个集聚区在哪条任务里"))
    assert a.citations[0].clause_id == "四.(一).3" and "330家" in a.answer and "50个" in a.answer


def test_besides_the_lead_asks_for_the_other_units(assistant):
    a = assistant.ask("除了数据局之外呢", _user("算力谁牵头"))
    assert a.citations[0].clause_id == "二.2" and "省工信厅" in a.answer and "责任单位" in a.answer


def test_a_detail_ellipsis_keeps_the_topic_and_asks_the_detail(assistant):
    a = assistant.ask("预算呢", _user("海丝星座谁牵头"))
    assert a.status == "not_stated" and a.related[0].clause_id == "二.3"


def test_a_city_s_units_entry_is_shown_as_written(assistant):
    a = assistant.ask("福州都摊上哪些活")
    assert "福州及相关设区市" in a.answer


def test_what_a_city_is_doing_in_english(assistant):
    a = assistant.ask("What is Quanzhou doing in the plan?")
    assert {"二.3", "四.(四).5"} <= {c.clause_id for c in a.citations}


def test_the_closing_is_quoted_when_it_says_the_topic(assistant):
    for question in ("结尾那段讲的联动机制是啥", "收尾部分说了哪些机制"):
        a = assistant.ask(question)
        assert a.status == "answered" and a.citations[0].clause_id == "結"


def test_a_typo_of_a_glossary_name_is_read_back(assistant):
    assert assistant.term_sounds.restore("海思星座今年干啥") == "海丝星座今年干啥"


def test_the_addressee_asked_as_main_recipient(assistant):
    a = assistant.ask("这份文件的主送单位是谁")
    assert a.intent == "document" and "数字福建建设领导小组各成员单位" in a.answer


def test_kinds_of_a_thing_listed_before_it_are_no_definition(assistant):
    a = assistant.ask("可信数据空间到底是什么意思")
    assert a.status == "not_stated" and a.related[0].clause_id == "三.3"


def test_a_place_outside_fujian_and_a_covered_topic(assistant):
    assert assistant.grounding.places_elsewhere("港澳数据合作") == ["港澳"]
    assert assistant.grounding.places_elsewhere("闽宁协作") == []


def test_parts_asked_in_traditional_or_joined_by_a_dun_are_split():
    assert split_question("數據標註基地培育幾個？大模型應用要做幾個？") == ["數據標註基地培育幾個？", "大模型應用要做幾個？"]
    assert split_question("智慧养老院建几个、示范场景打造几个") == ["智慧养老院建几个", "示范场景打造几个"]
    assert split_question("福州、厦门、泉州要干啥") == ["福州、厦门、泉州要干啥"]  # a list, one question


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("省卫星数据开发服务平台是哪家公司建的", "person"),
        ("信创运维交给谁来做", "person"),
        ("闽政通目前的日活是多少", "past_result"),
        ("特定人群指的是哪些人", "definition"),
        ("海洋感知网那些钱谁出", "budget"),
        ("福见康养平台具体怎么操作", "procedure"),
    ],
)
def test_round_five_more_detail_wordings(question, slot):
    assert detail_slot(question) == slot


def test_which_members_a_collective_unit_has_is_not_stated(assistant):
    a = assistant.ask("数据交易那条里的省直有关单位具体都有哪些")
    assert a.status == "not_stated" and a.related[0].clause_id == "三.3"


def test_a_compound_whose_halves_sit_in_different_sentences_gets_no_lead(assistant):
    # 跨境 is 跨境电商's, 数据 another sentence's: no task is about cross-border data
    a = assistant.ask("数据跨境这块归哪个部门")
    assert a.refused and not names_a_unit(assistant, a.answer)


def test_a_two_character_term_typed_by_its_sound_is_read_back(assistant):
    assert assistant.term_sounds.restore("蒜力规模目标多少") == "算力规模目标多少"
    # never from the tail of another word: 直达|数据中心 has no 大数据中心 in it
    assert assistant.term_sounds.restore("一跳直达数据中心怎么建") == "一跳直达数据中心怎么建"
    assert assistant.term_sounds.restore("骑手权益保障谁管") == "骑手权益保障谁管"


def test_a_named_unit_is_checked_against_the_task_the_topic_names(assistant):
    a = assistant.ask("算力是数据局牵头还是通信管理局牵头")
    assert a.intent == "lead" and a.citations[0].clause_id == "二.2" and "**省数据管理局**" in a.answer


def test_document_date_and_signer_in_casual_english(assistant):
    a = assistant.ask("when did this go out and who signed off on it")
    assert a.intent == "document" and "2025年4月29日" in a.answer


@pytest.mark.parametrize("question", ["数据局局长是谁？", "大数据集团董事长叫什么", "Who is the director of the Fujian Data Administration?"])
def test_a_person_of_a_named_unit_is_not_stated(assistant, question):
    # the unit is the plan's (a topic it covers); its people are a detail it never gives
    a = assistant.ask(question)
    assert a.status == "not_stated" and not a.citations
    assert "牵头" not in a.answer.split("\n")[0] and "**" not in a.answer


def test_which_clauses_say_a_term(assistant):
    a = assistant.ask("大模型在要点哪几条里出现")
    assert a.status == "answered" and [c.clause_id for c in a.citations] == ["四.(一).5"]  # not 城市信息模型


def test_a_paraphrase_around_a_covered_topic_names_its_lead(assistant):
    # 跟着 is no word of the plan, but the rest of the topic is 四.(六).3's
    a = assistant.ask("网络空间治理 跟着网信办一起干的有哪些")
    assert a.status == "answered" and a.citations[0].clause_id == "四.(六).3"


def test_a_number_question_takes_the_clause_saying_the_whole_topic(assistant):
    a = assistant.ask("数字化标杆企业打造几个")
    assert a.citations[0].clause_id == "四.(一).4" and "20个" in a.answer


def test_a_project_by_its_number_is_listed(assistant):
    a = assistant.ask("第四个工程讲的是啥")
    assert "四.(四).1" in {c.clause_id for c in a.citations}


def test_two_things_of_one_english_question():
    assert split_question("what's the compute target and the latency goal between cities") == [
        "what's the compute target",
        "what's the latency goal between cities",
    ]


def test_question_grammar_shaped_like_a_programme_is_none(assistant):
    assert assistant.grounding.absent_programmes("人工智能那条有哪些数字目标") == []


@pytest.mark.parametrize("question", ["公共数据平台里的疫苗数据谁牵头", "智慧养老院的护工谁来管"])
def test_a_thing_the_plan_never_names_inside_a_covered_topic_gets_no_lead(assistant, question):
    a = assistant.ask(question)
    assert a.refused and not names_a_unit(assistant, a.answer)


def test_a_yes_no_lead_question_ending_in_ba(assistant):
    a = assistant.ask("信创是网信办牵头吧")
    assert a.citations[0].clause_id == "五.2" and "不牵头" in a.answer


def test_which_counties_of_a_rural_pilot_are_not_stated(assistant):
    # 数字乡村 has a 乡 in it, yet names no township
    a = assistant.ask("第二批数字乡村试点都在哪些县")
    assert a.status == "not_stated"


def test_a_collective_asked_alone_is_not_stated(assistant):
    a = assistant.ask("“相关设区市”具体是指哪几个")
    assert a.status == "not_stated"


def test_shared_tasks_of_two_units(assistant):
    a = assistant.ask("数据局牵头、大数据集团配合的任务有哪些")
    cited = {c.clause_id for c in a.citations}
    assert "二.2" in cited and "一" not in cited  # 一 has no 大数据集团
    b = assistant.ask("网信办和密码管理局都参与的任务")
    assert {c.clause_id for c in b.citations} == {"五.1", "五.2"}


def test_a_unit_s_part_in_a_named_task(assistant):
    a = assistant.ask("数据局在数字乡村里干啥")
    assert a.citations[0].clause_id == "四.(四).4" and "不在" in a.answer


def test_is_it_x_doing_it_gets_a_verdict(assistant):
    a = assistant.ask("海丝星座是不是科技厅在抓")
    assert a.citations[0].clause_id == "二.3" and "不在" in a.answer and "**省发改委**" in a.answer


def test_an_english_action_named_through_the_glossary(assistant):
    a = assistant.ask("how many tasks are under the digital security action")
    assert {c.clause_id for c in a.citations} >= {"五.1", "五.2", "五.3"} and "3 task" in a.answer


def test_it_as_the_last_task_asks_about_its_text(assistant):
    a = assistant.ask("那它还要建什么产业平台吗", _user("数字乡村谁牵头"))
    assert a.citations[0].clause_id == "四.(四).4" and "产业互联网平台" in a.answer


def test_a_follow_up_naming_a_topic_the_plan_lacks_gets_no_lead(assistant):
    a = assistant.ask("那反诈骗那块呢 谁负责", _user("网络安全那块谁牵头"))
    assert a.refused and not names_a_unit(assistant, a.answer)


@pytest.mark.parametrize("question", ["闽政通上面的外卖功能是哪个部门在搞", "5G基站的辐射监测归谁管"])
def test_a_thing_after_de_the_plan_never_says_gets_no_lead(assistant, question):
    a = assistant.ask(question)
    assert a.refused and not names_a_unit(assistant, a.answer)


def test_an_acronym_neither_the_plan_nor_the_glossary_knows_is_absent(assistant):
    assert assistant.grounding.absent_codes("Who is in charge of NFT platforms") == ["nft"]
    assert assistant.grounding.absent_codes("Who leads the AI work") == []


@pytest.mark.parametrize(
    ("question", "slot"),
    [("ok and what are the exact dates of the summit", "date"), ("十五五规划编制 具体哪个处室哪个人对接", "person")],
)
def test_round_five_last_detail_wordings(question, slot):
    assert detail_slot(question) == slot


def test_what_a_named_programme_is_about_is_no_definition():
    assert detail_slot("万兆筑城 讲的是什么") == ""


def test_short_unit_names_and_their_task_lists(assistant):
    a = assistant.ask("发改牵头的事项")
    assert a.intent == "agency_tasks" and {c.clause_id for c in a.citations} == {"一", "二.3"}


def test_a_follow_up_about_a_thing_the_plan_never_writes_gets_no_inherited_lead(assistant):
    a = assistant.ask("那外卖功能谁做", _user("闽政通日活目标多少"))
    assert a.refused and not names_a_unit(assistant, a.answer)
    b = assistant.ask("闽政通日活目标多少 归谁牵头")  # a later part with no topic still follows the first
    assert "省政府办公厅" in b.answer


# --- 22. round six: question grammar, follow-ups, structure, English helpers, unit typos
def test_english_words_weigh_as_one_chinese_word():
    from assistant.coverage import char_coverage

    # a leftover English word counts as two characters, not seven, against the plan's own words
    assert char_coverage(["backing", "红色文化"], "红色文化遗存") == pytest.approx(4 / 6)
    assert char_coverage(["5g"], "5g基站") == 1.0


@pytest.mark.parametrize(("question", "history", "unit"), [
    ("那配合单位多不多 列一下", "智慧养老院谁牵头", "省卫健委"),
    ("卫健委在不在里面", "养老院智能化谁牵头", "省卫健委"),
    ("协办单位呢", "数字乡村谁牵头", "省农业农村厅"),
])
def test_a_follow_up_in_question_grammar_stays_on_the_last_task(assistant, question, history, unit):
    first = assistant.ask(history)
    a = assistant.ask(question, _user(history))
    assert a.status == "answered" and unit in a.answer
    assert [c.clause_id for c in a.citations] == [c.clause_id for c in first.citations]


def test_grammar_words_the_plan_never_writes_are_no_topic(assistant):
    g = assistant.grounding
    assert not g.has_topic("有的话 多不多 在里面吗")
    assert g.has_topic("不动产登记")  # an idiom-tagged noun stays a topic


@pytest.mark.parametrize(
    ("question", "tasks"),
    [("数据要素市场培育行动底下有几条", {"三.1", "三.2", "三.3"}), ("数字赋能文旅发展那个工程，下面一共几项", {"四.(三).1", "四.(三).2"})],
)
def test_tasks_under_an_action_or_project_counted_in_everyday_words(assistant, question, tasks):
    a = assistant.ask(question)
    assert a.intent == "structure" and f"{len(tasks)}项任务" in a.answer
    assert tasks <= {c.clause_id for c in a.citations}


@pytest.mark.parametrize("question", ["智慧养老院归在哪个大行动底下", "「数据流通交易」这条属于第几项行动"])
def test_which_action_a_task_sits_under_in_everyday_words(assistant, question):
    a = assistant.ask(question)
    assert a.intent == "structure" and not a.refused and "行动" in a.answer


@pytest.mark.parametrize("question", [
    "smart elderly care homes - who's backing up the lead agency?",
    "which units work with the lead on the smart elderly care homes task",
])
def test_english_helpers_of_the_lead_are_its_members(assistant, question):
    a = assistant.ask(question)
    assert a.intent == "members" and a.status == "answered"
    assert "省衛健委" in a.answer


def test_a_unit_typed_with_a_character_left_out_is_read_back(assistant):
    from assistant.typos import UnitTypos

    aliases = assistant.directory.all_aliases()
    typos, in_plan = UnitTypos(aliases), UnitTypos(aliases, "布局")
    assert typos.restore("大数局牵头哪些") == "大数据局牵头哪些"
    assert typos.restore("数局牵头哪些") == "数据局牵头哪些"
    assert in_plan.restore("算力布局谁负责") == "算力布局谁负责"  # a word, not a unit
    assert typos.restore("数据管理局牵头哪些") == "数据管理局牵头哪些"
    assert typos.restore("㍿大数局") == "㍿大数局"  # folding changes its length: left as typed, no misplaced splice
    a = assistant.ask("那大数局有份吗", _user("密码应用安全谁牵头"))
    # the units of the task asked about before, not the data bureau's own task list
    assert [c.clause_id for c in a.citations] == ["五.3"] and "省数据管理局" in a.answer


def test_a_yes_no_lead_question_ending_in_a_question_mark(assistant):
    a = assistant.ask("数字乡村那条是农业农村厅管？")
    assert a.answer.startswith("省农业农村厅是配合单位，不牵头")  # the verdict first, then the lead
    assert "**省委网信办**" in a.answer


def test_a_bare_mention_inside_a_sentence_is_no_description(assistant):
    a = assistant.ask("“信号升格”行动具体是干嘛的")
    assert a.status == "not_stated" and a.citations == ()


def test_a_money_word_inside_a_name_the_plan_writes_is_that_name(assistant):
    plan = assistant.grounding.plan_text
    assert detail_slot("项目造价评估规范有提到吗", plan) == ""
    assert detail_slot("数据中心造价多少", plan) == "budget"
    assert detail_slot("峰会请了哪些重要嘉宾", plan) == "person"  # people words stay the detail asked
    assert detail_slot("示范基地都要建哪几个") == ""  # which ones, not where


def test_who_chairs_a_body_asks_for_a_person(assistant):
    assert detail_slot("who chairs the digital fujian leading group") == "person"
    a = assistant.ask("who chairs the digital fujian leading group")
    assert a.status == "not_stated" and not names_a_unit(assistant, a.answer)


def test_what_is_on_a_units_plate(assistant):
    a = assistant.ask("what's on the public security department's plate?")
    assert a.intent == "agency_tasks" and a.status == "answered"


def test_who_makes_up_a_joint_meeting_is_not_stated(assistant):
    a = assistant.ask("网络市场监管联席会议由哪些单位组成")
    assert a.status == "not_stated" and a.refused


def test_a_cue_word_typed_right_is_not_read_as_a_typo_of_another():
    from assistant.typos import restore

    assert restore("那协同的单位呢", "") == "那协同的单位呢"  # 那协 is no 哪些 before 协同
    assert restore("那些单为呢", "") == "那些单位呢"


def test_whose_job_is_a_lead_question(assistant):
    a = assistant.ask("海丝星座是谁的活")
    assert a.intent == "lead" and "**省发改委**" in a.answer


def test_a_who_question_is_no_unknown_unit_name(assistant):
    a = assistant.ask("建设全光万兆是哪个部门牵头的任务？")
    assert "没有名为" not in a.answer and "**省通信管理局**" in a.answer


def test_abroad_is_a_place_the_plan_has_no_matters_of(assistant):
    a = assistant.ask("国外的数据中心谁负责")
    assert a.refused and not names_a_unit(assistant, a.answer)


def test_quoted_english_words_and_a_leading_and(assistant):
    from assistant.intents import detect

    assert detect("how many 'actions' are in the plan", assistant.directory).structure == "actions"
    assert detect("and which bureau handles it", assistant.directory).kind == "lead"


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("is the compute goal 6000P? who leads it", 2),
        ("数字乡村跟两岸融合那两条，各是谁牵头", 2),
        ("when is the platform supposed to go live?", 1),  # one question, its own question mark
    ],
)
def test_more_ways_two_questions_are_joined(question, parts):
    assert len(split_question(question)) == parts


@pytest.mark.parametrize(("question", "verdict"), [("海丝星座那条数据局有没有份", "省数据管理局是配合单位"), ("算力那条发改委有没有份", "省发改委不在")])
def test_is_a_unit_among_a_named_tasks_units(assistant, question, verdict):
    a = assistant.ask(question)
    assert a.answer.startswith(verdict) and a.status == "answered"


def test_a_follow_up_on_a_topic_the_plan_lacks_does_not_fall_back_to_the_last_clause(assistant):
    a = assistant.ask("那共享单车呢 有安排吗", _user("智慧养老院建几个"))
    assert a.refused and a.citations == ()


def test_a_units_head_asked_by_title_is_a_person(assistant):
    a = assistant.ask("网信办主任叫什么名字")
    assert a.status == "not_stated" and "没有写明" in a.answer


def test_taiwan_wording_and_the_cac(assistant):
    assert "**省委網信辦**" in assistant.ask("數位鄉村誰負責").answer
    a = assistant.ask("what is the CAC doing this year")
    assert a.intent == "agency_tasks" and "省委網信辦" in a.answer


def test_a_part_of_the_plan_named_loosely_lists_its_tasks(assistant):
    a = assistant.ask("数据要素那部分有几条任务")
    assert "3项任务" in a.answer and {"三.1", "三.2", "三.3"} <= {c.clause_id for c in a.citations}


def test_the_clause_whose_one_sentence_says_the_whole_topic_names_the_lead(assistant):
    # 三.1 writes 优化升级省一体化公共数据平台 in one sentence; 三.2 has 公共数据 and 平台 apart
    a = assistant.ask("一体化公共数据平台升级谁来抓")
    assert [c.clause_id for c in a.citations] == ["三.1"]


def test_what_a_unit_handles_in_everyday_words(assistant):
    assert assistant.ask("网信办负责些什么").intent == "agency_tasks"
    assert assistant.ask("密码局牵头的是哪几项").intent == "agency_tasks"


def test_the_thing_after_de_the_plan_never_writes_is_not_stated_beside_its_owner(assistant):
    a = assistant.ask("数据中心的噪音问题有提吗")
    assert a.status == "not_stated" and "噪音" in a.answer and a.citations == ()


def test_a_membership_question_on_a_topic_the_plan_lacks_quotes_nothing(assistant):
    a = assistant.ask("5G基站的电费那块通信管理局也要参与？")
    assert a.refused and a.citations == ()


def test_who_does_it_in_english_asks_for_the_lead(assistant):
    a = assistant.ask("the cyber security platform - who does it?")
    assert a.intent == "lead" and "**省委網信辦**" in a.answer


def test_a_target_typed_by_its_sound_is_read_back():
    from assistant.typos import restore

    assert restore("数据产品的木标是多少", "") == "数据产品的目标是多少"


def test_a_yes_no_lead_question_ending_in_dui_bu(assistant):
    a = assistant.ask("算力那条是工信厅牵头的对吧")
    assert a.answer.startswith("省工信厅是配合单位，不牵头")


@pytest.mark.parametrize(
    ("question", "history", "intent"),
    [("数据局牵头的一共几条", "", "agency_tasks"), ("工信要配合的活都有哪些", "", "agency_tasks"), ("哪天印的", "这份要点谁发的", "document")],
)
def test_more_everyday_unit_and_document_wordings(assistant, question, history, intent):
    a = assistant.ask(question, _user(history) if history else None)
    assert a.intent == intent and a.status == "answered"


def test_participate_is_no_and_between_two_things():
    assert len(split_question("市监局参与的任务分别是啥")) == 1
    assert len(split_question("算力要搞到多少P 谁牵头")) == 2


@pytest.mark.parametrize(
    ("question", "slot"),
    [("what's the current computing power right now", "past_result"), ("which scenic spots will get the smart upgrade", "location"), ("密评收费标准有说吗", "budget")],
)
def test_round_six_detail_wordings(question, slot):
    assert detail_slot(question) == slot


def test_a_new_district_in_a_name_places_nothing():
    assert not states("location", "加快推进福州新区智算中心等项目实施", "福州新区智算中心具体地址在哪")


# --- round 7: cases written for these tests
def test_is_a_unit_involved_in_english_is_a_membership_question(assistant):
    a = assistant.ask("Is the cryptography bureau involved in the xinchuang work?")
    assert a.answer.startswith("省密碼管理局 leads it.") and a.citations[0].clause_id == "五.2"
    # the unit's own name ("veterans affairs") does not pull the task its words appear in
    b = assistant.ask("Is the veterans affairs department involved in the xinchuang work?")
    assert b.answer.startswith("省退役軍人廳 is not among this task's units.") and b.citations[0].clause_id == "五.2"
    c = assistant.ask("退役军人厅参与信创那条吗")
    assert c.answer.startswith("省退役军人厅不在这项任务的责任单位中")


def test_a_bare_unit_after_who_leads_asks_its_part_in_that_task(assistant):
    a = assistant.ask("应急厅呢", _user("数字社会治理那条谁牵头"))
    assert a.answer.startswith("省应急管理厅是配合单位，不牵头")
    assert a.citations[0].clause_id == "四.(四).3"


def test_what_a_unit_does_in_the_task_shows_the_text_naming_its_field(assistant):
    a = assistant.ask("信访局在里面干啥", _user("数字社会治理那条谁牵头"))
    assert a.answer.startswith("省信访局是配合单位，不牵头")
    assert "信访" in a.answer.split("“系统完善数字社会治理”")[0].split("表述：")[1]  # its sentence, before the lead line
    # a unit not on the list is told so, with no sentence offered as its part
    b = assistant.ask("what does the housing department do there?", _user("who leads the digital countryside task?"))
    assert "does not divide" not in b.answer


def test_how_often_is_its_own_slot_and_not_stated(assistant):
    assert detail_slot("数字福建领导小组多久开一次会") == "frequency"
    a = assistant.ask("数字福建领导小组多久开一次会")
    assert a.status == "not_stated"


def test_an_agencys_tasks_within_one_project(assistant):
    a = assistant.ask("大数据集团在数字生态优化工程里参与了哪些")
    ids = {c.clause_id for c in a.citations}
    assert ids and all(i.startswith("四.(六)") for i in ids)


def test_when_a_measure_comes_out_after_its_task_is_not_the_plans_date(assistant):
    a = assistant.ask("啥时候出台", _user("数字福建立法那条谁负责"))
    assert "2025年4月29日" not in a.answer and a.status == "not_stated"


def test_a_task_that_lists_a_city_as_a_unit_in_english(assistant):
    a = assistant.ask("Which task has Quanzhou as a responsible unit?")
    assert a.intent == "agency_tasks" and "四.(四).5" in {c.clause_id for c in a.citations}


def test_and_does_it_mention_is_a_second_part_about_the_first(assistant):
    assert len(split_question("Who leads the cryptography task, and does it mention the evaluation mechanism?")) == 2
    a = assistant.ask("Who leads the cryptography task, and does it mention scheme review?")
    second = a.answer.split("**2.")[1]
    assert "方案密評制度" in second and "[五.3]" in second


def test_a_figure_asked_under_its_task_title_is_read_from_the_task(assistant):
    a = assistant.ask("深化公共数据开发利用 每个设区市要落地几个应用场景")
    assert a.status == "answered" and "不少于5个" in a.answer


def test_the_same_figure_asked_twice_is_one_question(assistant):
    a = assistant.ask("峰会要引进多少个团队 有没有目标数")
    assert a.status == "not_stated" and "**1." not in a.answer


def test_two_units_on_the_task_just_discussed(assistant):
    a = assistant.ask("农业农村厅和大数据集团也在这条里吗", _user("数字乡村那条谁牵头"))
    assert a.citations[0].clause_id == "四.(四).4" and "省农业农村厅" in a.answer and "省大数据集团" in a.answer


def test_the_one_task_several_units_share_shows_its_units(assistant):
    a = assistant.ask("教育厅 民政厅 参与的是哪一条")
    assert [c.clause_id for c in a.citations] == ["四.(四).2"]
    assert "该任务的责任单位" in a.answer


def test_a_programme_the_plan_writes_in_quotes_is_written(assistant):
    # the plan writes 數字“第一家園”: typed without the quote marks it is still the plan's own name
    a = assistant.ask("数字第一家园平台归哪个单位牵头")
    assert a.status == "answered" and "**省委台办**" in a.answer and a.citations[0].clause_id == "四.(四).5"


def test_a_figure_stated_for_confirmation_is_checked_against_the_plans(assistant):
    # the asked figure is no topic word: the plan's own figure answers, and a different one is said to be absent
    a = assistant.ask("5G基站今年要新建3万个对吧")
    assert a.status == "answered" and a.answer.startswith("工作要点里没有“3万个”这个数") and "1万个以上" in a.answer
    b = assistant.ask("5G base stations: 10,000 new ones this year, right?")
    assert b.status == "answered" and "does not give" not in b.answer  # 10,000 is the plan's 1萬
    assert asks.figure_values("1万个") == asks.figure_values("10,000")


def test_a_modifier_the_plan_never_writes_glued_to_its_word_is_absent(assistant):
    a = assistant.ask("氢能产业这块有啥安排")
    assert a.refused and a.citations == ()


# --- round 7, third pass: role checks and follow-ups (cases written for these tests)
@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("Just to confirm: is the veterans affairs department the lead on the digital public services task, or merely a supporting unit?", "省退役軍人廳 takes part, but does not lead."),
        ("数字乡村建设 牵头是农业农村厅不", "省农业农村厅是配合单位，不牵头"),
        ("省档案局是牵头单位吗", "省档案局是配合单位，不牵头"),  # listed in one task only: that task
    ],
)
def test_is_a_unit_the_lead_or_only_a_co_unit(assistant, question, start):
    a = assistant.ask(question)
    assert a.intent == "lead" and a.answer.startswith(start)


def test_a_unit_listed_first_and_only_as_a_co_unit(assistant):
    a = assistant.ask("责任单位里省科技厅排在第一位的是哪些")
    assert a.intent == "agency_tasks" and a.answer.startswith("省科技厅牵头2项任务")
    b = assistant.ask("工信厅有没有哪条是只当配合、不当牵头的")
    assert b.intent == "agency_tasks" and b.answer.startswith("省工信厅参与（不牵头）")


def test_a_follow_up_asking_when_it_is_finished_is_about_the_last_topic(assistant):
    a = assistant.ask("那它啥时候能建成用上", _user("智慧养老院要建多少个"))
    assert a.status == "not_stated" and a.citations == () and "四.(四).2" in a.answer


def test_the_units_role_in_english_follow_up(assistant):
    a = assistant.ask("and does the medical insurance bureau have a role in it?", _user("数字公共服务那条谁牵头"))
    assert a.answer.startswith("省醫保局 takes part, but does not lead.")


def test_an_action_by_its_place_lists_its_tasks(assistant):
    a = assistant.ask("第三大行动包含哪些具体任务")
    assert [c.clause_id for c in a.citations if c.clause_id != "三"] == ["三.1", "三.2", "三.3"]


def test_a_topic_written_word_for_word_beats_the_same_characters_reordered(assistant):
    # 四.(六).3 writes 數據分類分級保護; 四.(六).4 has 數據與信用分級分類
    a = assistant.ask("数据分类分级的事 要点里怎么提的")
    assert a.citations[0].clause_id == "四.(六).3"


def test_where_does_the_plan_talk_about_asks_for_the_clause_not_a_place(assistant):
    assert detail_slot("Where does the plan talk about the satellite constellation?") == ""
    assert detail_slot("where will the satellite operations centre be?") == "location"
    a = assistant.ask("and who leads that clause?", _user("Where does the plan talk about the satellite constellation?"))
    assert a.intent == "lead" and "**省發改委**" in a.answer


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("Any launch date for the satellite data platform?", "date"),
        ("What month will the standards project start?", "date"),
        ("养老服务平台的账号咋注册 去哪填", "procedure"),
        ("How do residents register for the Fujian Code?", "procedure"),
        ("两个试点市定了是哪俩", "location"),
        ("「数字一栋楼」到底是什么东西", "definition"),
        ("How much does the exchange charge for listing a product?", "budget"),
        ("Who is in charge of data listing?", ""),  # in charge of: a lead, no money
        ("数据交易所眼下上架了多少数据产品", "past_result"),
        ("数字化标杆企业评审组谁当组长", "person"),  # who holds a post is a person, not the lead unit
        ("刺桐创新实验室谁来牵头", ""),
    ],
)
def test_round_seven_detail_wordings(question, slot):
    assert detail_slot(question) == slot


def test_a_figure_and_its_lead_asked_as_one_pair():
    assert split_question("智慧养老院的数量目标和牵头厅局分别是？") == ["智慧养老院数量目标", "智慧养老院牵头厅局"]


def test_what_day_was_the_plan_issued_in_english_is_the_cover_letters_date(assistant):
    a = assistant.ask("Which day did the leading group send out this plan?")
    assert a.intent == "document" and "2025年4月29日" in a.answer


def test_who_else_works_on_it_alongside_after_who_leads(assistant):
    a = assistant.ask("一块儿干的还有哪些", _user("数字乡村那条谁牵头"))
    assert a.intent == "members" and "省农业农村厅" in a.answer


def test_what_a_unit_leads_asked_with_dou_you_naye(assistant):
    # found by the fresh8 held-out set after its one run (the figure reported is from before this fix)
    a = assistant.ask("省密码管理局牵头的都有哪些")
    assert a.intent == "agency_tasks" and a.answer.startswith("省密码管理局牵头2项任务")
    assert assistant.ask("算力那条配合的都有哪些").intent == "members"


# --- round 8 (fresh8 became a tune set; probe21/22 written for it). Wordings written for these tests.
@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("免证入园是哪类人群可以享受", "definition"),  # the plan names a group (特定人群), never its members
        ("是老人还是啥人能免", "definition"),
        ("两平台分别指啥", "definition"),
        ("综合性立法叫啥条例", "definition"),
        ("审查没通过的话会怎么处理", "procedure"),
        ("备案有哪些步骤", "procedure"),
        ("碳惠场景和哪家银行对接", "person"),  # a company or bank by name: never named
        ("光网是电信还是联通来建", "person"),
        ("Which banks are partners in the carbon scheme?", "person"),
        ("what's the current number of registered users of the app?", "past_result"),
        ("what's the current target for base stations?", ""),  # the target is the plan's own
        ("Will the blue book be a yearly thing?", "frequency"),
        ("What does 'data elements x' in the industrial internet context actually mean?", "definition"),
    ],
)
def test_round_eight_detail_wordings(question, slot):
    assert detail_slot(question) == slot


def test_a_company_asked_for_is_said_in_the_words_of_companies(assistant):
    a = assistant.ask("信创测评交给哪几家公司")
    assert a.status == "not_stated" and "具体企业、机构名单" in a.answer
    assert names_a_unit(assistant, a.answer) == []


def test_a_provinces_figure_is_not_one_citys_share(assistant):
    # 全省算力规模6000P is the province's; 1万个5G基站 likewise names no city
    for q in ("平潭智算中心的算力有多少P", "厦门今年分了几个5G基站的任务"):
        a = assistant.ask(q)
        assert a.status == "not_stated", q
    assert "6000P" in assistant.ask("全省算力要到多少").answer


def test_which_batch_is_answered_by_its_ordinal(assistant):
    a = assistant.ask("国家级数字乡村试点这回是第几批")
    assert a.status == "answered" and "第二批" in a.answer and a.citations[0].clause_id == "四.(四).4"


def test_a_spaced_code_is_the_plans_name(assistant):
    a = assistant.ask("10g pon端口要新增多少")
    assert "6萬個" in a.answer or "6万个" in a.answer


def test_a_verb_split_by_ge_is_the_plans_word(assistant):
    a = assistant.ask("数字福建要立个法，哪个局牵头")
    assert a.intent == "lead" and "**省数据管理局**" in a.answer and a.citations[0].clause_id == "四.(六).1"
    # a count is no split word: 两个平台 stays two platforms
    assert assistant._unsplit("哪两个平台") == "哪两个平台"


def test_a_chinese_yes_no_question_then_another_is_two_parts():
    assert split_question("数字乡村有没有写？智慧养老院建几个？") == ["数字乡村有没有写？", "智慧养老院建几个？"]
    assert split_question("智慧养老院有没有，要建几个") == ["智慧养老院有没有，要建几个"]  # no ？: one question
    assert len(split_question("场景培育几个？平台是新建还是升级？")) == 2


def test_the_signing_date_and_issuer_in_one_question(assistant):
    a = assistant.ask("这个文件落款是哪一天，以谁的名义发")
    assert "2025年4月29日" in a.answer and "福建省数字福建建设领导小组" in a.answer


def test_a_contents_follow_up_of_a_named_programme(assistant):
    a = assistant.ask("那它具体都干些啥内容", _user("“警跃计划”写在哪"))
    assert a.status == "not_stated"


def test_partners_asked_with_gen_shui_are_no_lead_question(assistant):
    a = assistant.ask("碳普惠这条说了要跟谁互通数据没有")
    assert a.intent != "lead" and "金融機構" in a.answer or "金融机构" in a.answer


def test_out_in_front_and_tiaotou_ask_for_the_lead(assistant):
    a = assistant.ask("Which agency is out in front on the provincial 闽数治 platform?")
    assert a.intent == "lead" and "**省數據管理局**" in a.answer
    a = assistant.ask("红色文化遗存数据库，是文旅厅挑头还是别家挑头")
    assert a.intent == "lead"


def test_a_citys_task_count_is_the_citys_not_the_plans(assistant):
    a = assistant.ask("泉州有几项任务")
    assert "31项" not in a.answer and a.answer.startswith("泉州在工作要点中涉及")
    a = assistant.ask("宁德有几项任务")  # named in no task
    assert "31项" not in a.answer and "宁德" in a.answer and a.refused


def test_parts_announced_by_their_count():
    assert split_question("Two figures please: smart elderly care homes, and new 5G base stations") == [
        "what is the target number for smart elderly care homes?",
        "what is the target number for new 5G base stations?",
    ]
    assert split_question("两个数：智慧养老院和5G基站") == ["智慧养老院目标是多少", "5G基站目标是多少"]


def test_a_unit_spelt_in_pinyin_word_by_word(assistant):
    a = assistant.ask("Which tasks list Yingji Guanli Ting as a unit?")
    assert a.intent == "agency_tasks" and "省應急管理廳" in a.answer
    assert assistant._clean("who leads the data center work in Fuzhou")[0] == "who leads the data center work in Fuzhou"


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("敬老院智能化谁来抓", "**省教育厅**"),  # 敬老院 is the plan's 养老院
        ("搞数据一个来源那块，谁在抓", "**省数据管理局**"),  # 一个来源 is the plan's 一数一源
    ],
)
def test_everyday_words_for_the_plans_terms(assistant, question, lead):
    a = assistant.ask(question)
    assert a.intent == "lead" and lead in a.answer


@pytest.mark.parametrize("question", ["公家的车谁管", "样板房谁负责", "当过兵的找工作谁负责", "我家电脑坏了谁来修"])
def test_everyday_words_that_are_no_plan_term_name_no_unit(assistant, question):
    # words tried as synonyms and dropped: they pulled these questions onto a task
    a = assistant.ask(question)
    assert names_a_unit(assistant, a.answer) == [] or a.refused, question


def test_other_tasks_of_a_unit_and_blocks_of_actions(assistant):
    assert assistant.ask("信访局还有没有别的任务").intent == "agency_tasks"
    assert assistant.ask("要点分了几大块行动").intent == "structure"
    assert detail_slot("等保测评是每年都要做吗") == "frequency"


def test_a_clause_working_on_the_topic_beats_one_building_on_it(assistant):
    # 四.(二).2 完善提升“闽政通”; 四.(五).2 only 依托“闽政通”搭建…
    a = assistant.ask("闽政通这项工作的配合单位都有谁")
    assert a.citations[0].clause_id == "四.(二).2"


def test_who_puts_out_a_measure_is_its_tasks_lead(assistant):
    a = assistant.ask("产业发展蓝皮书由谁来发布")
    assert "**省数据管理局**" in a.answer and a.citations[0].clause_id == "四.(一).5"
    assert "印发单位" in assistant.ask("这份要点谁发布的").answer


def test_a_units_tasks_as_a_co_unit_after_its_own(assistant):
    a = assistant.ask("那它作为参与方配合的呢", _user("省住建厅牵头几项任务"))
    assert a.intent == "agency_tasks" and "四.(三).2" in a.answer


@pytest.mark.parametrize(
    "question",
    ["公共文化云用的是哪家的软件", "授权运营的收益怎么分配", "12345热线的接通率目标多少", "行业里用的大模型是哪些大模型"],
)
def test_round_eight_details_the_plan_never_gives(assistant, question):
    a = assistant.ask(question)
    assert a.status in ("not_stated", "refused"), question  # never a quote given as the answer
    assert names_a_unit(assistant, a.answer) == []


def test_which_members_of_a_kind_the_plan_lists_are_answered(assistant):
    a = assistant.ask("标注基地面向的是哪些领域")
    assert a.status == "answered" and "醫療健康" in a.answer or "医疗健康" in a.answer


def test_how_many_now_and_a_past_summit_are_past_results():
    assert detail_slot("省级平台日活现在多少") == "past_result"
    assert detail_slot("What did the 6th Digital China Summit sign?") == "past_result"
    assert detail_slot("算力规模现在的目标多少") == ""  # the target, not how it stands
    assert detail_slot("what will the 8th summit sign") == ""


def test_round_eight_follow_ups(assistant):
    # a unit asked about "in this one": the last turn's task
    a = assistant.ask("大数据集团在这条里算牵头还是配合", _user("海丝星座组网运营归哪个部门牵头"))
    assert a.intent == "lead" and a.citations[0].clause_id == "二.3"
    # a topic that is part of the last turn's is the same thing (基地 of 省级数据标注基地, not 农业基地)
    a = assistant.ask("基地定了几个", _user("省级数据标注基地在哪条里"))
    assert "5個" in a.answer or "5个" in a.answer
    # words too common to be a topic still pick their sentence in the last turn's task
    a = assistant.ask("这条点了哪几个重点领域", _user("公共数据资源登记平台在哪一条"))
    assert "交通运输" in a.answer or "交通運輸" in a.answer
    # what else the task holds
    a = assistant.ask("这条里面还有啥别的工作", _user("数字福建综合性立法谁牵头"))
    assert a.intent != "agency_tasks" and ("统计监测" in a.answer or "統計監測" in a.answer)
    # the whole units list, asked in everyday words
    a = assistant.ask("这条任务名下所有单位给我列全", _user("城市信息模型平台在哪条任务里"))
    assert a.intent == "members" and "省住建厅" in a.answer


def test_round_eight_lead_and_document_wordings(assistant):
    a = assistant.ask("数据交易平台升级，是数据局带头不？")
    assert a.intent == "lead" and "省数据管理局" in a.answer
    assert assistant.ask("智慧海关建设挑大梁的单位是？").intent == "lead"
    a = assistant.ask("这个通知的落款日期是哪天？经哪个领导小组同意的")
    assert "2025年4月29日" in a.answer and "福建省数字福建建设领导小组" in a.answer
    assert assistant.ask("Which company leads the satellite data platform?").intent == "lead"


def test_whose_systems_is_no_members_question(assistant):
    a = assistant.ask("属地化的数据是哪些部门的系统")
    assert a.intent != "members"
    assert detail_slot("What company will run the exchange?") == "person"
    assert detail_slot("数字农业基地想申报找谁") == "procedure"


# --- after fresh9's one run (its figure is from before these): classes it showed, in wordings of our own
def test_a_noun_with_a_character_the_plan_never_writes_names_no_lead(assistant):
    for q in ("城市燃气管网数字化谁牵头", "医美机构网上监管归哪管"):
        a = assistant.ask(q)
        assert a.refused and names_a_unit(assistant, a.answer) == [], q
    assert assistant.ask("县里产业链技术攻关是科技厅牵头吗").answer.startswith("省科技厅是牵头单位")  # 县里: everyday 里


def test_post_fresh9_follow_ups_on_a_task(assistant):
    a = assistant.ask("这条是数据局牵的头吗", _user("数据交易那条谁牵头"))
    assert a.intent == "lead" and "省数据管理局是牵头单位" in a.answer
    a = assistant.ask("数据局和工信厅是不是也在这条里", _user("5G基站那条谁牵头"))
    assert "省工信厅" in a.answer and a.citations[0].clause_id == "二.1"
    a = assistant.ask("how many tasks does that action have?", _user("which action is the computing power task under?"))
    assert a.intent == "structure"
    a = assistant.ask("卫星数据那条 除了发改委还有别的单位没")
    assert a.intent == "members"


def test_who_personally_heads_is_a_person():
    assert detail_slot("Who personally heads the data bureau? I need a name") == "person"


# --- round 9 (fresh10 written first and held out): classes the tune sets showed, in wordings of our own
def test_the_reported_intent_is_the_kind_answered(assistant):
    a = assistant.ask("数字经济发展报告由谁来发布")  # a document word, answered as the measure's lead
    assert a.intent in ("lead", "general") and a.intent != "document"
    a = assistant.ask("5G基站要建多少？数字乡村谁牵头？")
    assert a.intent == "multipart"
    assert assistant.ask("数据局之外呢", _user("数字乡村那条有哪些单位")).intent == "members"


def test_round_nine_lead_wordings(assistant):
    for q in ("城市全域数字化转型 打头的单位是？", "城市全域数字化转型这块是那个部门领头", "城市全域数字化转型 边个部门打头阵",
              "城市全域数字化转型牵头的到底是数据局还是住建厅啊"):
        a = assistant.ask(q)
        assert a.intent == "lead" and "省数据管理局" in a.answer, q
    a = assistant.ask("For the cryptography task, who exactly is listed as lead? Is it a single agency?")
    assert a.intent == "lead" and "省密碼管理局" in a.answer


def test_round_nine_details_the_plan_does_not_give(assistant):
    for q, slot in (("全光万兆有冇完成时限", "date"), ("数字乡村试点上一轮验收结果如何", "past_result"),
                    ("电商主播大赛是一年一届吗", "frequency"), ("三医一张网具体指的是哪些东西", "definition"),
                    ("大模型备案找谁备案", "procedure"), ("企业数据资源摸排有没有填报入口", "procedure"),
                    ("How does a lab get certified for the 信创 conformity test?", "procedure"),
                    ("Has a date been fixed for the 25th anniversary forum?", "date")):
        assert detail_slot(fold(q)) == slot, q
    a = assistant.ask("全光万兆有冇完成时限")  # 有冇: Cantonese for 有没有
    assert a.status == "not_stated" and "全光万兆" in a.answer


def test_round_nine_figures_of_the_topic(assistant):
    a = assistant.ask("今年要完成几个地市的数据专区")
    assert a.status == "answered" and "2个地市" in a.answer
    a = assistant.ask("公共数据开发利用 每个市场景落地的下限是几个")
    assert a.status == "answered" and "不少于5个" in a.answer
    a = assistant.ask("智慧景区有没有数量指标")  # 5个 is the immersive scenes' figure, not the scenic spots'
    assert a.status == "not_stated" and "5个" not in a.answer.split("相关条款")[0]


def test_round_nine_agency_and_member_wordings(assistant):
    a = assistant.ask("教育厅自己当牵头的 是哪条任务")
    assert a.intent == "agency_tasks" and "四.(四).2" in [c.clause_id for c in a.citations]
    assert assistant.ask("民政厅这回都被安排了啥").intent == "agency_tasks"
    assert assistant.ask("tourism department (文旅厅) - list every item it shows up in").intent == "agency_tasks"
    a = assistant.ask("城市全域数字化转型那条，跟着数据局干的有哪些")
    assert a.intent == "members" and "各设区市" in a.answer


def test_round_nine_parts_that_point_back(assistant):
    a = assistant.ask("数字乡村那块要做啥？这条挂帅的是哪家")
    assert [c.clause_id for c in a.citations] == ["四.(四).4"] and "省委网信办" in a.answer
    a = assistant.ask("两岸融合那条谁牵头？另外泉州那边要建什么？")
    assert "两岸数据要素全生态产业园" in a.answer and all(c.clause_id == "四.(四).5" for c in a.citations)
    a = assistant.ask("产业发展蓝皮书谁来发布？大模型应用今年要搞几个")  # a document word does not swallow the figure
    assert "10个以上大模型应用" in a.answer and "省数据管理局" in a.answer
    a = assistant.ask("第四个工程叫啥，挂在哪个行动底下")
    assert "四、实施数字赋能千行百业行动" in a.answer


def test_round_nine_places_and_counts_over_the_plan(assistant):
    a = assistant.ask("闽政通在要点里出现了几处 各自谁牵头")
    assert "出现在2处" in a.answer and "省政府办公厅" in a.answer and "省生态环境厅" in a.answer
    a = assistant.ask("数据要素市场培育和数字安全保障两个行动各有几条任务")
    assert [c for c in ("三.1", "五.1") if c in [x.clause_id for x in a.citations]] == ["三.1", "五.1"]
    a = assistant.ask("数字基础能力提升有几条任务")
    assert "3项任务" in a.answer and "31" not in a.answer


def test_a_follow_up_on_a_thing_the_plan_never_writes_names_no_lead(assistant):
    a = assistant.ask("那农村数字人民币推广呢，谁管", _user("数字乡村谁牵头"))
    assert a.refused and names_a_unit(assistant, a.answer) == []


def test_round_nine_cantonese_words(assistant):
    a = assistant.ask("城市全域数字化转型那条，除咗数据局仲有边啲单位")
    assert a.intent == "members" and "各设区市" in a.answer
    a = assistant.ask("這份要點係邊個單位發嘅？落款邊日")
    assert "2025年4月29日" in a.answer and "福建省數字福建建設領導小組" in a.answer
    assert assistant.ask("關係數據怎麼管").answer  # 關係 keeps its 係 (no crash, no 是 inserted)


def test_round_nine_more_lead_member_and_count_wordings(assistant):
    a = assistant.ask("负总责的是网信办不？", _user("数字乡村那条"))
    assert a.intent == "lead" and "省委网信办" in a.answer
    a = assistant.ask("那这条排头的是谁？", _user("数字乡村那条"))
    assert a.intent == "lead" and "省委网信办" in a.answer
    a = assistant.ask("数字乡村那项的负责单位 全部列给我")
    assert a.intent == "members" and "省农业农村厅" in a.answer
    a = assistant.ask("智慧海关那条，公安厅排第几，配合的一共有哪些")
    assert a.intent == "members" and "省公安厅" in a.answer
    a = assistant.ask("数字峰会那个行动下面几条任务？安全保障提升行动下面又几条？")
    assert "五.1" in [c.clause_id for c in a.citations]
    a = assistant.ask("数字赋能文旅那个工程 下头几条任务 各是谁带头")
    assert a.intent == "structure" and "省文旅厅" in a.answer and "**2." not in a.answer
    assert detail_slot("刺桐实验室的具体办公地址有写吗") == "location"
    assert detail_slot("企业想申报，从哪个渠道报") == "procedure"


def test_a_unit_s_member_tasks_show_their_lead(assistant):
    a = assistant.ask("泉州市参与了哪些任务")
    assert "牵头：省委台办" in a.answer


def test_round_nine_pointers_to_an_earlier_turn(assistant):
    hist = _user("数字乡村谁牵头") + [{"role": "user", "content": "5G基站建多少"}, {"role": "assistant", "content": "1万个以上"}]
    a = assistant.ask("刚才第一个问的那条 牵头单位是谁", hist)
    assert a.intent == "lead" and a.citations[0].clause_id == "四.(四).4"
    hist = _user("闽政通日活目标多少") + [{"role": "user", "content": "闽政务是干嘛的"}, {"role": "assistant", "content": "协同办公平台"}]
    a = assistant.ask("前面问的那个闽政通 所在那条是谁牵头的", hist)
    assert a.citations[0].clause_id == "四.(二).2" and "省政府办公厅" in a.answer


def test_round_nine_units_lists_asked_over_the_plan(assistant):
    a = assistant.ask("哪条任务只有省数据管理局一家责任单位？")
    assert [c.clause_id for c in a.citations] == ["四.(六).1"] and not a.refused
    a = assistant.ask("哪条任务只有省发改委一家责任单位？")  # none: said so, and no task offered as one
    assert a.refused and "0" in a.answer
    a = assistant.ask("省公安厅和省住建厅一起挂名的是哪条任务？")
    assert [c.clause_id for c in a.citations] == ["四.(四).3"]
    a = assistant.ask("大模型那条 是不是就数据局跟工信两家")
    assert a.intent == "members" and "省工信厅" in a.answer


def test_the_asker_s_account_around_a_question_is_no_topic(assistant):
    a = assistant.ask("领导早上开会点名让我查一下 智慧教育试点这一块在省里是归谁牵头抓的 我好去对接")
    assert a.intent == "lead" and "省教育厅" in a.answer
    a = assistant.ask("我们县想建智慧养老院 省里给多少补贴")  # the topic in the account is kept
    assert a.status == "not_stated"


def test_round_nine_later_parts_and_follow_ups_naming_a_unit(assistant):
    a = assistant.ask("牵头的是农业农村厅吗", _user("数字农业创新应用基地要建几个"))
    assert a.intent == "lead" and "省农业农村厅是牵头单位" in a.answer
    a = assistant.ask("数字经济高企认定目标是多少家以上 牵头抓的是不是科技厅")
    assert "1000家以上" in a.answer and "省科技厅是牵头单位" in a.answer
    a = assistant.ask("数据要素市场培育行动下面有几条任务？数字安全保障提升行动呢？")
    assert {"三.1", "五.1"} <= {c.clause_id for c in a.citations}


def test_round_nine_detail_and_english_wordings(assistant):
    for q, slot in (("领导小组例会什么频率召开", "frequency"), ("节能审查是每年复审还是一次性的", "frequency"),
                    ("这个目标是要求年底前完成还是上半年", "date"), ("个人主播能不能报，要交啥材料", "procedure"),
                    ("企业想报标杆企业 找哪个部门报", "procedure")):
        assert detail_slot(fold(q)) == slot, q
    a = assistant.ask("Who's behind the 'eco cloud' platform upgrade?")
    assert a.intent == "lead" and "省生態環境廳" in a.answer


def test_round_nine_pass_four_wordings(assistant):
    a = assistant.ask("峰会跟数字乡村这两块 牵头的各是哪个")
    assert "省发改委" in a.answer and "省委网信办" in a.answer
    assert assistant.ask("WiFi全覆盖目标多少").refused  # a name the plan never writes
    a = assistant.ask("揭榜挂帅是kjt牵头吗")  # pinyin initials, shown as read
    assert "科技厅" in a.answer and "省科技厅是牵头单位" in a.answer
    a = assistant.ask("数字乡村那条，我们一直以为是农业农村厅牵头，核一下对不对？")
    assert "省农业农村厅是配合单位" in a.answer
    a = assistant.ask("第五部分安全保障那块一共几条？")
    assert a.intent == "structure" and "五.1" in [c.clause_id for c in a.citations]
    a = assistant.ask("司法厅在这项里头吗？", _user("数字乡村那条谁牵头"))
    assert "省司法厅不在" in a.answer
    a = assistant.ask("城市全域数字化转型里，各设区市需要做什么")
    assert "四.(四).1" in [c.clause_id for c in a.citations] and "各设区市" in a.answer
    assert detail_slot(fold("峰会期间招商对接谁牵的头")) != "date" and detail_slot(fold("峰会会期定了没")) == "date"
    assert detail_slot(fold("Which third-party labs are approved to do the testing?")) == "person"


def test_that_few_is_no_count_and_a_pointed_task_is_checked_for_a_unit(assistant):
    from assistant.multipart import split_question

    assert len(split_question("数据标注基地那几个 是落在哪些地方")) == 1  # 那几个: "those", not "how many"
    a = assistant.ask("司法厅在这项里头吗？", _user("“数字一栋楼”管理服务体系都包括啥？"))
    assert a.intent == "members" and "省司法厅是配合单位" in a.answer


# --- after fresh10's one run (its figure is from before these): classes it showed, in wordings of our own
def test_post_fresh10_parts_guesses_and_last_project(assistant):
    from assistant.multipart import split_question

    assert len(split_question("刺桐实验室设在哪 福州高新区吗")) == 1  # a guess at the place asks the same thing
    assert len(split_question("闽政通现在实际日活多少了 有数据吗")) == 1
    assert len(split_question("闽政通日活目标多少 数据局牵头吗")) == 2  # a role named is a question of its own
    parts = split_question("这条 试点城市数量和要打造的标杆企业数 各是多少")
    assert parts[0].endswith("试点城市数量是多少") and "标杆企业数" in parts[1]
    a = assistant.ask("千行百业行动里头 最后一个工程叫啥")
    assert a.intent == "structure" and "数字生态优化工程" in a.answer


def test_post_fresh10_units_and_english_details(assistant):
    a = assistant.ask("数字乡村那条 责任单位里有没有农业口子的")
    assert a.intent == "members" and "省农业农村厅" in a.answer
    assert detail_slot(fold("any idea which days the forum runs?")) == "date"
    assert detail_slot(fold("who runs the exchange - name of the company?")) == "person"


# --- round 10: classes the tune sets showed, in wordings of our own
def test_a_count_of_a_thing_named_before_the_count_or_with_a_verb_after_it(assistant):
    from assistant.asks import counted_head

    assert counted_head(fold("要征集多少个来着")) == ""  # a filler after the count names nothing
    assert counted_head(fold("几个地市建成")) == "地市"  # the verb after the noun is what is done to it
    a = assistant.ask("人工智能+教育的典型场景 征集几个来着")
    assert a.status == "answered" and "20个" in a.answer
    a = assistant.ask("地市数据专区今年在几个地市建成？")
    assert a.status == "answered" and "2个地市数据专区" in a.answer
    # a count of companies is not answered by a count of scenarios that names companies
    a = assistant.ask("多少家企业入选数据标杆")
    assert not (a.status == "answered" and "10个左右企业数据标杆应用场景" in a.answer)


def test_everyday_lead_verbs_and_the_askers_errand_are_no_topic(assistant):
    a = assistant.ask("智算中心那摊事 谁在前头带队")
    assert a.status == "answered" and "省数据管理局" in a.answer
    a = assistant.ask("我在赶一份讲话稿 数据流通交易这块 牵头写谁合适")
    assert a.status == "answered" and "省数据管理局" in a.answer
    a = assistant.ask("峰会筹办 哪个委办打头阵")
    assert a.status == "answered" and "省发改委" in a.answer


def test_an_abbreviation_of_the_clause_is_its_word_but_an_unknown_thing_still_names_no_unit(assistant):
    a = assistant.ask("关基保护用安全可靠产品那块 谁挑头")
    assert a.status == "answered" and "省密码管理局" in a.answer
    a = assistant.ask("共享单车调度谁牵头")
    assert a.refused and names_a_unit(assistant, a.answer) == []


def test_an_agencys_or_a_citys_tasks_in_more_words(assistant):
    for q, unit in [
        ("林业局这回分到活了吗", "省林业局"),
        ("海洋渔业局在哪几条里面出现", "省海洋渔业局"),
        ("药监局有没有分到任务", "省药监局"),
        ("应急管理厅 文件里有它的任务不", "省应急管理厅"),
    ]:
        a = assistant.ask(q)
        assert a.intent == "agency_tasks" and unit in a.answer, q
    a = assistant.ask("Which tasks is the crypto bureau the lead unit on?")
    assert a.intent == "agency_tasks" and "五.2" in [c.clause_id for c in a.citations]
    a = assistant.ask("省密码管理局 牵头的跟参与的分别是哪些条")
    assert a.intent == "agency_tasks" and {"五.1", "五.2", "五.3"} <= {c.clause_id for c in a.citations}
    a = assistant.ask("换成泉州 它涉及哪几条", _user("福州在要点里有哪些任务"))
    assert "泉州" in a.answer and "四.(四).5" in [c.clause_id for c in a.citations]


def test_an_item_of_the_last_list_picked_by_its_place(assistant):
    a = assistant.ask("第二个具体要做什么", _user("密码管理局牵头几项"))
    assert a.citations and a.citations[0].clause_id == "五.3"
    a = assistant.ask("最后一条谁配合", _user("数据局牵头哪些任务"))
    assert a.intent == "members" and a.citations[0].clause_id != "二.2"


def test_english_with_chinese_names_is_split_at_its_punctuation_only(assistant):
    assert split_question("Where does 闽政通 appear in the plan, and who leads that task?") == [
        "Where does 闽政通 appear in the plan",
        "who leads that task?",
    ]
    a = assistant.ask("How many 行动 does the plan lay out?")
    assert a.intent == "structure" and "五大行動" in a.answer
    a = assistant.ask("数字安全保障提升行动 list the tasks under it")
    assert a.intent == "structure" and "五.3" in [c.clause_id for c in a.citations]
    a = assistant.ask("Same question for 数字乡村", _user("Who leads the 闽政通 task?"))
    assert a.intent == "lead" and "省委網信辦" in a.answer


def test_a_part_asked_again_joins_and_a_digit_after_a_space_starts_a_part():
    assert len(split_question("这个中心总投资是多少 有说吗")) == 1
    assert len(split_question("是网信办牵头吗 还是别的单位")) == 1
    assert len(split_question("Where is the platform hosted, which data centre?")) == 1
    assert len(split_question("万兆筑城谁牵头 5g基站目标多少")) == 2


def test_the_document_signature_and_a_full_name_the_plan_does_or_does_not_give(assistant):
    a = assistant.ask("文件落款署名的是哪个单位 日子是哪天")
    assert a.intent == "document" and "2025年4月29日" in a.answer and "领导小组" in a.answer
    a = assistant.ask("平台经济十条措施的全称是啥")
    assert a.status == "answered" and "促进平台经济高质量发展十条措施" in a.answer
    a = assistant.ask("警跃计划的全称叫什么")
    assert a.status == "not_stated" and "全称" in a.answer


def test_a_pair_whose_second_character_starts_a_word_is_no_typo(assistant):
    from assistant.typos import TermSounds

    sounds = assistant.term_sounds
    assert isinstance(sounds, TermSounds)
    assert "党建" not in sounds.restore("把能效当建设门槛")
    assert "算力" in sounds.restore("蒜力谁牵头")


def test_everyday_words_around_a_lead_question_and_a_programme_said_with_words_put_in(assistant):
    a = assistant.ask("数字一栋楼摊到谁头上")
    assert a.status == "answered" and "省政府办公厅" in a.answer
    a = assistant.ask("两岸数字共通标准研制 谁领衔")  # the plan: 数字领域两岸共通标准
    assert a.status == "answered" and "省委台办" in a.answer
    a = assistant.ask("公家数据登记平台谁牵头")  # 公家 is the asker's 公共
    assert a.status == "answered" and "省数据管理局" in a.answer
    a = assistant.ask("智慧交通谁牵头")  # still a programme the plan does not name
    assert a.refused and names_a_unit(assistant, a.answer) == []


def test_a_guess_left_open_and_third_parties_and_chairs_are_details(assistant):
    assert detail_slot(fold("信创测评哪些第三方机构有资质")) == "person"
    assert detail_slot(fold("Who chairs the joint conference on online markets?")) == "person"
    a = assistant.ask("数据中心节能审查是发改委牵头吗，还是别的单位")
    assert a.intent == "lead" and "省发改委不在" in a.answer and "省数据管理局" in a.answer


def test_a_task_by_its_place_under_a_named_section_and_two_units_both_listed(assistant):
    a = assistant.ask("数字赋能社会发展工程里第3条讲的啥")
    assert a.citations and a.citations[0].clause_id == "四.(四).3"
    a = assistant.ask("数据要素市场培育行动的第二条 谁牵头")
    assert a.intent == "lead" and a.citations[0].clause_id == "三.2"
    a = assistant.ask("网信办跟公安厅 两家都沾边的是哪条")
    assert a.intent == "agency_tasks" and "五.1" in [c.clause_id for c in a.citations]


# --- after fresh11's one run (its figure is from before these): classes it showed, in wordings of our own
def test_post_fresh11_rhythm_standard_schedule_and_which_ones(assistant):
    assert detail_slot(fold("信创测评几年搞一次")) == "frequency"
    assert detail_slot(fold("平台监管制度是一年查一次吗")) == "frequency"
    assert detail_slot(fold("智慧景区做到啥程度算建成")) == "definition"
    assert assistant.ask("先行区达到什么标准才算建成").status == "not_stated"
    assert detail_slot(fold("峰会的日程定了吗")) == "date"
    a = assistant.ask("数据专区要建的是哪2个地市")
    assert a.status == "not_stated"


def test_post_fresh11_a_guess_between_two_things_the_plan_never_names(assistant):
    a = assistant.ask("免证入园的特定人群 是学生还是老人")
    assert a.status == "not_stated" and a.citations == ()
    a = assistant.ask("省大数据交易平台是升级还是新建")  # the plan says 升级: no verdict of "not stated"
    assert a.status == "answered"


def test_post_fresh11_roles_in_a_task_and_one_units_two_roles(assistant):
    a = assistant.ask("公共数据开发利用那条 大数据集团是牵头还是打下手")
    assert a.intent == "lead" and "省大数据集团是配合单位" in a.answer
    a = assistant.ask("工信厅在这条里算啥", _user("算力谁牵头"))
    assert a.intent == "lead" and "省工信厅是配合单位" in a.answer
    a = assistant.ask("省委网信办 牵头哪几条 又在哪几条里配合")
    assert a.intent == "agency_tasks" and len(split_question("省委网信办 牵头哪几条 又在哪几条里配合")) == 2
    assert {"四.(四).4", "五.1"} <= {c.clause_id for c in a.citations}


def test_post_fresh11_parts_read_folded_and_the_figure_sentence_that_says_more(assistant):
    assert split_question("閩政通 跟 數字一棟樓 分別誰牽頭") == ["閩政通 誰牽頭", "數字一棟樓誰牽頭"]
    a = assistant.ask("企业数据的标杆场景今年要打造几个")
    assert a.status == "answered" and "10个左右" in a.answer
    a = assistant.ask("Is the plan piloting hoverboards anywhere?")  # an English thing the plan never names
    assert a.refused and a.citations == ()


# --- round 11 (tuned on fresh11, probe37, probe38; fresh12 held out): classes in wordings of our own
def test_a_unit_named_in_a_near_task_is_evidence_of_that_task(assistant):
    a = assistant.ask("虚拟防汛平台那一块 水利厅是牵头的吗")  # 水利厅 is listed in 四.(五).1 only among the near tasks
    assert a.citations and a.citations[0].clause_id == "四.(五).1" and "省水利厅是配合单位" in a.answer
    a = assistant.ask("信创那块 电子信息集团算配合吗")
    assert a.citations and a.citations[0].clause_id == "五.2" and "省电子信息集团是配合单位" in a.answer
    a = assistant.ask("文化数据库那条 档案局也掺和了吗")
    assert a.citations and a.citations[0].clause_id == "四.(三).2" and "省档案局" in a.answer
    for q in ("智慧消防那一块 应急厅是牵头的吗", "外卖平台监管 市场监管局算配合吗"):
        a = assistant.ask(q)  # the unit is in some task, but the plan has no such topic
        assert a.refused and names_a_unit(assistant, a.answer) == [], q


def test_an_ization_a_weak_glued_word_and_everyday_synonyms(assistant):
    a = assistant.ask("标准化那一项谁领头")  # 标准化 where the plan writes 标准
    assert a.intent == "lead" and "省市场监管局" in a.answer
    a = assistant.ask("外卖配送监管谁来管")  # 外卖's 外 is a function character elsewhere; 卖 is nowhere in the plan
    assert a.refused and names_a_unit(assistant, a.answer) == []
    a = assistant.ask("地级市数据专区今年建几个")
    assert a.status == "answered" and "2个" in a.answer


def test_an_agencys_tasks_in_more_wordings(assistant):
    for q, cid in (("工信厅当主责单位的是哪几条", None), ("公安厅名字列在哪几条", "五.1"),
                   ("住建厅是牵头多还是配合多", "四.(四).3"), ("电子信息集团在哪一条里有活", "五.2")):
        a = assistant.ask(q)
        assert a.intent == "agency_tasks", q
        if cid:
            assert cid in [c.clause_id for c in a.citations], q


def test_a_count_by_its_other_name_an_estimate_of_now_and_who_put_it_out(assistant):
    a = assistant.ask("智慧图书馆的建设数目定了吗")
    assert a.intent == "number" and a.status == "not_stated"
    assert detail_slot(fold("数据中心目前算力大概多少")) == "past_result"
    assert detail_slot(fold("数据中心算力目标多少")) != "past_result"
    assert assistant.ask("Who put out this plan, then?").intent == "document"


def test_a_size_asked_at_the_end_is_a_part_and_a_bare_detail_part_follows_the_first(assistant):
    assert split_question("智算中心那块谁牵头 规模冲多大") == ["智算中心那块谁牵头", "规模冲多大"]
    assert len(split_question("为了看清平台经济到底多大搞的监管 谁负责")) == 1  # 多大 inside a clause asks nothing
    a = assistant.ask("啥时候能全建成", _user("红色文化遗存数据库谁牵头"))
    assert a.status == "not_stated"
    assert detail_slot(fold("博览会要办几天")) == "date"


def test_a_role_in_everyday_words_and_words_of_the_same_sense(assistant):
    a = assistant.ask("安全保障体系那条 公安厅是唱主角还是打下手")
    assert a.citations and a.citations[0].clause_id == "五.1" and "省公安厅是配合单位" in a.answer
    a = assistant.ask("网上平台算法治理谁牵头")  # the plan's 网络/互联网 for the asker's 网上
    assert a.intent == "lead" and "省委网信办" in a.answer
    a = assistant.ask("数字双胞胎防汛那套谁牵头")  # 孪生, the plan's word for a twin
    assert a.intent == "lead" and "省生态环境厅" in a.answer


def test_a_thing_the_plan_lacks_is_not_quoted_and_cities_besides_are_a_place_detail(assistant):
    a = assistant.ask("预付卡消费监管有安排吗")
    assert a.refused and a.citations == ()
    a = assistant.ask("全光万兆 除了福州厦门泉州 还有别的哪几个城市")
    assert a.intent != "members" and names_a_unit(assistant, a.answer) == []


def test_settled_asked_again_an_english_role_and_going_live(assistant):
    assert len(split_question("数据产品上架收多少钱 定了吗")) == 1  # whether it is settled: the same question
    assert asks.ROLE_ASKED.search(fold("is the crypto bureau just a helper on that one"))
    assert asks.ROLE_ASKED.search(fold("and the police department, what's its part?"))
    assert detail_slot(fold("when does the data platform go live")) == "date"


# --- after fresh12's one run (its figure is from before these): classes it showed, in wordings of our own
def test_post_fresh12_a_project_by_its_rank_and_the_closing_pointed_at(assistant):
    a = assistant.ask("数字赋能千行百业行动里 排第二的工程叫什么")
    assert a.intent == "structure" and a.citations[0].clause_id == "四.(二)"
    a = assistant.ask("结尾那部分 讲了些啥措施")
    assert a.citations and a.citations[0].clause_id == "結"


def test_post_fresh12_how_it_is_assessed_which_ones_chosen_and_who_chairs(assistant):
    assert detail_slot(fold("12345热线怎么考核")) == "procedure"
    assert detail_slot(fold("碳普惠的积分咋算的")) == "procedure"
    assert detail_slot(fold("哪几家企业能入选数据标杆")) == "person"
    assert detail_slot(fold("Who chairs that one?")) == "person"
    assert detail_slot(fold("啥时候能编完")) == "date"


def test_post_fresh12_a_slip_for_what_and_the_task_saying_far_more(assistant):
    a = assistant.ask("网信办在网络空间治理那条里干撒")  # 撒 typed for 啥
    assert a.citations and a.citations[0].clause_id == "四.(六).3" and "省委网信办是牵头单位" in a.answer
    a = assistant.ask("政务网络安全一体化支撑平台 公安厅是挑头还是配合")
    assert a.citations and a.citations[0].clause_id == "五.1" and "省公安厅是配合单位" in a.answer


# --- round 12 (tuned on fresh12, probe41, probe42; fresh13 held out): classes in wordings of our own
def test_a_slip_for_money_a_modifier_ending_its_phrase_and_see_first_pay_later(assistant):
    a = assistant.ask("数据标注基地每个给多少前")  # 前 typed for 钱
    assert a.status == "not_stated" and a.citations == ()
    a = assistant.ask("图书馆变智能那事 归谁管")  # 智能 ends its phrase: no programme 智能那事 the plan lacks
    assert a.intent == "lead" and "省文旅厅" in a.answer
    a = assistant.ask("医院先看后付那个 谁来抓")
    assert a.citations and a.citations[0].clause_id == "四.(四).2" and "省教育厅" in a.answer


def test_a_unit_that_is_all_the_topic_points_at_its_task(assistant):
    a = assistant.ask("人大那边搞数字化 谁牵头")  # 省人大常委会办公厅 is listed in 四.(二).3 only
    assert a.citations and a.citations[0].clause_id == "四.(二).3" and "省数据管理局" in a.answer
    a = assistant.ask("公安厅那边的事谁牵头")  # listed in several tasks: which one is not known
    assert not a.citations and names_a_unit(assistant, a.answer) == []


def test_rules_draft_laws_outside_bodies_picked_places_and_sums_traded(assistant):
    assert detail_slot(fold("示范企业是按什么条件选出来的")) == "procedure"
    assert detail_slot(fold("积分兑换的细则")) == "procedure"
    assert detail_slot(fold("立法啥时候能审议通过")) == "date"
    assert detail_slot(fold("第三方测评是哪几家在做")) == "person"
    assert detail_slot(fold("智慧景区具体选的哪个景区")) == "location"
    assert detail_slot(fold("数据交易的成交额目标多少")) == "budget"
    a = assistant.ask("海洋感知网要铺多少公里")  # 二.1's figures count base stations and ports, not kilometres
    assert a.status == "not_stated"


def test_an_agencys_tasks_said_as_listed_apart_or_touched(assistant):
    for q in ("网信办都沾了哪些条", "各设区市有没有自己牵头的条"):
        assert assistant.ask(q).intent == "agency_tasks", q
    a = assistant.ask("在责任单位里 泉州市单列出来的 是哪一条")
    assert a.intent == "agency_tasks" and [c.clause_id for c in a.citations] == ["四.(四).5"]


def test_a_role_in_a_task_pointed_at_and_whether_it_is_in_at_all(assistant):
    a = assistant.ask("数据交易那条 大数据集团是牵头还是配合 有它的事吗")
    assert [c.clause_id for c in a.citations] == ["三.3"] and "省大数据集团是配合单位" in a.answer
    assert len(split_question("数据交易那条 大数据集团是牵头还是配合 有它的事吗")) == 1


def test_a_later_part_without_a_subject_asks_about_the_first_parts_topic(assistant):
    a = assistant.ask("人工智能蓝皮书那条谁牵头 要搞几个大模型应用")
    assert {c.clause_id for c in a.citations} == {"四.(一).5"} and "10个以上" in a.answer
    a = assistant.ask("海丝星座谁牵头 今年计划发几颗卫星")  # no count of satellites: not stated, on its clause
    assert a.part_statuses == ("answered", "not_stated") and {c.clause_id for c in a.citations} == {"二.3"}
    a = assistant.ask("算力谁牵头 要建几个智慧养老院")  # a subject of its own: its own clause
    assert {c.clause_id for c in a.citations} == {"二.2", "四.(四).2"}


def test_a_section_by_its_number_and_its_tasks_asked_after_it(assistant):
    a = assistant.ask("行动四主要是关于什么的")
    assert a.citations and a.citations[0].clause_id == "四" and a.status == "answered"
    a = assistant.ask("它底下一共几条具体任务", _user("第五个行动讲的啥"))
    assert [c.clause_id for c in a.citations][:1] == ["五"] and len(a.citations) == 4


def test_everyday_words_for_the_plans_own_totals_cities_days_and_merging(assistant):
    a = assistant.ask("全省算力总量要冲到多少")  # 总量: the plan's 规模
    assert a.status == "answered" and "6000P" in a.answer
    a = assistant.ask("市级的数据专区要建几个")  # 市级: the plan's 地市
    assert a.status == "answered" and "2个" in a.answer
    a = assistant.ask("闽政通每天得有多少人在用")  # people counted as daily active users
    assert a.status == "answered" and "100万" in a.answer
    a = assistant.ask("电子优待证要跟哪个码合到一起")
    assert a.status == "answered" and "福建码" in a.answer


def test_how_often_when_expected_and_money_put_in_follow_the_topic(assistant):
    assert detail_slot(fold("等保测评多长时间搞一次")) == "frequency"
    a = assistant.ask("预计啥时候能用上", _user("生态云平台谁负责"))
    assert a.status == "not_stated"
    a = assistant.ask("这一百个得投多少钱进去", _user("智慧养老院今年建几家"))
    assert a.status == "not_stated"


def test_a_place_asked_whether_it_is_among_those_the_clause_names(assistant):
    a = assistant.ask("智算中心那块 莆田有没有份")  # 二.2 names 平潭 and 福州新区, not 莆田
    assert a.status == "not_stated" and "是否包括莆田" in a.answer
    a = assistant.ask("数据中心集群 厦门算在里面没")
    assert a.status == "answered" and a.citations[0].clause_id == "二.2"
    a = assistant.ask("福州在这条里算配合的吗", _user("峰会谁牵头"))  # a units question, not the text's
    assert "是否包括" not in a.answer


def test_which_typed_as_that_names_a_date_and_a_name_asked_again(assistant):
    from assistant.cues import document_fields

    a = assistant.ask("数据标注基地这块 落到那个部门")  # 那 typed for 哪
    assert a.intent == "lead" and "省数据管理局" in a.answer
    assert document_fields(fold("日子写的是几号")) == ("date",)
    assert len(split_question("数字峰会那块 具体哪位领导盯着 叫啥")) == 1


def test_roles_said_as_host_or_helper_and_a_task_by_its_rank(assistant):
    a = assistant.ask("数据交易那条 大数据集团算主办还是帮忙的")
    assert a.citations and a.citations[0].clause_id == "三.3" and "省大数据集团是配合单位" in a.answer
    a = assistant.ask("安全保障那条 公安厅是挑头的还是跟着配合的")
    assert a.citations and a.citations[0].clause_id == "五.1" and "省公安厅是配合单位" in a.answer
    a = assistant.ask("数字赋能社会发展工程 排第二的那条讲的是啥")
    assert a.citations and a.citations[0].clause_id == "四.(四).2"
    a = assistant.ask("文旅那个工程底下列了几条")
    assert [c.clause_id for c in a.citations][:1] == ["四.(三)"]


def test_how_it_is_done_people_running_it_and_an_agencys_two_lists(assistant):
    assert detail_slot(fold("密评具体是怎么个评法")) == "procedure"
    assert detail_slot(fold("碳积分可以兑换什么")) == "procedure"
    assert detail_slot(fold("who at the data bureau is running the data exchange")) == "person"
    a = assistant.ask("公安厅挑头的跟帮忙的活各是哪些")
    assert a.intent == "agency_tasks" and "五.1" in [c.clause_id for c in a.citations]


def test_which_tasks_a_unit_is_in_and_that_one_asked_after(assistant):
    a = assistant.ask("民政厅在哪几条里面")
    assert a.intent == "agency_tasks" and "四.(四).2" in [c.clause_id for c in a.citations]
    a = assistant.ask("那这一条是哪个单位领头的", _user("人大常委会办公厅在哪几条里面"))  # in 四.(二).3 only
    assert a.citations and a.citations[0].clause_id == "四.(二).3" and "省数据管理局" in a.answer


# --- after fresh13's one run (its figure is from before these): classes it showed, in wordings of our own
def test_post_fresh13_which_typed_as_that_and_whose_work_it_is(assistant):
    a = assistant.ask("12345热线融合那块 是那个部门的活")
    assert a.intent == "lead" and "省政府办公厅" in a.answer
    a = assistant.ask("数据交易平台升级 是那家公司来做")  # 那家公司: which company, never named
    assert a.status == "not_stated" and names_a_unit(assistant, a.answer) == []


def test_post_fresh13_a_follow_ups_opening_that_and_an_english_one_about(assistant):
    a = assistant.ask("那网约车平台呢 谁来抓", _user("数据交易谁牵头"))  # 网约车: a topic the plan lacks
    assert a.refused and names_a_unit(assistant, a.answer) == []
    a = assistant.ask("and the one on computing power?", _user("Who leads the digital village task?"))
    assert a.intent == "lead" and a.citations[0].clause_id == "二.2"


def test_post_fresh13_roles_partners_terms_and_a_numbered_action(assistant):
    a = assistant.ask("工信厅在算力那条里算牵头不")
    assert a.citations and a.citations[0].clause_id == "二.2" and "省工信厅是配合单位" in a.answer
    a = assistant.ask("数据局除了自己牵头那条 还在哪些事里挂名")
    assert a.intent == "agency_tasks" and all(c.lead != "省數據管理局" for c in a.citations)
    assert assistant.ask("绿色金融的数据 要跟哪些平台打通").intent == "general"
    assert detail_slot(fold("数据产品上架协议签几年")) == "date"
    assert detail_slot(fold("授权到期了咋办")) == "procedure"
    a = assistant.ask("第三个行动讲的是啥")
    assert [c.clause_id for c in a.citations][:1] == ["三"] and len(a.citations) == 4


def test_post_fresh13_the_day_of_the_signature(assistant):
    from assistant.cues import document_fields

    assert document_fields(fold("落款那天是哪一天")) == ("date",)


# --- round 13 (its tune sets' classes, in wordings of our own)
def test_a_follow_up_naming_a_thing_the_plan_never_writes_is_not_the_last_task(assistant):
    a = assistant.ask("那数字法院呢 谁负责", _user("数字乡村谁牵头"))  # 法院: nowhere in the plan
    assert a.refused and names_a_unit(assistant, a.answer) == []


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("What's the 2023 number of 10G-PON ports?", "past_result"),  # a bare earlier year: a past result
        ("2024的数据中心建了几个", "past_result"),
        ("2025年算力目标多少", ""),  # the plan's own year: its target
        ("电子证照互认 老百姓要怎么办", "procedure"),  # what an applicant does
        ("数据产品登记 走啥流程", "procedure"),
        ("智慧养老院放在哪一条任务里", ""),  # which task, no place
    ],
)
def test_round13_detail_slots(question, slot):
    assert detail_slot(fold(question)) == slot


def test_whether_a_city_is_one_of_those_named(assistant):
    a = assistant.ask("宁德是不是高性能数据中心集群的城市之一")
    assert a.status == "not_stated" and "是否包括宁德" in a.answer
    a = assistant.ask("除了福州 还有哪些城市在中小企业数字化转型试点里")
    assert a.citations and a.citations[0].clause_id == "四.(一).4" and "龙岩" in a.answer
    a = assistant.ask("责任单位里的各设区市 含不含平潭")  # the units note says so
    assert a.citations and a.citations[0].clause_id == "二.1" and "含平潭综合实验区" in a.answer


def test_the_whole_plans_task_count_says_its_actions_too(assistant):
    a = assistant.ask("整个要点的活按行动分 各有几条")
    assert "五大行动" in a.answer and "31项任务" in a.answer


def test_a_project_by_its_number_after_the_word(assistant):
    a = assistant.ask("工程五主要干啥")
    assert [c.clause_id for c in a.citations][:1] == ["四.(五)"]


def test_an_everyday_word_typed_by_its_sound_is_read_back_but_question_words_are_not(assistant):
    a = assistant.ask("警查这块今年数字化有什么安排")  # 警察: the glossary's word for 公安
    assert "警察" in a.answer and "四.(四).3" in [c.clause_id for c in a.citations]
    for q in ("数字乡村和峰会 牵头的各是哪个", "这份要点一共分几大行动", "通管局有份吗"):
        assert assistant.term_sounds.restore(q) == q


def test_what_a_count_is_of_and_the_askers_own_story_are_no_topic(assistant):
    a = assistant.ask("闽政通每天活跃的人数目标定了多少")
    assert a.citations and a.citations[0].clause_id == "四.(二).2" and "100万" in a.answer
    a = assistant.ask("数据标注基地 省里扶持几个")
    assert a.citations and a.citations[0].clause_id == "四.(一).5" and "5个" in a.answer
    a = assistant.ask("有个老乡问我 数字乡村那块是哪个部门牵头 我好回他")
    assert a.intent == "lead" and a.citations and a.citations[0].clause_id == "四.(四).4"


def test_a_name_with_its_version_the_plan_never_writes_names_no_unit(assistant):
    a = assistant.ask("web3 社区建设谁牵头")
    assert a.refused and names_a_unit(assistant, a.answer) == []


def test_english_what_a_city_has_been_assigned(assistant):
    a = assistant.ask("What has Quanzhou been assigned?")  # a unit in 四.(四).5, named in four more
    assert a.intent == "agency_tasks" and {"二.1", "四.(四).5"} <= {c.clause_id for c in a.citations}


def test_a_short_figure_follow_up_after_a_refusal_is_refused(assistant):
    a = assistant.ask("覆盖目标呢", [*_user("共享充电宝有啥安排"), {"role": "assistant", "content": "工作要点中没有涉及这一问题。"}])
    assert a.refused and a.citations == ()


def test_an_agencys_own_lead_asked_in_everyday_words(assistant):
    a = assistant.ask("科技厅有自己挑头的活吗 还是光配合")
    assert a.intent == "agency_tasks" and a.citations
    a = assistant.ask("网信办挑头的事有那几件")  # 那 typed for 哪 before a count
    assert a.intent == "agency_tasks" and {c.clause_id for c in a.citations} == {"四.(四).4", "四.(六).3", "五.1"}
    a = assistant.ask("智慧养老院那块 最后落到哪个厅头上")  # which unit it falls to: the lead, not a task list
    assert a.intent == "lead" and "省教育厅" in a.answer


def test_the_matter_of_a_thing_is_no_thing_of_its_own(assistant):
    a = assistant.ask("泉州市在两岸数据要素产业园的事上是牵头单位吗")
    assert a.citations and a.citations[0].clause_id == "四.(四).5" and "泉州市是配合单位" in a.answer


def test_a_kind_of_thing_is_the_askers_word_for_the_plans(assistant):
    a = assistant.ask("全省电脑算力的总量今年目标多少")
    assert a.citations and a.citations[0].clause_id == "二.2" and "6000P" in a.answer
    a = assistant.ask("政府机关电脑换国产软硬件 哪个部门牵头")
    assert a.intent == "lead" and "省密码管理局" in a.answer
    assert assistant.ask("家里电脑坏了谁来修").citations == ()


def test_a_digital_adverb_is_no_programme(assistant):
    g = assistant.grounding
    assert g.absent_programmes("数字方面出标准") == [] and g.absent_programmes("数字上融合发展") == []
    assert g.absent_programmes("智慧交通谁牵头") == ["智慧交通"]


def test_a_count_of_a_thing_named_by_the_glossary(assistant):
    a = assistant.ask("数据交易所今年新上架多少个数据商品")
    assert a.citations and a.citations[0].clause_id == "三.3" and "800款" in a.answer


def test_which_of_two_units_or_a_guess_to_confirm_is_a_lead_question(assistant):
    a = assistant.ask("城市运管服平台 是住建厅还是数据局挑头")
    assert a.intent == "lead" and "省住建厅" in a.answer
    a = assistant.ask("数字乡村 估计是农业农村厅牵头的吧")
    assert a.intent == "lead" and "省委网信办" in a.answer


def test_the_asker_speaking_for_a_unit(assistant):
    a = assistant.ask("我们是大数据集团的 想确认数据交易那条我们是牵头还是配合")
    assert a.citations and a.citations[0].clause_id == "三.3" and "省大数据集团是配合单位" in a.answer


def test_english_organising_pieces_of_work_roles_and_these_work_points(assistant):
    assert assistant.ask("Who is organising the Digital China Summit?").intent == "lead"
    a = assistant.ask("Which pieces of work is the data bureau heading up?")
    assert a.intent == "agency_tasks" and all(c.lead == "省數據管理局" for c in a.citations)
    assert assistant.ask("In what parts of the plan does the commerce department have a role?").intent == "agency_tasks"
    a = assistant.ask("Who put out these work points?")
    assert a.intent == "document" and "福建省数字福建建设领导小组" in fold(a.answer)


def test_a_cue_typo_is_read_back_only_from_a_words_start(assistant):
    assert assistant.term_sounds.restore("机关里的协同办公") == "机关里的协同办公"
    assert "牵头部门" in assistant._clean("这条谁是牵头部们")[0]
    assert "管理" not in assistant._clean("机关里的协同办公谁推广")[0]


def test_the_askers_narration_in_english_and_chinese_is_no_topic(assistant):
    a = assistant.ask("The task that includes building smart elderly-care homes: who heads it? I'd have guessed Civil Affairs.")
    assert a.intent == "lead" and "省教育廳" in a.answer
    a = assistant.ask("My boss wants to know who is responsible for the satellite data centres.")
    assert a.intent == "lead" and a.status == "answered" and "省發改委" in a.answer
    a = assistant.ask("全省算力那个总盘子 今年目标多大")
    assert a.citations and a.citations[0].clause_id == "二.2" and "6000P" in a.answer
    a = assistant.ask("数字乡村那条的责任单位写得有点怪 到底谁牵头")
    assert a.intent == "lead" and "省委网信办" in a.answer


def test_whether_the_prefectures_include_pingtan_asked_in_english(assistant):
    a = assistant.ask("Just checking: where the plan writes 各设区市, does that cover Pingtan?")
    assert a.citations and a.citations[0].clause_id == "二.1" and "含平潭綜合實驗區" in a.answer


def test_an_english_asker_preamble_alone_is_not_emptied(assistant):
    a = assistant.ask("My boss wants to know")
    assert a.status != "empty"


# --- round 14: a detail asked in words the plan never uses, about a topic it covers, is "not stated"
@pytest.mark.parametrize(
    ("question", "clause"),
    [("12345热线 接线员有多少", "四.(二).2"), ("智慧养老院 配几个护工", "四.(四).2"), ("算力平台的施工方是谁", "二.2")],
)
def test_a_detail_in_words_the_plan_never_uses_is_not_stated_with_the_topics_clause(assistant, question, clause):
    a = assistant.ask(question)
    assert a.status == "not_stated" and a.citations == ()  # the clause is shown, never cited as the answer
    assert clause in [c.clause_id for c in a.related] and "没有写明" in a.answer
    assert names_a_unit(assistant, a.answer) == []


@pytest.mark.parametrize("question", ["12345热线 接线员有多少", "智慧养老院 配几个护工"])
def test_the_clause_held_back_by_unused_words_is_shown_only_from_the_models_threshold(assistant, question):
    # the same question is refused when the model's bar for "not stated" cannot be reached
    g = assistant.grounding
    saved, g.unstated_threshold = g.unstated_threshold, 1.01
    try:
        assert assistant.ask(question).status == "refused"
    finally:
        g.unstated_threshold = saved
    assert assistant.ask(question).status == "not_stated"


@pytest.mark.parametrize("question", ["集装箱码头智能化改造 施工单位是谁", "闽政通升级 谁中的标", "省综合交通信息平台是哪家中标的"])
def test_who_builds_or_won_the_contract_is_a_company_not_the_lead(assistant, question):
    assert detail_slot(question) == "person"
    a = assistant.ask(question)
    assert a.status == "not_stated" and "企业、机构" in a.answer and names_a_unit(assistant, a.answer) == []


@pytest.mark.parametrize("question", ["共享单车停放管理 施工单位是谁", "共享单车 有多少辆", "共享充电宝有多少个"])
def test_a_detail_of_a_thing_the_plan_lacks_is_refused(assistant, question):
    a = assistant.ask(question)
    assert a.status == "refused" and names_a_unit(assistant, a.answer) == []


@pytest.mark.parametrize("question", ["工信厅今年带头的有几条 都是啥", "公安厅参与了几条 具体是哪几条", "数据局挑头的有几项"])
def test_an_agencys_tasks_counted_and_listed_is_one_question(assistant, question):
    assert len(split_question(question)) == 1
    a = assistant.ask(question)
    assert a.intent == "agency_tasks" and a.status == "answered" and len(a.citations) >= 3


def test_a_count_then_which_split_stays_two_questions_when_the_second_has_its_own_ask():
    assert split_question("5G基站建几个 谁牵头") == ["5G基站建几个", "谁牵头"]


# --- round 15: a unit named and no topic asks for its tasks; 它 is the unit the last answer named;
# a follow-up is about what the last answer showed
def _led_by(assistant, agency: str, within: str = "") -> list[str]:
    return [c.id for c in assistant.plan.tasks if c.units and c.units.role_of(agency) == "lead" and c.id.startswith(within)]


@pytest.mark.parametrize(
    ("question", "agency"),
    [("住建厅排第一位的条目 数一下", "省住建廳"), ("数据局当头的那些活 列一下", "省數據管理局")],
)
def test_a_unit_named_with_no_topic_gets_its_lead_tasks_not_a_refusal(assistant, question, agency):
    a = assistant.ask(question)
    assert a.status == "answered" and [c.clause_id for c in a.citations] == _led_by(assistant, agency)


def test_a_city_named_with_no_topic_gets_the_tasks_naming_it(assistant):
    a = assistant.ask("责任单位里写了泉州市的 是哪一条")
    listed = [c.id for c in assistant.plan.tasks if c.units and "泉州市" in c.units.names]
    assert a.status == "answered" and listed and set(listed) <= {c.clause_id for c in a.citations}


@pytest.mark.parametrize("question", ["网信办的处长是谁", "公安厅搞的反诈 谁牵头"])
def test_a_unit_with_a_detail_or_a_topic_asked_is_no_task_list(assistant, question):
    a = assistant.ask(question)
    assert a.status in ("not_stated", "refused") and len(a.citations) <= 1


def test_it_after_a_units_list_is_that_unit_within_the_action_named(assistant):
    history = [{"role": "user", "content": "数据管理局挑头的有哪几条"}, {"role": "assistant", "content": "……"}]
    a = assistant.ask("它在行动四里还牵头哪些", history)
    want = _led_by(assistant, "省數據管理局", "四.")
    assert want and [c.clause_id for c in a.citations] == want


def test_does_it_lead_anything_there_is_the_units_list_not_a_task_it_leads(assistant):
    history = [{"role": "user", "content": "What does the science and technology department lead?"}, {"role": "assistant", "content": "…"}]
    a = assistant.ask("Does it lead anything under 行动五?", history)
    assert _led_by(assistant, "省科技廳", "五.") == []
    assert a.status == "answered" and "省科技" in a.answer
    assert [c.clause_id for c in a.citations if assistant.plan.get(c.clause_id).kind == "task"] == []


def test_shown_ids_reads_the_clause_ids_an_answer_cited():
    from assistant.followup import shown_ids
    from corpus.load import load_corpus
    from corpus.settings import ROOT

    plan = load_corpus(ROOT / "corpus/raw/2025-digital-fujian-work-plan.raw.txt").plan
    text = "省委台办牵头（四.(四).5 两岸融合），另见[二.1]与（一）；一数一源、第二.9条不算"
    assert shown_ids(plan, text) == ["四.(四).5", "二.1", "一"]
    refused = "工作要点中没有涉及这一问题。\n\n相关条款（仅供参考，并不回答该问题）：\n\n- [四.(五).1] 构建智慧生态治理体系"
    assert shown_ids(plan, refused) == []  # offered as not answering: no topic of the conversation


def test_a_follow_up_is_about_the_clause_the_last_answer_showed(assistant):
    # the last question alone finds nothing; the answer the asker saw cited 二.3
    history = [{"role": "user", "content": "那摊子归谁"}, {"role": "assistant", "content": "省发改委牵头（二.3 布局数据流通利用基础设施建设）。"}]
    a = assistant.ask("一起干的单位还有谁", history)
    assert a.status == "answered" and [c.clause_id for c in a.citations] == ["二.3"] and "各设区市" in a.answer


def test_the_nth_of_a_list_of_projects_is_that_projects_tasks(assistant):
    history = [{"role": "user", "content": "行动四底下分了几个工程"}, {"role": "assistant", "content": "……"}]
    a = assistant.ask("第五个讲的啥", history)
    want = [c.id for c in assistant.plan.tasks if c.id.startswith("四.(五).")]
    assert want and [c.clause_id for c in a.citations if c.clause_id != "四.(五)"] == want


def test_the_second_piece_of_an_agencys_list_is_that_task(assistant):
    history = [{"role": "user", "content": "发改委牵头哪几条"}, {"role": "assistant", "content": "……"}]
    a = assistant.ask("第二件主要干啥", history)
    assert [c.clause_id for c in a.citations] == _led_by(assistant, "省發改委")[1:2]


def test_a_bare_count_after_a_thing_named_is_that_things_figure_or_not_stated(assistant):
    history = [{"role": "user", "content": "智慧景区是谁牵头"}, {"role": "assistant", "content": "……"}]
    a = assistant.ask("总共弄几个", history)
    assert a.status == "not_stated" and a.citations == ()  # 四.(三).1's 5个 is of immersive scenes, not of 智慧景区


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("峰会放在哪个会议中心开", "location"),
        ("Does the plan name any particular vendor for the platform?", "person"),
        ("试点做完了怎么验收", "procedure"),
    ],
)
def test_new_detail_wordings_are_their_slots(question, slot):
    assert detail_slot(question) == slot


@pytest.mark.parametrize("question", ["数据中心的能耗 PUE有数吗", "标杆场景的数量有没有"])
def test_whether_a_figure_is_given_is_a_figure_question(assistant, question):
    from assistant.intents import detect

    assert detect(question, assistant.directory).kind == "number"


def test_a_detail_of_a_thing_the_last_turn_named_is_not_stated_with_its_clause(assistant):
    history = [{"role": "user", "content": "省级低空飞行管理平台是哪个部门牵头"}, {"role": "assistant", "content": "……"}]
    a = assistant.ask("平台计划哪年哪月投用", history)
    assert a.status == "not_stated" and "四.(一).3" in [c.clause_id for c in a.related]
    b = assistant.ask("元宇宙展厅什么时候开放", history)  # names nothing said before: a question of its own
    assert b.status == "refused"


# --- round 16: English narration, follow-ups in the asker's words, a city's share, documents named before
@pytest.mark.parametrize(
    ("word", "after", "narration"),
    [
        ("merging", "the", True),  # the asker's verb with its object
        ("parking", "system", False),  # a thing: smart parking system
        ("specifically", "", True),
        ("slated", "", False),  # "slated for what": a verb may be the detail asked
        ("evaluated", "", False),
        ("four", "", True),
        ("quantum", "", False),
        ("metaverse", "", False),  # no dictionary knows it: it may well be the topic
        ("piles", "", False),
    ],
)
def test_english_verbs_adverbs_and_numbers_are_narration_not_topic(word, after, narration):
    from assistant.english import is_narration

    assert is_narration(word, after) is narration


def test_an_english_question_with_the_askers_verbs_is_answered(assistant):
    a = assistant.ask("Who is responsible for merging the government extranet with the wireless government network, specifically?")
    assert a.status == "answered" and a.citations[0].clause_id == "四.(二).1" and "省數據管理局" in a.answer
    b = assistant.ask("Who is responsible for merging the quantum networks?")  # the thing itself is absent
    assert b.refused and names_a_unit(assistant, b.answer) == []


def test_every_task_where_a_unit_is_the_lead_is_its_list(assistant):
    a = assistant.ask("Count every item where 省密碼管理局 is the leading unit")
    assert [c.clause_id for c in a.citations] == _led_by(assistant, "省密碼管理局")


def test_which_bureau_leads_is_a_who_question_not_a_unit_named(assistant):
    a = assistant.ask("密码应用那条工作是哪个局负责挑头")
    assert a.status == "answered" and "不在" not in a.answer and "省密码管理局" in a.answer


def test_a_follow_up_in_the_askers_own_verbs_is_about_the_task_just_discussed(assistant):
    history = [{"role": "user", "content": "数据交易那条谁牵头"}, {"role": "assistant", "content": "……"}]
    a = assistant.ask("跟它搭伙一起弄的单位还有谁", history)
    assert a.status == "answered" and [c.clause_id for c in a.citations] == ["三.3"]
    b = assistant.ask("它的元宇宙那块谁管", history)  # a thing the plan lacks stays refused
    assert b.refused and names_a_unit(assistant, b.answer) == []


def test_a_citys_share_of_a_province_target_is_not_stated(assistant):
    a = assistant.ask("万兆端口六万个 泉州分到多少")
    assert a.status == "not_stated" and "二.1" in [c.clause_id for c in (*a.citations, *a.related)]
    assert detail_slot("各设区市分配到几个") == "share"
    assert not states("share", "新建5G基站1萬個以上") and states("share", "其中福州建設3000個")


def test_a_city_after_another_citys_one_task_list_is_its_own_list(assistant):
    history = [{"role": "user", "content": "泉州市是哪一条的责任单位"}, {"role": "assistant", "content": "……"}]
    a = assistant.ask("那龙岩呢 哪些任务里提到它", history)
    assert "龙岩" in a.answer and "泉州市在工作要点中" not in a.answer


def test_that_document_after_a_measure_is_the_measures_date_not_the_plans(assistant):
    history = [{"role": "user", "content": "平台经济监管那条要落实哪个文件"}, {"role": "assistant", "content": "……"}]
    a = assistant.ask("那份文件什么时候印发的", history)
    assert a.status == "not_stated" and "2025年4月29日" not in a.answer


def test_to_hold_is_no_office_named(assistant):
    a = assistant.ask("峰会今年要办些什么活动")
    assert "责任单位" not in a.answer.split("\n")[0] and a.status == "answered"


def test_a_count_and_which_ones_after_a_unit_named_is_its_list():
    assert split_question("工信厅挑头的活 总共几件 分别是啥") == ["工信厅挑头的活 总共几件 分别是啥"]


@pytest.mark.parametrize(
    ("question", "slot"),
    [("第三批都有谁入选", "past_result"), ("那个基地批下来了没有", "past_result"), ("运营方是哪家省属国企", "person")],
)
def test_more_detail_wordings_are_their_slots(question, slot):
    assert detail_slot(question) == slot


def test_whether_a_specific_value_is_given_is_a_figure_question(assistant):
    from assistant.intents import detect

    assert detect("能耗这块有没有给具体的电耗数值", assistant.directory).kind == "number"


def test_which_of_a_thing_the_plan_never_names_is_not_stated_with_the_topics_clause(assistant):
    # 海域 is written nowhere; 管 is the asker's verb, not a second thing asked
    a = assistant.ask("省数字孪生防汛平台管哪几片海域")
    assert a.status == "not_stated" and "四.(五).1" in [c.clause_id for c in (*a.citations, *a.related)]


def test_a_round_the_plan_itself_names_is_no_past_result(assistant):
    plan_text = assistant.grounding.plan_text
    assert detail_slot("第二批国家级数字乡村试点的指导 归谁管", plan_text) == ""
    assert detail_slot("数字乡村试点第三批都有谁入选", plan_text) == "past_result"


def test_the_english_word_classes_come_from_the_lemma_table_never_a_pickle(monkeypatch):
    import pickle

    from assistant import english

    def refuse(*a, **k):
        raise AssertionError("a pickle was loaded")

    from lemminflect.core.Lemmatizer import Lemmatizer

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(type(Lemmatizer), "_instances", {})  # its table is read again, under the guard
    english._classes.cache_clear()
    assert english.is_narration("specifically") and not english.is_narration("hydrogen")


@pytest.mark.parametrize(
    ("question", "slot"),
    [("What is Ningde's share of the base-station target?", "share"), ("who exactly is the body signing it?", "person")],
)
def test_english_word_boundaries_in_slot_cues_are_boundaries(question, slot):
    # (a backspace character where \b was meant once made these cues match nothing)
    assert detail_slot(question) == slot


# Round 17: classes read from fresh17 (now a tune set), pinned with wordings of my own.


def test_a_set_phrase_holding_a_function_character_is_a_thing_the_plan_lacks(assistant):
    # 青少年 holds 少 (glue alone); as one set phrase it names people the plan never writes, not 少年 of 老年人
    assert "青少年" in assistant.grounding.absent_words("青少年上网保护要点里提没提")


def test_a_one_character_noun_glued_to_a_plan_word_is_a_thing_the_plan_lacks(assistant):
    # 券 is written nowhere; 消费 is, so 消费券 must not pass as the plan's 文旅消费
    assert "消费券" in assistant.grounding.absent_words("文旅消费券要点里提没提")


def test_yi_gong_after_an_action_name_is_no_action_number(assistant):
    a = assistant.ask("数据要素市场培育行动一共安排了几条任务")
    assert {"三.1", "三.2", "三.3"} <= {c.clause_id for c in a.citations} and "一" not in {c.clause_id for c in a.citations}


def test_which_tasks_an_action_holds_whatever_the_verb_between(assistant):
    a = assistant.ask("数字安全保障那个行动里面都布置了哪些任务")
    assert a.status == "answered" and {"五.1", "五.2", "五.3"} <= {c.clause_id for c in a.citations}


def test_a_count_then_each_ones_lead_is_one_list():
    assert split_question("安全保障提升行动下面几条任务 各条谁挑头") == ["安全保障提升行动下面几条任务 各条谁挑头"]


def test_a_task_named_by_its_lead_and_area_is_one_that_unit_leads(assistant):
    # 农业农村厅 is also listed in the digital-village task, whose words are nearer 农业; the one it leads is meant
    a = assistant.ask("农业农村厅牵头的那个农业转型的任务 协同单位都有哪些")
    cited = [c.clause_id for c in a.citations]
    assert cited and cited[0] in _led_by(assistant, "省農業農村廳")


def test_besides_the_lead_is_there_another_unit_asks_for_members(assistant):
    a = assistant.ask("数字乡村那条 除了网信办还有别家吗")
    assert a.status == "answered" and "农业农村厅" in a.answer


def test_that_office_points_at_the_unit_just_named(assistant):
    first = assistant.ask("Who leads the digital village task?")
    history = [{"role": "user", "content": "Who leads the digital village task?"}, {"role": "assistant", "content": first.answer}]
    a = assistant.ask("And apart from that office, which other units are on it?", history)
    assert [c.clause_id for c in a.citations] == [c.clause_id for c in first.citations]


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("发改委那边具体谁在管峰会", "person"),  # who inside a unit already named: a person
        ("数据局里面具体是谁负责对接", "person"),
        ("万兆光网 电信联通移动哪家来铺", "person"),  # which carrier: a company, never named
        ("每所学校补多少", "budget"),  # a sum asked by its verb
        ("一个场景能奖几万", "budget"),
        ("万兆光网由哪几家电信运营商来铺", "person"),  # (round 18) which carriers: a company, never named
        ("数字一栋楼要找谁对接", "person"),  # (round 19) a contact, not the task's lead
        ("重点行政村有没有界定范围", "definition"),
        ("What paperwork must a company submit to join the data exchange?", "procedure"),
        ("厦门要分担多少个5G基站", "share"),
    ],
)
def test_detail_wordings_of_rounds_seventeen_to_nineteen(question, slot):
    assert detail_slot(question) == slot


def test_the_people_asked_for_are_no_topic_of_their_own(assistant):
    # 组长 and 省领导 are what is asked; 领导小组 (the plan's own body) is the topic
    a = assistant.ask("数字福建建设领导小组现在哪位省领导任副组长")
    assert a.status == "not_stated"


def test_the_tasks_of_a_part_named_loosely_are_listed(assistant):
    a = assistant.ask("数字生态优化那部分包含哪些具体任务")
    assert a.status == "answered" and {"四.(六).1", "四.(六).4"} <= {c.clause_id for c in a.citations}


def test_a_thing_glued_onto_the_last_turns_topic_is_not_that_topic(assistant):
    first = assistant.ask("数据中心集群要建在哪几个地方")
    history = [{"role": "user", "content": "数据中心集群要建在哪几个地方"}, {"role": "assistant", "content": first.answer}]
    # 算力 is the plan's word, 券 is not: 算力券 is a thing of its own, never quoted from 二.2
    a = assistant.ask("那有没有算力券 一张多少", history)
    assert a.status == "refused"


def test_the_askers_verbs_around_a_lead_cue_are_no_topic():
    from assistant.intents import strip_unit_cues

    assert "出面" not in strip_unit_cues("密评制度 哪个局出面牵头搞")


def test_a_yes_no_detail_after_a_lead_question_is_a_part_of_its_own():
    assert split_question("数据交易场所这块 归哪家牵头 有没有完成时限") == ["数据交易场所这块，归哪家牵头", "有没有完成时限"]


def test_which_cities_is_answered_by_the_cities_named(assistant):
    a = assistant.ask("国家中小企业数字化转型试点是在哪几座城开展")
    assert a.status == "answered" and "龙岩" in a.answer


def test_which_body_put_its_name_on_it_asks_the_issuer():
    from assistant.cues import document_fields

    assert document_fields("What day was the plan issued, and which group put its name on it?") == ("date", "issuer")


def test_who_the_closing_says_coordinates_is_quoted_from_the_closing(assistant):
    a = assistant.ask("文件最后说靠谁来统筹协调推进")
    assert a.status == "answered" and [c.clause_id for c in a.citations] == ["結"]


def test_a_set_phrase_that_is_the_detail_asked_is_no_missing_topic(assistant):
    # 主会场 is what is asked of the summit; 未成年人 in "有没有…" is a topic the plan may lack
    g = assistant.grounding
    assert "主会场" not in g.absent_words("峰会的主会场在哪") and "未成年人" in g.absent_words("有没有未成年人上网保护")
    assert detail_slot("峰会总指挥是谁") == "person"


def test_a_person_asked_again_after_who_is_one_question():
    assert split_question("数字一栋楼那摊事 具体谁对接 有没有写联系人") == ["数字一栋楼那摊事 具体谁对接 有没有写联系人"]


def test_a_citys_whole_list_after_a_topic_is_its_list_not_the_topic(assistant):
    first = assistant.ask("全光万兆先在哪几个城市推")
    history = [{"role": "user", "content": "全光万兆先在哪几个城市推"}, {"role": "assistant", "content": first.answer}]
    a = assistant.ask("那泉州一共在哪几条任务里被点到名", history)
    assert len(a.citations) >= 2 and "泉州" in a.answer.split("\n")[0]


def test_whether_a_sum_has_a_rule_asks_the_sum_again():
    assert split_question("数据登记一次收几块钱 有没有统一标准") == ["数据登记一次收几块钱 有没有统一标准"]


# --- round 18: fresh18's classes, in wordings of my own

@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("峰会总指挥是谁 文件里有写吗", 1),  # whether the plan says it: the same question again
        ("数据产品要上线多少款 有量化指标吗", 1),
        ("10G-PON端口的新增数量 还有牵头的部门", 2),  # a figure asked by its noun, then who leads
        ("数字乡村那条谁牵头，有没有提要建农业物联网基地", 2),  # whether the plan names a thing of its own
    ],
)
def test_round_eighteen_parts(question, parts):
    assert len(split_question(question)) == parts


def test_a_later_part_asking_when_is_about_the_first_parts_thing_not_the_plans_date(assistant):
    a = assistant.ask("信创那条归谁牵头 哪年出台实施办法")
    assert "密码管理局" in a.answer and a.part_statuses == ("answered", "not_stated")
    b = assistant.ask("十五五规划谁负责编 啥时候印发")
    assert "4月29日" not in b.answer and b.part_statuses[-1] == "not_stated"


def test_the_tasks_of_a_part_named_by_a_stretch_of_its_heading(assistant):
    a = assistant.ask("千行百业这一大块 底下工程的名称")
    assert {f"四.({n})" for n in "一二三四五六"} <= {c.clause_id for c in a.citations}
    b = assistant.ask("数字科技创新和产业创新深度融合工程 任务都罗列一下")
    assert {f"四.(一).{n}" for n in range(1, 6)} <= {c.clause_id for c in b.citations}


def test_the_first_project_of_the_action_just_discussed(assistant):
    first = assistant.ask("千行百业行动下面有哪些工程")
    history = [{"role": "user", "content": "千行百业行动下面有哪些工程"}, {"role": "assistant", "content": first.answer}]
    a = assistant.ask("头一个工程下面几条任务", history)
    assert "四.(一).1" in {c.clause_id for c in a.citations} and "二" not in {c.clause_id for c in a.citations}


def test_an_english_project_name_read_through_the_glossary(assistant):
    a = assistant.ask("How many tasks sit under the project on digital empowerment of cultural tourism?")
    assert {c.clause_id for c in a.citations} >= {"四.(三).1", "四.(三).2"} and "四.(四).1" not in {c.clause_id for c in a.citations}


def test_a_units_list_is_no_answer_for_a_topic_the_plan_lacks(assistant):
    a = assistant.ask("电信诈骗防范公安厅有啥任务")
    assert a.refused and names_a_unit(assistant, a.answer) == []
    # a lone word of the asker's (名字) is how the list is asked for
    assert assistant.ask("网信办的名字出现在哪几条里").status == "answered"


def test_a_group_of_cities_part_is_the_sentence_naming_it(assistant):
    a = assistant.ask("各设区市在推进城市全域数字化转型中干啥")
    assert "地市综合态势" in a.answer


def test_english_list_and_members_wordings(assistant):
    from assistant.intents import detect

    assert detect("List all tasks in which the provincial commerce department is a responsible unit.", assistant.directory).kind == "agency_tasks"
    assert detect("Which legislative or consultative bodies take part in it?", assistant.directory).kind == "members"
    first = assistant.ask("Who leads the digital village task?")
    history = [{"role": "user", "content": "Who leads the digital village task?"}, {"role": "assistant", "content": first.answer}]
    a = assistant.ask("and who else participates?", history)
    assert a.status == "answered" and [c.clause_id for c in a.citations] == ["四.(四).4"]


def test_which_things_to_build_is_no_place_question():
    assert detail_slot("红色文化那条要建哪些数据库") != "location"
    assert detail_slot("省级数据中心集群建哪") == "location"


def test_the_askers_verb_before_a_listed_object_does_not_hide_the_list(assistant):
    a = assistant.ask("应用主题库打算覆盖哪些领域")
    assert a.status == "answered" and a.citations[0].clause_id == "三.1" and "医疗" in a.answer


def test_a_name_only_one_clause_writes_anchors_a_detail_question(assistant):
    a = assistant.ask("统计监测制度多久报送一次")
    assert a.status == "not_stated" and "统计监测制度" in a.answer


def test_whether_a_number_is_set_is_a_figure_question(assistant):
    from assistant.intents import detect

    assert detect("比如PUE数值 要点里规定了没", assistant.directory).kind == "number"
    assert detect("打造一批平台 这一批有量化吗", assistant.directory).kind == "number"


def test_the_askers_own_office_and_wanting_to_know_are_no_topic(assistant):
    assert "发改委" in assistant.ask("我们科室要配合峰会 牵头的是哪个厅").answer
    assert "数据管理局" in assistant.ask("我们想知道数据交易谁牵头").answer


def test_the_units_list_and_mentions_are_asked_of_a_unit(assistant):
    from assistant.intents import detect

    assert detail_slot("哪条任务把厦门市写进了责任单位名单") != "person"
    assert detect("大数据集团 要点里点到它了吗", assistant.directory).kind == "agency_tasks"
    first = assistant.ask("数字中国建设峰会由谁牵头")
    history = [{"role": "user", "content": "数字中国建设峰会由谁牵头"}, {"role": "assistant", "content": first.answer}]
    assert "配合单位" in assistant.ask("那福州有没有责任", history).answer.split("\n")[0]


def test_norms_are_the_plans_guifan(assistant):
    a = assistant.ask("Which evaluation norms for IT projects does the plan want improved?")
    assert a.status == "answered" and a.citations[0].clause_id == "四.(六).1" and "評價規范" in a.answer


def test_the_askers_errand_after_a_question_mark_is_dropped(assistant):
    a = assistant.ask("峰会具体哪几天开，要点里写了吗？我们处要订酒店")
    assert a.status == "not_stated"


def test_the_documents_number_is_said_to_be_missing_beside_what_it_does_carry(assistant):
    from assistant.cues import document_fields

    assert document_fields("这份要点的文号是多少") == ("number",)
    assert assistant.ask("这份要点的文号是多少").refused
    b = assistant.ask("这份要点啥时候印发的 文号是多少")
    assert "2025年4月29日" in b.answer and "文号" in b.answer



@pytest.mark.parametrize("question", ["三大一体化平台是哪仨", "地市数据专区要完成的两个市 具体点名了吗"])
def test_the_members_of_a_counted_set_the_plan_never_lists_are_not_stated(assistant, question):
    assert asks.ENUMERATE.search(fold(question))
    assert assistant.ask(question).status == "not_stated"


def test_the_cities_a_sentence_names_are_no_units_list(assistant):
    a = assistant.ask("万兆筑城计划点名的城市都是哪几个")
    assert a.status == "answered" and "泉州" in a.answer and "通信管理局" not in a.answer


# --- round 19: fresh19's classes, in wordings of my own

def _after(assistant, first: str, question: str):
    prior = assistant.ask(first)
    return assistant.ask(question, [{"role": "user", "content": first}, {"role": "assistant", "content": prior.answer}])


def test_a_city_beginning_a_things_name_is_no_city_question(assistant):
    a = assistant.ask("三明海丝卫星数据运营中心在哪条任务里")
    assert a.citations[0].clause_id == "二.3" and "三明在工作要点中" not in a.answer


def test_an_item_pointed_at_by_its_rank_is_that_item(assistant):
    a = _after(assistant, "数据要素市场培育行动有几条任务", "排第三的那条谁牵头")
    assert [c.clause_id for c in a.citations] == ["三.3"]


def test_the_same_units_tasks_in_another_section(assistant):
    a = _after(assistant, "各设区市在数据要素市场培育行动里参与哪几条", "那数字科技创新和产业创新深度融合工程里呢")
    cited = {c.clause_id for c in a.citations}
    assert cited and all(c.startswith("四.(一).") for c in cited)


def test_it_is_the_unit_the_asker_named_not_the_lead_shown(assistant):
    a = _after(assistant, "电子信息集团有没有参加信创那条", "它在数字安全保障提升行动里参与了几条")
    assert "电子信息集团在工作要点中" in a.answer and "密码管理局在工作要点中" not in a.answer


def test_the_members_of_a_counted_thing_are_no_units_list(assistant):
    a = assistant.ask("10个数字农业创新应用基地具体是哪几家")
    assert a.status == "not_stated" and "牵头" not in a.answer


def test_a_guess_between_two_ports_is_judged_on_the_topics_sentence(assistant):
    assert assistant.ask("智慧口岸说的是厦门口岸还是福州口岸").status == "not_stated"


def test_investment_promotion_is_no_budget_and_a_name_asked_again_is_one_question():
    assert detail_slot("Which sectors will the investment promotion at the summit target?") != "budget"
    assert split_question("数据交易所的运营公司名单公布了吗 是哪家") == ["数据交易所的运营公司名单公布了吗 是哪家"]


def test_round_nineteen_structure_and_list_wordings(assistant):
    from assistant.intents import detect

    assert detect("文件里说的行动一共有几个", assistant.directory).structure == "actions"
    assert detect("网信办被列进责任单位的条目有几条", assistant.directory).kind == "agency_tasks"
    a = assistant.ask("Which body signed off on the 2025 Digital Fujian work points document?")
    assert "領導小組" in a.answer


# --- round 20: fresh20's classes, in wordings of my own


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("闽政通这块是哪个处长在负责", "person"),  # an official by post
        ("那个联席会议召集人是谁", "person"),
        ("碳普惠攒下的积分怎么用", "procedure"),  # how a person uses it
        ("Give me the operator's company name for the data exchange", "person"),
    ],
)
def test_detail_wordings_of_round_twenty(question, slot):
    assert detail_slot(question) == slot


def test_how_to_make_good_use_is_no_procedure():
    assert detail_slot("公共数据怎么用好") != "procedure"


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("数据交易所收多少佣金 文件里有说明吗", 1),  # whether the plan explains it: the same question
        ("智慧养老院数量 文件说了要建几家", 1),  # a bare "X数量" named, then asked as 几家
        ("闽政通归谁管 经费有没有着落", 2),  # a yes/no detail of its own after a lead question
    ],
)
def test_round_twenty_splits(question, parts):
    assert len(split_question(question)) == parts


def test_a_later_part_on_what_the_first_parts_thing_centres_on(assistant):
    a = assistant.ask("数字福建标准工程谁负责 重点围绕哪些领域")
    assert a.status == "answered" and {c.clause_id for c in a.citations} == {"四.(六).2"}


def test_a_place_asked_after_the_units_gets_the_units_note(assistant):
    a = assistant.ask("5G基站那条 配合单位有哪些 平潭综合实验区在不在里面")
    assert "含平潭" in a.answer


def test_the_city_named_among_the_units_is_a_part_of_its_own(assistant):
    a = assistant.ask("两岸融合那条 谁牵头 文件点名了哪个城市")
    assert "省委台办" in a.answer and "泉州" in a.answer


def test_which_library_is_a_place_not_a_lead(assistant):
    from assistant.intents import detect

    assert detect("沉浸式场景放在哪家图书馆", assistant.directory).kind != "lead"
    a = assistant.ask("沉浸式场景放在哪家图书馆")
    assert a.status == "not_stated" and not names_a_unit(assistant, a.answer)


def test_a_follow_up_naming_another_tasks_code_moves_to_it(assistant):
    a = _after(assistant, "一张图标准体系谁牵头", "那COM平台那条呢 谁负责")
    assert [c.clause_id for c in a.citations] == ["四.(四).3"]


def test_a_kind_the_clause_never_names_is_not_stated(assistant):
    # the clause says 特定人群 and never 老人: a quote would pass its wording off as the answer
    a = assistant.ask("免证入园试点照顾的是哪类老人")
    assert a.status == "not_stated"


def test_round_twenty_english_structure(assistant):
    from assistant.cues import document_fields
    from assistant.intents import detect

    assert detect("What is the number of main actions?", assistant.directory).structure == "actions"
    a = assistant.ask("Under action two, list the tasks")
    assert a.citations and all(c.clause_id.startswith("二") for c in a.citations)
    a = assistant.ask("What tasks fall under the project to optimise the digital ecosystem?")
    assert {"四.(六).1", "四.(六).4"} <= {c.clause_id for c in a.citations}
    assert document_fields("What is the date on the notice that sent out the plan?") == ("date",)


def test_round_twenty_everyday_wordings(assistant):
    a = assistant.ask("Which agency is accountable as lead for merging the extranet with the wireless private network?")
    assert a.status == "answered" and "數據管理局" in a.answer
    a = assistant.ask("一所多站那条 责任单位挨个列一下")
    assert [c.clause_id for c in a.citations] == ["三.3"]
    a = _after(assistant, "两岸数据要素产业园在哪条", "除了牵头单位 它还列了哪些配合的")
    assert [c.clause_id for c in a.citations] == ["四.(四).5"]
    assert assistant.ask("峰会招引项目有没有数量目标").status == "not_stated"
    a = assistant.ask("图书馆这些地方 要搞多少个沉浸式的场景")
    assert a.status == "answered" and "5个" in a.answer
    a = assistant.ask("泉州要搞哪些两岸相关的项目")
    assert a.status == "answered" and "产业园" in a.answer


def test_things_listed_after_a_colon_are_each_asked():
    parts = split_question("Quick picture please: the number of actions, and the tasks under the security action")
    assert parts == ["the number of actions", "the tasks under the security action"]


def test_the_askers_paperwork_is_no_topic(assistant):
    a = assistant.ask("峰会招商围绕哪些方向 我得写个汇报材料")
    assert a.status == "answered" and [c.clause_id for c in a.citations] == ["一"]


def test_a_kind_asked_of_a_thing_the_clause_names_is_quoted(assistant):
    # 体系 is the clause's (新型监管体系): what kind it is, the clause says
    assert assistant.ask("平台经济那块 要完善什么样的新体系").status == "answered"


# --- round 21: fresh21's classes, in wordings of my own


def test_round_twenty_one_wordings(assistant):
    from assistant.cues import document_fields
    from assistant.intents import detect

    assert document_fields("文件落款是哪个单位 哪年哪月哪日印发") == ("date", "issuer")
    assert detect("安全保障那块拆成了几块工作", assistant.directory).kind == "structure"
    assert detect("I am with the civil affairs department: where are we listed in the plan?", assistant.directory).kind == "agency_tasks"
    assert detail_slot("什么样的企业才能算数据要素型企业") == "procedure"
    assert detail_slot("Is there an exact month for the platform launch?") == "date"
    assert detail_slot("推进的那几项改革是啥") != "definition"
    assert len(split_question("5G基站那个数是啥来着 还有千兆端口的目标数")) == 2


def test_the_same_agency_for_a_thing_another_task_says(assistant):
    a = _after(assistant, "Who leads the 1131 platform task?", "And the unified payment platform — same agency?")
    assert [c.clause_id for c in a.citations] == ["四.(二).2"] and "辦公廳" in a.answer


def test_a_units_other_tasks_after_a_lead_question(assistant):
    a = _after(assistant, "揭榜挂帅项目谁牵头", "科技厅除此之外 还有哪条是它牵头的")
    assert {c.clause_id for c in a.citations} == {"四.(一).1", "四.(一).2"}


def test_a_rank_among_the_tasks_siblings(assistant):
    a = _after(assistant, "数字生态优化工程第一条讲啥", "那第二条呢 讲的啥")
    assert [c.clause_id for c in a.citations] == ["四.(六).2"]


def test_and_the_unit_after_a_units_list(assistant):
    a = _after(assistant, "Which tasks does the provincial health commission join?", "And the Department of Education?")
    assert "省教育廳" in a.answer and [c.clause_id for c in a.citations] == ["四.(四).2"]


def test_a_unit_alone_in_a_later_part_asks_its_part_in_the_first_task(assistant):
    a = assistant.ask("闽数治平台谁牵头 各设区市要建设什么")
    assert "地市综合态势" in a.answer


def test_an_unknown_english_modifier_makes_an_unknown_thing(assistant):
    a = assistant.ask("Is quantum computing anywhere in the plan?")
    assert a.refused and not names_a_unit(assistant, a.answer)


def test_which_cities_were_picked_is_answered_by_the_cities_named(assistant):
    a = assistant.ask("哪些地市入选了中小企业数字化转型试点")
    assert a.status == "answered" and "龙岩" in a.answer


def test_round_twenty_one_english_wordings(assistant):
    a = assistant.ask("Who leads curbing algorithm problems on platforms?")
    assert a.status == "answered" and "網信辦" in a.answer
    a = assistant.ask("Which units take part in the red culture task, besides the lead? 参与方列一下")
    assert a.citations and a.citations[0].clause_id == "四.(三).2"


def test_by_the_way_and_a_thing_set_up_are_no_topic(assistant):
    a = _after(assistant, "福见康养平台是哪条任务", "顺便问下 同一条里养老院的数量指标是多少")
    assert a.status == "answered" and "100个" in a.answer
    a = _after(assistant, "碳市场综合服务平台那条谁牵头", "依托闽政通要搭个什么应用")
    assert a.status == "answered" and a.citations[0].clause_id == "四.(五).2" and "八闽碳惠" in a.answer
