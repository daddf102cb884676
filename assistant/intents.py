"""Which kind of question is this? Pure, fast, no model.

The question is folded first (corpus.script.fold: NFKC, simplified, lower case), so every pattern below
is written once, in simplified Chinese or lower-case English, and matches traditional, full-width and
upper-case questions alike.

All wording lives in the cue tables (``_CUES``, ``_STRUCTURES``, ``assistant.cues.DOCUMENT_FIELDS``); ``detect`` only
walks ``_KIND_ORDER``, whose order settles the overlaps between kinds (each entry says why it sits where it
does).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.cues import DOCUMENT_FIELDS, MAX_SCAN_CHARS, ROLE_IN_TASK, YES_NO_LEAD, rx
from corpus.agencies import AgencyDirectory
from corpus.script import fold


@dataclass(frozen=True)
class Intent:
    kind: str  # lead | members | agency_tasks | number | structure | document | general
    agencies: tuple[str, ...] = ()  # canonical agency names mentioned (AgencyDirectory.find_in)
    role: str = ""  # for agency_tasks: "lead", "member", "" both
    structure: str = ""  # for structure: actions | projects | parent | tasks
    follow_up: bool = False  # refers back to the previous turn
    language: str = "zh"  # zh | en




# Organisations that are not responsible units: "哪家" next to one asks for a company or a hospital.
# (and places: 哪家图书馆, 哪家景区 ask which library or scenic spot, 哪家博物馆 which museum)
_NOT_UNITS = (
    "企业", "公司", "医院", "学校", "高校", "银行", "厂商", "服务商", "运营商", "机场", "酒店", "商家",
    "图书馆", "博物馆", "景区", "文化馆", "美术馆", "剧院", "园区", "实验室", "研究院", "大学",
)


def _not_after(nouns: tuple[str, ...], word: str) -> str:
    """`word` not right after one of `nouns`, nor after noun + 有/是 (re's look-behinds are fixed-width,
    so one per noun)."""
    return "".join(f"(?<!{n})(?<!{n}有)(?<!{n}是)" for n in nouns) + word

# --------------------------------------------------------------------------------------------- cue tables
# Every pattern is matched against the folded question (simplified, lower case, NFKC punctuation).

_CUES: dict[str, re.Pattern[str]] = {
    # Who leads: the question asks for ONE unit (the lead) of a task. Plain 牵头/负责 are not enough:
    # "数据局牵头了多少项" uses 牵头 but asks about tasks.
    "lead": rx(
        r"谁(来)?(牵头|负责|主责|主导|主抓|领衔|挂帅|抓总|来做|来干|来落实|来推进)",
        r"(哪个|哪一个|哪家|哪些|什么)(部门|单位|机构|机关|厅局)?(来)?(牵头|主责|主导|主抓)",
        r"(哪个|哪一个|哪家|什么)(部门|单位|机构|机关)(来)?负责",
        r"(是|归|算)(哪个|哪一个|哪家)(部门|单位|机构|厅局)的(活|事|活儿|事儿|职责|任务)",  # 是哪个部门的活
        r"牵头(单位|部门|机构|方|厅局|的厅局)",
        # everyday forms: 找哪个部门, 哪个口子负责, 归哪个部门, 谁来抓, 牵头的是谁, 是哪个厅牵头的, 牵头的是X吗
        r"找(哪个|哪家|哪一个|什么|哪)(部门|单位|厅|局|口子|机构)",
        r"(哪个|哪家|哪一个|什么)(口子|厅|局|委|办)(来)?(负责|牵头|管|抓|主管)?",
        r"(归|由)(哪个|哪家|哪一个|谁|什么)(部门|单位|口子|机构)?(来)?(管|负责|牵头|抓|主管)",
        r"归(哪个|哪家|哪一个|什么)(部门|单位|口子|机构)|归哪(儿|里)?(管|负责|抓)|牵的头|牵(这个|个)头",  # 归哪管, 是X牵的头吗
        r"谁(来)?(抓|管|搞|挑头|主抓|牵头搞|负总责)",
        r"(头儿|头头|领头的|带头的|挑头的|牵头人|话事的)(是)?(谁|哪个|哪家)",
        # the role of a named unit in a task: "数据局在算力这块是牵头还是配合", "What role does X play in …"
        ROLE_IN_TASK,  # 水利厅在这条里算啥
        r"牵头还是(配合|参与|打下手|协助|协同|帮忙|辅助)|(配合|参与|打下手|协助|协同)还是牵头|(什么|啥)角色|\bwhat role\b|\blead or (support|assist|take part)\b"
        r"|\blead(s)? (it |this |that )?or (just |only |merely )?(help|helps|support|supports|assist|assists|take part|takes part|back|backs)\b",
        # yes/no about who leads: "算力是数据局牵头的吗", "是不是工信厅负责", "Does the data bureau lead it?"
        r"(牵头|负责|主抓|主导|主管|管|抓)(的)?(吗|么|嘛|吧)[?？!！。\s]*$|是不是(?=[^,，?？]{0,12}(牵头|负责|主抓|主导|主管|管|在抓|在搞|在推|在做))",
        r"(^|[:：,，;；]\s*)\W*(is|does|are)\b.{1,60}\b(lead|leads|leading|the lead|in charge|responsible)\b",  # "quick check: is X the lead …"
        r"\bwhose (job|responsibility|task|call)\b|\bto lead\W*$|\b(is |are )?(listed|named|put) first\b",  # "whose job is it to lead?"
        r"\bwho(?:'s|’s| is| are)? (behind|driving|running point on|spearheading|heading up|fronting|steering|in the driver'?s seat"
        r"|organi[sz]ing|coordinating|overseeing|running)\b",
        # "到底是网信办还是农业农村厅挑头", "应该是公安厅牵头的吧 帮我确认下": which of two, or confirm one
        r"是[^,，?？]{1,12}还是[^,，?？]{1,12}(牵头|负责|主抓|主导|主管|管|挑头|打头|带头|领头)",
        r"(应该|应当|估计|大概|可能)是[^,，?？]{1,12}(牵头|负责|主抓|主导|挑头|带头|领头)(的)?(吧|吗|么|不|嘛)",
        # "who exactly is listed as lead", "whose name comes first", "is it a single agency?"
        r"\bwho(?: exactly| actually)? is (listed|named|put down|down|shown|given) as (the )?lead\b|\bwhose name (comes|is|appears|goes) first\b"
        r"|^\W*(and )?(is it|is that|is there) (a single|one|just one|only one) (agency|unit|department|body|lead)\b",
        r"牵头(单位|部门)?(是|为)[^,，?？]{1,12}(吗|么|不|嘛|吧)[?？!！。\s]*$|是牵头(单位|部门)?(不|吗|么|嘛|吧|不是)[?？!！。\s]*$",  # 牵头是网信办不
        *YES_NO_LEAD,  # 那条是农业农村厅管？ …牵头的对不
        # a choice between two units, or whose job it is: "是数据局牵头还是市场监管局牵头", "是不是网信办的活"
        r"(牵头|负责|主抓|主导|主管|管|挑头|打头|带头|领头)还是[^,，?？]{1,12}(牵头|负责|主抓|主导|主管|管|挑头|打头|带头|领头)",
        r"(牵头|负责|打头|挑头|带头|领头|主抓|主导)的(到底|究竟)?(是|单位是|部门是)[^,，?？]{1,12}还是",
        r"(牵头|负责|主抓|挑头|带头|领头)(抓|管|干|搞)?的(单位|部门)?(是不是|是否|就是|应该是)",  # 牵头抓的是不是科技厅
        r"(挑大梁|唱主角|扛大旗|抓总|挂帅|打头阵|打头|领头|带头|挑头|排头|负总责)的(单位|部门|是)",  # 挑大梁的单位是？
        # 那 typed for 哪 at the end of a question ("…这些是那个部门领头"): a who-word, not "that unit"
        r"那个(部门|单位|机构|厅|局)(来)?(牵头|领头|打头|带头|挑头|负责|主抓|管)(的)?[?？!！。\s]*$",
        r"是不是[^,，?？]{1,12}的(活|事|任务|工作|职责)",
        r"还是[^,，?？]{1,14}(牵头|负责|主抓|主导|主管|在管|管)(的)?(呢|吗|啊)?[?？!！。\s]*$",  # 市场监管局还是数据局牵头
        r"是[^,，?？]{1,12}(牵头|负责|主抓|在管)(的)?(不|不是|没|没有)[?？!！。\s]*$",  # 是交通厅牵头不
        r"(是)?谁的(活|事|任务|工作|职责|责任|地盘)",  # 那个产业园是谁的活
        r"牵头的(单位|部门)?(是|为)",
        r"是(哪个|哪家|哪一个|什么)(部门|单位|厅|局|委|口子)(牵头|负责|主抓|在管|管)",
        r"归口(是|为|在)[^,，?？]{1,12}还是|牵头[^?？]{0,16}(对不对|对吗|对不|核一下|核实一下|确认一下|没错吧)|"
        r"(发布|印发|实施|建设|牵头|承办|主办)主体|主责|责任主体|主管部门|负责(单位|部门)是|第一责任(单位|部门|人)|(排|列|写)(在)?(第一|最前|最前面|首)(位|个)?的(责任)?(单位|部门|是)",
        # Composed rather than listed: a who-word then a doing verb (谁来建, 哪家来办, 谁负则 with its typo),
        # or 归/归口/由 + a who-word (归哪家, 归口哪个厅, 由谁).
        r"谁来[\u4e00-\u9fff]|谁(负则|负债|主管|在管|在抓)",
        r"(归口?|由)(哪个|哪家|哪一个|谁)",
        r"(哪个|哪家|哪一个)(部门|单位|厅|局|委|办|口子|机构)(来)?(负则|建|搞|办|做|弄|抓|落实|推进|承担)",
        # A who-word is the question whatever verb follows (挑大梁, 领头的, 打头阵): "which unit" or 谁, but
        # not 谁 asking for several (有谁, 谁参与/配合) nor a person (哪位 is the slot layer's).
        r"(哪个|哪一个|哪一家)(部门|单位|机构|机关|厅|局|委|办|口子)(?!的)",
        # 哪家 alone asks for a unit, unless a company, hospital or school is what is asked for (试点企业有哪家)
        _not_after(_NOT_UNITS, "哪家") + rf"(?!的|{'|'.join(_NOT_UNITS)})",
        _not_after(_NOT_UNITS, r"(?<!有)(?<!跟)(?<!和)(?<!与)(?<!同)谁") + r"(?!参与|配合|协同|协助|参加|一起|还|的)",
        # 牵头 typed with a wrong character (牵投, 签头) before 单位/部门, and the formal names of a lead
        r"(牵.|.头)(单位|部门)|(主办|主管|主抓|领衔|领头|带头|挑头|总牵头)(单位|部门|方|的)",
        r"\bwho(\s+is|'s|’s|\s+will|\s+should|\s+does)?\s+(lead|leads|leading|responsible|in charge|heads?|owns?"
        r"|the lead|takes the lead)\b",
        r"\bwho(?:'s|’s| is| will| should)? (does|do|handles?|runs?|owns?|drives?|doing|handling|running|driving|owning)"
        r" (it|this|that|them)\b",  # "digital fujian legislation - who does it"
        r"\bwhich (?:[a-z]+\s+)?(agency|department|dept|unit|body|organi[sz]ation|bureau|office|authority|company|group)\s+(leads|is leading"
        r"|is responsible|is in charge|heads|takes the lead|owns|is (out )?in front|is out front|fronts|spearheads|is spearheading"
        r"|is driving|drives|is running|runs|calls the shots|is on point|has the lead|is accountable as (the )?lead|is the lead)\b",
        # not "which units support the lead agency": that asks for the others
        r"(?<!support the )(?<!supports the )(?<!assist the )(?<!assists the )(?<!help the )(?<!besides the )"
        r"(?<!helping the )(?<!backing the )(?<!back up the )(?<!backing up the )(?<!backs up the )(?<!with the )"
        r"\b(lead|leading|responsible|main) (agency|unit|department|dept|body|organi[sz]ation|bureau)\b",
        # "is that the same agency?", "也归它?", "也是同一家牵头吗": whether the lead is the one just named
        r"\bsame (agency|department|dept|unit|lead|bureau|body|office|authority)\b|也归(它|他们|同一)|也是(它|他们|同一(个|家)?(单位|部门)?)(牵头|负责|管|挑头)?(吗|么|不|没)",
        # English who-words, whatever verb follows (Who handles…, Which bureau runs…), as in Chinese
        r"^\W*(?:(?:and|so|ok|okay|also|then|but)\s+)?(who|which (?:[a-z]+\s+)?(agency|department|dept|unit|body|organi[sz]ation|bureau|office|authority|government))\b"
        r"(?!\s+(else|takes? part|participates?|joins?|supports?|helps?|assists?|(is|are) involved|signed|issued|helping|backing"
        r"|supporting|assisting|working with|(is|are) (helping|backing|supporting|assisting|working)"
        r"|(is|are)\s+(the\s+)?(partners|members|participants|other|supporting|co-?leads?|collaborators)))",
    ),
    # Who takes part: the units of a task other than (or besides) the lead. 责任单位 asks for the whole list,
    # which a members answer gives together with the lead.
    "members": rx(
        r"(配合|参与|协同|协助|协办|协作|配套|支持|参加|责任|相关|其他|其余|其它|合作|落实|实施|承办)(的)?(单位|部门|机构)",
        r"(参与|配合|协办|协作|合作)方|除(了)?牵头(的|单位|那家)?(以外|之外)",  # "这条的参与方 除牵头的以外列一下"
        r"(配合|协同|协助|参与)的(都|一共|总共|还)?(是|有|都是)|(跟着)?(一起|一块儿?|一同)(干|做|搞|负责|弄)|哪几家|都有谁|(几|多少)(家|个)(单位|部门|机构)",
        r"跟着(干|做|搞|弄)|跟着[^,，?？]{1,8}(干|做|搞|弄)的",  # 跟着生态环境厅干的有哪些
        r"(有没有|有无|是否有)[^,，?？\s]{1,6}(口子|条线|系统|口)的(单位|部门)?",  # 责任单位里有没有金融监管口子的
        r"(配合|协同|协助|参与|参加|协办)的(单位|部门)?(呢|有谁|是谁|是哪些|有哪些)",  # 那配合的呢
        r"(跟|和|与|同)?(它|他们|其|牵头的)?(搭伙|搭档|合伙|打配合|帮衬|打下手)的",  # 跟它搭伙的是哪几家
        r"(所有|全部|全体)(的)?(责任)?(单位|部门)",  # 这条任务名下所有单位给我列全
        r"(责任|负责|参与|配合)(单位|部门)[^,，?？]{0,3}(全部|全都|都|全)(列|给|说|报)",  # 负责单位 全部列给我
        r"(除了|除去)[^,，?？]{1,12}[,，\s]*(还有|仲有)(哪个|哪家|哪些|哪几个|谁|别家|别的|其他|其它|旁的)(?![^,，?？\s]{0,5}(城市|地市|市|地方|县|区|地区|省|任务|活|事|工作|条|项))",  # (not 哪几个城市: places; nor 别的任务: its tasks)  # 除了发改委，还有哪个有份, 除了数据局还有别家吗
        # 是不是就数据局跟工信两家, 有没有地市参与 还是光省直两家: who is on the list
        r"(只有|就|光|仅)[^,，?？]{0,12}(一|两|二|三|几)家(单位|部门)?|有没有(地市|设区市|市里|城市)(参与|参加|在里面)",
        r"(排|列)(在)?第几(位|个|名)?(?!.{0,2}(工程|行动|任务))",  # 交通运输厅在那条排第几: its place in the units list
        r"(还有|有)(别的|其他|其它)(单位|部门)(没|吗|么|没有|不)?",  # 除了数据局还有别的单位没
        r"(参与|配合|参加|协同|协助)(了)?(吗|没有|没|么)|有没有(参与|配合|参加)|是不是(配合|参与)(单位|方)?",  # 民政厅参与了吗
        r"(哪些|哪几个|哪几家|哪几)(部门|单位|机构|机关|厅局)(?!的(系统|数据|平台|网站|应用|业务))",  # (not 哪些部门的系统: whose systems)
        r"(部门|单位|机构)(来)?(参加|参与|配合|协同|协助)",
        r"谁(参与|配合|协同|协助|参加)|还有谁|还有哪些(部门|单位|机构)",
        r"\bwho (backs|supports|helps|assists) (up )?(the )?\w",  # who backs up the culture and tourism department
        r"涉及(哪些|什么|哪几个|几个|哪几家)(部门|单位)|(涉及|有关|相关|参与|配合)的(单位|部门)(都|全部|全|一共)?(列|有|是|写)",
        # 水利厅在里面吗, 有没有水利厅: is a unit on the list
        r"(在|算)(不在|不算)?(里面|里头|其中|名单里|名单上|之列|里边)(吗|么|没有|没|不)?[?？。!！\s]*$",
        # English: who backs up / works with / is helping the lead
        r"\b(support|assist|help|back|work|cooperat|partner|team)(s|es|ed|ing|e|ion)?\b( up| out| with| alongside)?"
        r"( the)? (lead|leading)\b",
        r"\bwho(\s+is|'s|’s|\s+are)?\s+(helping|backing|supporting|assisting|working with|partnering|teaming up|cooperating)\b",
        r"\b(other|supporting|participating|partner|co-?responsible|member|responsible|involved) (units|agencies"
        r"|departments|bodies|organi[sz]ations)\b",
        r"\bwho (else|takes part|take part|participates|joins|supports|helps|assists|is involved|are involved)\b",
        r"\b(list|name|give|show)( me)? (all|every|each)( of)?( the)? (units?|agencies|agency|departments?|bodies)\b",
        r"\b(which|what) (?:[a-z-]+\s+){0,4}?(agencies|departments|units|bodies|organi[sz]ations)\b",  # which legislative or political-consultative bodies
        r"\b(support|supports|assist|assists|help|helps) the lead\b|\b(besides|other than|apart from|except|beyond) the lead\b",
        r"\b(list|all|every|the) (the )?(units|agencies|departments|bodies)\b|\blist of (the |all )?(the )?(units|agencies|departments|bodies)\b",
        r"\b(members|participants|partners|co-?leads?|collaborators|co-units?|co-agenc(y|ies)|co-departments?|co-owners?|co-sponsors?)\b",
        r"\bwho(?:'s|’s| is| are|s)? on (it|that|this|the (task|team|list))\b",
        # "and the others?", "其他的呢" after who leads: the rest of the units
        r"^\W*(and|what about|how about)?\W*(the )?(others|rest)\W*$",
        r"^\W*(那)?(其他|其余|剩下|另外)的?(呢|有谁|是谁|还有谁)\W*$",
    ),
    "units_asked": rx(
        r"(哪些|什么|哪几个|几个|多少个?|几家|多少家)(部门|单位|机构)(?!的(系统|数据|平台|网站|应用|业务))", r"都有谁|哪几家", r"\b(units|agencies|departments)\b"
    ),
    # What an agency does: the question asks for TASKS (a list or a count), so a named agency is its subject.
    "agency_tasks": rx(
        r"(负责|牵头|参与|配合|参加|承担|主责|协同|协助|分管|主抓|涉及|主导)(了|的|过)?(哪些|什么|多少|几|哪几)",
        r"(哪些|什么|啥|多少|几)(项|个|条|件)?(任务|工作|事项|事情|职责|活儿?|事儿?)",
        r"(多少|几)项",
        r"(?<!别)的(任务|工作|职责|分工)(是什么|有哪些|清单|列表)?[?!.。？！]*$",  # (not 这条里还有啥别的工作)
        r"做(了|过)?(什么|哪些)|干(了|过)?(什么|哪些)|任务清单|工作清单|职责",
        # everyday forms: 都管啥, 参与了啥, 有没有任务, 在哪条任务里出现, 被点名负责, 要干啥
        r"(都)?管(了)?(啥|些啥|些什么|什么|哪些|哪几)|(参与|负责|牵头|配合)(了)?(啥|哪项|哪条)|干(啥|嘛)|做(啥|些啥)",
        r"有没有(任务|活|事)|在哪(条|项|些)任务|出现在|被点名|要(负责|干|做|搞|弄)(啥|什么|哪些|哪项)",
        r"(弄|忙|搞)(啥|些啥|些什么|什么)(?!.{0,6}(谁|哪个|哪家)|内容)|(任务|活儿?|事儿?)(都)?在哪(几|些)?(条|项)",
        r"有(任务|活儿?|事儿?|工作|份)(吗|么|没有|没)",  # 莆田有任务吗
        # "I work at the police department - where in the plan are we named as a responsible unit?"
        r"\b(where|which tasks?|what tasks?|which items?)\b[^?]{0,40}\b(are|is) (we|our (unit|department|bureau|office|agency)|it|they)\b[^?]{0,10}\b(named|listed|included|mentioned)\b",
        # "科技厅除了这个 还有哪条是它打头的": the unit's other tasks
        r"(还有|另外|其他|别的)(还有)?哪(些|几)?(条|项|个任务|件)(是|归|由)?(它|他们|其|该单位)?(打头|牵头|领头|挑头|主抓|带头)",
        r"排(在)?(第一|首位|头一|最前)(位|个|面)?的?\s*(是|有)?哪|有没有哪(条|项|个任务)",  # 排第一位的是哪几条
        r"(牵头|负责|参与|配合)的(一共|总共|共)?(有)?(多少|几)(项|条|个)|(牵头|负责|参与|配合)(单位)?的\s*(是|有)?哪(几|一)?(项|条|块|部分|些方面|个任务)|负责(些)?(啥|什么)|在哪(几|些)(条|项)(里|中)?(有份|出现|露面)",
        r"(挑|扛|担)(了)?(哪些|什么|啥|几副|多少)(担子|重担|活)?|(哪些|什么|啥)(担子|重担)",
        # 当主责单位的是哪几块, 名字挂在哪几条里头, 牵头多还是配合多, 在哪条里有活干
        r"(主责|主抓|挑头|带头)(单位|部门)?的\s*(是|有)?哪(几|一)?(项|条|块|些|个任务)",
        r"(名字)?(挂|列|写)在哪(几|些|一)?(条|项)|(牵头|配合|参与)多还是(牵头|配合|参与)多",
        r"(被)?(专门|单独|单个|特意)(地)?(写|列|点)(了)?(出来|进去|进来|名)?的\s*(是)?\s*哪(一|几)?(条|项)",  # 福州在责任单位里被专门写出来的是哪一条
        # 泉州市被单列出来的是哪一条, 密码局都沾了哪几条, 有没有自己牵头的条目
        r"(被)?单列(了)?(出来)?的\s*(是)?\s*哪(一|几)?(条|项)|沾(了|到|上)?(哪|几|多少|什么|啥)(几|些)?(条|项|块|个任务)?",
        r"(有没有|有无|有)(自己|独自|单独)?(牵头|负责|主抓)的(条目|条|项)",
        # 科技厅今年挑头的有几条: its lead tasks counted, in the everyday words for leading
        r"(挑头|带头|领头|主抓|挑大梁)的(任务|活儿?|事儿?)?(一共|总共|共)?(有)?(几|多少)(条|项|个|件)(?!.{0,2}(单位|部门|家))",
        # 有自己牵头的活吗, 有当主角的任务吗: whether it leads anything (its list answers it)
        r"有[^,，?？]{0,4}(牵头|挑头|带头|主抓|当主角|唱主角|挑大梁)的(任务|活儿?|事儿?|条目|工作)(吗|么|没|没有|不)?",
        # 交通运输厅在哪几条里面: a short subject, the unit (not 公安那个“警跃计划”在哪条里: a programme)
        r"^\s*[^,，\s那这]{1,12}\s?在哪(几|些|一)?(条|项)(任务)?(里面|里头|里|中|当中)?[?？。!！\s]*$",
        # 有点名给它的活没, 挑头的跟帮忙的活各是哪些
        r"(点名|分|派|安排|交)给(它|他|她|他们)的(活|任务|事)|(牵头|挑头|带头|领头)的(跟|和|与|同)(配合|帮忙|参与|打下手)的",
        r"在哪(一|几|些)?(条|项)(任务)?(里|里面|里头|中)?(有|分到)(活|事|任务)",
        r"(点到|提到|写到|提及)(了)?(它|他|她|他们)(了)?(吗|么|没|没有)|被(点到|提到|点了|提了|提及|写到|写进)|(出现|提到|点到|提及|写到)(了)?(几|多少)(次|回|处)",  # 厦门被点到几次
        r"(牵头|负责|参与|配合)的(事项|任务|工作|事情|事儿|活儿?)(有哪些|清单|都有啥|都是啥)?[?？。!！\s]*$",  # 发改牵头的事项
        r"(?<=[\u4e00-\u9fff])(?<![条项块那这它])(牵头|负责|参与|配合)的(都|还)?(有|是)(哪些|啥|什么|哪几)[?？。!！\s]*$",  # 网信办牵头的都有哪些 (not 那条配合的)
        r"(牵头|参与|配合|负责)的(任务|活儿?|事儿?|工作)?(有没有|有吗|多不多|多吗)",  # 工信厅牵头的有没有
        r"比[^,，?？]{1,12}(多|少)(吗|么|不|几|多少)?",  # 数据局牵头的比工信厅多吗: both lists
        r"(任务|活儿?|事儿?)(多吗|多不多|多么|重吗|重不重)",
        r"有(牵头|参与|配合|负责)的(吗|么|没有|没|任务|活)",  # 大数据集团有牵头的吗
        # (not 落到哪个厅头上: which unit it falls to, the lead)
        r"(摊上|分到|分配到|轮到|落到|被安排|安排到|安排了)(了)?(哪些|什么|啥|几|哪(项|条|个)(?!(厅|局|委|办|部门|单位|机构|口子|家)))",  # 这次都被安排了啥
        r"有(它|他|其)?(的)?份(的)?(是)?(哪|什么|啥)",  # 电子信息集团有份的是哪条
        r"(参与|负责|牵头|配合|管)(了)?(别的|其他|其它|其余)",  # 它还参与了别的吗
        # (not "这条里面还有啥别的工作": the task's other work)
        r"(?<!里面)(?<!里头)(?<!条里)(?<!项里)(还有|有没有|还有没有)(挂|担|接|领|揽)?(了)?(别的|其他|其它|其余)(任务|活儿?|事儿?|工作)|摊上[^,，?？]{0,8}(活|事|任务)",  # 除了这个还有别的任务不
        r"有(啥|什么|哪些)(具体)?(任务|活儿?|事儿?)(吗|么|没|没有)?[?？。!！\s]*$",  # 三明市这次有啥具体任务没
        r"(它|他们|该单位|该部门|这个单位|这个部门|这家)(作为|当|做)(配合|参与|协同|协助)(单位|方|部门)?(参与|配合)?的",  # 那它作为配合单位参与的呢
        r"(活儿?|事儿?|事情|任务|工作)(都|还)?(有|是)(哪些|什么|啥|哪几|哪条|哪项|哪个)(?!.{0,4}(单位|部门|机构|局|厅|委|办))",  # 数据局牵头的活都有哪些
        # counted after the noun (牵头的活有几条) or listed on request (涉及的任务列一下)
        r"(任务|工作|事项|活儿?|事儿?)\s*(一共|总共|共|大概|大约|大致|差不多)?(有)?(多少|几)(项|个|条|件|桩)",
        r"(涉及|参与|牵头|负责|配合|承担|点名|点到)(了)?的(任务|工作|事项|活儿?|事儿?)(都)?(列|说|讲|报|给)",
        r"(写了|列了|列入|列有|含|包含|有|点了|点名|提到|提了)[^,，?？]{1,12}的是哪(一)?(条|项|几条|几项|些)",  # 责任单位里写了泉州市的是哪条
        r"(它|他们|该单位|该部门|这个单位|这个部门|这家)(还|只|光|仅|只是|光是|仅仅|就)?(参与|配合|牵头|负责|协同)(了)?[、，,\s]*(不牵头|没牵头)?的",  # 那它参与的呢
        # 泉州市被列成责任单位的是哪条, 泉州是哪几条的责任单位
        r"(列成|列为|列作|列入|列进|写进|作为|当)[^,，?？]{0,4}(责任|牵头|配合|参与)单位的?(是|有)?哪(条|项|几|些)",
        r"(列进|写进|列入|列为)[^,，?？]{0,4}(责任|牵头|配合|参与)单位的(条目|任务|条)",  # 被列进责任单位的条目 一共几条
        r"(是)?哪(几|些)?(条|项)(任务)?的(责任|牵头|配合|参与)单位",
        r"(一起|同时|共同)(挂名|出现|列名|列入|在列|列)",  # 网信办和农业农村厅一起挂名的是哪条
        r"(两家|两个|俩)[^,，?？]{0,4}都(沾边|有份|参与|挂名|涉及|在)",  # 两家国企都沾边吗
        # 在哪几条里面出现, 有没有分到活, 有它的任务不, 有没有自己牵头的任务, 在哪几条里只是打下手, 分别牵了哪些头
        r"在哪(几|些)(条|项)(任务)?(里面|里头|里边|里|中)?(只是|只|光|仅)?(有份|出现|露面|挂名|上榜|打下手|配合|参与)",
        r"有没有(分到|摊到|派到|分配到)(了)?(活|任务|事)|有(它|他|其)(的)?(任务|活儿?|事儿?|份)(吗|么|不|没|没有)",
        r"(有没有|有无)(自己|单独|独自)?(牵头|负责)的(任务|活|事)|牵了(哪些|什么|几个|多少|啥)(个)?头",
        r"有(哪些|什么|啥)(具体)?(安排|部署)",
        r"\bask(s|ed)? of\b|\b(on|in) any (other )?tasks?\b|\bwhich tasks? (is|are) .{1,50}\b(listed|named) (on|in)\b"
        r"|\bwhich tasks? (is|are) (it|they|he|she) the (lead|leading) (unit |agency )?(on|for|in)\b",
        # 哪条任务把泉州市单列成了责任主体, 是跟着哪项任务出现的, 有分到活吗, 跟我们沾边的有哪几条
        r"哪(一)?(条|项|个)(任务)?把[^,，?？]{1,12}(列|写|当|作为)|跟着哪(一)?(条|项|个)",
        r"(分到|摊到|派到|分了|派了)(了)?(活|任务|事|工作)(儿)?(了)?(吗|么|没|没有|不)",
        r"(牵头|参与|配合|负责)的[^,，?？]{0,6}(分别|各自)(是|有)?哪(些|几)(条|项|个任务)",  # 牵头的跟参与的分别是哪些条
        r"(沾边|挂钩|有关系|有关联)的(有|是)?(哪|几|多少)(几|些)?(条|项|个)?",
        r"\b(shows?|turns?|pops?) up\b.{0,40}\bwhich (task|item|clause|one)s?\b",
        # "List every task where the … department is a responsible unit": its list, whatever the role
        r"\b(every|all|each|any) (the )?(tasks?|items?|clauses?) (where|in which|that|for which|on which)\b",
        r"\b(lists?|names?|has|have) both\b|\bboth\b.{1,60}\b(listed|named|appear|appears|show up)\b",
        r"\b(what|which) (tasks|work|projects|items|duties)\b|\bhow many (tasks|items|projects)\b",
        r"\b(list|show|give)( me)?( all| the| every| each)* (tasks|items|duties)\b|\btasks (where|in which|that)\b",
        r"\bwhat (else )?(does|do|did|will) .{1,60}?\b(lead|do|handle|take part in|participate in|join|support"
        r"|own|cover|work on)\b",
        r"\bhow many\b.{0,60}\b(lead|leads|join|joins|take part|participate|support)\b",
        r"\b(responsible for|in charge of|involved in|on the hook for)\s*(in (this|the) (plan|document|doc))?\s*[?.!]*$",
        r"\bwhat (is|are|will) .{1,40}? (doing|do|supposed to do|expected to do|leading|handling|working on|in charge of)\b(?! (about|with|for))",
        r"\bwhat (does|do|will) .{1,60}? have to (do|help with|handle|deliver|take on)\b",
        r"\b(appear|appears|mentioned|named|listed)\b.{0,20}\b(anywhere|in the plan)\b",
        r"\bwhich (tasks?|task\(s\)|items?|clauses?)\W{0,3}(list|lists|name|names|mention|mentions|include|includes|feature|features)\b",
        r"\b(items?|tasks?|clauses?|places?)\b.{0,12}\b(shows?|turns?|pops?) up\b|\bevery (item|task|clause)\b.{0,20}\b(in|on|under)\b",  # list every item it shows up in
        r"\b(on|in) [a-z'’ ]{1,50}?\b(plate|remit|portfolio|to-?do list|workload)\b",  # what's on the X's plate
        r"\b(what|which)( tasks?| work| jobs?)? (has|have|is|are|was|were|did|does) .{1,40}?\b(been )?(assigned|given|tasked with|allocated|handed)\b",  # what has Quanzhou been assigned
        # "which pieces of work is it heading up", "everything X is the lead on", "what parts of the plan does X have a role in"
        r"\bwhich (pieces|bits|parts|items|strands|areas) of (the )?(work|plan)\b|\b(everything|all the (things|work|tasks))\b.{1,60}\b(lead|leads|leading|heading|in charge)\b"
        r"|\b(what|which) parts? of the plan\b.{0,60}\b(role|involved|part|named|listed)\b|\bhave a role\b|\bhas a role\b",
        r"\b(involved in|take part in|takes part in|participate in|participates in)\s+(anything|any(thing)? (tasks?|work)|something)\b",
        r"\b(appears?|listed|named|mentioned|included)\s+(in|among|under)\s+(any|other|another|which|what|how many|more)\b",
        r"\b(lists?|names?|includes?|has)\b.{1,40}?\bas (an?|the) (responsible|lead|leading|participating|co-?operating)?\s*(unit|agency|body)\b",  # which task lists Quanzhou as a responsible unit
        # "in which task is Quanzhou named directly as a responsible unit"
        r"\b(in )?(which|what) (tasks?|items?|clauses?)\b.{1,60}?\b(named|listed|included|appears?)\b.{0,20}\bas (an?|the) (responsible|lead|leading|participating)?\s*(unit|agency|body)\b",
        # "what is Fuzhou named for in the plan": what a unit or a city is named for, its tasks
        r"\bwhat (is|are) [a-z' ]{2,30}? (named|mentioned|listed|cited) (for|in)\b",
        # "list every task where 省密碼管理局 is the lead unit", "all the items in which it takes part"
        r"\b(every|all|each|the) (tasks?|items?|clauses?)\b[^?]{0,40}?\b(where|in which|that|which)\b[^?]{0,40}?\b(lead|leads|leading|member|participat\w*|responsible|involved|listed|named)\b",
    ),
    # A unit that is not in the directory ("省财政厅负责哪些任务"): still an agency question, so the answer
    # can say the unit is not in the plan instead of retrieving loosely related clauses.
    "agency_like": rx(
        r"[\u4e00-\u9fff](厅|局|委(?!托|屈)|集团|公司|办公室|办公厅|政府)",
        r"\b(bureau|department|commission|office|administration|agency|authority|group|company|committee"
        r"|government|ministry)\b",
    ),
    # Pronouns and ellipses pointing at the previous turn ("它还负责什么", "那配合单位呢"). They also stand
    # in for the agency subject of agency_tasks. 其他/应该/这份文件 are excluded: not references back.
    "follow_up": rx(
        r"它",
        r"(?<![尤极与及])其(?!他|它|中|余|实|次|间|后|一)",
        r"(?<!应)该(?!怎|如何|不该|文件|要点|通知)",
        r"(?:^|[,，。?？!！;；\s])[^,，。?？!！;；\s」”\"]{0,2}这(个|项|条|些|一|几)(?!文件|要点|通知|工作要点|计划|份)",
        r"此(项|任务|事|条)|上述|刚才|刚刚|前面(那|这|的|提到)|之前(那|说|提)|上一(个|条|项|问)",
        r"在(这|那)(条|项|个任务)(里|中|里面|当中|里头)?",  # 农业农村厅在这条里算牵头还是配合
        r"(这个|这些|该)(基地|平台|项目|中心|试点|场景|系统|专区|园区)",  # 想申报这个基地的话 (那个 after a topic is its demonstrative)
        # 那个/那条 after a topic of its own is a demonstrative on it (科技创新和产业创新融合那个工程), not a
        # reference back; at the start, or after a few characters (刚才那个), it points at the last turn.
        r"^那|那(么|它|配合|参与|牵头|责任|其他|还)|(?:^|[,，。?？!！;；\s])[^,，。?？!！;；\s]{0,2}那(个|项|条|些)",
        r"还有呢|还有吗|还有哪些|还有什么|还有谁|另外呢|其他呢|然后呢",
        r"还(负责|参与|牵头|配合|做|承担|干|涉及)",
        r"\b(it|its|they|them|their|theirs)\b",
        r"\b(that|this|the same|those|these) (task|one|project|action|agency|unit|department|item|clause|bureau)s?\b",
        r"\b(what|anything) else\b|\b(what|how) about\b|^(and|also|so)\b|^who else\W*$",
    ),
    # Count questions turn a list answer into a number. 哪几 is "which ones", not "how many".
    # Quantity targets. Strong cues are a number question on their own; weak cues need a measurable noun
    # ("数字乡村建设的目标是什么" is not a number question, "算力规模目标是多少" is).
    "number_strong": rx(
        r"多少",
        r"数量(规划|安排|多少)|数量[^,，?？]{0,8}(硬)?指标|硬指标(吗|么|没)|数量(没有|没|吗|么|了吗|了没)[?？!！。\s]*$|(有没有|有无)[^,，?？]{0,4}数量|有(没有)?具体(的)?数(吗|么|没|没有)?[?？!！。\s]*$|"
        # 标准数量有没有, PUE有数吗: whether a figure is given is a figure question
        r"(数量|数字|指标值|数值)(有没有|有无|有吗|定了没|写了没|写了吗)|(?<![心底])有数(吗|么|没|没有)|"
        r"目标数|数量目标|具体(数字|数目)|具体的?[a-z\u4e00-\u9fff]{0,6}(数值|指标值)|数量指标|(?<![这那每哪])个数(?!据|字)|给(出|了)?(个|具体)?(数|数字|数目)(?!据|字化)",  # 有目标数吗, 有没有给出个数
        r"(?<![哪那这])几(个|家|款|座|条|万|亿|成|倍|台|套|站|p|毫秒|秒|ms|千|百|十)",  # (那几个: "those", not a count)
        r"(?<!具体)数目",  # 智慧景区的创建数目 要点规定了吗
        # "打造一批 这个一批有量化吗", "比如PUE数值 有规定吗": whether a number is set is a figure question
        r"(有没有|有无|(?<![所还])有|没有)(个)?(量化|定量)|量化(指标|目标|标准)?(吗|么|没|没有|了吗|了没)|(?<![a-z])[a-z]{2,5}数值",
        r"(?<![有没])多大(?!的?(作用|意义|影响|关系|区别|变化|问题|用处|好处|必要|难度|风险))",  # 目标冲多大 (not 有多大作用)
        # 几 + any measure word (几颗, 几批, 几所), except time (几月, 几年: the slot layer's) and parts (几大)
        r"(?<![哪几那这])几(?!乎|项目|年|月|号|时|点|天|届|大|行动|工程|方面)[\u4e00-\u9fff]",
        r"\bhow (many|much|large|big|fast)\b|\bwhat (is|was|are) the (number|amount|size|capacity|percentage)\b",
        r"\bwhat (bandwidth|capacity|speed|size|volume|throughput)\b",
        r"\bwhat(?:'s|’s| is| are| was) the (?:target |planned )?(?:number|figure|amount)s?\b",
        r"\bthe number of\b|\b(is|are) there (a |any )?(target|figure|goal|quota|number)s?\b",
    ),
    # 多大 of a measurable thing (算力多大) asks its size; 多大作用 or 多大意义 no figure
    "number_weak": rx(r"目标|规模|达到|数量|比例|百分|覆盖率|多(大|快|高)(?!程度|意义|作用|影响|关系|区别|变化|帮助|用)", r"\b(target|goal|scale|reach|capacity|coverage)\b"),
    "measurable": rx(
        r"基站|端口|规模|算力|场景|产品|企业|服务站|数据中心|覆盖|时延|比例|周年",
        r"\d\s*(个|家|款|万|亿|p|%|ms|座|条|项|台|套)",
        r"(多少|几)\s*(个|家|款|万|亿|座|条|项|台|套)",
        r"\b(base stations?|ports?|scale|capacity|computing|petaflops?|products?|scenarios?|compan(y|ies)"
        r"|enterprises?|percent|coverage|latency|stations?|centers?|centres?)\b|%",
    ),
}

# The plan's shape: 五大行动 → 六大工程 (under 行动四) → tasks. First match wins: a parent question often names
# an action ("5G基站属于哪个行动"), and "五大行动包括哪些工程" asks for projects, not actions.
_ACTION_NO = r"[一二三四五1-5]"
_STRUCTURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "parent",
        rx(
            r"属于(哪个|哪一个|哪项|哪一项|哪一部分|哪)|属于什么(行动|工程|部分|板块|方面)",
            r"(在|归)(哪个|哪一个|哪项)(行动|工程)|哪个(行动|工程)(下|里|中|之下)|隶属|所属(行动|工程)|归属",
            r"(归|在|放|算|划)(在|到|进|入)?(哪个|哪一个|哪项|哪一项|哪)(大)?(行动|工程)|(属于|是|算)第(几|多少)(项|个)?(大)?(行动|工程)",
            r"\b(belongs?|falls?|comes?) (to|under) which\b|\bpart of which\b|\b(under|in) which (action|project)\b",
            r"\bwhich (action|project|part)\b.{0,60}\b(under|belong|belongs|part of|fall|falls)\b",
        ),
    ),
    (
        "projects",
        rx(
            r"六大工程|六个工程|六项工程|几大工程",
            r"(哪些|几个|多少个|哪几个|哪六个?|哪几项|几项)(大)?工程",
            r"工程(有|包括|分别是|都有|都是)(哪些|什么|几个|哪几)",
            r"第[一二三四五六1-6]个?(大)?工程|(最后|最末|末尾)(一|那)?个?(大)?工程|排(在)?第[一二三四五六1-6](位|个|名)?的?(那个|那项)?工程",  # "第四个工程讲啥": that project, listed with its tasks
            r"\b(which|what|how many) (main |major |big |sub-?)?projects\b|\bsix (main |major )?projects\b|\b(which|what|how many)\s*工程",
            r"\b(list|name|show|give)( me)? (all )?(the )?(main |major |engineering )?projects\b|\bengineering projects\b",
            r"(列出|列一下|说说|讲讲)[^,，?？]{0,12}(的)?(各个|所有|几个)?工程",
            r"工程(的)?(总数|数量|个数|名称|名字|清单)",  # "这一大块，底下的工程总数和名称能列一下吗"
        ),
    ),
    (
        "actions",
        rx(
            r"(?<!第)(五大行动|五个行动|五项行动)|几大行动",  # not 第五大行动: one of them
            r"(哪些|几个|几项|多少个|多少项|哪几个|哪几项|哪五个?|哪五项|几大块|几块|哪几块)(大)?行动",
            r"\b(which|what|how many) (main |major |big )?actions\b|\bfive (main |major )?actions\b|\b(which|what|how many)\s*(大)?行动",
            r"\b(number|count|total) of (the )?(main |major |big |top-level )?actions\b",  # "the number of big actions"
            # one action by its number: "第三个行动叫什么" (the list of five answers it)
            rf"第{_ACTION_NO}个?(大)?行动(是|叫|名)",
            r"(?<![一二三四五六1-6])行动(一共|总共|共)(是|有)?(几|多少)(个|大|项)",  # 要实施的行动一共是几个
        ),
    ),
    (
        # "行动四包括哪些?" — the parts of one action: its projects (only 行动四 has them; the answer layer
        # falls back to the action's tasks for the others).
        "projects",
        rx(
            rf"(行动\s*{_ACTION_NO}|第{_ACTION_NO}个?(大)?行动|行动)[^?。!]{{0,8}}(包括|包含|分为|涵盖|下设)"
            r"(哪些|什么|几个|哪几)(?!.{0,4}任务)",
            r"\baction (one|two|three|four|five|[1-5]|iv|v|i{1,3})\b.{0,30}\b(include|includes|contain|contains|cover)\b",
        ),
    ),
    (
        # Tasks of the plan or of one part, listed or counted, when no agency is the subject.
        "tasks",
        rx(
            r"(多少|几)(项|个|条)任务|哪几(项|个|条)任务|\bhow many tasks\b",
            r"(行动|工程)[^?？。!！]{0,4}(辖下|下辖|底下|下面|下属|名下)(的)?(任务|条目)",  # 数字生态优化工程辖下任务清单
            r"第[一二三四五六七八九十1-9]部分[^?？。!！]{0,10}(几|多少)(条|项)",  # 第五部分安全保障那块又是几条
            r"(行动|工程)[^?？。!！]{0,6}(底下|下面|下边|下头|里面|里头|包含|包括|分|有|一共|总共|共)+(了)?(又|还|各|都)?(有)?(几|多少)(条|项|个|部分)",
            r"任务(一共|总共|共)?有?(多少|几)(?![^?。!]{0,6}(单位|部门|机构))",
            # "那个大板块 拆成了几项具体任务", "…工程 把任务都列一下": a part's tasks, counted or listed
            r"(拆|分|细化)(成|为)(了)?(几|多少)(项|条|个|块)(具体)?(任务|工作|事)",
            r"(行动|工程|部分|板块)[^?？。!！]{0,8}(把)?(任务|条目)(都|全|全部)?(列|罗列|排)(一下|出来|一遍)",
            rf"(行动\s*{_ACTION_NO}|第{_ACTION_NO}个?(大)?行动|行动|工程)[^?。!]{{0,8}}(包括|包含|有)(哪些|几项|多少项)(具体)?任务",
            # "那个行动里头安排了哪些任务": the tasks under it, whatever the verb between
            r"(行动|工程|部分|板块)(里头|里面|里边|底下|下面|中|里)?[^?？。!！,，]{0,6}(哪些|哪几(项|条|个)|什么)(具体)?任务",
            # "数字安全保障提升行动 list the tasks under it", "tasks under the security action"
            r"(行动|工程|\baction|\bproject)\W.{0,30}\b(tasks|items)\b (under|in|of)\b|\b(tasks|items) (under|in) (the )?[^?.!]{0,40}(行动|工程|\baction\b|\bproject\b)",
            # "What tasks sit under the project to …", "the individual tasks inside the action on …", "under action
            # five, list the tasks"
            r"\b(tasks|items) (sit|are|fall|come|listed)? ?(under|inside|within|in) (the )?[^?.!]{0,60}\b(action|project)\b",
            r"\b(action|project)\b[^?.!]{0,40}\b(list|name|show|give)( me)? (all )?(the )?(tasks|items)\b",
        ),
    ),
)

# Role of an agency in agency_tasks questions. Both (or neither) -> "" (lead and joined).
_ROLE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("lead", rx(r"(?<!不)(?<!不是)(?<!没)(?<!没有)(?<!非)(?<!不当)(?<!不做)(?<!没当)(牵头|主责|主导|领衔|带头|挂帅|挑头|当主角|唱主角|挑大梁|当头|第一责任)|排(在)?(第一|首位|头一|最前)", r"\blead(s|ing)?\b|\bhead(s|ing)?\b|\btakes? the lead\b")),
    (
        "member",
        rx(
            # 参与/参加/take part usually mean "involved in" (leading included), so they ask for both roles.
            r"配合|协同|协助|打下手|帮忙|不牵头|非牵头|不是牵头|没有牵头|没牵头|不当牵头|不做牵头",
            r"\bsupport(s|ing)?\b|\bassists?\b|\bcontribut\w*|\bmembers?\b",
        ),
    ),
    # "Involved in" names no role of its own, but beside 牵头 it widens the question to both roles.
    ("any", rx(r"参与|参加|涉及", r"\bjoin(s|ed)?\b|\btakes? part\b|\bparticipat\w*|\binvolved\b")),
)

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z]{2,}")
_PUNCT = re.compile(r"[\s\W_]+")
# A bare ellipsis: short and ending in 呢 ("配合单位呢？", "数据局呢") continues the previous question.
_ELLIPSIS = re.compile(r"^.{1,12}呢$")


# ------------------------------------------------------------------------------------------------- helpers


def detect_language(text: str) -> str:
    """'en' when Latin words carry the question, else 'zh' (a Chinese question keeps its "5G"/"PON"/"AI")."""
    return _language(fold(text[:MAX_SCAN_CHARS]))


def _language(folded: str) -> str:
    han = len(_HAN.findall(folded))
    words = len(_LATIN_WORD.findall(folded))
    if han == 0:
        return "en" if words else "zh"
    return "en" if words >= 2 and words * 3 >= han else "zh"


def _is_follow_up(folded: str) -> bool:
    core = _PUNCT.sub("", folded)
    return bool(_CUES["follow_up"].search(folded) or _ELLIPSIS.match(core))


def _only_agency(folded: str, directory: AgencyDirectory) -> bool:
    """The question is just an agency's name ("数据局？"): show what it does."""
    if len(folded) > 40:
        return False
    rest = folded
    for start, end, _ in reversed(directory.spans(folded)):  # Chinese and English names alike
        rest = rest[:start] + rest[end:]
    return _PUNCT.sub("", rest) in ("", "的任务", "任务", "tasks")


def _first(table: tuple[tuple[str, re.Pattern[str]], ...], folded: str) -> str:
    return next((name for name, rx in table if rx.search(folded)), "")


_BESIDES_LED = re.compile(r"\b(besides|other than|apart from|except|beyond) (the )?(ones?|tasks?) (it|they) leads?\b|除了(它|自己)?牵头(的|那条|那项|那个|的那条|的那项)")


def role_asked(question: str) -> str:
    """The role an agency-tasks question asks about: "lead", "member" or "" (both)."""
    return _role(fold((question or "")[:MAX_SCAN_CHARS]))


def _role(folded: str) -> str:
    if _BESIDES_LED.search(folded):
        return "member"  # "on any task besides the one it leads": the ones it only joins
    has = {name for name, rx in _ROLE_CUES if rx.search(folded)}
    if "member" in has and "lead" not in has:
        return "member"  # 作为配合单位参与: the narrower word decides
    return "lead" if has == {"lead"} else ""


@dataclass(frozen=True)
class _Facts:
    """What the cue tables say about one folded question; the kinds below are decided from these."""

    folded: str
    agencies: tuple[str, ...]
    follow_up: bool
    bare_agency: bool

    def cue(self, name: str) -> bool:
        return bool(_CUES[name].search(self.folded))


def _agency_subject(f: _Facts) -> bool:
    # The subject is an agency: named, unit-like but unknown, or a pronoun for the last turn's agency.
    # ("how many tasks does that action have": the pronoun points at an action, not an agency)
    points_at_section = bool(re.search(r"\b(that|this|the same) (action|project|programme)\b|(这|那)(个|一)?(大)?(行动|工程)", f.folded))
    # ("What tasks sit under the project to improve the government service matrix": the tasks of a 工程, whose
    # name has a unit-like word in it)
    under_section = bool(re.search(r"\btasks? (sit |are |fall |come )?(under|inside|within) (the )?(action|project)\b", f.folded))
    return bool(f.agencies) or (f.follow_up and not points_at_section) or (f.cue("agency_like") and not under_section)


def _is_number(f: _Facts) -> bool:
    return f.cue("number_strong") or (f.cue("number_weak") and f.cue("measurable"))


_WITH_WHOM = re.compile(r"(跟|和|与|同)(哪些|哪几类|哪几个|什么)(机构|单位|部门|平台|主体)(之间)?(打通|合作|对接|共享|互通|联通|联动|衔接|连通)")
_ROLE_IN_POINTED_TASK = re.compile(r"[这那](条|项|个任务)[^?？]{0,24}(牵头|配合|参与)还是(牵头|配合|参与)")


# Checked in order; the first that holds decides the kind. Why this order:
#  document   cover-letter facts use 谁/何时 wording that would otherwise read as lead/number questions.
#  parent     "数据局牵头的任务属于哪个行动" names an agency but asks where a task sits.
#  agency_tasks  a task list/count with an agency subject beats 哪些工程 ("数据局参与了哪些工程") and
#             牵头单位 ("数据局是哪些任务的牵头单位").
#  structure  the plan's shape, when no agency is the subject.
#  lead       an explicit who-leads beats the member cues in "由谁牵头，哪些部门配合".
#  members    "数据局牵头的算力任务有哪些配合单位": an agency named, but a task's units are asked for.
#  number     last of the specific kinds: 规模/达到 also occur inside lead and structure questions.
_KIND_ORDER: tuple[tuple[str, Callable[[_Facts], bool]], ...] = (
    ("document", lambda f: bool(_first(DOCUMENT_FIELDS, f.folded))),
    ("structure", lambda f: _first(_STRUCTURES, f.folded) == "parent"),
    # Whom the work links up with ("碳普惠的数据准备跟哪些机构打通"): partners the text names, not the units list
    ("general", lambda f: bool(_WITH_WHOM.search(f.folded))),
    # Units asked for and no agency named: "这项任务涉及哪些单位" is about a task's units, not an agency's tasks.
    ("members", lambda f: not f.agencies and f.cue("members") and not f.cue("lead") and f.cue("units_asked")),
    # A unit's role in a task pointed at ("盖5G基站那条 大数据集团是牵头还是配合 有它事没"): who leads that task.
    ("lead", lambda f: bool(_ROLE_IN_POINTED_TASK.search(f.folded))),
    ("agency_tasks", lambda f: (f.cue("agency_tasks") and _agency_subject(f)) or f.bare_agency),
    ("structure", lambda f: bool(_first(_STRUCTURES, f.folded))),
    ("lead", lambda f: f.cue("lead")),
    ("members", lambda f: f.cue("members")),
    ("number", _is_number),
)



def asks_actions_and_projects(folded: str) -> bool:
    """Does the question ask for the plan's actions and its projects both ("几个行动几个工程")?"""
    tables = dict(_STRUCTURES[1:3])  # the first "projects" and the "actions" entries
    return bool(tables["projects"].search(folded) and tables["actions"].search(folded))


def strip_unit_cues(question: str) -> str:
    """The folded question without its who-leads / who-takes-part wording ("协同的单位有谁"), so cue verbs
    the plan also uses (协同, 配合) do not count as topic when a lead or members question is grounded."""
    folded = fold((question or "")[:MAX_SCAN_CHARS])
    # The few characters after a closing who-word are its verb, whatever it is (哪个部门挑大梁, 谁打头阵).
    folded = _WHO_VERB_EN.sub(" ", _WHO_TAIL.sub(" ", folded))
    for name in ("lead", "members"):
        folded = _CUES[name].sub(" ", folded)
    folded = _UNIT_POINTER.sub(" ", folded)
    return _LEAD_VERB_LEFT.sub(" ", folded)


# A unit pointed at, not named ("besides that office", "除了那个部门"): the unit of the last answer, no topic
_UNIT_POINTER = re.compile(
    r"\b(that|this|the same|the lead|the leading|said)\s+(office|agency|department|unit|bureau|body|authority)\b"
    r"|(这个|那个|这家|那家|该)(部门|单位|机构|厅|局|委|办)(?![\u4e00-\u9fff]{0,2}(的)?(系统|平台|数据|网站))"
)


# What a who-word stripped first leaves of "这条挂帅的是哪家": the lead verb (挂帅 is also a plan word, 揭榜挂帅)
# (with the asker's verbs around it: 出面牵头搞)
_LEAD_VERB_LEFT = re.compile(r"(出面|出头|站出来|出来)?(挑大梁|唱主角|扛大旗|抓总|挂帅|打头阵|打头|领头|带头|挑头|排头|负总责|牵头)(搞|干|做|弄|抓)?的?\s*$")


# English: the verb after a leading who-word ("Which bureau runs …", "Who handles …") is no topic either.
_WHO_VERB_EN = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|also|then|but)\s+)?(who|which (agency|department|unit|body|organi[sz]ation|bureau|office|authority|government))"
    r"\s+((is|are|will|should|does|do)\s+)?[a-z]+"
)
_WHO_TAIL = re.compile(
    r"(是|归口?|由)?((哪个|哪一个|哪一家)(部门|单位|机构|机关|厅|局|委|办|口子)|哪家|谁)(来)?[\u4e00-\u9fff]{0,4}[的了呢吗啊?!.。\s]*$"
)


def asks_for_tasks(question: str) -> bool:
    """Does the question ask for a list or count of tasks ("…负责哪些任务", "…管哪些事")? With a unit-like
    subject the directory does not know (数据部: 部 is no agency ending here, 全部/部署 would misfire), the
    answer layer decides whether it is a unit."""
    return bool(_CUES["agency_tasks"].search(fold((question or "")[:MAX_SCAN_CHARS])))


def detect(question: str, directory: AgencyDirectory) -> Intent:
    """Classify a question (either script, or English) without any model."""
    text = (question or "")[:MAX_SCAN_CHARS]
    # quote marks around a word ("how many 'actions'") are no part of it; an apostrophe inside one (what's) is
    folded = re.sub(r" {2,}", " ", re.sub(r"(?<![a-z])['‘’]|['‘’](?![a-z])|[\"“”]", " ", fold(text))).strip()
    agencies = tuple(directory.find_in(text)) if folded else ()
    follow_up = bool(folded) and _is_follow_up(folded)
    facts = _Facts(
        folded=folded,
        agencies=agencies,
        follow_up=follow_up,
        bare_agency=bool(agencies) and not follow_up and _only_agency(folded, directory),
    )
    kind = next((k for k, holds in _KIND_ORDER if folded and holds(facts)), "general")
    return Intent(
        kind=kind,
        agencies=agencies,
        role=_role(folded) if kind == "agency_tasks" else "",
        structure=_first(_STRUCTURES, folded) if kind == "structure" else "",
        follow_up=follow_up,
        language=_language(folded),
    )
