"""English agency names (en_aliases in corpus/agencies.json): whole words, any case, one unit each.

Fast tier: no models; the end-to-end case uses the hashing embedder fixture.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from corpus.agencies import Agency, AgencyDirectory, en_key
from corpus.settings import ROOT
from corpus.shelf import plan_directory

AGENCIES_JSON = ROOT / "corpus/agencies.json"


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("Fujian Provincial Development and Reform Commission", "省發改委"),
        ("Development and Reform Commission", "省發改委"),
        ("DRC", "省發改委"),
        ("Data Bureau", "省數據管理局"),
        ("the data bureau", "省數據管理局"),
        ("Data Administration", "省數據管理局"),
        ("Fujian Data Administration", "省數據管理局"),
        ("Communications Administration", "省通信管理局"),
        ("Provincial Communications Administration", "省通信管理局"),
        ("Department of Industry and Information Technology", "省工信廳"),
        ("Industry and Information Technology Department", "省工信廳"),
        ("all cities", "各設區市"),
        ("Each City", "各設區市"),
        ("prefecture-level cities", "各設區市"),
        ("prefecture level cities", "各設區市"),
        ("cities divided into districts", "各設區市"),
        ("Fujian Big Data Group", "省大數據集團"),
        ("Fujian Big Data Group Co., Ltd.", "省大數據集團"),
        ("Electronic Information Group", "省電子信息集團"),
        ("Cyberspace Administration", "省委網信辦"),
        ("Cyberspace Affairs Commission office", "省委網信辦"),
        ("CAC office", "省委網信辦"),
        ("General Office of the Fujian Provincial People’s Government", "省政府辦公廳"),
        ("Quanzhou", "泉州市"),
        ("DATA BUREAUS", "省數據管理局"),
        ("Ministry of Magic", None),
        ("data", None),
        ("office", None),
        ("group", None),
        ("city", None),
    ],
)
def test_english_names_resolve(directory, alias, name):
    assert directory.resolve(alias) == name


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("What does the Provincial Communications Administration take part in?", ["省通信管理局"]),
        ("What does the Fujian data bureau lead?", ["省數據管理局"]),
        ("Which tasks involve the Department of Industry and Information Technology?", ["省工信廳"]),
        ("WHAT DOES THE DRC LEAD?", ["省發改委"]),
        ("Tasks of the Big Data Group and the Data Bureau", ["省大數據集團", "省數據管理局"]),
        ("What does Fujian Electronics & Information (Group) Co., Ltd. do?", ["省電子信息集團"]),
        ("Which tasks involve all prefecture-level cities?", ["各設區市"]),
        ("Does the Veterans’ Affairs Department or the Health Commission join any task?", ["省退役軍人廳", "省衛健委"]),
        ("What is 数据局 doing with the Communications Administration?", ["省數據管理局", "省通信管理局"]),
    ],
)
def test_english_names_found_in_questions(directory, question, names):
    assert directory.find_in(question) == names


def test_the_longest_english_name_wins(directory):
    # "Data Administration" lies inside the full name; one span covers the whole name.
    text = "What does the Fujian Provincial Data Administration lead?"
    assert directory.spans(text) == [(14, 51, "省數據管理局")]
    # "Big Data Group" is not "Data ..." anything of the Data Bureau's
    assert directory.find_in("Fujian Big Data Group") == ["省大數據集團"]
    # "Fuzhou and related prefecture-level cities" is one unit, not Fuzhou plus all cities
    assert directory.find_in("Fuzhou and related prefecture-level cities") == ["福州及相關設區市"]


@pytest.mark.parametrize(
    "text",
    [
        "metadata bureaucracy",
        "databureau",
        "DRCX and XDRC",
        "a cacophony of offices",
        "macao amr2",
        "quanzhouese",
        "big data groupie",
        "smallcities and eachcity",
    ],
)
def test_a_latin_alias_never_matches_inside_a_word(directory, text):
    assert directory.find_in(text) == []


def test_alias_words_are_whole_words_on_both_sides(directory):
    assert directory.find_in("smalldrc") == []
    assert directory.find_in("drcfoo") == []
    assert directory.find_in("xcac office") == []
    assert directory.find_in("the DRC's tasks") == ["省發改委"]
    assert directory.find_in("both DRCs") == ["省發改委"]  # a plural s is allowed
    assert directory.find_in("發改委DRC") == ["省發改委"]  # Chinese next to Latin is a boundary


CHINESE_BEFORE = [
    # find_in as it was before English aliases existed
    ("福建省数据管理局和工信厅负责哪些任务", ["省數據管理局", "省工信廳"]),
    ("省通信管理局参与了哪些任务？", ["省通信管理局"]),
    ("各设区市要做什么", ["各設區市"]),
    ("省大数据集团和省电子信息集团牵头的任务", ["省大數據集團", "省電子信息集團"]),
    ("网信办、发改委、数据局都参与的工程", ["省委網信辦", "省發改委", "省數據管理局"]),
    ("福州市和泉州有哪些任务", ["福州及相關設區市", "泉州市"]),
    ("算力建设由哪个部门牵头", []),
    ("省金投和金融局", ["省金融投資公司", "省地方金融管理局"]),
    ("大数据局负责啥", ["省數據管理局"]),
]


@pytest.mark.parametrize(("question", "names"), CHINESE_BEFORE)
def test_chinese_behaviour_unchanged(directory, question, names):
    assert directory.find_in(question) == names


def test_chinese_spans_unchanged(directory):
    assert directory.spans("福建省数据管理局和工信厅负责哪些任务") == [(0, 8, "省數據管理局"), (9, 12, "省工信廳")]
    assert directory.resolve("数据局") == "省數據管理局"
    assert directory.resolve("ＦＵＬＬ") is None


def test_english_names_stay_out_of_the_tokeniser_dictionary(directory):
    aliases = directory.all_aliases()
    assert not any(any("a" <= ch <= "z" for ch in a.lower()) for a in aliases)
    data = json.loads(AGENCIES_JSON.read_text(encoding="utf-8"))
    expected = sum(len({e["name"], e.get("full_name", e["name"]), *e.get("aliases", ())}) for e in data["agencies"])
    assert len(aliases) >= expected - len(data["agencies"])  # the Chinese forms are all still there
    english = directory.english_aliases()
    assert english["Data Bureau"] == "省數據管理局"


def test_a_directory_without_en_aliases_still_loads(tmp_path):
    path = tmp_path / "agencies.json"
    path.write_text(
        json.dumps(
            {"agencies": [{"name": "市工信局", "aliases": ["工信局"]}, {"name": "市數據局"}]}, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    d = AgencyDirectory.load(path)
    assert d.resolve("工信局") == "市工信局"
    assert d.find_in("工信局和市数据局负责什么") == ["市工信局", "市數據局"]
    assert d.find_in("What does the data bureau lead?") == []
    assert d.resolve("Data Bureau") is None
    assert d.english_aliases() == {}
    assert d.suggest("Data Burea") == []


def test_agencies_built_in_code_need_no_english(plan):
    d = AgencyDirectory([Agency("市工信局", "市工信局", ("工信局",))])
    assert d.find_in("工信局牵头哪些") == ["市工信局"]
    imported = plan_directory(plan)  # how an imported plan's directory is built
    assert imported.find_in("省數據管理局牵头哪些") == ["省數據管理局"]


def test_every_agency_has_english_aliases():
    data = json.loads(AGENCIES_JSON.read_text(encoding="utf-8"))
    missing = [e["name"] for e in data["agencies"] if not e.get("en_aliases")]
    assert missing == []


def test_every_english_alias_names_one_unit(directory):
    data = json.loads(AGENCIES_JSON.read_text(encoding="utf-8"))
    owners: dict[str, set[str]] = {}
    for e in data["agencies"]:
        for alias in e["en_aliases"]:
            owners.setdefault(en_key(alias), set()).add(e["name"])
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert shared == {}
    # Listed twice under the same unit is a slip too.
    for e in data["agencies"]:
        dup = [k for k, n in Counter(en_key(a) for a in e["en_aliases"]).items() if n > 1]
        assert dup == [], e["name"]
    # Every alias resolves to its unit, and is found as itself in text.
    for e in data["agencies"]:
        for alias in e["en_aliases"]:
            assert directory.resolve(alias) == e["name"], alias
            assert directory.find_in(f"What does the {alias} lead?") == [e["name"]], alias


@pytest.mark.parametrize("word", ["data", "office", "group", "city", "cities", "bureau", "department", "fujian"])
def test_no_english_alias_is_an_ordinary_word(word):
    data = json.loads(AGENCIES_JSON.read_text(encoding="utf-8"))
    assert all(en_key(a) != word for e in data["agencies"] for a in e["en_aliases"])


# --- end to end: an English question about an agency answers with its tasks


def test_an_english_agency_question_lists_its_tasks(assistant, plan):
    expected = [c.id for c in plan.tasks if "省通信管理局" in c.units.names]
    assert expected  # the plan does name it
    a = assistant.ask("What does the Provincial Communications Administration take part in?")
    assert a.status == "answered"
    assert a.intent == "agency_tasks"
    assert sorted(c.clause_id for c in a.citations) == sorted(expected)
    assert "省通信管理局" in a.answer
