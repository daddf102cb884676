"""Desk.ask(question, history, plans) -> Answer: the front door when several plans are served.

With one plan (the built-in one, the default) every question goes straight to its Assistant: nothing
about single-plan answers changes. With more, the desk
  1. reads the plans a question names ("2024年…", "数字青岚要点里…", "去年") or the chat's selector,
  2. answers a comparison ("和去年比…变了吗", "两年分别…") side by side over one series of plans,
  3. otherwise asks the likeliest plans' assistants (a TF-IDF router picks at most `ROUTED` of them)
     and keeps the best-behaved answer, saying which plan it comes from, with ids qualified by plan
     (2025数字青岚·二.2). An agency's tasks are listed for every plan that names the agency.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from assistant import compose
from assistant.clean import clean_question
from assistant.compose import Draft, Style
from assistant.followup import Message
from assistant.intents import detect, detect_language
from assistant.pipeline import Assistant
from assistant.scope import PlanName, Scope, detect_scope
from assistant.types import ANSWERED, CLARIFY, INVALID, NOT_STATED, REFUSED, Answer, Citation
from corpus.script import detect_script, to_simplified
from corpus.settings import Settings, get_settings
from corpus.shelf import Shelf, ShelfPlan
from index.embedder import Embedder, make_embedder
from index.lexical import PlanTokenizer
from index.retriever import Retriever
from index.router import PlanRouter

ROUTED = 3  # plans asked for an unscoped question: the router's top three hold the answer in practice
JOIN_COVERAGE = 0.8  # another plan's answer is shown too when its clause covers this share of the best's
_RANK = {ANSWERED: 0, NOT_STATED: 1, CLARIFY: 2, REFUSED: 3}


@dataclass(frozen=True)
class PlanInfo:
    """A served plan, as the chat's selector, the API and the CLI list it."""

    key: str
    title: str
    year: int | None
    issuer: str
    tasks: int
    builtin: bool


class Desk:
    """Cheap to construct; plans, indexes and models load on first use."""

    def __init__(self, settings: Settings | None = None, shelf: Shelf | None = None,
                 assistant: Assistant | None = None, embedder: Embedder | None = None):
        self.settings = settings or get_settings()
        builtin = assistant.resources if assistant is not None else None
        self.shelf = shelf or Shelf(self.settings, builtin=builtin)
        self._builtin = assistant
        # One embedder (and its query-vector cache) for every plan: a question searched in three plans
        # is embedded once.
        self._embedder = embedder
        if self._embedder is None and assistant is not None:
            self._embedder = assistant.retriever.embedder
        self._assistants: dict[str, Assistant] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ the plans

    def plans(self) -> list[PlanInfo]:
        return [PlanInfo(p.key, p.title, p.year, p.issuer, len(p.plan.tasks), p.builtin) for p in self.shelf.plans]

    @property
    def single(self) -> bool:
        return len(self.shelf.plans) == 1

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings.embedder)
        return self._embedder

    @cached_property
    def _library_tokenizer(self) -> PlanTokenizer:
        """One segmenter for every imported plan (a jieba instance per plan would cost ~1 s and tens of
        MB each): its dictionary is the union of their names and words."""
        from index.lexical import plan_terms, plan_vocabulary

        words: list[str] = []
        for p in self.shelf.plans:
            if not p.builtin:
                words += [*p.resources.directory.all_aliases(), *plan_terms(p.plan), *plan_vocabulary(p.plan)]
        return PlanTokenizer(list(dict.fromkeys(words)))

    def assistant(self, key: str) -> Assistant:
        with self._lock:
            if key in self._assistants:
                return self._assistants[key]
            sp = self.shelf.get(key)
            if sp is None:
                raise KeyError(key)
            if sp.builtin:
                a = self._builtin or Assistant(self.settings, resources=sp.resources,
                                               retriever=Retriever(self.settings, sp.resources, embedder=self.embedder))
            else:
                r = Retriever(sp.resources.settings, sp.resources, embedder=self.embedder, tokenizer=self._library_tokenizer)
                a = Assistant(sp.resources.settings, retriever=r, resources=sp.resources)
            self._assistants[key] = a
            return a

    @cached_property
    def _names(self) -> list[PlanName]:
        return [PlanName(p.key, p.title, p.year) for p in self.shelf.plans]

    @cached_property
    def router(self) -> PlanRouter:
        return PlanRouter([(p.key, p.plan) for p in self.shelf.plans])

    def reload(self) -> None:
        """After an import or a removal: the plan list, router and segmenter are read again."""
        with self._lock:
            self.shelf.reload()
            self._assistants = {k: a for k, a in self._assistants.items() if self.shelf.get(k) and self.shelf.get(k).builtin}
            for name in ("_names", "router", "_library_tokenizer"):
                self.__dict__.pop(name, None)

    def warm_up(self) -> None:
        for p in self.shelf.plans:
            self.assistant(p.key).warm_up() if p.builtin else self.assistant(p.key).retriever.warm_up()
        if not self.single:
            self.router.rank("warm")

    # ------------------------------------------------------------------ the front door

    def ask(self, question: object, history: list[Message] | None = None, plans: Sequence[str] | None = None) -> Answer:
        t0 = time.perf_counter()
        selected = [k for k in plans or () if k]
        if not selected and self.single:
            return self.assistant(self.shelf.plans[0].key).ask(question, history)
        q, _ = clean_question(question, self.settings.max_question_chars)
        english = detect_language(q) == "en" if q else False
        style = Style(language="en" if english else "zh", script="traditional" if detect_script(q) == "traditional" else "simplified")
        known = {p.key for p in self.shelf.plans}
        unknown = [k for k in selected if k not in known]
        if unknown:
            return self._message(q, style.p(f"没有这份工作要点：{'、'.join(unknown)}。已收录：{'、'.join(sorted(known))}。")
                                 if not english else f"No such plan: {', '.join(unknown)}. Plans: {', '.join(sorted(known))}.",
                                 INVALID, t0)
        if not q:
            return self.assistant(self.shelf.plans[0].key).ask(question, history)
        scope = detect_scope(q, self._names)
        if scope.missing:
            have = "、".join(f"《{p.title}》" for p in self.shelf.plans)
            text = (f"已收录的工作要点中没有{scope.missing}的。已收录：{have}。" if not english
                    else f"No plan for {scope.missing} is loaded. Plans: {have}.")
            return self._message(q, text, REFUSED, t0)
        keys = [p.key for p in self.shelf.plans]
        if selected:
            keys = [k for k in keys if k in selected]
        if scope.keys:
            narrowed = [k for k in keys if k in scope.keys]
            keys = narrowed or keys
        elif history and (previous := [k for k in self._from_history(history) if k in keys]):
            keys = previous
        if scope.compare:
            series = self._series(q, keys, scope.multi_year)
            if len(series) >= 2:
                answer = self._compare(q, scope, series, style, history)
                return replace(answer, elapsed_ms=round((time.perf_counter() - t0) * 1000, 2))
        asked = q if not scope.keys else scope.question
        history = self._plain_history(history)
        answer = self._best(asked, q, keys, history, style)
        if answer.status != ANSWERED and asked != q:
            # The plan's own name may carry the topic ("数字福建工作的主线"): ask again as written, and
            # keep that answer if it does answer.
            again = self._best(q, q, keys, history, style)
            answer = again if again.status == ANSWERED else answer
        return replace(answer, question=q, elapsed_ms=round((time.perf_counter() - t0) * 1000, 2))

    # ------------------------------------------------------------------ one plan, or the best of a few

    def _best(self, asked: str, q: str, keys: list[str], history, style: Style) -> Answer:
        if len(keys) == 1:
            return self._qualified(self.assistant(keys[0]).ask(asked, history), self.shelf.get(keys[0]), style)
        ranked = [k for k, _ in self.router.rank(asked, keys)]
        # The router's top few, and the built-in plan always: it is the deployment's own plan.
        asked_keys = ranked[:ROUTED] + [k for k in ranked[ROUTED:] if self.shelf.get(k).builtin]
        answers = [(k, self.assistant(k).ask(asked, history)) for k in asked_keys]
        listed = [(k, a) for k, a in answers if a.status == ANSWERED and a.citations]
        # Every plan whose answer covers the topic about as well as the best one is shown, each under
        # its title: an unscoped question may fairly be about any of them. Coverage (the share of the
        # topic's words in the cited clause) is comparable across plans; the router's score is not.
        cover = {k: self._coverage(k, asked, a) for k, a in listed}
        if listed:
            top = max(cover.values())
            listed = [(k, a) for k, a in listed if cover[k] >= JOIN_COVERAGE * top or a.intent == "agency_tasks"]
        listed.sort(key=lambda ka: (-cover[ka[0]], not self.shelf.get(ka[0]).builtin, asked_keys.index(ka[0])))
        if len(listed) == 1:
            return self._qualified(listed[0][1], self.shelf.get(listed[0][0]), style)
        if len(listed) > 1:
            return self._joined(q, listed, style)
        k, best = min(answers, key=lambda ka: (_RANK.get(ka[1].status, 4), asked_keys.index(ka[0])))
        return self._qualified(best, self.shelf.get(k), style)

    def _coverage(self, key: str, q: str, answer: Answer) -> float:
        a = self.assistant(key)
        clause = a.plan.get(answer.citations[0].clause_id)
        return a.grounding.coverage(q, clause) if clause is not None else 0.0

    def _plain_history(self, history: list[Message] | None) -> list[Message]:
        """Earlier questions as a plan's assistant reads them: without the words that named plans (the
        desk has already chosen the plans), so "2024年青岚…算力中心谁牵头？" is resolved as "算力中心谁牵头？"."""
        out = []
        for m in history or []:
            if m.get("role") == "user":
                s = detect_scope(m.get("content", ""), self._names)
                if s.keys:
                    m = {**m, "content": s.question}
            out.append(m)
        return out

    def _from_history(self, history: list[Message] | None) -> list[str]:
        """The plans the last answer came from (its [key·id] markers, or 《title》): a follow-up stays
        with them."""
        last = next((m.get("content", "") for m in reversed(history or []) if m.get("role") == "assistant"), "")
        if not last:
            return []
        found = []
        for p in self.shelf.plans:
            if f"[{p.key}·" in last or f"《{p.title}》" in last or f"《{to_simplified(p.title)}》" in last:
                found.append(p.key)
        return found

    def _qualified(self, answer: Answer, sp: ShelfPlan, style: Style) -> Answer:
        """Ids qualified by plan (in citations and in the text's [id] markers), and the plan named."""
        ref = sp.ref

        def q(c: Citation) -> Citation:
            return replace(c, clause_id=ref.qualified_id(c.clause_id), plan_key=sp.key, plan_title=sp.title)

        ids = {c.clause_id for c in (*answer.citations, *answer.related)}
        text = answer.answer
        if ids:
            text = re.sub(r"\[(" + "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)) + r")\]",
                          lambda m: f"[{ref.qualified_id(m.group(1))}]", text)
        if answer.citations or answer.status in (ANSWERED, NOT_STATED):
            text = _from_plan(sp, style) + "\n\n" + text
        return replace(answer, answer=text, citations=tuple(map(q, answer.citations)), related=tuple(map(q, answer.related)))

    def _joined(self, q: str, listed: list[tuple[str, Answer]], style: Style) -> Answer:
        parts, cites, related = [], [], []
        for k, a in listed:
            one = self._qualified(a, self.shelf.get(k), style)
            parts.append(one.answer)
            cites += one.citations
            related += one.related
        first = listed[0][1]
        return replace(first, question=q, answer="\n\n".join(parts), citations=tuple(cites), related=tuple(related))

    def _message(self, q: str, text: str, status: str, t0: float) -> Answer:
        return Answer(question=q, answer=text, intent="general", refused=status != ANSWERED, status=status,
                      elapsed_ms=round((time.perf_counter() - t0) * 1000, 2))

    # ------------------------------------------------------------------ comparisons

    def _series(self, q: str, keys: list[str], multi_year: bool) -> list[ShelfPlan]:
        """The plans of one series (same name, different years) the comparison is about, oldest first:
        of the series with two or more plans in scope, the one the router ranks first."""
        by_stem: dict[str, list[ShelfPlan]] = {}
        for k in keys:
            sp = self.shelf.get(k)
            by_stem.setdefault(sp.stem, []).append(sp)
        # The series of the plan the question is closest to: "分别是多少" about a Fujian task is no
        # comparison when Fujian has one plan, even if another series has two.
        # "两年/去年/2024年和2025年" mean a series with several years: the best such series is taken.
        candidates = [k for k in keys if len(by_stem[self.shelf.get(k).stem]) >= 2] if multi_year else keys
        if not candidates:
            return []
        best = self.router.rank(q, candidates)[0][0]
        series = by_stem[self.shelf.get(best).stem]
        return sorted(series, key=lambda p: (p.year or 0, p.key)) if len(series) >= 2 else []

    def _compare(self, q: str, scope: Scope, series: list[ShelfPlan], style: Style, history) -> Answer:
        from assistant import compare  # the comparison answers (alignment, figures) live there

        topic_q = scope.question
        intent = detect(topic_q, self.assistant(series[-1].key).directory)
        old, new = series[-2], series[-1]
        names = [(p.ref, self._agency_in(p, topic_q)) for p in (old, new)]
        if intent.kind == "agency_tasks" and (intent.agencies or any(a for _, a in names)):
            draft = compare.compare_agency(names, style, role=intent.role)
        elif _CHANGES.search(topic_q) or not self.assistant(new.key).grounding.has_topic(topic_q):
            topic = _TOPIC_NOISE.sub("", _CHANGES.sub("", topic_q))
            draft = compare.plan_changes(old.ref, new.ref, style, topic=topic if len(topic) >= 2 else None)
        else:
            sides = [(p.ref, self.assistant(p.key).topic_clause(topic_q)) for p in (old, new)]
            sides = _fill_by_alignment(sides)
            if all(c is None for _, c in sides):
                return self._best(topic_q, q, [p.key for p in series], history, style)
            focus = intent.kind if intent.kind in ("lead", "members", "number") else "general"
            draft = compare.compare_clauses(sides, style, focus=focus)
        return _answer(q, intent.kind, draft)

    def _agency_in(self, sp: ShelfPlan, q: str) -> str | None:
        found = self.assistant(sp.key).directory.find_in(q)
        return found[0] if found else None


# "新增了哪些任务", "还有吗", "不再列入": a question about the plans' task lists, not one topic.
_CHANGES = re.compile(r"新增了?哪些|增加了?哪些|多了哪些|少了哪些|去掉|删去|不再|还有吗|还在吗|还有没有|保留了?吗")
# What is left of "新增了哪些没有的任务" once the cue is out is no topic: the whole lists are compared.
_TOPIC_NOISE = re.compile(r"哪些|哪几项|什么|任务|工作|没有的|没有|的|在|了|吗|呢|还|？|\?|，|,|。|\s")


def _fill_by_alignment(sides: list[tuple]) -> list[tuple]:
    """A side the question did not find on its own ("从95%提高到了多少" names last year's figure) takes
    the task aligned with the side that was found: the same task, as the later plan words it."""
    from assistant.align import counterpart

    found = [(plan, c) for plan, c in sides if c is not None]
    if len(found) != 1:
        return sides
    src_plan, clause = found[0]
    out = []
    for plan, c in sides:
        if c is None and (pair := counterpart(clause, src_plan, plan)) is not None:
            c = pair.new
        out.append((plan, c))
    return out


def _from_plan(sp: ShelfPlan, style: Style) -> str:
    return f"_From 《{sp.title}》_" if style.language == "en" else style.p(f"_据《{sp.title}》_")


def _answer(q: str, kind: str, d: Draft) -> Answer:
    return Answer(
        question=q, answer=compose.render(d), intent=kind, refused=d.refused, citations=tuple(d.citations),
        related=tuple(d.related), agency=d.agency,
        status=NOT_STATED if d.not_stated else REFUSED if d.refused else ANSWERED,
        suggestions=tuple(d.suggestions),
    )
