"""The pages in a real browser (Debian's chromium through Playwright) against a real server.

Each test follows what a reader does and saves screenshots under
tests/web/screenshots/ (git-ignored).
"""

from __future__ import annotations

import re

import web_corpus as corpus
from conftest import Watched, WebKB


def test_home_to_factsheet_to_a_quote_in_its_document(web: Watched, web_kb: WebKB) -> None:
    page = web.page
    web.open("/?lang=en")
    assert page.locator("h1").inner_text() == "Groups"
    web.screenshot("home")
    page.get_by_role("link", name="Amber Coast Liberation Army", exact=True).click()
    page.wait_for_url(re.compile(r"/groups/"))
    assert page.locator("h1").inner_text() == "Amber Coast Liberation Army"
    # The map shows the origin and the operational areas; the conflict shows both years side by side.
    assert page.locator('svg.map g.origin[data-country="SN"]').count() == 1
    assert page.locator('svg.map g.area[data-country="GM"]').count() == 1
    conflict = page.locator("#conflicts .conflict").first
    assert "2004" in conflict.inner_text() and "2006" in conflict.inner_text()
    assert page.locator("svg.graph a").count() == 1
    web.screenshot("factsheet")
    # Open the marker of the first operational area: its quotes, each linking to the document.
    marker = page.locator("#areas details.src").first
    marker.locator("summary").click()
    quote = marker.locator("q").first
    assert quote.is_visible()
    quoted = quote.inner_text()
    assert "Senegal" in quoted
    web.screenshot("factsheet-quote")
    marker.locator("a.doc").first.click()
    page.wait_for_url(re.compile(r"/documents/\w+\?hl=\d+-\d+#hl"))
    highlighted = page.locator("mark#hl")
    assert highlighted.count() == 1
    assert quoted.startswith(highlighted.inner_text().strip()) or highlighted.inner_text() in quoted
    assert highlighted.is_visible()
    assert page.evaluate(
        "() => { const r = document.getElementById('hl').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    # Every statement of the document is highlighted and listed.
    assert page.locator("pre.text mark.st").count() > 5
    assert page.locator(".statements tbody tr").count() > 5
    web.screenshot("document-highlight")
    assert not web.dialogs and not web.errors


def test_the_timeline_filters_by_type(web: Watched) -> None:
    page = web.page
    web.open("/timeline?lang=en")
    assert page.locator("table.events tbody tr").count() == 10  # six incidents, four foundings
    assert page.locator("svg.chart rect").count() > 0
    page.select_option("select[name=type]", "kidnapping")
    page.get_by_role("button", name="Filter").first.click()
    page.wait_for_url(re.compile(r"type=kidnapping"))
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 2
    for i in range(2):
        assert "kidnapping" in rows.nth(i).locator("td").nth(1).inner_text()
    assert page.locator(".count .total").inner_text() == "2"
    web.screenshot("timeline-kidnapping")
    assert not web.dialogs and not web.errors


def test_a_person_page_from_the_factsheet(web: Watched, web_kb: WebKB) -> None:
    page = web.page
    web.open(f"/groups/{web_kb.ids['amber']}?lang=en")
    page.locator("#leaders").get_by_role("link", name="Ousmane Kaliba Ndour").first.click()
    page.wait_for_url(re.compile(r"/persons/"))
    assert page.locator("h1").inner_text() == "Ousmane Kaliba Ndour"
    roles = page.locator("#roles").inner_text()
    assert "Amber Coast Liberation Army" in roles and "founder" in roles
    assert "1961" in page.locator("#names").inner_text()
    web.screenshot("person")
    assert not web.dialogs and not web.errors


def test_search_finds_dutch_text_without_its_diacritics(web: Watched, web_kb: WebKB) -> None:
    page = web.page
    web.open("/?lang=en")
    box = page.locator("header form.quick input[name=q]")
    box.fill("financiele")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=financiele"))
    hits = page.locator("#text-hits li")
    assert hits.count() >= 1
    assert hits.first.locator("mark").first.inner_text() == "Financiële"
    web.screenshot("search")
    hits.first.locator("a.doc").click()
    page.wait_for_url(re.compile(r"/documents/"))
    assert "Financiële" in page.locator("mark#hl").inner_text()
    assert not web.dialogs and not web.errors


def test_the_language_switch(web: Watched) -> None:
    page = web.page
    web.open("/?lang=en")
    page.get_by_role("link", name="NL", exact=True).click()
    page.wait_for_url(re.compile(r"lang=nl"))
    assert page.locator("header nav").inner_text().split()[:2] == ["Groepen", "Tijdlijn"]
    page.get_by_role("link", name="Tijdlijn").click()  # the choice is kept
    assert page.locator("h1").inner_text() == "Tijdlijn"
    web.screenshot("timeline-nl")


def test_no_page_that_shows_injected_text_runs_it(web: Watched, web_kb: WebKB) -> None:
    """Names, aliases and text written as script or attribute injections are shown as text and never run."""
    page = web.page
    injected = web_kb.ids["injected"]
    doc = web_kb.ids["doc:injection.txt"]
    paths = [
        "/?lang=en",
        "/?q=script",
        f"/groups/{injected}",
        "/timeline",
        f"/timeline?group={injected}",
        "/documents",
        f"/documents/{doc}",
        f"/documents/{doc}?hl=150-200#hl",
        "/search?q=alert",
        "/search?q=onerror",
        "/search?q=img+src",
    ]
    shown = 0
    for path in paths:
        web.open(path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.scripts.length") == 0, path
        assert page.locator("img").count() == 0, path
        assert page.evaluate("() => [...document.querySelectorAll('*')].some(e => e.hasAttribute('onerror'))") is False
        text = page.locator("main").inner_text()
        shown += corpus.SCRIPT in text or "<script>alert" in text
    web.open(f"/groups/{injected}")
    assert "<script>alert" in page.locator("h1").inner_text()
    assert corpus.ATTRIBUTE.strip('"') in page.locator("#identity").inner_text()
    web.screenshot("injection-factsheet")
    assert shown >= 8
    assert not web.dialogs, web.dialogs
    assert not web.errors, web.errors
