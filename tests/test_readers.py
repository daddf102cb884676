"""Readers: every format and every bad input gets text or a clear message."""

from __future__ import annotations

import zipfile

import pytest
from plan_docs import CJK_FONT, NO_FONT, fixture_text, write_docx, write_pdf

from corpus.genre import parse_genre
from corpus.importer import import_bytes
from corpus.readers import ReadError, read_document, read_path, sniff

QL24 = fixture_text("qinglan-2024.txt")
CX25 = fixture_text("chengxi-2025.txt")


def _structure(plan):
    return [(c.id, c.kind, c.lead, c.members) for c in plan.clauses if c.kind != "closing"]


@pytest.mark.parametrize(
    ("text", "encoding", "detected"),
    [
        (QL24, "utf-8", "utf_8"),
        (QL24, "utf-8-sig", "utf_8"),
        (QL24, "gb18030", "gb18030"),
        (QL24, "gbk", "gb18030"),  # read with the superset: nothing a GBK file holds is lost
        (CX25, "big5", "big5"),
        (CX25, "gb18030", "gb18030"),
        (QL24, "utf-16", "utf_16"),
    ],
)
def test_text_in_every_chinese_encoding_reads_the_same(text, encoding, detected):
    doc = read_document(text.encode(encoding), "plan.txt")
    assert doc.format == "text" and doc.encoding == detected
    assert doc.text.replace("\r\n", "\n") == text


def test_unknown_encoding_binary_and_empty_are_refused_clearly():
    with pytest.raises(ReadError, match="cannot tell the text encoding"):
        read_document(b"\x80\x80\x80abc" * 50, "odd.txt")
    with pytest.raises(ReadError, match="binary file"):
        read_document(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "a.out")
    with pytest.raises(ReadError, match="empty"):
        read_document(b"  \n\r\n ", "blank.txt")
    with pytest.raises(ReadError, match="no such file"):
        read_path("/nonexistent/plan.txt")


def test_format_is_sniffed_from_content_not_the_name():
    assert sniff(b"%PDF-1.7 ...", "plan.txt") == "pdf"
    assert sniff(b"PK\x03\x04....", "plan.txt") == "docx"
    assert sniff(b"<!DOCTYPE html><html>", "plan.txt") == "html"
    assert sniff("一、总体要求".encode(), "plan.docx") == "docx"  # nothing in the bytes: the name decides
    with pytest.raises(ReadError, match=r"legacy Word \(\.doc\)"):
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc")


def test_html_saved_from_a_government_site_keeps_the_article_only():
    body = "".join(f"<p>{ln}</p>" for ln in QL24.split("\n"))
    page = (
        '<!DOCTYPE html><html><head><meta charset="gbk"><title>青岚市人民政府门户网站</title>'
        "<script>var nav = '首页';</script><style>p{}</style></head><body>"
        "<nav><a href='/'>首页</a> | <a>政务公开</a></nav><header>青岚市人民政府</header>"
        f"<div class='article'>{body}</div><footer>版权所有 网站地图</footer></body></html>"
    )
    doc = read_document(page.encode("gbk"), "page.html")
    assert doc.format == "html" and doc.encoding == "gbk"
    for noise in ("首页", "var nav", "版权所有", "门户网站"):
        assert noise not in doc.text
    assert _structure(parse_genre(doc.text).plan) == _structure(parse_genre(QL24).plan)


def test_docx_round_trip_keeps_structure_and_tables(tmp_path):
    table = [["序号", "任务", "牵头单位", "配合单位"], ["4.", "开展数据试点。", "县数据局", "县财政局"]]
    path = write_docx(CX25, tmp_path / "chengxi.docx", table_rows=table)
    doc = read_path(path)
    assert doc.format == "docx"
    assert "4.　开展数据试点。（牵头单位：县数据局；配合单位：县财政局）" in doc.text
    other = read_path(write_docx("说明", tmp_path / "t.docx", table_rows=[["年份", "目标"], ["2025", "100个"]]))
    assert "年份　目标" in other.text and "2025　100个" in other.text
    assert _structure(parse_genre(doc.text).plan)[:10] == _structure(parse_genre(CX25).plan)[:10]


def test_corrupt_docx_is_a_clear_error(tmp_path):
    good = write_docx(QL24, tmp_path / "good.docx").read_bytes()
    with pytest.raises(ReadError, match="damaged DOCX"):
        read_document(good[: len(good) // 2], "cut.docx")
    zipped = tmp_path / "notword.docx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(ReadError, match="not a Word document"):
        read_path(zipped)


needs_font = pytest.mark.skipif(not CJK_FONT.is_file(), reason=NO_FONT)


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("pdf")


@needs_font
def test_pdf_with_text_layer_parses_like_the_text(pdf_dir):
    text = fixture_text("qinglan-2025.txt")
    path = write_pdf(text, pdf_dir / "qinglan-2025.pdf")
    imported = import_bytes(path.read_bytes(), path.name)
    ref = parse_genre(text).plan
    assert imported.report.format == "pdf" and imported.report.pages >= 1
    # Lines wrapped at the page margin are joined again; units lists split over two lines still parse.
    assert _structure(imported.plan) == _structure(ref)
    p = imported.plan
    assert (p.title, p.issuer, p.date, p.year) == (ref.title, ref.issuer, ref.date, 2025)
    assert p.get("一.(一).1").text == ref.get("一.(一).1").text


def test_scanned_pdf_without_text_layer_says_run_ocr(pdf_dir):
    path = write_pdf(None, pdf_dir / "scan.pdf", pages=2)
    with pytest.raises(ReadError, match="no text layer .* OCR"):
        read_path(path)


@needs_font
def test_password_protected_pdf_is_refused(pdf_dir):
    path = write_pdf(QL24, pdf_dir / "locked.pdf", password="secret")
    with pytest.raises(ReadError, match="password-protected"):
        read_path(path)


def test_damaged_pdf_is_a_clear_error():
    with pytest.raises(ReadError, match="damaged PDF|no text layer|no pages"):
        read_document(b"%PDF-1.4\n" + b"garbage " * 100, "broken.pdf")
