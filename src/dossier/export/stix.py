"""STIX 2.1: the knowledge base as one bundle for threat-intelligence platforms (OpenCTI, MISP).

- an organisation is a `threat-actor` (a group: `threat_actor_types` is
  `terrorist` when it is designated or named perpetrator of an attack) with its
  aliases, `first_seen` (the founding), `goals` and, where an ideology is stated,
  `primary_motivation: ideology`; every other value of its factsheet is a line of
  its `description`;
- a person is an `identity` (`individual`) with the roles sources give;
- a country is a `location`;
- relationships: group `located-at` an area of operation, group `originates-from`
  its country of origin, incident `attributed-to` its perpetrators, incident
  `targets` its country, and `related-to` (description: the kind of relation
  and its period) between groups and between a person and a group;
- an event is an `incident`, and again, with its perpetrators, country and
  their relationships, a `grouping` (MISP's importer reads no `incident` and
  makes an event of each grouping); a disagreement between sources is a `note`;
- a source document is a `report` whose `object_refs` list what came from it.

Evidence: each object's `external_references` hold its quotes (`description`:
the quote; `source_name`: the document; `external_id`: document id and
character offsets; `hashes`: the document's SHA-256), and each line of its
`description` ends with the numbers of the references behind it ("[1][3]").

Ids are UUIDv5 of the entity ids, so a rebuild of the same files gives the same
bundle. `created` and `modified` are when the knowledge base first stored and
last changed the entity an object comes from (its statements, see
`Store.stamp_entities`): a rebuild that changes nothing keeps them, and a
changed fact makes its objects newer, which is how OpenCTI and MISP tell a new
version of an object. A relationship or a note takes the times of the entities
it comes from, a document's report those of the objects it lists; the fixed
objects (dossier itself, a country) carry the Unix epoch.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from typing import Any

import stix2

from dossier.export.snapshot import (
    Evidence,
    Field,
    Snapshot,
    View,
    conflict_lines,
    country_name,
    document_label,
    event_fields,
    event_name,
    memberships,
    period,
)

# Fixed: the same entity id gives the same STIX id in every bundle dossier writes.
NAMESPACE = uuid.UUID("6c0b3b8e-52f4-5c7e-9a61-3c1f3e0d9a10")
EPOCH = "1970-01-01T00:00:00.000Z"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def stix_id(kind: str, *parts: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, '|'.join((kind, *parts)))}"


PRODUCER = stix_id("identity", "dossier")


def timestamp(date: str | None) -> str | None:
    """ "2007" -> "2007-01-01T00:00:00Z": STIX has no partial dates, so a year is its first day."""
    m = _DATE.match(date or "")
    if not m:
        return None
    year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
    return f"{year}-{month}-{day}T00:00:00Z"


class _Citations:
    """One object's external references: each distinct quote once, numbered in order."""

    def __init__(self, snap: Snapshot) -> None:
        self.documents = snap.document
        self.numbers: dict[tuple[str, int, int], int] = {}
        self.refs: list[dict[str, Any]] = []
        self.docs: set[str] = set()

    def cite(self, evidence: Evidence) -> str:
        out = []
        for ev in evidence:
            key = (ev["doc"], ev["start"], ev["end"])
            if key not in self.numbers:
                self.numbers[key] = len(self.numbers) + 1
                doc = self.documents.get(ev["doc"], {"id": ev["doc"]})
                ref = {
                    "source_name": document_label(doc),
                    "description": ev["quote"],
                    "external_id": f"{ev['doc']}:{ev['start']}-{ev['end']}",
                }
                if doc.get("sha256"):
                    ref["hashes"] = {"SHA-256": doc["sha256"]}
                self.refs.append(ref)
                self.docs.add(ev["doc"])
            out.append(self.numbers[key])
        return "".join(f"[{n}]" for n in sorted(set(out)))

    def describe(self, fields: Iterable[Field], heading: str = "") -> str:
        lines = [heading] if heading else []
        for f in fields:
            lines.extend(f"{f.label}: {line.text} {self.cite(line.evidence)}" for line in f.lines)
        return "\n".join(lines)


def stix_time(iso: str) -> str:
    """ "2026-03-01T10:20:30+00:00" (as the store writes times) -> "2026-03-01T10:20:30.000Z"."""
    return iso[:19] + ".000Z"


class _Bundle:
    """The objects of the bundle, and for each source document the objects it gave."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self.objects: dict[str, Any] = {}
        self.from_doc: dict[str, set[str]] = {}

    def add(self, obj: Any, docs: Iterable[str] = ()) -> str:
        self.objects[obj.id] = obj
        for doc in docs:
            self.from_doc.setdefault(doc, set()).add(obj.id)
        return str(obj.id)

    def times(self, *entities: str) -> tuple[str, str]:
        """(created, modified): the first time any of `entities` was stored, the last time one changed."""
        known = [self.snap.versions[e] for e in entities if e in self.snap.versions]
        if not known:
            return EPOCH, EPOCH
        return stix_time(min(c for c, _m in known)), stix_time(max(m for _c, m in known))

    def common(self, cites: _Citations, *entities: str) -> dict[str, Any]:
        created, modified = self.times(*entities)
        out: dict[str, Any] = {"created": created, "modified": modified, "created_by_ref": PRODUCER}
        if cites.refs:
            out["external_references"] = cites.refs
        return out

    def location(self, code: str) -> str:
        ident = stix_id("location", code)
        if ident not in self.objects:
            self.add(
                stix2.v21.Location(
                    id=ident,
                    created=EPOCH,
                    modified=EPOCH,
                    created_by_ref=PRODUCER,
                    name=country_name(code),
                    country=code,
                )
            )
        return ident

    def relationship(
        self, source: str, kind: str, target: str, description: str, evidence: Evidence, *entities: str
    ) -> str:
        """A relationship from STIX object `source` to `target`, dated by the `entities` whose statements give it."""
        cites = _Citations(self.snap)
        text = f"{description} {cites.cite(evidence)}".strip()
        ident = stix_id("relationship", source, kind, target, description)
        rel = stix2.v21.Relationship(
            id=ident,
            relationship_type=kind,
            source_ref=source,
            target_ref=target,
            description=text,
            **self.common(cites, *entities),
        )
        # A relationship's ends belong to the report of each document it comes from.
        self.add(rel, cites.docs)
        for doc in cites.docs:
            self.from_doc[doc].update((source, target))
        return ident


def export_bundle(snap: Snapshot) -> stix2.v21.Bundle:
    b = _Bundle(snap)
    names = snap.names
    b.add(
        stix2.v21.Identity(
            id=PRODUCER,
            created=EPOCH,
            modified=EPOCH,
            name="dossier",
            identity_class="system",
            description="A source-grounded knowledge base built from open documents; every value cites its quote.",
        )
    )
    actors = {o["id"]: stix_id("threat-actor", o["id"]) for o in snap.organizations}
    people = {p["id"]: stix_id("identity", p["id"]) for p in snap.persons}
    terrorist = snap.terrorist()

    for org in snap.organizations:
        cites = _Citations(snap)
        fields = snap.org_fields(org)
        description = cites.describe(fields)
        founded = [i for i in org["founded"] if (i.get("kind") or "founded") == "founded"] or org["founded"]
        first_seen = min((t for t in (timestamp(i["value"]) for i in founded) if t), default=None)
        props: dict[str, Any] = {
            "aliases": sorted({a["value"] for a in org["aliases"]}) or None,
            "first_seen": first_seen,
            "goals": [g["value"] for g in org.get("goals", [])] or None,
            "primary_motivation": "ideology" if org["ideology"] else None,
            "threat_actor_types": ["terrorist"] if org["id"] in terrorist else None,
        }
        b.add(
            stix2.v21.ThreatActor(
                id=actors[org["id"]],
                name=org["name"],
                description=description or None,
                **{k: v for k, v in props.items() if v},
                **b.common(cites, org["id"]),
            ),
            cites.docs,
        )

    for p in snap.persons:
        cites = _Citations(snap)
        roles = sorted({r["role"] for r in p["roles"] if r.get("role")})
        b.add(
            stix2.v21.Identity(
                id=people[p["id"]],
                name=p["name"],
                identity_class="individual",
                roles=roles or None,
                description=cites.describe(snap.person_fields(p)) or None,
                **b.common(cites, p["id"]),
            ),
            cites.docs,
        )

    for org in snap.organizations:
        source = actors[org["id"]]
        own = org["id"]
        for item in org["countries"]:
            where = b.location(item["value"])
            b.relationship(source, "located-at", where, "area of operation", item["evidence"], own)
        for item in org["origin_country"]:
            where = b.location(item["value"])
            b.relationship(source, "originates-from", where, "country of origin", item["evidence"], own)
        for item in org["relations"]:
            if item["target"] in actors:
                what = f"{item['type'].replace('_', ' ')}{period(item)}"
                b.relationship(source, "related-to", actors[item["target"]], what, item["evidence"], own)

    for m in memberships(snap):
        if m["person"] in people and m["org"] in actors:
            what = f"{m['role'] or 'member'}{period(m)}"
            b.relationship(
                people[m["person"]], "related-to", actors[m["org"]], what, m["evidence"], m["person"], m["org"]
            )

    for e in snap.events:
        _incident(b, e, names, actors)

    for view, ref in [(o, actors[o["id"]]) for o in snap.organizations] + [(p, people[p["id"]]) for p in snap.persons]:
        for i, conflict in enumerate(view.get("conflicts", [])):
            _conflict_note(b, view, ref, i, conflict)

    for doc in snap.documents:
        refs = sorted(b.from_doc.get(doc["id"], ()))
        if not refs:  # a report must list something; a document that gave nothing has no report
            continue
        # Dated by what came from it; the fixed objects it lists (countries) have no time of their own.
        listed = [b.objects[r] for r in refs if r in b.objects and b.objects[r].type != "location"]
        created = min((o.created for o in listed), default=EPOCH)
        modified = max((o.modified for o in listed), default=EPOCH)
        b.add(
            stix2.v21.Report(
                id=stix_id("report", doc["sha256"]),
                created=created,
                modified=modified,
                created_by_ref=PRODUCER,
                name=document_label(doc),
                published=created,
                report_types=["threat-actor"],
                description=f"Source document {doc['path']} ({doc['lang']}, {doc['format']}), read by dossier: "
                "the objects it lists are those with a quote from it.",
                object_refs=refs,
                external_references=[
                    {
                        "source_name": "dossier",
                        "external_id": doc["id"],
                        "description": doc["path"],
                        "hashes": {"SHA-256": doc["sha256"]},
                    }
                ],
            )
        )

    objects = [b.objects[k] for k in sorted(b.objects)]
    return stix2.v21.Bundle(objects=objects, id=stix_id("bundle", *sorted(d["sha256"] for d in snap.documents)))


def _incident(b: _Bundle, e: View, names: dict[str, str], actors: dict[str, str]) -> None:
    cites = _Citations(b.snap)
    ident = stix_id("incident", e["id"])
    description = cites.describe(event_fields(e, names))
    b.add(
        stix2.v21.Incident(id=ident, name=event_name(e), description=description, **b.common(cites, e["id"])),
        cites.docs,
    )
    context = [ident]
    what = ", ".join(t.replace("_", " ") for t in e["types"]) or "event"
    for perpetrator in e["perpetrators"]:
        if perpetrator in actors:
            context += [actors[perpetrator]]
            context += [
                b.relationship(
                    ident,
                    "attributed-to",
                    actors[perpetrator],
                    f"the group sources name for this {what}",
                    e["evidence"],
                    e["id"],
                )
            ]
    if e.get("country"):
        where = country_name(e["country"])
        context += [b.location(e["country"])]
        context += [
            b.relationship(ident, "targets", b.location(e["country"]), f"{what} in {where}", e["evidence"], e["id"])
        ]
    # The incident with its context, once more as a grouping: a tool that reads no `incident`
    # (MISP's importer, misp-stix) makes an event of each grouping, with its name and description,
    # which therefore lists the quotes its numbers cite, as external references do not reach it.
    sources = "\n".join(
        f"[{n}] “{ref['description']}” ({ref['source_name']}, {ref['external_id']})"
        for n, ref in enumerate(cites.refs, 1)
    )
    b.add(
        stix2.v21.Grouping(
            id=stix_id("grouping", e["id"]),
            name=event_name(e),
            description=f"{description}\n\nSources:\n{sources}",
            context="suspicious-activity",
            object_refs=context,
            **b.common(cites, e["id"]),
        )
    )  # not in the documents' reports, which list the incident: a container in a container helps no one


def _conflict_note(b: _Bundle, view: View, ref: str, index: int, conflict: View) -> None:
    cites = _Citations(b.snap)
    field = Field(conflict["property"], "Value", list(conflict_lines(conflict)))
    content = cites.describe([field], heading=conflict.get("note") or "")
    b.add(
        stix2.v21.Note(
            id=stix_id("note", view["id"], str(index), conflict["property"]),
            abstract=f"Sources disagree about {view['name']}: {conflict['property'].replace('_', ' ')}",
            content=content,
            object_refs=[ref],
            **b.common(cites, view["id"]),
        ),
        cites.docs,
    )


def write_stix(snap: Snapshot) -> str:
    # stix2's own `pretty=True` takes seconds on a few hundred objects; indent the plain form instead.
    return json.dumps(json.loads(export_bundle(snap).serialize()), ensure_ascii=False, indent=1) + "\n"
