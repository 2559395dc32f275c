"""The page itself: its source address, publisher and title (pages written for these tests)."""

from __future__ import annotations

from dossier.ingest import read_document
from dossier.ingest.source import address_words, source_of


def test_a_source_address_gives_the_host_as_publisher(write, english):
    doc = read_document(
        write("p.txt", f"Source: https://www.example-review.org/profiles/silver-front\n\nSilver Front\n\n{english}")
    )
    assert doc.publisher == "example-review.org"
    assert doc.title == "Silver Front"


def test_the_title_is_the_line_the_address_names_not_a_menu(write, english):
    text = (
        "Source: https://news.example.net/world/2020/01/silver-river-front-profile\n\n"
        "Skip to content\nMenu\n\nProfile: the Silver River Front\n\n" + english
    )
    assert read_document(write("m.txt", text)).title == "Profile: the Silver River Front"


def test_a_reading_time_banner_is_no_title(write, english):
    doc = read_document(write("b.txt", f"Read Time 2 Minute, 39 Second\n\nGolden Hills Army\n\n{english}"))
    assert doc.title == "Golden Hills Army"


def test_address_words_read_a_wrapped_address_and_skip_numbers():
    url = "https://proxy.example.com/index.php?q=https%3A%2F%2Ffr.example.org%2Fwiki%2FTigres_des_collines"
    assert address_words(url)[-3:] == ("tigres", "des", "collines")
    assert "5587" not in address_words("http://example.org/type,REPORT,,XYZ,5587c7323a,0.html")


def test_the_source_line_has_offsets_in_the_text():
    text = "\nSource: http://example.org/a-b\n\nBody"
    source = source_of(text)
    assert source is not None and text[source.start : source.end] == "Source: http://example.org/a-b"
