"""What a question's wording asks for, beyond its kind (pure functions and patterns, no model): a count
and of what, a list of contents, a verdict on a named unit's role, a ranking, the document's own parts,
an ellipsis or a repeat of the last question, a city named; and which clause text answers such asks.

Matched against folded questions (corpus.script.fold: simplified, lower case) unless a name says otherwise.
"""

from __future__ import annotations

import re

from assistant.cues import ROLE_IN_TASK, YES_NO_LEAD, rx
from assistant.slots import CITIES, CITIES_EN
from corpus.script import fold

GENERATION = re.compile(r"(?<![0-9a-z])\d{1,2}g(?:-[a-z0-9]+)*(?![0-9a-z])")  # 5g, 5g-a, 10g-pon (folded): names, not figures
NUMBERING = re.compile(r"^\s*[（(]?\d{1,2}[)）.．、]\s*")  # a task's own number at the start of its title
# An agency-like name: the unknown-unit answer names it instead of searching on it (省统计局, 火星局).
AGENCY_LIKE = re.compile(r"([\u4e00-\u9fff]{1,10}?(?:厅|廳|局|委员会|委員會|委|(?:办|辦)(?:公室)?(?![事理法好成完公])|部|集团|集團|公司|中心))")


# "What does X include": asks for the contents of a programme the plan may only name.
CONTENTS = re.compile(
    r"具体(包括|包含|内容|是什么|是啥|有哪些|有什么|指|怎么|是哪些|哪些|是哪几)|(包括|包含|有)(哪些|什么|啥)(内容|方面|东西)|具体(要)?(做|干|搞|弄)(什么|啥|些啥|些什么)|主要(是)?(要)?(做|干|搞|弄)(什么|啥|些啥|些什么)|里面(都|主要)?(要)?(干|做|搞)(啥|什么|些啥|些什么)"
    r"|(具体)?是(干|做|搞)(嘛|啥|什么)的|(搞|做|干|弄)(些|了)?(啥|什么)内容|具体[^,，?？]{0,6}(啥|什么|哪些)内容|有(没有)?(具体)?(解释|说明)(吗|么|没有)?|具体[^,，?？]{0,8}内容(有|是|包括)(哪些|什么|啥)"  # "警跃计划具体是干嘛的，有解释吗"
)
# "说的是老人还是军人": a choice between two things the asker guesses
CHOICE = re.compile(r"([\u4e00-\u9fff]{2,6})还是([\u4e00-\u9fff]{2,6}?)(?:呢|啊|吗|呀)?(?=[\s,，?？!！。]|$)")
# "十条措施全名叫啥": the full name of a measure, which the plan gives only when it writes a longer name
FULL_NAME = re.compile(r"(全名|全称|完整名称|正式名称|完整的名字|大名)|\bfull (name|title)\b")
# "警跃计划是啥": what a thing is, which a bare mention of its name does not say
WHAT_IS = re.compile(r"(是啥|是什么|是个啥|是个什么|是什么东西|啥意思|什么意思|是干啥的|指啥)[?？!！。\s]*$")
# "大模型应用是哪些大模型": which members of a kind the plan may only count
WHICH_ITEMS = re.compile(r"(?<=[\u4e00-\u9fff])是哪(些|几(?:个|种|类|款)?)(?!单位|部门|机构|任务|工程|行动|条|项|方面)[\u4e00-\u9fff]{2}")
# The things a contents question asks to be listed: 标准 in "具体包括哪些标准", 成员单位 in "成员单位具体是哪些".
LISTED_AFTER = re.compile(r"(?:包括|包含|有|是)(?:哪些|哪几(?:个|项|类|种|家)?|什么|啥)([\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff])")
LISTED_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,4})(?:具体)(?:是|有|包括|包含)?(?:哪些|哪几)")
# What the plan's wording itself answers (a topic's measures, its work): no list of names is asked for.
NOT_LISTS = re.compile(r"内容|方面|东西|工作|任务|措施|举措|事情|重点|安排|要求|做法|打算|计划|部署|目标|行动|方向")
# "三大一体化平台具体是哪三个": the members of a collective the plan names by its count
ENUMERATE = re.compile(
    r"(具体|分别|都)?(是|指|定了|选了|选定了?|确定了?|圈定了?|挑了)哪(几|[一二三四五六七八九十两]+|\d+)(个|条|项|家|类|种|大|款|所)"
    r"|(具体|分别|到底|究竟|是哪[一个])[^,，?？]{0,8}?哪[两三四五六七八九十]+(个|条|项|家|类|种|款|所)"  # 是哪个库哪两个平台
    r"|(列|说|报|点)(一下|一列|出|个)?(它们|这些|各自)?(的)?(名字|名称|名单)"  # 18个集聚区 能列一下名字吗
    # 到底是哪仨, 三医是哪三医 (the counted noun itself after the count), 两个市 具体点名了吗
    r"|哪(仨|俩)|(是|指)哪[两三四五六七八九十]+[\u4e00-\u9fff]|具体(点名|点到|点了名)(了)?(吗|么|没|没有)"
)
# Which members a collective unit has ("省直有关单位具体是哪些", "联席会议的成员单位是哪几家"): the plan
# names the collective, never its members.
COLLECTIVE = re.compile(
    r"(?P<unit>有关单位|相关单位|有关部门|成员单位|相关设区市|有关设区市|相关地市)[^?？]{0,6}?(具体|到底|都|分别)?(是|有|指|包括)?"
    r"(哪些|哪几|哪个|谁)"
    r"|\bwhich (units|departments|cities|members)\b.{0,30}\b(relevant|concerned|member)\b"
)
MENTION_CHARS = 8  # a sentence with no more than this beyond the topic only names it ("实施智慧公安")
# The role of a named unit asked for ("数据局在算力这块是牵头还是配合", "What role does X play").
ROLE_ASKED = re.compile(
    rf"牵头(的)?还是|还是牵头|(挑大梁|唱主角|领头|带头|挑头|打下手|配角|主办)(的)?还是|还是(只是)?(帮忙|协办|跟着)|还是(挑大梁|唱主角|领头|带头|挑头|打下手|配角)|(什么|啥)角色|{ROLE_IN_TASK}|"
    r"\bwhat role\b|\blead or\b|\bthe lead\b.{0,70}\bor\b|还是(只是)?(配合|参与)"
    r"|\b(just|only|merely) (a |an )?(supporting|support|supporter|helping|helper|member|assisting|partner)\b|\bwhat(?:'s|’s| is) (its|their) (part|role)\b"
    r"|(是|算)(是)?牵头(的)?(单位|部门)?(不|吗|么|嘛|吧|不是|没)|牵头(单位|部门)?(是|为)[^,，?？]{1,12}(吗|么|不|嘛|吧)"
)
# A yes/no question about who leads ("是数据局牵头的吗", "是不是工信厅负责", "Does the data bureau lead …?").
CONFIRM = rx(
    r"(牵头|负责|主抓|主导|主管|管|抓|牵的头)(的)?(吗|么|不|嘛|吧)[?？!！。\s]*$|是不是|是否由|是否是|(^|[:：,，;；]\s*)\W*(is|does|do|are)\b",
    r"(牵头|负责|主抓|负总责)(的|单位|部门)(是|就是|为)[^,，?？]{1,12}(吗|么|不|嘛|吧|对吧|对不对)[?？!！。\s]*$",  # 牵头的是农业农村厅吗
    r"牵头[^?？]{0,16}(对不对|对吗|对不|核一下|核实一下|确认一下|没错吧)[?？!！。\s]*$",  # 以为是X牵头，核一下对不对
    *YES_NO_LEAD,
)
# A count asked for ("多少家", "几个", "how many"): the figure must count something, in the measure asked when
# that is a specific one (家, 款, 项 …; 个 is any). Times, rates and capacities (1ms, 100%, 6000P) count nothing.
COUNT_MEASURES = "个家座款项条所批台套站张人次场户件本"
ASKED_COUNT = re.compile(rf"(?:多少|几)([{COUNT_MEASURES}])|\bhow many\b(?!\s+(?:ms|milliseconds?|petaflops?|p|percent|gb|mbps)\b)")


def count_figure(folded_q: str) -> re.Pattern[str] | None:
    m = ASKED_COUNT.search(folded_q)
    if not m:
        return None
    measure = f"[{m.group(1)}个]" if m.group(1) and m.group(1) != "个" else f"[{COUNT_MEASURES}]"
    if m.group(1) == "人":  # people are also counted as users (日均活跃数100万: a bare figure after the users word)
        return re.compile(rf"\d[\d.,\-]*\s*(?:万|亿|千)?\s*{measure}|(?<=活跃数|用户数|活跃量)\d[\d.,\-]*\s*(?:万|亿|千)?")
    return re.compile(rf"\d[\d.,\-]*\s*(?:万|亿|千)?\s*{measure}")


def counted_head(folded_q: str) -> str:
    """The last two characters of what a count asks for when it follows the count ("多少家数据要素型企业" -> 企业)."""
    m = re.search(rf"(?:多少|几)[{COUNT_MEASURES}]([\u4e00-\u9fff]{{2,}})", folded_q)
    noun = re.sub(r"(吗|呢|啊|了|呀)+$", "", re.sub(r"^(左右|以上|上下)+", "", m.group(1))) if m else ""
    noun = _before_verb(noun)
    if re.search(r"(式|性|化|型)的", noun):
        noun = re.sub(r"(?<=[式性化型])的", "", noun)  # "多少个沉浸式的体验场景": 的 after a describing word
    elif "的" in noun[1:-1]:
        # "几个地市的数据专区": the count is of 地市, said with what it has (the phrase without 的, as the plan
        # writes it: 2個地市數據專區)
        return noun.replace("的", "")
    return noun[-2:] if len(noun) >= 2 else ""


def _before_verb(phrase: str) -> str:
    """The phrase up to its last noun ("地市建成" -> 地市, "场景来着" -> 场景, "数据产品上架" -> 数据产品,
    "公共数据应用场景" stays whole): what follows a count's noun is what is done to it, not the thing counted."""
    import jieba.posseg  # jieba is already loaded by the lexical index

    words = list(jieba.posseg.cut(phrase))
    last = max((i for i, p in enumerate(words) if p.flag.startswith("n") or p.flag in ("vn", "j")), default=None)
    return "".join(p.word for p in words[: last + 1]) if last is not None else ""  # "多少个来着": none after it


def counts(count: re.Pattern[str], head: str, seg: str, asked: str = "") -> bool:
    """Does the (folded) segment have a count figure, of the thing asked when the question names it after
    the count ("多少家企业": 企业 before the figure, or ending the phrase after it; not 10个…企业…场景)?
    A short head opening the phrase counts when the question names the rest of it too ("数据专区要在几个地市
    建成": 2个地市数据专区)."""
    for m in count.finditer(seg):
        after = re.sub(r"[\W_]+$", "", re.sub(r"^(左右|以上|多|余)+", "", seg[m.end():]))
        if not head or head in seg[: m.start()] or after.endswith(head) or (len(head) > 2 and after.startswith(head)):
            return True
        rest = re.sub(r"(建设|建成|工作|试点)$", "", after[len(head):])  # what is done to the thing counted
        if head and after.startswith(head) and len(rest) >= 2 and rest in asked:
            return True
    return False


# Which unit has the most tasks: a ranking of units, not one task's lead.
RANKING = re.compile(
    r"(哪个|哪家|哪些|什么|哪几个)(部门|单位|机构|厅|局)[^,，?？]{0,8}(任务|活儿?|事儿?)?最多|(任务|活儿?)最多的(是)?(哪|谁)"
    r"|\b(which|what) (agency|department|unit|body|bureau|units|agencies)\b.{0,30}\bmost (tasks|work)\b"
)
# The document's own parts: its closing words, its opening (the overall requirements).
PART_OF_DOCUMENT = re.compile(
    r"(?P<end>结尾|结语|结束语|收尾|末尾|末段|最后一段|最后部分|最后那部分|文末|最后说了|(要点|文件|通知)最后(说|讲|提|写|强调)|\b(closing|conclusion|ending)\b|\b(at|in) the (very )?end\b|\bends? with\b)|(?P<start>开头|总体要求|总的要求|前言|导语|\b(opening|introduction|preamble)\b)"
)
LIST_AGAIN = re.compile(r"(都|全|全部|一一)?(列|罗列|列举)(出来|一下|出|个清单)|^\W*(list|show) (them|all|those|these)\b")
# "那数据交易呢", "Fuzhou then?", "what about smart libraries": the last question again, about what this one names.
ELLIPSIS = re.compile(
    r"(那|那么|还有|另外|那要是)?.{1,16}(呢|then|instead)|(and|so)?(what|how)about.{1,40}|and(the)?.{1,40}one|and(the)?one(about|on|for|with).{1,40}"
    r"|(同样的问题|同一个问题|一样的问题|同样问)(换成|问一下|问问)?.{1,16}|(and)?(the)?samequestion(for|about|on).{1,40}"  # PUNCT removed spaces
)
# "And the Department of Veterans Affairs?": a unit alone after "and" (PUNCT removed spaces; not "and what…")
AND_THE = re.compile(r"and(?:the)?(?!what|who|how|which|when|where|why|does|do|did|is|are|was|were|can|could|will|would|should|has|have|it|its|this|that|they)[a-z0-9]{2,40}")
PUNCT = re.compile(r"[\s\W_]+")
# A role asked for ("泉州市参与了哪些", "责任单位里写了泉州") keeps the units-list answer.
ROLE_WORDS = re.compile(r"牵头|参与|参加|配合|协同|协助|责任单位|负责|主责")


# "Which city is named in it?", "这条提到哪些城市": the places the clause's text names, not where a thing is built
CITY_MENTION = re.compile(
    r"(提到|提及|点名|点到|写到|写了|出现|涉及|named|mentioned|mentions?)\W{0,2}[^?？]{0,6}(哪个|哪些|哪几个|which)\s*(城市|地市|设区市|地方|cit)"
    r"|(哪个|哪些|哪几个|which)\s*(城市|地市|设区市|地方|cit(y|ies)|places?)[^?？]{0,10}(提到|提及|点名|点到|写到|出现|named|mentioned)"
    r"|(提到|提及|点名|点到|写到)(的|了)[^?？,，]{0,4}(城市|地市)(都)?(有|是)?(谁|哪些|哪几个|哪几座|哪几)"  # 文件点名的重点城市都有谁
)


# "网信办和数据局都参与的任务", "数据局牵头、大数据集团配合的": the tasks two units share
BOTH = re.compile(r"都(参与|参加|牵头|负责|有份|涉及|在|沾边|挂名|列名|上榜)|(参与|参加|配合)的(是|有)?哪(一)?(个|条|项)|共同(参与|负责|挂名)|同时(参与|出现|列|挂名|在)|一起(参与|负责|挂名|出现|列)|\bboth\b|\btogether\b")
# "哪条任务只有数据局一家责任单位", "which task has a single responsible unit": a units list of one
SOLE_UNIT = re.compile(
    r"(只有|只列了?|只写了?|就|仅有?|光)[^,，?？]{0,12}一(家|个)(责任)?(单位|部门)?|唯一(的)?(一个|一家)?责任单位"
    r"|\b(only|single|sole|just one) (responsible )?(unit|agency|body)\b"
)
# the role written right after a unit's name ("数据局牵头、大数据集团配合")
ROLE_AFTER = re.compile(r"^\s*(?:是|为|作为)?\s*(?P<lead>牵头|主导|挂帅|\blead)|^\s*(?:是|为|作为)?\s*(?P<member>配合|参与|协助|协同|参加|\bsupport|\bjoin)")
# "数据局在数字乡村里干啥": one unit's part in one named task, not its whole list
IN_TOPIC = re.compile(
    r"在(?P<topic>[^,，?？]{2,16}?)(里|中|这块|那块|方面|上|这件事|这事|那条|这条)(面|头)?"
    r"(干啥|干什么|做什么|做啥|负责什么|负责啥|是什么角色|啥角色|什么角色|起什么作用|干嘛|管什么|管啥)"
)
# "可信数据空间出现在哪几条", "Which tasks mention the satellite constellation?": every clause that says it
WHICH_CLAUSES = re.compile(
    r"(出现在|出现于|提到|提及|写在|写进|见于|在)(要点|文件|工作要点)?(里|中|里面)?(的)?哪(几|些)(条|项|处|个任务|部分)"
    r"|(出现|提到|提及|写到|说到|点到)(了)?(几|多少|两|三)(处|回|个地方)"  # 闽政通在要点里出现了几处
    r"|\bwhich (clauses|tasks|parts|sections|items)\b.{0,40}\b(mention|mentions|mentioned|appear|appears|talk about)\b"
    r"|^\W*where\b[^,?]{0,60}\b(appear|appears|mentioned|show up|shows up|come up|comes up|crop up|crops up)\b"  # where does X appear
)
# "大数据集团有份吗" after a task's lead: is the unit among that task's units (alone, it asks for its tasks)
MEMBERSHIP = re.compile(
    r"有(它|他|其)?(的)?份(吗|么|没有|没|不|儿吗)|有没有(它|他|其)?(的)?份|(在|算)(不在|不算)?(里面|里头|其中|名单里|之列)"
    r"|在(这|那)(条|项|个)(任务)?(里|里面|里头|里边|中)(吗|么|不|没)"  # 自然资源厅和水利厅也在这条里吗
    r"|是不是(也|都)?在(这|那)(条|项|个)(任务)?(里|里面|中)?"  # 工信厅和海渔局是不是也在这条里
    r"|(参与|参加|配合)(了)?[^,，?？吗么]{1,14}(吗|么)[?？]?\s*$"  # 退役军人厅参与信创那条吗
    r"|(算|是)(不是)?(也)?(配合|参与|协办)(单位|部门|的)?(吗|么|不|嘛|吧)"  # 农业农村厅算配合吗, 大数据集团是配合的吗
    r"|(也)?(掺和|掺一脚|插一脚|沾边|沾上边)(了)?(吗|么|不|没|没有|嘛)"  # 档案局也掺和吗
    r"|(也)?(要|得|会)?(参与|配合|参加)(了)?(吗|么|没有|没|不)?[?？]+\s*$"  # 金融投资公司也要参与？
    r"|有(没有)?(啥|什么|点)?(关系|关联)(吗|么|没有|没|不|[?？]|\s*$)|有关(吗|么|没有|没)"  # 那跟数据局有关系吗
    r"|有没有(它|他|其)?(的)?(责任|任务)[?？]*\s*$|有(它|他|其)?(的)?(责任|任务)(吗|么|没有|没|不)"  # 福州有没有责任
    # "Is the big data group involved in the computing work?", "is the veterans department in on it?"
    r"|^\W*(and |so )?(is|are|does|do|was)\b.{0,80}\b(involved|in on (it|this|that)|part of (it|this|that|the)|take part|taking part"
    r"|participat\w*|on (the|that|this) list|listed|among (the|its) units|a (member|partner|co-unit)"
    r"|have (a|any) (role|part|share|hand)|play (a|any) (role|part))\b"
)
# What else a task holds, asked after one of its sentences ("这条里面还有啥别的工作", "what else is in it")
ELSE_IN_TASK = re.compile(r"(还有|另外|其余|其他|别的)[^,，?？]{0,4}(别的|其他|其它|其余)?(工作|内容|事|安排|任务)|\bwhat else\b")
# "城市全域数字化转型里，各设区市需要做什么": one unit's part in one named task, the task named first
TOPIC_THEN_UNIT = re.compile(r"^(?P<topic>[^,，?？]{2,20}?)(里|中|这块|那块|那条|这条)(面|头)?[,，\s]*(?=[^,，?？]{1,12}(需要|要|得|该)?(做什么|干什么|干啥|做啥|负责什么|负责啥))")
# The document itself as the subject ("这个通知落款日期是哪天"): the cover letter's facts, whatever else is named
THIS_DOCUMENT = re.compile(
    r"(这个|这份|该|本|此)(文件|通知|要点|工作要点)|落款|\b(this|the) (document|notice)\b"
    r"|\b(this|these|the) (work )?(plan|points|work points|doc|paper)\b(?! (for|on|of|about) )"  # "these work points"
    # "the 2025 Digital Fujian key tasks document": the plan by its own name
    r"|\b(this|the) (2025 )?digital fujian (key |main )?(tasks|points|work points|work plan|plan|priorities)( document| doc| notice)?\b"
)
# The document itself named ("这个文件啥时候发的"), as against a measure a task is about
DOCUMENT_NOUN = re.compile(r"文件|要点|通知|这份|本文|公文|发文|落款|\b(document|plan|paper|notice)\b")
# A question bounded by a part of the plan ("社会发展工程里", "数字安全那个行动", "the social development tasks")
SECTION_WORD = re.compile(r"工程|行动|板块|部分|\b(project|projects|programme|action|section|part)\b|\b(of|among|in) the [a-z -]{3,40} tasks\b")
WHICH = re.compile(r"\bwhich\b|哪些|哪几|哪(个|条|项)")
# "公安厅在里面干啥", "what does the police department do there?": a unit's part in the task just discussed
DOES_WHAT = re.compile(
    r"干啥|干什么|做什么|做啥|干嘛|负责什么|负责啥|管什么|管啥|什么角色|啥角色|起什么作用|起啥作用"
    r"|\bwhat (does|do|will|is|are|would)\b.{0,60}\b(do|doing|handle|handling)\b|\b(its|their) (role|part|job)\b"
)
IN_THERE = re.compile(r"(在)?(这|那)?(条|项)?(里面|里头|其中|里边)|\b(there|in it|in that|in this|on it|on that)\b")
# What is left of "交通厅呢", "and the water resources department?" once the unit is blanked: nothing asked
BARE_REST = re.compile(r"[\s\W]*(那|那么|还有|另外|那要是)?[\s\W]*(呢|吗|么)?[\s\W]*|[\s\W]*((and|so|what|how|about|then|the|ok)\b[\s\W]*)*")
# An English date cue spans its topic ("when will the AI blue book be published"): only its own words
EN_DOCUMENT_WORDS = re.compile(
    r"\b(when|will|would|was|were|is|are|be|been|being|get|gets|got|issued|published|released|signed|dated|adopted|approved"
    r"|sent out|go out|went out|come out|came out|expected|supposed|to|on|what|which|day|did|does|do|issue|publish|release|sign"
    r"|this|the|work plan|plan|document|leading group|the leading group)\b"
)
# A measure comes out (出台); a document is printed and sent (印发, 下发), which a task never is
MEASURE_OUT = re.compile(r"出台|颁布|公布|发布|推出|落地|\b(passed|adopted|come out|released|launched)\b")
# Who makes up a collective unit the plan names ("那个联席会议由哪些厅局组成"): it never says.
COLLECTIVE_MAKEUP = re.compile(
    r"(?P<unit>联席会议|领导小组)[^?？]{0,8}?((由|包括|包含|有)(哪些|哪几|什么)[^?？]{0,4}(组成|构成)?|(成员|组成)(单位)?(是|有)?(哪些|哪几|谁))"
)
# "数据局之外呢", "除了数据局还有谁", "besides the data bureau?": the units other than one named
BESIDES = re.compile(r"之外|以外|除了|除去|\b(besides|apart from|other than|except)\b")
# "它的数字目标有哪些", "what are all the targets": every figure of the clause, not the one best sentence
ALL_FIGURES = re.compile(
    r"(数字|数量|量化|硬性|具体)(目标|指标)|(目标|指标)(都|一共|总共)?(有)?(哪些|哪几|啥|什么)|(几个|哪些|多少个)(目标|指标)"
    r"|硬指标|(所有|全部)的?(量化|数字)?(目标|指标)"
    r"|\b(all|what are) the (targets|figures|numbers|numeric targets)\b|\bwhat (targets|figures|numbers)\b"
)


def has_figure(sentence: str) -> bool:
    """Does a sentence state a figure (the 5 of 5G and a list number are none)?"""
    return bool(re.search(r"\d", GENERATION.sub("", fold(NUMBERING.sub("", sentence)))))


def cities_in(text: str, original: bool = False) -> list[str]:
    """The cities a text names, in the order of CITIES; `original`: as the text writes them (廈門)."""
    folded = fold(text)
    found = [c for c in CITIES if c in folded]
    if not original or len(folded) != len(text):
        return found
    return [text[folded.index(c) : folded.index(c) + len(c)] for c in found]


def city_named(q: str) -> str:
    folded = fold(q)
    found = [c for c in CITIES if c in folded]
    found += [zh for en, zh in CITIES_EN.items() if re.search(rf"\b{en}\b", folded) and zh not in found]
    return found[0] if len(found) == 1 else ""


def enumerates(text: str) -> bool:
    """Does the text (a clause's or its sentences') spell out a list's members ("包括…", "即…", a colon)?"""
    body = re.sub(r"[（(](責任單位|责任单位).*?[)）]", "", text)  # the units note has a colon of its own
    return bool(re.search(r"包括|包含|分别是|分別是|即[^将將]|[:：]", body))


WH = r"(哪些|哪几|什么|啥|多大|多少|多长|多高|多宽|多久|多重|几|谁)"


def asked_about(word: str, folded: str) -> str:
    """`word` without its wh-word when a wh-word asks for it: right after it (有哪些功能模块) or right before
    it (占地多大, where the uncovered stretch takes 多大 along); "" when it is not what is asked."""
    bare = re.sub(WH, "", word)
    if bare != word:
        return bare if len(bare) >= 2 else ""
    w = re.escape(word)
    return word if re.search(rf"{WH}(个|种|项|类|些|条|座|家|所|片|块|批|套)?(的)?{w}|{w}(是|有|为)?{WH}", folded) else ""


def in_stretch(run: str, i: int, text: str) -> bool:
    """Is run[i] inside a stretch of two or more of the run's characters that `text` contains?"""
    return any(run[a:b] in text for a in range(max(0, i - 7), i + 1) for b in range(max(a + 2, i + 1), len(run) + 1))


def widest(run: str, folded: str, plan: str) -> str:
    """The longest stretch of the question around `run` (up to four characters either side) that the
    plan also writes: 大模型 where masking left 模型."""
    at = folded.find(run)
    if at < 0:
        return run
    best = run
    for i in range(max(0, at - 4), at + 1):
        for j in range(at + len(run), min(len(folded), at + len(run) + 4) + 1):
            if j - i > len(best) and folded[i:j] in plan:
                best = folded[i:j]
    return best


def says_whole(sentence: str, tokens: list[str]) -> bool:
    """Does the sentence say every topic word of the question (`tokens`, its segmented topic), and two
    the question writes side by side (标杆企业) side by side too?"""
    words = [w for w in tokens if len(w.strip()) >= 2]
    pairs = [a + b for a, b in zip(tokens, tokens[1:], strict=False) if len(a.strip()) >= 2 and len(b.strip()) >= 2]
    text = fold(sentence)
    return bool(words) and all(w in text for w in words) and (not pairs or any(p in text for p in pairs))


_POSSESSED = re.compile(r"(?:上面的|里面的|里的|中的|的|里面|上面)(?P<head>[\u4e00-\u9fff]{2,8})\W*$")


# "数据港的事上", "养老院的那块": the matter of X, not a thing of its own
_MATTER = re.compile(r"(那个|这个|那|这)?(事|事上|事儿|事情|事情上|问题上|块|块儿|方面|一块|部分|活|活儿)")


def possessed(topic: str) -> str:
    """The thing a "X的Y" topic asks about (Y: 外卖功能 of 闽政通上面的外卖功能), or ""."""
    m = _POSSESSED.search(fold(topic).strip())
    return m.group("head") if m and not _MATTER.fullmatch(m.group("head")) else ""


# "算力规模目标是8000P对吧", "PUE要降到1.25以下吗", "is it 20,000 base stations, right?": a figure the asker
# states for confirmation (not 5G: a figure glued to a letter other than its unit is a code)
FIGURE_CONFIRM = re.compile(
    r"(?<![0-9a-z.\-])(?P<fig>\d[\d.,]*\s*(万|亿|千|百)?\s*(p|ms|%|个|家|款|座|条|项|台|套|所|处|场)?)(?![0-9a-z])"
    r"[^,，?？0-9]{0,8}?(对吧|对吗|对不对|是吗|是不是|没错吧|吧|吗|么)[?？!！。\s]*$"
    r"|(?<![0-9a-z.\-])(?P<efig>\d[\d.,]*\s*(k|m|p|ms|%)?)(?![0-9a-z])[^?0-9]{0,40}?\b(right|correct|is that right|isn'?t it|yes)\W*$"
)

_SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2, "k": 1e3, "m": 1e6}
_FIGURE_VALUE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万|亿|千|百|k\b|m\b)?")


def figure_values(text: str) -> set[float]:
    """The values of the figures in folded text, scale words applied (1万 and 10,000 are one value)."""
    return {float(n.replace(",", "")) * _SCALE.get(u or "", 1.0) for n, u in _FIGURE_VALUE.findall(text)}


# A unit's task list asked with no topic of its own (发改委当头的活儿列一下, 泉州市直接列进责任单位的是哪一条):
# what such a question asks for, the words of it that are no topic, and a pronoun standing for the unit
# the last answer named ("它在数据要素那个行动里还挑头哪些", "does it lead anything under 行动五").
ASKS_LIST = re.compile(
    r"哪(一|几|些)?(条|项|个任务|块)|几(条|项|个任务)|一(条|项)|条目|列(一下|出来|个清单)|数一下|任务|活儿?|事儿?"
    r"|(牵头|挑头|带头|领头|主抓|负责|配合|参与|打下手)(了)?(哪些|哪几|啥|什么)|(牵头|挑头|配合|参与|打下手)的(呢|有|是)"
    r"|\b(anything|tasks?|items?|which)\b"
)
LIST_WORDS = re.compile(
    r"作为|直接|条目|单列|排(在)?(后面|前面|后头|前头|第一|首位)|第一|名字|出现|当头|列进|列入|写进|一下|呗|它们|它|他们|"
    r"就|只|光|一条|一项|自己|单独"
)
UNIT_PRONOUN = re.compile(r"它|他们|该(单位|部门)|这个(单位|部门)|那个(单位|部门)|\b(it|they|them)\b")
# the pronoun as the one who leads or joins ("它…还挑头哪些", "does it lead"), not the task led ("谁牵头它")
PRONOUN_ACTS = re.compile(
    r"(它|他们)[^,，?？]{0,14}(牵头|挑头|带头|领头|负责|配合|参与|主抓|打下手)"
    r"|\b(does|do|did) (it|they) (also |even |still )?(lead|head|run|join|support|take part|co-?lead)\b"
)
