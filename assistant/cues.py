"""Shared cue helpers and the document-fact cues (who issued the plan, when, its title, to whom).

Patterns are matched against folded questions (simplified, lower case, NFKC)."""

from __future__ import annotations

import re

from corpus.script import fold

# Longer text is not a question a person typed: cues scan a bounded prefix.
MAX_SCAN_CHARS = 2000


def rx(*patterns: str) -> re.Pattern[str]:
    """One pattern that matches any of `patterns`."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Yes/no questions about who leads that end the question: "那条是农业农村厅管？", "…是网信办牵头的对吧"
# (the who-leads cue and the verdict in the answer both read them).
# A unit's role in the task pointed at ("水利厅在这条里算啥"): both a lead question and the role it asks for
ROLE_IN_TASK = r"(在|于)(这|那)(条|项|个任务)(里|里面|里头|中)?(算|是)(个)?(啥|什么)(角色|身份)?[?？!！。\s]*$"
YES_NO_LEAD = (
    r"是[^,，?？]{1,12}(牵头|负责|主抓|主导|主管|管|在管|在抓)(的)?[?？]+\s*$",
    r"(牵头|负责|主抓|主导|主管|管)(的)?[,，\s]*(对不对|对不|对吧|是吧|是吗|没错吧|没错吗)[?？!！。\s]*$",
    # the everyday verbs of leading: 是发改委带头不？ 网信办挑头吗
    r"(带头|挑头|打头|领头|抓总|挂帅|挑大梁)(的)?(吗|么|不|嘛|吧|没|对不对|对吧|是吧)[?？!！。\s]*$",
    # 是发改委牵头吗，还是别的单位: the guess with the question left open
    r"(牵头|负责|主抓|主导|主管|管)(的)?(吗|么|嘛|吧)?[,，\s]*还是(别的|其他|其它|另外的?)(单位|部门|家|机构)?(呢|吗)?[?？!！。\s]*$",
)


# Document facts live on the cover letter, not in any clause. First matching field wins: 印发给谁 is the
# addressee though it contains 印发, 何时由谁印发 asks for the date first.
_DOC_VERB = r"(印发|发布|出台|下发|签发|成文|发文|颁布|公布|发出|发的|印的)"
DOCUMENT_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "addressee",
        rx(
            r"主送(对象|单位|机关|范围)?|发给谁|印发给|发送给|下发给|送达|给谁的|收文单位|哪些单位收到|发给(哪些|哪个|什么|哪几个)(单位|部门|机构)?",
            r"\baddress(ed)? to\b|\baddressees?\b|\bsent (out )?to\b|\brecipients?\b",
        ),
    ),
    (
        "date",
        rx(
            rf"(何时|什么时候|啥时候|啥时|哪天|哪一天|哪年|几月|几号|日期|时间)(被|给)?{_DOC_VERB}",
            rf"(哪年|哪月|哪日|哪天|几月|几号|几日)+(被|给)?{_DOC_VERB}",  # "哪年哪月哪日发的"
            rf"{_DOC_VERB}(于|在)?(何时|什么时候|啥时候|啥时|哪天|哪一天|哪年|几月|几号|日期|时间)",
            r"(文件|要点|通知)(的)?(日期|时间|日子)|落款[^,，?？]{0,4}(那天|那日|日子)[^,，?？]{0,3}(哪天|哪一天|几号|几月)|落款日期|成文日期|署名日期|日子(是|写的|写得|写了|写)?(是)?(哪天|哪一天|几号)|落款(是|为|写的)?(哪天|哪一天|几号|几月|什么时候|啥时候|何时|日期|时间|哪年)",
            r"\bwhen\b(?! (they|we|you|people) ).{0,40}?\b(issued|published|released|signed|dated|adopted|approved|sent out|go out|went out|come out|came out)\b",
            r"\b(issue|issuing|publication|release) date\b|\bdate of (issue|the document|the plan|this document)\b",
            # "the date on the cover notice of this work plan": the cover letter's date
            r"\bdate (on|of) (the |this )?(cover|notice|circular|letter|document|work plan|plan)\b",
            r"\bwhat date\b",
            r"\b(on )?(what|which) day\b.{0,60}\b(issue|issued|publish|published|release|released|sign|signed|send|sent)\b",
            r"\b(and|or) when\W*$",  # "Who issued it and when?" (not "and when is it due": a follow-up)
        ),
    ),
    (
        "issuer",
        rx(
            rf"(谁|哪个|哪家|什么|哪一个)(单位|部门|机构|机关)?(来)?({_DOC_VERB}|发的|制定)|经(过)?(谁|哪个|哪家|什么)[^,，?？]{{0,8}}同意",
            r"(印发|发文|发布|落款|制定|出台)(单位|机关|机构|部门)|落款(?![^,，?？]{0,4}(哪天|哪一天|几号|几月|什么时候|啥时候|何时|日期|时间|哪年|那天|那日))|(以)?(谁|哪个单位|哪家)的名义",
            r"(文件|要点|通知|最后|末尾|结尾)[^,，?？]{0,4}署名(的)?(是|为)?(哪(个|家|一个)?|谁|什么)(单位|机构|部门|机关)?|署名单位",  # 文件最后署名的是哪个机构
            r"落款(处)?(的)?(单位)?(是|为|写的是?)(谁|哪个|哪家|什么)",  # "落款是谁 哪年哪月哪日发的": both
            r"\b(and )?by whom\b|\bwho signed off( on)?\b|\bwho (issued|published|released|signed|wrote|authored|approved)\b",
            r"\b(which|what) (body|agency|organ|unit|office|authority|group) (signed off|issued|approved|published|released|put out|sent out)\b",
            r"\bwho (put|sent) (out|(it|this|the|this plan|the plan|this document|the document|this doc) out)\b",  # Who put this plan out?
            r"\bissuing (body|authority|agency|organ|unit)\b|\bissued by\b|\bissuer\b",
            # "which body put its name on it": whose name the document carries
            r"\b(which|what|whose) (body|agency|organ|unit|office|authority|group|name)\b.{0,20}\b(put|puts|signed|is|was|appears?) (its|their|the)? ?(name|signature|seal)\b"
            r"|\b(put|puts|signed) (its|their) name (on|to)\b",
        ),
    ),
    (
        # the document's number (闽数字办〔2025〕N号): this plan's cover letter carries none
        "number",
        rx(r"文号|发文字号|发文编号|文件编号|公文编号", r"\b(document|reference|file|official) (number|no)\b"),
    ),
    (
        "title",
        rx(
            r"文件(的)?(标题|名称|题目|名字|全称)|(标题|题目|全称)是什么",
            r"(文件|要点|通知|这份|本文|公文)[^?。!]{0,6}叫什么",
            r"\b(title|name) of (the|this) (document|plan|file)\b|\bdocument title\b|\b(official|full) title\b",
            r"\bwhat is (the document|the plan|it|this document|this plan) called\b|\bwhat is the title\b",
        ),
    ),
)


def strip_document_cues(question: str) -> str:
    """The folded question without its document-fact wording ("…啥时候出台" -> "…")."""
    folded = fold((question or "")[:MAX_SCAN_CHARS])
    for _, pattern in DOCUMENT_FIELDS:
        folded = pattern.sub(" ", folded)
    return folded


def document_fields(question: str) -> tuple[str, ...]:
    """Every document fact a question asks for ("Who issued this document and when?" -> issuer, date)."""
    folded = fold((question or "")[:MAX_SCAN_CHARS])
    return tuple(name for name, rx in DOCUMENT_FIELDS if rx.search(folded))
