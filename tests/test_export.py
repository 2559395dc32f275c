"""The dossier/1 export of a built knowledge base: grounded, and true to the contract."""

from __future__ import annotations

import io
import json
from pathlib import Path

from kb_helpers import RED_DAWN, SALT_ARMY, assert_grounded, build, export, iter_evidence, sha256, write_corpus

from dossier.export.json import write_json
from dossier.store import open_store


def test_every_quote_is_its_documents_text(kb) -> None:
    checked = assert_grounded(kb.db, kb.data)
    assert checked >= 20  # three profiles: names, aliases, areas, leaders, events


def test_every_evidence_names_a_listed_document(kb) -> None:
    ids = {d["id"] for d in kb.data["documents"]}
    cited = {ev["doc"] for ev in iter_evidence(kb.data)}
    assert cited <= ids
    assert cited == ids  # each of the three profiles contributed something


def test_top_level_shape(kb) -> None:
    data = kb.data
    assert data["schema"] == "dossier/1"
    for key in ("documents", "organizations", "persons", "events"):
        assert isinstance(data[key], list), key
    assert len(data["documents"]) == 3


def test_documents_name_their_files_and_hashes(kb) -> None:
    docs = {Path(d["path"]).name: d for d in kb.data["documents"]}
    assert set(docs) == set(kb.files)
    for name, doc in docs.items():
        assert doc["sha256"] == sha256(kb.files[name]), name
    formats = {name: d["format"] for name, d in docs.items()}
    assert formats == {"red-dawn.txt": "text", "salt-army.md": "text", "silver-river.html": "html"}
    assert docs["red-dawn.txt"]["lang"] == "en"


def test_html_script_text_is_not_in_the_document(kb) -> None:
    doc = next(d for d in kb.data["documents"] if d["path"].endswith(".html"))
    with open_store(kb.db, create=False) as store:
        stored = store.document(doc["sha256"])
    assert stored is not None
    assert "do not read me" not in stored.text
    assert "Putumayo river" in stored.text


def test_profile_fields_are_extracted(kb) -> None:
    red = kb.org("Red Dawn Front")
    aliases = {a["value"]: a for a in red["aliases"]}
    assert "RDF" in aliases
    assert aliases["RDF"]["kind"] == "acronym"
    assert "Frente Amanecer Rojo" in aliases
    assert {c["value"] for c in red["countries"]} == {"PE", "BO"}
    for country in red["countries"]:
        assert all(ev["quote"] == "Areas of operation: Peru, Bolivia" for ev in country["evidence"])

    persons = {p["id"]: p for p in kb.data["persons"]}
    leaders = {persons[leader["person"]]["name"] for leader in red["leaders"]}
    assert leaders == {"Tomas Quispe Huaman", "Elena Vargas Rojas"}
    tomas = next(p for p in persons.values() if p["name"] == "Tomas Quispe Huaman")
    assert "Comrade Condor" in {a["value"] for a in tomas["aliases"]}
    assert [b["value"] for b in tomas["born"]] == ["1950"]

    salt = kb.org("Northern Salt Army")
    assert "NE" in {c["value"] for c in salt["countries"]}


def test_ambiguous_country_name_in_an_areas_field(kb) -> None:
    # "Chad" is a first name more often than a country in running text, but not in a field of areas.
    salt = kb.org("Northern Salt Army")
    assert {c["value"] for c in salt["countries"]} == {"TD", "NE"}


def test_timeline_events(kb) -> None:
    red = kb.org("Red Dawn Front")
    by_date = {e["date"]: e for e in kb.data["events"]}
    puno = by_date["1992-09-12"]
    assert puno["killed"]["min"] == 5 and puno["killed"]["max"] == 5
    assert red["id"] in puno["perpetrators"]
    assert any("killed 5 people" in ev["quote"] for ev in puno["evidence"])
    assert by_date["1995-03-03"]["wounded"]["max"] == 14
    dates = [e["date"] or "" for e in kb.data["events"]]
    assert dates == sorted(dates)


def test_every_reference_points_at_an_exported_entity(kb) -> None:
    orgs = {o["id"] for o in kb.data["organizations"]}
    persons = {p["id"] for p in kb.data["persons"]}
    for org in kb.data["organizations"]:
        for leader in org["leaders"]:
            assert leader["person"] in persons
        for relation in org["relations"]:
            assert relation["target"] in orgs
    for event in kb.data["events"]:
        assert set(event["perpetrators"]) <= orgs
    for person in kb.data["persons"]:
        for role in person.get("roles", []):
            assert role["org"] in orgs


def test_write_json_to_a_file_matches_export_data(kb, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    with open_store(kb.db, create=False) as store:
        write_json(store, out)
        buffer = io.StringIO()
        write_json(store, buffer)
    assert json.loads(out.read_text(encoding="utf-8")) == kb.data
    assert json.loads(buffer.getvalue()) == kb.data
    assert not out.with_name("export.json.tmp").exists()


def test_same_documents_give_the_same_export(tmp_path: Path) -> None:
    """Ids are deterministic: two knowledge bases built from the same files export alike."""
    one = write_corpus(tmp_path / "one", {"a.txt": RED_DAWN, "b.txt": SALT_ARMY})
    two = write_corpus(tmp_path / "two", {"a.txt": RED_DAWN, "b.txt": SALT_ARMY})
    build(one, db=tmp_path / "one.db")
    build(two, db=tmp_path / "two.db")
    first, second = export(tmp_path / "one.db"), export(tmp_path / "two.db")
    for doc in first["documents"] + second["documents"]:
        doc.pop("path")
    assert first == second


def test_empty_knowledge_base_exports(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    open_store(db).close()
    data = export(db)
    assert data == {
        "schema": "dossier/1",
        "documents": [],
        "organizations": [],
        "persons": [],
        "events": [],
        "statements": [],
        "resolution": [],
        "judgements": [],
        "decisions": [],
        "accounts": [],
    }
