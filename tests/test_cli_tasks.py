import csv
import io
import json

from assistant.__main__ import main


def test_tasks_json_lists_31_tasks(capsys):
    assert main(["tasks", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 31
    assert {"clause_id", "path", "title", "text", "lead", "members"} <= set(rows[0])
    assert rows[2]["clause_id"] == "二.2" and rows[2]["lead"] == "省數據管理局"


def test_tasks_for_an_agency_alias_marks_roles(capsys):
    assert main(["tasks", "--agency", "网信办", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    roles = {r["clause_id"]: r["role"] for r in rows}
    assert roles == {"四.(四).4": "lead", "四.(六).3": "lead", "五.1": "lead", "五.2": "member"}


def test_tasks_csv_has_a_header_and_a_row_per_task(capsys):
    assert main(["tasks", "--csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:4] == ["clause_id", "path", "title", "lead"]
    assert len(rows) == 32


def test_unknown_agency_is_a_clear_message(capsys):
    assert main(["tasks", "--agency", "火星局"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: No agency called '火星局'")
    assert "Traceback" not in err


def test_missing_corpus_says_what_to_do(capsys, monkeypatch, tmp_path):
    from corpus.settings import get_settings

    monkeypatch.setenv("PLANQA_CORPUS", str(tmp_path / "gone.txt"))
    get_settings.cache_clear()
    try:
        assert main(["tasks"]) == 2
    finally:
        get_settings.cache_clear()
    assert "PLANQA_CORPUS" in capsys.readouterr().err
