"""The JSON API and the server-rendered pages, driven in-process with FastAPI's TestClient."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import web_corpus as corpus
from conftest import WebKB

from dossier.build import build_paths
from dossier.text.names import fold_name
from dossier.web.app import create_app
from dossier.web.maps import path_box


def evidence_items(value: Any) -> list[dict[str, Any]]:
    out = []
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(v if k == "evidence" and isinstance(v, list) else evidence_items(v))
    elif isinstance(value, list):
        for v in value:
            out.extend(evidence_items(v))
    return out


def test_groups_are_listed_by_name_with_their_filters(client: Any, web_kb: WebKB) -> None:
    data = client.get("/api/groups").json()
    names = [g["name"] for g in data["groups"]]
    assert names == sorted(names, key=fold_name)  # case, accents and punctuation ignored
    assert {"Amber Coast Liberation Army", "Tidewater Rifles"} <= set(names)
    assert "GM" in data["facets"]["countries"]

    def ids(**params: Any) -> set[str]:
        return {g["id"] for g in client.get("/api/groups", params=params).json()["groups"]}

    assert ids(country="gm") == {web_kb.ids["amber"], web_kb.ids["tidewater"]}
    assert ids(q="acla") == {web_kb.ids["amber"]}
    assert ids(q="côte d'ambre") == {web_kb.ids["amber"]}
    assert ids(ideology="separatism") == {web_kb.ids["amber"]}
    assert ids(year=2000) == {web_kb.ids["tidewater"]}  # founded 1999, last event 2010
    assert web_kb.ids["amber"] in ids(year=2013)


def test_factsheet_values_carry_quotes_that_are_in_their_documents(client: Any, web_kb: WebKB) -> None:
    data = client.get(f"/api/groups/{web_kb.ids['amber']}").json()
    group = data["group"]
    assert {c["value"] for c in group["countries"]} == {"SN", "GM", "GW"}
    assert [c["value"] for c in group["origin_country"]] == ["SN"]
    founded = next(c for c in group["conflicts"] if c["property"] == "founded")
    assert sorted(v["value"] for v in founded["values"]) == ["2004", "2006"]
    assert data["names"][web_kb.ids["tidewater"]] == {"name": "Tidewater Rifles", "kind": "group"}
    # Its four incidents, two arrests and the two foundings its two profiles date (2004, 2006).
    assert data["events"]["total"] == 8
    texts: dict[str, str] = {}
    evidence = evidence_items(data)
    assert evidence
    for ev in evidence:
        if ev["doc"] not in texts:
            texts[ev["doc"]] = client.get(f"/api/documents/{ev['doc']}").json()["text"]
        assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["quote"]
        assert ev["doc"] in data["documents"]


def test_events_filter_by_group_type_country_and_years(client: Any, web_kb: WebKB) -> None:
    everything = client.get("/api/events").json()
    assert everything["total"] == 12  # eight incidents and four foundings the profile fields date
    dates = [e["date"] for e in everything["events"]]
    assert dates == sorted(dates)
    kidnappings = client.get("/api/events", params={"type": "kidnapping"}).json()
    assert kidnappings["total"] == 2
    assert all("kidnapping" in e["types"] for e in kidnappings["events"])
    assert set(kidnappings["counts"]) == {"2009", "2012"}  # JSON keys
    amber = client.get("/api/events", params={"group": web_kb.ids["amber"], "since": 2010, "until": 2013}).json()
    assert [e["date"] for e in amber["events"]] == ["2012-03-14", "2013-07-21"]
    gambia = client.get("/api/events", params={"country": "GM"}).json()
    assert [e["place"] for e in gambia["events"]] == ["Brikama"]
    assert client.get("/api/events", params={"page": 2}).json()["events"] == []
    assert client.get("/api/events", params={"group": "nobody"}).status_code == 404


def test_a_person_has_roles_and_events(client: Any, web_kb: WebKB) -> None:
    data = client.get(f"/api/persons/{web_kb.ids['founder']}").json()
    assert data["person"]["name"] == "Ousmane Kaliba Ndour"
    assert {r["org"] for r in data["person"]["roles"]} == {web_kb.ids["amber"]}
    assert data["names"][web_kb.ids["amber"]]["kind"] == "group"
    assert client.get("/api/persons/nobody").status_code == 404


def test_a_document_gives_its_text_statements_and_highlight(client: Any, web_kb: WebKB) -> None:
    doc = web_kb.ids["doc:amber-coast.txt"]
    data = client.get(f"/api/documents/{doc}", params={"hl": "0-5"}).json()
    assert data["highlight"] == {"start": 0, "end": 5, "quote": data["text"][:5]}
    assert data["statements"]
    for s in data["statements"]:
        assert data["text"][s["start"] : s["end"]] == s["quote"]
    assert client.get(f"/api/documents/{doc}", params={"hl": "5-1"}).json()["highlight"] is None
    assert client.get("/api/documents/ffffffffffff").status_code == 404


def test_search_folds_diacritics_in_english_and_dutch(client: Any, web_kb: WebKB) -> None:
    dutch = client.get("/api/search", params={"q": "financiele inkomstenbronnen"}).json()
    assert [h["doc"] for h in dutch["documents"]] == [web_kb.ids["doc:amber-coast-nl.md"]]
    assert any(p["hit"] and p["text"].startswith("Financiële") for p in dutch["documents"][0]["parts"])
    place = client.get("/api/search", params={"q": "Sedhiou"}).json()
    assert place["statements"] and all(h["entity"] for h in place["statements"])
    english = client.get("/api/search", params={"q": "cashew"}).json()
    assert english["documents"][0]["doc"] == web_kb.ids["doc:amber-coast.txt"]
    assert english["statements"][0]["entity"] == web_kb.ids["amber"]
    names = client.get("/api/search", params={"q": "tidewater"}).json()["entities"]
    assert names[0] == {"id": web_kb.ids["tidewater"], "name": "Tidewater Rifles", "kind": "group"}
    # FTS5 syntax in what a person types is searched as text, never an error.
    for q in ['"', "AND OR NOT", "col:umn*", "(", ""]:
        assert client.get("/api/search", params={"q": q}).status_code == 200


def test_openapi_documents_every_api_endpoint(client: Any) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {
        "/api/groups",
        "/api/groups/{group_id}",
        "/api/persons/{person_id}",
        "/api/events",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/search",
    } <= paths
    page = client.get("/api").text
    assert "/api/events" in page
    assert client.get("/docs").status_code == 404  # FastAPI's docs page would load scripts from a CDN


def test_pages_render_and_unknown_ids_are_errors_for_people(client: Any, web_kb: WebKB) -> None:
    for path in ["/", "/timeline", "/documents", "/search?q=army", f"/groups/{web_kb.ids['amber']}"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
    missing = client.get("/groups/nobody")
    assert missing.status_code == 404
    assert "There is no group with id" in missing.text
    assert client.get("/timeline?since=soon").status_code == 422


def test_the_factsheet_has_map_graph_size_chart_and_source_markers(client: Any, web_kb: WebKB) -> None:
    page = client.get(f"/groups/{web_kb.ids['amber']}").text
    assert re.search(r'<g class="origin" data-country="SN">', page)
    assert re.search(r'<g class="area" data-country="GM">', page)
    graph = page[page.index('<svg class="graph"') :]
    assert f'href="/groups/{web_kb.ids["tidewater"]}"' in graph[: graph.index("</svg>")]
    size = page[page.index('id="size"') :]
    assert '<svg class="chart"' in size[: size.index("</section>")]
    assert '<details class="src">' in page
    assert re.search(r'href="/documents/\w+\?hl=\d+-\d+#hl"', page)
    assert "timeline?group=" in page


def test_labels_switch_between_english_and_dutch(client: Any, web_kb: WebKB) -> None:
    path = f"/groups/{web_kb.ids['amber']}"
    assert "<h2>Identiteit</h2>" in client.get(path, params={"lang": "nl"}).text
    assert "<h2>Identiteit</h2>" in client.get(path).text  # the switch is kept in a cookie
    english = client.get(path, params={"lang": "en"}).text
    assert "<h2>Identity</h2>" in english and "Identiteit" not in english


def test_document_derived_text_is_escaped_in_every_page(client: Any, web_kb: WebKB) -> None:
    injected = web_kb.ids["injected"]
    doc = web_kb.ids["doc:injection.txt"]
    for path in [
        "/",
        f"/groups/{injected}",
        "/timeline",
        f"/timeline?group={injected}",
        f"/documents/{doc}?hl=10-60",
        "/search?q=alert",
        "/search?q=onerror",
    ]:
        page = client.get(path + ("&" if "?" in path else "?") + "lang=en").text
        assert "<script" not in page.lower(), path
        assert not re.search(r"<img(?![^>]*\bsrc=\"/images/[0-9a-f]{64}\")", page, re.I), (
            path
        )  # only pictures served here
        assert "&lt;script&gt;" in page, path  # shown, as text


def test_the_app_reloads_when_the_database_changes(tmp_path: Path, db: str) -> None:
    from fastapi.testclient import TestClient

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "tidewater.txt").write_text(corpus.TIDEWATER, encoding="utf-8")
    build_paths([folder], db, progress=False, workers=1)
    client = TestClient(create_app(db, check_every=0))
    assert [g["name"] for g in client.get("/api/groups").json()["groups"]] == ["Tidewater Rifles"]
    (folder / "amber.txt").write_text(corpus.AMBER_COAST, encoding="utf-8")
    build_paths([folder], db, progress=False, workers=1)
    names = {g["name"] for g in client.get("/api/groups").json()["groups"]}
    assert "Amber Coast Liberation Army" in names


def test_path_box_follows_relative_and_absolute_commands() -> None:
    assert path_box("M 10 10 L 20 5 z") == (10, 5, 20, 10)
    assert path_box("m 10 10 l 5 5 h 10 v -20 z") == (10, -5, 25, 15)
    assert path_box("m1 1c1 1 2 2 3 3") == (1, 1, 4, 4)


def test_serve_refuses_a_missing_knowledge_base(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no such knowledge base" in result.output


def test_text_pieces_follow_overlapping_statements_and_the_highlight() -> None:
    from dossier.web.render import text_pieces

    pieces = text_pieces("abcdefghij", [{"start": 1, "end": 5}, {"start": 3, "end": 8}], (2, 4))
    assert [(p["text"], p["statements"], p["hl"]) for p in pieces] == [
        ("a", [], False),
        ("b", [0], False),
        ("c", [0], True),
        ("d", [0, 1], True),
        ("e", [0, 1], False),
        ("fgh", [1], False),
        ("ij", [], False),
    ]
    assert "".join(p["text"] for p in pieces) == "abcdefghij"
