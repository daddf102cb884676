"""The PostgreSQL store (PLANQA_DATABASE_URL=postgresql://…): plans, clauses and units as tables;
chunk vectors in pgvector (one table per build, HNSW index, inner product); BM25 as a postings
table of precomputed (term, chunk, weight); feedback in the same database (web/feedback.py).

Why BM25 postings and not ts_rank: ts_rank is not BM25, so answers would change. The weights are
computed at build by the same SparseBM25 the embedded store uses, and the query adds them in
query-term order (an ordered aggregate), so both stores give the same float64 scores and ranks.
The tokens are also kept as a tsvector (GIN) for people who query the database directly.

Several processes may share one database. A build takes an advisory lock: a second builder waits,
then finds the new build and loads it. Each build gets an id; `index_current` points at the live
one and the previous build is kept, so a process still on it keeps answering until its next
freshness check (every REFRESH_SECONDS) moves it to the new one.

Schema changes are numbered migrations applied at start under an advisory lock; a database newer
than this code is refused with a message. Connections are pooled (psycopg-pool) and checked on
checkout, so a database that went away and came back is reconnected to without a restart.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool, PoolTimeout

from corpus.load import Corpus
from corpus.settings import Settings
from corpus.types import Plan
from index.chunks import chunks_from_plan
from index.embedder import Embedder
from index.lexical import PlanTokenizer, SparseBM25
from index.store import embed_reusing, expected_manifest
from index.types import Chunk, StoreError, StoreUnavailable

log = logging.getLogger("planqa.index")

REFRESH_SECONDS = 2.0  # how stale another process's view of "the current build" may be
LOCK_MIGRATE = 7_410_001  # advisory lock keys: arbitrary, fixed, PlanQA's own
LOCK_BUILD = 7_410_002

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE plans (
    id text PRIMARY KEY, title text NOT NULL, issuer text NOT NULL, date text NOT NULL,
    sha256 text NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE clauses (
    plan_id text NOT NULL REFERENCES plans ON DELETE CASCADE, id text NOT NULL, pos int NOT NULL,
    kind text NOT NULL, path text[] NOT NULL, title text NOT NULL, text text NOT NULL, line int NOT NULL,
    PRIMARY KEY (plan_id, id));
CREATE TABLE units (
    plan_id text NOT NULL, clause_id text NOT NULL, pos int NOT NULL, role text NOT NULL,
    name text NOT NULL, written text NOT NULL, note text NOT NULL,
    PRIMARY KEY (plan_id, clause_id, pos),
    FOREIGN KEY (plan_id, clause_id) REFERENCES clauses ON DELETE CASCADE);
CREATE INDEX units_name ON units (name);
CREATE TABLE index_builds (
    id bigserial PRIMARY KEY, key text NOT NULL, manifest jsonb NOT NULL, dim int NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE index_current (key text PRIMARY KEY, build_id bigint NOT NULL REFERENCES index_builds);
CREATE TABLE chunks (
    build_id bigint NOT NULL REFERENCES index_builds ON DELETE CASCADE, pos int NOT NULL,
    clause_id text NOT NULL, index_text text NOT NULL, tokens text[] NOT NULL, tsv tsvector NOT NULL,
    PRIMARY KEY (build_id, pos));
CREATE INDEX chunks_tsv ON chunks USING gin (tsv);
CREATE TABLE postings (
    build_id bigint NOT NULL REFERENCES index_builds ON DELETE CASCADE, term text NOT NULL,
    pos int NOT NULL, weight float8 NOT NULL, PRIMARY KEY (build_id, term, pos));
CREATE TABLE feedback (
    id bigserial PRIMARY KEY, created_at text NOT NULL, question text NOT NULL, answer text NOT NULL,
    citations_json text NOT NULL DEFAULT '[]', vote text NOT NULL CHECK (vote IN ('up', 'down')),
    comment text NOT NULL DEFAULT '', intent text NOT NULL DEFAULT '');
"""),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def redact(url: str) -> str:
    """The URL with its password replaced: safe to log and to show."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=netloc[0].split(":", 1)[0] + ":***@" + netloc[1]))


def _vec(v: np.ndarray) -> str:
    # pgvector's text form; float32 repr round-trips exactly, so the stored vector equals FAISS's
    return "[" + ",".join(repr(float(x)) for x in np.asarray(v, dtype=np.float32)) + "]"


def _vec_table(build_id: int) -> sql.Identifier:
    return sql.Identifier(f"vectors_{int(build_id)}")


def _unavailable(e: Exception, url: str) -> StoreUnavailable:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return StoreUnavailable(f"database unreachable at {redact(url)} ({text}); check that PostgreSQL is running "
                            "and PLANQA_DATABASE_URL is right")


def migrate(conn: psycopg.Connection, url: str = "") -> int:
    """Bring the schema to SCHEMA_VERSION; returns the version found. Refuses a newer database."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_MIGRATE,))
        conn.execute("CREATE TABLE IF NOT EXISTS planqa_schema (version int NOT NULL, applied_at timestamptz "
                     "NOT NULL DEFAULT now())")
        row = conn.execute("SELECT max(version) FROM planqa_schema").fetchone()
        found = int(row[0] or 0) if row else 0
        if found > SCHEMA_VERSION:
            raise StoreError(f"the database at {redact(url)} has schema version {found}, newer than this PlanQA "
                             f"({SCHEMA_VERSION}); upgrade PlanQA or point PLANQA_DATABASE_URL elsewhere")
        for version, ddl in MIGRATIONS:
            if version > found:
                try:
                    conn.execute(ddl)
                except psycopg.errors.InsufficientPrivilege as e:
                    raise StoreError(f"cannot apply schema migration {version} ({e}); a superuser must run "
                                     "CREATE EXTENSION vector; in this database first") from e
                conn.execute("INSERT INTO planqa_schema (version) VALUES (%s)", (version,))
                log.warning("database: applied schema migration %d", version)
    return found


class PgIndex:
    """One build in the database, as the retriever sees it (chunk positions, best first)."""

    def __init__(self, store: PgStore, key: str, build_id: int, chunks: list[Chunk], manifest: dict,
                 vocabulary: set[str]):
        self.store, self.key, self.build_id = store, key, build_id
        self.chunks, self.manifest, self.vocabulary = chunks, manifest, vocabulary
        # where the index lives, as the embedded index's folder path is shown (`assistant build` prints it)
        self.path = f"{redact(store.url)} (build {build_id})"
        self._checked = time.monotonic()
        self._plan: Plan | None = None

    def bm25(self, query_tokens: list[str], k: int) -> list[tuple[int, float]]:
        if not query_tokens:
            return []
        rows = self.store.query(
            "SELECT pos, sum(weight ORDER BY array_position(%(q)s::text[], term)) AS s FROM postings "
            "WHERE build_id = %(b)s AND term = ANY(%(q)s::text[]) GROUP BY pos "
            "HAVING sum(weight) > 0 ORDER BY s DESC, pos LIMIT %(k)s",
            {"q": list(query_tokens), "b": self.build_id, "k": k},
        )
        return [(int(p), float(s)) for p, s in rows]

    def dense(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        # hnsw.ef_search bounds how many rows an HNSW scan can return: at least k, at most pgvector's 1000
        ef = max(40, min(1000, k))
        q = sql.SQL("SELECT pos, -(embedding <#> %(v)s::vector) FROM {} ORDER BY embedding <#> %(v)s::vector "
                    "LIMIT %(k)s").format(_vec_table(self.build_id))
        rows = self.store.query(q, {"v": _vec(vector), "k": k}, setup=f"SET LOCAL hnsw.ef_search = {ef}")
        # ties by position as FAISS gives them (a second ORDER BY key would keep the HNSW index unused)
        return sorted(((int(p), float(s)) for p, s in rows), key=lambda r: (-r[1], r[0]))

    def fresh(self) -> PgIndex:
        """Every REFRESH_SECONDS, ask which build is current; load it if another process made a new one."""
        now = time.monotonic()
        if now - self._checked < REFRESH_SECONDS:
            return self
        self._checked = now
        rows = self.store.query("SELECT build_id FROM index_current WHERE key = %s", (self.key,))
        if not rows or int(rows[0][0]) == self.build_id or self._plan is None:
            return self
        log.warning("index: another process built %s (build %s); switching to it", self.key, rows[0][0])
        return self.store.load_build(self.key, int(rows[0][0]), self._plan) or self


class PgStore:
    """Cheap to construct: the pool opens, and the schema is migrated, on first use."""

    name = "postgresql"

    def __init__(self, settings: Settings, pool_timeout: float | None = None):
        self.settings = settings
        self.url = settings.database_url.get_secret_value().strip()
        self.timeout = settings.database_timeout if pool_timeout is None else pool_timeout
        self._pool: ConnectionPool | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"PgStore({redact(self.url)})"

    # ------------------------------------------------------------------ connections

    @property
    def pool(self) -> ConnectionPool:
        with self._lock:
            if self._pool is None:
                self._pool = self._open()
            return self._pool

    def _open(self) -> ConnectionPool:
        # One direct connection first: its error names the cause (refused, no such database, auth)
        # where a pool would only time out; it also migrates the schema.
        try:
            with psycopg.connect(self.url, connect_timeout=max(1, int(self.timeout)), autocommit=True) as conn:
                migrate(conn, self.url)
        except psycopg.OperationalError as e:
            raise _unavailable(e, self.url) from e
        except psycopg.Error as e:
            raise StoreError(f"database at {redact(self.url)}: {e}") from e
        pool = ConnectionPool(
            self.url, min_size=1, max_size=max(1, self.settings.database_pool_size), open=False,
            kwargs={"autocommit": True, "connect_timeout": max(1, int(self.timeout))},
            check=ConnectionPool.check_connection,  # a connection the server dropped is replaced, not handed out
            timeout=self.timeout, name="planqa",
        )
        pool.open(wait=False)
        return pool

    def check(self) -> None:
        """Raise StoreUnavailable/StoreError now if the database cannot be used (the app calls this at start)."""
        self.query("SELECT 1")

    def query(self, q, params=None, setup: str | None = None) -> list[tuple]:
        try:
            with self.pool.connection() as conn:
                if setup:
                    with conn.transaction():
                        conn.execute(setup)
                        return conn.execute(q, params).fetchall()
                return conn.execute(q, params).fetchall()
        except (psycopg.OperationalError, PoolTimeout) as e:
            raise _unavailable(e, self.url) from e

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None

    # ------------------------------------------------------------------ index

    @staticmethod
    def key_for(embedder: Embedder, plan: Plan | None = None) -> str:
        """One current build per embedder and plan: a library plan's key (2024数字青岚) is part of it, so
        several plans in one database do not replace each other's builds; the built-in plan keeps the
        embedder's name alone (existing databases stay current)."""
        return f"{embedder.name}:{plan.key}" if plan is not None and plan.key else embedder.name

    def load_build(self, key: str, build_id: int, plan: Plan) -> PgIndex | None:
        rows = self.query("SELECT manifest FROM index_builds WHERE id = %s", (build_id,))
        if not rows:
            return None
        manifest = rows[0][0]
        stored = self.query("SELECT pos, clause_id, index_text FROM chunks WHERE build_id = %s ORDER BY pos",
                            (build_id,))
        chunks = []
        for _, cid, text in stored:
            clause = plan.get(cid)
            if clause is None:
                return None  # a build of another plan text: stale
            chunks.append(Chunk(clause=clause, index_text=text))
        vocab = {t for (t,) in self.query("SELECT DISTINCT term FROM postings WHERE build_id = %s", (build_id,))}
        index = PgIndex(self, key, build_id, chunks, manifest, vocab)
        index._plan = plan
        return index

    def _current(self, key: str, expected: dict, plan: Plan) -> tuple[PgIndex | None, str]:
        rows = self.query("SELECT c.build_id, b.manifest FROM index_current c JOIN index_builds b ON b.id = c.build_id "
                          "WHERE c.key = %s", (key,))
        if not rows:
            return None, "no index in the database"
        build_id, manifest = rows[0]
        for field in ("format", "embedder", "corpus_sha256", "tokenizer"):
            if manifest.get(field) != expected[field]:
                return None, f"stale: {field} changed"
        loaded = self.load_build(key, int(build_id), plan)
        return (loaded, "") if loaded is not None else (None, "stale: clauses changed")

    def load_or_build(
        self, embedder: Embedder, corpus: Corpus, tokenizer: PlanTokenizer, force: bool = False
    ) -> PgIndex:
        key = self.key_for(embedder, corpus.plan)
        expected = expected_manifest(embedder, corpus, tokenizer)
        expected.pop("versions")  # library versions are not part of a database build's identity
        if not force:
            loaded, why = self._current(key, expected, corpus.plan)
            if loaded is not None:
                return loaded
        else:
            why = "forced"
        try:
            with self.pool.connection() as conn:
                # Session-level advisory lock on a dedicated connection: a second builder waits here.
                conn.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", (LOCK_BUILD, key))
                try:
                    if not force:
                        loaded, _ = self._current(key, expected, corpus.plan)
                        if loaded is not None:
                            return loaded  # built by another process while we waited
                    log.warning("index: building %s in the database (%s)", key, why)
                    build_id = self._build(conn, key, embedder, corpus, tokenizer, expected)
                finally:
                    conn.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", (LOCK_BUILD, key))
        except (psycopg.OperationalError, PoolTimeout) as e:
            raise _unavailable(e, self.url) from e
        loaded = self.load_build(key, build_id, corpus.plan)
        assert loaded is not None
        return loaded

    def _build(self, conn: psycopg.Connection, key: str, embedder: Embedder, corpus: Corpus,
               tokenizer: PlanTokenizer, expected: dict) -> int:
        t0 = time.perf_counter()
        chunks = chunks_from_plan(corpus.plan)
        texts = [c.index_text for c in chunks]
        kept = self._kept_vectors(conn, key, expected["embedder"])
        reused = sum(t in kept for t in texts)
        log.warning("index: %d of %d chunks embedded, %d vectors reused from the previous build",
                    len(texts) - reused, len(texts), reused)
        vectors = embed_reusing(embedder, texts, kept)
        tokens = [tokenizer.tokens(t) for t in texts]
        build_id = self.write_build(conn, key, [c.id for c in chunks], texts, tokens, vectors, expected, t0)
        self.write_plan(conn, corpus)
        return build_id

    @staticmethod
    def _kept_vectors(conn: psycopg.Connection, key: str, embedder_name: str) -> dict[str, np.ndarray]:
        """The current build's vectors by chunk text, when the same embedder made them: a rebuild after a
        plan edit embeds only the changed chunks (the same model embeds the same text to the same
        vector, and pgvector's text form round-trips float32 exactly)."""
        row = conn.execute("SELECT b.id, b.manifest FROM index_current c JOIN index_builds b ON b.id = c.build_id "
                           "WHERE c.key = %s", (key,)).fetchone()
        if row is None or row[1].get("embedder") != embedder_name:
            return {}
        rows = conn.execute(sql.SQL("SELECT c.index_text, v.embedding::text FROM chunks c JOIN {} v ON v.pos = c.pos "
                                    "WHERE c.build_id = %s").format(_vec_table(row[0])), (row[0],)).fetchall()
        return {text: np.array(emb[1:-1].split(","), dtype=np.float32) for text, emb in rows}

    def write_build(self, conn: psycopg.Connection, key: str, ids: list[str], texts: list[str],
                    tokens: list[list[str]], vectors: np.ndarray, manifest: dict, t0: float | None = None,
                    hnsw: bool = True) -> int:
        """Write one build (chunks, postings, vectors + HNSW) and make it current; keeps the previous
        build for processes still on it and drops older ones. Also used by tools.scale."""
        t0 = time.perf_counter() if t0 is None else t0
        bm = SparseBM25(tokens)
        dim = int(vectors.shape[1])
        with conn.transaction():
            manifest = {**manifest, "dim": dim, "chunks": len(ids),
                        "built_at": datetime.now(UTC).isoformat(timespec="seconds")}
            build_id = int(conn.execute("INSERT INTO index_builds (key, manifest, dim) VALUES (%s, %s, %s) RETURNING id",
                                        (key, json.dumps(manifest, ensure_ascii=False), dim)).fetchone()[0])
            with conn.cursor().copy("COPY chunks (build_id, pos, clause_id, index_text, tokens, tsv) FROM STDIN") as cp:
                for pos, (cid, text, toks) in enumerate(zip(ids, texts, tokens, strict=True)):
                    cp.write_row((build_id, pos, cid, text, toks, " ".join(_lexeme(t) for t in set(toks))))
            terms = sorted(bm.vocab, key=bm.vocab.get)
            with conn.cursor().copy("COPY postings (build_id, term, pos, weight) FROM STDIN") as cp:
                for j, term in enumerate(terms):
                    lo, hi = int(bm.indptr[j]), int(bm.indptr[j + 1])
                    for d, w in zip(bm.indices[lo:hi].tolist(), bm.data[lo:hi].tolist(), strict=True):
                        cp.write_row((build_id, term, d, w))
            table = _vec_table(build_id)
            conn.execute(sql.SQL("CREATE TABLE {} (pos int PRIMARY KEY, embedding vector({}) NOT NULL)").format(
                table, sql.Literal(dim)))
            with conn.cursor().copy(sql.SQL("COPY {} (pos, embedding) FROM STDIN").format(table)) as cp:
                for pos, v in enumerate(vectors):
                    cp.write_row((pos, _vec(v)))
            if hnsw:
                conn.execute(sql.SQL("CREATE INDEX ON {} USING hnsw (embedding vector_ip_ops)").format(table))
            conn.execute(sql.SQL("ANALYZE {}").format(table))
            conn.execute("UPDATE index_builds SET manifest = manifest || jsonb_build_object('build_seconds', %s::float8) "
                         "WHERE id = %s", (round(time.perf_counter() - t0, 3), build_id))
            conn.execute("INSERT INTO index_current (key, build_id) VALUES (%s, %s) ON CONFLICT (key) "
                         "DO UPDATE SET build_id = EXCLUDED.build_id", (key, build_id))
            old = [r[0] for r in conn.execute(
                "SELECT id FROM index_builds WHERE key = %s AND id < %s ORDER BY id DESC OFFSET 1", (key, build_id))]
            for b in old:
                conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(_vec_table(b)))
                conn.execute("DELETE FROM index_builds WHERE id = %s", (b,))
        return build_id

    def write_plan(self, conn: psycopg.Connection, corpus: Corpus) -> None:
        """The plan, its clauses and their units as rows (replacing an earlier load of the same plan)."""
        plan = corpus.plan
        plan_id = plan.key or plan.title  # a library plan by its key (titles may repeat across plans)
        with conn.transaction():
            conn.execute("DELETE FROM plans WHERE id = %s", (plan_id,))
            conn.execute("INSERT INTO plans (id, title, issuer, date, sha256) VALUES (%s, %s, %s, %s, %s)",
                         (plan_id, plan.title, plan.issuer, plan.date, corpus.sha256))
            with conn.cursor().copy("COPY clauses (plan_id, id, pos, kind, path, title, text, line) FROM STDIN") as cp:
                for pos, c in enumerate(plan.clauses):
                    cp.write_row((plan_id, c.id, pos, c.kind, list(c.path), c.title, c.text, c.line))
            with conn.cursor().copy("COPY units (plan_id, clause_id, pos, role, name, written, note) FROM STDIN") as cp:
                for c in plan.clauses:
                    for i, u in enumerate(c.units.units if c.units else ()):
                        cp.write_row((plan_id, c.id, i, "lead" if i == 0 else "member", u.name, u.written, u.note))


def _lexeme(token: str) -> str:
    # tsvector text form: each token quoted, quotes and backslashes escaped
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
