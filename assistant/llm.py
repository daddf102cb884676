"""Optional grounded rewriting of an extractive answer through an OpenAI-compatible chat model.

Nothing here runs unless PLANQA_LLM_BASE_URL and PLANQA_LLM_MODEL are set (``llm_from_settings`` returns
None otherwise). The model only ever sees the clauses the extractive answer cited, and its output is
checked before use: citations of clauses it was not given are dropped, and any failure (error, timeout,
empty text, an unwarranted NOT_FOUND, echoed instructions) falls back to the extractive answer with a note.

The API key is a SecretStr read from the environment; it is passed to the client and nowhere else: notes
carry only exception type names, and logged messages are redacted.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable
from pydantic import SecretStr

from assistant.intents import detect_language
from assistant.types import Answer, Citation
from corpus.script import detect_script, fold, in_script
from corpus.settings import ROOT, Settings
from corpus.types import PLACE_SEPARATOR

log = logging.getLogger(__name__)

PROMPTS_DIR = ROOT / "prompts"
MAX_DRAFT_CHARS = 4000

# [二.2] 【二.2】 ［二.2］ — one bracket, possibly holding several ids ("[二.2、三.1]").
_BRACKET = re.compile(r"[\[［【]([^\[\]［］【】\n]{1,60})[\]］】]")
_SEPARATORS = re.compile(r"[,，、;；/\s]+|和|及")
# A whole part that is a clause id (after fold: simplified, ASCII brackets): 序, 结, 一, 二.2, 四.(一).3.
_ID = re.compile(r"(?:序|结|[一二三四五六七八九十]+(?:\.(?:\([一二三四五六七八九十]+\)|\d+))*)")
# An id inside other words ("见九.9"): only dotted forms, so a lone 一 in prose is not read as a citation.
_DOTTED_ID = re.compile(r"[一二三四五六七八九十]+(?:\.(?:\([一二三四五六七八九十]+\)|\d+))+")
_THINK = re.compile(r"<think>.*?</think>", re.S)
# The prompt fences question, clauses and draft in tags; a question must not close its fence early.
_FENCE = re.compile(r"<\s*/?\s*(question|clauses|draft)\s*>", re.I)
_ANSWER_LANGUAGE = {"traditional": "繁體中文", "simplified": "简体中文", "en": "English"}


@lru_cache(maxsize=4)
def not_found_phrase(prompts_dir: Path = PROMPTS_DIR) -> str:
    """The one NOT_FOUND sentence (prompts/not_found.txt), used by the prompt and by the output check."""
    return (Path(prompts_dir) / "not_found.txt").read_text(encoding="utf-8").strip()


def load_prompt(prompts_dir: Path = PROMPTS_DIR) -> ChatPromptTemplate:
    """System + answer templates from prompts/, with the NOT_FOUND phrase filled in."""
    prompts_dir = Path(prompts_dir)
    system = (prompts_dir / "system.md").read_text(encoding="utf-8")
    human = (prompts_dir / "answer.md").read_text(encoding="utf-8")
    prompt = ChatPromptTemplate.from_messages([("system", system), ("human", human)])
    return prompt.partial(not_found=not_found_phrase(prompts_dir))


def answer_language(question: str) -> str:
    """What the model is told to answer in: the asker's script, or English."""
    script = detect_script(question)
    if script == "neutral" and detect_language(question) == "en":
        return _ANSWER_LANGUAGE["en"]
    return _ANSWER_LANGUAGE.get(script, _ANSWER_LANGUAGE["simplified"])


def format_clauses(citations: tuple[Citation, ...], script: str) -> str:
    """Numbered clauses as the model sees them: id, heading path, text (in the asker's script)."""
    blocks = []
    for c in citations:
        place = PLACE_SEPARATOR.join(c.path)
        header = f"[{c.clause_id}] {in_script(place, script)}".rstrip()
        blocks.append(f"{header}\n{in_script(c.text, script)}")
    return "\n\n".join(blocks)


class LLMRewriter:
    """Rewrites an extractive answer with a chat model, keeping only what the given clauses support."""

    def __init__(self, settings: Settings, model: Runnable | None = None, prompts_dir: Path = PROMPTS_DIR):
        # Cheap: reads two small templates; the chat model is created on first use.
        self.settings = settings
        self.prompt = load_prompt(prompts_dir)
        self.not_found = not_found_phrase(prompts_dir)
        self._model = model
        self._lock = threading.Lock()
        # The model runs in these threads so the answer can be abandoned at the deadline (the client's
        # own timeout is per read: an endpoint trickling one byte at a time never trips it).
        self._pool = ThreadPoolExecutor(max_workers=max(4, 2 * settings.concurrency), thread_name_prefix="planqa-llm")
        self._running = threading.BoundedSemaphore(max(4, 2 * settings.concurrency))
        system = (Path(prompts_dir) / "system.md").read_text(encoding="utf-8")
        # Distinctive instruction lines: if one comes back verbatim the model is reciting its prompt.
        self._instruction_lines = tuple(
            line.strip() for line in system.splitlines() if len(line.strip()) >= 30 and "{" not in line
        )

    def __repr__(self) -> str:
        return f"LLMRewriter(base_url={self.settings.llm_base_url!r}, model={self.settings.llm_model!r})"

    # ------------------------------------------------------------------ model

    @property
    def model(self) -> Runnable:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._create_model()
        return self._model

    def _create_model(self) -> Runnable:
        from langchain_openai import ChatOpenAI  # imported lazily: only deployments with an LLM pay for it

        s = self.settings
        key = s.llm_api_key if s.llm_api_key.get_secret_value() else SecretStr("EMPTY")  # vLLM/Ollama need none
        return ChatOpenAI(
            base_url=s.llm_base_url,
            model=s.llm_model,
            api_key=key,
            timeout=s.llm_timeout,
            max_retries=0,
        )

    # ------------------------------------------------------------------ rewrite

    def rewrite(self, question: str, extractive: Answer) -> Answer:
        """A grounded rewrite of `extractive`, or `extractive` itself (plus a note) when that is safer."""
        if not extractive.citations:
            return extractive  # nothing to ground an answer on
        question = question[: self.settings.max_question_chars]
        script = detect_script(question)
        variables = {
            "answer_language": answer_language(question),
            "question": _FENCE.sub("", question),
            "clauses": format_clauses(extractive.citations, script),
            "draft": extractive.answer[:MAX_DRAFT_CHARS],
        }
        try:
            reply = self._invoke(variables)
        except Exception as exc:  # any failure of the optional path falls back to the extractive answer
            log.warning("LLM call failed: %s: %s", type(exc).__name__, self._redact(str(exc)))
            return self._fallback(extractive, f"LLM unavailable ({type(exc).__name__})")

        text = _THINK.sub("", _content_text(reply)).strip()
        if not text:
            return self._fallback(extractive, "LLM returned an empty answer")
        if any(line in text for line in self._instruction_lines):
            return self._fallback(extractive, "LLM output repeated its instructions")

        by_key = {_id_key(c.clause_id): c for c in extractive.citations}
        text, cited, dropped = _check_citations(text, by_key)
        notes: list[str] = []
        if dropped:
            notes.append(f"Dropped citation(s) not among the retrieved clauses: {'、'.join(dropped)}")

        if not cited and fold(self.not_found) in fold(text):
            if extractive.refused:
                return dataclasses.replace(
                    extractive, notes=extractive.notes + ("LLM agrees the plan does not cover this question",)
                )
            return self._fallback(extractive, "LLM found no answer in clauses the extractive answer used")
        if extractive.refused:
            # The refusal threshold is the calibrated guard against weak matches; a fluent answer from
            # clauses that scored below it is not trusted more than the score.
            return self._fallback(extractive, "LLM answer not used: the question matched the plan too weakly")
        if not _has_words(text):
            return self._fallback(extractive, "LLM answer had no text once unsupported citations were removed")

        if cited:
            citations = tuple(by_key[k] for k in cited)
        else:
            citations = extractive.citations
            notes.append("LLM answer cited no clause; the retrieved clauses are kept as its sources")
        notes.insert(0, f"Answer rewritten by the LLM ({self.settings.llm_model or 'injected model'})")
        return dataclasses.replace(
            extractive, answer=text, citations=citations, refused=False, notes=extractive.notes + tuple(notes)
        )

    def _invoke(self, variables: dict[str, str]) -> Any:
        """The model's reply within `llm_timeout` seconds in total, else TimeoutError. When every
        worker is still held by an abandoned call, the answer stays extractive at once."""
        deadline = self.settings.llm_timeout
        if not self._running.acquire(blocking=False):
            raise TimeoutError("every LLM worker is busy with a late call")
        chain = self.prompt | self.model

        def call() -> Any:
            try:
                return chain.invoke(variables)
            finally:
                self._running.release()

        try:
            future = self._pool.submit(call)
        except RuntimeError:
            self._running.release()
            raise
        try:
            return future.result(timeout=deadline)
        except FutureTimeout:
            future.cancel()
            raise TimeoutError(f"no answer within the {deadline:g} s deadline") from None

    def _fallback(self, extractive: Answer, reason: str) -> Answer:
        note = f"{reason}; showing the extractive answer"
        return dataclasses.replace(extractive, notes=extractive.notes + (note,))

    def _redact(self, message: str) -> str:
        key = self.settings.llm_api_key.get_secret_value()
        return message.replace(key, "***") if key else message


def llm_from_settings(settings: Settings) -> LLMRewriter | None:
    """The rewriter when an endpoint and a model are configured, else None (extractive answers only)."""
    if not settings.llm_base_url.strip():
        return None
    if not settings.llm_model.strip():
        log.warning("PLANQA_LLM_BASE_URL is set but PLANQA_LLM_MODEL is empty; answers stay extractive")
        return None
    return LLMRewriter(settings)


# ---------------------------------------------------------------------- output checks


def _content_text(reply: Any) -> str:
    """Text of a chat reply: str content, or the text blocks of a list content."""
    content = getattr(reply, "content", reply)
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [b if isinstance(b, str) else b.get("text", "") for b in content if isinstance(b, str | dict)]
        return "".join(p for p in parts if isinstance(p, str))
    return ""


def _id_key(clause_id: str) -> str:
    """Comparable form of an id: simplified, ASCII brackets and dots, no spaces (結 == 结, （一） == (一))."""
    return re.sub(r"\s+", "", fold(clause_id)).replace("。", ".").replace("．", ".")


def _ids_in(bracket: str) -> list[str] | None:
    """The clause ids a bracket holds, or None when it is not a citation at all ("[注]", "[1]")."""
    ids: list[str] = []
    for part in _SEPARATORS.split(_id_key(bracket)):
        if not part:
            continue
        if _ID.fullmatch(part):
            ids.append(part)
        else:
            ids += _DOTTED_ID.findall(part)
    return ids or None


def _check_citations(text: str, by_key: dict[str, Citation]) -> tuple[str, list[str], list[str]]:
    """Keep cited ids that were given (rewritten to their canonical form), drop the rest.

    Returns the cleaned text, the kept id keys in order of first citation, and the dropped ids as written.
    """
    cited: list[str] = []
    dropped: list[str] = []

    def replace(match: re.Match[str]) -> str:
        ids = _ids_in(match.group(1))
        if ids is None:
            return match.group(0)
        kept = []
        for key in ids:
            if key in by_key:
                kept.append(f"[{by_key[key].clause_id}]")
                if key not in cited:
                    cited.append(key)
            elif key not in dropped:
                dropped.append(key)
        return "".join(kept)

    cleaned = _BRACKET.sub(replace, text)
    if dropped:
        cleaned = re.sub(r"[ \t]{2,}", " ", cleaned)
        cleaned = re.sub(r"[ \t]+([。，、；：,.;:!?！？])", r"\1", cleaned)
    return cleaned.strip(), cited, dropped


def _has_words(text: str) -> bool:
    return bool(re.search(r"[\w\u3400-\u9fff]", _BRACKET.sub("", text)))
