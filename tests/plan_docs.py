"""Write the fictional test plans as DOCX and PDF (and broken variants) at test time."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "plans"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
NO_FONT = f"PDF round-trip needs a CJK font at {CJK_FONT} (Debian package fonts-noto-cjk)"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def write_docx(text: str, path: Path, table_rows: list[list[str]] | None = None) -> Path:
    import docx

    d = docx.Document()
    for line in text.split("\n"):
        if line.strip():
            d.add_paragraph(line)
    if table_rows:
        t = d.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    d.save(path)
    return path


def write_pdf(text: str | None, path: Path, password: str | None = None, pages: int = 1) -> Path:
    """A PDF whose text layer is `text` (wrapped to the page as a printer would), or with no text at
    all (`text=None`: a page of drawn boxes, as a scan looks to a text extractor)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    if text is None:
        for _ in range(pages):
            pdf.add_page()
            for i in range(12):
                pdf.rect(20, 20 + i * 20, 170, 12, style="F")
    else:
        pdf.add_font("noto", fname=str(CJK_FONT), collection_font_number=2)  # index 2: Noto Sans CJK SC
        pdf.add_page()
        pdf.set_font("noto", size=11)
        for line in text.split("\n"):
            if line.strip():
                pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    if password:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    pdf.output(str(path))
    return path
