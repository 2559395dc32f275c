"""The factsheet's key facts, typed activities, relations, pictures, the A–Z index, the overview map and
the labels in three languages, driven in-process through the JSON API and the server-rendered pages."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import web_corpus as corpus
import yaml
from conftest import WebKB

from dossier.web.render import LANGUAGES, labels
from dossier.web.routes.common import paginate
from dossier.web.svg import RELATION_COLOURS


def test_the_header_gives_each_key_fact_with_its_sources(client: Any, web_kb: WebKB) -> None:
    data = client.get(f"/api/groups/{web_kb.ids['amber']}").json()
    facts = data["facts"]
    assert facts["name"]["value"] == "Amber Coast Liberation Army" and facts["name"]["evidence"]
    assert facts["origin"]["value"] == "SN" and facts["origin"]["evidence"]
    assert {a["value"] for a in facts["areas"]} == {"SN", "GM", "GW"}
    assert facts["ideology"]["value"] == "coastal separatism"
    # The latest estimate, with its year and how many others there are.
    size = facts["size"]
    assert (size["min"], size["as_of"], size["others"]) == (1200, "2015", 1) and size["evidence"]
    # The founding year is disputed (2004 or 2006): the header says so.
    assert facts["founded"]["disagree"] is True
    # The current leader is the one who leads the army now, with her one current status.
    leader = facts["leader"]
    assert data["names"][leader["person"]]["name"] == "Mariama Sekou Badji"
    assert (leader["status"]["value"], leader["status"]["date"]) == ("arrested", "2021-03-04")
    assert "arrested in Dakar" in leader["status"]["evidence"][0]["quote"]
    last = facts["last_activity"]
    assert (last["date"], last["kind"]) == ("2021-03-04", "intervention") and last["evidence"]
    assert re.match(r"\d{4}-\d\d-\d\dT", facts["changed"])
    page = client.get(f"/groups/{web_kb.ids['amber']}?lang=en").text
    header = page[page.index('id="key-facts"') : page.index('id="identity"')]
    for fact in ("name", "origin", "ideology", "size", "leader", "last-activity"):
        cell = header[header.index(f'id="fact-{fact}"') :]
        assert '<details class="src">' in cell[: cell.index("</dd>")], fact
    assert 'class="disagree" href="#conflicts"' in header


def test_activities_are_attacks_interventions_or_other_and_the_timeline_filters_by_kind(
    client: Any, web_kb: WebKB
) -> None:
    amber = web_kb.ids["amber"]
    events = client.get(f"/api/groups/{amber}").json()["events"]
    assert (events["counts"]["attack"], events["counts"]["intervention"]) == (4, 2)
    assert sum(events["counts"].values()) == events["total"]
    assert [e["date"] for e in events["latest"]][:2] == ["2021-03-04", "2018-02-02"]  # the latest first
    arrests = client.get("/api/events", params={"group": amber, "kind": "intervention"}).json()
    assert arrests["total"] == 2 and all(e["types"] == ["arrest"] for e in arrests["events"])
    attacks = client.get("/api/events", params={"kind": "attack"}).json()
    assert attacks["total"] == 6 and all(e["kind"] == "attack" for e in attacks["events"])
    assert client.get("/api/events", params={"kind": "picnic"}).status_code == 422
    page = client.get(f"/groups/{amber}?lang=en").text
    assert f'href="/timeline?group={amber}&amp;kind=intervention"' in page


def test_a_relation_is_one_row_per_type_and_group_with_its_periods(client: Any, web_kb: WebKB) -> None:
    data = client.get(f"/api/groups/{web_kb.ids['amber']}").json()
    rows = [r for r in data["relations"] if r["target"] == web_kb.ids["tidewater"]]
    assert len(rows) == 1 and rows[0]["type"] == "ally"
    assert [(p["start"], p["end"]) for p in rows[0]["periods"]] == [("2009", "2014")]
    graph = client.get(f"/groups/{web_kb.ids['amber']}?lang=en").text
    svg = graph[graph.index('<svg class="graph"') :]
    svg = svg[: svg.index("</svg>")]
    assert ">ally of</text>" in svg  # the type's human label, once, as the heading of its band
    assert "Tidewater Rifles (2009–2014)" in svg


def test_the_groups_before_and_after_each_factsheet(client: Any) -> None:
    groups = [g["id"] for g in client.get("/api/groups").json()["groups"]]
    seen = [groups[0]]
    while True:
        neighbours = client.get(f"/api/groups/{seen[-1]}").json()["neighbours"]
        if neighbours["next"] is None:
            break
        assert neighbours["next"]["id"] not in seen
        seen.append(neighbours["next"]["id"])
    assert seen == groups
    assert client.get(f"/api/groups/{groups[1]}").json()["neighbours"]["previous"]["id"] == groups[0]


def test_the_a_to_z_index_files_every_group_once(client: Any, web_kb: WebKB) -> None:
    everything = client.get("/api/az").json()
    filed = [g["id"] for section in everything["sections"] for g in section["groups"]]
    assert sorted(filed) == sorted(g["id"] for g in client.get("/api/groups").json()["groups"])
    assert {"A", "T"} <= set(everything["letters"])
    t = client.get("/api/az", params={"letter": "t"}).json()
    assert [g["id"] for s in t["sections"] for g in s["groups"]] == [web_kb.ids["tidewater"]]


def test_the_overview_map_shades_countries_by_groups_and_links_to_them(client: Any) -> None:
    counts = {c["code"]: c["groups"] for c in client.get("/api/map").json()["countries"]}
    assert counts["GM"] == 2 and counts["SN"] == 1
    page = client.get("/map?lang=en").text
    assert re.search(r'<a href="/\?country=GM"><g class="shade5" data-country="GM" data-groups="2">', page)
    assert re.search(r'<g class="shade1" data-country="SN" data-groups="1">', page)
    assert len(page.encode()) < 150_000  # the whole world, simplified to the scale it is drawn at
    listed = client.get("/api/groups", params={"country": "GM"}).json()["groups"]
    assert len(listed) == 2


def test_the_gallery_has_each_picture_with_its_document_and_evidence(client: Any, web_kb: WebKB) -> None:
    data = client.get("/api/gallery").json()
    pictures = data["pictures"]
    by_label = {p["caption"] or p["alt"]: p for p in pictures}
    formats = {label: _format(client, p["doc"]) for label, p in by_label.items()}
    assert formats[corpus.FLAG_CAPTION] == "html"  # beside the page
    assert formats[corpus.LOGO_ALT] == "html"  # inside the page
    assert formats[corpus.EMBLEM_ALT] == "pdf"
    assert formats[corpus.BANNER_CAPTION] == "docx"
    # A caption in the document's text is the picture's evidence: its quote, at its offsets.
    banner = by_label[corpus.BANNER_CAPTION]
    assert banner["alt"] == "A purple banner" and banner["evidence"][0]["quote"] == corpus.BANNER_CAPTION
    text = client.get(f"/api/documents/{banner['doc']}").json()["text"]
    ev = banner["evidence"][0]
    assert text[ev["start"] : ev["end"]] == ev["quote"]
    assert by_label[corpus.EMBLEM_ALT]["groups"] == [web_kb.ids["tidewater"]]
    amber = client.get("/api/gallery", params={"group": web_kb.ids["amber"]}).json()
    assert {p["caption"] or p["alt"] for p in amber["pictures"]} == {
        corpus.FLAG_CAPTION,
        corpus.LOGO_ALT,
        corpus.BANNER_CAPTION,
    }
    assert len(client.get(f"/api/groups/{web_kb.ids['amber']}").json()["pictures"]) == 3
    assert "never fetched" not in json.dumps(data)  # the picture on the web stays there
    assert "website's own logo" not in json.dumps(data)  # the site's header is not the page's
    assert client.get("/api/gallery", params={"group": "nobody"}).status_code == 404


def _format(client: Any, doc: str) -> str:
    return str(client.get(f"/api/documents/{doc}").json()["document"]["format"])


def test_pictures_are_served_as_what_they_are_and_never_as_a_page(client: Any) -> None:
    originals = {corpus.FLAG, corpus.LOGO, corpus.EMBLEM, corpus.BANNER}
    served = set()
    for p in client.get("/api/gallery").json()["pictures"]:
        response = client.get(f"/images/{p['id']}")
        assert response.status_code == 200
        assert response.headers["content-type"] == p["media_type"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "sandbox" in response.headers["content-security-policy"]
        assert "default-src 'none'" in response.headers["content-security-policy"]
        served.add(response.content)
    assert originals <= served  # the bytes as the documents hold them (pypdf's PNG is the same picture)
    svg = next(b for b in served if b.lstrip().startswith(b"<svg"))
    assert b"<script>" in svg  # kept as the document has it; the headers keep it from running
    for bad in ("0" * 64, "notanid", "../kb.db"):
        assert client.get(f"/images/{bad}").status_code == 404


def test_labels_in_french_beside_english_and_dutch(client: Any, web_kb: WebKB) -> None:
    path = f"/groups/{web_kb.ids['amber']}"
    french = client.get(path, params={"lang": "fr"}).text
    assert "<h2>L&#39;essentiel</h2>" in french and "Identité" in french
    assert "arrêté 2021-03-04" in french  # a status in French
    assert "Dirigeant actuel" in french
    timeline = client.get("/timeline", params={"lang": "fr"}).text
    assert ">enlèvement</option>" in timeline and ">intervention</option>" in timeline
    dutch = client.get("/timeline", params={"lang": "nl"}).text
    assert ">ontvoering</option>" in dutch
    for page in ("/az", "/map", "/gallery", "/documents", "/"):
        assert 'lang="fr"' in client.get(page, params={"lang": "fr"}).text


def _lexicon_keys(name: str) -> set[str]:
    text = resources.files("dossier.text").joinpath("lexicons", f"{name}.yaml").read_text("utf-8")
    return set(yaml.safe_load(text))


def test_every_interface_word_and_every_type_relation_and_status_has_a_label_in_each_language() -> None:
    assert set(labels("en")) <= set(labels("fr"))
    vocabulary = (
        {f"type.{k}" for k in _lexicon_keys("events")}
        | {f"status.{k}" for k in _lexicon_keys("status")}
        | {f"relation.{k}" for k in [*RELATION_COLOURS, "related"]}
        | {f"kind.{k}" for k in ("attack", "intervention", "other")}
    )
    for lang in LANGUAGES:
        text = resources.files("dossier.web").joinpath(f"labels/{lang}.json").read_text("utf-8")
        own = json.loads(text)
        assert vocabulary <= set(own), (lang, sorted(vocabulary - set(own)))


def test_long_lists_come_a_page_at_a_time(client: Any) -> None:
    assert paginate(list(range(250)), 3, 100) == (list(range(200, 250)), 3)
    assert paginate([], 1, 100) == ([], 1)
    first = client.get("/api/groups").json()
    assert (first["page"], first["pages"]) == (1, 1)
    assert client.get("/api/groups", params={"page": 2}).json()["groups"] == []
    assert client.get("/api/documents", params={"page": 2}).json()["documents"] == []
    assert client.get("/api/gallery", params={"page": 0}).status_code == 422
