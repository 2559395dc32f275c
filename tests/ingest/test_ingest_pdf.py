from __future__ import annotations

import io
import textwrap

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from dossier.ingest import ReadError, read_document


def make_pdf(pages: list[str], *, title: str = "", author: str = "") -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    for page in pages:
        pdf.add_page()
        for line in page.split("\n"):
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def wrapped(text: str) -> str:
    return "\n".join(textwrap.wrap(text, 80))


def test_pdf_pages_are_joined_by_a_blank_line(write, english, dutch):
    data = make_pdf(
        ["Lord's Resistance Army\n" + wrapped(english), "Second page\n" + wrapped(english)],
        title="Factsheet: Lord's Resistance Army",
        author="Example Policy Institute",
    )
    doc = read_document(write("lra.pdf", data))
    assert doc.format == "pdf"
    assert doc.lang == "en"
    assert doc.title == "Factsheet: Lord's Resistance Army"
    assert doc.publisher == "Example Policy Institute"
    first, second = doc.text.split("\n\n")
    assert first.startswith("Lord's Resistance Army\nThe Lord's Resistance Army is a rebel movement")
    assert second.startswith("Second page\n")
    assert "Central African Republic." in second
    assert read_document(write("again.pdf", data)).text == doc.text


def test_pdf_title_falls_back_to_first_line(write, dutch):
    doc = read_document(write("npa.pdf", make_pdf(["  \nNieuwe Volksleger\n" + wrapped(dutch)])))
    assert doc.title == "Nieuwe Volksleger"
    assert doc.publisher == ""
    assert doc.lang == "nl"


def test_word_processor_junk_title_is_ignored(write, english):
    data = make_pdf(["Real title\n" + wrapped(english)], title="Microsoft Word - draft3.docx")
    assert read_document(write("w.pdf", data)).title == "Real title"


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\n garbage that is not a PDF", b"not a pdf at all", b""],
)
def test_corrupt_pdf_is_an_error(write, content):
    with pytest.raises(ReadError) as info:
        read_document(write("bad.pdf", content))
    assert str(info.value).startswith("not a readable PDF: ")
    assert "\n" not in str(info.value)


def test_truncated_pdf_is_an_error_or_partial_text(write, english):
    data = make_pdf([wrapped(english)])
    path = write("cut.pdf", data[: len(data) // 3])
    try:
        doc = read_document(path)
    except ReadError as err:
        assert "PDF" in str(err)
    else:
        assert doc.format == "pdf"


def test_pdf_without_text_is_reported_as_scanned(write):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a drawing, like a scanned page: no text layer
    with pytest.raises(ReadError) as info:
        read_document(write("scan.pdf", bytes(pdf.output())))
    assert str(info.value) == "PDF has no extractable text (scanned images?); OCR is not supported"


def encrypt(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_an_error(write, english):
    data = encrypt(make_pdf([wrapped(english)]), user_password="secret")
    with pytest.raises(ReadError) as info:
        read_document(write("locked.pdf", data))
    assert str(info.value) == "not a readable PDF: encrypted with a password"


def test_pdf_encrypted_with_an_empty_password_is_read(write, english):
    data = encrypt(make_pdf(["Open\n" + wrapped(english)]), user_password="")
    doc = read_document(write("open.pdf", data))
    assert doc.text.startswith("Open\nThe Lord's Resistance Army")
