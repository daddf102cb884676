"""What detail a question asks for beyond its topic, and whether a clause states it (pure functions).

A question about a topic the plan covers may still ask for something the plan never gives: a date,
money, a person, last year's result, a place, a definition. Answering such a question with the
topic's clause would quote the plan as if it answered; instead the answer says the detail is not
stated and shows the clause. Each slot has cues (how people ask) and evidence (what a clause
would have to contain to answer it).
"""

from __future__ import annotations

import re

from assistant.cues import rx
from corpus.script import fold

DETAIL_SLOTS = ("past_result", "share", "budget", "person", "frequency", "date", "location", "procedure", "definition")


# What the plan sets for a topic (its target, its tasks) is asked with 是啥 too, but is no term to define.
_NOT_A_TERM = "(?<!改革)(?<!举措)(?<!项目)(?<!主线)(?<!目标)(?<!任务)(?<!要求)(?<!重点)(?<!内容)(?<!安排)(?<!措施)(?<!计划)(?<!方向)(?<!指标)(?<!举措)(?<!讲的)(?<!说的)(?<!写的)(?<!讲)(?<!说)"

_APPLY = r"(申报|申请|报名|参评|评选|认定|入选)"
_HOW_TO = r"(咋整|咋办|咋弄|咋搞|怎么办|怎么弄|怎么搞|怎么整|如何操作|怎么操作|走什么流程|要啥手续|什么手续)"

# Fujian's cities (and Pingtan): also what a "what is this city doing" question names.
CITIES = ("福州", "厦门", "泉州", "漳州", "莆田", "三明", "南平", "龙岩", "宁德", "平潭")
# The same cities as an English question names them.
CITIES_EN = dict(zip(
    ("fuzhou", "xiamen", "quanzhou", "zhangzhou", "putian", "sanming", "nanping", "longyan", "ningde", "pingtan"), CITIES, strict=True
))
_CITY = "|".join(CITIES)
_CITY_EN = "|".join(CITIES_EN)

# Cues, matched against the folded question (simplified, lower case). Order matters: "去年建成多少" is
# a past result before it is a number, "投资多少钱" money before a number.
_CUES: dict[str, re.Pattern[str]] = {
    "past_result": rx(
        r"去年|上一年|上年度|前年|往年|历年|以往|2024年|2023年|(?<![0-9])2[0-4]年|已经(建成|完成|建了|有了|达到|到了|到)|目前(已|摸底|有|建成)",
        # "闽政通眼下每天活跃用户大概多少": how many now (not "现在的目标是多少")
        # (目前 stays out: "目前依托多少个集聚区" asks the base the plan itself states, 依托18个)
        r"(眼下|如今|现阶段|当下)(?![^,，?？]{0,12}(目标|计划|要求|力争|要))[^,，?？]{0,12}(多少|几)",
        r"现在(已经|有多少)|截至目前|到目前|第[一二三四五六七]届|完成了(百分之|多少|几)|完成率|完成情况",
        r"第一批|首批|上一批|前几批|上一届|上届|第[二三四五六2-6]批",
        # 中试基地批下来没有: whether it was approved, a result no plan reports
        r"(批|批复|批准|获批|审批)(下来|通过)(了)?(没有|没|吗|了没|没呢)|(获批|批下来|批复)了(没有|没|吗)",
        # how far it has got, how well it worked: results the plan (a plan) does not report
        r"进展(如何|怎样|怎么样|情况|到哪)|(成效|效果|成果|成绩)(如何|怎样|怎么样|有哪些|是什么)|(做|搞|干|建|推)得(怎么样|如何)",
        r"(验收|评估|考核|评审|评比)(的)?(结果|情况|结论|成绩)",  # 上一批试点验收结果如何: a result, not the plan's task
        r"(目前|现在|当前|眼下|如今).{0,8}(已|有|到|达到|建成)",
        r"(现在|目前|当前|眼下|如今)的?[\u4e00-\u9fff]{0,8}(是|有)多少",
        r"(?<!目标)(?<!指标)(现在|目前|当前|眼下|如今)(大概|大约|大致|差不多)?(是)?(多少|几)(?![^,，?？]{0,6}(目标|要求|任务))",  # 日活现在多少
        # "闽政通目前日活大概多少": an estimate of where it stands now (目前依托多少个 asks the plan's own base)
        r"(现在|目前|当前|眼下|如今)[\u4e00-\u9fff]{1,6}(大概|大约|大致|差不多)(是|有)?(多少|几)",
        # a summit already held ("the 7th Digital China Summit"): its results are no plan's
        r"\b(1st|2nd|3rd|[4-7]th|first|second|third|fourth|fifth|sixth|seventh|last|previous) (digital china )?summit\b",
        # "闽政通现在日活多少了", "建成几个了": how many now, not the target
        r"(多少|几)[个台座家项条款p%万亿]?了[?？!！。]*$",
        r"(?<![0-9])202[0-4](?![0-9年])|\b(end|start|beginning|close|middle) of 202[0-4]\b|\bas of 202[0-4]\b|\blast year\b|\bso far\b|\balready\b|\bprevious years?\b|\bin 202[0-4]\b|\bright now\b|\bcurrently\b|\bat present\b|\bcurrent (level|number|figure|capacity|scale)\b",
        # "the current daily active user count": how it stands now, not the target
        r"\bcurrent\b(?![a-z ]{0,30}\b(target|goal|aim|plan)s?\b)[a-z ]{0,30}\b(count|number|total|users)\b",
        # what was actually reached, or how it stood then (实际做到多少, 第一批…当时有几个)
        r"实际(做到|完成|达到|建成|建了|有|是|到了)|当时",
    ),
    # A city's part of a province-wide target (5G基站一万个 福州分到几个): the plan sets totals, not shares
    "share": rx(
        rf"({_CITY}|每个(设区)?市|各(设区)?市|各地|我们市|咱们?市|我市|本市)[^,，?？]{{0,8}}(分到|分得|分配到?|摊到|摊派|分解到?|落到|分担|承担|负担)(了)?[^,，?？]{{0,4}}(多少|几)",
        r"(分到|分配到|摊到|分解到)(各|每个)?(设区)?(市|地)[^,，?？]{0,6}(多少|几)",
        rf"\b({_CITY_EN})(?:'s|’s)? (share|portion|quota|allocation)\b|\bhow many (of (them|those|these) )?(go|goes|are allocated|are assigned) to ({_CITY_EN}|each city)\b",
    ),
    "budget": rx(
        r"补贴|补助|奖补|奖励(多少|标准|金额)|资助|扶持资金|专项资金|"
        r"多少钱|花多少|花了多少|投(资|入)(了|额)?(多少|几)|总投资|资金(多少|是多少|有多少)|预算|经费|奖金|补贴多少|资助(多少)?",
        r"拨款|费用(是)?多少|收(费)?多少|收费标准|怎么收费|收不收费|多少元|几块钱|多少(万|亿)元|价格|资金",
        r"投资(规模|额|金额|总额|多大|多少)|造价|成本(是)?多少|花费",
        r"(?<![a-z])钱呢|(得|要|需要|能|会)投(多少|几)",  # 那钱呢 得投多少: the money, asked after a topic
        # an amount of money traded or earned (交易额定了多少): a sum, which only a 元 figure states
        r"(交易|成交|销售|营业|贸易|出口|进口)(额|金额|总额)|(?<![运经])营收(?![费取])|营业收入|产值",
        r"(收益|利益|收入|利润|营收)(怎么|如何|咋|怎样)(分|分配|分成|算)|分成(比例|多少|怎么)",  # 授权运营收益怎么分
        r"钱(谁|由谁|从哪|从哪儿|从哪里)(出|来|拨|给|掏)|谁(出|掏|拨)钱|资金(来源|从哪)",
        r"额度(上限)?|(有没有|有无)(上限|封顶)",  # 能先欠多少 有没有额度上限: a sum's limit
        # "每家补多少", "一个能奖几万": a sum handed out, asked by its verb
        r"(每|一)(家|个|人|户|所|项|座)(能|可以|会)?(补|奖|拿|领|给|发)(多少|几)|(补|奖)(多少|几万|几千)",
        r"\bhow much money\b|\bbudget(s|ed|ing)?\b|\bcosts?\b|\bfunding\b|\bspend\b|\binvest(ment)?\b(?! (outreach|promotion|attraction|scouting|drive|drives|matchmaking))|\bprize\b",
        r"(?<!in )\bcharge[sd]?\b(?! of\b)|\bfees?\b|\bprices?\b",  # what does the exchange charge (not "in charge of")
    ),
    "person": rx(
        r"负责人(是谁|是哪位|叫什么|有谁)?|联系人|联系电话|电话(多少|是多少)|嘉宾|(?<!单位)(?<!单位的)名单|领导是谁|哪位领导|局长是谁|厅长是谁",
        r"主任是谁|姓名|签(发|字|署)人|谁签(发|字|署)|哪位(同志|官员)|(哪个|哪位|什么)领导",
        # "哪些景区会被评成智慧景区": which ones will be chosen, a list of names the plan does not give
        r"哪(些|几个|几家)(?!城市|地市|设区市|市|县|区)[\u4e00-\u9fff]{1,6}(会|能|将|可以)?(被)?(评(成|为|上)|选(中|上|为)|入选|入围|列入|纳入)",
        r"(都)?(有)?谁(被)?(入选|入围|选上|评上|中选|获批)(了)?",  # 第二批都有谁入选: names the plan does not give
        r"\bwho chairs\b|总指挥|指挥长|总负责人|召集人",  # who chairs it, who commands it, who convenes it: a person
        r"(组长|副组长|书记|处长|部长|主席|秘书长|董事长|总经理|一把手)(是谁|是哪位|叫什么|叫啥)",
        r"电话号码|联系方式|邮箱|网址|对接人|联络人|经办人|具体找谁|(有|留)(个)?电话|电话(呢|吗)",
        r"(要|该|应该|得|可以)?找谁(对接|联系|沟通|咨询)",  # 信访云要找谁对接: a contact, not the task's lead
        # people doing a ceremony's acts (谁来致辞) are persons, not the task's lead unit
        r"谁(来)?(致辞|讲话|发言|出席|主持|演讲|剪彩|参会|代表)",
        # 刺桐实验室谁当主任: who holds a post is a person, not the task's lead unit
        r"谁(来)?(当|任|做|担任|出任)(主任|局长|厅长|负责人|院长|所长|组长|主席|书记|站长|总经理|董事长|处长|一把手|头儿?)",
        # People, not units: 哪位 asks for a person, and so does any people noun (专家, 评委) or a name
        # that is not the document's (文件叫什么名字 is the title).
        r"哪位|哪(几|些)位|专家|评委|评审(组|团|专家)|院士|主持人|讲者|演讲|代言人|负责人|项目经理|总师",
        r"(副)?(局长|厅长|组长|处长|部长|主任|书记|董事长|总经理)(?=.{0,4}(是谁|叫|姓|名字|哪位|谁))",
        r"(?<!文件)(?<!要点)(?<!通知)叫(什么|啥)名字|名字(是|叫)|要(个|一个)?(名字|姓名)",
        r"(哪个|什么|哪些)(处室|科室|处|科)(的人|对接|负责|联系)|哪个人(对接|负责|联系|管)",
        # "12345热线是哪个处长在管": an official by post, a person (not the task's lead unit)
        r"哪(个|位|一位)(副)?(局长|厅长|组长|处长|科长|部长|主任|书记|董事长|总经理|干部|官员)",
        # "科技厅那边具体谁负责": who inside a unit already named is a person, not the task's lead unit
        r"(厅|局|委|办|中心|集团)(那边|那里|那儿|这边|内部|里面|里头)(具体)?(是)?(谁|哪位|哪个人|什么人)(在)?(负责|管|对接|盯|抓)",
        # a company or outside body by name (哪家公司承建, 交给谁运营, 第三方评测机构有哪几家): never named
        r"(哪家|哪个|什么|哪些|哪几家)(省属|省级|市属|国有|民营|电信|通信|基础电信)?(公司|企业|国企|央企|民企|厂商|厂家|供应商|运营商|承建商|服务商|银行|医院|金融机构)|(移动|联通|电信)[、,，\s]*(还是|或者?|和|跟)?[、,，\s]*(移动|联通|电信)|(承建|中标)(方|单位|商|公司)?(是谁|是哪家|是哪个|是什么)",
        # who won the contract or builds it on site (谁家中标, 施工单位是谁): a company, never the task's lead unit
        r"(谁家|哪家|谁)(中的?标|中标的?)|中标(的|方|单位)(是|有)?(谁|哪家)|(施工|承建)(方|单位|队|商|公司)",
        r"(团队|企业|公司|厂商|银行|医院)[^,，?？]{0,4}哪(几|些)?家|(交给|委托|外包给)(哪家|谁|哪个)|"
        r"哪家的(系统|产品|软件|设备|技术|服务|平台|方案)|(什么|啥|哪个)(牌子|品牌|厂家)|用的(是)?(什么|哪家|啥)(软件|系统|品牌|产品|设备|厂家)|(第三方|评测|检测|测评|认证)(机构|公司)(有|是)?(哪几家|哪些|是谁|是哪家|哪家)"
        r"|(哪家|哪个|哪些|哪几家)(第三方)?(机构|单位)(有资质|具备资质|能做|可以做|能干|有能力)|哪些第三方",
        # an outside body doing it (第三方评测是哪几家机构在做, who exactly is that entity): never the task's units
        r"第三方[^,，?？]{0,8}哪(几|些)?家|哪(几|些)?家(机构|公司|单位)在(做|干|搞|弄|承担)|\bwho exactly is (that|this|the) (entity|body|company|organi[sz]ation)\b",
        # who heads a body (not a task): its head is a person ("who chairs the leading group")
        r"\bwho (personally |actually )?(heads|chairs|directs)(?= (the )?[a-z'’ -]{0,40}\b(group|bureau|department|committee|office|commission|administration|team|conference|meeting|council|panel|board)\b)|"
        r"\b(which|what) (third-party )?(companies|company|firms?|vendors?|suppliers?|operators|carriers|banks|hospitals|contractors?|financial institutions|labs?|laboratories|testing (bodies|institutions|agencies))\b(?! (leads?|is (the )?lead|is in charge|is responsible))|"
        r"\b(need|want|give me|get) (a|the|his|her|their) names?\b|\bname of the (company|firm|organi[sz]ation|entity|operator|developer)\b|\bwhat(?:'s| is) (his|her|their) name\b|"
        r"\b(company|firm|vendor|operator|developer)('s|’s)? names?\b|"  # "Give me the company name"
        r"\bwho at (the |this |that )?[a-z' -]{2,40}? (is|are|was)\b|\bpersonally (running|in charge|responsible|leading|heading|overseeing)\b|"
        # "does the plan name any specific testing company": a company by name, which the plan never gives
        r"\b(name|names|named|list|lists|mention|mentions|identify|specify|specifies)\b[^?.]{0,24}\b(compan(y|ies)|firms?|vendors?|suppliers?|contractors?|labs?|laboratories|operators?)\b|"
        r"\bwho signed\b|\bwhich official\b|\bofficials?\b.{0,20}\bname|\bcontact (person|details|info|number|email)\b|\bguests?\b",
        r"\bwho(?:'s| is) the (contact|point person|focal point)\b|\bwho (should|do|can) (i|we) (call|contact|talk to|reach)\b|\bphone number\b",
        r"\b(director|directors|minister|chief|secretary|chairman|chairwoman|chairperson|mayor|governor|expert|experts"
        r"|speaker|speakers|judges|judge|officials?|manager|managers|names? of (the )?(person|people|staff))\b",
    ),
    "date": rx(
        # the completion verb goes with the cue (啥时候能建好投用): it is how the date is asked, not a topic
        r"(什么时候|啥时候|何时|哪年|几时)(能|会|可以|才|要|得)?(建好|建成|完成|完工|投用|投运|上线|开通|落地|搞好|弄好|出台|发布|用上|编好|编完|编成|写好|出来|通过|审议通过|颁布)+"
        r"|哪天|哪一天|哪几天|几号|几月|什么时候|啥时候|何时|哪年|哪一年|截止|期限|时限|(?<!峰)会期(?!间)|档期|时间(表|节点|点|安排)|日程|赛程|报名时间|开幕|日期|最晚|多久(能|完成)|时间(定了|确定了|定下来了|敲定了)(没|吗|没有)?",
        r"几时|何日|哪个(月|季度|时候|阶段)|哪一(月|季度)|(多长|什么|啥)时间|多久|(上线|建成|完成|启动|开通|投用|投运|举办|交付)时间",
        r"(办|开|搞|举办|举行|持续|连开|开展)(个)?(几|多少)天|(几|多少)天(会|会期)?[?？!！。\s]*$",  # 峰会办几天: how long, a time detail
        r"(年底|年初|年中|上半年|下半年|几月)(前|之前|以前)?(就)?(要|得|能)?(完成|建成|上线|实现|完工|达到)",  # 年底前完成还是上半年
        r"签(几|多少)年|(期限|有效期|合同期|协议期)(是)?(多长|多久|几年)|为期(几|多少)",  # 协议签几年: a term the plan never sets
        r"\b(go-?live|launch|completion|opening|release|publication) dates?\b|\bwhat (month|year|day|quarter)\b|"
        r"\b(specific|exact|particular|set|fixed) (month|day|year|quarter|deadline|timeline|timetable)\b|"  # "is a specific month set"
        r"\bwhen\b(?! (they|we|you|it|people|one|the [a-z]+) (go|goes|come|comes|get|gets|need|needs|want|wants|try|tries|start|starts)\b)|\bdeadline\b|\bwhat date\b|\b(which|what) days?\b|\bwhich (year|month|day)\b|\bby when\b|\b(exact|specific|the) dates?\b|\b(a|any) dates? (been |yet )?(set|fixed|announced|given|decided)\b",
    ),
    "location": rx(
        r"在哪(里|儿|个(市|县|区|城市|地方)|些(县|市|地|城市|地方))|在哪$|在哪[?!.]|(建在|设在|放在|落在)(?!哪(一)?(条|项|部分|块|个(行动|工程|任务|部分)))|落户|选址",
        r"分布在|哪(两|几|些)个(地市|市|县|城市)|(是|在)哪(两|几)个(地市|市|县|城市)?|(是)?哪俩|(具体)?(落点|落脚点|落地点)",
        r"(哪些|什么|哪个)(地方|地点|位置|区域)|(办公|具体|详细)?地址|门牌|办公地点",
        # 定在福州哪个会展中心办: a venue by name
        r"哪(个|家|座|所)(会展中心|展览中心|会议中心|展馆|场馆|会场|酒店|宾馆|体育馆|剧院|礼堂)",
        r"[\u4e00-\u9fff]哪(里|儿)(?!申|报|办|下载|注册|登录|查|找|问)",  # 在平潭哪里
        # 在哪 + any verb (在哪开, 在哪办): a place, unless a part of the plan is meant (在哪条任务里)
        # (nor 挂在哪个app上: which platform carries it, which the plan's 依托X says)
        r"在哪(儿|里)?(?!条|项|一条|一项|部分|个(行动|工程|任务|部分|板块)|些(任务|方面|行动|工程|条|项)|个?(app|平台|系统|软件|小程序|网站|程序))[\u4e00-\u9fff]",
        r"(县|区|城市|地市|县市|地区|口岸|园区)(有|是)?(哪些|哪几个|哪几|哪个)",
        r"(哪些|哪几个|哪个)(县|区|镇|城市|地市|县市|地区|口岸|园区|街道)",
        # which street or library was picked (具体选的哪条街哪个图书馆): a named place the plan does not give
        r"(具体)?(选|挑|定|落)(的|了|在)(是)?哪(条|个|座|所|家)(街|路|馆|图书馆|景区|学校|医院|园区|村|镇|县|区|地方)",
        # (not "都要建哪几个": which ones, not where)
        # (nor "要建哪些库": which things; without 在 only 建哪里 / a closing 建哪 asks where)
        r"(放|建|设|落|选|搬|安)在哪(?!几)(?!一(条|项|个|部分))(里|儿|个|些)?(?!条|项|个(行动|工程|任务))|(放|建|设|落|选|搬|安)哪(里|儿|(?=[?？!！。\s]*$))",
        # (not "where does the plan talk about X": which clause, not which place)
        # (nor "where does X appear in the plan", "where is X mentioned": which clause names it)
        r"\bwhere\b(?!( in)? (does|do|is|did) the (plan|document|doc|text|work plan) (talk|say|mention|cover|discuss|deal|address)|( in)? the (plan|document|doc|text) )"
        r"(?!(?:(?!\b(?:built|located|set up|housed|based|held|hosted)\b)[^,?])*\b(appear|appears|mentioned|show up|shows up|come up|comes up|written|crop up|crops up)\b)"
        r"|\bwhich ((\d+|two|three|few|several) )?cit(y|ies)\b|\blocated\b",
        r"\bwhich ((\d+|two|three) )?(scenic )?(count(y|ies)|districts?|towns?|villages?|sites?|venues?|spots?|places?|parks?)\b",
    ),
    # How often something happens (领导小组多久开一次会): a plan says what is done this year, not its rhythm
    "frequency": rx(
        r"多久(才)?(开|召开|举行|举办|搞|办)?(一次|一回)(会议?|活动)?|多长时间(开|一次)(会议?)?"
        r"|(多久|多长时间|多长时间才)(要|得|会)?(做|搞|开|办|评|测|查|审|检)(一次|一回|一遍)"
        r"|(一年|每年|每季度|每个?月)(开|召开|举行|举办|搞)?几次(会议?)?|频次|频率",
        r"每年都(要|得|会)?|(一年|每年)一(次|遍|回|届|度)|(测|评|查|审)一(遍|次|回)吗|每(一)?届|年年(都)?(办|搞|举办|开)",  # 是每年都得测一遍吗, 一年一届吗
        r"(几|每|一)(年|个月|季度|月|周)(报|搞|开|办|评|测|查|审|发布|更新)?(一)?(次|回)(吗|么)?[?？!！。\s]*$|几年一(次|回|评|测)|"
        r"(什么|啥)频率|周期(多长|是多久|多久|是多少)|每年(复审|复查|复核|评估)|一次性的?(吗|还是)|常态化还是定期|定期(搞|开|审|查)?(吗|还是)|一(月|季|季度|年|周)一(次|回)|按(月|季度|季|年)(还是|出|发布|报)",
        r"\bhow often\b( (does|do|is|are|will))?|\bhow frequently\b|\bhow many times (a|per|each) (year|month|quarter)\b|\bfrequency\b"
        r"|\b(meet|meets|meeting|convene|convenes)\b|\b(yearly|annual|monthly|quarterly|regular|recurring) (thing|event|affair|exercise)\b",
    ),
    # How to apply or qualify: a detail of a topic the plan names but never spells out ("有啥要求" is not
    # one: the plan's own wording answers it).
    "procedure": rx(
        r"(申报|申请|认定|准入|报名|评选|评审|入选|参评)(的)?(条件|门槛|资格|流程|程序|材料|方式|渠道|标准|办法)",
        r"(怎么|如何|咋|怎样|去哪|在哪)(里|儿)?(申报|申请|报名|办理|报|评上|参评|入选|评选)|需要(什么|哪些|啥)(材料|条件|资质)|办理流程",
        r"(怎么|如何|咋|怎样)(才能)?(参加|加入|报名参加|入围)",
        r"(去|到|在|往)哪(里|儿)?(递|交|报|提交|递交|办)",  # 申请材料去哪递: where the papers go
        r"\b(documents?|paperwork|materials?|forms?)\b.{0,30}\b(submit|provide|file|hand in|prepare)\b",  # what documents must a business submit
        # how it is assessed or reckoned: 视频监督怎么考核, 积分是怎么算的 (not 怎么算建成: what counts as done)
        r"(怎么|如何|咋|怎样)(来)?(考核|考评|评估|评价|计算|验收|兑换|兑成|兑现|兑)|(怎么|如何|咋|怎样)算的|考核(办法|标准|方式|细则)",
        # by what rule it is chosen or used: 按啥标准评出来的, 兑换规则是啥样 (the plan names what, not its rules)
        r"(能|可以|可)(兑换|换|兑)(点)?(啥|什么|哪些)(东西|奖品|礼品|服务)?|按(啥|什么|哪些|哪个|何种)(标准|条件|规则|办法|指标)(来)?(评|选|定|挑|认定|评定|确定|筛)|(兑换|积分|计分|打分|评分|评比)(的)?(规则|细则|办法)|(规则|细则)(是)?(啥|什么|怎样|怎么样|咋样)",
        # 咋申领, 企业要咋登记去哪填, "how do veterans link their card": what a person does to get or use it
        r"(怎么|如何|咋|怎样)(去)?(申领|领取|登记|注册|办理|申办|绑定|开通|激活|填报|备案)|去哪(儿|里)?(填|办|申请|报|登记|领)",
        # "碳积分在八闽碳惠上怎么用": how a person uses it (not 怎么用好数据, 用起来, 用于: what it is for)
        r"(怎么|如何|咋|怎样)(使)?用(?![好起活足于来在到])",
        r"\bhow (do|does|can|should|would) (i|we|you|people|veterans|companies|a company|firms|businesses|users|residents|citizens|applicants|enterprises)"
        r" (link|bind|use|get|register|sign up|claim|receive|obtain|access|activate|connect|redeem|enrol|enroll)\b",
        # "企业想申报数据标注基地咋整": the asking verb first, the how-word after the topic
        rf"{_APPLY}(?=[^,，?？]{{0,14}}{_HOW_TO})",
        r"(要|需要|得|须)(什么|哪些|啥)(材料|条件|资质|门槛)|(有|是)(啥|什么|哪些)(流程|程序|手续|步骤)|走(啥|什么)(流程|程序|手续)",
        r"(申报|申请|报名|参评)(?=[^,，?？]{0,10}(找谁|找哪))|(哪个|什么|啥|哪些)(渠道|窗口|入口)|从哪(儿|里)?(报|申报|申请|报名)",  # 想申报这个基地的话找谁: where to apply, not the task's lead
        r"(交|提交|准备|报送)(啥|什么|哪些)材料|签(什么|啥|哪些)(协议|合同|承诺)|能不能报|(可以|能)报(名)?吗|找(谁|哪|哪个部门|哪家|哪个单位)(去)?(备案|申报|申请|报名|审批|审核|认证|登记|报)|(申报|申请|报名|登记|填报)(表|书|入口|系统|通道)",  # 找谁备案, 有申报表吗
        r"\bhow (does|do|can|would|should) [a-z ]{1,40}? (get|become|be) (approved|certified|accredited|licensed|authori[sz]ed|qualified|registered)\b",
        r"(达到|满足|符合|具备)(什么|啥|哪些)(条件|标准|要求)(才算|才能|才行)?|(评定|认定|评选|验收)(的)?(标准|条件)(是什么|是啥|有哪些)",  # 要达到啥条件才算
        # "啥样的企业才算高新技术企业 有门槛说明吗": what qualifies, a rule the plan never sets out
        r"(啥样|什么样|怎样|哪种)的?[\u4e00-\u9fff]{0,6}才(算|能算|能评|够格|符合|能认定)|门槛(说明|是|有|多高|高不高)|有(没有)?门槛",
        # what happens when it fails ("不过关的话会咋处理"): a consequence the plan never sets out
        r"到期(了|后|以后)?(咋办|怎么办|怎么处理|咋处理|续不续|怎么续)|(的话|如果)[^,，?？]{0,8}(会|要)?(咋|怎么|如何)(处理|处置|办|罚)|(不过关|不达标|不合格|没通过)[^,，?？]{0,6}(咋办|怎么办|会怎样|会怎么样)",
        r"(流程|手续|程序|步骤)(怎么走|咋走|是什么|是啥|有哪些|怎么办)|走(什么|啥|哪些)(流程|手续|程序)",
        r"(备案|申报|申请|报名|认定|审批|登记|注册|评选|参评)(要|得|该|应该)?(怎么|如何|咋|怎样)(办|弄|搞|做|操作|走)?",  # 大模型备案咋办
        r"具体(要)?(怎么|如何|咋|怎样)(个)?(审|查|核|评|测|操作|执行|办理)",  # 合规审核具体咋审
        # "算法备案 企业要怎么办 啥流程": what an applicant does, and its steps asked bare
        r"(企业|公司|单位|个人|老百姓|群众|商户|平台)(要|得|该|应该|需要)?(怎么|如何|咋|怎样)(办|弄|搞|操作|走)|(啥|什么)(流程|程序|手续|步骤)[?？。!！\s]*$",
        r"(怎么|咋|怎样)个(审|查|核|评|测|考|搞|弄|做|办|管|算)法",  # 符合性测试具体是怎么个测法
        # how a citizen uses a service (怎么下载): the plan says what is built, never how to use it
        r"(怎么|怎样|如何|咋)(才能)?(下载|安装|注册|登录|登陆|使用|缴费|交费|预约|查询|投诉|领取|绑定|开通|认证|操作|兑换|报销|结算)",
        r"\b(what|which) (are the )?steps\b|\bstep[- ]by[- ]step\b|\bhow (do|can|does|should) (a |an |the )?[a-z]+ get\b",
        r"\bhow (do|can|does|should) [a-z ]{1,24}? (apply|qualify|sign up|register)\b",
        r"\b(how (do|can|does|should) (i|we|you|they|companies|firms|businesses|enterprises|a company|a firm|an enterprise|a business)"
        r" (apply|qualify|sign up|register|join)|application (criteria|process|procedure)|eligib\w*)\b",
    ),
    "definition": rx(
        rf"什么意思|啥意思|{_NOT_A_TERM}是啥[?!.]*$|是什么意思|指的是什么|是指什么|指什么|含义|定义|解释一下|怎么理解|(怎么|如何|咋)界定|界定(标准|口径)?是",
        r"(界定|限定|圈定)(的|了)?(范围|对象|口径|人群)",  # 特定人群有没有界定范围: a definition the plan may not give
        r"叫(什么|啥)(条例|法规|办法|名称|名目)|^(请问)?(啥|什么)叫|何谓|是个(啥|什么)(东西|玩意)?|是啥玩意|(到底|究竟)是(什么|啥)(内容|东西)?",
        r"具体(指的?|说的)?(是)?(哪些|什么|啥)(东西|事|事情|事项|内容)|具体是哪些事",  # 数智疾控具体指的是哪些东西
        r"(达到|做到|满足)(什么|啥|哪些)(标准|程度|条件|要求)?(才)?算|(验收|评定|认定)标准|算(不算)?(建成|达标|合格)的标准",  # 达到什么算建成
        r"^\W*(有|有没有)(个|具体)?(清单|目录|明细)(吗|么|没|没有)?\W*$",  # "…具体是哪些事，有清单吗": a list the plan never gives
        r"指(的是)?(哪些|哪几类|哪几种|什么)(人|人群|群体|对象)|指的?是谁|(分别|到底|究竟|具体)?指的?(是)?啥|还是(啥|什么)人",
        # who benefits ("景区免证入园是哪些人能免"): the plan names a group (特定人群), never its members
        r"哪(些|类|种)人(群)?(能|可以|可|才能|会)?(免|享受|享有|受益|适用)|哪(类|些|种)人群|哪些群体",
        # "密评是什么，怎么评": a short term, then 是什么 (not "目标是什么": that asks for the plan's target)
        rf"^[^,?!。，]{{1,8}}{_NOT_A_TERM}是(什么|啥)(东西|玩意)?([,?!.]|$)",
        r"\bwhat does .{1,80} mean\b|\bmeaning of\b|\bdefin(e|ition)\b|\bwhat (exactly )?counts as\b|\bwhat (exactly )?is meant by\b",
        r"^\W*what(?:'s|’s| is| are) (a|an) [a-z][a-z\- ]{2,40}\W*$",  # "What is a smart elderly care home?"
        # "what exactly is the X plan", "what does it involve": what a named measure consists of, never spelt out
        r"\bwhat exactly (is|are|do they mean)\b(?! (the|its|their) (target|goal|figure|number|lead|deadline|date|budget)s?\b)|\bwhat (does|do|would) (it|this|that|they) (involve|entail|include|consist of)\b",
    ),
}

# What a clause must contain for the slot to be stated.
_PLACES = (*CITIES, *"宁夏 台湾 金门 马祖 晋江 福清 长乐 上海 北京 深圳 省内 县 区 市".split())
_EVIDENCE: dict[str, re.Pattern[str]] = {
    "past_result": rx(r"2024年|去年|上年|已(建成|完成|达到|累计)|累计(建成|完成)"),
    "share": rx(rf"({_CITY}|每个设区市|每个市)[^,，。；]{{0,10}}\d"),
    "budget": rx(r"\d[\d.,]*\s*(亿|万|千)?元"),
    "person": rx(r"同志|[局厅部处]长[\u4e00-\u9fff]{2,3}"),
    "date": rx(r"\d{1,2}月|\d{1,2}日|年底|年初|年中|上半年|下半年|季度|\d{4}年(前|底|内)"),
    "definition": rx(r"是指|即是|指的是|定义为|简称"),
    "procedure": rx(r"(申报|申请|认定|准入|报名)(条件|流程|程序|材料)|条件为|须具备|应当具备"),
    "frequency": rx(r"每(年|季度|月|周)|定期|一年一次|半年一次"),
}

# How the answer names what is missing (zh, en).
DESCRIBE = {
    "past_result": ("往年或目前已完成的情况", "past or current results"),
    "share": ("各地市分到的具体数字", "how the figure is split among cities"),
    "budget": ("资金、投资或费用金额", "any budget, investment or price"),
    "person": ("具体人员、名单或联系方式", "any names of people or contacts"),
    "date": ("具体日期或时间节点", "a date or deadline"),
    "location": ("具体地点", "the specific location"),
    "frequency": ("多久一次或会议频次", "how often it happens"),
    "definition": ("这一说法的定义或解释", "a definition of this term"),
    "procedure": ("申报、申请或使用的条件、流程和方法", "how to apply, qualify or use it"),
    "figure": ("这方面的具体数量目标", "a figure for this"),
    "contents": ("其具体内容", "what it consists of"),
    "full_name": ("其全称", "its full name"),
    "choice": ("所问的是哪一种", "which of these it is"),
    "collective": ("这些单位具体是哪些", "which units these are"),
    "document": ("文件的这项信息（如文号）", "this detail of the document (such as its number)"),
}


# A company, bank or hospital asked for by name is a person-like detail, but the answer says so in its words.
_ORGS = rx(
    r"(公司|企业|厂商|厂家|供应商|运营商|承建商|服务商|银行|医院|金融机构|第三方|团队|哪家的|牌子|品牌|中的?标|施工|承建)|(移动|联通|电信)[、,，\s]*(还是|或者?|和|跟)?[、,，\s]*(移动|联通|电信)",
    r"\b(compan(y|ies)|firms?|vendors?|suppliers?|operators?|carriers?|banks?|hospitals?|contractors?|institutions)\b",
)


def describe(slot: str, question: str) -> tuple[str, str]:
    """How the answer names the detail a question asked for that the plan does not state (zh, en)."""
    if slot == "person" and _ORGS.search(fold(question)):
        return ("具体企业、机构名单", "which companies or institutions")
    if slot == "definition" and re.search(r"叫(什么|啥)|\bcalled\b", fold(question)):
        return ("其具体名称", "what it is called")
    return DESCRIBE[slot]


def detail_slot(question: str, plan_text: str = "") -> str:
    """The detail slot a question asks for, or "" (then its kind decides: lead, number, …).

    With the plan's (folded) text, a money or time word inside a name the plan writes ("造价评估规范") is
    that name, not the detail asked. (People words are not: "请了哪些重要嘉宾" asks who, though the plan
    writes 重要嘉宾.)"""
    folded = fold(question)
    for slot in DETAIL_SLOTS:
        for m in _CUES[slot].finditer(folded):
            if not (plan_text and slot in _NAMED_IN_TERMS and _in_plan_name(folded, m.start(), m.end(), plan_text)):
                return slot
    return ""


_NAMED_IN_TERMS = ("past_result", "budget", "date")  # slots whose words the plan also writes (第二批国家级…试点, 造价评估规范)


def _in_plan_name(folded: str, start: int, end: int, plan_text: str) -> bool:
    """Is folded[start:end] part of a longer stretch of Chinese (two more characters at least) that the
    plan writes word for word?"""
    if not re.fullmatch(r"[\u4e00-\u9fff]+", folded[start:end]):
        return False
    for a in range(max(0, start - 4), start + 1):
        for b in range(end, min(len(folded), end + 4) + 1):
            if b - a >= end - start + 2 and re.fullmatch(r"[\u4e00-\u9fff]+", folded[a:b]) and folded[a:b] in plan_text:
                return True
    return False


# Where a slot's cue takes the asked term along ("密评是什么": the term before 是什么), only the cue words are
# stripped, so the term stays the topic.
_STRIP: dict[str, re.Pattern[str]] = {
    # the cue and the people asked for (处长, 组长, 省领导): the detail, not the topic (领导小组 stays, the plan's unit)
    "person": re.compile(
        _CUES["person"].pattern
        # (the verb after them, 管 or 当, is a lone character masking drops; 管 of 管理局 must stay)
        + r"|((省|市|分管|主管|主要|相关)(的)?)?(领导(?!小组)|处长|科长|组长|局长|厅长|主任|书记|部长|负责人|联系人|对接人|经办人|官员|同志)(是谁|是哪位|叫什么|叫啥|姓什么|有谁)?"
        + r"|(挂帅|掌舵|主事|当家)(的)?"  # who heads it, asked of a person
    ),
    # the procedure cues, and the how-word of "申报X咋整" (the cue above keeps the topic between them)
    "procedure": re.compile(_CUES["procedure"].pattern + rf"|{_HOW_TO}[?？!！。\s]*$"),
    # the cue's words only: "现在全省算力规模已经到多少" keeps 算力规模 (the cue's gap would take it along)
    "past_result": rx(
        r"去年|上一年|上年度|前年|往年|历年|以往|(20)?2[0-4]年|已经|目前|现在|当前|眼下|如今|截至目前|到目前|"
        r"完成了|完成率|完成情况|进展(如何|怎样|怎么样|情况|到哪)?|(成效|效果|成果|成绩)(如何|怎样|怎么样|有哪些|是什么)?|"
        r"(做|搞|干|建|推)得(怎么样|如何)|第[一二三四五六七]届|已(建成|完成|累计|有|到|达到)?|建成|有多少|实际(做到|达到|到了)?|当时|第一批|首批|上一批|前几批|上一届|上届",
        r"\b(end|start|beginning|close|middle) of 202[0-4]\b|\bas of 202[0-4]\b|\blast year\b|\bso far\b|\balready\b|\bprevious years?\b|\bin 202[0-4]\b|(?<![0-9])202[0-4](?![0-9])",
    ),
    "definition": rx(
        r"什么意思|啥意思|是什么意思|指的是什么|是指什么|指什么|含义|定义|解释一下|怎么理解",
        r"叫(什么|啥)(条例|法规|办法|名称|名目)|^(请问)?(啥|什么)叫|何谓|是个(啥|什么)(东西|玩意)?|是啥玩意|是(什么|啥)(东西|玩意)?",
        r"\bwhat does\b|\bmean\b|\bmeaning of\b|\bdefin(e|ition)\b|\bwhat (exactly )?(counts as|is meant by)( an?)?\b|^\W*what(?:'s|’s| is| are) (a|an)\b",
    ),
}


def strip_cue(question: str, slot: str) -> str:
    """The question without its slot words, so they do not count as topic ("峰会哪天开幕" -> 峰会 开幕)."""
    if slot not in _CUES:
        return question
    return _STRIP.get(slot, _CUES[slot]).sub(" ", fold(question))


def states(slot: str, text: str, question: str = "") -> bool:
    """Does `text` (a clause or sentence) contain what the slot asks for, beyond what the question says?"""
    folded, asked = fold(text), fold(question)
    if slot == "location":  # a named place the question does not already name (市/县 alone name none)
        if re.search(r"哪(个|些|几个)?(区|县|镇|乡|街道)|具体(地址|位置|地点|在哪)|门牌|\bexact(ly)?\b|\baddress\b", asked):
            # a district asked for: only a district or county named in the text says it
            return bool(re.search(r"[\u4e00-\u9fff]{2,3}(区|县|镇|乡)(?<!园区)(?<!新区)(?<!试验区)(?<!先行区)(?<!示范区)(?<!集聚区)(?!村)", folded))
        return any(p in folded and p not in asked for p in _PLACES[:-3])
    rx = _EVIDENCE.get(slot)
    return bool(rx and rx.search(folded))
