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

from assistant import compose
from assistant.answerable import load_model
from assistant.clean import READ_AS, clean_question, note_text
from assistant.compose import Draft, Style
from assistant.coverage import topic_runs, uncovered
from assistant.cues import document_fields, strip_document_cues
from assistant.followup import Context, Message, context_from, last_user_turn
from assistant.grounding import Grounding
from assistant.intents import Intent, asks_for_tasks, detect, strip_unit_cues
from assistant.multipart import split_question
from assistant.navigate import structure_answer
from assistant.sentences import best_sentences
from assistant.slots import CITIES, DESCRIBE, detail_slot, states, strip_cue
from assistant.types import ANSWERED, CLARIFY, EMPTY, NOT_STATED, REFUSED, Answer
from assistant.typos import TermSounds, restore
from corpus.agencies import AgencyDirectory
from corpus.resources import PlanResources
from corpus.script import detect_script, fold
from corpus.settings import Settings, get_settings
from corpus.types import Clause, Plan
from index.retriever import Retriever
from index.types import Hit

QUOTE_CANDIDATES = 3  # hits considered for a quoted answer: beyond the third the clauses rarely still fit
RELATED_SHOWN = 3  # nearest clauses listed with a refusal
_NUMBERING = re.compile(r"^\s*[（(]?\d{1,2}[)）.．、]\s*")  # a task's own number at the start of its title
# An agency-like name: the unknown-unit answer names it instead of searching on it (省统计局, 火星局).
_AGENCY_LIKE = re.compile(r"([\u4e00-\u9fff]{1,10}?(?:厅|廳|局|委员会|委員會|委|办|辦|部|集团|集團|公司|中心))")


# "What does X include": asks for the contents of a programme the plan may only name.
_CONTENTS = re.compile(r"具体(包括|包含|内容|是什么|是啥|有哪些|有什么|指|怎么)|(包括|包含|有)(哪些|什么|啥)(内容|方面|东西)|具体(做|干|搞)什么")
# "三大一体化平台具体是哪三个": the members of a collective the plan names by its count
_ENUMERATE = re.compile(r"(具体|分别|都)?是哪(几|[一二三四五六七八九十两]+)(个|条|项|家|类|种|大|款|所)")
MENTION_CHARS = 8  # a sentence with no more than this beyond the topic only names it ("实施智慧公安")
# A role asked for ("泉州市参与了哪些", "责任单位里写了泉州") keeps the units-list answer.
_ROLE_WORDS = re.compile(r"牵头|参与|参加|配合|协同|协助|责任单位|负责|主责")


def _city(q: str) -> str:
    folded = fold(q)
    found = [c for c in CITIES if c in folded]
    return found[0] if len(found) == 1 else ""


def _enumerates(clause: Clause) -> bool:
    """Does the clause spell out a list's members ("包括…", "即…", a colon)?"""
    body = re.sub(r"[（(](責任單位|责任单位).*?[)）]", "", clause.text)  # the units note has a colon of its own
    return bool(re.search(r"包括|包含|分别是|分別是|即[^将將]|[:：]", body))


_WH = r"(哪些|哪几|什么|啥|多大|多少|多长|多高|多宽|多久|多重|几|谁)"


def _asked_about(word: str, folded: str) -> str:
    """`word` without its wh-word when a wh-word asks for it: right after it (有哪些功能模块) or right before
    it (占地多大, where the uncovered stretch takes 多大 along); "" when it is not what is asked."""
    bare = re.sub(_WH, "", word)
    if bare != word:
        return bare if len(bare) >= 2 else ""
    w = re.escape(word)
    return word if re.search(rf"{_WH}(个|种|项|类|些)?(的)?{w}|{w}(是|有|为)?{_WH}", folded) else ""


def _in_stretch(run: str, i: int, text: str) -> bool:
    """Is run[i] inside a stretch of two or more of the run's characters that `text` contains?"""
    return any(run[a:b] in text for a in range(max(0, i - 7), i + 1) for b in range(max(a + 2, i + 1), len(run) + 1))


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
        answer = self._finish(q, intent.kind, draft, notes, t0)
        if self.llm is not None and not answer.refused:
            answer = self.llm.rewrite(q, answer)
            answer = replace(answer, elapsed_ms=round((time.perf_counter() - t0) * 1000, 2))
        return answer

    def _clean(self, question: object) -> tuple[str, list[str]]:
        """The question cleaned (`clean`), with homophone typos of cue words restored (`typos`)."""
        q, notes = clean_question(question, self.settings.max_question_chars)
        if not q:
            return q, notes
        fixed = self.term_sounds.restore(restore(q, self.grounding.plan_text))
        if fixed != q and not notes:
            notes = [READ_AS]
        return fixed, notes

    @cached_property
    def term_sounds(self) -> TermSounds:
        return TermSounds(self.retriever.tokenizer.words, self.grounding.plan_text)

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
            status=status or (CLARIFY if d.clarify else NOT_STATED if d.not_stated else REFUSED if d.refused else ANSWERED),
            suggestions=tuple(d.suggestions),
        )

    # ------------------------------------------------------------------ dispatch

    def _answer(self, q: str, intent: Intent, style: Style, history: list[Message]) -> Draft:
        parts = split_question(q)
        if len(parts) < 2 or intent.kind == "document":  # "Who issued this document and when?" is one question
            return self._answer_one(q, intent, style, history)
        intents = [detect(p, self.directory) for p in parts]
        own = [self.grounding.has_topic(strip_unit_cues(p)) for p in parts]
        units = ("lead", "members")
        # "由谁牵头，哪些部门配合": who leads and who takes part in one task, which one answer gives
        one_units = intents[0].kind in units and all(i.kind in units and not o for i, o in zip(intents[1:], own[1:], strict=True))
        structures = all(i.kind == "structure" for i in intents)
        if one_units or not (self.grounding.has_topic(parts[0]) or structures):
            return self._answer_one(q, intent, style, history)
        # A later part with no topic of its own ("算力规模目标多少，谁牵头") is about the first part's: it is
        # answered as a follow-up to it.
        first = [*history, {"role": "user", "content": parts[0]}]
        return compose.combine(
            [(p, self._answer_one(p, i, style, history if o else first)) for p, i, o in zip(parts, intents, own, strict=True)],
            style,
        )

    def _answer_one(self, q: str, intent: Intent, style: Style, history: list[Message]) -> Draft:
        intent = self._with_follow_up(q, intent, history)
        ctx = self._context(history) if intent.follow_up else Context()
        i = last_user_turn(history) if intent.follow_up else None
        prior = str(history[i]["content"]) if i is not None else ""
        return self._dispatch(q, intent, style, ctx, prior)

    def _with_follow_up(self, q: str, intent: Intent, history: list[Message]) -> Intent:
        # A question with no topic of its own ("谁负责？", "配合单位有哪些？") continues the last turn too.
        elliptical = bool(history) and intent.kind in ("lead", "members", "number") and not self.grounding.has_topic(q)
        # So does a detail asked with no topic of its own ("都建在哪些县市", "现在已经到多少了").
        slot = detail_slot(q)
        if bool(history) and slot and not self.grounding.has_topic(strip_cue(q, slot)):
            elliptical = True
        return replace(intent, follow_up=True) if elliptical else intent

    def _dispatch(self, q: str, intent: Intent, style: Style, ctx: Context, prior: str = "") -> Draft:
        kind = intent.kind
        if kind == "document" and self.grounding.has_topic(strip_document_cues(q)):
            # "数据分类分级保护制度啥时候出台": the date of a measure the plan names, not of the plan itself
            kind, intent = "general", replace(intent, kind="general")
        if kind == "document":
            fields = list(document_fields(q)) or ["issuer", "date"]
            return compose.document_answer(self.plan, fields, style)
        if kind == "structure":
            return structure_answer(
                self.plan, q, intent, style, ctx,
                target_task=lambda: self._target_task(q, intent, ctx),
                refuse=lambda: self._refuse(q, style),
            )
        slot = detail_slot(q)
        if slot in ("location", "definition", "procedure") and kind in ("lead", "members", "agency_tasks"):
            slot = ""  # "哪个市牵头", "是什么单位": the kind's own answer holds the place or the name
        if slot:
            return self._detail(q, slot, intent, style, ctx)
        place = _city(q)
        if place and not intent.follow_up and not _ROLE_WORDS.search(fold(q)) and (
            (kind == "agency_tasks" and all(place in fold(a) for a in intent.agencies))
            or (not intent.agencies and asks_for_tasks(q))
        ):
            # "厦门要搞啥", "福州都摊上哪些活": a city is named in units lists and in the text alike
            return compose.place_answer(self.plan, place, style)
        if kind == "agency_tasks":
            return self._agency(q, intent, style, ctx)
        if not intent.agencies and not intent.follow_up and asks_for_tasks(q):
            # "数据部负责哪些任务": a unit-like name the directory does not know and the plan never uses is
            # an unknown unit, not a topic to search on (an answer about 数据 would be a wrong one).
            name = self._unknown_name(q)
            if name and len(name) >= 3 and fold(name) not in self.grounding.plan_text:
                return compose.unknown_agency_answer(name, self.directory.suggest(name), style)
        own = strip_unit_cues(q) if kind in ("lead", "members") else q  # "Who heads the data bureau?": no task named
        if kind in ("lead", "members", "number") and ctx.clause is None and not self.grounding.has_topic(own):
            # "那谁牵头？" with nothing to refer to: ask back rather than search on "谁牵头" alone.
            return compose.clarify(list(ctx.candidates), kind, style)
        if kind in ("lead", "members"):
            if not intent.follow_up and self._grounded_outside_tasks(q):
                # "文件最后说谁来发挥统筹协调作用": the closing (or the cover letter) names who, not a task
                return self._quote(q, intent, style, ctx)
            clause = self._target_task(q, intent, ctx)
            if clause is None:
                return self._refuse(q, style)
            return (compose.lead_answer if kind == "lead" else compose.members_answer)(clause, style)
        return self._quote(q, intent, style, ctx, prior)

    def _context(self, history: list[Message], depth: int = 0) -> Context:
        """Resolve 它/那/這 to the previous turn: re-answer the last user turn (with the history before
        it, up to `history_depth` turns deep) and take what its answer cited."""
        i = last_user_turn(history)
        if i is None or depth > self.settings.history_depth:
            return Context()
        prev_q, _ = self._clean(history[i]["content"])
        prev_intent = self._with_follow_up(prev_q, detect(prev_q, self.directory), history[:i])
        prev_ctx = self._context(history[:i], depth + 1) if prev_intent.follow_up else Context()
        draft = self._dispatch(prev_q, prev_intent, Style(language=prev_intent.language), prev_ctx)
        return context_from(
            self.plan, [c.clause_id for c in draft.citations], draft.agency, [c.clause_id for c in draft.related],
            not_stated=draft.not_stated,
        )

    # ------------------------------------------------------------------ kinds

    def _agency(self, q: str, intent: Intent, style: Style, ctx: Context) -> Draft:
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

    def _unknown_name(self, q: str) -> str | None:
        """An agency-like name the directory does not know (省统计局, 火星局)."""
        m = _AGENCY_LIKE.search(q)
        if not m:
            return None
        name = re.sub(r"^(请问|請問|那么|那麼|福建)", "", m.group(1))
        return name if self.directory.resolve(name) is None else None

    def _hits(self, q: str, kinds: tuple[str, ...] = ("task",), k: int | None = None) -> list[Hit]:
        k = k or self.settings.candidates
        hits = self.retriever.search(q, max(k, self.settings.top_k) * 2)
        return [h for h in hits if h.clause.kind in kinds][:k]

    def _target_task(self, q: str, intent: Intent, ctx: Context) -> Clause | None:
        if (
            intent.follow_up
            and ctx.clause is not None
            and self.grounding.coverage(q, ctx.clause) >= self.settings.follow_up_coverage
        ):
            return ctx.clause
        # Naming a lead is the riskiest answer: of the top few grounded hits, the one covering most of
        # the topic wins (全空间信息基础设施 is in 四.(一).3 word for word; 二.3 only shares 基础设施/布局).
        top = self._hits(q)[:QUOTE_CANDIDATES]
        topic = strip_unit_cues(q) if self.grounding.has_topic(strip_unit_cues(q)) else q
        grounded = [h for h in top if self.grounding.confident(topic, h, naming_units=True, hits=top)]
        if grounded:
            return max(grounded, key=lambda h: self.grounding.coverage(topic, h.clause)).clause
        return ctx.clause if intent.follow_up else None

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
        else:
            hits = self._hits(q, kinds=("task", "preamble", "closing"), k=5)
        # The first grounded hit among the top few leads (序 may rank third yet cover the whole topic).
        judged = hits[:QUOTE_CANDIDATES]
        grounded = next((i for i, h in enumerate(judged) if self.grounding.confident(q, h, hits=judged)), None)
        swapped = False
        if grounded is not None and self.grounding.coverage(q, judged[grounded].clause) < 0.999:
            # The lexical top hit says every topic word (深度合成 for 换脸) where the grounded one says only
            # some (人工智能): the whole topic wins over the dense model's liking.
            whole = next(
                (i for i, h in enumerate(judged)
                 if h.ranks.get("bm25") == 1 and self.grounding.coverage(q, h.clause) >= 0.999),
                None,
            )
            if whole is not None:
                grounded, swapped = whole, True
        if grounded:
            hits = [hits[grounded], *hits[:grounded], *hits[grounded + 1 :]]
        if not hits or not (swapped or self.grounding.confident(q, hits[0], hits=judged)):
            if intent.follow_up and ctx.clause is not None:
                hits = [Hit(ctx.clause, 1.0)]
            else:
                return self._refuse(q, style, hits)
        unsaid = self._unsaid_detail(q, intent, hits[0].clause)
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
            if picked and not self.grounding.confident(q, h, hits=judged):
                break
            sentences = best_sentences(self.retriever.tokenizer, expanded, h.clause, want_number)
            if want_number and own:
                # only the sentences whose figure is the topic's (not 20个 of the sentence before 100个养老院)
                figures = self._figure_sentences(q, h.clause)
                sentences = [x for x in sentences if x in figures] or sentences
            if sentences:
                picked.append((h.clause, sentences))
            if len(picked) == (1 if want_number else 2):
                break
        if not picked:
            return self._refuse(q, style, hits)
        return compose.quote_answer(picked, style, "quote" if want_number else "general")

    def _topic_clause(self, topic_q: str, intent: Intent, ctx: Context, kinds: tuple[str, ...]) -> Clause | None:
        """The clause a question's topic is about: the conversation's when it has no topic of its own
        (or the same one), else the best hit when grounded."""
        if intent.follow_up and ctx.clause is not None:
            if not self.grounding.has_topic(topic_q) or (
                self.grounding.coverage(topic_q, ctx.clause) >= self.settings.follow_up_coverage
            ):
                return ctx.clause
        if not self.grounding.has_topic(topic_q):
            return None
        hits = self._hits(topic_q, kinds=kinds, k=5)
        judged = hits[:QUOTE_CANDIDATES]
        return hits[0].clause if hits and self.grounding.confident(topic_q, hits[0], hits=judged) else None

    def _detail(self, q: str, slot: str, intent: Intent, style: Style, ctx: Context) -> Draft:
        """A date, sum, person, past result, place or definition: quote it when the topic's clause
        states it, else say it is not stated (topic covered) or refuse (topic not covered)."""
        topic_q = strip_cue(q, slot)
        clause = self._topic_clause(topic_q, intent, ctx, ("task", "preamble", "closing"))
        if clause is None:
            return self._refuse(q, style)
        # With no topic of its own (a follow-up: "都建在哪些县市") no sentence can be checked to be about
        # what was asked, so none is quoted as stating it.
        own_topic = self.grounding.has_topic(topic_q)
        stated = [s for s in clause.sentences if own_topic and self._states_in_segment(slot, s, q, topic_q)]
        if stated:
            return compose.quote_answer([(clause, stated[:2])], style, "quote")
        shown = best_sentences(self.retriever.tokenizer, topic_q, clause, want_number=False)
        return compose.not_stated(clause, "".join(shown) or clause.title, DESCRIBE[slot], style)

    def _unsaid_detail(self, q: str, intent: Intent, clause: Clause) -> tuple[str, str] | None:
        """What the question asks that the clause about its topic does not say (zh, en), or None."""
        if intent.kind == "number":
            return None if self._states_figure(q, clause) else DESCRIBE["figure"]
        if intent.kind != "general":
            return None
        missing = self._unsaid(q, clause)
        if missing:
            # about the topic, but never what else was asked (占地, 功能模块): a quote would answer what it does not
            words = "、".join(f"“{w}”" for w in missing)
            return f"{words}方面的内容", f"anything on {words}"
        folded = fold(q)
        if _ENUMERATE.search(folded) and not _enumerates(clause):
            return DESCRIBE["contents"]  # "三大一体化平台具体是哪三个" and the plan never lists them
        if _CONTENTS.search(folded):
            shown = best_sentences(self.retriever.tokenizer, q, clause, want_number=False)
            if self._only_names(q, "".join(shown)):
                # "警躍計劃具体包括哪些内容" and the plan only says 實施“警躍計劃”: a mention is no description.
                return DESCRIBE["contents"]
        return None

    def _states_in_segment(self, slot: str, sentence: str, q: str, topic_q: str) -> bool:
        """Does one segment of the sentence (between commas) both say the detail and cover the topic?
        泉州 in "加快建设泉州卫星运营中心" does not place the satellite data platform of the next segment."""
        need = self.settings.sentence_coverage
        segments = [g for g in re.split(r"[,，;；]", sentence) if g.strip()]
        return any(states(slot, g, q) and self.grounding.text_coverage(topic_q, g) >= need for g in segments)

    def _only_names(self, q: str, text: str) -> bool:
        """Does `text` say little beyond the question's topic words (a bare mention of a programme)?"""
        rest = fold(text)
        for run in sorted(topic_runs(self.grounding.masked(q)), key=len, reverse=True):
            for i in range(len(run) - 1):
                for j in range(len(run), i + 1, -1):
                    if run[i:j] in rest:
                        rest = rest.replace(run[i:j], "")
                        break
        return len(re.findall(r"[\u4e00-\u9fff]", rest)) <= MENTION_CHARS

    def _unsaid(self, q: str, clause: Clause) -> list[str]:
        """Topic words of the question that neither the clause nor its headings say."""
        if not self.grounding.has_topic(q):
            return []
        folded = fold(q)
        words = uncovered(topic_runs(self.grounding.masked(q)), fold(" ".join(clause.path) + clause.text))
        # Only a word asked about counts (占地多大, 有哪些功能模块): an unsaid word elsewhere is usually the
        # asker's paraphrase of what the clause does say (放手机上用, 渔民).
        asked = [w for w in (_asked_about(w, folded) for w in words) if w]
        # A loose paraphrase leaves other words unsaid too (周末…看书…新花样): then the clause is the asker's
        # topic in other words, and the wh-word's object is as loose as the rest.
        return asked if len(asked) == len(words) else []

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
        found = []
        for sentence in clause.sentences:
            body = _NUMBERING.sub("", sentence)  # "4.統籌推進…" : the 4 is no figure
            segments = re.split(r"[,，;；]", body)
            for i, seg in enumerate(segments):
                if not re.search(r"\d", seg):
                    continue
                if self._figure_part_covers(q, seg, need) or (
                    i and self._adds_topic(q, segments[i - 1], seg)
                    and self.grounding.text_coverage(q, segments[i - 1] + seg) >= need
                ):
                    found.append(sentence)
                    break
        return found

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
            left = [ch for i, ch in enumerate(run) if not _in_stretch(run, i, before)]
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
