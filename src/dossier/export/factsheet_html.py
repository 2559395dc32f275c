"""A printable factsheet of one group: HTML with its sources as numbered footnotes.

The page shows what `dossier show` shows (profile, leaders with their fates,
disagreements, the activities) and ends with every quote it cites, numbered in
the order first cited. All text comes from documents nobody vetted, so the
template escapes everything (Jinja2 autoescape). `factsheet_pdf` prints the
same page to PDF.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from dossier.export.snapshot import (
    Evidence,
    Field,
    Snapshot,
    conflict_lines,
    country_name,
    document_label,
    number,
)
from dossier.views import timeline

_ENV = Environment(
    loader=PackageLoader("dossier.export", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


class Footnotes:
    """Numbers quotes in the order they are first cited: 1, 2, ..."""

    def __init__(self, snap: Snapshot) -> None:
        self.documents = snap.document
        self.numbers: dict[tuple[str, int, int], int] = {}
        self.notes: list[dict[str, Any]] = []

    def refs(self, evidence: Evidence) -> list[int]:
        out = []
        for ev in evidence:
            key = (ev["doc"], ev["start"], ev["end"])
            if key not in self.numbers:
                self.numbers[key] = len(self.numbers) + 1
                doc = self.documents.get(ev["doc"], {"id": ev["doc"], "path": ev["doc"]})
                self.notes.append(
                    {
                        "number": self.numbers[key],
                        "document": document_label(doc),
                        "path": doc.get("path") or ev["doc"],
                        "start": ev["start"],
                        "end": ev["end"],
                        "quote": " ".join(ev["quote"].split()),
                    }
                )
            out.append(self.numbers[key])
        return sorted(set(out))

    def fields(self, fields: list[Field]) -> list[dict[str, Any]]:
        return [
            {"label": f.label, "lines": [{"text": line.text, "refs": self.refs(line.evidence)} for line in f.lines]}
            for f in fields
        ]


def factsheet_context(snap: Snapshot, entity: str) -> dict[str, Any]:
    """What the template shows for the organisation `entity`."""
    org = next(o for o in snap.organizations if o["id"] == entity)
    notes = Footnotes(snap)
    fields = notes.fields(snap.org_fields(org))
    persons = {p["id"]: p for p in snap.persons}
    leaders = [persons[p] for p in dict.fromkeys(x["person"] for x in org["leaders"]) if p in persons]
    people = [{"name": p["name"], "fields": notes.fields(snap.person_fields(p))} for p in leaders]
    owners = [(org, "")] + [(p, f"{p['name']}: ") for p in leaders]
    conflicts = [
        {
            "label": prefix + conflict["property"].replace("_", " "),
            "note": conflict.get("note") or "",
            "lines": [{"text": line.text, "refs": notes.refs(line.evidence)} for line in conflict_lines(conflict)],
        }
        for owner, prefix in owners
        for conflict in owner["conflicts"]
    ]
    events = [
        {
            "date": e["date"] or "?",
            "types": ", ".join(t.replace("_", " ") for t in e["types"]),
            "where": ", ".join(
                x for x in (e.get("place"), country_name(e["country"]) if e.get("country") else "") if x
            ),
            "killed": number(e.get("killed")),
            "summary": e["summary"],
            "refs": notes.refs(e["evidence"]),
        }
        for e in timeline(snap.kb, entity)
    ]
    cited = {n["path"] for n in notes.notes}
    return {
        "org": org,
        "fields": fields,
        "people": people,
        "conflicts": conflicts,
        "events": events,
        "notes": notes.notes,
        "documents": len(cited),
    }


def render_factsheet(snap: Snapshot, entity: str) -> str:
    return _ENV.get_template("factsheet.html.j2").render(**factsheet_context(snap, entity))
