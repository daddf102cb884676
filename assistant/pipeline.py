"""Assistant.ask(question, history) -> Answer: the one front door for the CLI, the chat and the eval.

This module only dispatches: cleaning (`clean`), analysis (`intents`), follow-up context
(`followup`), answerability (`grounding`), plan navigation (`navigate`), sentence choice
(`sentences`) and wording (`compose`) each live in their own module.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from functools import cached_property

from assistant import asks, compose
from assistant.answerable import load_model
from assistant.clean import READ_AS, clean_question, note_text
from assistant.compose import Draft, Style
from assistant.coverage import topic_runs, uncovered
from assistant.cues import document_fields, strip_document_cues
from assistant.followup import (
    Context,
    Message,
    context_from,
    item_pointer_removed,
    last_user_turn,
    numeral,
    picked_item,
    shown_ids,
)
from assistant.grounding import Grounding
from assistant.intents import Intent, asks_for_tasks, detect, role_asked, strip_unit_cues
from assistant.multipart import split_question
from assistant.navigate import SECTION_NUMBER, named_action, named_project, structure_answer
from assistant.sentences import best_sentences
from assistant.slots import DESCRIBE, describe, detail_slot, states, strip_cue
from assistant.types import ANSWERED, EMPTY, Answer
from assistant.typos import TermSounds, UnitTypos, restore
from corpus.agencies import AgencyDirectory
from corpus.resources import PlanResources
from corpus.responsibility import role_of
from corpus.script import detect_script, fold
from corpus.settings import Settings, get_settings
from corpus.types import Clause, Plan
from index.retriever import Retriever
from index.types import Hit

POSSESSED_COVERAGE = 0.75  # share of the thing after 的 a clause must say before its lead is named
# A near task covering at least this share of the topic, and this much more than every grounded one, is meant
DOMINANT_COVERAGE = 0.8
DOMINANT_MARGIN = 0.2
# "X牵头的那条…": the unit named as the lead of the task meant (not 牵头的有哪些, a unit's own list)
_NAMED_AS_LEAD = re.compile(r"\s*(来|负责)?(牵头|主抓|挑头|领衔|带头|当头)(的|那)\s*(那|这)?(条|项|个|块|件)")
LED_TASK_COVERAGE = 0.5  # share of the area words a task led by the named unit must cover to be the one meant
QUOTE_CANDIDATES = 3  # hits considered for a quoted answer: beyond the third the clauses rarely still fit
RELATED_SHOWN = 3  # nearest clauses listed with a refusal
# (not after a numeral or a demonstrative: 两个平台, 这个库 count or point; 立个法 splits a word)
_SPLIT_BY_GE = re.compile(r"([\u4e00-\u9fff])(?<![一二两三四五六七八九十百千万几这那哪每各某半整兩幾這那哪])[个個]([\u4e00-\u9fff])")
# A pointer to an earlier turn than the last ("刚才第一个问的那条", "回到第一个问的", "the first one I asked")
_EARLIER_TURN = re.compile(
    r"(?:刚才|刚刚|前面|之前|最早)?(?:我|你)?(?:第([一二三123])个|(一开始|最开始|头一个))(?:问|问题|说|提|聊)(?:的)?(?:那条|那个|那项|那块)?"
    r"|回到第([一二三123])个(?:问题|问的|问)?(?:的)?(?:那条|那个)?"
    r"|\b(?:the )?(first|second|third) (?:question|one|thing) (?:i|we) (?:asked|talked about|mentioned)\b"
)
_EARLIER_NAMED = re.compile(r"(?:前面|之前|刚才|刚刚|上面|最早)(?:我)?(?:问|提|说|聊)(?:的|过的|过)(?:那个|那条|那项)?")
_NUMERAL = {"一": 1, "1": 1, "first": 1, "一开始": 1, "最开始": 1, "头一个": 1, "二": 2, "2": 2, "second": 2, "三": 3, "3": 3, "third": 3}
# The asker's account around a question: stretches between spaces and commas that start with who asks
_PIECE = re.compile(r"[\s,，;；]+|(?<=[?？。!！])")  # (after a question mark too: "…写了吗？我们要排会务")
_ASKER = re.compile(r"(我|我们|咱|咱们|领导|同事|听说|有人|辖区|学校|老乡|上面|帮我|感觉|麻烦|老板|群众|居民|刚才有人)")
# the asker's own people and errands, which the plan may also write (领导小组, 招商对接)
_ASKER_WORD = re.compile(r"我们|咱们|领导|同事|老板|群众|居民|对接|汇报|了解|咨询|确认|核实|问问|查查|一下|上面|省里|市里|县里"
                          r"|材料|汇报材料|稿子|讲话稿|报告|文章|公文|写稿")
# the asker's own paperwork ("我们要准备项目清单", "我得写个汇报材料")
_ASKER_ERRAND = re.compile(r"^(我|我们|咱们|咱)(这边)?(要|得|好|需要|准备|想)?(准备|整理|写|报|交|做|弄|列)(个|一份|一个)?[^,，?？]{0,8}(清单|材料|稿子|方案|报告|汇报|表格|台账)\W*$")
_ASKS = re.compile(r"[谁哪啥吗呢么嘛?？]|什么|多少|几|怎么|咋|是否|有没有|是不是|能不能|\b(who|what|which|how|when|where|why)\b")
_OWN_PRONOUN = re.compile(r"\b(it|its|that|this|them|they|those|these)\b|它", re.I)
# "…工程下面第5条": a task by its place under the 工程 or 行動 the question names
_NTH_TASK = re.compile(
    r"第\s*([一二三四五六七八九十]|\d{1,2})\s*(?:条|项|个任务)(?!.{0,3}(行动|工程))"
    # 排第四的那条, 排老三的任务: a task by its place, said as a rank
    r"|排(?:在)?(?:第|老)\s*([一二三四五六七八九十]|\d{1,2})\s*(?:位|名|个)?的?\s*(?:那)?(?:条|项|个|任务)"
)
_QUOTED_NAME = re.compile(r"[“\"]([^”\"]{2,16})[”\"]")  # a programme's name as the plan quotes it
# A figure sentence saying this much of a number question's topic, and this much more than the grounded
# clause's, is the one asked about
FIGURE_SAYS_MORE = 0.75
FIGURE_MARGIN = 0.15
_SAME_TASK = re.compile(r"(同|这|那|该)(一)?(条|项|个任务)")
# A part that starts with its verb, no subject of its own ("要落地几个应用", "今年要发几颗星"): in a
# question of several parts, its subject is the first part's topic
# A counted thing ("5个省级数据标注基地") and a units noun ("哪几家单位"): "是哪几家" asks the one or the other
_COUNTED_THING = re.compile(r"[\d一二三四五六七八九十两]+(个|家|所|座|大)(省级|市级|国家级)?[\u4e00-\u9fff]{2,}")
_UNIT_NOUN = re.compile(r"单位|部门|厅|局|委|办|牵头|配合|参与")
# A part naming the document itself ("这份文件啥时候印发的"), not the first part's thing
_NAMES_DOCUMENT = re.compile(r"文件|要点|通知|这份|本文|\b(plan|document)\b")
_PREDICATE_ONLY = re.compile(
    r"^\W*(另外|还有|那|然后|并且|而且)?\s*(今年|年内|这次|今年内|明年)?\s*(还)?(要|得|需要|打算|计划|准备|将要?|预计)(?!求)"
    r"|^\W*(那|又|还)?(在|设在|放在|落在|办在)(哪|什么地方)"  # "峰会啥时候开 在哪个会展中心": where the first part's is held
    # "标准工程由哪家领 重点围绕什么方向": what the first part's thing centres on
    r"|^\W*(那|又|还)?(主要|重点|具体)?(围绕|聚焦|针对|面向|侧重|涉及)(哪些|哪几|什么|啥|哪)"
)
# A length, area, mass or power asked for (要铺多少公里): only a figure in that unit states it
_ASKED_UNIT = re.compile(r"(多少|几)(平方公里|平方米|公里|千米|公顷|亩|吨|万千瓦|千瓦|兆瓦|度电)")
_SAME_UNIT = {"公里": "(公里|千米|km)", "千米": "(公里|千米|km)"}
# Units and roles: a place asked about in a units list is a unit question, not whether the text names it
_UNIT_WORDS = re.compile(r"配合|牵头|参与|负责|单位|设区市|挑头|主抓")


def _included_asked(city: str) -> re.Pattern[str]:
    """Whether a place is among those meant, said around its name ("漳州算在里面没", "有没有南平", "宁德有没有份")."""
    c = re.escape(city) + "(?:综合实验区|市)?"  # (as named in full: 平潭综合实验区算在里面吗)
    return re.compile(
        rf"(有没有|有无|包括|包不包括|包含|含不含|含)\s*{c}|{c}\s*(有没有份|有份|有没有|算在|算不算|算进|在不在|在里面|在里头|在内|是不是其中|也在|也算)"
        # "平潭是不是跨境电商综试区之一", "龙岩是不是也在试点城市里", "平潭包括进去没"
        rf"|除了\s*{c}\s*(以外|之外)?(还有)?|{c}\s*是不是[^,，?？]{{0,24}}之一|{c}\s*是不是(也)?(在|算)|{c}\s*(包括|包含|算|列)?(进去|进来)(了)?(没|吗|不|没有)"
    )
_INCLUDED_WORDS = re.compile(r"是不是|之一|包不包括|含不含|有没有份|有没有|有无|包括|包含|进去|进来|没有|算不算|算在|算进|在不在|在里面|在里头|在内|其中|也在|也算|[也含算列在没吗不了份]")
_EN_INCLUDED = re.compile(r"\b(include|includes|including|cover|covers|count|counts|counted)\b")
_EN_ASKER = re.compile(
    r"^\W*(my|our) (director|boss|manager|supervisor|leader|colleague|chief|head|team|department|office)s? "
    r"(wants|want|asked|asks|needs|need|would like|has asked)( me)?( to (know|find out|check|confirm))?\s*[:,]?\s*",
    re.I,
)
# "我们是密码管理局的，…": who the asker speaks for, then 我们 for that unit
_SELF_INTRO = re.compile(r"^\s*(我|我们|咱们|我們|咱們)(是|在)(?P<who>[^,，。；;\s]{2,16}?)(的)?(人|同事|工作人员|同志)?\s*[,，;；\s]\s*")
_WE = re.compile(r"我们|咱们|我們|咱們|我(?![们們])")
# Tasks counted or listed ("下面有几条任务", "有哪些任务")
_TASK_COUNT = re.compile(r"(几|多少|哪些|哪几)(条|项|个)?(具体)?(任务|条|项)")
_CITY_WORD = re.compile("(" + "|".join(asks.CITIES) + r")(综合实验区)?|各设区市|各地市|(那边|那里|这边|那块)")  # (平潭 as named in full)
# A kind of thing asked for ("针对哪类游客", "什么样的企业"): the clause must name that thing at least
_KIND_ASKED = re.compile(r"(哪|什么|啥)(一)?(类|种|样的|类型的?)(的)?(?P<n>[\u4e00-\u9fff]{2,4}?)(?=[的了吗呢是有在要等啊呀]|[^\u4e00-\u9fff]|$)")
# The asker's word for "things" (东西, 项目): what the clause lists, never a thing it must name itself
_ANY_THING = ("东西", "内容", "方面", "事情", "情况", "工作", "任务", "问题", "项目", "事项", "举措", "措施")
# A bound asked for (下限, 至少) and the plan's way of writing one (不少于5個, 50個以上)
_BOUND_ASKED = re.compile(r"(下限|上限|最低|最少|至少|起码|保底|最多)")
_BOUND_SAID = re.compile(r"不少于|不低于|以上|至少|不超过|以内|以下")
# Cantonese words officials type for their Mandarin ones (边个部门 = 哪个部门, 有冇 = 有没有): the cue
# tables are Mandarin, and a handful of words is all it takes (none of them is a word the plan writes)
_CANTONESE = {
    "有冇": "有没有", "冇": "没", "乜嘢": "什么", "咩": "什么", "点样": "怎样", "點樣": "怎樣", "除咗": "除了", "仲有": "还有",
    "边度": "哪里", "邊度": "哪裡", "边日": "哪天", "邊日": "哪天", "啲": "些", "嘅": "的", "喺": "在", "咗": "了", "佢": "它", "唔": "不",
    # and the common slip 撒 for 啥 after a verb (干撒, 是撒): the plan never writes 撒
    "干撒": "干啥", "幹撒": "幹啥", "做撒": "做啥", "搞撒": "搞啥", "弄撒": "弄啥", "是撒": "是啥", "有撒": "有啥", "说撒": "说啥", "為撒": "為啥", "为撒": "为啥",
    # and 前 typed for 钱 after 多少 (补多少前): the plan never writes 多少前
    "多少前": "多少钱",
}
# 边/邊 before a measure word is 哪 (边个, 边啲, 边度, 边日, 边几个); 係 is 是 (not inside 關係/联係)
_CANTONESE_WORD = re.compile("|".join(sorted(_CANTONESE, key=len, reverse=True)) + r"|[边邊](?=[个個啲度日几幾位间間三两兩])|(?<![關关联聯])係")


# 那 typed for 哪 where a question ends asking which unit ("落到那个部门", "那个单位挑头"): 那个部门
# there points at nothing said before
_NA_FOR_WHICH = re.compile(
    r"那(?=[个個家](部门|部門|单位|單位|机构|機構)(来|來)?(负责|負責|牵头|牽頭|挑头|挑頭|主抓|抓|管|领头|領頭|带头|帶頭)?(的)?(活|事|活儿|事儿|任务|任務)?[?？。!！\s]*$)"
    # (and 那家公司来做: which company, a name the plan never gives)
    r"|那(?=[个個家](公司|企业|企業|厂商|廠商)(来|來)?(做|干|幹|建|承建|负责|負責|搞|弄|运营|運營)?(的)?[?？。!！\s]*$)"
    # (and 活有那几件: which ones, counted at the end)
    r"|(?<=[有是])那(?=几[件条项个块][?？。!！\s]*$)"
)


# Pinyin initials typed for the words staff use most (qtdw = 牵头单位, kjt = 科技厅)
_INITIALS = {
    "qtdw": "牵头单位", "zrdw": "责任单位", "phdw": "配合单位", "kjt": "科技厅", "sjj": "数据局", "wxb": "网信办",
    "gxt": "工信厅", "fgw": "发改委", "swt": "商务厅", "jyt": "教育厅", "txglj": "通信管理局", "dsjjt": "大数据集团",
}
_INITIALS_WORD = re.compile(r"(?<![A-Za-z])(" + "|".join(_INITIALS) + r")(?![A-Za-z])", re.I)
_SPACED_CODE = re.compile(r"(?<![0-9A-Za-z])(\d{1,2}[gG])[\s_]+(pon|PON|Pon)(?![A-Za-z])")


def _mandarin(m: re.Match[str]) -> str:
    w = m.group(0)
    return "哪" if w in "边邊" else "是" if w == "係" else _CANTONESE[w]


# A unit asked for by "which agency" (not a person in it: its director, a contact, a phone number)
_WHICH_UNIT = re.compile(r"\bwhich (agency|agencies|department|departments|unit|units|bureau|body|office)\b|哪(个|家|些|一个)(部门|单位|机构|厅|局)")
_PERSON_ASKED = re.compile(
    r"\b(director|head of|chief|minister|contact|phone|person|official|officials|people|staff|company|companies|firm|vendor)\b"
    r"|主任|局长|厅长|处长|负责人|联系人|电话|领导|公司|企业|哪位|谁签"
)
# "那个文件", "that policy": a document the last turn named, not this plan
_THAT_DOCUMENT = re.compile(r"(那|该)(个|份|一份)?(文件|通知|意见|办法|政策|规定)|\bthat (document|policy|notice|regulation)\b")
_WHO = re.compile(r"谁|哪(个|家|一个|一家)(部门|单位|机构)|\bwho\b|\bwhich (department|agency|unit|body|bureau|office)\b")
# "同一条里还有啥数量目标没": the clause's other figures, not the figure of the thing the last turn named
_OTHER_FIGURES = re.compile(r"还有|别的|其他|其它|另外|同一条|这条|那条|这一条|\b(other|else|another)\b")


class Assistant:
    """Cheap to construct; the plan, the index and the model load on first use (or warm_up)."""

    def __init__(
        self,
        settings: Settings | None = None,
        retriever: Retriever | None = None,
        llm=None,
        resources: PlanResources | None = None,
    ):
        self.settings = settings or get_settings()
        self.resources = resources or (retriever.resources if retriever else PlanResources(self.settings))
        self.retriever = retriever or Retriever(self.settings, self.resources)
        self._llm = llm
        self._llm_checked = llm is not None

    @property
    def plan(self) -> Plan:
        return self.resources.plan

    @property
    def directory(self) -> AgencyDirectory:
        return self.resources.directory

    @cached_property
    def grounding(self) -> Grounding:
        s = self.settings
        plan_text = fold(" ".join(" ".join(c.path) + " " + c.text for c in self.plan.clauses))
        return Grounding(
            self.directory,
            self.resources.glossary,
            self.retriever.tokenizer,
            s.refusal_threshold,
            s.agreement_threshold,
            s.absent_threshold,
            plan_text,
            load_model(s.answerable_weights),
            s.answerable_threshold,
            s.unstated_threshold,
        )

    @property
    def llm(self):
        if not self._llm_checked:
            from assistant.llm import llm_from_settings

            self._llm = llm_from_settings(self.settings)
            self._llm_checked = True
        return self._llm

    def warm_up(self) -> None:
        """Load the index and model, and run one question through every lazy part (script
        converters, segmenter, intent tables), so the first user does not wait for them."""
        self.retriever.warm_up()
        self.ask("算力建设由哪个部门牵头？")
        self.grounding.warm_up()

    # ------------------------------------------------------------------ the front door

    def ask(self, question: object, history: list[Message] | None = None) -> Answer:
        t0 = time.perf_counter()
        q, notes = self._clean(question)
        intent = detect(q, self.directory) if q else Intent(kind="general")
        script = detect_script(q) if q else "simplified"
        style = Style(language=intent.language, script="simplified" if script == "neutral" else script)
        if not q:
            draft = Draft(refused=True, parts=[style.t("empty")])
            return self._finish("", "general", draft, [], t0, status=EMPTY)
        draft = self._answer(q, intent, style, history or [])
        if notes:
            draft.parts.insert(0, "_" + note_text(notes[0], q, english=style.language == "en") + "_")
        answer = self._finish(q, draft.kind or intent.kind, draft, notes, t0)
        if self.llm is not None and not answer.refused:
            answer = self.llm.rewrite(q, answer)
            answer = replace(answer, elapsed_ms=round((time.perf_counter() - t0) * 1000, 2))
        return answer

    def _clean(self, question: object) -> tuple[str, list[str]]:
        """The question cleaned (`clean`), with homophone typos of cue words restored (`typos`)."""
        q, notes = clean_question(question, self.settings.max_question_chars)
        if not q:
            return q, notes
        q = _SPACED_CODE.sub(r"\1-\2", q)  # "10g pon" is how 10G-PON is typed: silently the plan's name
        q = _CANTONESE_WORD.sub(_mandarin, q)
        q = _NA_FOR_WHICH.sub("哪", q)
        # "My director wants to know who…": who asks, not a person asked about (kept when nothing else is asked)
        q = _EN_ASKER.sub("", q) if re.search(r"\w", _EN_ASKER.sub("", q)) else q
        q = self._as_the_unit(self._without_context(self._unsplit(q)))
        spelled = _INITIALS_WORD.sub(lambda m: _INITIALS[m.group(0).lower()], q)  # shown as read, like a typo put right
        fixed = self.term_sounds.restore(restore(self.unit_typos.restore(spelled), self.grounding.plan_text))
        if fixed != q and not notes:
            notes = [READ_AS]
        return fixed, notes

    def _as_the_unit(self, q: str) -> str:
        """"我们是密码管理局的，想确认信创那条是我们牵头还是配合": the asker speaks for a unit, so 我们 later in the
        question is that unit (and the introduction asks nothing)."""
        m = _SELF_INTRO.match(q)
        if not m:
            return q
        who = m.group("who")
        spans = self.directory.spans(who)
        if len(spans) != 1 or len(fold(who)) != len(who):
            return q
        rest = q[m.end():]
        if not _WE.search(rest):
            return q
        start, end, _ = spans[0]
        return _WE.sub(who[start:end], rest)  # as the asker wrote it (its script is the answer's)

    def _without_context(self, q: str) -> str:
        """The question without the asker's account of why they ask ("领导早上开会点名让我查一下 … 归谁牵头 我好去对接"):
        a stretch that asks nothing, starts with who is asking, and holds no word the plan writes is dropped
        (its everyday words would read as a topic the plan lacks)."""
        pieces = [p for p in _PIECE.split(q) if p.strip()]
        if len(pieces) < 2:
            return q
        plan = self.grounding.plan_text
        # each piece's words of two characters or more, the asker's own people and errands aside
        words = {
            p: [w for w in self.retriever.tokenizer.segment(fold(p).strip()) if len(w) >= 2 and not _ASKER_WORD.fullmatch(w)]
            for p in pieces
        }

        def context(p: str) -> bool:
            f = fold(p).strip()
            if _ASKER_ERRAND.match(f) and not _ASKS.search(f):
                return True  # "我们要准备项目清单": the asker's own paperwork, whatever plan words it names
            # (a word the plan writes, 景区 or 三明, is a topic the asker brings along)
            said = any(w in plan for w in words[p] if re.fullmatch(r"[\u4e00-\u9fff]+", w))
            # 群众上访这块: the plan's 信訪 (not 学校: who is asking, though the glossary reads it as 教育)
            said = said or any(not _ASKER.fullmatch(w) for w in self.resources.glossary.analyse(p).replaced)
            return bool(_ASKER.match(f)) and not _ASKS.search(f) and not said

        kept = [p for p in pieces if not context(p)]
        if not kept or len(kept) == len(pieces) or not any(_ASKS.search(fold(p)) for p in kept):
            return q
        rest = " ".join(kept)
        dropped = [w for p in pieces if p not in kept for w in words[p]]
        # (kept only when the rest still has its topic, or what was dropped holds no word of the plan's:
        # "我们想了解算力 谁牵头" stays whole)
        return rest if self.grounding.has_topic(strip_unit_cues(rest)) or not any(w in plan for w in dropped) else q

    def _unsplit(self, q: str) -> str:
        """A verb and its object split by 个 in speech (立个法, 登个记) put back together when the plan writes
        them as one word (立法) and never with the 个: the plan's word, not a topic word it lacks."""
        plan = self.grounding.plan_text

        def join(m: re.Match[str]) -> str:
            whole, pair = fold(m.group(0)), fold(m.group(1) + m.group(2))
            return m.group(1) + m.group(2) if len(whole) == 3 and pair in plan and whole not in plan else m.group(0)

        return _SPLIT_BY_GE.sub(join, q)

    @cached_property
    def unit_typos(self) -> UnitTypos:
        return UnitTypos(self.directory.all_aliases(), self.grounding.plan_text)

    @cached_property
    def term_sounds(self) -> TermSounds:
        # the plan's words as jieba cuts them, and the glossary's names of the plan's things (海丝星座 is
        # cut in two; as a whole it is what 海思星座 was typed for)
        plan = self.grounding.plan_text
        glossary = self.resources.glossary
        named = [w for _, v in (*glossary.terms, *glossary.synonyms) for w in v.split() if fold(w) in plan]
        # (and the everyday words the glossary reads, 警察 for 警查, with the plan's own pairs, 活跃 for 活越)
        everyday = [fold(k) for k, _ in (*glossary.terms, *glossary.synonyms)] + [w for w in self.retriever.tokenizer.words if len(w) == 2]
        return TermSounds(
            [*self.retriever.tokenizer.words, *named], plan, names=named, everyday=everyday, aliases=self.directory.all_aliases()
        )

    def _finish(self, q: str, kind: str, d: Draft, notes: list[str], t0: float, status: str = "") -> Answer:
        return Answer(
            question=q,
            answer=compose.render(d),
            intent=kind,
            refused=d.refused,
            citations=tuple(d.citations),
            related=tuple(d.related),
            elapsed_ms=round((time.perf_counter() - t0) * 1000, 2),
            notes=tuple(notes),
            agency=d.agency,
            status=status or d.status,
            suggestions=tuple(d.suggestions),
            part_statuses=tuple(d.part_statuses),
        )

    # ------------------------------------------------------------------ dispatch

    def _answer(self, q: str, intent: Intent, style: Style, history: list[Message]) -> Draft:
        items = self._answer_parts(q, intent, style, history)
        return items[0][1] if len(items) == 1 else compose.combine(items, style)

    def _answer_parts(
        self, q: str, intent: Intent, style: Style, history: list[Message], nested: bool = False
    ) -> list[tuple[str, Draft]]:
        """Each part of the question with its answer (one item for a single question)."""
        parts = split_question(q)
        city = asks.city_named(q)
        if len(parts) >= 2 and city and "设区市" in fold(q) and _EN_INCLUDED.search(fold(q)) and (noted := self._units_note(city, style)):
            # "when the plan says 各设区市, does that include Pingtan?": one question, the units note answers it
            return [(q, noted)]
        if len(parts) < 2:
            return [(q, self._answer_one(q, intent, style, history))]
        intents = [detect(p, self.directory) for p in parts]
        if intent.kind == "document" and intents[0].kind == "document" and all(
            i.kind == "document" or not self.grounding.has_topic(p) for p, i in zip(parts[1:], intents[1:], strict=True)
        ):  # "Who issued this document and when?" is one question; "蓝皮书谁来发布？大模型应用搞几个" is two
            return [(q, self._answer_one(q, intent, style, history))]
        # a later part whose topic words all come from the first part's ("…综合试点指的是啥 具体试点内容有哪些")
        # asks more about the same thing: it is answered as a follow-up to it
        words = [self._own_words(p) for p in parts]
        if not asks.city_named(parts[0]):
            # "…谁牵头？另外泉州那边要建什么？": a later part naming only a city asks about the first part's task
            words = [w if k == 0 else _CITY_WORD.sub(" ", fold(w)) for k, w in enumerate(words)]
        # "…目标是多少，牵头的是农业农村厅吗": a unit named in a lead or members part is no topic of its own
        words = [
            self.grounding.without_agencies(w) if k and i.kind in ("lead", "members") else w
            for k, (w, i) in enumerate(zip(words, intents, strict=True))
        ]
        own = [
            self.grounding.has_topic(w) and (k == 0 or not all(r in fold(parts[0]) for r in topic_runs(self.grounding.masked(w))))
            for k, w in enumerate(words)
        ]
        units = ("lead", "members")
        # "由谁牵头，哪些部门配合": who leads and who takes part in one task, which one answer gives
        # (not "who is the lead and which city is named among the units", nor "…哪些单位配合 平潭算在里面吗":
        # the city is a part of its own)
        one_units = intents[0].kind in units and all(
            i.kind in units and not o and not asks.CITY_MENTION.search(fold(p))
            and not ((c := asks.city_named(p)) and _included_asked(c).search(fold(p)))
            for p, i, o in zip(parts[1:], intents[1:], own[1:], strict=True)
        )
        structures = all(i.kind == "structure" for i in intents)
        # "数据局牵头的活有几条 都是啥": the list of an agency's tasks answers the count and the "which" both
        # (and "牵头哪几条 又在哪几条里配合": the same unit's list answers each role's part)
        one_agency = intents[0].kind == "agency_tasks" and not any(
            o and not asks_for_tasks(p) for p, o in zip(parts[1:], own[1:], strict=True)
        ) and not any(
            i.agencies or asks.city_named(p) for p, i in zip(parts[1:], intents[1:], strict=True)
        )  # not "福州和厦门分别要干啥": each city its own list
        # "峰会要签约多少亿的项目 有目标数吗": the same figure asked again in other words, one question
        one_figure = intents[0].kind == "number" and all(i.kind == "number" and not o for i, o in zip(intents[1:], own[1:], strict=True))
        # The first part's list answers the rest: "闽政通出现了几处，分别干啥，各自谁牵头" (each place with its
        # sentence and lead), "生态文明那个工程下头几条任务，各是谁带头" (each task with its lead)
        first_lists_all = (bool(asks.WHICH_CLAUSES.search(fold(parts[0]))) and not any(own[1:])) or (
            intents[0].kind == "structure" and all(
                i.kind == "lead" and not o and re.search(r"各|分别|each", fold(p)) for p, i, o in zip(parts[1:], intents[1:], own[1:], strict=True)
            )
        )
        if first_lists_all:
            return [(q, self._answer_one(parts[0], intents[0], style, history))]
        if one_units or one_agency or one_figure or not (self.grounding.has_topic(parts[0]) or structures or intents[0].agencies):
            return [(q, self._answer_one(q, intent, style, history))]
        # A later part with no topic of its own ("算力规模目标多少，谁牵头") is about the first part's: it is
        # answered as a follow-up to it.
        first = [*history, {"role": "user", "content": parts[0]}]
        items: list[tuple[str, Draft]] = []
        for p, i, o in zip(parts, intents, own, strict=True):
            # A part may ask two things itself ("5G基站和10G-PON端口分别建多少？谁牵头？": each item's figure
            # and its lead): its own parts are listed in line, a topicless one labelled with its topic.
            # (one that points back, "…, and does it mention X?", is asked of the first part's task too)
            # (a part without a topic of its own is a follow-up even when a city or a plan word is all it names)
            # (and so is one naming only a unit, "各设区市要部署什么": that unit's part in the first part's task)
            unit_part = i.kind == "general" and bool(i.agencies) and bool(re.search(r"什么|啥|哪些|\bwhat\b", fold(p)))
            i = i if o or not (self.grounding.has_topic(p) or asks.city_named(p) or unit_part) else replace(i, follow_up=True)
            if items and i.kind == "document" and intents[0].kind != "document" and not _NAMES_DOCUMENT.search(fold(p)):
                # "密评制度谁牵头 啥时候出台": when the first part's thing comes out, not when this plan was issued
                i = replace(i, kind="general", follow_up=True)
            got = self._answer_parts(p, i, style, history if o and not i.follow_up else first, nested=True)
            if items and o and len(got) == 1 and (got[0][1].refused or _PREDICATE_ONLY.match(fold(p))):
                # "海丝卫星星座谁牵头 今年要发几颗星", "大模型那条谁牵头 要落地几个应用": a part with no subject
                # of its own, or one found nowhere, asks about the first part's topic; read with it, it is
                # kept when it says what the plan does not state or answers from the first part's clause
                got = self._read_with_first(parts[0], p, items, got, style, history, keep_not_stated=True)
            elif items and not o and len(got) == 1 and got[0][1].not_stated and self.grounding.has_topic(p):
                # "…the task with the smart care homes, and how many of those homes are planned?": a follow-up
                # naming a word of the first part (homes) asks of that thing
                got = self._read_with_first(parts[0], p, items, got, style, history, keep_not_stated=False)
            for label, draft in got:
                shown = label if o or not nested else f"{parts[0].rstrip('？?。 ')}：{label}"
                items.append((shown, draft))
        return items

    def _read_with_first(
        self, first: str, p: str, items: list[tuple[str, Draft]], got: list[tuple[str, Draft]], style: Style,
        history: list[Message], keep_not_stated: bool,
    ) -> list[tuple[str, Draft]]:
        """The part read with the first part's words: kept when it answers from the first part's clause (or,
        `keep_not_stated`, says what the plan does not state); else the part's own answer, `got`."""
        about = f"{self._own_words(first).strip()} {p}"
        again = self._answer_one(about, detect(about, self.directory), style, history)
        firsts = {c.clause_id for _, d in items for c in d.citations}
        if (keep_not_stated and again.not_stated) or (
            again.status == ANSWERED and again.citations and {c.clause_id for c in again.citations} <= firsts
        ):
            return [(p, again)]
        return got

    def _inherit_kind(self, q: str, intent: Intent, history: list[Message]) -> Intent:
        """"那数据交易呢" after "算力谁牵头": the same question about a new topic, so the last turn's kind
        (who leads, who takes part, how many) is this one's."""
        i = last_user_turn(history)
        # "数据局之外呢", "besides the data bureau?", "大数据集团有份吗" after "谁牵头": the units of the same task
        besides = intent.kind == "general" and intent.agencies and asks.BESIDES.search(fold(q))
        member = intent.kind in ("agency_tasks", "general", "members") and len(intent.agencies) >= 1 and asks.MEMBERSHIP.search(fold(q))
        # (a unit's own name is no topic: "veterans affairs" is the glossary's 退役軍人事務 only inside it)
        # "交通厅呢", "and the water resources department?": a unit alone, after who leads a task
        bare = len(intent.agencies) == 1 and asks.BARE_REST.fullmatch(self.grounding.without_agencies(fold(q)))
        # "公安厅在里面干啥", "what does the police department do there?": its part in the task just discussed
        there = len(intent.agencies) == 1 and asks.IN_THERE.search(fold(q)) and asks.DOES_WHAT.search(fold(q))
        if i is not None and (besides or member or bare or there) and not self.grounding.has_topic(self.grounding.without_agencies(fold(q))):
            prev_kind = detect(self._clean(history[i]["content"])[0], self.directory).kind
            # (whatever the last question was when this one points at the task: "司法厅在这项里头吗")
            if prev_kind in ("lead", "members") or (member and _SAME_TASK.search(fold(q))):
                return replace(intent, kind="members", follow_up=True)
        bare_q = asks.PUNCT.sub("", fold(q))
        if intent.kind != "general" or not history or not (asks.ELLIPSIS.fullmatch(bare_q) or (intent.agencies and asks.AND_THE.fullmatch(bare_q))):
            return intent
        if detail_slot(q, self.grounding.plan_text):
            return intent  # "经费呢", "哪天呢": a detail of the same topic, not the last question again
        if not self.grounding.has_topic(q) and not intent.agencies:
            return intent  # "那还有呢": no new topic, the follow-up context answers it
        if i is None:
            return intent
        prev_q, _ = self._clean(history[i]["content"])
        prev = detect(prev_q, self.directory)
        if prev.kind in ("lead", "members", "number") and not intent.agencies:
            return replace(intent, kind=prev.kind, follow_up=False)
        if prev.kind == "agency_tasks" and intent.agencies:  # "数据局牵头哪些任务" then "那工信厅呢"
            return replace(intent, kind="agency_tasks", role=prev.role, follow_up=False)
        if prev.kind == "agency_tasks" and len(prev.agencies) == 1 and not intent.agencies and (
            named_action(self.plan, fold(q)) or named_project(self.plan, fold(q), Context())
        ):  # "各设区市在基础能力提升行动里参与哪几项" then "那科技创新和产业创新融合工程里呢": the same unit there
            return replace(intent, kind="agency_tasks", agencies=prev.agencies, role=prev.role, follow_up=False)
        if prev.kind == "structure" and prev.structure in ("tasks", "projects") and (
            named_action(self.plan, fold(q)) or named_project(self.plan, fold(q), Context())
        ):  # "数据要素行动下面几条任务" then "数字安全保障提升行动呢"
            return replace(intent, kind="structure", structure=prev.structure, follow_up=False)
        return intent

    def _own_words(self, part: str) -> str:
        """A part without its who-leads or detail wording ("有电话吗" asks a person of the part before it)."""
        slot = detail_slot(part, self.grounding.plan_text)
        return strip_cue(part, slot) if slot else strip_unit_cues(part)

    def _back_to_earlier_turn(self, q: str, intent: Intent, history: list[Message]) -> tuple[str, Intent, list[Message]]:
        """A pointer to a turn before the last: the conversation as it stood after that turn."""
        users = [k for k, m in enumerate(history) if m.get("role") == "user" and str(m.get("content", "")).strip()]
        earlier = _EARLIER_TURN.search(fold(q))
        if earlier and users:
            # "刚才第一个问的那条谁牵头": that turn, and the question without the pointer (那条 then means its task)
            n = min(_NUMERAL.get(next(g for g in earlier.groups() if g), 1), len(users))
            history = history[: users[n]] if n < len(users) else history
            q = (fold(q)[: earlier.start()] + "那条" + fold(q)[earlier.end() :]).strip()
            return q, replace(detect(q, self.directory), follow_up=True), history
        named = _EARLIER_NAMED.search(fold(q))
        if named and len(users) >= 2:
            # "前面问的那个闽政通所在那条谁牵头": the last turn that named it
            runs = self.grounding.cjk_runs(strip_unit_cues(fold(q)[named.end() :]))
            said = [k for k in users if runs and all(r in fold(str(history[k].get("content", ""))) for r in runs)]
            if said and said[-1] != users[-1]:
                history = history[: users[users.index(said[-1]) + 1]]
        return q, intent, history

    def _answer_one(self, q: str, intent: Intent, style: Style, history: list[Message]) -> Draft:
        q, intent, history = self._back_to_earlier_turn(q, intent, history)
        i = last_user_turn(history)
        if i is not None and intent.kind == "general" and asks.LIST_AGAIN.search(fold(q)) and not self.grounding.has_topic(q):
            # "都列出来", "list them all": the last question again (its answer lists what it counted)
            q, history = self._clean(history[i]["content"])[0], history[:i]
            intent = detect(q, self.directory)
        intent = self._inherit_kind(q, self._with_follow_up(q, intent, history), history)
        ctx = self._context(history) if intent.follow_up else Context()
        picked = picked_item(fold(q), ctx) if intent.follow_up else None
        if picked is None and intent.follow_up and len(ctx.items) < 2 and ctx.clause is not None and ctx.clause.kind == "task":
            # "第三条呢 叫啥" after "…工程第一条讲啥": with no list shown, the rank is among the task's siblings
            siblings = tuple(self.plan.children(ctx.clause.parent_id, "task")) if ctx.clause.parent_id else ()
            picked = picked_item(fold(q), replace(ctx, items=siblings))
        if picked is not None and picked.kind == "project" and intent.kind in ("general", "structure"):
            return compose.tasks_answer(self.plan, picked, style)  # "第三个是讲啥的" after a list of 工程: its tasks
        if picked is not None and picked.kind == "task" and intent.kind == "general" and not self.grounding.has_topic(q):
            # "第二件主要干啥" after a list: that task itself, as "…工程下面第5条是讲啥的" is answered
            return compose.quote_answer([(picked, list(picked.sentences[1:4]) or [picked.title])], style, "general")
        if picked is not None:
            ctx = replace(ctx, clause=picked)  # "第二个具体要做啥" after a list: that item
            q = item_pointer_removed(fold(q))  # ("排第二的那项由谁领头": 排 is no topic word)
        i = last_user_turn(history) if intent.follow_up else None
        prior = str(history[i]["content"]) if i is not None else ""
        if picked is not None:
            prior = picked.title  # the sentences shown are about that item, not the list asked for before
        q, intent = self._resolve(q, intent, ctx)
        if (
            intent.follow_up and ctx.clause is None and ctx.candidates and intent.kind in ("general", "number")
            and not intent.agencies and sum(map(len, topic_runs(self.grounding.masked(q)))) <= 2
            and not detail_slot(q, self.grounding.plan_text)  # (a detail of it, 在哪几个景区试, is not stated of the related)
        ):
            # "覆盖人数目标呢" after a topic the plan does not cover: a figure of that topic, which no clause
            # gives (a clause sharing the one word 覆盖 is not about it)
            return self._refuse(q, style)
        draft = self._dispatch(q, intent, style, ctx, prior)
        if (
            draft.refused and intent.follow_up and ctx.clause is not None and not detail_slot(q, self.grounding.plan_text)
            and (said := self.grounding.asker_words(q))
        ):
            # "那跟它搭伙的单位都有谁 列全点" after a task: the words the plan never writes are how the asker
            # puts it (verbs, not things), so who leads or takes part is asked of the task just discussed
            # (only a units question: a detail's own verb, 补助多少, is what is asked)
            plain = fold(q)
            for w in said:
                plain = plain.replace(w, " ")
            kind = detect(plain, self.directory).kind
            if kind in ("lead", "members"):
                again = self._dispatch(plain, replace(intent, kind=kind), style, ctx, prior)
                draft = draft if again.refused else again
        draft.kind = draft.kind or intent.kind
        return draft

    def _with_follow_up(self, q: str, intent: Intent, history: list[Message]) -> Intent:
        if not history and intent.follow_up and intent.kind == "agency_tasks" and not intent.agencies and self.grounding.has_topic(q):
            # "数字安全保障提升行动 list the tasks under it", "Where does X appear, and who leads that task?": with
            # nothing said before, the pronoun points at the question's own topic, and the question is read
            # without it (an "it" must not make the question an agency's task list)
            bare = detect(_OWN_PRONOUN.sub(" ", q), self.directory)
            return replace(bare, follow_up=False, agencies=intent.agencies)
        if history and not intent.follow_up and intent.kind in ("lead", "members") and item_pointer_removed(fold(q)) != fold(q):
            return replace(intent, follow_up=True)  # "排第三的那条谁牵头": an item of the last answer's list
        if history and intent.kind == "agency_tasks" and not intent.agencies and _SAME_TASK.search(fold(q)) and asks.ELSE_IN_TASK.search(fold(q)):
            return replace(intent, kind="general", follow_up=True)  # "同一条任务里还有哪些工作": that task's other work
        # A question with no topic of its own ("谁负责？", "配合单位有哪些？") continues the last turn too.
        # (a unit named is no topic: "牵头的是农业农村厅吗" after a question on a task asks about that task)
        own = self.grounding.without_agencies(strip_unit_cues(q)) if intent.kind in ("lead", "members") else q
        elliptical = bool(history) and intent.kind in ("lead", "members", "number") and not self.grounding.has_topic(own)
        if bool(history) and intent.kind == "document" and not self.grounding.has_topic(strip_document_cues(q)):
            elliptical = True  # "啥时候出台" after a task: the context decides between the plan and the measure
        if bool(history) and intent.kind == "structure" and intent.structure == "parent" and not self.grounding.has_topic(q):
            elliptical = True  # "挂在哪个行动底下" after a question on a task or 工程: where that one sits
        if bool(history) and intent.kind == "general" and asks.city_named(q) and _SAME_TASK.search(fold(q)) and not (
            self.grounding.has_topic(self.grounding.without_agencies(_CITY_WORD.sub(" ", fold(q))))
        ):
            elliptical = True  # "同条任务里 给泉州派了啥": the city's part in the task just discussed
        # So does a detail asked with no topic of its own ("都建在哪些县市", "现在已经到多少了").
        slot = detail_slot(q, self.grounding.plan_text)
        if bool(history) and slot and not self.grounding.has_topic(strip_cue(q, slot)):
            elliptical = True
        # And a bare "具体要搞哪些", "what does it involve" after a question on a topic: nothing of its own,
        # or a word too short to be a topic alone ("要建哪几个中心" after 海丝卫星: the satellite centres)
        # (so is a figure asked of such a word: "覆盖人数目标呢" asks the coverage of the topic just discussed)
        if bool(history) and intent.kind in ("general", "number") and not intent.agencies and (
            not self.grounding.has_topic(q)
            # (not a word with a thing the plan never writes glued on: 算力券 leaves 算力 when masked)
            or (sum(map(len, topic_runs(self.grounding.masked(q)))) <= 2 and not self.grounding.glued_nouns(q))
        ):
            elliptical = True
        # A topic that is only a part of the last question's ("基地数量定的几个" after 省级数据标注基地): the same thing
        i = last_user_turn(history)
        if i is not None and not elliptical and not intent.agencies and intent.kind in ("lead", "members", "number", "general"):
            runs = self.grounding.cjk_runs(strip_unit_cues(q) if intent.kind in ("lead", "members") else q)
            before = fold(self._clean(history[i]["content"])[0])
            elliptical = bool(runs) and all(r in before for r in runs) and sum(map(len, runs)) < len(before) // 2
        if i is not None and not elliptical and not intent.agencies and slot:
            # "平台预计哪年哪月建成投用" after "低空飞行管理平台谁牵头": a detail of a thing the last turn (or the
            # answer to it) named, in words the plan never writes besides (投用, 交稿); "那6G什么时候建成"
            # names nothing said before and stays a question of its own
            reply = history[i + 1] if i + 1 < len(history) and history[i + 1].get("role") == "assistant" else {}
            said = fold(self._clean(history[i]["content"])[0] + " " + str(reply.get("content", "")))
            topic = strip_cue(q, slot)
            runs, absent = self.grounding.cjk_runs(topic), set(self.grounding.absent_words(topic))
            elliptical = any(r in said for r in runs) and all(r in said or r in absent for r in runs)
        return replace(intent, follow_up=True) if elliptical else intent

    def _resolve(self, q: str, intent: Intent, ctx: Context) -> tuple[str, Intent]:
        """The question and its kind as it will be answered: a document question about a measure the plan
        names is about that measure (the kind the API reports is this one, not the first guess)."""
        kind = intent.kind
        if kind == "document" and not asks.THIS_DOCUMENT.search(fold(q)) and (
            self._names_a_measure(strip_document_cues(q))
            or (intent.language == "en" and self._names_a_measure(asks.EN_DOCUMENT_WORDS.sub(" ", fold(q))))
        ):
            # "数据分类分级保护制度啥时候出台": the date of a measure the plan names, not of the plan itself;
            # "蓝皮书谁来发布": who puts the measure out, that is its task's lead
            kind = "lead" if document_fields(q) == ("issuer",) else "general"
            intent = replace(intent, kind=kind)
        if kind != "document" or not intent.follow_up or ctx.clause is None or ctx.clause.kind != "task":
            return q, intent
        folded = fold(q)
        if not asks.DOCUMENT_NOUN.search(folded) and asks.MEASURE_OUT.search(folded):
            # "啥时候出台" after "数字福建立法那条谁负责": when that measure comes out, not the cover letter's date
            # (the verb is no topic of its own: 出台 elsewhere in the plan must not pull another clause)
            return asks.MEASURE_OUT.sub("", folded), replace(intent, kind="general")
        if _THAT_DOCUMENT.search(folded):
            # "那个文件是哪年印发的" after the measure a task implements: that document's date, which the plan
            # does not give (not the cover letter's date of the plan itself)
            # (its verbs go too: 印发 is the cover letter's word and would pull the preamble)
            q = re.sub(r"印发|下发|发布|出台|颁布|公布|\b(issued|released|published)\b", " ", _THAT_DOCUMENT.sub(" ", folded))
            return q, replace(intent, kind="general")
        return q, intent

    def _dispatch(self, q: str, intent: Intent, style: Style, ctx: Context, prior: str = "") -> Draft:
        acting = intent.follow_up and not intent.agencies and ctx.agency and asks.PRONOUN_ACTS.search(fold(q))
        if acting and (listed := self._unit_list(q, intent, style, ctx)) is not None:
            # "Does it lead anything under 行动五 though?" after a unit's list: 它 is that unit, not the task
            return listed
        draft = self._dispatch_kind(q, intent, style, ctx, prior)
        # (a general quote is no answer either when a unit alone is named: "市场监管局: which task does it lead"
        # read with itself as the last turn; not "数据局在这条任务里干啥", its part in the task pointed at)
        quoted = intent.kind == "general" and intent.agencies and draft.status == ANSWERED and not asks.IN_THERE.search(fold(q))
        if (draft.refused or quoted) and (listed := self._unit_list(q, intent, style, ctx)) is not None:
            # "发改委当头的活儿列一下呗", "泉州市直接列进责任单位的是哪一条": a unit and nothing else named, so
            # its task list (the plan's own, never a guess) rather than a refusal
            return listed
        return draft

    def _unit_list(self, q: str, intent: Intent, style: Style, ctx: Context) -> Draft | None:
        """The task list of the one unit or city a question names (or points at with 它 after an answer that
        named one), when the question asks for tasks and has no topic of its own; else None."""
        folded = fold(q)
        if intent.kind not in ("general", "lead", "members", "agency_tasks") or len(intent.agencies) > 1:
            return None
        if detail_slot(q, self.grounding.plan_text) or not asks.ASKS_LIST.search(folded) or _WHO.search(folded):
            return None  # "网信办主任是谁": a person, never its task list; "公安厅那边的事谁牵头": a lead, not its list
        if asks.SOLE_UNIT.search(folded) or asks.RANKING.search(folded):
            return None  # "哪条只有发改委一家责任单位": none is an answer of its own
        place = asks.city_named(q) if not intent.agencies else ""
        pointed = not intent.agencies and not place and ctx.agency and asks.UNIT_PRONOUN.search(folded)
        if not (intent.agencies or place or pointed):
            return None
        rest = asks.LIST_WORDS.sub(" ", self.grounding.without_agencies(strip_unit_cues(q)))
        rest = rest.replace(fold(place), " ") if place else rest
        section = self._named_section(q, ctx)
        runs = topic_runs(self.grounding.masked(rest))
        if section is not None:  # "在数据要素那个行动里": the bounds of the list, no topic
            runs = [r for r in runs if r not in fold(" ".join(section.path)) and not SECTION_NUMBER.fullmatch(r)]
        if runs:
            return None
        if place:
            return compose.place_answer(self.plan, place, style) if section is None else None
        agency = intent.agencies[0] if intent.agencies else ctx.agency
        return compose.agency_answer(self.plan, agency, role_asked(q), style, within=section)

    def _dispatch_kind(self, q: str, intent: Intent, style: Style, ctx: Context, prior: str = "") -> Draft:
        if intent.kind == "general" and len(intent.agencies) == 1 and asks.ROLE_ASKED.search(fold(q)):
            intent = replace(intent, kind="lead")  # "民政厅在这条里是挑大梁还是打下手": the unit's role in a task
        if (
            intent.kind in ("lead", "members") and not intent.agencies and asks.ENUMERATE.search(fold(q))
            and _COUNTED_THING.search(fold(q)) and not _UNIT_NOUN.search(fold(q))
        ):  # "5个省级数据标注基地具体是哪几家": the members of a counted set, not the task's units
            intent = replace(intent, kind="general")
        in_name = self._city_in_a_name(q)
        if in_name:
            # "泉州卫星运营中心是在哪条任务里提的": the city begins the name of a thing the plan writes; the
            # thing is asked about, not the city's tasks
            intent = replace(intent, agencies=tuple(a for a in intent.agencies if in_name not in fold(a)))
            intent = replace(intent, kind="general") if intent.kind == "agency_tasks" and not intent.agencies else intent
        kind = intent.kind
        if kind == "document":
            fields = list(document_fields(q)) or ["issuer", "date"]
            if fields == ["number"]:
                # "这份文件的文号是什么": the cover letter carries no number, and nothing else in the plan is
                # about one (asked beside the date, the answer says it is not given)
                return self._refuse(q, style)
            return compose.document_answer(self.plan, fields, style)
        if kind == "structure" and (city := asks.city_named(q)) and not intent.follow_up and asks_for_tasks(q) and not (
            asks.SECTION_WORD.search(fold(q))  # (厦门在第四大行动里有几项: the section's count, not the city's whole list)
        ):
            return compose.place_answer(self.plan, city, style)  # "厦门有几项任务": the city's, not the plan's 31
        if (intent.follow_up and ctx.section is not None and not intent.agencies
                and _TASK_COUNT.search(fold(q)) and not self.grounding.has_topic(strip_unit_cues(q))):
            # "那它下面有几条具体任务" after a 行動 or 工程: its tasks, listed with their count
            return compose.tasks_answer(self.plan, ctx.section, style)
        if kind in ("general", "number") and not intent.agencies and (
            (not self.grounding.has_topic(SECTION_NUMBER.sub(" ", fold(q))) and (named_project(self.plan, fold(q), ctx) or named_action(self.plan, fold(q))))
            or ("工程" in fold(q) and _TASK_COUNT.search(fold(q)) and named_project(self.plan, fold(q), ctx))
        ):
            # "行动二大概讲的啥": a 行動 or 工程 pointed at by its number, and nothing else asked: its tasks
            intent = replace(intent, kind="structure", structure="tasks")
            kind = "structure"
        if kind == "structure":
            # an English question names a 行動 or 工程 through the glossary (digital security action)
            shaped = self.resources.glossary.expand(q) if intent.language == "en" else q
            return structure_answer(
                self.plan, shaped, intent, style, ctx,
                target_task=lambda: self._target_task(q, intent, ctx),
                refuse=lambda: self._refuse(q, style),
            )
        city = asks.city_named(q)
        included = _included_asked(city).search(fold(q)) if city and kind in ("general", "members") else None
        # (or asked after the units of a task listing 各设区市: "哪些单位配合 平潭综合实验区算在里面吗")
        after_units = included and ctx.clause is not None and ctx.clause.units is not None and (
            "设区市" in fold(ctx.clause.units.raw) and _UNIT_WORDS.search(fold(prior))
        )
        if included and ("设区市" in fold(q) or after_units) and (noted := self._units_note(city, style)) is not None:
            # "责任单位写的各设区市 平潭包括进去没": the units note that says so (各設區市(含平潭綜合實驗區,下同))
            return noted
        if included and not _UNIT_WORDS.search(fold(q) + " " + fold(prior)) and not asks.DOES_WHAT.search(fold(q)):
            # "全光万兆那个 漳州算在里面没", "宁德有没有份建数据中心集群": is the city among those the clause names
            # (not its role in a units list, "福州在里面算配合的吗", nor what it does there)
            # (the cue's words only: "是不是跨境电商综试区之一" keeps the thing asked between them)
            said = _INCLUDED_WORDS.sub(" ", included.group(0))
            topic_q = fold(q).replace(included.group(0), f" {said} ").replace(city, " ")
            clause = self._topic_clause(topic_q, intent, ctx, ("task",))
            # (a city the clause names only in its units note, 含平潭综合实验区, is a units question again)
            only_in_units = clause is not None and city in fold(clause.text) and not any(city in fold(x) for x in clause.sentences)
            if clause is not None and not only_in_units:
                return self._city_included(clause, city, topic_q, style)
        task = self._task_by_place(q, ctx) if kind in ("general", "lead", "members", "number") else None
        if task is not None:
            # "数字赋能社会发展工程 下面第5条是讲啥的": that task of the 工程 (or 行動) named, asked about as itself
            if kind == "lead":
                return compose.lead_answer(task, style)
            if kind == "members":
                return compose.members_answer(task, style)
            return compose.quote_answer([(task, list(task.sentences[1:4]) or [task.title])], style, "general")
        part = asks.PART_OF_DOCUMENT.search(fold(q))
        if part and kind == "general":
            # "结尾说了什么", "开头的总体要求是什么": the closing or the preamble, quoted; so is "结尾那段推进机制
            # 说了啥" when that part says its topic (the part named is the one meant, not a task about it)
            clause = next((c for c in self.plan.clauses if c.kind == ("closing" if part.group("end") else "preamble")), None)
            if clause is not None and (
                not self.grounding.has_topic(q) or self.grounding.coverage(q, clause) >= self.settings.anchor_coverage
                or re.search(r"(那|这)(一)?(段|部分)|段落", fold(q))  # "最后收尾那段 讲了些啥": that part, pointed at
            ):
                return compose.quote_answer([(clause, list(clause.sentences[-3:]))], style, "general")
        which = asks.WHICH_CLAUSES.search(fold(q))
        if which and kind in ("general", "structure", "number") and not intent.agencies:
            found = self._mentions(q.replace(which.group(0), " "))
            if found:
                return compose.mentions_answer(found[0], found[1], style)
        collective = asks.COLLECTIVE.search(fold(q)) or asks.COLLECTIVE_MAKEUP.search(fold(q))
        if collective and kind in ("general", "members", "lead"):
            # "省直有关单位具体是哪些": the task's units list names the collective and no member of it
            unit = fold(collective.group("unit") or "")
            clause = self._topic_clause(q, intent, ctx, ("task",))
            rest = re.sub(r"省直|省|各|[“”\"]", " ", fold(q).replace(collective.group(0), " "))
            named = [a for a in intent.agencies if unit in fold(a)]  # 网络市场监管联席会议: a unit the directory knows
            if clause is None and unit and (named or not self.grounding.has_topic(rest)):
                # "省直有关单位具体是指哪些": no task named; the first that lists the collective shows the wording
                clause = next((c for c in self.plan.tasks if c.units and unit in fold(c.units.raw)), None)
            if clause is not None and clause.units and unit in fold(clause.units.raw):
                return compose.not_stated(clause, compose.units_quote(clause), DESCRIBE["collective"], style)
        slot = detail_slot(q, self.grounding.plan_text)
        if not slot and not intent.agencies and asks.CITY_MENTION.search(fold(q)):
            slot = "location"  # "文件点名的重点城市都有谁": the cities the text names, not the units list
        if slot == "definition" and asks.FULL_NAME.search(fold(q)):
            slot = ""  # "十条措施的全称是啥": a name the plan may write in full, judged with the quote
        if slot in ("location", "definition", "procedure") and kind in ("lead", "members", "agency_tasks") and not asks.CITY_MENTION.search(fold(q)) and not (
            kind == "agency_tasks" and not intent.agencies and slot == "definition"  # "what does X mean, do they define it"
        ) and not (slot == "procedure" and re.search(r"找(谁|哪)", fold(q))):  # 找谁备案: where to file, not the lead
            slot = ""  # "哪个市牵头", "是什么单位": the kind's own answer holds the place or the name
        if slot == "person" and kind in ("lead", "members") and _WHICH_UNIT.search(fold(q)) and not _PERSON_ASKED.search(fold(q)):
            slot = ""  # "which agency is tasked with it? Need a name": the unit's name, which the units list gives
        if slot:
            return self._detail(q, slot, intent, style, ctx, prior)
        confirm = asks.FIGURE_CONFIRM.search(fold(q))
        if confirm and kind in ("general", "number") and not intent.agencies:
            # "算力规模目标是8000P对吧": the plan's own figure answers it, and the figure asked is no topic
            # word (8000P, written nowhere, would otherwise read as a thing the plan lacks)
            asked = (confirm.group("fig") or confirm.group("efig")).strip()
            folded = fold(q)
            d = self._quote(folded[: confirm.start()] + folded[confirm.end() :], replace(intent, kind="number"), style, ctx, prior)
            quoted = fold("".join(c.quote for c in d.citations))
            if not (d.refused or d.not_stated) and not asks.figure_values(asked) & asks.figure_values(quoted):
                typed = re.search(re.escape(asked), q, re.I)  # shown as typed (8000P, not the folded 8000p)
                d.parts.insert(0, style.t("figure_differs", figure=typed.group(0) if typed else asked))
            return d
        if kind in ("members", "agency_tasks", "general", "lead") and len(intent.agencies) <= 1 and asks.SOLE_UNIT.search(fold(q)) and (
            re.search(r"哪(一)?(条|项|个任务)|\bwhich (task|item|one)s?\b", fold(q))
        ):
            return compose.sole_answer(self.plan, intent.agencies[0] if intent.agencies else None, style)
        place = "" if in_name else asks.city_named(q)
        if (
            place and kind == "general" and intent.follow_up and ctx.clause is not None and ctx.clause.kind == "task"
            and not self.grounding.has_topic(self.grounding.without_agencies(_CITY_WORD.sub(" ", fold(q))))
        ):
            # "另外泉州那边要建什么" after a task: that task's sentences naming the city
            naming = [x for x in ctx.clause.sentences[1:] if place in fold(x)]
            if naming:
                return compose.quote_answer([(ctx.clause, naming[:2])], style, "general")
        # "厦门今年分到几个5G基站": a count of a thing the plan sets figures for, not of the city's tasks
        counts_a_thing = kind == "number" and bool(place) and self.grounding.has_topic(fold(q).replace(place, " "))
        # (a follow-up too, unless it points at the task just discussed: "换成泉州 看看它涉及哪几条" after a city's list)
        # (not when the last answer was another unit's list: "那厦门呢 在哪些任务里被点到名" after 泉州's one task)
        other_unit = bool(place) and ctx.agency is not None and place not in fold(ctx.agency)
        # ("那厦门总共在哪几条任务里被点到名" asks the city's whole list, whatever was said before)
        whole_list = bool(re.search(r"总共|一共|总计|全部|所有|全都", fold(q)))
        points_at_task = intent.follow_up and (_SAME_TASK.search(fold(q)) or (len(ctx.items) < 2 and not other_unit and not whole_list))
        if place and not points_at_task and not counts_a_thing and not asks.ROLE_WORDS.search(fold(q)) and (
            (kind == "agency_tasks" and all(place in fold(a) for a in intent.agencies))
            or (not intent.agencies and asks_for_tasks(q))
        ):
            # "厦门要搞啥", "福州都摊上哪些活": a city is named in units lists and in the text alike (within the
            # 行動 or 工程 named: "what is Fuzhou named for in the digital infrastructure action")
            section = self._named_section(q, ctx) if asks.SECTION_WORD.search(fold(q)) else None
            return compose.place_answer(self.plan, place, style, within=section)
        if (
            len(intent.agencies) == 1 and asks.MEMBERSHIP.search(fold(q))
            and self.grounding.has_topic(self.grounding.without_agencies(fold(q)))
        ):
            # "信创那块电子信息集团有没有份", "那条金融投资公司也要参与？": is the unit among that task's units
            # (found by its topic alone: "veterans affairs" in the unit's name must not pull the veterans platform)
            clause = self._target_task(self.grounding.without_agencies(fold(q)), replace(intent, kind="lead"), ctx)
            if clause is None:
                return self._refuse(q, style)  # no task is about it: no clause is quoted as if it were
            return compose.lead_answer(clause, style, intent.agencies[0])
        if not intent.agencies and asks.RANKING.search(fold(q)):
            # "哪个部门任务最多", "Which agency leads the most tasks?"
            role = "lead" if re.search(r"牵头|\blead", fold(q)) else ""
            return compose.ranking_answer(self.plan, role, style)
        if (
            kind == "agency_tasks" and not intent.agencies and intent.follow_up and ctx.clause is not None
            and self.grounding.has_topic(q) and self.grounding.coverage(q, ctx.clause) >= self.settings.anchor_coverage
        ):
            # "那它还要搞什么产业平台吗" after "数字乡村谁牵头": 它 is the task, and the question is about its text
            return self._quote(q, replace(intent, kind="general"), style, ctx, prior)
        if kind == "agency_tasks" or (
            kind == "general" and len(intent.agencies) == 1 and asks.WHICH.search(fold(q)) and self._named_section(q, ctx)
        ):  # "Which of the social development tasks is the big data group part of?": its tasks there
            return self._agency(q, replace(intent, kind="agency_tasks"), style, ctx)
        if not intent.agencies and not intent.follow_up and asks_for_tasks(q):
            # "数据部负责哪些任务": a unit-like name the directory does not know and the plan never uses is
            # an unknown unit, not a topic to search on (an answer about 数据 would be a wrong one).
            name = self._unknown_name(q)
            if name and len(name) >= 3 and fold(name) not in self.grounding.plan_text:
                return compose.unknown_agency_answer(name, self.directory.suggest(name), style)
        own = strip_unit_cues(q) if kind in ("lead", "members") else q  # "Who heads the data bureau?": no task named
        no_task = ctx.clause is None or (kind in ("lead", "members") and ctx.clause.kind != "task")
        if kind == "lead" and intent.follow_up and ctx.clause is not None and ctx.clause.kind in ("closing", "preamble"):
            # "谁来统筹" after "最后推进机制那块说了啥": the closing names who, and no task is meant
            return self._quote(q, replace(intent, kind="general"), style, ctx, prior)
        if (
            kind == "lead" and len(intent.agencies) == 1 and ctx.clause is None
            and (asks.CONFIRM.search(fold(q)) or asks.ROLE_ASKED.search(fold(q)))
            and not self.grounding.has_topic(self.grounding.without_agencies(fold(own)))
        ):
            # "民营经济发展促进中心在它那条任务里是牵头单位不", "网信办是牵头单位吗": no task named, so the
            # unit's own: the one it is listed in, or all of them with its role in each
            agency = intent.agencies[0]
            listed = [c for c in self.plan.tasks if role_of(c, agency)]
            if len(listed) == 1:
                return compose.lead_answer(listed[0], style, agency)
            return compose.agency_answer(self.plan, agency, "", style)
        # ("要点最后说靠谁来统筹协调": the part of the document named is what is asked about, judged below)
        names_part = bool(asks.PART_OF_DOCUMENT.search(fold(q))) and self.grounding.has_topic(q)
        if kind in ("lead", "members", "number") and no_task and not self.grounding.has_topic(own) and not names_part:
            # "那谁牵头？" with nothing to refer to: ask back rather than search on "谁牵头" alone.
            return compose.clarify(list(ctx.candidates), kind, style)
        if kind in ("lead", "members"):
            if not intent.follow_up and self._grounded_outside_tasks(q):
                # "文件最后说谁来发挥统筹协调作用": the closing (or the cover letter) names who, not a task
                return self._quote(q, intent, style, ctx)
            clause = self._target_task(q, intent, ctx)
            if clause is None:
                return self._refuse(q, style)
            if kind == "lead":
                # "算力是数据局牵头的吗": the named unit is confirmed or not, then the lead is named
                folded, asked = fold(q), None
                if (asks.CONFIRM.search(folded) and len(intent.agencies) <= 1) or (
                    asks.ROLE_ASKED.search(folded) and len(intent.agencies) == 1
                ):
                    asked = intent.agencies[0] if intent.agencies else self._confirmed_name(q)  # 财政厅: in no list
                return compose.lead_answer(clause, style, asked)
            if intent.follow_up and len(intent.agencies) == 1 and not asks.BESIDES.search(fold(q)):
                # "大数据集团有份吗", "交通厅呢" after who leads: that unit's part first, then the task's units
                return compose.lead_answer(clause, style, intent.agencies[0], part=bool(asks.DOES_WHAT.search(fold(q))))
            return compose.members_answer(clause, style)
        return self._quote(q, intent, style, ctx, prior)

    def _units_note(self, city: str, style: Style) -> Draft | None:
        """The units note of the first task saying 各设区市 includes the city (含平潭综合实验区), quoted; or None."""
        noted = next((c for c in self.plan.tasks if c.units and re.search(rf"设区市[(（]含{re.escape(city)}", fold(c.units.raw))), None)
        return compose.quote_answer([(noted, [compose.units_quote(noted)])], style, "quote") if noted else None

    def _city_included(self, clause: Clause, city: str, topic_q: str, style: Style) -> Draft:
        """The clause's sentences naming the city; when none does, that the plan does not say it is included,
        with the sentence naming the places it does (or the topic's)."""
        naming = [x for x in clause.sentences if city in fold(x)]
        if naming:
            return compose.quote_answer([(clause, naming[:2])], style, "quote")
        places = [x for x in clause.sentences[1:] if asks.cities_in(x)]
        # the sentence saying the thing asked (跨境电商综试区) before one that names other places
        topical = [x for x in clause.sentences[1:] if self.grounding.has_topic(topic_q) and self.grounding.text_coverage(topic_q, x) >= 0.999]
        shown = topical[:1] or places[:1] or best_sentences(self.retriever.tokenizer, self.resources.glossary.expand(topic_q), clause, want_number=False)
        return compose.not_stated(clause, "".join(shown) or clause.title, (f"是否包括{city}", f"whether {city} is included"), style)

    def _task_by_place(self, q: str, ctx: Context) -> Clause | None:
        """The Nth task under the 工程 or 行動 the question names ("…工程下面第5条"), or None."""
        nth = _NTH_TASK.search(fold(q))
        section = (named_project(self.plan, fold(q), ctx) or named_action(self.plan, fold(q))) if nth else None
        if section is None:
            return None
        tasks = [c for c in self.plan.tasks if c.id.startswith(section.id + ".")]
        n = numeral(nth.group(1) or nth.group(3)) or 0
        return tasks[n - 1] if 0 < n <= len(tasks) else None

    def _context(self, history: list[Message], depth: int = 0) -> Context:
        """Resolve 它/那/這 to the previous turn: re-answer the last user turn (with the history before
        it, up to `history_depth` turns deep) and take what its answer cited."""
        i = last_user_turn(history)
        if i is None or depth > self.settings.history_depth:
            return Context()
        prev_q, _ = self._clean(history[i]["content"])
        prev_intent = self._with_follow_up(prev_q, detect(prev_q, self.directory), history[:i])
        prev_ctx = self._context(history[:i], depth + 1) if prev_intent.follow_up else Context()
        prev_q, prev_intent = self._resolve(prev_q, prev_intent, prev_ctx)
        draft = self._dispatch(prev_q, prev_intent, Style(language=prev_intent.language), prev_ctx)
        reply = history[i + 1] if i + 1 < len(history) and history[i + 1].get("role") == "assistant" else None
        shown = shown_ids(self.plan, str(reply.get("content", ""))) if reply else []
        if shown and not draft.citations:
            # the last question, asked again, finds nothing, yet the answer the asker saw cited clauses
            # ("省通信管理局牵头（二.1 …）"): 它 and "其他配合单位" are about what was shown
            agencies = self.directory.find_in(str(reply.get("content", "")))
            return context_from(self.plan, shown, agencies[0] if agencies else None)
        # 它 is the unit the asker named last ("大数据集团有没有参加闽数治那条" then "它参与了几条"), not the
        # lead the answer showed beside it
        agency = prev_intent.agencies[0] if len(prev_intent.agencies) == 1 else draft.agency
        return context_from(
            self.plan, [c.clause_id for c in draft.citations], agency, [c.clause_id for c in draft.related],
            not_stated=draft.not_stated,
        )

    # ------------------------------------------------------------------ kinds

    def _names_a_measure(self, rest: str) -> bool:
        """Does what is left of a document question name something of the plan ("数据分类分级保护制度啥时候
        出台")? Words the plan never writes are the asker's own (a briefing note, 简报), not a measure."""
        absent = set(self.grounding.absent_words(rest))
        return any(r not in absent and r not in ("date", "dates", "day") for r in topic_runs(self.grounding.masked(rest)))

    def _mentions(self, q: str) -> tuple[str, list[tuple[Clause, str]]] | None:
        """The question's topic term and every clause sentence that says it word for word (its CJK runs)."""
        # each run as long as the question and the plan both write it (大模型, where masking left 模型)
        folded, plan = fold(q), self.grounding.plan_text
        runs = [asks.widest(r, folded, plan) for r in self.grounding.cjk_runs(q)]
        if not runs:
            return None
        found = []  # each clause once, with its first sentence saying the term
        for c in self.plan.clauses:
            if c.kind in ("task", "preamble", "closing"):
                s = next((s for s in c.sentences if all(r in fold(s) for r in runs)), None)
                if s is not None:
                    found.append((c, s))
        return ("".join(runs), found) if found else None

    def _agency(self, q: str, intent: Intent, style: Style, ctx: Context) -> Draft:
        folded = fold(q)
        if self._lacked_topic(self.grounding.without_agencies(folded)):
            # "反电诈这块公安厅有没有任务": a topic the plan never writes; the unit's list would answer
            # as if its tasks were about it
            return self._refuse(q, style)
        roles = self._roles_written(folded, intent.agencies)
        if len(intent.agencies) > 1 and (asks.BOTH.search(folded) or all(roles)):
            # "网信办和数据局都参与的任务", "数据局牵头、大数据集团配合的有哪些": the tasks they share
            return compose.shared_answer(self.plan, list(zip(intent.agencies, roles, strict=True)), style)
        m = asks.IN_TOPIC.search(folded) or asks.TOPIC_THEN_UNIT.search(folded)
        if len(intent.agencies) == 1 and m and self.grounding.has_topic(self.grounding.without_agencies(m.group("topic"))):
            # "数据局在数字乡村里干啥": its part in that task (lead, member or none), with the task's lead
            clause = self._target_task(m.group("topic") + "谁牵头", replace(intent, kind="lead", agencies=()), ctx)
            if clause is not None:
                return compose.lead_answer(clause, style, intent.agencies[0], part=True)
        section = self._named_section(q, ctx) if len(intent.agencies) == 1 else None
        if section is not None:
            # "大数据集团在社会发展工程里参与哪些": its tasks under that 工程 (or 行動) only
            return compose.agency_answer(self.plan, intent.agencies[0], intent.role, style, within=section)
        if len(intent.agencies) > 1:
            # "科技厅跟密码局各牵头啥": each agency's tasks under its own name
            return compose.combine(
                [(a, compose.agency_answer(self.plan, a, intent.role, style)) for a in intent.agencies], style
            )
        agency = intent.agencies[0] if intent.agencies else ctx.agency
        if agency is None and ctx.clause is not None:
            agency = ctx.clause.lead
        if agency is None:
            name = self._unknown_name(q)
            if name:
                return compose.unknown_agency_answer(name, self.directory.suggest(name), style)
            if intent.follow_up:
                return Draft(refused=True, parts=[style.t("no_context")])
            return self._refuse(q, style)
        return compose.agency_answer(self.plan, agency, intent.role, style)

    def _city_in_a_name(self, q: str) -> str:
        """The city the question names when it begins a longer name the plan writes (泉州卫星运营中心), else ""."""
        city = asks.city_named(q)
        folded = fold(q)
        at = folded.find(city) if city else -1
        if at < 0:
            return ""
        after = re.match(r"[\u4e00-\u9fff]{3,8}", folded[at + len(city) :])
        tail = after.group(0) if after else ""
        for n in range(len(tail), 2, -1):
            if city + tail[:n] in self.grounding.plan_text:
                # (not a unit's longer name: 福州及相关设区市 is a unit)
                unit = any(e - s0 > len(city) for s0, e, _ in self.directory.spans(city + tail[:n]))
                return "" if unit else city
        return ""

    def _lacked_topic(self, text: str) -> bool:
        """Does a unit's question name a topic the plan lacks: a thing of three characters or more (反电诈),
        or one glued to the plan's words (垃圾 in 垃圾分类智能化监管)? A lone two-character word is the
        asker's way of asking (沾边, 名字, 身份), which the unit's list answers."""
        masked = self.grounding.masked(text)
        for w in self.grounding.absent_things(text):
            i = masked.find(w)
            glued = i >= 0 and ((i > 0 and masked[i - 1].strip()) or (i + len(w) < len(masked) and masked[i + len(w)].strip()))
            if len(w) >= 3 or glued:
                return True
        return False

    def _named_section(self, q: str, ctx: Context) -> Clause | None:
        """The 工程 or 行動 a question names as the bounds of a list ("社会发展工程里", "the social development
        tasks"), units' names left out (数据局 is no section's word)."""
        shaped = self.resources.glossary.expand(q) if detect(q, self.directory).language == "en" else q
        folded = self.grounding.without_agencies(fold(shaped))
        if not asks.SECTION_WORD.search(folded):
            return None
        return named_project(self.plan, folded, ctx) or named_action(self.plan, folded)

    def _roles_written(self, folded: str, agencies: tuple[str, ...]) -> list[str]:
        """For each named unit, the role written right after its name ("数据局牵头、大数据集团配合"), or ""."""
        ends = {name: end for _, end, name in self.directory.spans(folded)}
        out = []
        for a in agencies:
            m = asks.ROLE_AFTER.search(folded[ends[a]:]) if a in ends else None
            out.append("" if m is None else "lead" if m.group("lead") else "member")
        return out

    def _confirmed_name(self, q: str) -> str | None:
        """The unit a yes/no question names after 是/由 ("…是财政厅负责吗"), when the directory does not know it."""
        after = re.search(r"(?:是不是|是|由)(.+)", q)
        m = asks.AGENCY_LIKE.match(after.group(1)) if after else None
        if m and re.match(r"(哪|什么|啥|谁)", m.group(1)):
            return None  # "…是哪个局负责牵头": a who-question, not a unit named for confirming
        return m.group(1) if m and self.directory.resolve(m.group(1)) is None else None

    def _unknown_name(self, q: str) -> str | None:
        """An agency-like name the directory does not know (省统计局, 火星局)."""
        m = asks.AGENCY_LIKE.search(q)
        if not m:
            return None
        name = re.sub(r"^(请问|請問|那么|那麼|福建)", "", m.group(1))
        if re.match(r"(具体|怎么|如何|咋|要|都|还|再|能|会|该|得|去|来|在|正|又|也|对|给|让|把|被|跟|和|与|为)", name):
            return None  # "具体办哪些活动": 办 is the verb here, not an office
        if re.search(r"哪|谁|什么|是", name):
            return None  # "…大赛是哪个部门牵头的任务": a who-question, not a unit's name
        if re.search(r"(今年|明年|要|来|去|在|得|会|能|好|着|了|先|再|都|也|还|正|将|怎么|如何|咋)办$", fold(name)):
            return None  # "峰会今年要办哪些活动": 办 is the verb to hold, not an office
        return name if self.directory.resolve(name) is None else None

    def _hits(self, q: str, kinds: tuple[str, ...] = ("task",), k: int | None = None) -> list[Hit]:
        k = k or self.settings.candidates
        hits = self.retriever.search(q, max(k, self.settings.top_k) * 2)
        return [h for h in hits if h.clause.kind in kinds][:k]

    def _target_task(self, q: str, intent: Intent, ctx: Context) -> Clause | None:
        if ctx.clause is not None and ctx.clause.kind != "task":
            ctx = replace(ctx, clause=None)  # the preamble or closing names no units
        if (
            intent.follow_up
            and ctx.clause is not None
            # "那数字人民币在乡村的试点呢": a thing the plan never writes is not the last turn's task
            and not self.grounding.unknown_nouns(strip_unit_cues(q))
            # nor one whose name the plan never writes ("那智慧法院呢 谁挑头" after 智慧应急: 法院 is nowhere)
            and not self.grounding.absent_things(strip_unit_cues(q))
            # nor one naming what only another task writes ("那CIM平台那条呢 谁挑头" after 闽数治)
            and not self._names_another_task(strip_unit_cues(q), ctx.clause)
            # nor one another task says clearly more of ("the public data resource registration system" after the
            # data trading task: 三.2 writes 登记, 三.3 does not)
            and not self._said_better_elsewhere(strip_unit_cues(q), ctx.clause)
            # judged without the who-wording: 协办 of "协办的呢" is no topic of its own; a unit asked about
            # "in this one" (农业农村厅在这条里算牵头还是配合) has no topic beside the unit
            and (
                self.grounding.coverage(strip_unit_cues(q), ctx.clause) >= self.settings.follow_up_coverage
                or not self.grounding.has_topic(self.grounding.without_agencies(strip_unit_cues(q)))
            )
        ):
            return ctx.clause
        led = self._task_named_by_lead(q)
        if led is not None:
            return led
        # Naming a lead is the riskiest answer: of the top few grounded hits, the one covering most of
        # the topic wins (全空间信息基础设施 is in 四.(一).3 word for word; 二.3 only shares 基础设施/布局).
        # A unit the question names is the one it asks about (是不是网信办的活), not a topic to retrieve by:
        # its own tasks would crowd out the one the topic names.
        # (unless the unit is all the topic there is: "纪委那边搞数字化 谁牵头" is the task of 数字纪检监察)
        units_dropped = bool(intent.agencies) and intent.kind == "lead" and self.grounding.has_topic(
            self.grounding.without_agencies(strip_unit_cues(q)))
        asked = self.grounding.without_agencies(fold(q)) if units_dropped else q
        top = self._hits(asked)[:QUOTE_CANDIDATES]
        topic = strip_unit_cues(q) if self.grounding.has_topic(strip_unit_cues(q)) else q
        grounded = [h for h in top if self.grounding.confident(topic, h, naming_units=True, hits=top)]
        if not grounded and intent.agencies:
            # "密码评估那条 大数据集团是配合的吗": the one near task listing the unit named is the one meant, when
            # it covers some of the topic and nothing the question names is missing from it
            pool = top if units_dropped else self._hits(self.grounding.without_agencies(fold(q)))[:QUOTE_CANDIDATES]
            listed = [
                h for h in pool if all(role_of(h.clause, a) for a in intent.agencies) and self.grounding.corroborated(topic, h)
            ]
            if len(listed) == 1:
                grounded = listed
        if grounded:
            # a near task saying far more of the topic than every grounded one (五.1's 一体化网络安全支撑平台 for
            # "政务网安那个一体化支撑平台", where the model liked 五.3) is the one meant, when nothing asked is missing from it
            # (its best sentence saying no less than theirs: 五.1 covers "gov cloud crypto upgrade" only across sentences)
            g = self.grounding
            cover = {h.clause.id: (g.coverage(topic, h.clause), g.sentence_coverage(topic, h.clause)) for h in [*top, *grounded]}
            best = max(cover[h.clause.id][0] for h in grounded)
            best_sentence = max(cover[h.clause.id][1] for h in grounded)
            fuller = [h for h in top if (c := cover[h.clause.id])[0] >= DOMINANT_COVERAGE and c[0] - best >= DOMINANT_MARGIN
                      and c[1] >= best_sentence and g.unblocked(topic, h)]
            if len(fuller) == 1:
                grounded = fuller
        head = asks.possessed(strip_unit_cues(q))
        runs = self.grounding.cjk_runs(head) if head else []
        if self.grounding.unwritten(runs):
            # "闽政通上面的外卖功能", "5G基站的辐射监测": the thing asked is what follows 的; when part of it is
            # words the plan never writes (外卖, 辐射), its clause must say it, not only what it belongs to
            grounded = [h for h in grounded if self.grounding.coverage(" ".join(runs), h.clause) >= POSSESSED_COVERAGE]
        if grounded and self.grounding.coverage(topic, grounded[0].clause) < 0.999 and not self.grounding.absent_words(topic):
            # one sentence of another top hit says the whole topic ("公共数据平台升级": 三.1's 优化升级省一体化
            # 公共数据平台, where the model's pick 三.2 says 公共数据…平台 apart): that one is meant
            whole = [h for h in top if self.grounding.sentence_coverage(topic, h.clause) >= 0.999]
            if len(whole) == 1:
                grounded = whole
        if grounded:
            # a tie is settled by the best single sentence: 一 says 谋划储备一批数字经济项目 in one sentence, where
            # 四.(一).1 has 储备…项目 in one and 经济 nowhere near
            # (and a clause working on the topic beats one that only builds on it: 完善提升“闽政通” over
            # 依托“闽政通”搭建…)
            g = self.grounding
            return max(
                grounded,
                key=lambda h: (g.coverage(topic, h.clause), not self._only_a_means(topic, h.clause), g.sentence_coverage(topic, h.clause)),
            ).clause
        # the last turn's task, unless this turn names a topic the plan lacks ("那反电诈那块呢 谁负责")
        unsaid = self.grounding.absent_words(topic) or self.grounding.unwritten(self.grounding.cjk_runs(strip_unit_cues(q)))
        return ctx.clause if intent.follow_up and not unsaid else None

    def _task_named_by_lead(self, q: str) -> Clause | None:
        """"农业农村厅牵头的那条传统产业数字化任务": a task named by its lead and its area is one of the tasks
        that unit leads, the one its area words cover best (and only when one does, nothing named missing)."""
        folded = fold(q)
        named = [
            name for _, end, name in self.directory.spans(folded)
            if _NAMED_AS_LEAD.match(folded, end)
        ]
        if len(named) != 1:
            return None
        tasks = [c for c in self.plan.tasks if role_of(c, named[0]) == "lead"]
        topic = self.grounding.without_agencies(strip_unit_cues(folded))
        if not tasks or not self.grounding.has_topic(topic) or self.grounding.absent_words(topic):
            return None
        cover = sorted(((self.grounding.coverage(topic, c), i) for i, c in enumerate(tasks)), reverse=True)
        best, i = cover[0]
        if best < LED_TASK_COVERAGE or (len(cover) > 1 and cover[1][0] >= best):
            return None
        if any(self.grounding.coverage(topic, c) > best for c in self.plan.tasks if c not in tasks):
            return None  # another unit's task says the area better: the asker's premise is off, judged as usual
        return tasks[i]

    def _only_a_means(self, topic: str, clause: Clause) -> bool:
        """Does the clause name the topic only as what something else is built on (依托/借助/基于 X)?"""
        text = fold(clause.text)
        runs = [r for r in self.grounding.cjk_runs(topic) if r in text]
        return bool(runs) and all(
            re.search(r"(依托|借助|基于|利用|通过)[“\"]?$", text[: m.start()]) for r in runs for m in re.finditer(re.escape(r), text)
        )

    def _grounded_outside_tasks(self, q: str) -> bool:
        """Does the preamble or the closing cover the whole topic, ranked first among all clauses?"""
        hits = self._hits(q, kinds=("task", "preamble", "closing"), k=5)[:QUOTE_CANDIDATES]
        return bool(hits) and hits[0].clause.kind != "task" and (
            self.grounding.coverage(q, hits[0].clause) >= 0.999 and self.grounding.confident(q, hits[0], hits=hits)
        )

    def _quote(self, q: str, intent: Intent, style: Style, ctx: Context, prior: str = "") -> Draft:
        if not self.grounding.has_topic(q) and ctx.clause is None:
            return self._refuse(q, style, [])  # nothing to look up: "😀", "什么？"
        if not self.grounding.has_topic(q):
            # A follow-up with no topic of its own ("目标是多少个") is about the last turn's clause: a search on
            # its grammar words alone would find any clause.
            hits = [Hit(ctx.clause, 1.0)]
        elif intent.follow_up and ctx.clause is not None and self.grounding.coverage(q, ctx.clause) >= 0.999 and not self.grounding.glued_nouns(q):
            # "and how many scenarios should each city roll out": the last turn's clause says all of it, so
            # the conversation stays on it (another clause may share the words; "那数据交易呢" after 算力
            # shares only 数据 with it and moves on)
            hits = [Hit(ctx.clause, 1.0)]
        else:
            hits = self._hits(q, kinds=("task", "preamble", "closing"), k=5)
        # The first grounded hit among the top few leads (序 may rank third yet cover the whole topic).
        judged = hits[:QUOTE_CANDIDATES]
        grounded = next((i for i, h in enumerate(judged) if self.grounding.confident(q, h, hits=judged, quoting=True)), None)
        swapped = False
        if grounded is not None and self.grounding.coverage(q, judged[grounded].clause) < 0.999:
            # The lexical top hit says every topic word (深度合成 for 换脸) where the grounded one says only
            # some (人工智能): the whole topic wins over the dense model's liking.
            # So does another grounded hit saying all of it ("可信数据空间试点": 三.3 says it, 四.(六).2 only
            # 可信数据空间).
            whole = next(
                (i for i, h in enumerate(judged)
                 if self.grounding.coverage(q, h.clause) >= 0.999
                 and (h.ranks.get("bm25") == 1 or self.grounding.confident(q, h, hits=judged, quoting=True))),
                None,
            )
            if whole is not None:
                grounded, swapped = whole, True
        if grounded is not None and not swapped and intent.kind != "number":
            # "数据分类分级这块": a clause writing the topic word for word (數據分類分級保護) beats one with the same
            # characters in another order (數據與信用分級分類), whichever the rankers liked
            # (a clause writing it in order with a word put in, 公共數據資源授權運營, still says it)
            runs = [r for r in self.grounding.cjk_runs(q) if len(r) >= 4]

            def says(c: Clause, gap: int) -> bool:  # a run in order, with up to `gap` characters put in between
                return any(re.search(f".{{0,{gap}}}".join(map(re.escape, r)), fold(c.text)) for r in runs)

            if runs and not says(judged[grounded].clause, 2):
                v = next((i for i, h in enumerate(judged) if says(h.clause, 0) and self.grounding.coverage(q, h.clause) >= 0.999), None)
                if v is not None:
                    grounded, swapped = v, True
        if grounded is not None and intent.kind == "number" and self.grounding.has_topic(q) and not swapped:
            # "标杆企业几个": the clause with a figure sentence saying the whole topic word for word (20个数字化
            # 标杆企业) beats one sharing its characters in other words (10个企业数据标杆应用场景)
            tokens = self.grounding.tokenizer.segment(self.grounding.masked(q))
            verbatim = next(
                (i for i, h in enumerate(judged)
                 if any(asks.says_whole(x, tokens) for x in self._figure_sentences(q, h.clause))),
                None,
            )
            if verbatim is not None and verbatim != grounded:
                grounded, swapped = verbatim, True
            else:
                # "企业数据的示范应用场景要搞几个": the clause whose figure sentence says clearly more of the topic
                # (10个左右企业数据标杆应用场景) beats the one the model liked (30个以上示范应用场景, no 企业数据)
                said = [max((self.grounding.text_coverage(q, x) for x in self._figure_sentences(q, h.clause)), default=0.0) for h in judged]
                best = max(range(len(judged)), key=said.__getitem__)
                # (only between two clauses with a figure of it: one without any says "not stated", 碳普惠场景)
                if best != grounded and said[grounded] > 0 and said[best] >= FIGURE_SAYS_MORE and said[best] >= said[grounded] + FIGURE_MARGIN:
                    grounded, swapped = best, True
        if grounded:
            hits = [hits[grounded], *hits[:grounded], *hits[grounded + 1 :]]
        kept = len(hits) == 1 and ctx.clause is not None and hits[0].clause is ctx.clause
        if not hits or not (swapped or kept or self.grounding.confident(q, hits[0], hits=judged, quoting=True)):
            # (a follow-up naming a thing the plan lacks, "那充电桩呢", is no question about the last clause)
            lacks = self.grounding.absent_words(q) or self.grounding.unwritten(self.grounding.cjk_runs(q))
            if intent.follow_up and ctx.clause is not None and not lacks:
                hits = [Hit(ctx.clause, 1.0)]
            elif (heading := self._heading_named(q)) is not None:
                # "数据要素市场今年要干啥": a 行動 or 工程 named by its heading; its tasks answer it
                return compose.tasks_answer(self.plan, heading, style)
            elif intent.kind == "number" and hits and self.grounding.topic_apart_from_words(q, hits[0], judged) and (
                unsaid := self._unsaid_detail(q, intent, hits[0].clause, prior)
            ) is not None:
                # "12345热线现在有多少个坐席": what is counted is a word the plan never uses, so the topic's clause
                # is shown to say the plan gives no such figure (never as an answer)
                shown = best_sentences(self.retriever.tokenizer, q, hits[0].clause, want_number=False)
                return compose.not_stated(hits[0].clause, "".join(shown), unsaid, style)
            else:
                return self._refuse(q, style, hits)
        unsaid = self._unsaid_detail(q, intent, hits[0].clause, prior)
        if unsaid is not None:
            shown = best_sentences(self.retriever.tokenizer, q, hits[0].clause, want_number=False)
            return compose.not_stated(hits[0].clause, "".join(shown), unsaid, style)
        want_number = intent.kind == "number"
        # A follow-up with no topic of its own ("What's the target number there?") picks its sentence by
        # the previous question's words too: the clause has more than one figure.
        own = self.grounding.has_topic(q)
        expanded = self.resources.glossary.expand(q if own or not prior else f"{prior} {q}")
        picked: list[tuple[Clause, list[str]]] = []
        for h in hits[:QUOTE_CANDIDATES]:
            if picked and not self.grounding.confident(q, h, hits=judged, quoting=True):
                break
            sentences = best_sentences(self.retriever.tokenizer, expanded, h.clause, want_number)
            if not own and prior:
                # "这条点了哪几个重点领域": words too common to be a topic (重点, 领域) still pick their sentence
                sentences = self._literal_sentences(q, h.clause) or sentences
                if asks.ELSE_IN_TASK.search(fold(q)) and h is hits[0]:
                    # "这条里面还有啥别的工作": the task's sentences beside the one the last turn was about
                    said = set(best_sentences(self.retriever.tokenizer, prior, h.clause, False))
                    sentences = [x for x in h.clause.sentences[1:] if x not in said] or sentences
            if asks.ALL_FIGURES.search(fold(q)):
                sentences = [x for x in h.clause.sentences if asks.has_figure(x)] or sentences
            elif not picked and asks.CONTENTS.search(fold(q)) and self._title_holds_topic(q if own or not prior else prior, h.clause):
                # "数字一栋楼具体包括哪些内容" and the task's heading is about it: the whole task is its contents
                sentences = list(h.clause.sentences[1:]) or sentences
            if want_number and own:
                # only the sentences whose figure is the topic's (not 20个 of the sentence before 100个养老院)
                figures = self._figure_sentences(q, h.clause)
                sentences = [x for x in sentences if x in figures] or figures or sentences  # 第二批 has no digit
            if sentences:
                picked.append((h.clause, sentences))
            if len(picked) == (1 if want_number else 2):
                break
        if not picked:
            return self._refuse(q, style, hits)
        return compose.quote_answer(picked, style, "quote" if want_number else "general")

    def _literal_sentences(self, q: str, clause: Clause) -> list[str]:
        """The clause's sentences holding two adjacent words of the question as written (3+ characters)."""
        toks = [t for t in self.retriever.tokenizer.segment(fold(q)) if re.fullmatch(r"[\u4e00-\u9fff]+", t)]
        pairs = [a + b for a, b in zip(toks, toks[1:], strict=False) if len(a + b) >= 3 and len(a) >= 2 and len(b) >= 2]
        return [x for x in clause.sentences[1:] if any(p in fold(x) for p in pairs)]

    def _title_holds_topic(self, q: str, clause: Clause) -> bool:
        """Is the question's whole topic in the task's heading (数字一栋楼 in 加快构建"数字一栋楼"管理服务体系)?"""
        return clause.kind == "task" and self.grounding.text_coverage(q, clause.title) >= 0.999

    def _topic_clause(self, topic_q: str, intent: Intent, ctx: Context, kinds: tuple[str, ...]) -> Clause | None:
        """The clause a question's topic is about: the conversation's when it has no topic of its own
        (or the same one), else the best hit when grounded."""
        if intent.follow_up and ctx.clause is not None:
            if not self.grounding.has_topic(topic_q) or (
                self.grounding.coverage(topic_q, ctx.clause) >= self.settings.follow_up_coverage
                # (not a thing the plan never writes: 算力券 after 算力 shares 算力 only)
                and not self.grounding.glued_nouns(topic_q)
            ):
                return ctx.clause
        if not self.grounding.has_topic(topic_q):
            return None
        hits = self._hits(topic_q, kinds=kinds, k=5)
        judged = hits[:QUOTE_CANDIDATES]
        if not hits:
            return None
        # the first grounded hit of the top few (the dense model may put a loosely related clause first)
        grounded = next((h for h in judged if self.grounding.confident(topic_q, h, hits=judged)), None)
        if grounded is not None:
            return grounded.clause
        return hits[0].clause if self._anchored(topic_q, hits[0]) else None

    def _named_only_in(self, topic_q: str, kinds: tuple[str, ...]) -> Clause | None:
        """The one clause that writes a stretch of the question's (four Chinese characters or more, the longest
        tried first) that no other clause writes, unit names aside (综合性立法 → 四.(六).1; 数据中心 is in several).
        (Not the cover letter's: its 数字福建工作 and 各成员单位 name the document, no topic.)"""
        folded = self.grounding.without_agencies(fold(topic_q))
        clauses = [c for c in self.plan.clauses if c.kind in kinds]
        texts = [fold(c.title + c.text.split("责任单位")[0].split("責任單位")[0]) for c in clauses]
        for run in sorted(re.findall(r"[\u4e00-\u9fff]{4,}", folded), key=len, reverse=True):
            for n in range(len(run), 3, -1):
                for i in range(len(run) - n + 1):
                    piece = run[i : i + n]
                    holding = [c for c, t in zip(clauses, texts, strict=True) if piece in t]
                    if len(holding) == 1:
                        return holding[0]
        return None

    def _said_better_elsewhere(self, topic_q: str, clause: Clause) -> bool:
        """Does a grounded top task cover clearly more of the topic than `clause` (which covers not all of it)?"""
        g = self.grounding
        topic_q = g.without_agencies(fold(topic_q))  # (农业农村厅之外 还拉了哪些: the unit's 农村 is no topic)
        if not g.has_topic(topic_q) or (own := g.coverage(topic_q, clause)) >= 0.999:
            return False
        top = self._hits(topic_q)[:QUOTE_CANDIDATES]
        return any(
            h.clause is not clause and g.coverage(topic_q, h.clause) >= max(own + DOMINANT_MARGIN, DOMINANT_COVERAGE)
            and g.confident(topic_q, h, naming_units=True, hits=top)
            for h in top
        )

    def _names_another_task(self, topic_q: str, clause: Clause) -> bool:
        """Does the question name a code (CIM) or a stretch of four characters or more that one task other
        than `clause` writes, and `clause` does not?"""
        text = fold(clause.text)
        tasks = [fold(c.text) for c in self.plan.tasks]
        for code in re.findall(r"(?<![a-z0-9])[a-z]{2,6}(?![a-z0-9])", fold(topic_q)):
            pattern = re.compile(rf"(?<![a-z]){code}(?![a-z])")
            if not pattern.search(text) and sum(bool(pattern.search(t)) for t in tasks) == 1:
                return True
        named = self._named_only_in(topic_q, ("task",))
        return named is not None and named is not clause

    def _anchored(self, topic_q: str, hit: Hit) -> bool:
        """A detail asked about a programme the plan names ("闽政通项目负责人叫什么", "十五五规划啥时候编完"):
        the name matched (quoted in the plan, or most of a task's title), a ranker put the clause first
        and it covers a good part of the topic. Enough to say what the plan does not state about it, which
        names no unit and quotes nothing as the answer; a stated detail still needs its own segment."""
        ranks = hit.ranks
        return (
            "match" in ranks
            and min(ranks.get("bm25", 99), ranks.get("dense", 99)) == 1
            and not self.grounding.absent_codes(topic_q)
            and self.grounding.coverage(topic_q, hit.clause) >= self.settings.anchor_coverage
        )

    def _detail(self, q: str, slot: str, intent: Intent, style: Style, ctx: Context, prior: str = "") -> Draft:
        """A date, sum, person, past result, place or definition: quote it when the topic's clause
        states it, else say it is not stated (topic covered) or refuse (topic not covered)."""
        topic_q = strip_cue(q, slot)
        if slot == "person" and len(intent.agencies) == 1 and not self.grounding.has_topic(self.grounding.without_agencies(topic_q)):
            # "省数据管理局局长是谁": a unit the plan names, and people it never names
            return compose.agency_detail_not_stated(self.plan, intent.agencies[0], describe(slot, q), style)
        kinds = ("task", "preamble", "closing")
        clause = self._topic_clause(topic_q, intent, ctx, kinds)
        apart = False  # the clause is the topic's but for words the plan never uses: shown, never quoted
        if clause is None and self.grounding.has_topic(topic_q):
            # "智慧养老院 配几个护工": searched again only on the way to a refusal (the query vector is cached)
            hits = self._hits(topic_q, kinds=kinds, k=5)
            if hits and self.grounding.topic_apart_from_words(topic_q, hits[0], hits[:QUOTE_CANDIDATES]):
                clause, apart = hits[0].clause, True
        if clause is None and (named := self._named_only_in(topic_q, ("task", "closing"))) is not None:
            # "刺桐实验室 具体地址…依托哪个高校", "安全大脑平台去年拦截了多少次攻击": a name the plan writes in one
            # clause alone is that clause's topic; the words around it (高校, 拦截) are the detail asked
            clause, apart = named, True
        if clause is None:
            return self._refuse(q, style)
        # With no topic of its own (a follow-up: "都建在哪些县市") no sentence can be checked to be about
        # what was asked, so none is quoted as stating it.
        own_topic = self.grounding.has_topic(topic_q)
        if slot == "location" and asks.CITY_MENTION.search(fold(q)) and not apart:
            # "which city is named in it": the clause's own sentences that name one, whatever they are about
            naming = [s for s in clause.sentences[1:] if asks.cities_in(s)]  # not the units note's
            places = asks.cities_in(" ".join(naming), original=True)
            if naming or (clause.units and any(compose.place_name(u) for u in clause.units.names)):
                return compose.cities_answer(clause, places, naming[:2], style)
        stated = [s for s in clause.sentences if own_topic and not apart and self._states_in_segment(slot, s, q, topic_q)]
        if stated:
            return compose.quote_answer([(clause, stated[:2])], style, "quote")
        # the sentence shown is the one about the topic: the last turn's when this one names none
        about = topic_q if own_topic or not prior else f"{prior} {topic_q}"
        shown = best_sentences(self.retriever.tokenizer, self.resources.glossary.expand(about), clause, want_number=False)
        return compose.not_stated(clause, "".join(shown) or clause.title, describe(slot, q), style)

    def _unsaid_detail(self, q: str, intent: Intent, clause: Clause, prior: str = "") -> tuple[str, str] | None:
        """What the question asks that the clause about its topic does not say (zh, en), or None."""
        if intent.kind == "number":
            about = strip_unit_cues(prior) if prior and not self.grounding.has_topic(q) and not _OTHER_FIGURES.search(fold(q)) else ""
            if about and self.grounding.has_topic(about) and self.grounding.coverage(about, clause) >= 0.999:
                # "要建多少个" after "智慧景区谁牵头": the figure of the thing the last turn named, which the clause
                # writes; a figure of another thing in it (5个沉浸式场景) is no answer
                q = f"{about} {q}"
            if self._unsaid_quantity(q, clause):
                # "数字经济核心产业增加值目标是多少": the quantity asked for (增加值) is a word the clause never says
                return DESCRIBE["figure"]
            return None if self._states_figure(q, clause) else DESCRIBE["figure"]
        if intent.kind != "general":
            return None
        folded = fold(q)
        if asks.FULL_NAME.search(folded):
            # "平台经济那个十条措施 全名叫啥": a quoted name holding the topic and more (《促进平台经济高质量发展十条措施》)
            # answers; a name the plan writes only as the asker did (“警跃计划”) has no full name given
            rest = asks.FULL_NAME.sub(" ", folded)
            asked = sum(map(len, topic_runs(self.grounding.masked(rest))))
            names = re.findall(r"[《“\"]([^》”\"]{2,40})[》”\"]", fold(clause.text))
            if not any(self.grounding.text_coverage(rest, n) >= 0.999 and len(n) > asked for n in names):
                return DESCRIBE["full_name"]
            return None
        choice = asks.CHOICE.search(folded)
        options = [re.split(r"是|在|为|要|按", o)[-1] for o in choice.groups()] if choice else []  # 交易平台是升级 -> 升级
        # (a guess between units, 数据局还是工信厅, is a units question; 厦门港还是福州港 names places' ports)
        unit_guess = any(e - s0 >= len(o) for o in options for s0, e, _ in self.directory.spans(o))
        if choice and not unit_guess and not _BOUND_ASKED.search(folded) and not asks.ROLE_ASKED.search(folded):
            # "景区免证入园 说的是老人还是军人": neither guess is written in the clause (特定人群 is all it says)
            text = fold(clause.text)
            # (judged on the sentences about the topic: 厦门 elsewhere in the task is no answer to 厦门港还是福州港)
            topic = folded[: choice.start()] + folded[choice.end() :]
            text = fold("".join(best_sentences(self.retriever.tokenizer, topic, clause, want_number=False))) or text
            if all(len(o) >= 2 and o[:2] not in text for o in options):  # (征集来的: the plan's 征集)
                return DESCRIBE["choice"]
        kind_of = _KIND_ASKED.search(folded)
        noun = kind_of.group("n") if kind_of else ""
        # (no two characters of it written: 新体系 is the clause's 新型监管体系)
        if noun and noun not in _ANY_THING and not any(noun[i : i + 2] in fold(clause.text) for i in range(len(noun) - 1)):
            # "免证入园到底针对哪类游客": the clause never names the thing whose kind is asked (it says 特定人群);
            # a quote would pass its wording off as the answer
            return f"“{noun}”的具体类别", f"which kind of {noun} is meant"
        missing = self._unsaid(q, clause)
        head_runs = self.grounding.cjk_runs(asks.possessed(q))
        if not missing and self.grounding.unwritten(head_runs):
            # "数据中心的噪音问题有提吗": the thing after 的 holds words the plan never writes; the clause about
            # what it belongs to does not say it
            # (a word for "things of this kind", 跟两岸有关的数据项目, is how the asker names what the clause lists)
            missing = [w for w in uncovered(head_runs, fold(" ".join(clause.path) + clause.text)) if w not in _ANY_THING]
        if missing:
            # about the topic, but never what else was asked (占地, 功能模块): a quote would answer what it does not
            words = "、".join(f"“{w}”" for w in missing)
            return f"{words}方面的内容", f"anything on {words}"
        if asks.WHAT_IS.search(folded) and self.grounding.has_topic(q) and not self._title_holds_topic(q, clause):
            # judged on every segment of the clause naming it: one bare mention in quotes is all the plan says
            naming, named = self._naming_segments(q, clause.text)
            if named and len(naming) == 1 and self._only_names(q, naming[0]):
                return DESCRIBE["definition"]  # "警跃计划是啥" and the plan only says 实施智慧公安“警跃计划”
        if asks.ENUMERATE.search(folded) and not asks.enumerates(
            # (judged on the sentences about the topic: a colon elsewhere in the task lists something else)
            "".join(best_sentences(self.retriever.tokenizer, q, clause, want_number=False)) or clause.text
        ):
            return DESCRIBE["contents"]  # "三大一体化平台具体是哪三个" and the plan never lists them
        if asks.CONTENTS.search(folded):
            # a follow-up with no topic of its own ("那这个计划里具体都搞些啥内容") is about the last turn's
            basis = q if self.grounding.has_topic(q) or not prior else f"{prior} {q}"
            shown = "".join(best_sentences(self.retriever.tokenizer, basis, clause, want_number=False))
            # the part of a sentence that names the topic may be a bare mention inside a long sentence
            # ("扎实推进数字中国建设综合试点"): judged on its own, with the last turn's topic when this one
            # only repeats part of it ("具体试点内容有哪些")
            about = f"{prior} {q}" if prior and all(r in fold(prior) for r in topic_runs(self.grounding.masked(q))) else q
            # (a segment-by-segment mention counts for one mention or a programme named in quotes, 实施“警跃计划”;
            # 建立方案密评制度,完善密评工作机制 are two things done about 密评, however short)
            naming, named = self._naming_segments(about, shown)
            if self._only_names(q, shown) or ((named or len(naming) == 1) and naming and all(self._only_names(about, g) for g in naming)):
                # "警躍計劃具体包括哪些内容" and the plan only says 實施“警躍計劃”: a mention is no description.
                return DESCRIBE["contents"]
            if self._lists_none(q, shown):
                # "一张图标准体系具体包括哪些标准": the plan names the 标准体系 and lists no 标准 of it
                return DESCRIBE["contents"]
        elif asks.WHICH_ITEMS.search(folded):
            shown = "".join(best_sentences(self.retriever.tokenizer, q, clause, want_number=False))
            if self._lists_none(q, shown):
                return DESCRIBE["contents"]  # "大模型应用是哪些大模型": the plan counts them (10个以上), names none
        return None

    def _naming_segments(self, about: str, text: str) -> tuple[list[str], bool]:
        """The segments of `text` (between commas and stops) that name the topic, and whether one of them
        names it as a programme in quotes (实施智慧公安“警跃计划”)."""
        need = self.settings.sentence_coverage
        naming = [g for g in re.split(r"[,，;；。]", fold(text)) if g.strip() and self.grounding.text_coverage(about, g) >= need]
        named = any(self.grounding.text_coverage(about, n) >= need for g in naming for n in _QUOTED_NAME.findall(g))
        return naming, named

    def _lists_none(self, q: str, shown: str) -> bool:
        """Does the question ask for the members of a kind (哪些标准) that the shown text does not list?"""
        folded = fold(q)
        m = asks.LISTED_AFTER.search(folded) or asks.LISTED_BEFORE.search(folded)
        if not m or asks.NOT_LISTS.search(m.group(1)):
            return False
        if re.search(rf"、[^,，。；;]{{0,24}}{re.escape(m.group(1))}", fold(shown)):
            return False  # 面向工业制造、医疗健康、政务服务等重点领域: listed
        if re.match(r"座?(城|地市|设区市|市|地方)", m.group(1)) and asks.cities_in(shown):
            return False  # "是哪几座城": the cities named are the list
        return m.group(1) not in self._beyond_topic(q, shown)

    def _heading_named(self, q: str) -> Clause | None:
        """The one 行動 or 工程 whose heading holds the question's whole topic (4+ characters)."""
        runs = [r for r in topic_runs(self.grounding.masked(q)) if re.fullmatch(r"[\u4e00-\u9fff]+", r)]
        if not runs or sum(map(len, runs)) < 4:
            return None
        found = [
            c for c in (*self.plan.actions, *self.plan.projects)
            if c.kind in ("action", "project") and all(r in fold(c.path[-1]) for r in runs)
        ]
        return found[0] if len(found) == 1 else None

    def _lists_members_of(self, topic_q: str, sentence: str) -> bool:
        """Does the sentence name the term's members right before it (政府、社会、市场三大主体)?"""
        text = fold(sentence)
        # only a counted term is spelt out by its list (三大主体); 企业、行业、城市可信数据空间 are kinds of it
        count = r"[一二三四五六七八九十两\d]+(大|个|类|项|种|方)"
        return any(
            re.search(rf"[\u4e00-\u9fff]{{1,8}}(、[\u4e00-\u9fff]{{1,8}})+(等)?{'' if re.match(count, run) else count}{re.escape(run)}", text)
            for run in topic_runs(self.grounding.masked(topic_q)) if len(run) >= 2
        )

    def _unsaid_quantity(self, q: str, clause: Clause) -> bool:
        """Is the noun a number question asks the figure of ("增加值目标是多少", "多少家企业") a word the clause
        (with its headings) never says?"""
        if not self.grounding.has_topic(q):
            return False
        if _BOUND_SAID.search(fold(clause.text)):
            q = _BOUND_ASKED.sub(" ", fold(q))  # "下限是几个" of 不少于5個: the plan's way of saying the bound
        folded = fold(q)
        words = uncovered(topic_runs(self.grounding.masked(q)), fold(" ".join(clause.path) + clause.text))
        # only the noun whose target or value is asked: the word before 多少 is most often a verb (新增几个, 压到多少)
        return any(
            re.search(rf"{re.escape(w)}(的)?((目标|指标|规模|数量|总量)(是|为|要|能|有|达到|达)?|是|为)(多少|几)", folded)
            for w in words
        )

    def _states_in_segment(self, slot: str, sentence: str, q: str, topic_q: str) -> bool:
        """Does one segment of the sentence (between commas) both say the detail and cover the topic?
        泉州 in "加快建设泉州卫星运营中心" does not place the satellite data platform of the next segment."""
        need = self.settings.sentence_coverage
        if slot == "definition" and self._lists_members_of(topic_q, sentence):
            return True  # "聚焦服务政府、社会、市场三大主体": the list before the term says what it is
        # a place is an item's own (泉州卫星运营中心、三明海丝卫星数据运营中心: 三明 is not the first centre's)
        segments = [g for g in re.split(r"[,，;；、]" if slot == "location" else r"[,，;；]", sentence) if g.strip()]
        # the question as the plan would write it: "Quanzhou" already names 泉州, which a segment then does not add
        asked = self.resources.glossary.expand(q)
        named = asks.city_named(asked) if slot == "location" else ""
        # "泉州卫星运营中心建在哪" asks where in 泉州: an item without 泉州 (三明海丝卫星数据运营中心) is another thing's
        return any(
            states(slot, g, asked) and self.grounding.text_coverage(topic_q, g) >= need and fold(named) in fold(g)
            for g in segments
        )

    def _only_names(self, q: str, text: str) -> bool:
        """Does `text` say little beyond the question's topic words (a bare mention of a programme)?"""
        return len(re.findall(r"[\u4e00-\u9fff]", self._beyond_topic(q, text))) <= asks.MENTION_CHARS

    def _beyond_topic(self, q: str, text: str) -> str:
        """`text` (folded) without the stretches of the question's topic words it contains."""
        rest = fold(text)
        for run in sorted(topic_runs(self.grounding.masked(q)), key=len, reverse=True):
            for i in range(len(run) - 1):
                for j in range(len(run), i + 1, -1):
                    if run[i:j] in rest:
                        rest = rest.replace(run[i:j], "")
                        break
        return rest

    def _unsaid(self, q: str, clause: Clause) -> list[str]:
        """Topic words of the question that neither the clause nor its headings say."""
        if not self.grounding.has_topic(q):
            return []
        folded = fold(q)
        words = uncovered(topic_runs(self.grounding.masked(q)), fold(" ".join(clause.path) + clause.text))
        # Only a word asked about counts (占地多大, 有哪些功能模块): an unsaid word elsewhere is usually the
        # asker's paraphrase of what the clause does say (放手机上用, 渔民).
        found = [(w, asks.asked_about(w, folded)) for w in words]
        asked = [a for _, a in found if a]
        # A loose paraphrase leaves other words unsaid too (周末…看书…新花样): then the clause is the asker's
        # topic in other words, and the wh-word's object is as loose as the rest. (A verb of the asker's,
        # 覆盖 in "平台覆盖哪几条流域", says how it is asked, not what.)
        if not asked or not all(self.grounding.is_verb(w) for w, a in found if not a):
            return []
        things = [w for w in asked if not self.grounding.is_verb(w)]
        if not things and all(self._object_written(w, folded, clause) for w in asked):
            # "主题库要覆盖哪些领域": the verb is the asker's; what is asked is its object (领域), which the
            # clause lists ("医疗、应急…等领域")
            return []
        return things or asked  # the thing asked, not the verb

    @staticmethod
    def _object_written(verb: str, folded: str, clause: Clause) -> bool:
        """Is the wh-word's object after the asker's verb ("覆盖哪些领域" → 领域) a word the clause writes, or
        a placeholder for whatever it lists (东西, 内容)?"""
        m = re.search(rf"{re.escape(verb)}(的)?(是|有|为)?(哪些|哪几|什么|啥)(个|种|项|类|些|条)?(?P<obj>[\u4e00-\u9fff]{{2}})", folded)
        return bool(m) and (m.group("obj") in fold(clause.text) or m.group("obj") in ("东西", "内容", "方面", "事情"))

    def _states_figure(self, q: str, clause: Clause) -> bool:
        """A number question is answered only by a sentence with a figure that is about its topic."""
        # Checked per clause segment (between commas): in "培育一批服务商,打造场景50个以上" the 50 is the
        # scenarios' figure, not the service providers'.
        # A figure segment that names part of the topic may take the segment before it along (完善提升"閩政通",
        # 力爭實現日均活躍數100萬目標): the figure is still its own segment's, and a segment naming none of the
        # topic (打造場景50個 for 服務商) never borrows.
        return bool(self._figure_sentences(q, clause))

    def _figure_sentences(self, q: str, clause: Clause) -> list[str]:
        """The clause's sentences with a figure segment about the question's topic (see _states_figure)."""
        need = self.settings.sentence_coverage
        ordinal = re.search(r"第几(批|届|次|期|轮)", fold(q))
        if ordinal:  # "数字乡村试点今年指导第几批": the sentence that says which one (第二批) about the topic
            which = re.compile(rf"第[一二三四五六七八九十\d]+{ordinal.group(1)}")
            return [x for x in clause.sentences if which.search(fold(x)) and self.grounding.text_coverage(q, x) >= need]
        # A model name asked (5G-A) must be the figure's own: 5G基站1萬個 is no count of 5G-A stations.
        codes = [re.compile(rf"(?<![0-9a-z]){re.escape(c)}(?![0-9a-z]|-[0-9a-z])") for c in asks.GENERATION.findall(fold(q))]
        count = asks.count_figure(fold(q))
        # (the thing counted as the plan names it: 样板站 is its 标杆服务站)
        head = asks.counted_head(self.resources.glossary.substitute(fold(q)))
        q = self._past_title(q, clause)
        city = asks.city_named(q)
        # digits the question itself names (12345热线, 1131体系) are a name, never the figure asked for
        named_digits = re.compile("|".join(re.escape(d) for d in re.findall(r"\d{3,}", fold(q))) or r"(?!x)x")
        unit = _ASKED_UNIT.search(fold(q))
        found = []
        for sentence in clause.sentences:
            if city and city not in fold(sentence):
                continue  # "厦门今年分到多少个5G基站": a province's figure is not one city's share
            body = asks.NUMBERING.sub("", sentence)  # "4.統籌推進…" : the 4 is no figure
            segments = re.split(r"[,，;；]", body)
            for i, seg in enumerate(segments):
                if not re.search(r"\d", named_digits.sub("", asks.GENERATION.sub("", fold(seg)))):  # the 5 of 5G-A is no figure
                    continue
                if not all(c.search(fold(segments[i - 1] + seg if i else seg)) for c in codes):
                    continue
                if unit and not re.search(rf"\d\s*(万|千)?{_SAME_UNIT.get(unit.group(2), unit.group(2))}", fold(seg)):
                    continue  # "要铺多少公里" is not answered by 1万个5G基站: the figure must be in the unit asked
                if count is not None and not asks.counts(count, head, fold(seg), fold(q)):
                    continue  # "多少家企业" is not answered by 10个场景, "how many data centres" not by 1ms
                if city and "全省" in fold(seg) and city not in fold(seg):
                    continue  # "平潭智算中心算力多少": 全省算力规模6000P is the province's figure, not the city's
                if self._figure_part_covers(q, seg, need) or (
                    i and self._adds_topic(q, segments[i - 1], seg)
                    and self.grounding.text_coverage(q, segments[i - 1] + seg) >= need
                ):
                    found.append(sentence)
                    break
        return found

    def _past_title(self, q: str, clause: Clause) -> str:
        """The question without the words that name the task by its title ("公共数据开发利用 每个市落地几个
        场景": the figure's segment must say 场景, not the title); q itself when nothing else is left."""
        title = fold(clause.title)
        rest = fold(q)
        pointer = _SAME_TASK.search(rest)
        if pointer and self.grounding.has_topic(rest[pointer.end() :]):
            # "面向工业医疗政务的数据集那条 标注基地要搞几个": the words before 那条 find the task; the figure's
            # segment must say what comes after (标注基地)
            return rest[pointer.end() :]
        for run in topic_runs(self.grounding.masked(q)):
            if len(run) >= 4 and run in title:
                rest = rest.replace(run, " ")
        return rest if rest != fold(q) and self.grounding.has_topic(rest) else q

    def _figure_part_covers(self, q: str, seg: str, need: float) -> bool:
        """Does a part of the segment holding a figure cover the topic? Parts are the items of a list
        (、/和/及): in "建设10个数字农业创新应用基地和一批农业物联网应用基地" the 10 is the first item's, and a
        topic word found only in a sibling item without a figure (物联网) is not the figure's."""
        parts = [p for p in re.split(r"、|和|及", seg) if p.strip()]
        plain = [fold(p) for p in parts if not re.search(r"\d", p)]
        for part in (p for p in parts if re.search(r"\d", p)):
            missing = uncovered(topic_runs(self.grounding.masked(q)), fold(part))
            if any(m in o for m in missing for o in plain):
                continue
            if self.grounding.text_coverage(q, part) >= need or self.grounding.text_coverage(q, seg) >= need:
                return True
        return False

    def _adds_topic(self, q: str, before: str, seg: str) -> bool:
        """Does the figure segment `seg` hold two or more topic characters, even apart (日活 ~ 日均活躍),
        that the segment `before` it does not cover (not 中心 of 中心城市間 after 數據中心直連網絡)?"""
        seg, before = fold(seg), fold(before)
        for run in topic_runs(self.grounding.masked(q)):
            left = [ch for i, ch in enumerate(run) if not asks.in_stretch(run, i, before)]
            if sum(ch in seg for ch in left) >= 2:
                return True
        return False

    def _refuse(self, q: str, style: Style, hits: list[Hit] | None = None) -> Draft:
        hits = hits if hits is not None else self._hits(q, k=RELATED_SHOWN)
        return compose.refusal([h.clause for h in hits[:RELATED_SHOWN]], style)

    # ------------------------------------------------------------------ for the multi-plan desk

    def topic_clause(self, q: str) -> Clause | None:
        """The task a question is about in this plan, when grounded (None otherwise): the clause a
        comparison across plans puts side by side."""
        q, _ = self._clean(q)
        intent = detect(q, self.directory) if q else Intent(kind="general")
        if not q or not self.grounding.has_topic(q):
            return None
        return self._target_task(q, replace(intent, follow_up=False), Context())
