import pytest

from corpus.agencies import UnknownAgency
from corpus.responsibility import agencies_in


@pytest.mark.parametrize(
    "alias,name",
    [
        ("数据局", "省數據管理局"),
        ("省数据管理局", "省數據管理局"),
        ("福建省数据管理局", "省數據管理局"),
        ("发改委", "省發改委"),
        ("省发展改革委", "省發改委"),
        ("工信厅", "省工信廳"),
        ("网信办", "省委網信辦"),
        ("文旅厅", "省文旅廳"),
        ("省委黨史方志辦", "省委黨史方志辦"),
        ("ＦＵＬＬ", None),
    ],
)
def test_aliases_resolve(directory, alias, name):
    assert directory.resolve(alias) == name


def test_every_unit_in_the_plan_has_an_entry(plan, directory):
    missing = [n for n in agencies_in(plan) if directory.resolve(n) != n]
    assert missing == []


def test_unknown_agency_suggests_close_names(directory):
    with pytest.raises(UnknownAgency) as err:
        directory.require("数据部")
    assert "省數據管理局" in err.value.suggestions
    assert "数据部" in str(err.value)


def test_find_in_prefers_longest_alias(directory):
    assert directory.find_in("福建省数据管理局和工信厅负责哪些任务") == ["省數據管理局", "省工信廳"]
    assert directory.find_in("算力建设由哪个部门牵头") == []
