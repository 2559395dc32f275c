from __future__ import annotations

import pytest

from dossier.ingest import ReadError, read_document
from dossier.ingest.html import _PlainText

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Lord's Resistance Army | Example Monitor</title>
<meta property="og:site_name" content="Example Monitor">
<script>var tracking = "SECRET_SCRIPT_TEXT";</script>
<style>.x { color: red } /* STYLE_TEXT */</style>
</head><body>
<header><nav><ul><li><a href="/">Home page</a></li>
<li><a href="/about">About NAV_LINK</a></li></ul></nav></header>
<article>
<h1>Lord's Resistance Army</h1>
<p>{english}</p>
<table class="infobox">
<tr><th>Founded</th><td>1987</td></tr>
<tr><th>Leader</th><td>Joseph Kony</td></tr>
<tr><th>Areas</th><td><ul><li>Uganda</li><li>South Sudan</li></ul></td></tr>
</table>
<h2>Commanders</h2>
<ul><li>Joseph Kony, founder</li><li>Vincent Otti, deputy until 2007</li></ul>
<p>The group was listed as a terrorist organisation by the United States in 2001, and the
International Criminal Court issued arrest warrants for its leaders in 2005.</p>
</article>
<footer>Copyright FOOTER_TEXT</footer>
<script>console.log("MORE_SCRIPT")</script>
</body></html>
"""


@pytest.fixture
def page(english: str) -> str:
    return PAGE.replace("{english}", english)


def test_html_main_text_with_lines_and_blank_lines(write, page, english):
    doc = read_document(write("lra.html", page))
    assert doc.format == "html"
    assert doc.lang == "en"
    assert doc.title == "Lord's Resistance Army"
    assert doc.publisher == "Example Monitor"
    lines = doc.text.split("\n")
    assert lines[:3] == ["Lord's Resistance Army", "", english]
    # Table rows one per line, two cells as "Label: value", a list in a cell on its row.
    assert "Founded: 1987\nLeader: Joseph Kony\nAreas: Uganda; South Sudan" in doc.text
    # Headings on their own line between blank lines; list items on their own lines.
    assert "\n\nCommanders\n\n- Joseph Kony, founder\n- Vincent Otti, deputy until 2007\n\n" in doc.text
    # A paragraph's own line breaks are not kept.
    assert "United States in 2001, and the International Criminal Court" in doc.text


def test_script_style_nav_and_footer_are_not_in_the_text(write, page):
    text = read_document(write("lra.htm", page)).text
    for absent in ("SECRET_SCRIPT_TEXT", "MORE_SCRIPT", "STYLE_TEXT", "NAV_LINK", "FOOTER_TEXT", "Home page"):
        assert absent not in text


def test_reading_html_twice_is_identical(write, page):
    path = write("lra.html", page)
    assert read_document(path) == read_document(path)


def test_html_only_script_is_an_error(write):
    path = write("s.html", "<html><head><script>var a = 'words words words';</script></head><body></body></html>")
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert str(info.value) == "no readable text in this HTML (only scripts or markup)"


def test_html_empty_file_is_an_error(write):
    with pytest.raises(ReadError, match="no readable text"):
        read_document(write("e.html", b""))


def test_declared_charset_is_honoured(write, english):
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        f"<title>Caf\xe9</title></head><body><article><p>{english} Caf\xe9 \x93quoted\x94.</p>"
        "</article></body></html>"
    )
    doc = read_document(write("c.html", html.encode("latin-1")))
    # iso-8859-1 is read as windows-1252, as browsers do: 0x93/0x94 are curly quotes.
    assert "Café “quoted”." in doc.text
    assert doc.warnings == ()


def test_undeclared_invalid_utf8_is_replaced_with_a_warning(write, english):
    data = f"<html><body><p>{english} Caf".encode() + b"\xe9.</p></body></html>"
    doc = read_document(write("u.html", data))
    assert "Caf\ufffd." in doc.text
    assert doc.warnings and doc.warnings[0].startswith("invalid UTF-8 at byte ")


def test_page_without_a_content_container_keeps_its_lines(write):
    # trafilatura's last resort merges such a page into one paragraph; the lines must survive.
    html = (
        "<html><body><h1>Moro Front</h1><ul><li>Founded: 1977</li><li>Leader: Hashim Salamat</li></ul>"
        "<p>The front signed a peace agreement with the government in 2014.</p></body></html>"
    )
    doc = read_document(write("m.html", html))
    assert doc.text.split("\n") == [
        "Moro Front",
        "",
        "- Founded: 1977",
        "- Leader: Hashim Salamat",
        "",
        "The front signed a peace agreement with the government in 2014.",
    ]
    assert doc.title == "Moro Front"


def test_plain_fallback_parser_drops_boilerplate_and_keeps_structure():
    parsed = _PlainText.parse(
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<header>HEAD</header><nav>NAV</nav><script>SCRIPT</script>"
        "<h2>Leaders</h2><ul><li>One</li><li>Two</li></ul>"
        "<table><tr><td>Founded</td><td>1969</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>"
        "<p>Text <b>bold</b><br>next line</p><footer>FOOT</footer></body></html>"
    )
    assert parsed.title == "T"
    assert parsed.text == "Leaders\n\n- One\n- Two\n\nFounded: 1969\na | b | c\n\nText bold\nnext line"
