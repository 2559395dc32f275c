"""The `dossier/1` JSON export (see docs/EXPORT.md): one object for the whole knowledge base."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from dossier.model import Schema
from dossier.store import Store
from dossier.views import KnowledgeBase, document_summaries, event, organization, person

SCHEMA = "dossier/1"


def export_data(store: Store) -> dict[str, Any]:
    kb = KnowledgeBase.load(store)
    events = [event(kb, e) for e in kb.entities(Schema.EVENT)]
    events.sort(key=lambda e: (e["date"] or "", e["id"]))
    return {
        "schema": SCHEMA,
        "documents": document_summaries(store),
        "organizations": [organization(kb, e) for e in kb.entities(Schema.ORGANIZATION)],
        "persons": [person(kb, e) for e in kb.entities(Schema.PERSON)],
        "events": events,
    }


def write_json(store: Store, out: TextIO | Path) -> None:
    data = export_data(store)
    if isinstance(out, Path):
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(out)  # never leave a half-written export behind
    else:
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
