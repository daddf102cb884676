"""Assistant.ask(question, history) -> Answer: the one front door for the CLI, the chat and the eval."""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property

from assistant import compose
from assistant.agencies import AgencyDirectory
from assistant.compose import Draft, Style
from assistant.coverage import char_coverage, topic_runs
from assistant.glossary import EN_STOPWORDS
from assistant.intents import Intent, detect, document_fields
from assistant.script import detect_script, fold
from assistant.settings import Settings, get_settings
from assistant.types import Answer, Clause, Hit, Plan
from index.lexical import QUERY_STOPWORDS
from index.retriever import Retriever

Message = dict  # {"role": "user" | "assistant", "content": str}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
# Invisible format characters (zero-width, bidi marks and overrides, soft hyphen) are dropped, not spaced:
# "算\u200b力" must stay the word 算力.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_MARKUP = re.compile(r"<[^<>]{0,300}>")
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)  # with their content
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")  # terminal colour and cursor codes
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUMERALS = "一二三四五六七八九十"


def clean_question(text: object, limit: int, strip_markup: bool = True) -> tuple[str, list[str]]:
    """Make any input safe to process: text only, no control characters, terminal escapes or lone
    surrogates, no pasted HTML (unless `strip_markup` is off, for showing the question back escaped),
    whitespace collapsed, at most `limit` characters. Returns (question, notes)."""
    notes: list[str] = []
    if text is None:
        return "", notes
    if not isinstance(text, str):
        text = str(text)
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> '?'
    text = _INVISIBLE.sub("", text)
    text = _ANSI.sub(" ", text)
    text = _CONTROL.sub(" ", text)
    if strip_markup:  # pasted HTML is noise to the question (the UI escapes what it shows)
        text = _MARKUP.sub(" ", _SCRIPT.sub(" ", text))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cs")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        text = text[:limit]
        notes.append(f"truncated:{limit}")
    return text, notes


def _num(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _CN_NUM.get(token)


@dataclass(frozen=True)
class Context:
    """What a follow-up can refer back to."""

    clause: Clause | None = None
    agency: str | None = None
    action: str | None = None  # a 行動 numeral the previous turn was about


class Assistant:
    """Cheap to construct; the plan, the index and the model load on first use (or warm_up)."""

    def __init__(self, settings: Settings | None = None, retriever: Retriever | None = None, llm=None):
        self.settings = settings or get_settings()
        self.retriever = retriever or Retriever(self.settings)
        self._llm = llm
        self._llm_checked = llm is not None

    # ------------------------------------------------------------------ lazily loaded parts

    @property
    def plan(self) -> Plan:
        return self.retriever.corpus.plan

    @property
    def directory(self) -> AgencyDirectory:
        return self.retriever.directory

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

    @cached_property
    def _projects(self) -> list[Clause]:
        return [c for c in self.plan.clauses if c.kind == "project"]

    @cached_property
    def _actions(self) -> list[Clause]:
        """The five 行動 as clauses (行動一 is a task)."""
        return [c for c in self.plan.clauses if c.id in _NUMERALS and c.id != "序"]

    # ------------------------------------------------------------------ the front door

    def ask(self, question: object, history: list[Message] | None = None) -> Answer:
        t0 = time.perf_counter()
        q, notes = clean_question(question, self.settings.max_question_chars)
        intent = detect(q, self.directory) if q else Intent(kind="general")
        style = Style(language=intent.language, script=detect_script(q) if q else "simplified")
        if style.script == "neutral":
            style.script = "simplified"
        if not q:
            draft = Draft(refused=True, parts=[style.t("empty")])
            return self._finish("", "empty", draft, [], t0)
        draft = self._answer(q, intent, style, history or [])
        if notes:
            draft.parts.insert(0, "_" + style.t("truncated", n=self.settings.max_question_chars) + "_")
        answer = self._finish(q, intent.kind, draft, notes, t0)
        if self.llm is not None and not answer.refused:
            answer = self.llm.rewrite(q, answer)
            answer = replace(answer, elapsed_ms=round((time.perf_counter() - t0) * 1000, 2))
        return answer

    def _finish(self, q: str, kind: str, d: Draft, notes: list[str], t0: float) -> Answer:
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
        )

    # ------------------------------------------------------------------ dispatch

    def _answer(self, q: str, intent: Intent, style: Style, history: list[Message]) -> Draft:
        intent = self._with_follow_up(q, intent, history)
        ctx = self._context(history) if intent.follow_up else Context()
        return self._dispatch(q, intent, style, ctx)

    def _with_follow_up(self, q: str, intent: Intent, history: list[Message]) -> Intent:
        # A question with no topic of its own ("谁负责？", "配合单位有哪些？") continues the last turn too.
        elliptical = bool(history) and intent.kind in ("lead", "members", "number") and not self._has_topic(q)
        return replace(intent, follow_up=True) if elliptical else intent

    def _dispatch(self, q: str, intent: Intent, style: Style, ctx: Context) -> Draft:
        kind = intent.kind
        if kind == "document":
            fields = list(document_fields(q)) or ["issuer", "date"]
            return compose.document_answer(self.plan, fields, style)
        if kind == "structure":
            return self._structure(q, intent, style, ctx)
        if kind == "agency_tasks":
            return self._agency(q, intent, style, ctx)
        if kind in ("lead", "members"):
            clause = self._target_task(q, intent, ctx)
            if clause is None:
                return self._refuse(q, style)
            return (compose.lead_answer if kind == "lead" else compose.members_answer)(clause, style)
        return self._quote(q, intent, style, ctx)

    # ------------------------------------------------------------------ follow-ups

    def _context(self, history: list[Message], depth: int = 0) -> Context:
        """Resolve 它/那/這 to the previous turn: re-answer the last user turn (with the history before
        it, a few turns deep) and take its first cited task, its 行動 and its agency."""
        users = [i for i, m in enumerate(history) if m.get("role") == "user" and str(m.get("content", "")).strip()]
        if not users or depth > 2:
            return Context()
        i = users[-1]
        prev_q, _ = clean_question(history[i]["content"], self.settings.max_question_chars)
        prev_intent = self._with_follow_up(prev_q, detect(prev_q, self.directory), history[:i])
        prev_ctx = self._context(history[:i], depth + 1) if prev_intent.follow_up else Context()
        draft = self._dispatch(prev_q, prev_intent, Style(language=prev_intent.language), prev_ctx)
        cited = [self.plan.get(c.clause_id) for c in draft.citations]
        clause = next((c for c in cited if c is not None and c.kind == "task"), None)
        action = next((c.id.split(".")[0] for c in cited if c is not None and c.kind in ("action", "project")), None)
        return Context(clause=clause, agency=draft.agency, action=action)

    # ------------------------------------------------------------------ kinds

    def _agency(self, q: str, intent: Intent, style: Style, ctx: Context) -> Draft:
        agency = intent.agencies[0] if intent.agencies else ctx.agency
        if agency is None and ctx.clause is not None and ctx.clause.units and ctx.clause.units.lead:
            agency = ctx.clause.units.lead.name
        if agency is None:
            name = self._unknown_name(q)
            if name:
                return compose.unknown_agency_answer(name, self.directory.suggest(name), style)
            if intent.follow_up:
                return Draft(refused=True, parts=[style.t("no_context")])
            return self._refuse(q, style)
        return compose.agency_answer(self.plan, agency, intent.role, style)

    def _unknown_name(self, q: str) -> str | None:
        """An agency-like name the directory does not know (省统计局, 火星局)."""
        m = re.search(r"([\u4e00-\u9fff]{1,10}?(?:厅|廳|局|委员会|委員會|委|办|辦|部|集团|集團|公司|中心))", q)
        if not m:
            return None
        name = m.group(1)
        name = re.sub(r"^(请问|請問|那么|那麼|福建)", "", name)
        return name if self.directory.resolve(name) is None else None

    def _hits(self, q: str, kinds: tuple[str, ...] = ("task",), k: int = 8) -> list[tuple[Hit, Clause]]:
        out = []
        for h in self.retriever.search(q, max(k, self.settings.top_k) * 2):
            c = self.plan.get(h.clause_id)
            if c is not None and c.kind in kinds:
                out.append((h, c))
        return out[:k]

    def confident(self, q: str, hit: Hit, clause: Clause) -> bool:
        """Is the best clause really about the question? Enough of the question's topic is in it,
        or some is and both retrievers independently put it first. Thresholds: settings, chosen
        on the public eval set (README)."""
        coverage = self._coverage(q, clause)
        if coverage >= self.settings.refusal_threshold:
            return True
        agreed = hit.ranks.get("bm25") == 1 and hit.ranks.get("dense") == 1
        return agreed and coverage >= self.settings.agreement_threshold

    def _masked(self, q: str) -> str:
        """The question with agency names, generic plan words, question words and words the glossary
        replaced blanked out: what is left is its topic."""
        exp = self.retriever.glossary.analyse(q)
        masked = fold(q)
        for start, end, _ in self.directory.spans(masked):
            masked = masked[:start] + " " * (end - start) + masked[end:]
        for word in exp.replaced:
            # English words only as whole words: "it" must not eat the middle of "list".
            pattern = rf"(?<![a-z]){re.escape(word)}s?(?![a-z])" if word.isascii() else re.escape(word)
            masked = re.sub(pattern, " ", masked)
        masked += " " + fold(" ".join(exp.terms))  # the plan's words now stand for the replaced ones
        kept = []
        for tok in self.retriever.tokenizer.segment(masked):
            noise = (
                tok in _GENERIC
                or tok in QUERY_STOPWORDS
                or tok in EN_STOPWORDS
                or len(tok) == 1
                or all(ch in _WEAK for ch in tok)  # jieba glues function characters: 要建, 有何
            )
            kept.append(" " if noise else tok)
        return "".join(kept)

    def _coverage(self, q: str, clause: Clause) -> float:
        """Share of the question's topic the clause covers (assistant.coverage)."""
        return char_coverage(topic_runs(self._masked(q)), fold(" ".join(clause.path) + clause.text))

    def _has_topic(self, q: str) -> bool:
        return bool(topic_runs(self._masked(q)))

    def _target_task(self, q: str, intent: Intent, ctx: Context) -> Clause | None:
        if intent.follow_up and ctx.clause is not None and self._coverage(q, ctx.clause) >= 0.5:
            return ctx.clause
        hits = self._hits(q)
        if hits and self.confident(q, *hits[0]):
            return hits[0][1]
        if intent.follow_up:
            return ctx.clause
        return None

    def _quote(self, q: str, intent: Intent, style: Style, ctx: Context) -> Draft:
        if not self._has_topic(q) and ctx.clause is None:
            return self._refuse(q, style, [])  # nothing to look up: "😀", "什么？"
        hits = self._hits(q, kinds=("task", "preamble", "closing"), k=5)
        if not hits or not self.confident(q, *hits[0]):
            if intent.follow_up and ctx.clause is not None:
                hits = [(Hit(ctx.clause.id, 1.0), ctx.clause)]
            else:
                return self._refuse(q, style, hits)
        want_number = intent.kind == "number"
        picked: list[tuple[Clause, list[str]]] = []
        for h, c in hits[:3]:
            if picked and not self.confident(q, h, c):
                break
            sentences = self._best_sentences(q, c, want_number)
            if sentences:
                picked.append((c, sentences))
            if len(picked) == (1 if want_number else 2):
                break
        if not picked:
            return self._refuse(q, style, hits)
        return compose.quote_answer(picked, style, "quote" if want_number else "general")

    def _best_sentences(self, q: str, clause: Clause, want_number: bool) -> list[str]:
        tk = self.retriever.tokenizer
        qwords = set(tk.query_tokens(self.retriever.glossary.expand(q))) - _GENERIC
        sentences = list(clause.sentences) or [clause.text]
        if clause.kind == "task" and len(sentences) > 1:
            sentences = sentences[1:]  # the first is the task's title, shown with the citation anyway
        scored = []
        for i, s in enumerate(sentences):
            toks = set(tk.tokens(s))
            score = sum(len(w) for w in qwords & toks)
            if want_number and not re.search(r"\d", s):
                score = -1
            scored.append((score, -i, s))
        scored.sort(reverse=True)
        best = [s for score, _, s in scored[:2] if score > 0]
        if not best and not want_number:
            best = [sentences[0]]
        if want_number and not best:
            best = [s for _, _, s in scored if re.search(r"\d", s)][:1]
        return sorted(best, key=sentences.index)

    def _refuse(self, q: str, style: Style, hits: list[tuple[Hit, Clause]] | None = None) -> Draft:
        hits = hits if hits is not None else self._hits(q, k=3)
        return compose.refusal([c for _, c in hits[:3]], style)

    # ------------------------------------------------------------------ structure

    def _named_action(self, folded: str) -> Clause | None:
        m = re.search(r"行动\s*([一二三四五1-5])|第\s*([一二三四五1-5])\s*(?:个|项|大)?\s*行动", folded)
        if m:
            n = _num(m.group(1) or m.group(2))
            return self._actions[n - 1] if n and n <= len(self._actions) else None
        for a in self._actions:
            heading = fold(a.path[0].split("、", 1)[-1])
            core = heading.removeprefix("实施")
            if core in folded or heading in folded:
                return a
        return None

    def _named_project(self, folded: str, ctx: Context) -> Clause | None:
        for p in self._projects:
            if fold(p.title) in folded or fold(p.title).removesuffix("工程") in folded:
                return p
        m = re.search(r"第\s*([一二三四五六1-6])\s*(?:个|项)?\s*工程|[(（]([一二三四五六])[)）]\s*工程?|工程\s*([一二三四五六])", folded)
        if m:
            n = _num(next(g for g in m.groups() if g))
            parent = ctx.action or "四"
            projects = [p for p in self._projects if p.id.startswith(parent + ".")] or self._projects
            return projects[n - 1] if n and n <= len(projects) else None
        return None

    def _structure(self, q: str, intent: Intent, style: Style, ctx: Context) -> Draft:
        folded = fold(q)
        project = self._named_project(folded, ctx)
        action = self._named_action(folded)
        if intent.structure == "parent":
            clause = self._target_task(q, intent, ctx)
            return compose.parent_answer(clause, style) if clause else self._refuse(q, style)
        if intent.structure == "tasks" or (project is not None and "任务" in folded):
            parent = project or action
            if parent is None and ctx.clause is not None:
                parent = self.plan.get(ctx.clause.id.rsplit(".", 1)[0])
            if parent is None:
                return compose.actions_answer(self.plan, style)
            return compose.tasks_answer(self.plan, parent, style)
        if intent.structure == "projects" or "工程" in folded:
            if project is not None:
                return compose.tasks_answer(self.plan, project, style)
            return compose.projects_answer(self.plan, (action.id if action else ctx.action) or "四", style)
        if action is not None and intent.structure != "actions":
            return compose.projects_answer(self.plan, action.id, style)
        return compose.actions_answer(self.plan, style)


# Words that occur all over the plan or in any question about it: they say nothing about topic.
_GENERIC = frozenset(
    "数字 福建 福建省 我省 数字福建 建设 推进 推动 工作 要点 工作要点 2025 2025年 今年 目标 任务 计划 安排 部署 方面 有关 相关 "
    "全省 省级 加快 提升 开展 实施 发展 完善 深化 什么 哪些 多少 情况 内容 提出 要求 措施 举措 行动 工程 主要 "
    "怎么 怎样 如何 有什么 变化 方式 数量 指标 规定 打算 做法 哪方面 领域 负责 牵头 配合 参与 单位 部门 责任 "
    "相关 其他 全部 所有 共同 分别 各是 多少个 几个 计划 新建 建成 达到 规模 一下 介绍 具体 属于 隶属 归属 哪个 "
    "包括 包含 哪一个 下设 涉及 完成 归在 下面 一个 哪一 数字化 "
    # question grammar, not topic: 有没有/是不是/除了/一起/至少/由谁来…
    "有没有 是不是 会不会 能不能 除了 以外 之外 一起 一些 这份 这项 那项 时候 几届 几项 至少 由谁来 谁来 "
    "不用 到处 还有 其中 分别是 统一".split()
)
# Characters that carry no topic alone; a "word" made only of them is segmentation noise.
_WEAK = frozenset(
    "要建个有是的了在和与及对把被将会能可该这那哪谁什么吗呢啊吧由从向给让做搞办还也都又再就才多少几年月日今明后前"
    "中里上下内外等各每其之为于以而并或何怎样些如所已被请问新"
)
