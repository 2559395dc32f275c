"""STIX 2.1: the bundle parses with `stix2`, passes the official validator, and cites its quotes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import stix2
from kb_helpers import RED_DAWN, SALT_ARMY
from misp_stix_converter import ExternalSTIX2toMISPParser
from stix2validator import ValidationOptions, validate_string

from dossier.build import build_paths
from dossier.export.snapshot import Snapshot, event_name
from dossier.export.stix import EPOCH, PRODUCER, stix_id, timestamp, write_stix
from dossier.store import open_store


@pytest.fixture(scope="module")
def bundles() -> dict[str, tuple[str, dict[str, Any]]]:
    return {}


def _bundle(corpus: Any, cache: dict[str, tuple[str, dict[str, Any]]]) -> tuple[str, dict[str, Any]]:
    if corpus.name not in cache:
        text = write_stix(corpus.snap)
        cache[corpus.name] = (text, json.loads(text))
    return cache[corpus.name]


def _objects(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [o for o in bundle["objects"] if o["type"] == kind]


def test_the_bundle_parses_and_passes_the_stix_validator(corpus, bundles) -> None:
    text, _bundle_data = _bundle(corpus, bundles)
    parsed = stix2.parse(text, allow_custom=False)
    assert parsed.type == "bundle"
    results = validate_string(text, ValidationOptions(version="2.1"))
    assert results.is_valid, [str(e) for e in results.errors]
    assert not results.errors


def test_each_entity_is_one_object(corpus, bundles) -> None:
    _text, bundle = _bundle(corpus, bundles)
    snap = corpus.snap
    actors = {o["id"] for o in _objects(bundle, "threat-actor")}
    assert actors == {stix_id("threat-actor", o["id"]) for o in snap.organizations}
    individuals = {o["id"] for o in _objects(bundle, "identity") if o["identity_class"] == "individual"}
    assert individuals == {stix_id("identity", p["id"]) for p in snap.persons}
    assert {o["id"] for o in _objects(bundle, "incident")} == {stix_id("incident", e["id"]) for e in snap.events}
    countries = {c["value"] for o in snap.organizations for c in o["countries"]}
    assert countries <= {o["country"] for o in _objects(bundle, "location")}


def test_every_external_reference_quotes_its_document(corpus, bundles) -> None:
    _text, bundle = _bundle(corpus, bundles)
    docs = corpus.snap.document
    checked = 0
    for obj in bundle["objects"]:
        for ref in obj.get("external_references", []):
            if obj["type"] == "report":
                assert ref["external_id"] in docs
                continue
            doc, span = ref["external_id"].split(":")
            start, end = map(int, span.split("-"))
            assert corpus.snap.texts[doc][start:end] == ref["description"]
            assert ref["hashes"]["SHA-256"] == docs[doc]["sha256"]
            checked += 1
    assert checked > 100


def test_every_value_in_a_description_cites_a_reference(corpus, bundles) -> None:
    """Each line of a description ends with the numbers of its external references."""
    _text, bundle = _bundle(corpus, bundles)
    for obj in _objects(bundle, "threat-actor") + _objects(bundle, "incident"):
        refs = len(obj.get("external_references", []))
        for line in obj.get("description", "").splitlines():
            numbers = [int(n) for n in line.rsplit(" ", 1)[-1].strip("[]").split("][")]
            assert numbers and all(1 <= n <= refs for n in numbers), (obj["name"], line)


def test_reports_list_what_came_from_each_document(corpus, bundles) -> None:
    _text, bundle = _bundle(corpus, bundles)
    ids = {o["id"] for o in bundle["objects"]}
    reports = {r["external_references"][0]["external_id"]: r for r in _objects(bundle, "report")}
    assert set(reports) == {d["id"] for d in corpus.snap.documents}
    for obj in bundle["objects"]:
        if obj["type"] in ("threat-actor", "incident", "relationship", "note"):
            for ref in obj.get("external_references", []):
                assert obj["id"] in reports[ref["external_id"].split(":")[0]]["object_refs"]
    for report in reports.values():
        assert set(report["object_refs"]) <= ids
    for rel in _objects(bundle, "relationship"):
        assert rel["source_ref"] in ids and rel["target_ref"] in ids


def test_misps_stix_importer_makes_an_event_of_each_incident(corpus, bundles) -> None:
    """misp-stix, which MISP imports STIX 2.1 with, loads no `incident`; it makes an event of
    each incident's grouping: its name, the group's cluster, and the description with its quotes."""
    text, _bundle_data = _bundle(corpus, bundles)
    parser = ExternalSTIX2toMISPParser()
    parser.load_stix_bundle(stix2.parse(text, allow_custom=True))
    parser.parse_stix_bundle()
    problems = {message for messages in parser.errors.values() for message in messages}
    assert problems <= {"Unable to load STIX object type: incident", "Unknown STIX object type: incident"}
    events = {event.uuid: event for event in parser.misp_events}
    actors = {o["id"]: o["name"] for o in corpus.snap.organizations}
    for e in corpus.snap.events:
        event = events[stix_id("grouping", e["id"]).split("--")[1]]
        assert event.info == event_name(e)
        report = event.event_reports[0].content
        assert all(ev["quote"] in report for ev in e["evidence"])
        clusters = {c.value for galaxy in event.galaxies for c in galaxy.clusters}
        assert {actors[p] for p in e["perpetrators"] if p in actors} <= clusters


def test_the_same_knowledge_base_gives_the_same_bundle(small) -> None:
    first, second = write_stix(small.snap), write_stix(small.snap)
    assert first == second
    producer = next(o for o in json.loads(first)["objects"] if o["id"] == PRODUCER)
    assert producer["created"] == EPOCH  # dossier itself is no fact of the knowledge base


def test_a_group_with_its_profile(small) -> None:
    bundle = json.loads(write_stix(small.snap))
    org = next(o for o in small.snap.organizations if o["name"] == "Red Dawn Front")
    actor = next(o for o in bundle["objects"] if o["id"] == stix_id("threat-actor", org["id"]))
    assert {"RDF", "Frente Amanecer Rojo"} <= set(actor["aliases"])
    assert actor["first_seen"].startswith("1984-01-01")
    assert actor["threat_actor_types"] == ["terrorist"]  # named perpetrator of an attack
    located = {
        r["target_ref"]
        for r in _objects(bundle, "relationship")
        if r["source_ref"] == actor["id"] and r["relationship_type"] == "located-at"
    }
    assert located == {stix_id("location", "PE"), stix_id("location", "BO")}
    leaders = [
        r
        for r in _objects(bundle, "relationship")
        if r["target_ref"] == actor["id"] and r["source_ref"].startswith("identity--")
    ]
    assert len(leaders) >= 2
    attributed = [r for r in _objects(bundle, "relationship") if r["relationship_type"] == "attributed-to"]
    assert any(r["target_ref"] == actor["id"] for r in attributed)


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2007", "2007-01-01T00:00:00Z"), ("2007-04", "2007-04-01T00:00:00Z"), ("2007-04-11", "2007-04-11T00:00:00Z")],
)
def test_partial_dates_become_their_first_day(date: str, expected: str) -> None:
    assert timestamp(date) == expected
    assert timestamp("about 2007") is None


def _times(db: Path) -> dict[str, tuple[str, str]]:
    with open_store(db) as store:
        bundle = json.loads(write_stix(Snapshot.load(store)))
    return {o["id"]: (o["created"], o["modified"]) for o in bundle["objects"] if "created" in o}


def test_objects_are_dated_when_first_stored_and_when_last_changed(tmp_path: Path, monkeypatch: Any) -> None:
    """A rebuild that changes nothing keeps every time; a changed fact makes its objects newer."""
    clock = iter(f"2030-01-0{day}T10:00:00+00:00" for day in range(1, 10))
    monkeypatch.setattr("dossier.store.base.now", lambda: next(clock))
    folder = tmp_path / "docs"
    folder.mkdir()
    profiles = {"a.txt": RED_DAWN, "b.txt": "Name: Red Dawn Front\nAreas of operation: Peru\n", "salt.txt": SALT_ARMY}
    for name, text in profiles.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "kb.db"
    build_paths([folder], db, progress=False, workers=1)
    first = _times(db)
    with open_store(db) as store:
        snap = Snapshot.load(store)
        red_entity = next(o["id"] for o in snap.organizations if o["name"] == "Red Dawn Front")
        members = sorted(k for k, e in store.resolution().items() if e == red_entity)
        docs = {d.id[:12]: Path(d.path) for d in store.documents()}
    red = stix_id("threat-actor", red_entity)
    salt = stix_id("threat-actor", next(o["id"] for o in snap.organizations if o["name"] == "Northern Salt Army"))
    assert first[red][0].startswith("2030-01-0")
    build_paths([folder], db, progress=False, workers=1)
    assert _times(db) == first  # nothing changed, nothing is newer
    # Change the profile that does not name the entity (its id comes from its first mention).
    keeps_id = docs[members[0].split(":")[1]]
    changed = next(p for p in (folder / "a.txt", folder / "b.txt") if p != keeps_id)
    changed.write_text(changed.read_text("utf-8").replace("Peru", "Peru, Chile", 1), encoding="utf-8")
    build_paths([folder], db, progress=False, workers=1)
    after = _times(db)
    assert after[red][0] == first[red][0]  # first stored then, changed now
    assert after[red][1] > first[red][1]
    assert after[salt] == first[salt]  # a group whose facts did not change keeps its times
