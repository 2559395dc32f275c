#!/usr/bin/env python3
"""Regenerate the binary example documents from their text sources.

    python examples/source/make_binaries.py

writes examples/corpus/eta-kennisbank.docx (from source/eta-kennisbank.txt, with python-docx) and
examples/corpus/eta-factsheet.pdf (from source/eta-factsheet.txt, with fpdf2). Creation dates, ids and
zip timestamps are fixed, so that a rerun gives the same bytes.

Needs: pip install fpdf2 python-docx
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "corpus"
FIXED_DATE = datetime(2024, 1, 15, 12, 0, 0, tzinfo=timezone.utc)
ZIP_DATE = (2024, 1, 15, 12, 0, 0)


def read_source(path: Path) -> tuple[dict[str, str], list[str]]:
    """Metadata ("@key value") and the non-empty, non-comment lines of a source file."""
    meta: dict[str, str] = {}
    lines: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            meta[key] = value.strip()
            continue
        lines.append(line)
    return meta, lines


# ---------------------------------------------------------------- DOCX


def make_docx(src: Path, out: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    meta, lines = read_source(src)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    for line in lines:
        if line.startswith("T "):
            doc.add_heading(line[2:], level=0)
        elif line.startswith("### "):
            doc.add_heading(line[4:], level=3)
        elif line.startswith("## "):
            doc.add_heading(line[3:], level=2)
        elif line.startswith("# "):
            doc.add_heading(line[2:], level=1)
        elif line.startswith("- "):
            doc.add_paragraph(line[2:], style="List Bullet")
        else:
            doc.add_paragraph(line)

    props = doc.core_properties
    props.title = meta.get("title", "")
    props.author = meta.get("author", "")
    props.subject = meta.get("subject", "")
    props.keywords = meta.get("keywords", "")
    props.language = "nl-NL"
    props.last_modified_by = meta.get("author", "")
    props.revision = 1
    props.created = FIXED_DATE.replace(tzinfo=None)
    props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_printed = FIXED_DATE.replace(tzinfo=None)

    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(_normalise_zip(buf.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, keeping the member order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            new.compress_type = zipfile.ZIP_DEFLATED
            new.external_attr = 0o644 << 16
            new.create_system = 0
            dst.writestr(new, src.read(info.filename))
    return buf.getvalue()


# ---------------------------------------------------------------- PDF


def make_pdf(src: Path, out: Path) -> None:
    from fpdf import FPDF

    meta, lines = read_source(src)
    for line in lines:
        line.encode("latin-1")  # core fonts: latin-1 only; fail loudly otherwise

    class Factsheet(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("Helvetica", "I", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, f"Example Policy Institute - illustrative factsheet, not an official publication"
                      f" - page {self.page_no()}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = Factsheet(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(meta.get("title", ""))
    pdf.set_author(meta.get("author", ""))
    pdf.set_subject(meta.get("subject", ""))
    pdf.set_keywords(meta.get("keywords", ""))
    pdf.set_creator("examples/source/make_binaries.py")
    pdf.set_producer("fpdf2")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_lang("en")
    pdf.add_page()
    width = pdf.epw

    def para(text: str, size: float = 10, style: str = "", gap: float = 2) -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(width, 4.9, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    for line in lines:
        if line.startswith("T "):
            pdf.set_font("Helvetica", "B", 18)
            pdf.multi_cell(width, 9, line[2:], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif line.startswith("S "):
            pdf.set_font("Helvetica", "I", 9)
            pdf.set_text_color(90, 90, 90)
            pdf.multi_cell(width, 4.6, line[2:], new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
            pdf.ln(1)
        elif line.startswith("F "):
            label, _, value = line[2:].partition(": ")
            pdf.set_font("Helvetica", "B", 10)
            pdf.cell(48, 5.6, label + ":", new_x="RIGHT", new_y="TOP")
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(width - 48, 5.6, value, new_x="LMARGIN", new_y="NEXT")
        elif line.startswith("# "):
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12)
            pdf.set_fill_color(225, 230, 238)
            pdf.cell(width, 7, line[2:], new_x="LMARGIN", new_y="NEXT", fill=True)
            pdf.ln(1.5)
        elif line.startswith("- "):
            pdf.set_font("Helvetica", "", 10)
            pdf.cell(6, 4.9, chr(149), new_x="RIGHT", new_y="TOP")
            pdf.multi_cell(width - 6, 4.9, line[2:], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.8)
        elif line.startswith("D "):
            date, _, text = line[2:].partition(" | ")
            pdf.set_font("Helvetica", "B", 10)
            pdf.cell(38, 5.2, date, new_x="RIGHT", new_y="TOP")
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(width - 38, 5.2, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif line == "P":
            pdf.add_page()
        else:
            para(line)

    data = bytes(pdf.output())
    out.write_bytes(data)


def main() -> None:
    make_docx(HERE / "eta-kennisbank.txt", EXAMPLES / "eta-kennisbank.docx")
    make_pdf(HERE / "eta-factsheet.txt", EXAMPLES / "eta-factsheet.pdf")
    for name in ("eta-kennisbank.docx", "eta-factsheet.pdf"):
        print(f"wrote examples/corpus/{name} ({(EXAMPLES / name).stat().st_size} bytes)")


if __name__ == "__main__":
    main()
