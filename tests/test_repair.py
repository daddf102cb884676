import pytest

from corpus.repair import Judge, RepairError, find_residue, remove_pinyin, repair

PROJECT_HEADINGS = [
    "（一）數字科技創新和產業創新深度融合工程",
    "（三）數字賦能文旅發展工程",
    "（四）數字賦能社會發展工程",
    "（五）數字賦能生態文明建設工程",
    "（六）數字生態優化工程",
]
END_OF_2_1 = (
    "國家級互聯網骨干節點擴容。〔責任單位：省通信管理局、數據管理局、工信廳、"
    "海洋漁業局,各設區市(含平潭綜合實驗區,下同)〕"
)


def test_the_five_misaligned_headings_are_recovered(corpus):
    lines = [ln.strip().lstrip("\u3000") for ln in corpus.text.split("\n")]
    for heading in PROJECT_HEADINGS:
        assert heading in lines
    assert "(二)政務服務矩陣完善提升工程" in lines  # intact in the raw text, left as it was


def test_the_hidden_units_list_of_2_1_is_recovered(corpus):
    line = next(ln for ln in corpus.text.split("\n") if "骨干節點擴容" in ln)
    assert line.endswith(END_OF_2_1)


def test_report_counts_each_kind_and_leaves_no_residue(corpus):
    assert corpus.report.counts["gbk-misalignment"] == 6
    assert corpus.report.counts["pinyin"] > 250
    assert corpus.report.residue == ()
    assert "residue: none" in corpus.report.summary()


def test_pinyin_annotations_are_removed_and_real_parentheses_stay(raw_text, corpus):
    assert "產業(yè)" in raw_text and "(yè)" not in corpus.text
    assert "產業創新" in corpus.text and "規劃收官" in corpus.text
    for kept in ["(COM)", "(CIM)", "(含平潭綜合實驗區,下同)", "(長樂、安溪)", "(含平潭)"]:
        assert kept in corpus.text


def test_pinyin_removal_keeps_text_that_is_not_a_reading():
    text, fixes = remove_pinyin("城市運管服(COM)平臺、產業(yè)發(fā)展(含平潭)、數據(ok)")
    assert text == "城市運管服(COM)平臺、產業發展(含平潭)、數據(ok)"
    assert [f.before for f in fixes] == ["業(yè)", "發(fā)"]


def _misalign(clean: str) -> str:
    """Corrupt a stretch the way the seed was: GBK bytes, first byte lost, last byte lost."""
    b = clean.encode("gbk")
    return "?" + b[1:].decode("gb18030", errors="replace").replace("\ufffd", "?")


@pytest.mark.parametrize(
    "before,stretch,after",
    [
        ("推進數字政府建設", "。〔責任單位：省數據管理局", "、工信廳〕"),
        ("  ", "\u3000（二）數字賦能社會治理", "工程"),
    ],
)
def test_a_newly_misaligned_stretch_is_recovered_without_knowing_it(corpus, before, stretch, after):
    judge = Judge([corpus.text])
    corrupted = before + _misalign(stretch) + after
    assert corrupted != before + stretch + after
    text, report = repair(corrupted, judge=judge)
    assert text == before + stretch + after
    assert report.counts == {"gbk-misalignment": 1}


def test_residue_fails_the_build_with_the_line(raw_text):
    damaged = "第一行\n數據\ue579管理?局(含平潭\n"
    with pytest.raises(RepairError) as err:
        repair(damaged, judge=Judge([raw_text], use_jieba=False))
    reasons = {(r.line, r.reason) for r in err.value.report.residue}
    assert (2, "private-use character") in reasons
    assert (2, "'?' inside Chinese text") in reasons
    assert (2, "unmatched opening bracket") in reasons
    assert "line 2" in str(err.value)


def test_residue_scanner_accepts_balanced_clean_text():
    assert find_residue("（一）數字(含平潭,下同)〔責任單位：省數據管理局〕") == []
