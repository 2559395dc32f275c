from __future__ import annotations

import io
import zipfile

import docx
import pytest

from dossier.ingest import ReadError, read_document


def make_docx(build, *, title: str = "", author: str = "") -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_lists_and_tables(write, dutch):
    def build(d):
        d.add_heading("Nieuwe Volksleger (NPA)", level=0)
        d.add_paragraph(dutch)
        d.add_paragraph("   ")  # an empty paragraph leaves no trace
        table = d.add_table(rows=3, cols=2)
        pairs = [("Opgericht", "1969"), ("Land", "Filipijnen"), ("", "")]
        for row, (label, value) in zip(table.rows, pairs, strict=True):
            row.cells[0].text, row.cells[1].text = label, value
        d.add_heading("Leiders", level=1)
        d.add_paragraph("Jose Maria Sison", style="List Bullet")
        d.add_paragraph("Benito Tiamzon", style="List Number")
        d.add_paragraph("De groep staat op de terrorismelijst van de Europese Unie.")
        wide = d.add_table(rows=1, cols=3)
        for cell, text in zip(wide.rows[0].cells, ["1969", "oprichting", "Tarlac"], strict=True):
            cell.text = text

    doc = read_document(write("npa.docx", make_docx(build, author="Voorbeeldcentrum")))
    assert doc.format == "docx"
    assert doc.lang == "nl"
    assert doc.title == "Nieuwe Volksleger (NPA)"  # no core title: the first paragraph
    assert doc.publisher == "Voorbeeldcentrum"
    assert doc.text == "\n\n".join(
        [
            "Nieuwe Volksleger (NPA)",
            dutch,
            "Opgericht: 1969\nLand: Filipijnen",
            "Leiders",
            "• Jose Maria Sison\n• Benito Tiamzon",
            "De groep staat op de terrorismelijst van de Europese Unie.",
            "1969 | oprichting | Tarlac",
        ]
    )


def test_docx_core_title_wins_and_merged_cells_count_once(write, english):
    def build(d):
        d.add_paragraph("Profile")
        d.add_paragraph(english)
        table = d.add_table(rows=2, cols=3)
        table.rows[0].cells[0].text = "Leader:"
        merged = table.rows[0].cells[1].merge(table.rows[0].cells[2])
        merged.text = "Joseph Kony"
        table.rows[1].cells[0].text = "Founded"
        table.rows[1].cells[1].text = "1987"

    data = make_docx(build, title="Lord's Resistance Army", author="")
    path = write("lra.docx", data)
    doc = read_document(path)
    assert doc == read_document(path)
    assert doc.title == "Lord's Resistance Army"
    assert doc.publisher == ""
    assert doc.lang == "en"
    assert "\n\nLeader: Joseph Kony\nFounded: 1987" in doc.text


def test_empty_docx_is_an_error(write):
    with pytest.raises(ReadError) as info:
        read_document(write("empty.docx", make_docx(lambda d: d.add_paragraph(" "))))
    assert str(info.value) == "no text in this DOCX (empty document)"


@pytest.mark.parametrize("kind", ["garbage", "zip-without-document", "truncated"])
def test_corrupt_docx_is_an_error(write, kind):
    if kind == "garbage":
        data = b"PK\x03\x04 this is not really a zip file"
    elif kind == "zip-without-document":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("hello.txt", "hello")
        data = out.getvalue()
    else:
        full = make_docx(lambda d: d.add_paragraph("text"))
        data = full[: len(full) // 2]
    with pytest.raises(ReadError) as info:
        read_document(write("bad.docx", data))
    assert str(info.value).startswith("not a readable DOCX: ")
    assert "\n" not in str(info.value)
