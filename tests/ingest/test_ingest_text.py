from __future__ import annotations

import hashlib
import unicodedata

import pytest

from dossier.ingest import ReadError, read_document


def test_plain_text_reads_with_title_lang_and_id(write, english):
    raw = f"Lord's Resistance Army\n\n{english}\n"
    path = write("lra.txt", raw)
    doc = read_document(path)
    assert doc.text == raw
    assert doc.title == "Lord's Resistance Army"
    assert doc.lang == "en"
    assert doc.format == "text"
    assert doc.path == str(path)
    assert doc.id == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.publisher == ""
    assert doc.warnings == ()


def test_markdown_dutch_title_markup_and_publisher(write, dutch):
    raw = f"# Nieuwe Volksleger (NPA)\n\n*Uitgever: Voorbeeldinstituut. Bijgewerkt: 2021.*\n\n{dutch}\n"
    doc = read_document(write("npa.md", raw))
    assert doc.title == "Nieuwe Volksleger (NPA)"
    assert doc.publisher == "Voorbeeldinstituut"
    assert doc.lang == "nl"
    assert doc.text == raw  # markup is kept: offsets refer to the file's text


@pytest.mark.parametrize(
    ("first", "title"),
    [("= Lord's Resistance Army =", "Lord's Resistance Army"), ("## LRA ##", "LRA"), ("=====", "Next")],
)
def test_title_markup_is_stripped(write, first, title, english):
    doc = read_document(write("t.txt", f"\n\n{first}\nNext\n\n{english}"))
    assert doc.title == title


@pytest.mark.parametrize(
    "dateline",
    ["Article publié le 18/05/2009 Dernière mise à jour le 18/05/2009 à 17:05 TU", "Last updated: 3 February 2015"],
)
def test_a_dateline_is_no_title(write, dateline, english):
    doc = read_document(write("d.txt", f"{dateline}\nLord's Resistance Army\n\n{english}"))
    assert doc.title == "Lord's Resistance Army"


def test_title_is_at_most_200_characters(write, english):
    doc = read_document(write("long.txt", "x" * 500 + "\n" + english))
    assert len(doc.title) == 200


def test_source_line_gives_publisher(write, english):
    doc = read_document(write("s.txt", f"Profile\nSource: Example Security Review\n\n{english}"))
    assert doc.publisher == "Example Security Review"


def test_reading_twice_gives_the_same_document(write, english):
    path = write("lra.txt", f"LRA\r\n\r\n{english}")
    assert read_document(path) == read_document(path)


def test_newlines_bom_and_nfc_are_normalised(write):
    decomposed = unicodedata.normalize("NFD", "Café Nationaal")
    path = write("n.txt", b"\xef\xbb\xbf" + f"{decomposed}\r\nline two\rline three\r\n".encode())
    doc = read_document(path)
    assert doc.text == "Café Nationaal\nline two\nline three\n"
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.id == hashlib.sha256(path.read_bytes()).hexdigest()  # of the raw bytes


def test_invalid_utf8_is_replaced_with_a_warning(write, english):
    data = english.encode() + b"\nCaf\xe9 owners paid the tax.\n"
    doc = read_document(write("latin1.txt", data))
    assert "Caf\ufffd owners" in doc.text
    offset = len(english.encode()) + 4
    assert doc.warnings == (f"invalid UTF-8 at byte {offset}; decoded with replacement characters",)


def test_invalid_utf8_offset_counts_the_bom(write, english):
    doc = read_document(write("bom.txt", b"\xef\xbb\xbfab\xff " + english.encode()))
    assert doc.warnings[0].startswith("invalid UTF-8 at byte 5;")


def test_utf16_with_bom_is_text_not_binary(write, english):
    doc = read_document(write("u16.txt", english.encode("utf-16")))
    assert doc.text == english
    assert doc.lang == "en"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no text in this file (empty)"),
        (b"  \n\t\r\n  ", "no text in this file (only whitespace)"),
        (b"\xef\xbb\xbf\n", "no text in this file (only whitespace)"),
        (b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256)), "looks like binary data, not text"),
        (bytes([1, 2, 3, 4, 5, 6, 65]) * 100, "looks like binary data, not text"),
    ],
)
def test_bad_text_files(write, content, message):
    with pytest.raises(ReadError) as info:
        read_document(write("bad.txt", content))
    assert str(info.value) == message


def test_binary_under_md_is_rejected_too(write):
    with pytest.raises(ReadError, match="binary"):
        read_document(write("bad.md", b"\x00\x01\x02" * 50))
