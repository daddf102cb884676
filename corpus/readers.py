"""Plan files -> text: plain text in any Chinese encoding, DOCX, PDF with a text layer, saved HTML.

Each reader returns a `Document` (the text, the format, how it was decoded, warnings); a file that
cannot be read raises `ReadError` whose message says what is wrong and what to do. Formats are
recognised by their bytes (PDF header, ZIP with word/document.xml, OLE .doc, HTML tags), the file
name only breaks ties, so a renamed file is still read as what it is.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

FORMATS = ("text", "docx", "pdf", "html")
# A page with fewer visible characters than this has no text layer (a scan or an image).
_MIN_CHARS_PER_PAGE = 20
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls (and encrypted Office files)


class ReadError(ValueError):
    """The file cannot be read as a plan; the message says why and what to do."""


@dataclass(frozen=True)
class Document:
    name: str  # file name as given
    format: str  # text | docx | pdf | html
    text: str  # paragraphs one a line, not yet repaired
    encoding: str = ""  # for text and HTML: the encoding the bytes were decoded with
    pages: int = 0  # for PDF
    warnings: tuple[str, ...] = ()


def sniff(data: bytes, name: str = "") -> str:
    """The format of `data`: by content first, the extension only when the content says nothing."""
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(_OLE):
        return "ole"
    low = head[:512].lower()
    if re.search(rb"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s", low):
        return "html"
    suffix = Path(name).suffix.lower()
    return {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".doc": "ole"}.get(suffix, "text")


def read_document(data: bytes, name: str = "") -> Document:
    """Read the bytes of a plan file. Raises ReadError for empty, binary, encrypted or unreadable input."""
    if not data.strip():
        raise ReadError(f"{name or 'the file'} is empty: there is no text to import.")
    fmt = sniff(data, name)
    if fmt == "ole":
        raise ReadError(
            f"{name} is a legacy Word (.doc) or password-protected Office file: "
            "open it in Word or LibreOffice and save it as .docx (without a password)."
        )
    doc = {"pdf": _read_pdf, "docx": _read_docx, "html": _read_html}.get(fmt, _read_text)(data, name)
    if not doc.text.strip():
        raise ReadError(f"{name} contains no text.")
    return doc


def read_path(path: Path) -> Document:
    path = Path(path)
    if not path.is_file():
        raise ReadError(f"no such file: {path}")
    return read_document(path.read_bytes(), path.name)


# ---------------------------------------------------------------- text


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B) for b in sample)
    return controls > len(sample) * 0.05


def decode_text(data: bytes, name: str = "", declared: str | None = None) -> tuple[str, str]:
    """(text, encoding). UTF-8 (with or without BOM) is tried first, then a declared encoding,
    then charset-normalizer, restricted to the encodings Chinese documents are written in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf_16"
    if _looks_binary(data):
        raise ReadError(f"{name} looks like a binary file, not text: give a .txt, .docx, .pdf or .html plan.")
    try:
        return data.decode("utf-8-sig"), "utf_8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), declared.lower().replace("-", "_")
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "gbk", "gb2312", "big5", "big5hkscs", "utf_16"]).best()
    if best is None:
        raise ReadError(
            f"{name}: cannot tell the text encoding (tried UTF-8, GB18030/GBK and Big5). "
            "Save it as UTF-8 and import again."
        )
    encoding = best.encoding
    # GB2312 and GBK are subsets of GB18030: decode with the superset so no character is lost.
    if encoding in ("gb2312", "gbk"):
        encoding = "gb18030"
    return data.decode(encoding, errors="strict"), encoding


def _read_text(data: bytes, name: str) -> Document:
    text, encoding = decode_text(data, name)
    return Document(name, "text", text.replace("\r\n", "\n").replace("\r", "\n"), encoding)


# ---------------------------------------------------------------- DOCX


def _read_docx(data: bytes, name: str) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "word/document.xml" not in z.namelist():
                raise ReadError(f"{name} is a ZIP archive but not a Word document (no word/document.xml).")
            bad = z.testzip()
            if bad:
                raise ReadError(f"{name} is a damaged DOCX (corrupt part {bad}): open and re-save it in Word.")
    except zipfile.BadZipFile as e:
        raise ReadError(f"{name} is a damaged DOCX ({e}): open and re-save it in Word.") from e
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        d = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise ReadError(f"{name} is a damaged DOCX ({e}): open and re-save it in Word.") from e
    except Exception as e:  # lxml raises its own XMLSyntaxError for a broken part
        raise ReadError(f"{name} is a damaged DOCX ({type(e).__name__}: {e}): open and re-save it in Word.") from e
    lines: list[str] = []
    warnings: list[str] = []
    numbered = 0
    body = d.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph

            p = Paragraph(child, d)
            if p._p.pPr is not None and p._p.pPr.numPr is not None:
                numbered += 1
            lines.append(p.text)
        elif tag == "tbl":
            from docx.table import Table

            lines += _table_lines([[c.text.strip() for c in row.cells] for row in Table(child, d).rows])
    if numbered:
        warnings.append(
            f"{numbered} paragraph(s) use Word's automatic numbering, which is not part of the text: "
            "if the structure looks wrong, convert the numbering to text in Word and import again."
        )
    return Document(name, "docx", "\n".join(lines), warnings=tuple(warnings))


_UNIT_COLUMN = re.compile(r"^(责任单位|責任單位|牵头单位|牽頭單位|责任部门|責任部門|配合单位|配合單位)$")


def _table_lines(rows: list[list[str]]) -> list[str]:
    """A task table (序号 | 任务 | 责任单位 …) becomes the paragraphs the parser knows: the other cells,
    then （责任单位：…） for each column headed by a responsibility label. Other tables: cells joined."""
    header = rows[0] if rows else []
    labelled = {i: h for i, h in enumerate(header) if _UNIT_COLUMN.match(h.replace(" ", ""))}
    out = []
    for n, row in enumerate(rows):
        if labelled and n == 0:
            continue
        cells: list[str] = []
        for i, t in enumerate(row):
            if t and i not in labelled and (not cells or cells[-1] != t):  # merged cells repeat their text
                cells.append(t)
        units = "；".join(f"{labelled[i]}：{row[i]}" for i in labelled if i < len(row) and row[i])
        out.append("　".join(cells) + (f"（{units}）" if units else ""))
    return out


# ---------------------------------------------------------------- PDF

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,3}[-—–－\s]*$|^第\s*\d+\s*[頁页]")
_STARTS_PARAGRAPH = re.compile(
    r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d)|[（(〔【\[]\s*"
    r"(責任|责任|牽頭|牵头|配合)|\d{4}年\d{1,2}月\d{1,2}日$)"
)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _unspace(line: str) -> str:
    """Some PDF writers place each character alone, and extractors then put a space between every
    two: 一 、 数 字. When nearly every space-separated token is one character, the single spaces are
    layout, not text (a run of two or more stays as one space)."""
    tokens = line.strip().split(" ")
    words = [t for t in tokens if t]
    if len(words) < 4 or sum(len(t) == 1 for t in words) < 0.8 * len(words):
        return line
    return re.sub(r"(?<=\S) (?=\S)", "", re.sub(r" {2,}", "\u0000", line.strip())).replace("\u0000", " ")


def _reflow(lines: list[str]) -> list[str]:
    """PDF text comes as visual lines. A line continues the paragraph before it when that one's last
    line ran to the right margin (within 15 % of the widest lines) and it does not itself open a
    paragraph (a numbering mark, a bracketed units list, a date)."""
    visual = [ln for ln in (_unspace(r).strip() for r in lines) if ln and not _PAGE_NUMBER.match(ln)]
    if not visual:
        return []
    widths = sorted(_width(ln) for ln in visual)
    full = widths[int(0.9 * (len(widths) - 1))]
    out: list[str] = []
    prev_width = 0
    for ln in visual:
        if out and prev_width >= 0.85 * full and not _STARTS_PARAGRAPH.match(ln):
            out[-1] += ln
        else:
            out.append(ln)
        prev_width = _width(ln)
    return out


def _read_pdf(data: bytes, name: str) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # noqa: BLE001 - an unsupported cipher is as closed as a password
                opened = 0
            if not opened:
                raise ReadError(f"{name} is password-protected: remove the password (or print to PDF) and import again.")
        # Control characters (NUL between CJK glyphs from some writers' font maps) are not text.
        pages = [_CONTROL.sub("", page.extract_text() or "") for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise ReadError(f"{name} is a damaged PDF ({e}).") from e
    if not pages:
        raise ReadError(f"{name} has no pages.")
    visible = [len(re.sub(r"\s", "", p)) for p in pages]
    if sum(visible) < _MIN_CHARS_PER_PAGE * len(pages) / 2:
        raise ReadError(
            f"{name} has no text layer ({len(pages)} page(s) of images, e.g. a scan): "
            "run OCR on it (or export the text from the original) and import the result."
        )
    warnings = []
    empty = [i + 1 for i, n in enumerate(visible) if n < _MIN_CHARS_PER_PAGE]
    if empty:
        warnings.append(f"page(s) {', '.join(map(str, empty))} have little or no text (images?): their content is missing.")
    lines = [ln for p in pages for ln in p.split("\n")]
    return Document(name, "pdf", "\n".join(_reflow(lines)), pages=len(pages), warnings=tuple(warnings))


# ---------------------------------------------------------------- HTML

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "select", "button"}
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
          "blockquote", "pre", "ul", "ol", "dd", "dt", "title"}


class _TextOf(HTMLParser):
    """Visible text of the page body, one line per block element; navigation and scripts dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip:
            self.parts.append(data)


def _read_html(data: bytes, name: str) -> Document:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096], flags=re.I)
    text, encoding = decode_text(data, name, m.group(1).decode("ascii") if m else None)
    parser = _TextOf()
    parser.feed(text)
    parser.close()
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in "".join(parser.parts).split("\n")]
    return Document(name, "html", "\n".join(ln for ln in lines if ln), encoding)
