"""Answerability: is a clause really about the question? (The refusal decision lives here.)

The question's *topic* is what is left after masking agency names, generic plan words, question
grammar and glossary-replaced English words; a clause grounds an answer when it covers enough of
that topic (`assistant.coverage`), or some of it when BM25 and dense retrieval both rank it first.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from assistant import asks
from assistant.answerable import AnswerableModel, features
from assistant.coverage import char_coverage, topic_runs
from assistant.english import is_narration
from assistant.typos import word_starts
from corpus.agencies import AgencyDirectory
from corpus.glossary import EN_STOPWORDS, Glossary
from corpus.script import fold
from corpus.types import Clause
from index.lexical import QUERY_STOPWORDS, PlanTokenizer
from index.types import Hit

# Words that occur all over the plan or in any question about it: they say nothing about topic.
GENERIC = frozenset(
    "数字 福建 福建省 我省 数字福建 建设 推进 推动 工作 要点 工作要点 2025 2025年 今年 目标 任务 计划 安排 部署 方面 有关 相关 "
    "全省 省级 加快 提升 开展 实施 发展 完善 深化 什么 哪些 多少 情况 内容 提出 要求 措施 举措 行动 工程 主要 "
    "怎么 怎样 如何 有什么 变化 方式 数量 指标 规定 打算 做法 哪方面 领域 负责 牵头 配合 参与 单位 部门 责任 "
    "相关 其他 全部 所有 共同 分别 各是 多少个 几个 计划 新建 建成 达到 规模 一下 介绍 具体 属于 隶属 归属 哪个 "
    "包括 包含 哪一个 下设 涉及 完成 归在 下面 一个 哪一 数字化 "
    # question grammar, not topic: 有没有/是不是/除了/一起/至少/由谁来…
    "有没有 是不是 会不会 能不能 除了 以外 之外 一起 一些 这份 这项 那项 时候 几届 几项 至少 由谁来 谁来 "
    "不用 到处 还有 其中 分别是 统一 "
    # the asker wanting to know (我们单位想知道…, 打听一下): how it is asked
    "知道 想知道 打听 请教 点到 里点 "
    # whether a figure is set (有量化吗, 比如PUE数值): the kind of thing asked
    "量化 定量 数值 单位名单 责任单位名单 "
    # everyday question wording that is never a topic: 那条/这块/一共/提到/点名/口子…
    "那条 这条 那块 这块 那个 这个 一共 总共 提到 提及 提过 点名 出现 口子 别的 这种 东西 帮忙 手段 意思 "
    "最后 文件 单独 列进 不能 能否 开始 时候 名单 说说 说一下 讲讲 一下子 这方面 那方面 有啥 搞啥 干啥 "
    "是否 有关部门 哪家 哪几家 几家 要求 打算 进展 结尾 结语 开头 文末 总体 前言 关系 啥关系 "
    # who/which/list wording and cue-word typos a user types (归口哪个厅, 谁负则, 全部列一下, 有份的是哪条)
    "归口 负则 负贵 全部列 列一下 列出 列出来 罗列 列举 有份 有份的 哪条 哪项 活儿 这个活儿 事儿 摊上 参加 "
    # the unit a figure is asked in is not its topic (几毫秒: the plan writes 1ms)
    "毫秒 秒钟 公里 千米 平方米 平方公里 人管 有人管 没人管 县市 哪些县市 "
    # and what a count is of (日活的人数, 基地的个数): the figure asked, not a thing of its own
    "人数 个数 数目 总数 次数 人次 户数 家数 扶持 要树 树立 树几个 盘子 总盘子 大盘子 "
    # the asker's remark on the wording (责任单位写得有点怪)
    "写得 有点怪 有点奇怪 奇怪 "
    # the asker's own circumstances around the topic (同事说是, 老板问, 好跟领导汇报)
    "同事 小同事 老板 老乡 乡亲 汇报 清楚 不清楚 不太清楚 确认 确认下 确认一下 核实 核实下 核对 想问 问下 问一下 请问 想确认 "
    # the everyday "that business" around a topic (智慧养老院那摊子事, 这活谁主抓) and who-is-head wording
    "一段 这段 那段 段落 一句 讲了 说了 写了 干嘛 干吗 弄啥 咋弄 咋整 怎么整 啥样 什么样 咋样 怎么样 咋回事 怎么回事 "
    "建好 做好 搞好 弄好 建完 做完 干完 搞完 弄完 编完 修完 办完 完工 竣工 清单 全给 给我 发我 列表 "
    "摊子 那摊子 这摊子 这活 那活 这事 那事 这摊 那摊 是头 头儿 头头 牵头人 挑头 打头 打头阵 领头 带头 主抓 自己 单独 "
    "干什么 做什么 搞什么 弄什么 干些 做些 搞些 干哪些 做哪些 搞哪些 啥事 哪些事 提了 提没提 说没说 有提 写了没 写没写 收尾 部分 结束语 末段 到底 究竟 确切 准确 "
    "总责 负总责 进来 参与进来 加进来 干点 做点 搞点 弄点 规矩 新规矩 新规 一摊子 一摊 这一摊 "
    "几条 哪几条 硬指标 量化 量化目标 数字目标 我列 全列 一条 一大条 一大 厅局 主导 在主导 老百姓 群众 市民 "
    "那套 这套 那款 这款 那种 另外 此外 一块 一块儿 一道 一同 配套 事项 出来 挑大梁 唱主角 扛大旗 块儿 那块儿 这块儿 组成 构成 "
    "写进去 写进 写入 写没写进 重点 方向 对口 这边 那边 担子 重担 挑了 有份 算不算 在不在 "
    # what a thing centres on (重点围绕什么方向): how it is asked; the plan says 聚焦 or 围绕 for it
    "围绕 侧重 着眼 着重 主攻 "
    # how the list is wanted (按顺序列, 挨个说): no topic
    "按顺序 顺序 按顺序列 依次 挨个 逐个 逐条 "
    # listed in it (它里头还列了哪些配合单位): how the units are asked
    "还列 列了 还列了 列有 列着 "
    # whether the plan explains it (文件里有解释没): how a definition is asked
    "解释 释义 含义 定义 "
    # by the way, and the figure asked by its name (顺便问下…的数量指标是多少), and a thing set up (要搭个啥场景)
    "顺便 顺带 数量指标 指标数 目标数 搭个 搭建个 弄个 搞个 建个 "
    "件事 那件事 这件事 那件 这件 省里 省上 省里头 我要 我想 想要 我们 咱们 我这边 "
    "带队 领队 带个头 牵个头 牵这个头 当头 拿总 总抓 抓总 冲在前头 冲在前面 打前站 "
    "同样的问题 同一个问题 一样的问题 同样问题 换成 换作 换到 起来 布起来 建起来 搞起来 弄起来 用起来 "
    "动作 大动作 新动作 举动 动静 新招 招数 打算 摊到 落到 派到 轮到 头上 毛病 乱象 老毛病 推开 铺开 全面推开 推广开 "
    # who-does-it wording around a topic (专门立个法, 领着建, 跟在后面出力, 挂在哪个单位名下, 落到谁头上)
    "专门 特地 特意 领着 出力 打下手 名下 挂在 跟在 后面 头上 落到 那俩 这俩 里算 中算 算是 那串 这串 "
    # asking to be told (能报一下吗, 给我列全): no topic
    "能报 报一下 报下 列全 列齐 说全 讲全 给个 发一下 名下 "
    # how the plan puts it, and "in the same task" (这块有什么提法, 同条任务里), a part's tasks (辖下)
    "提法 说法 同条 同一条 辖下 下辖 名目 关于 具体任务 达标 算达标 预计 进去 投进去 跟着 跟班 里管 管不管 管没管 "
    # now (现在厅长叫啥): when, not what
    "现在 目前 当前 眼下 如今 现阶段 变成 变为 转成 全建 全建完 全建成 全部建完 全部建成 全做完 全弄完 能全 会全 全都 编好 编成 能编好 写好 人用 多少人用 多大 多高 多快 多长 冲多大 冲到 配角 主角 当配角 唱配角 乱来 乱搞 胡来 摸清 摸清楚 弄清 弄清楚 搞清 搞清楚".split()
)
# Characters of everyday speech a plan may never write (县里, 那边儿): no sign of a thing it does not cover
_EVERYDAY_CHARS = frozenset("里裡们这那哪个么呢吧啊嘛的了着过边头儿咱俺啥咋您你我他她它")
# A follow-up's opening 那 ("那电竞产业呢"), which jieba would glue to the topic's first character
_LEADING_NA = re.compile(r"(^|[\s,，。?？!！;；])那(?![个些里边么条块样会时年天次件项])")
# "100w" is how people type 100万 (the plan writes 萬)
_WAN = re.compile(r"(?<![0-9a-z])(\d+(?:\.\d+)?)w(?![a-z0-9])")
# A programme name: a modifier the plan uses for many programmes, then its domain (two characters at least).
# (Not 数字化/智能化 + anything, nor the 智能 of 人工智能, nor a modifier ending its phrase: 变智能那事.)
# (nor an adverbial one: 数字上融合, 数字方面 say "digitally", "on the digital side")
_PROGRAMME = re.compile(r"(?<!人工)(?:智慧|智能|数字|电子|数智|网上|在线|掌上)(?![化那这的了吗呢啊是上方里中等和与及跟都也还就要能会在])[\u4e00-\u9fff]{2}")
# Words for a kind of thing, not a thing (电脑, 软件, 设备, 商品): the asker's everyday name for what the plan
# calls 算力, 闽政通, 信创 or 数据产品, so no topic of their own (the words beside them are)
_KIND_WORDS = frozenset("电脑 软件 硬件 设备 商品 机器 工具 手机 程序 网站".split())
_SAME_SENSE = {"智慧": ("数智", "智能", "数字"), "数智": ("智慧", "数字"), "智能": ("智慧",), "数字": ("数智", "智慧"), "网上": ("在线", "网络", "互联网"), "在线": ("网上",)}
# Share of a question's (Chinese) topic made of words the whole plan never uses, from which no clause is
# about it however the rankers agree (网络诈骗: 诈骗 is half of it).
ABSENT_SHARE = 0.34
COMMON_WORD = 10  # jieba's count from which a word glued with a function character is a word (外卖 20; 冲到 3)
RARE_CHAR = 5  # a character the plan writes this often or less marks a word (站 of 一所多站)
# An everyday word around a covered topic (see Grounding._paraphrased): measured on the tune sets, where
# answerable paraphrases reach p >= 0.96 with <= a quarter of the topic unused, and uncovered topics do not.
PARAPHRASE_COVERAGE = 0.6
# A task a question names one of its units for needs this share of the topic covered (Grounding.corroborated).
CORROBORATED_COVERAGE = 0.5
# A clause is not quoted for a question naming a thing the plan lacks when it covers less of the rest than this.
LACKING_QUOTE_COVERAGE = 0.5
PARAPHRASE_SHARE = 0.25
PARAPHRASE_PROBABILITY = 0.95
APART_TOPIC_CHARS = 3  # topic characters besides a lacking thing asked about, for "not stated" of its clause
APART_COVERAGE = 0.75  # ... and the share of them the clause must say
# Places beyond Fujian a question may name (港澳数据合作, 长三角算力): one the plan never names means the
# question is about that place's matters, which no clause of a Fujian plan answers.
_ELSEWHERE = re.compile(
    r"港澳|香港|澳门|粤港澳|大湾区|长三角|京津冀|成渝|东盟|欧盟|东北|西部|北京|上海|天津|重庆|深圳|广州|杭州|南京|武汉|"
    r"广东|浙江|江苏|江西|湖南|湖北|海南|广西|四川|贵州|云南|山东|河南|河北|山西|陕西|甘肃|新疆|西藏|内蒙古|黑龙江|吉林|辽宁|安徽|青海|"
    r"(?<!被)(?<!让)(?<!受)(?:国外|海外|境外|外国)|省外|外省"  # (not 被外国卡住: who does it, not where)
)
_CJK_WORD = re.compile(r"[\u3400-\u9fff]+")
# "规划里对低空经济是咋说的": the asker's name for the document, not the plan's 十五五规划
_PLAN_AS_DOCUMENT = re.compile(r"(?<![五四]五)(?<!十五)(这个|这份|整个|本)?规划(里面|里头|里边|里|中|上)")
# PUE, NFT, AI as typed (not folded); WiFi, IoT: a word with two capitals or more
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]{2,5}|(?=[a-z]*[A-Z][a-z]*[A-Z])[A-Za-z]{3,6})(?![A-Za-z0-9])")
# English question grammar beyond EN_STOPWORDS: never a topic ("Is there anything about …").
_EN_FILLER = frozenset(
    # the asker's narration around a topic (the task that includes…, I'd have guessed…, expected to…)
    "include includes including included guess guessed thought think expect expected supposed roughly "
    "approximately fresh pitch stuff plus accountable "
    # how a task or the plan is pointed at (the task covering…, what does it revolve around)
    "covering revolve revolves revolving centred centered asking brought fully final "
    "anything something thing things mention mentioned mentions say says said about regarding "
    "besides personally ready planned finished done completed there here number numbers figure figures "
    "amount target targets earmarked allocated set aside budgeted fine okay ok alright cool great thanks "
    # verbs of who-does-what questions (Who runs…, Which bureau handles…) and pronouns
    "run runs running handle handles handling oversee oversees cover covers covered they them their "
    "will going happen happens listed list located locate location allocated allocate allocation "
    "given give gets get put document documents file files stuff things bits roll rolls rolled need needs go goes going went "
    "rollout roll-out talk speak contact hook big large due out prep preparation preparations doing "
    "named naming exactly apart besides except role play plays playing piece pieces part parts bit side "
    "area areas aspect aspects portion section sections element supposed expected vendor vendors supplier suppliers "
    "closing conclusion ending opening introduction preamble paragraph level hook aside set between among "
    "within across goal goals belong belongs belonging falls under item items "
    # who-takes-part verbs (which departments join in, who is backing up the lead)
    "join joins joined joining help helps helped helping assist assists assisted assisting backs backed backing "
    "supported cooperate cooperates cooperating partner partners partnering "
    "participate participates participated participating involve involves involving else "
    "plate remit portfolio workload exact exactly precise specific heads headed heading chairs chaired "
    # chat shorthand and hedges (is it 6000P or smth, what was it tho)
    "doc docs tho smth sth pls plz btw thx thanks quick ok okay hey hi ya yeah yep gonna wanna gotta kinda sorta "
    "lol stuff actually basically really mean means meant define defined defines definition "
    "getting gets got whats whos wheres hows thats theres owning co-owning co-own aim aims aimed aiming "
    # when-questions about a measure (when will the law be passed / adopted)
    "alongside let lets letting allow allows allowing allowed ones organize organizes organizing organized "
    "focus focuses focusing focused organise organises organising organised host hosts hosting hosted arrange arranges arranging arranged "
    "pass passed adopt adopted approve approved enact enacted finalise finalised finalize finalized "
    # role checks (is X the lead or just a co-unit / merely supporting)
    "clause clauses would included including just merely simply only check confirm confirming verify sure whose job co-unit co-units supporting attached attach tied linked "
    # how a plan's contents are said to be put (how many actions are laid out, ports they plan to add)
    "add adds added adding laid lay lays laying incl planning plans planned spelled spelt written write "
    "writes outlined outline outlines mapped listed lists digitalising digitalizing digitising digitizing same question questions using tools tool more "
    # asking verbs and hedges of English questions (what does the plan want done, how many ms are they shooting for)
    "want wants wanted wanting optional sent sending shooting aiming inside share shares shared responsibility responsibilities "
    "smarter visiting strong own don doesn didn isn aren wasn weren won shouldn wouldn couldn haven hasn "
    "richer better easier faster cheaper bigger safer stronger live".split()
)
_WH_WORDS = frozenset("哪些 哪几 哪个 哪一 什么 多少".split())
# The asker's own office or unit ("我们处室", "咱单位"): who asks, not what about
# A word made of pinyin syllables (haisi, minzhengtong): a Chinese name spelled out, not an English word
_PINYIN = re.compile(r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|e|i|o|u|v))+")
_THESE_PLACES = re.compile(r"(这些|那些|这类|那类|之类的?|等)(地方|地儿|场所|地点)")
_OWN_OFFICE = re.compile(r"(?<=[我咱])(们)?(的)?(处室|科室|处里|科里|单位|部门|团队|这边|那边)")
_LATIN_WORD = re.compile(r"(?<![a-z0-9])[a-z]{3,}(?![a-z0-9])")
# Characters that carry no topic alone; a "word" made only of them is segmentation noise.
_WEAK = frozenset(
    "要建个有是的了在和与及对把被将会能可该这那哪谁什么吗呢啊吧由从向给让做搞办还也都又再就才多少几年月日今明后前"
    "中里上下内外等各每其之为于以而并或何怎样些如所已被请问新想"
)


_CODE = re.compile(
    r"(?<![0-9a-z])(?!\d+(?:st|nd|rd|th)(?![0-9a-z]))\d+[a-z][a-z0-9]*(?![0-9a-z])"  # not 8th  # 5g, 6g, 10g, 500p (folded: lower case)
    r"|(?<![0-9a-z])[a-z]{2,}\d+[a-z0-9]*(?![0-9a-z])"  # web3, gpt4: a name with its version
)


def _next_word(folded: str, word: str) -> str:
    """The English word after the first whole-word `word` in the question ("" when none)."""
    m = re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])\W*([a-z]+)", folded)
    return m.group(1) if m else ""


_UNIT_ENDINGS = "局厅委办"  # what a unit's short name ends in (数局, 工厅)


# jieba's tags for question grammar: particles, locatives, numerals, pronouns, adverbs, prepositions,
# conjunctions, interjections, measure words. A word so tagged that the plan never writes (的话, 里面) is
# how the question is put, not what it is about; so is an A-not-A question (多不多, 全不全).
_GRAMMAR_TAGS = frozenset("u uj ul uz ug uv ud f m r d p c y e o q".split())
_A_NOT_A = re.compile(r"(.)[不没]\1")


def _is_grammar(word: str) -> bool:
    import jieba.posseg

    return bool(_A_NOT_A.fullmatch(word)) or all(p.flag in _GRAMMAR_TAGS for p in jieba.posseg.cut(word))


# A set phrase that is itself what is asked (总指挥是谁, 负责人叫啥, 哪个主会场): the detail, not a topic
# ("有没有未成年人…" asks whether the plan covers it: still a topic)
# (a slot's cue stripped before may leave a space: 主会场 哪)
_ASKED_PHRASE = re.compile(r"(哪个|哪位|什么|啥)\s*Ⓦ|Ⓦ\s*(是|叫|在|为|设在|放在|落在|位于)?\s*(谁|啥|什么|哪|多少|几)")


def _set_phrase(word: str) -> bool:
    """Is a word of three or more characters a common set phrase of jieba's (未成年人, 年轻人), though it
    holds a function character? Then it names a thing, not glue around one."""
    import jieba.posseg  # jieba is already loaded by the lexical index

    if len(word) < 3 or (jieba.get_FREQ(word) or 0) < COMMON_WORD:
        return False
    pieces = list(jieba.posseg.cut(word))
    return len(pieces) == 1 and pieces[0].flag.startswith(("n", "l"))


def _is_noun(word: str) -> bool:
    """Does jieba's tagger read the word as a noun (a thing, a place, a name)?"""
    import jieba.posseg  # jieba is already loaded by the lexical index

    return any(p.flag.startswith("n") for p in jieba.posseg.cut(word))


class Grounding:
    """Topic coverage of clauses for one plan's vocabulary; thresholds come from Settings."""

    def __init__(
        self,
        directory: AgencyDirectory,
        glossary: Glossary,
        tokenizer: PlanTokenizer,
        refusal_threshold: float,
        agreement_threshold: float,
        absent_threshold: float,
        plan_text: str,
        model: AnswerableModel | None = None,
        answerable_threshold: float = 0.5,
        unstated_threshold: float = 0.5,
    ):
        self.directory = directory
        self.glossary = glossary
        self.tokenizer = tokenizer
        self.refusal_threshold = refusal_threshold
        self.agreement_threshold = agreement_threshold
        self.absent_threshold = absent_threshold
        self.model = model  # the calibrated answerability model; None = the coverage rules alone
        self.answerable_threshold = answerable_threshold
        self.unstated_threshold = unstated_threshold
        # folded, headings included: where "absent from the plan" is checked; a second copy without quote
        # marks, since 数字第一家园 is written 數字“第一家園”
        self.plan_text = plan_text + "\n" + re.sub(r"[“”\"「」『』‘’]", "", plan_text)
        # One question's topic is asked for many times (every hit judged, every figure segment checked):
        # it is worked out once. Bounded, and pure in q for this plan's vocabulary.
        self.masked = lru_cache(maxsize=1024)(self._masked)
        self.absent_programmes = lru_cache(maxsize=1024)(self._absent_programmes)  # asked per candidate too
        self.absent_words = lru_cache(maxsize=1024)(self._absent_words)  # asked by several checks per candidate
        self._unknown_char_nouns = lru_cache(maxsize=1024)(self._nouns_with_unknown_chars)  # asked for every candidate of one question
        self._glossary_words = frozenset(w for term, _ in glossary.terms for w in _LATIN_WORD.findall(term))
        self._glossary_tokens = frozenset(re.findall(r"[a-z0-9]+", " ".join(term for term, _ in glossary.terms)))
        self._rare_chars = frozenset(ch for ch, n in Counter(plan_text).items() if n <= RARE_CHAR)

    def _masked(self, q: str) -> str:
        """The question with agency names, generic plan words, question words and words the glossary
        replaced blanked out: what is left is its topic."""
        exp = self.glossary.analyse(q)
        masked = _PLAN_AS_DOCUMENT.sub(" ", self.without_agencies(_WAN.sub(r"\1万", fold(q))))
        masked = _LEADING_NA.sub(r"\1 ", masked)  # "那电竞产业呢": the 那 of a follow-up, not 那电
        masked = _OWN_OFFICE.sub(" ", masked)  # "我们处室要对接…": the asker's own office, no topic
        masked = _THESE_PLACES.sub(" ", masked)  # "历史文化街区、图书馆这些地方": the places named before, no topic
        for word in exp.replaced:
            # English words only as whole words: "it" must not eat the middle of "list".
            pattern = rf"(?<![a-z]){re.escape(word)}s?(?![a-z])" if word.isascii() else re.escape(word)
            masked = re.sub(pattern, " ", masked)
        masked += " " + fold(" ".join(exp.terms))  # the plan's words now stand for the replaced ones
        # a unit named through the glossary (data administration -> 數據管理局) is no topic either
        masked = self.without_agencies(masked)
        kept = []
        for tok in self.tokenizer.segment(masked):
            noise = (
                tok in GENERIC
                or (tok in _KIND_WORDS and tok not in self.plan_text)  # (网站 is the plan's own word: 政府门户网站)
                or tok in QUERY_STOPWORDS
                or tok in EN_STOPWORDS
                or tok in _EN_FILLER
                or len(tok) == 1
                or all(ch in _WEAK for ch in tok)  # jieba glues function characters: 要建, 有何
                or (len(tok) >= 4 and tok[:2] in _WH_WORDS and tok[2:] in GENERIC)  # 哪些方面: a wh-word and its noun
                or (len(tok) == 2 and tok[0] == "数" and tok[1] in _WEAK and tok not in self.plan_text)  # 场景|数是: a count's 数
                or (len(tok) > 2 and (tok[1:] in GENERIC and tok[0] in _WEAK or tok[:-1] in GENERIC and tok[-1] in _WEAK))  # 能建好
                or (_CJK_WORD.fullmatch(tok) and tok not in self.plan_text and _is_grammar(tok))  # 的话, 里面
            )
            if not noise and len(tok) >= 3 and tok.endswith("化") and tok not in self.plan_text and tok[:-1] in self.plan_text:
                tok = tok[:-1] + " "  # 标准化 where the plan writes 标准: the -ization is the asker's, the thing the plan's
            kept.append(" " if noise else tok)
        return "".join(kept)

    def coverage(self, q: str, clause: Clause) -> float:
        """Share of the question's topic the clause (with its headings) covers."""
        return char_coverage(topic_runs(self.masked(q)), fold(" ".join(clause.path) + clause.text))

    def text_coverage(self, q: str, text: str) -> float:
        """Share of the question's topic a piece of text (one sentence) covers."""
        return char_coverage(topic_runs(self.masked(q)), fold(text))

    @staticmethod
    def is_verb(word: str) -> bool:
        """Is a Chinese word only a verb to jieba (覆盖, 搭伙), no noun piece in it?"""
        import jieba.posseg  # jieba is already loaded by the lexical index

        pieces = list(jieba.posseg.cut(word))
        return bool(pieces) and all(p.flag.startswith("v") and p.flag != "vn" for p in pieces)

    def asker_words(self, q: str) -> list[str]:
        """The question's absent words when every one is the asker's verb or filler (搭伙, 帮着, 参不), not a
        thing: a noun (量子, 单车), a code (6G) or an English noun names a topic the plan may lack."""
        import jieba.posseg  # jieba is already loaded by the lexical index

        absent = self.absent_words(q)
        if not absent or self.absent_codes(q):
            return []
        folded = fold(q)
        for w in absent:
            if not _CJK_WORD.fullmatch(w) or any(p.flag.startswith(("n", "vn", "j", "eng")) for p in jieba.posseg.cut(w)):
                return []
            after = folded[folded.find(w) + len(w) :][:1]
            glued = list(jieba.posseg.cut(w + after)) if after and _CJK_WORD.fullmatch(after) else []
            if glued and (len(glued) == 1 or glued[-1].flag.startswith(("n", "q"))):
                return []  # glued to a noun after it: part of a thing's name (充电桩), not a verb of its own
        return absent

    def _absent_words(self, q: str) -> list[str]:
        """Topic words that occur nowhere in the plan (单车, 量子): a topic the plan cannot cover."""
        # (a word glued with a function character, 要建 or 冲到, is no topic word; a word of the language in
        # jieba's dictionary made with 外 or 内, whose other characters the plan never writes, is: 外卖's 卖)
        import jieba  # already loaded by the lexical index

        folded_q = fold(q)
        segmented = [w for w in self.tokenizer.segment(self.masked(q)) if len(w) >= 2 and _CJK_WORD.fullmatch(w)]
        phrases = {w for w in segmented if _set_phrase(w)}
        topic_phrases = {w for w in phrases if not _ASKED_PHRASE.search(folded_q.replace(w, "Ⓦ"))}
        words = [
            w for w in segmented
            if not any(ch in _WEAK for ch in w) or w in topic_phrases or (
                all(ch in "外内" for ch in w if ch in _WEAK) and (jieba.get_FREQ(w) or 0) >= COMMON_WORD
                and any(ch not in self.plan_text for ch in w if ch not in _WEAK)
            )
        ]
        # A word counts as present when any two-character piece of it is (个人隐私 ~ 隐私, 退伍军人 ~ 军人);
        # a set phrase of jieba's (未成年人) only by a piece that is a word itself, not 年人 of 老年人.
        absent = [
            w for w in words
            if not any(w[i : i + 2] in self.plan_text and (w not in phrases or jieba.get_FREQ(w[i : i + 2])) for i in range(len(w) - 1))
        ]
        absent += [w for w in self.glued_nouns(q) if w not in absent]
        # A programme named as modifier + domain (智慧交通, 智能制造, 数字档案馆) the plan never writes is absent,
        # though both halves occur in it: 智慧 is 智慧养老院's and 交通 the 交通网's, not a 智慧交通 programme.
        absent += [w for w in self.absent_programmes(q) if w not in absent]
        # A noun with a character the plan never uses, modifying a word after it (氢能产业: 氢 is nowhere),
        # names a thing of its own that the two-character check above misses when the segmenter splits it.
        # Nouns only (送到 in 资源送到基层 is the asker's verb) and never the run's last word, which is most often
        # the detail asked (覆盖率, 功能模块) that the detail checks answer as "not stated".
        import jieba.posseg  # jieba is already loaded by the lexical index

        for run in self.cjk_runs(q):
            for p in list(jieba.posseg.cut(run))[:-1]:
                w = p.word
                if len(w) >= 2 and p.flag.startswith("n") and any(ch not in self.plan_text for ch in w) and w not in absent and w not in _KIND_WORDS:
                    absent.append(w)
        # An English word the glossary did not replace and the plan never uses ("quantum") is absent too.
        # (Words of the glossary's own terms are known, as are the question grammar of _EN_FILLER.)
        known, folded = self._glossary_words, fold(q)
        latin = [
            w for w in _LATIN_WORD.findall(self.masked(q))
            if w.rstrip("s") not in known and w not in known
            and not re.search(rf"(?<![a-z]){w}(?![a-z])", self.plan_text)
            and not is_narration(w, _next_word(folded, w))
        ]
        return absent + latin + self.absent_codes(q)

    def glued_nouns(self, q: str) -> list[str]:
        """A one-character noun the plan never writes, glued to the noun before it (消费券, 算力券): a thing
        of its own that masking drops as a lone character, though its first word (消费) is the plan's."""
        import jieba.posseg  # jieba is already loaded by the lexical index

        # (segmented with the plan's words, so 算力券 is 算力 + 券 where jieba alone reads 算 + 力券)
        toks = self.tokenizer.segment(self.without_agencies(fold(q)))
        return [
            a + b for a, b in zip(toks, toks[1:], strict=False)
            if len(b) == 1 and b not in self.plan_text and b not in _WEAK and _CJK_WORD.fullmatch(b)
            and [p.flag for p in jieba.posseg.cut(b)] == ["n"]
            and len(a) >= 2 and _CJK_WORD.fullmatch(a) and a in self.plan_text
            and all(p.flag.startswith("n") or p.flag == "vn" for p in jieba.posseg.cut(a))
        ]

    def cjk_runs(self, text: str) -> list[str]:
        """The topic runs of two or more Chinese characters (masked: no units, question words or glue)."""
        return [r for r in topic_runs(self.masked(text)) if re.fullmatch(r"[\u4e00-\u9fff]{2,}", r)]

    def unwritten(self, runs: list[str]) -> bool:
        """Does a run hold two characters side by side that the plan never writes side by side (外卖, 辐射)?"""
        return any(r[i : i + 2] not in self.plan_text for r in runs for i in range(len(r) - 1))

    def without_agencies(self, text: str) -> str:
        """Folded `text` with agency names blanked (same length, so positions stay)."""
        for start, end, _ in self.directory.spans(text):
            text = text[:start] + " " * (end - start) + text[end:]
        return text

    def _absent_programmes(self, q: str) -> list[str]:
        """Programme names (modifier + domain) the plan never writes, though both halves occur in it."""
        text = self.without_agencies(fold(q))  # 数字福建建设领导小组 is a unit, not a programme
        for word in self.glossary.analyse(q).replaced:  # 网上换脸: 换脸 is the plan's 深度合成
            if not word.isascii():
                text = text.replace(word, " " * len(word))
        words = [m.group(0) for m in _PROGRAMME.finditer(text)]
        # question wording that looks like one (数字目标: the figures asked for) is none
        # (nor a modifier before a kind of thing, 智能设备: the asker's words for what the plan names)
        return [w for w in dict.fromkeys(words) if w not in GENERIC and w[2:] not in _KIND_WORDS and not self._names_programme(w)]

    def _names_programme(self, word: str) -> bool:
        """Does the plan write this programme: as is, shortened by up to three middle characters (数字标准工程
        for 数字福建标准工程), or with a modifier of the same sense (智慧海洋 for 数智海洋)?"""
        head, domain = word[:2], word[2:]
        if re.search(rf"{head}[\u4e00-\u9fff]{{0,3}}{domain}", self.plan_text):
            return True
        return any(alt + domain in self.plan_text for alt in _SAME_SENSE.get(head, ()))

    def absent_codes(self, q: str) -> list[str]:
        """A generation or model name the plan never writes (6G where it only has 5G, 10G where it has
        no 10G), or an acronym typed in capitals (PUE, NFT) that neither the plan nor the glossary knows:
        no clause can be about it, however much else it shares."""
        codes = [
            c for c in _CODE.findall(self.masked(q))
            if not re.search(rf"(?<![0-9a-z]){re.escape(c)}(?![0-9a-z])", self.plan_text)
        ]
        known = self._glossary_tokens
        codes += [
            a.lower() for a in _ACRONYM.findall(q or "")
            if a.lower() not in known and not re.search(rf"(?<![0-9a-z]){a.lower()}(?![0-9a-z])", self.plan_text)
        ]
        return codes

    def _absent_share(self, q: str, absent_words: list[str]) -> float:
        # an English word the plan and the glossary do not know (robotaxis) weighs as one two-character word
        latin = 2 * sum(1 for w in absent_words if _LATIN_WORD.fullmatch(w))
        # (and when it modifies a word the glossary reads, "quantum communication", that word's two characters
        # name the unknown thing too, as 量子 makes 量子通信 a thing the plan lacks; not a name in pinyin,
        # "Haisi satellite", which is the plan's own 海丝)
        folded = fold(q)
        modified = 2 * sum(
            1 for w in absent_words
            if _LATIN_WORD.fullmatch(w) and not _PINYIN.fullmatch(w)
            and (m := re.search(rf"(?<![a-z]){re.escape(w)}\s+([a-z]+)", folded)) and m.group(1) in self._glossary_words
        )
        total = sum(len(r) for r in topic_runs(self.masked(q)) if not r.isascii()) + latin
        cjk = [w for w in absent_words if _CJK_WORD.fullmatch(w)]
        return min(1.0, (sum(map(len, cjk)) + latin + modified) / total) if total else 0.0

    def _scattered(self, q: str, clause: Clause) -> bool:
        """Is the topic one short compound (数据跨境, 低空经济) whose halves the clause says only in different
        sentences (跨境电商 in one, 数据 in another)? Then the clause is not about it."""
        runs = topic_runs(self.masked(q))
        if len(runs) != 1 or not re.fullmatch(r"[\u4e00-\u9fff]{3,4}", runs[0]):
            return False
        import jieba.posseg  # jieba is already loaded by the lexical index

        text = fold(" ".join(clause.path) + clause.text)
        unsaid = [p for p in jieba.posseg.cut(runs[0]) if p.word not in text]
        if unsaid and all(p.flag == "v" for p in unsaid):
            return False  # "峰会筹办": the asker's verb for what is done to the thing, not half of a compound
        return self.sentence_coverage(q, clause) < 0.999

    @staticmethod
    def _said_apart(word: str, clause: Clause) -> bool:
        """Is a four-character word said by the clause with up to four characters put between its halves,
        in one sentence (数字共通 in 数字领域两岸共通标准)?"""
        if not (len(word) == 4 and _CJK_WORD.fullmatch(word)):
            return False
        rx = re.compile(re.escape(word[:2]) + r"[\u4e00-\u9fff]{1,4}" + re.escape(word[2:]))
        return any(rx.search(fold(s)) for s in clause.sentences or (clause.text,))

    def _spelled_out(self, word: str, clause: Clause) -> bool:
        """Is the word an abbreviation of a phrase the clause writes (关基 for 关键信息基础设施, 密服 for 密码服务):
        each character starts a word of one stretch of the clause, in order, a few characters apart?"""
        if not (2 <= len(word) <= 4 and _CJK_WORD.fullmatch(word)):
            return False
        text = fold(clause.text)
        pattern = "".join(f"({re.escape(ch)})" + ("[\u4e00-\u9fff]{1,5}?" if i < len(word) - 1 else "") for i, ch in enumerate(word))
        for m in re.finditer(pattern, text):
            starts = word_starts(text[m.start() : m.end() + 4])  # offsets within the stretch
            if all(m.start(g) - m.start() in starts for g in range(1, len(word) + 1)):
                return True
        return False

    def _echoes(self, word: str, clause: Clause) -> bool:
        """Does the clause share a rare character of the plan with the word (分站 and 一所多站 share 站)?
        Then the word is the asker's name for what the clause says; a common character (工 of 护工) is no sign."""
        text = fold(clause.text)
        return any(ch in text and ch in self._rare_chars for ch in word)

    def _nouns_with_unknown_chars(self, q: str) -> tuple[str, ...]:
        """Nouns of the topic holding a character the whole plan never uses (宅基地, 医美)."""
        import jieba.posseg  # jieba is already loaded by the lexical index

        return tuple(
            p.word for run in self.cjk_runs(q) for p in jieba.posseg.cut(run)
            if len(p.word) >= 2 and p.flag.startswith("n") and p.word[-1] not in _UNIT_ENDINGS  # (财政厅: a unit, not a topic)
            and p.word not in _KIND_WORDS
            and any(ch not in self.plan_text and ch not in _EVERYDAY_CHARS for ch in p.word)
        )

    def unknown_nouns(self, q: str) -> tuple[str, ...]:
        """Nouns of the question holding a character the plan never writes (人民币, 宅基地): things it lacks."""
        return self._unknown_char_nouns(q)

    def absent_things(self, q: str) -> list[str]:
        """Nouns of the question the plan never uses (法院, 疫苗): things it does not cover."""
        return self._absent_things(q)

    def _absent_things(self, q: str) -> list[str]:
        """Nouns of the question the plan never uses (疫苗, 门票, 彩票), not counting a unit's name typed
        short (数局 for 数据局): each names a thing the plan does not cover."""
        return [
            w for w in self.absent_words(q)
            if _CJK_WORD.fullmatch(w) and len(w) >= 2 and w[-1] not in _UNIT_ENDINGS and _is_noun(w)
        ]

    def _named_absent(self, q: str) -> list[str]:
        """Absent nouns that are the modifier of a longer topic run (金砖 of 金砖创新基地): a name of its own."""
        runs = self.cjk_runs(q)
        return [w for w in self._absent_things(q) if any(r.startswith(w) and len(r) >= len(w) + 2 for r in runs)]

    def _paraphrased(
        self, q: str, hit: Hit, hits: list[Hit] | None, absent_words: list[str], agreed: bool, coverage: float
    ) -> bool:
        """Are the words the plan never uses only the asker's everyday wording around a topic the clause
        says (跟着网信办一起干的, 不用带证就能进门)? Both rankers put the clause first, the model is sure of
        it, most of the topic is covered, and the unused words are short verbs or particles and a small
        share of it. A thing the plan lacks (不动产, 网约车, 门票) is longer, a larger share, or a noun."""
        if self.model is None or not agreed or coverage < PARAPHRASE_COVERAGE or self.absent_codes(q):
            return False
        if any(len(w) > 2 or not _CJK_WORD.fullmatch(w) or (_is_noun(w) and not self._echoes(w, hit.clause)) for w in absent_words):
            return False  # a thing named (门票, 疫苗, 护工) is a topic of its own, however close the rest
        if self._absent_share(q, absent_words) > PARAPHRASE_SHARE:
            return False
        return (self.probability(q, hit, hits) or 0.0) >= PARAPHRASE_PROBABILITY

    @staticmethod
    def warm_up() -> None:
        """Load jieba's part-of-speech tables (~0.2 s) and the English lemma table (~0.4 s) before the
        first question that needs them."""
        _is_noun("数据")
        is_narration("merging", "the")

    def places_elsewhere(self, q: str) -> list[str]:
        """Places outside Fujian the question names and the plan never does."""
        return [p for p in _ELSEWHERE.findall(self.without_agencies(fold(q))) if p not in self.plan_text]

    def has_topic(self, q: str) -> bool:
        return bool(topic_runs(self.masked(q)))

    def features(self, q: str, hit: Hit, hits: list[Hit] | None = None) -> dict[str, float]:
        """The answerability model's inputs for one candidate among `hits` (`assistant.answerable`)."""
        topic_chars = sum(len(r) for r in topic_runs(self.masked(q)))
        others = [self.coverage(q, h.clause) for h in hits or () if h.clause.id != hit.clause.id]
        return features(
            self.coverage(q, hit.clause), bool(self.absent_words(q)), hit, hits, topic_chars,
            other_coverage=max(others, default=0.0),
            sentence_cov=self.sentence_coverage(q, hit.clause),
        )

    def sentence_coverage(self, q: str, clause: Clause) -> float:
        """Share of the question's topic the clause's best single sentence covers."""
        return max(self.text_coverage(q, s) for s in clause.sentences or (clause.text,))

    def probability(self, q: str, hit: Hit, hits: list[Hit] | None = None) -> float | None:
        """The model's probability that the hit's clause is about the question (None without a model)."""
        return None if self.model is None else self.model.probability(self.features(q, hit, hits))

    def _spelled(self, q: str, clause: Clause) -> set[str]:
        """Absent words that are the clause's own, abbreviated (关基) or said with words put in (数字共通)."""
        return {w for w in self.absent_words(q) if self._spelled_out(w, clause) or self._said_apart(w, clause)}

    def _blocked(self, q: str, hit: Hit, naming_units: bool, quoting: bool, spelled: set[str], scattered_ok: bool = False) -> bool:
        """The hard gates: a thing the question names that the clause cannot be about, however the
        rankers and the model agree (6G, a programme or place the plan never writes, a noun of its own)."""
        # (a programme the clause says with a few words put in, 数字领域两岸共通标准 for 两岸数字共通标准, is said)
        unsaid_programmes = [w for w in self.absent_programmes(q) if not self._said_apart(w, hit.clause)]
        if self.absent_codes(q) or ((naming_units or quoting) and unsaid_programmes):
            return True  # 6G where the plan has 5G; 智慧交通 where it has 智慧海关 and 交通网
        if (naming_units or quoting) and self.places_elsewhere(q):
            return True
        if naming_units and not scattered_ok and self._scattered(q, hit.clause):
            return True
        # an abbreviation of what the clause writes (关基 for 关键信息基础设施) is the clause's word, not a thing it lacks
        if naming_units and self._lacks_thing(q, hit.clause, spelled):
            # "公共数据平台的疫苗数据谁牵头": 疫苗 is a thing of its own, nothing of it in the clause (分站 shares
            # its 站 with 一所多站: the asker's word for what the clause says)
            return True
        if naming_units and self._unknown_char_nouns(q):
            # "农村宅基地数字化管理谁牵头": 宅 is nowhere in the plan, so 宅基地 is a thing it does not cover, though
            # its 基地 is the plan's word (a lead is named only for what the plan covers)
            return True
        if quoting and any(not self._echoes(w, hit.clause) for w in self._named_absent(q) if w not in spelled):
            # "金砖创新基地": a thing the plan lacks named by a word of its own glued to the plan's words
            # (创新基地); a clause about 数字农业创新应用基地 is not about it
            return True
        return False

    def _lacks_thing(self, q: str, clause: Clause, spelled: set[str]) -> bool:
        """Does the question name a thing the plan never writes (疫苗, 预付卡) with nothing of it in the clause?"""
        return any(not self._echoes(w, clause) for w in self._absent_things(q) if w not in spelled)

    def unblocked(self, q: str, hit: Hit, listed: bool = False) -> bool:
        """Passes the hard gates for an answer that names units (nothing the question names is missing).
        `listed`: the unit asked about is in the clause's list, evidence of its own that a short compound
        the clause says across two sentences (信号 … 网络) is its topic."""
        return not self._blocked(q, hit, True, False, self._spelled(q, hit.clause), scattered_ok=listed)

    def corroborated(self, q: str, hit: Hit) -> bool:
        """A task a question names a unit of ("密码评估那条 大数据集团是配合的吗"): the unit in its list is
        evidence of its own, so some of the topic covered suffices, the hard gates still applying and the
        words the plan never uses being no more than the asker's wording around it."""
        if not self.unblocked(q, hit, listed=True):
            return False
        spelled = self._spelled(q, hit.clause)
        absent_words = [w for w in self.absent_words(q) if w not in spelled]
        return self.coverage(q, hit.clause) >= CORROBORATED_COVERAGE and self._absent_share(q, absent_words) < ABSENT_SHARE

    def topic_apart_from_words(self, q: str, hit: Hit, hits: list[Hit] | None = None) -> bool:
        """Is the clause the question's topic but for words the plan never uses ("12345热线 接线员有多少")?
        The hard gates pass, a thing the plan lacks is named only as what is asked, the rest of the topic is
        said, and the fitted model is sure (`unstated_threshold`). Such a clause is never quoted as an answer: the caller shows it only to say
        what the plan does not state, when the unused words are what is asked."""
        spelled = self._spelled(q, hit.clause)
        if self.model is None or self._blocked(q, hit, False, True, spelled):
            return False
        folded, owned = fold(q), asks.possessed(q)
        things = [w for w in self._absent_things(q) if w not in spelled and not self._echoes(w, hit.clause)]
        if any(not asks.asked_about(w, folded) and w not in owned for w in things):
            # "共享单车停放 施工单位是谁": a thing the plan lacks is the topic; only the detail asked (热线的接通率,
            # 有多少接线员) may be one
            return False
        unused = [w for w in self.absent_words(q) if w not in spelled and _CJK_WORD.fullmatch(w)]
        if unused:
            # ... and the rest is a topic of its own that the clause says (智慧养老院 of 配几个护工), not a word
            # or two it shares by chance (共享 of 共享充电宝有多少个)
            rest = re.sub("|".join(map(re.escape, unused)), " ", folded)
            if sum(map(len, topic_runs(self.masked(rest)))) < APART_TOPIC_CHARS or self.coverage(rest, hit.clause) < APART_COVERAGE:
                return False
        return (
            self.coverage(q, hit.clause) >= self.agreement_threshold
            and (self.probability(q, hit, hits) or 0.0) >= self.unstated_threshold
        )

    def confident(
        self, q: str, hit: Hit, naming_units: bool = False, hits: list[Hit] | None = None, quoting: bool = False
    ) -> bool:
        """Is the hit's clause really about the question?

        With the fitted model (the default): its probability reaches `answerable_threshold`. Without
        it, the coverage rules: enough of the question's topic is in the clause, or some is and both
        retrievers independently put it first.

        Either way, a topic word the whole plan never uses (单车, 发票) means a topic it may not cover:
        an answer that names units (lead, members) then needs nearly all the topic covered, since
        naming an agency for a topic the plan does not cover is the worst answer there is."""
        spelled = self._spelled(q, hit.clause)
        if self._blocked(q, hit, naming_units, quoting, spelled):
            return False
        coverage = self.coverage(q, hit.clause)
        agreed = hit.ranks.get("bm25") == 1 and hit.ranks.get("dense") == 1
        absent_words = [w for w in self.absent_words(q) if w not in spelled]
        absent = bool(absent_words)
        if quoting and coverage < LACKING_QUOTE_COVERAGE and self._lacks_thing(q, hit.clause, spelled):
            # "预付卡消费监管平台有安排没": a thing the plan lacks, and under half of the rest in the clause
            return False
        if quoting and self._absent_share(q, absent_words) >= ABSENT_SHARE:
            # "有没有关于网络诈骗的内容": a third or more of the topic is words the plan never uses, so no
            # clause is quoted as about it (a detail question's absent words are the detail: 专家, 地址)
            return False
        if absent and (naming_units or not agreed) and coverage < self.absent_threshold and not self._paraphrased(
            q, hit, hits, absent_words, agreed, coverage
        ):
            return False
        if self.model is not None:
            # The rules' floor stays: a clause covering under `agreement_threshold` of the topic is never
            # enough, however the rankers agree (the model leans on agreement and margins).
            return coverage >= self.agreement_threshold and self.probability(q, hit, hits) >= self.answerable_threshold
        if absent and (naming_units or not agreed):
            return True
        if coverage >= self.refusal_threshold:
            return True
        return agreed and coverage >= self.agreement_threshold
