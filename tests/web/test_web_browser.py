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
    assert page.locator("table.events tbody tr").count() == 12  # eight incidents, four foundings
    assert page.locator("svg.chart rect").count() > 0
    page.select_option("select[name=type]", "kidnapping")
    page.get_by_role("button", name="Filter").first.click()
    page.wait_for_url(re.compile(r"type=kidnapping"))
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 2
    for i in range(2):
        assert "kidnapping" in rows.nth(i).locator("td.types").inner_text()
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
    assert page.locator("header nav").inner_text().split()[:4] == ["Groepen", "A–Z", "Kaart", "Tijdlijn"]
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
        f"/timeline?group={injected}&kind=attack",
        "/az",
        "/az?letter=%23",
        "/map",
        "/gallery",
        f"/gallery?group={injected}",
        "/?lang=fr",
        f"/groups/{injected}?lang=fr",
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
        sources = page.evaluate("() => [...document.images].map(i => i.getAttribute('src'))")
        assert all(re.fullmatch(r"/images/[0-9a-f]{64}", s or "") for s in sources), (path, sources)
        assert page.evaluate("() => [...document.querySelectorAll('*')].some(e => e.hasAttribute('onerror'))") is False
        text = page.locator("main").inner_text()
        shown += corpus.SCRIPT in text or "<script>alert" in text
    web.open(f"/groups/{injected}")
    assert "<script>alert" in page.locator("h1").inner_text()
    assert corpus.ATTRIBUTE.strip('"') in page.locator("#identity").inner_text()
    web.screenshot("injection-factsheet")
    assert shown >= 8
    # The hostile SVG picture, opened on its own, runs nothing either.
    svg = next(
        p
        for p in web.page.context.request.get(web.base + "/api/gallery").json()["pictures"]
        if p["media_type"] == "image/svg+xml"
    )
    web.open(f"/images/{svg['id']}")
    page.wait_for_timeout(300)
    assert not web.dialogs, web.dialogs
    assert not web.errors, web.errors


def test_the_factsheet_opens_with_its_key_facts_each_with_a_source(web: Watched, web_kb: WebKB) -> None:
    page = web.page
    web.open(f"/groups/{web_kb.ids['amber']}?lang=en")
    # The key facts come first, right under the name.
    assert page.locator("main article > section").first.get_attribute("id") == "key-facts"
    facts = page.locator("#key-facts")
    assert "Senegal" in facts.locator("#fact-origin").inner_text()
    assert "Gambia" in facts.locator("#fact-areas").inner_text()
    assert "coastal separatism" in facts.locator("#fact-ideology").inner_text()
    size = facts.locator("#fact-size").inner_text()
    assert "1,200" in size and "2015" in size and "1 other estimates" in size
    leader = facts.locator("#fact-leader").inner_text()
    assert "Mariama Sekou Badji" in leader and "arrested 2021-03-04" in leader
    assert "2021-03-04" in facts.locator("#fact-last-activity").inner_text()
    for fact in ("origin", "areas", "ideology", "size", "leader", "last-activity"):
        assert facts.locator(f"#fact-{fact} details.src").count() >= 1, fact
    # The leader's status marker opens the quote that says it.
    marker = facts.locator("#fact-leader .status details.src")
    marker.locator("summary").click()
    assert "arrested in Dakar" in marker.locator("q").first.inner_text()
    web.screenshot("factsheet-header")
    # "sources disagree" leads to both sides of the disagreement.
    facts.get_by_role("link", name="sources disagree").first.click()
    page.wait_for_url(re.compile(r"#conflicts$"))
    assert page.locator("#conflicts").is_visible()
    # Earlier statuses wait behind a disclosure; previous and next group are one click away.
    assert (
        page.locator("#leaders details.history").count() == 0
        or not page.locator("#leaders details.history ul").is_visible()
    )
    page.locator("nav.neighbours a[rel=next]").click()
    page.wait_for_url(re.compile(r"/groups/"))
    assert page.locator("h1").inner_text() != "Amber Coast Liberation Army"
    assert not web.dialogs and not web.errors


def test_activities_by_kind_lead_to_the_filtered_timeline(web: Watched, web_kb: WebKB) -> None:
    page = web.page
    web.open(f"/groups/{web_kb.ids['amber']}?lang=en")
    kinds = page.locator("#activity-kinds")
    assert "Attacks: 4" in kinds.inner_text() and "Interventions: 2" in kinds.inner_text()
    rows = page.locator("#activities table.events tbody tr")
    total = int(re.search(r"\((\d+)\)", page.locator("#activities h2").inner_text()).group(1))  # type: ignore[union-attr]
    assert rows.count() == min(total, 20)
    assert rows.first.locator(".activity").inner_text() == "intervention"  # the latest first
    web.screenshot("factsheet-activities")
    kinds.get_by_role("link", name=re.compile("Interventions")).click()
    page.wait_for_url(re.compile(r"/timeline\?group=\w+&kind=intervention"))
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 2
    for i in range(2):
        assert rows.nth(i).locator(".activity").inner_text() == "intervention"
        assert rows.nth(i).locator("td.types").inner_text() == "arrest"
    assert page.locator("select[name=kind]").input_value() == "intervention"
    web.screenshot("timeline-interventions")
    assert not web.dialogs and not web.errors


def test_the_a_to_z_index_and_the_overview_map_find_groups(web: Watched, web_kb: WebKB) -> None:
    page = web.page
    web.open("/?lang=en")
    page.locator("header nav").get_by_role("link", name="A–Z").click()
    page.wait_for_url(re.compile(r"/az"))
    page.locator("nav.letters").get_by_role("link", name="T", exact=True).click()
    page.wait_for_url(re.compile(r"letter=T"))
    assert page.locator("ul.az li a.group").all_inner_texts() == ["Tidewater Rifles"]
    web.screenshot("az")
    page.locator("header nav").get_by_role("link", name="Map").click()
    page.wait_for_url(re.compile(r"/map"))
    gambia = page.locator('svg.map.overview g[data-country="GM"]')
    assert gambia.get_attribute("data-groups") == "2"
    assert gambia.evaluate("g => getComputedStyle(g).fill") != page.locator(
        'svg.map.overview g[data-country="SN"]'
    ).evaluate("g => getComputedStyle(g).fill")  # two groups are shaded darker than one
    web.screenshot("map")
    assert gambia.evaluate("g => g.closest('a').getAttribute('href')") == "/?country=GM"
    page.locator('svg.map.overview g[data-country="ML"]').click()  # a country large enough to click
    page.wait_for_url(re.compile(r"country=ML"))
    assert page.locator("table.groups tbody tr").count() == 1
    page.go_back()
    page.locator("#countries").get_by_role("link", name="Gambia").click()
    page.wait_for_url(re.compile(r"country=GM"))
    assert page.locator("table.groups tbody tr").count() == 2
    assert not web.dialogs and not web.errors


def _wait_until_shown(img) -> None:
    """Pictures load lazily, once in view, after the page's load event: scroll
    to one and wait until it is decoded with a size (a timeout fails the test)."""
    img.scroll_into_view_if_needed()
    img.page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img.element_handle())


def test_the_gallery_shows_pictures_from_html_pdf_and_docx(web: Watched, web_kb: WebKB) -> None:
    page = web.page
    web.open("/gallery?lang=en")
    figures = page.locator("figure.picture")
    assert figures.count() == 5
    for i in range(5):  # every picture loads: served as the picture it is
        _wait_until_shown(figures.nth(i).locator("img"))
    text = page.locator("main").inner_text()
    for label in (corpus.FLAG_CAPTION, corpus.LOGO_ALT, corpus.EMBLEM_ALT, corpus.BANNER_CAPTION):
        assert label in text
    web.screenshot("gallery")
    # The DOCX banner's caption is quoted in its document: its marker leads there.
    banner = figures.filter(has_text=corpus.BANNER_CAPTION)
    banner.locator("details.src summary").click()
    banner.locator("details.src a.doc").click()
    page.wait_for_url(re.compile(r"/documents/\w+\?hl=\d+-\d+#hl"))
    assert page.locator("mark#hl").inner_text() == corpus.BANNER_CAPTION
    # The factsheet shows the group's pictures, its logo in the header.
    web.open(f"/groups/{web_kb.ids['amber']}?lang=en")
    assert page.locator("#images figure.picture").count() == 3
    _wait_until_shown(page.locator("#fact-colours img"))
    assert not web.dialogs and not web.errors


def test_every_page_speaks_french_too(web: Watched, web_kb: WebKB) -> None:
    page = web.page
    web.open(f"/groups/{web_kb.ids['amber']}?lang=en")
    page.locator(".langs").get_by_role("link", name="FR", exact=True).click()
    page.wait_for_url(re.compile(r"lang=fr"))
    assert page.locator("header nav").inner_text().split() == [
        "Groupes",
        "A–Z",
        "Carte",
        "Chronologie",
        "Images",
        "Documents",
        "API",
    ]
    assert page.locator("#key-facts h2").inner_text() == "L'essentiel"
    assert "Dirigeant actuel" in page.locator("#key-facts").inner_text()
    assert "arrêté 2021-03-04" in page.locator("#fact-leader").inner_text()
    assert "Interventions: 2" in page.locator("#activity-kinds").inner_text()
    web.screenshot("factsheet-fr")
    page.locator("header nav").get_by_role("link", name="Chronologie").click()  # the choice is kept
    assert page.locator("h1").inner_text() == "Chronologie"
    options = page.locator("select[name=type] option").all_inner_texts()
    assert "enlèvement" in options and "arrestation" in options
    assert "intervention" in page.locator("table.events").inner_text()
    web.screenshot("timeline-fr")
    assert not web.dialogs and not web.errors
