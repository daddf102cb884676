import pytest

from corpus.glossary import Glossary
from corpus.script import detect_script, fold, in_script
from corpus.settings import ROOT


def test_fold_unifies_script_width_and_case():
    assert fold("誰牽頭負責算力基礎設施") == fold("谁牵头负责算力基础设施") == "谁牵头负责算力基础设施"
    assert fold("ＷＨＯ　ＬＥＡＤＳ？") == "who leads?"
    assert fold("（一）數字") == "(一)数字"


@pytest.mark.parametrize(
    "text,script",
    [("算力建设由哪个部门牵头", "simplified"), ("誰牽頭負責算力基礎設施", "traditional"),
     ("Who leads?", "neutral"), ("工程", "neutral"), ("", "neutral")],
)
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_in_script_converts_only_for_simplified():
    assert in_script("省數據管理局", "simplified") == "省数据管理局"
    assert in_script("省數據管理局", "traditional") == "省數據管理局"


def test_glossary_expands_english_only():
    g = Glossary.load(ROOT / "corpus/glossary.json")
    assert "算力" in g.expand("Who leads compute infrastructure?")
    assert "智慧養老院" in g.expand("elderly care homes") and "養老 " not in g.expand("elderly care homes")
    assert g.expand("算力建设") == "算力建设"
    assert "ai" not in g.expand("maintain").lower().split()[1:]
