"""`python -m assistant add | plans | remove`: exit codes 0/1/2, messages, never a traceback."""

from __future__ import annotations

import json

import pytest
from plan_docs import FIXTURES

from assistant.__main__ import main
from corpus.settings import get_settings

QL24, QL25, CX25 = (str(FIXTURES / n) for n in ("qinglan-2024.txt", "qinglan-2025.txt", "chengxi-2025.txt"))


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANQA_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield tmp_path / "data"
    get_settings.cache_clear()


def test_add_list_remove(capsys):
    assert main(["add", QL24]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("added 2024数字青岚: 《2024年数字青岚工作要点》 (2024, 青岚市数字青岚建设领导小组办公室; 9 tasks")
    assert "read: qinglan-2024.txt (text, utf_8; simplified script)" in err and "二.(三)" in err
    assert main(["add", CX25, "--title", "澄溪縣2025年數位治理方案", "--issuer", "澄溪縣政府"]) == 0
    assert "added 2025澄溪县数位治理" in capsys.readouterr().out
    assert main(["plans"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0].startswith("2025数字福建") and "built-in" in out.splitlines()[0]
    assert "2024数字青岚" in out and "澄溪縣2025年數位治理方案" in out
    assert main(["plans", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["key"] for r in rows] == ["2025数字福建", "2024数字青岚", "2025澄溪县数位治理"]
    assert rows[0]["builtin"] and rows[2]["overrides"]["issuer"] == "澄溪縣政府"
    assert main(["remove", "2024数字青岚"]) == 0
    assert "removed 2024数字青岚" in capsys.readouterr().out


def test_exit_codes_and_messages(capsys, tmp_path):
    assert main(["add", QL24]) == 0
    capsys.readouterr()
    # some added, some refused: 1
    assert main(["add", QL24, QL25]) == 1
    _, err = capsys.readouterr()
    assert "refused: qinglan-2024.txt is already in the library as 2024数字青岚" in err and "1 added, 1 refused" in err
    # nothing added: 2
    assert main(["add", "/nonexistent/plan.docx"]) == 2
    assert "no such file" in capsys.readouterr().err
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)) * 10)
    assert main(["add", str(binary)]) == 2
    assert "binary" in capsys.readouterr().err
    assert main(["add", QL24, CX25, "--title", "x"]) == 2
    assert "one file" in capsys.readouterr().err
    assert main(["remove", "nope"]) == 2
    assert "no plan with key 'nope'" in capsys.readouterr().err
    assert main(["remove", "2025数字福建"]) == 2
    assert "built-in plan" in capsys.readouterr().err


def test_add_json_and_a_damaged_library(capsys, data_dir):
    assert main(["add", "--json", QL25]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["key"] == "2025数字青岚" and row["tasks"] == 9
    (data_dir / "plans" / "library.json").write_text("[", encoding="utf-8")
    assert main(["plans"]) == 2
    assert "damaged" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["add", QL24, "--year", "twenty"])
    assert e.value.code == 2


def test_an_unknown_plan_key_is_a_clear_error(capsys):
    assert main(["ask", "--plan", "2019数字火星", "算力谁牵头？"]) == 2
    assert main(["tasks", "--plan", "2019数字火星"]) == 2
    err = capsys.readouterr().err
    assert err.count("no plan '2019数字火星'") == 2 and "2025数字福建" in err
