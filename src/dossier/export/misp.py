"""MISP: the groups as a galaxy, the incidents as events.

A folder in the layout MISP itself reads:

- `galaxies/dossier-groups.json` and `clusters/dossier-groups.json`: a galaxy in
  the misp-galaxy format (as MISP's own `threat-actor` or Canada's listed
  terrorist entities), one cluster value per organisation: its description (the
  factsheet's lines), `synonyms` (aliases), `country` (origin), `refs` (the
  documents' paths), `founded`, `size`, the areas, ideology and designations, and
  `related` entries (a MISP relationship type per kind of relation). `evidence`
  holds every value's quotes: "Areas: Mali — “…” (title, doc, characters 10–52)".
- `events/UUID.json`: one MISP event (MISP core format) per incident: its date,
  an `event` object (the STIX 2.1 incident core extension: name, summary, type,
  start and end with their precision), a `geolocation` object (place and
  country), the tolls as attributes, the types as `dossier:event-type` tags, the
  perpetrators' clusters as galaxy tags, and one `file` object per source
  document (file name, path, SHA-256) whose `text` attributes are the quotes,
  each with its character offsets in the comment.
- `events/manifest.json` and `events/hashes.csv`: the index of the events, in the
  layout of a MISP feed (as PyMISP's feed generator writes it).

The events are made with PyMISP (a runtime dependency for it): its objects
follow the misp-objects templates it ships, so a relation or attribute type MISP
does not know fails here, not in MISP. The galaxy files are plain JSON: PyMISP
has no writer for the misp-galaxy format, which is a few documented keys.

UUIDs are UUIDv5 of dossier's entity ids (and, inside an event, of what each
object or attribute stands for), so a rebuild of the same files gives the same
UUIDs. MISP replaces a galaxy's clusters only when the file's `version` is
higher, and an event only when its `timestamp` is newer: both are the moment the
knowledge base last changed (`Store.last_change`), the same on every export of
an unchanged knowledge base and higher after any change.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path, PurePath
from typing import Any

from pymisp import MISPEvent, MISPObject, MISPOrganisation
from pymisp.abstract import pymisp_json_default
from rich.console import Console
from rich.progress import track

from dossier.export.json import write_atomic
from dossier.export.snapshot import (
    Evidence,
    Snapshot,
    View,
    country_name,
    document_label,
    event_name,
    number,
    size_text,
)

# Fixed: the same entity id gives the same MISP UUID in every export dossier writes.
NAMESPACE = uuid.UUID("0b6b2e8e-7d5c-5f3e-8a1e-6f4c2d9b7a31")
GALAXY_TYPE = "dossier-groups"
GALAXY_UUID = str(uuid.uuid5(NAMESPACE, "galaxy|" + GALAXY_TYPE))
GALAXY = {
    "name": "dossier groups",
    "type": GALAXY_TYPE,
    "namespace": "dossier",
    "icon": "user-secret",
    "uuid": GALAXY_UUID,
    "description": "Armed and terrorist organisations of a dossier knowledge base, built from open documents: "
    "every value cites the quotes it comes from (meta `evidence`).",
}
ORGANISATION = {"name": "dossier", "uuid": str(uuid.uuid5(NAMESPACE, "organisation|dossier"))}
TAG_NAMESPACE = "dossier"

# dossier's kind of relation (group -> target) -> the MISP relationship type
# (misp-objects' relationships, whose cert-eu part is made for groups). Kinds
# with no MISP word keep dossier's own.
RELATIONSHIPS = {
    "subunit_of": "subgroup",
    "affiliate_of": "affiliated",
    "ally": "cooperates-with",
    "opponent": "enemy-of",
    "merged_into": "has-joined",
    "successor": "successor-of",
    "predecessor": "predecessor-of",
    "splinter_of": "splinter-of",
    "pledged_allegiance_to": "pledged-allegiance-to",
}
TOLLS = ("killed", "wounded", "hostages")


def misp_uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(parts)))


def _epoch(changed_at: str | None) -> int:
    """The knowledge base's last change in seconds since 1970 (0 for one that never changed)."""
    return int(datetime.fromisoformat(changed_at).timestamp()) if changed_at else 0


def _day(value: str) -> str:
    """ "2007" -> "2007-01-01": MISP dates are days, so a year or month is its first day."""
    parts = value.split("-")
    return "-".join([parts[0], *(parts[1:] + ["01", "01"])[:2]])


def _precision(value: str) -> str:
    """What a date gives: the `*_time_fidelity` of MISP's event object."""
    return {1: "year", 2: "month"}.get(value.count("-") + 1, "day")


def _tag(predicate: str, value: str) -> str:
    return f'{TAG_NAMESPACE}:{predicate}="{value}"'


def galaxy_tag(value: str) -> str:
    return f'misp-galaxy:{GALAXY_TYPE}="{value}"'


def _quote(snap: Snapshot, label: str, text: str, ev: dict[str, Any]) -> str:
    doc = document_label(snap.document.get(ev["doc"], {"id": ev["doc"]}))
    quote = " ".join(ev["quote"].split())
    return f"{label}: {text} — “{quote}” ({doc}, doc {ev['doc']}, characters {ev['start']}–{ev['end']})"


def _values(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


class Galaxy:
    """The cluster values of the organisations, keyed by entity id."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self.version = _epoch(snap.changed_at)
        self.uuids = {o["id"]: misp_uuid("cluster", o["id"]) for o in snap.organizations}
        self.values = self._unique_values()
        self.clusters = {o["id"]: self._cluster(o) for o in snap.organizations}

    def _unique_values(self) -> dict[str, str]:
        """MISP knows a cluster by its value: two groups of one name get their ids after it."""
        names = Counter(o["name"] for o in self.snap.organizations)
        return {
            o["id"]: o["name"] if names[o["name"]] == 1 else f"{o['name']} ({o['id']})" for o in self.snap.organizations
        }

    def _cluster(self, org: View) -> dict[str, Any]:
        snap = self.snap
        fields = snap.org_fields(org)
        docs = sorted({ev["doc"] for f in fields for line in f.lines for ev in line.evidence})
        founded = [i for i in org["founded"] if (i.get("kind") or "founded") == "founded"]
        meta: dict[str, Any] = {
            "synonyms": _values(a["value"] for a in org["aliases"] if a["value"] != org["name"]),
            "country": org["origin_country"][0]["value"] if org["origin_country"] else None,
            "refs": _values(snap.document[d]["path"] for d in docs if d in snap.document),
            "founded": _values(i["value"] for i in founded),
            "size": _values(size_text(i) for i in org["size"]),
            "areas": _values(country_name(c["value"]) for c in org["countries"]),
            "ideology": _values(i["value"] for i in org["ideology"]),
            "designated-by": _values(
                country_name(d["by"]) + (f" ({d['date']})" if d.get("date") else "") for d in org["designations"]
            ),
            "evidence": _values(
                _quote(snap, f.label, line.text, ev) for f in fields for line in f.lines for ev in line.evidence
            ),
        }
        related = []
        for item in org["relations"]:
            if item["target"] in self.uuids:
                entry = {"dest-uuid": self.uuids[item["target"]], "type": RELATIONSHIPS.get(item["type"], "related-to")}
                if entry not in related:
                    related.append(entry)
        cluster: dict[str, Any] = {
            "value": self.values[org["id"]],
            "uuid": self.uuids[org["id"]],
            "description": "\n".join(
                f"{f.label}: {'; '.join(_values(line.text for line in f.lines))}" for f in fields if f.key != "name"
            ),
            "meta": {k: v for k, v in meta.items() if v},
        }
        if related:
            cluster["related"] = related
        return cluster

    def galaxy_file(self) -> dict[str, Any]:
        return {**GALAXY, "version": self.version}

    def cluster_file(self) -> dict[str, Any]:
        return {
            "name": GALAXY["name"],
            "type": GALAXY_TYPE,
            "uuid": GALAXY_UUID,
            "description": GALAXY["description"],
            "category": "actor",
            "source": f"dossier: {len(self.snap.documents)} documents (each value's `refs` and `evidence`)",
            "authors": ["dossier"],
            "version": self.version,
            "values": [self.clusters[o["id"]] for o in sorted(self.snap.organizations, key=lambda o: o["id"])],
        }

    def event_galaxy(self, org_ids: list[str]) -> dict[str, Any]:
        """The galaxy as an event carries it: its clusters for these groups, with misp-galaxy's own
        meta keys only (the cluster file has the rest, and every event of a group would repeat it)."""
        clusters = []
        for org_id in org_ids:
            c = self.clusters[org_id]
            clusters.append(
                {
                    "uuid": c["uuid"],
                    "type": GALAXY_TYPE,
                    "value": c["value"],
                    "tag_name": galaxy_tag(c["value"]),
                    "description": c["description"],
                    "source": "dossier",
                    "authors": ["dossier"],
                    "version": str(self.version),
                    "meta": {k: v for k, v in c["meta"].items() if k in ("synonyms", "country", "refs")},
                }
            )
        return {**GALAXY, "version": str(self.version), "GalaxyCluster": clusters}


def _object(name: str, ident: str, timestamp: int, comment: str = "") -> MISPObject:
    obj = MISPObject(name, force_timestamps=True)
    obj.uuid = ident
    obj.timestamp = timestamp
    if comment:
        obj.comment = comment
    return obj


def misp_event(snap: Snapshot, e: View, galaxy: Galaxy) -> MISPEvent:
    """One incident as a MISP event."""
    ident = misp_uuid("event", e["id"])
    ts = galaxy.version
    event = MISPEvent(force_timestamps=True)
    event.uuid = ident
    event.info = event_name(e)
    # An undated incident still needs a MISP date: the day the knowledge base last changed, tagged as such.
    event.date = date.fromisoformat(_day(e["date"])) if e["date"] else datetime.fromtimestamp(ts, UTC).date()
    event.timestamp = ts
    event.threat_level_id = 4  # undefined: the sources tell what happened, not how grave a threat it is
    event.analysis = 2  # completed: the event is what the knowledge base knows
    event.distribution = 0  # this organisation only, until someone decides to share it
    event.published = False
    orgc = MISPOrganisation()
    orgc.from_dict(**ORGANISATION)
    event.Orgc = orgc

    for t in e["types"]:
        event.add_tag(_tag("event-type", t))
    if not e["date"]:
        event.add_tag(_tag("date", "undated"))
    groups = [p for p in e["perpetrators"] if p in galaxy.clusters]
    for org_id in groups:
        event.add_tag(galaxy_tag(galaxy.values[org_id]))
    if groups:
        event.add_galaxy(galaxy.event_galaxy(groups))

    def add(obj: MISPObject, relation: str, value: str, **kwargs: Any) -> None:
        obj.add_attribute(relation, value=value, uuid=misp_uuid(obj.uuid, relation, value), timestamp=ts, **kwargs)

    incident = _object("event", misp_uuid(ident, "incident"), ts)
    add(incident, "name", event.info)
    add(incident, "status", "occurred")
    if e["summary"]:
        add(incident, "description", e["summary"])
    for t in e["types"]:
        add(incident, "event_type", t.replace("_", " "))
    for key, when in (("start", e["date"]), ("end", e.get("end_date"))):
        if when:
            add(incident, f"{key}_time", _day(when))
            add(incident, f"{key}_time_fidelity", _precision(when))
    event.add_object(incident)

    if e.get("country") or e.get("place"):
        where = _object("geolocation", misp_uuid(ident, "geolocation"), ts)
        if e.get("place"):
            add(where, "city", e["place"])
        if e.get("country"):
            add(where, "country", country_name(e["country"]))
            add(where, "countrycode", e["country"])
        event.add_object(where)

    def attribute(value: str, comment: str) -> None:
        event.add_attribute(
            "text", value, comment=comment, uuid=misp_uuid(ident, comment, value), timestamp=ts, to_ids=False
        )

    for toll in TOLLS:
        if e.get(toll):
            attribute(number(e[toll]), toll)
    for other in e["alt_dates"]:
        attribute(other, "date, as another source gives it")

    _sources(snap, event, e["evidence"], ts, add)
    return event


def _sources(snap: Snapshot, event: MISPEvent, evidence: Evidence, ts: int, add: Any) -> None:
    """One `file` object per source document, its quotes as `text` attributes."""
    by_doc: dict[str, Evidence] = {}
    for ev in evidence:
        by_doc.setdefault(ev["doc"], []).append(ev)
    for doc_id, quotes in sorted(by_doc.items()):
        doc = snap.document.get(doc_id, {"id": doc_id, "path": doc_id})
        title = f"source document: {doc['title']}" if doc.get("title") else "source document"
        source = _object("file", misp_uuid(event.uuid, "document", doc_id), ts, title)
        add(source, "filename", PurePath(doc["path"]).name or doc_id, to_ids=False, category="External analysis")
        add(source, "fullpath", doc["path"])
        if doc.get("sha256"):
            add(source, "sha256", doc["sha256"], to_ids=False, category="External analysis")
        for ev in sorted(quotes, key=lambda q: (q["start"], q["end"])):
            comment = f"quote: characters {ev['start']}–{ev['end']} of document {doc_id}"
            source.add_attribute(
                "text",
                value=ev["quote"],
                comment=comment,
                uuid=misp_uuid(event.uuid, "quote", doc_id, str(ev["start"]), str(ev["end"])),
                timestamp=ts,
            )
        event.add_object(source)


def _json(data: Any) -> str:
    """Indented, keys sorted, UTF-8 as it is; PyMISP's objects as PyMISP writes them."""
    return json.dumps(data, default=pymisp_json_default, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_misp(snap: Snapshot, folder: Path, console: Console | None = None) -> list[Path]:
    """Write the galaxy, the cluster file and one file per event into `folder`; the paths written.

    Each event is written as it is made (a knowledge base may have a hundred thousand), with a
    progress bar on `console`; the index files last, so an interrupted export lists no event it lacks."""
    galaxy = Galaxy(snap)
    written = []

    def write(relative: Path, text: str) -> None:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
        written.append(path)

    write(Path("galaxies", f"{GALAXY_TYPE}.json"), _json(galaxy.galaxy_file()))
    write(Path("clusters", f"{GALAXY_TYPE}.json"), _json(galaxy.cluster_file()))
    _drop_stale_events(folder / "events", {f"{misp_uuid('event', e['id'])}.json" for e in snap.events})
    manifest: dict[str, Any] = {}
    hashes = io.StringIO()
    rows = csv.writer(hashes, lineterminator="\n")
    views: Iterable[View] = snap.events
    if console is not None:
        views = track(views, description="MISP events", console=console, transient=True)
    for view in views:
        event = misp_event(snap, view, galaxy)
        write(Path("events", f"{event.uuid}.json"), _json({"Event": event}))
        manifest.update(event.manifest)
        for attr in [*event.attributes, *(a for obj in event.objects for a in obj.attributes)]:
            for digest in attr.hash_values("md5"):
                rows.writerow([digest, event.uuid])
    write(Path("events", "manifest.json"), _json(manifest))
    write(Path("events", "hashes.csv"), hashes.getvalue())
    return written


def _drop_stale_events(folder: Path, keep: set[str]) -> None:
    """An event of an earlier export that this one no longer has (a merge joined it to another)
    goes, so that the folder holds what the knowledge base knows; other files stay."""
    if not folder.is_dir():
        return
    for path in folder.glob("*.json"):
        try:
            uuid.UUID(path.stem)
        except ValueError:
            continue
        if path.name not in keep:
            path.unlink()
