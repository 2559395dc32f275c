"""The `dossier/1` JSON export (see docs/EXPORT.md): one object for the whole knowledge base.

Besides the views (organisations, persons, events) it carries what they are
computed from: each document's plain text, the statements with their offsets,
the resolution of mentions into entities, a person's judgements and editors' decisions. That is what `dossier import` reads back
(`dossier.export.json_import`), so that an export moves a knowledge base,
evidence and documents intact, into another one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from dossier.decisions import is_editors
from dossier.export.snapshot import Snapshot
from dossier.store import Store
from dossier.store.editors import Editors

SCHEMA = "dossier/1"


def export_data(store: Store, snapshot: Snapshot | None = None) -> dict[str, Any]:
    snap = snapshot or Snapshot.load(store)
    stored = {d.id: d for d in store.documents()}
    documents = []
    for summary in snap.documents:
        doc = store.document(summary["sha256"])
        documents.append(
            {
                **summary,
                "extracted_with": stored[summary["sha256"]].extracted_with,
                "warnings": list(doc.warnings) if doc else [],
                "text": snap.texts[summary["id"]],
            }
        )
    short = {d["sha256"]: d["id"] for d in snap.documents}
    return {
        "schema": SCHEMA,
        "documents": documents,
        "organizations": snap.organizations,
        "persons": snap.persons,
        "events": snap.events,
        # The truth the views above are computed from: statements (their quote is
        # documents[doc].text[start:end]) and the merge/split decisions of a person.
        "statements": [
            {
                "doc": short[s.evidence.doc],
                "start": s.evidence.start,
                "end": s.evidence.end,
                "subject": s.subject,
                "prop": s.prop,
                "value": s.value,
                "qualifiers": s.qualifiers,
                "extractor": s.extractor,
            }
            # An editor's statement comes from its decision (below), which import brings along.
            for s in snap.kb.statements
            if not is_editors(s)
        ],
        # Which entity each mention key belongs to, and why: import keeps the entity ids as they are.
        "resolution": [
            {"subject": subject, "entity": entity, "reason": reason, "score": score}
            for subject, entity, reason, score in store.resolution_rows()
        ],
        "judgements": [
            {"left": left, "right": right, "judgement": judgement}
            for left, right, judgement in sorted(store.judgements())
        ],
        # Editors' decisions (every later build applies them) and who may make them: names and roles only,
        # never a password hash.
        "decisions": [d.as_json() for d in snap.kb.decisions],
        "accounts": [{"name": a.name, "role": a.role} for a in Editors(store).accounts()],
    }


def write_json(store: Store, out: TextIO | Path) -> None:
    data = export_data(store)
    if isinstance(out, Path):
        write_atomic(out, json.dumps(data, ensure_ascii=False, indent=1))
    else:
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write through a temporary file beside `path`: never leave a half-written export behind."""
    tmp = path.with_name(path.name + ".tmp")
    if isinstance(text, bytes):
        tmp.write_bytes(text)
    else:
        tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
