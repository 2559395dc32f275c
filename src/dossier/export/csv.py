"""CSV: one table per kind of thing, for spreadsheets. UTF-8, a header row, one folder.

- `documents.csv`: the sources (id, path, title, language, publisher, format, sha256);
- `organizations.csv`, `persons.csv`, `events.csv`: one row per entity, each
  field's values joined by "; " as the factsheet writes them, and the ids of
  the documents they come from;
- `relations.csv`: one row per link (group to group, person to group, event to
  perpetrator) with its period, documents and quotes;
- `statements.csv`: the evidence of every value, one row per statement:
  entity, property, value, qualifiers, document (id, path, title), character
  offsets and the quote.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from dossier.export.json import write_atomic
from dossier.export.snapshot import (
    Field,
    Snapshot,
    View,
    event_name,
    memberships,
)
from dossier.model import REFERENCE_PROPS

ORG_COLUMNS = (
    *("aliases", "origin_country", "countries", "founded", "ideology", "goals", "size", "leaders"),
    *("relations", "designations", "funding", "methods", "colours", "media"),
)
PERSON_COLUMNS = ("aliases", "born", "nationality", "status", "roles")


def _docs(evidence: Iterable[dict[str, Any]]) -> str:
    return "; ".join(dict.fromkeys(ev["doc"] for ev in evidence))


def _quotes(evidence: Iterable[dict[str, Any]]) -> str:
    return " | ".join(dict.fromkeys(" ".join(ev["quote"].split()) for ev in evidence))


def _entity_row(view: View, fields: list[Field], columns: Sequence[str]) -> list[str]:
    by_key = {f.key: "; ".join(line.text for line in f.lines) for f in fields}
    evidence = [ev for f in fields for line in f.lines for ev in line.evidence]
    return [view["id"], view["name"], *(by_key.get(c, "") for c in columns), _docs(evidence)]


def _span(span: dict[str, Any] | None) -> list[Any]:
    return [span.get("min"), span.get("max")] if span else ["", ""]


def tables(snap: Snapshot) -> dict[str, list[list[Any]]]:
    """File name -> rows, the header first."""
    names = snap.names
    kinds = {o["id"]: "organization" for o in snap.organizations}
    kinds |= {p["id"]: "person" for p in snap.persons} | {e["id"]: "event" for e in snap.events}
    docs = snap.document

    out: dict[str, list[list[Any]]] = {
        "documents.csv": [["id", "path", "title", "lang", "publisher", "format", "sha256"]]
        + [
            [d["id"], d["path"], d["title"], d["lang"], d["publisher"], d["format"], d["sha256"]]
            for d in snap.documents
        ],
        "organizations.csv": [["id", "name", *ORG_COLUMNS, "documents"]]
        + [_entity_row(o, snap.org_fields(o), ORG_COLUMNS) for o in snap.organizations],
        "persons.csv": [["id", "name", *PERSON_COLUMNS, "documents"]]
        + [_entity_row(p, snap.person_fields(p), PERSON_COLUMNS) for p in snap.persons],
    }
    header = ["id", "name", "date", "alt_dates", "end_date", "types", "country", "place"]
    header += ["killed_min", "killed_max", "wounded_min", "wounded_max", "hostages_min", "hostages_max"]
    header += ["perpetrators", "perpetrator_names", "summary", "documents", "quotes"]
    out["events.csv"] = [header] + [
        [
            e["id"],
            event_name(e),
            e["date"] or "",
            "; ".join(e["alt_dates"]),
            e.get("end_date") or "",
            "; ".join(e["types"]),
            e.get("country") or "",
            e.get("place") or "",
            *_span(e.get("killed")),
            *_span(e.get("wounded")),
            *_span(e.get("hostages")),
            "; ".join(e["perpetrators"]),
            "; ".join(names.get(p, p) for p in e["perpetrators"]),
            e["summary"],
            _docs(e["evidence"]),
            _quotes(e["evidence"]),
        ]
        for e in snap.events
    ]

    links: list[tuple[str, str, str, View]] = [
        (o["id"], item["type"], item["target"], item) for o in snap.organizations for item in o["relations"]
    ]
    links += [(m["person"], m["role"] or "member", m["org"], m) for m in memberships(snap)]
    links += [(e["id"], "perpetrator", p, e) for e in snap.events for p in e["perpetrators"]]
    out["relations.csv"] = [
        ["source", "source_type", "source_name", "relation", "target", "target_type", "target_name"]
        + ["start", "end", "documents", "quotes"]
    ] + [
        [
            source,
            kinds.get(source, ""),
            names.get(source, source),
            relation,
            target,
            kinds.get(target, ""),
            names.get(target, target),
            item.get("start") or "",
            item.get("end") or "",
            _docs(item["evidence"]),
            _quotes(item["evidence"]),
        ]
        for source, relation, target, item in links
    ]

    kb = snap.kb
    statements: list[list[Any]] = [
        ["statement", "entity", "entity_type", "entity_name", "property", "value", "value_entity", "value_name"]
        + ["qualifiers", "document", "document_path", "document_title", "start", "end", "quote", "extractor"]
    ]
    for s in kb.statements:
        entity = kb.entity(s.subject)
        doc = docs.get(kb.doc_ids.get(s.evidence.doc, ""), {})
        target = kb.entity(s.value) if s.prop in REFERENCE_PROPS else ""
        statements.append(
            [
                s.id,
                entity,
                kinds.get(entity, s.schema.value.lower()),
                names.get(entity, ""),
                s.prop,
                s.value if not target else "",
                target,
                names.get(target, "") if target else "",
                json.dumps(s.qualifiers, ensure_ascii=False, sort_keys=True) if s.qualifiers else "",
                doc.get("id", ""),
                doc.get("path", ""),
                doc.get("title", ""),
                s.evidence.start,
                s.evidence.end,
                snap.texts.get(doc.get("id", ""), "")[s.evidence.start : s.evidence.end],
                s.extractor,
            ]
        )
    out["statements.csv"] = statements
    return out


def write_csv(snap: Snapshot, folder: Path) -> list[Path]:
    """Write every table into `folder` (made if missing); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(snap).items():
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        path = folder / name
        write_atomic(path, buffer.getvalue())
        written.append(path)
    return written
