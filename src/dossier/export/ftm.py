"""FollowTheMoney: the knowledge base as entities for Aleph, OpenSanctions and yente.

One JSON object a line, each made with `followthemoney.model` (so every value is
cleaned by its property's type):

- `Document` per source document (file name, title, language, publisher, text);
- `Organization` per organisation: name, aliases, `mainCountry` (country of
  origin), `country` (areas of operation), `incorporationDate` (founded),
  `topics: crime.terror` when it is designated or named perpetrator of an attack;
- `Person`: name, aliases, birth date, nationality, date of death, positions
  (`topics: crime.terror` for a person with a role in such an organisation);
- `Membership` (person in organisation, role, period), `UnknownLink` (relation
  between organisations: `role` is the kind, with its period), `Sanction` (a
  designation: authority, country, date), `Event` (date, place, country,
  perpetrators as `involved`);
- `Note` for each disagreement between sources.

Evidence: every entity's `proof` names the `Document`s it comes from. An
organisation, person or event also gets one `Note` per source document whose
`description` lists each value that document gives with its quote and
character offsets; the interval entities (Membership, UnknownLink, Sanction)
carry their quotes in their own `description`. What has no FtM property (size,
ideology, funding, methods ...) is a line of the entity's `summary` and of its
Notes, with the quote.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from dossier.export.snapshot import (
    Evidence,
    Field,
    Line,
    Snapshot,
    View,
    conflict_lines,
    country_name,
    document_label,
    event_fields,
    event_name,
    memberships,
)
from dossier.model import DEATH_STATUSES

PREFIX = "dossier"
TOPIC = "crime.terror"
# Fields with an FtM property of their own; the rest go to `summary`.
_MAPPED = {"name", "aliases", "origin_country", "countries", "founded", "born", "nationality", "roles", "leaders"}


def ftm_id(*parts: str) -> str:
    if len(parts) == 1:
        return f"{PREFIX}-{parts[0]}"
    return f"{PREFIX}-{hashlib.sha1('|'.join(parts).encode()).hexdigest()[:20]}"


def _doc_id(doc: str) -> str:
    return f"{PREFIX}-doc-{doc}"


def _quote(ev: dict[str, Any]) -> str:
    return f"“{' '.join(ev['quote'].split())}” ({ev['doc']}, characters {ev['start']}–{ev['end']})"


def _quotes(evidence: Evidence) -> str:
    return "\n".join(_quote(ev) for ev in evidence)


class _Entities:
    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self.out: dict[str, EntityProxy] = {}

    def make(self, schema: str, ident: str, evidence: Evidence | None = None, **props: Any) -> EntityProxy:
        proxy = model.make_entity(schema)
        proxy.id = ident
        for prop, values in props.items():
            for value in values if isinstance(values, list | tuple | set) else [values]:
                if value not in (None, ""):
                    proxy.add(prop, value)
        docs = sorted({ev["doc"] for ev in evidence or []})
        proxy.add("proof", [_doc_id(d) for d in docs])
        self.out[ident] = proxy
        return proxy

    def notes(self, entity: EntityProxy, fields: list[Field]) -> None:
        """One Note per source document: each value it gives, with the quote."""
        by_doc: dict[str, list[str]] = {}
        for f in fields:
            for line in f.lines:
                for ev in line.evidence:
                    by_doc.setdefault(ev["doc"], []).append(f"{f.label}: {line.text} — {_quote(ev)}")
        for doc, lines in sorted(by_doc.items()):
            label = document_label(self.snap.document.get(doc, {"id": doc}))
            self.make(
                "Note",
                ftm_id("note", str(entity.id), doc),
                [{"doc": doc}],
                entity=entity.id,
                name=f"Sources: {label}",
                description="\n".join(dict.fromkeys(lines)),
            )


def _summary(fields: list[Field]) -> str:
    return "\n".join(f"{f.label}: {line.text}" for f in fields if f.key not in _MAPPED for line in f.lines)


def _all_evidence(fields: list[Field]) -> Evidence:
    return [ev for f in fields for line in f.lines for ev in line.evidence]


def export_entities(snap: Snapshot) -> list[EntityProxy]:
    e = _Entities(snap)
    names = snap.names
    terrorist = snap.terrorist()
    members = snap.members_of_terrorist()
    for doc in snap.documents:
        e.make(
            "Document",
            _doc_id(doc["id"]),
            fileName=PurePath(doc["path"]).name or doc["id"],
            title=doc.get("title"),
            language=doc.get("lang") if doc.get("lang") != "und" else None,
            publisher=doc.get("publisher"),
            bodyText=snap.texts.get(doc["id"]),
            mimeType={"html": "text/html", "pdf": "application/pdf"}.get(doc.get("format") or "", "text/plain"),
        )
    orgs = {o["id"]: ftm_id(o["id"]) for o in snap.organizations}
    people = {p["id"]: ftm_id(p["id"]) for p in snap.persons}

    for o in snap.organizations:
        fields = snap.org_fields(o)
        founded = [i for i in o["founded"] if (i.get("kind") or "founded") == "founded"]
        entity = e.make(
            "Organization",
            orgs[o["id"]],
            _all_evidence(fields),
            name=o["name"],
            alias=[a["value"] for a in o["aliases"]],
            mainCountry=[c["value"] for c in o["origin_country"]],
            country=[c["value"] for c in o["countries"]],
            incorporationDate=[i["value"] for i in founded],
            topics=TOPIC if o["id"] in terrorist else None,
            summary=_summary(fields),
        )
        e.notes(entity, fields)
        _conflicts(e, entity, o)
        for item in o["relations"]:
            if item["target"] in orgs:
                e.make(
                    "UnknownLink",
                    ftm_id(
                        "link", o["id"], item["target"], item["type"], item.get("start") or "", item.get("end") or ""
                    ),
                    item["evidence"],
                    subject=orgs[o["id"]],
                    object=orgs[item["target"]],
                    role=item["type"].replace("_", " "),
                    startDate=item.get("start"),
                    endDate=item.get("end"),
                    description=_quotes(item["evidence"]),
                )
        for item in o["designations"]:
            e.make(
                "Sanction",
                ftm_id("sanction", o["id"], item["by"], item.get("date") or ""),
                item["evidence"],
                entity=orgs[o["id"]],
                authority=country_name(item["by"]),
                country=item["by"] if item["by"] not in ("UN", "EU") else None,
                program="Designation as a terrorist organisation",
                startDate=item.get("date"),
                description=_quotes(item["evidence"]),
            )

    for p in snap.persons:
        fields = snap.person_fields(p)
        deaths = [s["date"] for s in p["status"] if s["value"] in DEATH_STATUSES and s.get("date")]
        entity = e.make(
            "Person",
            people[p["id"]],
            _all_evidence(fields),
            name=p["name"],
            alias=[a["value"] for a in p["aliases"]],
            birthDate=[b["value"] for b in p["born"]],
            nationality=[n["value"] for n in p["nationality"]],
            deathDate=deaths,
            position=sorted({r["role"] for r in p["roles"] if r.get("role")}),
            topics=TOPIC if p["id"] in members else None,
            summary=_summary(fields),
        )
        e.notes(entity, fields)
        _conflicts(e, entity, p)

    for m in memberships(snap):
        if m["person"] in people and m["org"] in orgs:
            e.make(
                "Membership",
                ftm_id("member", m["person"], m["org"], m["role"] or "", m["start"] or "", m["end"] or ""),
                m["evidence"],
                member=people[m["person"]],
                organization=orgs[m["org"]],
                role=m["role"],
                startDate=m["start"],
                endDate=m["end"],
                description=_quotes(m["evidence"]),
            )

    for ev in snap.events:
        fields = event_fields(ev, names)
        entity = e.make(
            "Event",
            ftm_id(ev["id"]),
            ev["evidence"],
            name=event_name(ev),
            date=ev["date"],
            endDate=ev.get("end_date"),
            country=ev.get("country"),
            location=ev.get("place"),
            summary=ev["summary"],
            involved=[orgs[x] for x in ev["perpetrators"] if x in orgs],
            keywords=[t.replace("_", " ") for t in ev["types"]],
            notes=_summary([f for f in fields if f.key in ("killed", "wounded", "hostages")]),
        )
        # An event's quotes are one list (the reports of it), not one per value.
        e.notes(entity, [Field("evidence", "Reported", [Line(event_name(ev), ev["evidence"])])])
    return list(e.out.values())


def _conflicts(e: _Entities, entity: EntityProxy, view: View) -> None:
    for i, conflict in enumerate(view.get("conflicts", [])):
        lines = list(conflict_lines(conflict))
        evidence = [ev for line in lines for ev in line.evidence]
        text = [conflict.get("note") or ""]
        text += [f"{line.text}: {_quote(ev)}" for line in lines for ev in line.evidence]
        e.make(
            "Note",
            ftm_id("conflict", str(entity.id), str(i)),
            evidence,
            entity=entity.id,
            name=f"Sources disagree: {conflict['property'].replace('_', ' ')}",
            description="\n".join(text),
        )


def ftm_lines(entities: Iterable[EntityProxy]) -> Iterator[str]:
    for proxy in entities:
        yield json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True)


def write_ftm(snap: Snapshot) -> str:
    return "".join(line + "\n" for line in ftm_lines(export_entities(snap)))
