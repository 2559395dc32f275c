"""The printable factsheet: HTML that escapes what documents say, footnotes with the quotes, and its PDF."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from kb_helpers import build, invoke, plain, write_corpus
from pypdf import PdfReader

from dossier.export.factsheet_html import render_factsheet
from dossier.export.factsheet_pdf import find_chromium
from dossier.export.snapshot import Snapshot
from dossier.store import open_store
from dossier.views import find_organizations


class _Page(HTMLParser):
    """The parts of a page the tests look at: footnote ids, reference links, script tags, text."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def _main_group(corpus) -> str:
    """The group with the most evidence: the one the corpus is about."""
    return max(corpus.snap.organizations, key=lambda o: len(corpus.snap.kb.by_entity.get(o["id"], [])))["id"]


def test_every_reference_has_a_footnote_with_its_quote(corpus) -> None:
    entity = _main_group(corpus)
    page = render_factsheet(corpus.snap, entity)
    parsed = _parse(page)
    org = next(o for o in corpus.snap.organizations if o["id"] == entity)
    assert org["name"] in html.unescape(page)
    footnotes = {i for i in parsed.ids if i.startswith("source-")}
    assert footnotes
    assert {link[1:] for link in parsed.links if link.startswith("#source-")} == footnotes
    texts = [" ".join(t.split()) for t in corpus.snap.texts.values()]
    quotes = re.findall(r'<li id="source-\d+">.*?: “(.*?)”</li>', page, flags=re.S)
    assert len(quotes) == len(footnotes)
    for quote in quotes:
        assert any(html.unescape(quote) in t for t in texts), quote


MARKUP_PROFILE = """\
GROUP PROFILE (test document written for dossier)

Name: Crimson <b>Hand</b> Front
Also known as: CHF; <script>alert(1)</script>
Areas of operation: Chile, Argentina

Timeline

4 May 2001: Crimson <b>Hand</b> Front gunmen killed 3 people in Temuco <img src=x onerror=alert(2)>.
"""


@pytest.fixture(scope="module")
def markup_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("markup-html")
    db = root / "kb.db"
    build(write_corpus(root / "corpus", {"crimson.txt": MARKUP_PROFILE}), db=db)
    return db


def test_text_from_documents_is_escaped(markup_db: Path) -> None:
    with open_store(markup_db, create=False) as store:
        snap = Snapshot.load(store)
    [entity] = find_organizations(snap.kb, "CHF")
    page = render_factsheet(snap, entity)
    parsed = _parse(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    assert "Crimson &lt;b&gt;Hand&lt;/b&gt; Front" in page  # the premise: the markup is in the name
    assert "<b>" not in page and "<script>" not in page


def test_export_html_needs_a_group_and_writes_the_page(small, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = invoke("export", "--db", small.db, "--format", "html", "-o", out)
    assert result.exit_code == 2
    assert "--group" in plain(result.stderr)
    result = invoke("export", "--db", small.db, "--format", "html", "--group", "RDF", "-o", out)
    assert result.exit_code == 0, result.output
    assert "Red Dawn Front" in out.read_text(encoding="utf-8")
    result = invoke("export", "--db", small.db, "--format", "html", "--group", "No Such Group", "-o", out)
    assert result.exit_code == 1


@pytest.mark.skipif(find_chromium() is None, reason="headless Chromium is not installed (CI installs it)")
def test_the_pdf_has_the_factsheet_and_its_footnotes(examples, tmp_path: Path) -> None:
    entity = _main_group(examples)
    org = next(o for o in examples.snap.organizations if o["id"] == entity)
    out = tmp_path / "factsheet.pdf"
    alias = org["aliases"][0]["value"] if org["aliases"] else org["name"]
    result = invoke("export", "--db", examples.db, "--format", "pdf", "--group", alias, "-o", out)
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    assert len(reader.pages) >= 1
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert org["name"] in text
    quote = " ".join(org["countries"][0]["evidence"][0]["quote"].split())
    assert quote[:40] in text


def test_pdf_without_chromium_says_what_to_install(small, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_CHROMIUM", str(tmp_path / "no-such-browser"))
    out = tmp_path / "factsheet.pdf"
    result = invoke("export", "--db", small.db, "--format", "pdf", "--group", "RDF", "-o", out)
    assert result.exit_code == 1
    message = plain(result.stderr)
    assert "Chromium" in message and "apt-get install chromium" in message
    assert not out.exists()
