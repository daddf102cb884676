"""The README's promises match the code: settings table, the two commands, CI."""

import re

from corpus.settings import ROOT, Settings

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_settings_table_lists_every_field_and_nothing_else():
    table = set(re.findall(r"^\| `PLANQA_([A-Z0-9_]+)` \|", README, flags=re.M))
    fields = {name.upper() for name in Settings.model_fields}
    assert table == fields


def test_defaults_in_the_table_match_the_code():
    s = Settings()
    for name in ("embedder", "fusion", "weight_dense", "weight_dense2", "weight_bm25", "weight_match", "rrf_k", "top_k",
                 "refusal_threshold", "agreement_threshold", "max_question_chars", "host", "port",
                 "concurrency", "queue_size"):
        row = re.search(rf"^\| `PLANQA_{name.upper()}` \| `([^`]*)` \|", README, flags=re.M)
        assert row is not None and row.group(1) == str(getattr(s, name)), name


def test_the_two_commands_exist_and_ci_runs_the_test_one():
    makefile = (ROOT / "Makefile").read_text()
    assert "make run" in README and "make test" in README
    assert re.search(r"^run:", makefile, flags=re.M) and re.search(r"^test:", makefile, flags=re.M)
    assert "make test" in (ROOT / ".ci/run").read_text()


def test_no_placeholder_is_left():
    assert not re.search(r"\b(BENCH_TABLE|LOAD_TABLE|AUDIT_LINE|TODO)\b", README)
