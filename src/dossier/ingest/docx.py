"""DOCX: body paragraphs and tables in document order.

Layout: one paragraph per line with a blank line between paragraphs;
consecutive list paragraphs ("• item") and table rows are kept on
consecutive lines. A row of two filled cells becomes "Label: value",
other rows join their cells with " | ".
Headers, footers, footnotes, comments and text boxes are not read.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from dossier.ingest.base import Extracted, ReadError, short_reason
from dossier.ingest.text import row_line, title_from_text

_BULLET = "• "


def read_docx(data: bytes) -> Extracted:
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document)
        props = document.core_properties
        title, author = props.title or "", props.author or ""
    except Exception as exc:  # zipfile, lxml and python-docx errors alike
        raise ReadError(f"not a readable DOCX: {short_reason(exc)}") from exc
    text = "\n\n".join(blocks)
    if not text.strip():
        raise ReadError("no text in this DOCX (empty document)")
    title = " ".join(title.split()) or title_from_text(text)
    return Extracted(text=text, title=title[:200], publisher=" ".join(author.split()))


def _blocks(document: DocxDocument) -> list[str]:
    """Text blocks, joined later by blank lines; a list or table is one block."""
    blocks: list[str] = []
    run: list[str] = []  # consecutive list items
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.strip()
            if not text:
                continue
            if _is_list_item(item):
                run.append(_BULLET + text)
                continue
            block = text
        elif isinstance(item, Table):
            block = "\n".join(filter(None, (row_line(r) for r in _rows(item))))
        else:
            continue
        if run:
            blocks.append("\n".join(run))
            run = []
        if block:
            blocks.append(block)
    if run:
        blocks.append("\n".join(run))
    return blocks


def _is_list_item(paragraph: Paragraph) -> bool:
    style = paragraph.style.name if paragraph.style is not None else ""
    if (style or "").startswith("List"):
        return True
    ppr = paragraph._p.pPr  # numbered or bulleted by direct formatting
    return ppr is not None and ppr.numPr is not None


def _rows(table: Table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        rows.append(cells)
    return rows
