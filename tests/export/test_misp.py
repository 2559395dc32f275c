"""MISP: the galaxy files pass MISP's own JSON Schemas, every event loads with PyMISP and
converts to STIX 2.1 with misp-stix, each incident is one event with its date and quotes,
and a rebuild that changes nothing changes no UUID."""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from kb_helpers import RED_DAWN, SALT_ARMY, SILVER_RIVER, build, write_corpus
from misp_stix_converter import MISPtoSTIX21Parser
from pymisp import MISPEvent

from dossier.export.misp import GALAXY_TYPE, RELATIONSHIPS, Galaxy, galaxy_tag, misp_event, misp_uuid, write_misp
from dossier.export.snapshot import Snapshot
from dossier.store import base, open_store

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = Path(os.environ.get("SHARED", ROOT.parent / "shared")) / "eval" / "schemas"
QUOTE = re.compile(r"^quote: characters (\d+)–(\d+) of document (\w+)$")


@pytest.fixture(scope="module")
def folders() -> dict[str, Path]:
    return {}


def _folder(corpus: Any, folders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    if corpus.name not in folders:
        folder = tmp_path_factory.mktemp(f"misp-{corpus.name}")
        write_misp(corpus.snap, folder)
        folders[corpus.name] = folder
    return folders[corpus.name]


def _events(folder: Path) -> list[MISPEvent]:
    out = []
    for path in sorted((folder / "events").glob("*.json")):
        if path.name == "manifest.json":
            continue
        event = MISPEvent()
        event.load_file(path)
        out.append(event)
    return out


def _quotes(event: MISPEvent) -> list[tuple[str, int, int, str]]:
    """(document, start, end, quote) of each quote of the event's source documents."""
    out = []
    for obj in event.objects:
        for attr in obj.attributes:
            m = QUOTE.match(attr.get("comment") or "")
            if obj.name == "file" and attr.object_relation == "text" and m:
                out.append((m.group(3), int(m.group(1)), int(m.group(2)), attr.value))
    return out


@pytest.mark.parametrize("kind", ["galaxies", "clusters"])
def test_the_galaxy_files_pass_misps_schemas(corpus, folders, tmp_path_factory, kind: str) -> None:
    schema_path = SCHEMAS / f"misp-galaxy-{kind}.schema.json"
    if not schema_path.is_file():
        pytest.skip(f"{schema_path} is not here")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)  # the schemas' "id" is draft 4's
    data = json.loads((_folder(corpus, folders, tmp_path_factory) / kind / f"{GALAXY_TYPE}.json").read_text())
    errors = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(data)]
    assert not errors
    if kind == "clusters":
        assert len(data["values"]) == len(corpus.snap.organizations)
        assert len({v["value"] for v in data["values"]}) == len(data["values"])  # MISP knows a cluster by its value


def test_each_incident_is_one_event_that_pymisp_loads_with_its_date_and_quotes(
    corpus, folders, tmp_path_factory
) -> None:
    folder = _folder(corpus, folders, tmp_path_factory)
    events = _events(folder)
    snap = corpus.snap
    assert len(events) == len(snap.events)
    by_uuid = {misp_uuid("event", e["id"]): e for e in snap.events}
    assert {e.uuid for e in events} == set(by_uuid)
    for event in events:
        view = by_uuid[event.uuid]
        assert event.date.isoformat().startswith(view["date"][:4])
        incident = next(o for o in event.objects if o.name == "event")
        start = incident.get_attributes_by_relation("start_time")[0].value
        assert start.date() == event.date
        quotes = _quotes(event)
        assert quotes, event.info
        for doc, begin, end, quote in quotes:
            assert snap.texts[doc][begin:end] == quote
    manifest = json.loads((folder / "events" / "manifest.json").read_text())
    assert set(manifest) == set(by_uuid)


def test_misp_stix_converts_every_event_to_stix21(corpus, folders, tmp_path_factory) -> None:
    parser = MISPtoSTIX21Parser()
    events = _events(_folder(corpus, folders, tmp_path_factory))
    for event in events:
        parser.parse_misp_event(json.loads(event.to_json()))
    assert not parser.errors
    kinds = [o["type"] for o in parser.bundle.objects]
    assert kinds.count("grouping") == len(events)  # misp-stix makes each event a grouping


def test_a_group_is_a_cluster_with_its_profile_relations_and_quotes(small) -> None:
    snap = small.snap
    galaxy = Galaxy(snap)
    org = next(o for o in snap.organizations if o["name"] == "Red Dawn Front")
    cluster = galaxy.clusters[org["id"]]
    assert cluster["value"] == "Red Dawn Front"
    assert cluster["uuid"] == misp_uuid("cluster", org["id"])
    meta = cluster["meta"]
    assert {"RDF", "Frente Amanecer Rojo"} <= set(meta["synonyms"])
    assert meta["founded"] == ["1984"]
    assert {"Peru", "Bolivia"} <= set(meta["areas"])
    red_dawn = next(d for d in snap.documents if d["path"].endswith("red-dawn.txt"))
    assert red_dawn["path"] in meta["refs"]
    areas = next(line for line in cluster["description"].splitlines() if line.startswith("Areas: "))
    assert set(areas.removeprefix("Areas: ").split("; ")) == {"Peru", "Bolivia"}  # a field a line, its values joined
    # Each evidence line quotes its document at the offsets it names.
    line = re.compile(r"^(.+?) — “(.+)” \(.+, doc (\w+), characters (\d+)–(\d+)\)$")
    for evidence in meta["evidence"]:
        m = line.match(evidence)
        assert m, evidence
        text = snap.texts[m.group(3)][int(m.group(4)) : int(m.group(5))]
        assert " ".join(text.split()) == m.group(2)
    assert any(e.startswith("Founded: 1984") for e in meta["evidence"])


def test_relations_are_related_entries_with_a_misp_relationship(small) -> None:
    snap = small.snap
    galaxy = Galaxy(snap)
    pairs = [(o, item) for o in snap.organizations for item in o["relations"] if item["target"] in galaxy.uuids]
    for org, item in pairs:
        related = galaxy.clusters[org["id"]]["related"]
        kind = RELATIONSHIPS.get(item["type"], "related-to")
        assert {"dest-uuid": galaxy.uuids[item["target"]], "type": kind} in related


def test_an_incident_has_its_types_place_tolls_and_the_groups_cluster(small) -> None:
    snap = small.snap
    galaxy = Galaxy(snap)
    view = next(e for e in snap.events if e["date"] == "1995-03-03")
    event = misp_event(snap, view, galaxy)
    tags = {t.name for t in event.tags}
    assert {f'dossier:event-type="{t}"' for t in view["types"]} <= tags
    org = next(o for o in snap.organizations if o["name"] == "Red Dawn Front")
    assert galaxy_tag("Red Dawn Front") in tags
    assert [c.uuid for g in event.galaxies for c in g.clusters] == [galaxy.uuids[org["id"]]]
    where = next(o for o in event.objects if o.name == "geolocation")
    assert where.get_attributes_by_relation("countrycode")[0].value == "BO"
    assert where.get_attributes_by_relation("city")[0].value == "La Paz"
    tolls = {a.comment: a.value for a in event.attributes}
    assert tolls == {"killed": "2", "wounded": "14"}
    assert event.info == "1995-03-03 bombing in La Paz"


def test_a_partial_date_is_its_first_day_with_its_precision_and_an_undated_incident_says_so(small) -> None:
    snap = small.snap
    galaxy = Galaxy(snap)
    view = dict(snap.events[0], date="2003-06", end_date=None, alt_dates=[])
    event = misp_event(snap, view, galaxy)
    incident = next(o for o in event.objects if o.name == "event")
    assert event.date.isoformat() == "2003-06-01"
    assert incident.get_attributes_by_relation("start_time_fidelity")[0].value == "month"
    undated = misp_event(snap, dict(view, date=None), galaxy)
    assert 'dossier:date="undated"' in {t.name for t in undated.tags}
    assert not next(o for o in undated.objects if o.name == "event").get_attributes_by_relation("start_time")


def _export(db: Path, folder: Path) -> dict[str, str]:
    with open_store(db, create=False) as store:
        write_misp(Snapshot.load(store), folder)
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def _uuids(files: dict[str, str]) -> set[str]:
    return set(re.findall(r'"uuid": "([0-9a-f-]{36})"', "".join(files.values())))


def test_a_rebuild_that_changes_nothing_changes_no_uuid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"red-dawn.txt": RED_DAWN, "salt-army.md": SALT_ARMY})
    db = tmp_path / "kb.db"
    assert build(corpus, db=db).ok
    first = _export(db, tmp_path / "first")
    assert build(corpus, db=db).unchanged == 2
    again = _export(db, tmp_path / "again")
    assert again == first  # the same UUIDs, version and timestamps: MISP sees nothing new

    # A new document changes the knowledge base: a higher version, and the groups it does not touch keep their UUIDs.
    write_corpus(corpus, {"silver-river.txt": SILVER_RIVER})
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat(timespec="seconds")
    monkeypatch.setattr(base, "now", lambda: tomorrow)  # the store counts seconds: this build is a later one
    assert build(corpus, db=db).read == 1
    later = _export(db, tmp_path / "later")
    clusters = json.loads(first[f"clusters/{GALAXY_TYPE}.json"])
    later_clusters = json.loads(later[f"clusters/{GALAXY_TYPE}.json"])
    assert later_clusters["version"] > clusters["version"]
    assert {v["uuid"] for v in clusters["values"]} <= {v["uuid"] for v in later_clusters["values"]}
    assert _uuids(first) <= _uuids(later)


def test_an_export_into_the_same_folder_drops_the_events_it_no_longer_has(small, tmp_path: Path) -> None:
    folder = tmp_path / "misp"
    write_misp(small.snap, folder)
    stale = folder / "events" / "00000000-0000-5000-8000-000000000000.json"
    shutil.copy(next((folder / "events").glob("*-*.json")), stale)
    notes = folder / "events" / "notes.json"
    notes.write_text("{}", encoding="utf-8")
    written = write_misp(small.snap, folder)
    assert not stale.exists()
    assert notes.exists()  # not an event file of ours
    assert len([p for p in written if p.parent.name == "events"]) == len(small.snap.events) + 2
