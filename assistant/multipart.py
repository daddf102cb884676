"""Two questions in one ("A和B的目标分别是多少？", "X谁牵头，Y又是谁牵头"): split so each part gets its
own answer and citation. Pure; the caller decides whether each part has a topic of its own."""

from __future__ import annotations

import re

from assistant.slots import CITIES, detail_slot
from corpus.script import fold

_ASKS = re.compile(r"谁|多少|((新建|新增|建设)(数量|量)|数量|目标数|指标数|(牵头|挑头|负责|主抓|配合|参与)的?(部门|单位|厅局|机构))(?=[?？!！。\s]*$)|(多大|多高|多快|多长)(?=[?？!！。\s]*$)|(?<![那这])几|哪|什么|吗|呢|啥|还是|(牵头|负责|主抓)\S{0,2}的?(是不是|是否)|\b(how|what|who|which|when|where|is there|are there)\b", re.I)
_YES_NO_ZH = re.compile(r"有没有|是否|有无|提(到|了|过)?没")
# "A和B(的X)分别是Y": the shared tail applies to both.
# "A和B这两条 各是谁牵头" too: 各 before 是/自/由/要 (not the 各 of 各设区市), "这两条" dropped.
_RESPECTIVELY = re.compile(
    r"^(?P<a>.{2,40}?)(?:和|(?<!参)(?<!给)与|以及|及|、|跟|同|還有|还有)(?P<b>.{2,40}?)(?P<mid>的[^,，?？]{0,12}?)?\s*"
    r"(?:(?:这|那)(?:两|2|俩)(?:条|项|个|件|块|样)?\s*(?P<pre>[^,，?？\s]{1,6}的)?\s*)?[,，]?\s*(?:分别|各自|各(?=是|由|要|归|为|需|有))(?P<tail>.+)$"
)
# Boundaries between questions: after ？/?/；/; or at a comma (English: ", and how/what…").
_BOUNDARY = re.compile(
    r"(?<=[？?；;])\s*|[，,、]\s*(?:and\s+)?(?=(?:另外|还有|以及|那|又)?\S)"
    # a space typed as punctuation between two Chinese questions ("智慧养老院谁牵头 要建几个")
    r"|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fffA-Za-z0-9])|(?<=[0-9A-Za-z])\s+(?=[\u4e00-\u9fff])"
    # English: "… and how many …", "… and who …"
    r"|\s+and\s+(?=(?:how|what|who|which|when|where)\b)",
    re.I,
)

# An English sentence with a Chinese name in it ("Where does 数字福建安全大脑 appear in the plan, and who
# leads that task?"): the spaces around the name are no boundary, only punctuation and "and who…" are.
_BOUNDARY_EN = re.compile(
    r"(?<=[？?；;])\s*|[，,、]\s*(?:and\s+)?(?=\S)|\s+and\s+(?=(?:how|what|who|which|when|where)\b)", re.I
)
_EN_GRAMMAR = re.compile(r"\b(how|what|who|which|when|where|does|do|is|are|the|in|of|and|plan)\b", re.I)


# "算力规模目标和牵头单位": one topic, two things asked of it, joined by 和.
_ASKED = r"数量目标|目标|指标|牵头单位|牵头部门|牵头厅局|牵头方|配合单位|配合部门|责任单位|参与单位|完成时间|时间节点"
_TWO_ASKED = re.compile(
    rf"^(?P<topic>.{{2,40}}?)(的)?(?P<x>{_ASKED})(和|与|及|以及|、|跟)(?P<y>{_ASKED}|谁牵头|谁负责)(分别)?(是)?(什么|多少|哪些|谁)?[?？。]*$"
)


# "what's the compute target and the latency goal": one English wh-question of two things, each "the X".
_EN_TWO_THINGS = re.compile(
    r"^(?P<head>\W*(?:what|which|who)(?:'s|’s| is| are| were| was)\s+the\s+)(?P<a>[^,?]{3,60}?)\s+and\s+the\s+(?P<b>[^,?]{3,60}?)\W*$",
    re.I,
)


# "Two numbers please: A, and B" / "两个数：A和B": the count announces the parts, listed after the colon.
_ANNOUNCED = re.compile(
    r"^\W*(?:(?:two|2|both|a couple of|several) (?:numbers|figures|things|questions|targets|leads)(?: please)?|(?:两|2)个(?:数|数字|问题|目标))\s*[:：]\s*(?P<rest>.+)$",
    re.I,
)

# "Give me …: the X, and the Y": things listed after a colon, each a noun phrase with "the"
_EN_LISTED = re.compile(r"^(?P<head>[^:：]{3,80})[:：]\s*(?P<rest>.+)$")


class _Typed:
    """A match made on the folded question, read back in the asker's own characters."""

    def __init__(self, m: re.Match[str], typed: str):
        self._m, self._typed = m, typed

    def group(self, name: str) -> str | None:
        return None if self._m.group(name) is None else self._typed[self._m.start(name) : self._m.end(name)]


def _asked_as_announced(head: str, part: str) -> str:
    """A part of "Two numbers please: …" asked the way the head announced it (each its figure, each its lead)."""
    chinese = bool(re.search(r"[\u4e00-\u9fff]", part)) and not re.search(r"[a-z]{3}", fold(part))
    if re.search(r"numbers|figures|targets|数", head):
        return f"{part}目标是多少" if chinese else f"what is the target number for {part}?"
    if "leads" in head:
        return f"who leads {part}?"
    return part


def _asks_again(before: str, piece: str) -> bool:
    """Does the piece ask the part before it again: "…日活达到多少了 有数据吗", or a guess at a place or day
    asked ("…设在哪 海峡会展中心吗")? A piece naming a role ("数据局牵头吗") is a question of its own."""
    p = fold(piece)
    if re.fullmatch(r"\W*(有|有没有)(具体|实际)?(数据|统计|数)(吗|么|没|没有)?[?？!！。\s]*", p):
        return True
    if re.fullmatch(r"\W*(文件|要点|里面|上面|这里)?(上|里|中)?(有没有|有)?(说明|解释|交代|写明|注明|说清楚?|讲清楚?|说|写|提|讲|明确|规定)(过|了|到)?(吗|么|没|没有|不)[?？!！。\s]*", p):
        return True  # "…总投资是多少 有说吗": whether the plan says it, the same question
    if re.search(r"多少|几|收费|收钱|钱", fold(before)) and re.fullmatch(
        r"\W*(有没有|有)(具体|统一|收费|明确|量化)?(的)?(标准|规定|依据|说法|指标|数字|目标|量化)(吗|么|没|没有)?[?？!！。\s]*", p
    ):
        return True  # "…一条数据收几毛几块 有标准吗", "…推动多少个应用入驻 有量化指标吗": the same question
    if re.fullmatch(r"\W*(这个|那个)?(定|确定|敲定|定下来)(了)?(吗|么|没|没有|不)[?？!！。\s]*", p):
        return True  # "…收多少钱 定了吗": whether it is settled, the same question
    if re.search(r"\bwhere\b", fold(before)) and re.match(
        r"\W*(which|what) (data cent(re|er)|place|city|site|building|location|district|county|venue|office|park)s?\b", p
    ):
        return True  # "Where is X hosted, which data centre?": the place asked again, more precisely
    if re.search(r"(牵头|配合|参与)", fold(before)) and re.fullmatch(
        r"\W*(到底|究竟)?(有没有|有)(它|他|其|它们|他们)(的)?(事|事儿|份|活|活儿)(吗|么|没|没有|不)?[?？!！。\s]*", p
    ):
        return True  # "…大数据集团是牵头还是配合 有它的事吗": whether it is listed, the same question
    if re.search(r"哪位|谁", fold(before)) and detail_slot(piece) == "person" and re.match(r"\W*(有没有|有无|是否有)", p):
        return True  # "…具体谁对接 有没有写联系人": the person, asked again
    if re.search(r"哪位|领导|负责人|谁", fold(before)) and re.fullmatch(
        r"\W*(他|她|那人|这人|此人)?(叫啥|叫什么|叫什么名字|叫啥名字?|名字(呢|是啥|叫啥)?|姓啥|姓什么)[?？!！。\s]*", p
    ):
        return True  # "…具体哪位领导盯着 叫啥": the person's name, the same question
    if re.search(r"名单|哪家|哪个|谁", fold(before)) and re.fullmatch(r"\W*(具体)?(是|都是)?(哪家|哪几家|哪个|哪些|谁)(呀|呢|啊)?[?？!！。\s]*", p):
        return True  # "…开发主体的名单公布了吗 是哪家": the names, asked again
    if re.fullmatch(r"\W*(还是|或者|或是)(别的|其他|其它|另外的?)(单位|部门|家|机构)?(呢|吗)?[?？!！。\s]*", p):
        return True  # "…是发改委牵头吗 还是别的单位": the same question, the guess left open
    return (
        re.search(r"(在|设在|放在|落在)哪|哪天|几号", fold(before)) is not None
        and re.fullmatch(r"[^谁哪几啥?？]{2,12}(吗|么)[?？!！。\s]*", p) is not None
        and not re.search(r"多少|什么|牵头|负责|配合|参与|同一|写了|提到|在内|在里面", p)
    )


# "平潭综合实验区在不在里面": whether a city is among those meant asks too (an A-not-A question without a city,
# "我们县能不能分到", is the asker's aside)
_CITY_INCLUDED = re.compile("(" + "|".join(CITIES) + r")[\u4e00-\u9fff]{0,6}(在不在|算不算|包不包括|含不含)")
_NOUN_COUNT = re.compile(r"(数量|新建量|总量|数目)[?？!！。\s]*$")
_WHICH_ARE_THEY = re.compile(r"\W*(那)?(都|分别|具体|各|又)?(是|有)?(啥|什么|哪些|哪几(条|项|个|件)|哪(条|项|个)几(条|项|个))(呀|呢|啊)?\W*")
_HOW_MANY_ITEMS = re.compile(r"(几|多少)(条|项|个|件)")
# "…一共几条任务 每条谁牵头": each counted one's lead, which the list of them shows beside it
_EACH_LEAD = re.compile(
    r"\W*(那)?(每条|每项|每个|每一条|每一项|各条|各项|各自|分别)(都)?(是)?(由)?(谁|哪个单位|哪家|哪个部门|哪个)(来)?(牵头|负责|主抓|挑头)(的)?(呀|呢|啊)?\W*"
)


def split_question(q: str) -> list[str]:
    """The parts of a question that asks two or more things, or [q]."""
    m = _ANNOUNCED.match(q.strip())
    if m:
        parts = [p.strip(" ,，;；.?？") for p in re.split(r"\s*(?:[,，;；]\s*(?:and\s+)?|\s+and\s+(?=the\b)|和|以及)\s*", m.group("rest"))]
        parts = [p for p in parts if p]
        if len(parts) >= 2:
            # each part asks what the count announced ("two numbers": each its figure)
            return [_asked_as_announced(fold(q.strip()[: m.start("rest")]), p) for p in parts]
    m = _EN_LISTED.match(q.strip())
    if m and len(_EN_GRAMMAR.findall(q)) >= 3:
        # "Give me the overall shape: the number of big actions, and the tasks inside …": each thing listed
        # after the colon is asked for
        listed = [p.strip(" .?!") for p in re.split(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+(?=the\b)", m.group("rest"))]
        if len(listed) >= 2 and all(re.match(r"the\s+\S", p, re.I) for p in listed):
            return listed
    m = _EN_TWO_THINGS.match(q.strip())
    if m:
        return [f"{m.group('head')}{m.group('a')}", f"{m.group('head')}{m.group('b')}"]
    stripped = q.strip()
    m = _TWO_ASKED.match(fold(stripped)) if len(fold(stripped)) == len(stripped) else None  # either script
    if m:
        topic, x, y = (stripped[m.start(g) : m.end(g)] for g in ("topic", "x", "y"))
        return [f"{topic}{x}", f"{topic}{y}"]
    # (read folded when folding keeps the length, so 分別 of the traditional script is 分别; parts keep the asker's script)
    folded_q = fold(q.strip())
    m = _RESPECTIVELY.match(folded_q) if len(folded_q) == len(q.strip()) else _RESPECTIVELY.match(q.strip())
    if m and len(folded_q) == len(q.strip()):
        m = _Typed(m, q.strip())
    if m and re.fullmatch(r"\W*(它|其|他们)?(只是|只|仅|光)?(牵头|参与|配合|协同|负责|参加)(的)?\W*", fold(m.group("b"))) and re.search(
        r"(牵头|参与|配合|协同|负责|参加)的?\W*$", fold(m.group("a"))
    ):
        # "省密码管理局在这份要点里 牵头的跟参与的分别是哪些条": one unit's list, each task with its role
        return [q]
    if m:
        # "峰会跟数字乡村这两块 牵头的各是哪个": what stands before 各 (牵头的) goes with the tail
        mid, tail = m.group("mid") or "", (m.group("pre") or "") + m.group("tail")
        if re.match(r"要|需要|计划|准备|拟", m.group("b")):
            # "集聚区数量和要培育的创新企业数各是多少": 的… is the second item's own noun, not a shared one
            return [f"{m.group('a')}{tail}".strip(), f"{m.group('b')}{mid}{tail}".strip()]
        return [f"{m.group('a')}{mid}{tail}".strip(), f"{m.group('b')}{mid}{tail}".strip()]
    english = len(_EN_GRAMMAR.findall(q)) >= 3
    pieces = [p.strip(" ，,") for p in (_BOUNDARY_EN if english else _BOUNDARY).split(q) if p and p.strip(" ，,？?；;")]
    if len(pieces) < 2:
        return [q]
    last_asks_which = _WHICH_ARE_THEY.fullmatch(fold(pieces[-1])) or _EACH_LEAD.fullmatch(fold(pieces[-1]))
    if len(pieces) >= 2 and last_asks_which and _HOW_MANY_ITEMS.search(fold(pieces[-2])):
        # "科技厅牵头的有几条 都是啥" (or "发改委当头的活 一共几件 都是啥"): the last piece asks which the counted
        # ones are; one list answers both
        if len(pieces) == 2 or not any(_ASKS.search(fold(p)) for p in pieces[:-2]):
            return [q]
    # A piece that asks nothing ("出海打鱼的渔民有网络信号吗，海上通信…" asks twice; "智慧养老院，谁牵头"
    # once) is context: it joins the piece after it.
    parts: list[str] = []
    carry = ""
    for i, p in enumerate(pieces):
        # "那智慧景区呢 要建几个": a leading "X呢" names the topic the next piece asks about
        # (asked in either script: 幾 and 哪 are read folded)
        # an English yes/no question asks too ("compute goal is 6000P or smth like that?")
        # (one ended by its own question mark, with another question after it)
        yes_no = i < len(pieces) - 1 and p.rstrip().endswith("?") and bool(
            re.search(r"\b(is|are|was|were|does|do|did|can|will|has|have)\b", fold(p))
        )
        # "…, and does it mention X?": an English yes/no question after another part asks too
        # "智慧景區有沒有提？沉浸式…幾個？": a Chinese yes/no question ended by its own question mark
        yes_no = yes_no or (i < len(pieces) - 1 and p.rstrip().endswith(("?", "？")) and bool(_YES_NO_ZH.search(fold(p))))
        yes_no = yes_no or (i > 0 and bool(re.match(r"\W*(does|do|did|is|are|was|were|can|will|has|have)\s+(it|they|this|that|the)\b", fold(p))))
        # "…归哪家牵头 有没有截止日期" ("…资金预算有没有数"): a yes/no piece after a question, about a detail of
        # its own, asks too
        yes_no = yes_no or (
            bool(parts) and bool(re.search(r"有没有|有无|是否有", fold(p))) and bool(detail_slot(p)) and not _asks_again(parts[-1], p)
        )
        # "…谁牵头，有没有提要建统计监测制度": whether the plan names a thing of its own, a question too
        yes_no = yes_no or (bool(parts) and bool(re.match(r"\W*((有没有|有无|是否)(提|说|写|讲|部署|安排)|提没提|说没说)(到|过|了)?(要)?[\u4e00-\u9fff]{4,}", fold(p))) and not _asks_again(parts[-1], p))
        leading_ellipsis = i == 0 and len(pieces) > 1 and not yes_no and not _ASKS.search(fold(p).rstrip("呢?？ "))
        # "星座卫星数量 海丝那个 规划里说了要几颗在轨没": a bare "X数量" that the next piece asks as 几颗 names
        # what is counted; one question
        leading_ellipsis = leading_ellipsis or (
            i == 0 and bool(_NOUN_COUNT.search(fold(p))) and not re.search(r"谁|多少|几|哪|什么|啥|吗|呢", fold(p))
            and any(re.search(r"多少|几", fold(x)) for x in pieces[1:]) and not any(_NOUN_COUNT.search(fold(x)) for x in pieces[1:])
        )
        if parts and not carry and not yes_no and _asks_again(parts[-1], p):
            parts[-1] += f"，{p}"
            continue
        if (_ASKS.search(fold(p)) or yes_no or _CITY_INCLUDED.search(fold(p))) and not leading_ellipsis:
            parts.append(f"{carry}，{p}" if carry else p)
            carry = ""
        else:
            carry = f"{carry}，{p}" if carry else p
    if carry and parts:
        parts[-1] += f"，{carry}"
    return parts if len(parts) >= 2 else [q]
