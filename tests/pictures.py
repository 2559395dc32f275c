"""Pictures and the documents that hold them, made by the tests: PNGs drawn with Pillow, an SVG,
an HTML page (a data: URL and a file beside it), a tagged PDF (fpdf2, with alt text) and a DOCX
(python-docx, with a description and a caption). The groups they name are invented.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import docx
from docx.oxml.ns import qn
from fpdf import FPDF
from PIL import Image, ImageDraw

# An SVG whose scripts must never run: not inline, not opened on its own.
HOSTILE_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" onload="alert(\'svg onload\')">'
    b'<script>alert(\'svg script\')</script><rect width="64" height="64" fill="#c80"/></svg>'
)


def png(colour: tuple[int, int, int], size: tuple[int, int] = (64, 40), mark: str = "") -> bytes:
    """A small flag-like PNG: a field of `colour` with a band, different for each colour."""
    img = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, size[1] // 3, size[0], 2 * size[1] // 3), fill=(250, 250, 240))
    if mark:
        draw.text((4, 4), mark, fill=(0, 0, 0))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def data_url(data: bytes, kind: str = "image/png") -> str:
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def html_page(title: str, body: str) -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>
<header><img src="site-logo.png" alt="The website's own logo"></header>
<article><h1>{title}</h1>
{body}
</article></body></html>"""


def pdf_with_picture(path: Path, lines: list[str], picture: bytes, alt: str) -> Path:
    """A one-page PDF: `lines` of text and a picture with `alt` as its alt text (fpdf2 tags the figure)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.image(io.BytesIO(picture), x=20, y=pdf.get_y() + 4, w=30, alt_text=alt)
    pdf.output(str(path))
    return path


def docx_with_picture(path: Path, paragraphs: list[str], picture: bytes, description: str, caption: str) -> Path:
    """A DOCX: `paragraphs`, then a picture with a description (alt text) and a Caption-style paragraph."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    run = document.add_paragraph().add_run()
    shape = run.add_picture(io.BytesIO(picture))
    shape._inline.docPr.set("descr", description)
    document.add_paragraph(caption, style="Caption")
    document.add_paragraph("The report ends here.")
    document.save(str(path))
    assert any(True for _ in document.element.body.iter(qn("w:drawing")))
    return path
