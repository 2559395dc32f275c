"""DOCX: body paragraphs and tables in document order.

Layout: one paragraph per line with a blank line between paragraphs;
consecutive list paragraphs ("• item") and table rows are kept on
consecutive lines. A row of two filled cells becomes "Label: value",
other rows join their cells with " | ".
Headers, footers, footnotes, comments and text boxes are not read.
Pictures in the body are kept with their alt text (the description Word
writes for accessibility) and their caption (a paragraph of the Caption style
just below or above them).
"""

from __future__ import annotations

import io

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from dossier.ingest.base import Extracted, Found, ReadError, short_reason
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
    warnings: list[str] = []
    images = _images(document, warnings)
    return Extracted(
        text=text, title=title[:200], publisher=" ".join(author.split()), warnings=tuple(warnings), images=images
    )


def _images(document: DocxDocument, warnings: list[str]) -> tuple[Found, ...]:
    """Every picture drawn in the body, in order, with its alt text and caption."""
    out = []
    part = document.part
    for number, drawing in enumerate(document.element.body.iter(qn("w:drawing")), start=1):
        blip = next(drawing.iter(qn("a:blip")), None)
        rel = blip.get(qn("r:embed")) if blip is not None else None
        if not rel:
            continue  # a linked picture (r:link) lives elsewhere and is never fetched
        try:
            data = part.related_parts[rel].blob
        except (KeyError, AttributeError) as exc:
            warnings.append(f"image {number}: not in the file ({short_reason(exc)})")
            continue
        props = next(drawing.iter(qn("wp:docPr")), None)
        alt = (props.get("descr") or props.get("title") or "") if props is not None else ""
        out.append(Found(data, alt=alt, caption=_caption(drawing, document), where=f"image {number}"))
    return tuple(out)


def _caption(drawing: object, document: DocxDocument) -> str:
    """The text of a Caption-style paragraph right after (or else right before) the picture's paragraph."""
    paragraph = next((a for a in drawing.iterancestors(qn("w:p"))), None)  # type: ignore[attr-defined]
    if paragraph is None:
        return ""
    for sibling in (paragraph.getnext(), paragraph.getprevious()):
        if sibling is None or sibling.tag != qn("w:p"):
            continue
        para = Paragraph(sibling, document._body)
        style = para.style.name if para.style is not None else ""
        if (style or "").lower() == "caption" and para.text.strip():
            return para.text
    return ""


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
