"""The documents: a list, and one document's plain text with every extracted statement highlighted."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from dossier.model import REFERENCE_PROPS
from dossier.web.render import page
from dossier.web.routes.common import KINDS, PageParam, paginate
from dossier.web.site import Site, Snapshot

DOCUMENTS_PER_PAGE = 100


def parse_span(value: str) -> tuple[int, int] | None:
    m = re.fullmatch(r"\s*(\d+)\s*[-:,]\s*(\d+)\s*", value or "")
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if end > start else None


def _statements(snap: Snapshot, full_id: str) -> list[dict[str, Any]]:
    kb = snap.kb
    text = kb.texts.get(full_id, "")
    rows = []
    for s in sorted(snap.by_doc.get(full_id, []), key=lambda s: (s.evidence.start, s.evidence.end)):
        entity = kb.entity(s.subject)
        kind = snap.kind(entity)
        rows.append(
            {
                "entity": entity,
                "entity_name": snap.names.get(entity, ""),
                "kind": KINDS[kind] if kind else None,
                "prop": s.prop,
                "value": snap.names.get(kb.entity(s.value), s.value) if kind and s.prop in REFERENCE_PROPS else s.value,
                "qualifiers": s.qualifiers,
                "start": s.evidence.start,
                "end": s.evidence.end,
                "quote": text[s.evidence.start : s.evidence.end],
            }
        )
    return rows


def routes(site: Site) -> APIRouter:
    router = APIRouter()

    @page(router, "/documents", "documents.html", tag="documents")
    def documents(page: PageParam = 1) -> dict[str, Any]:
        """Every document in the knowledge base, by path, 100 a page."""
        snap = site.snapshot()
        listed: list[dict[str, Any]] = [
            {
                "id": short,
                "sha256": d.id,
                "path": d.path,
                "name": Path(d.path).name,
                "title": d.title,
                "lang": d.lang,
                "publisher": d.publisher,
                "format": d.format,
                "statements": len(snap.by_doc.get(d.id, [])),
            }
            for short, d in snap.documents.items()
        ]
        shown, pages = paginate(sorted(listed, key=lambda d: str(d["path"])), page, DOCUMENTS_PER_PAGE)
        return {"total": len(listed), "page": page, "pages": pages, "documents": shown}

    @page(router, "/documents/{doc_id}", "document.html", tag="documents")
    def document(
        doc_id: str,
        hl: Annotated[str, Query(description="A span START-END of the plain text to highlight.")] = "",
    ) -> dict[str, Any]:
        """A document's plain text and every statement extracted from it, with offsets into the text."""
        snap = site.snapshot()
        full = snap.full_id(doc_id)
        if full is None:
            raise HTTPException(404, f"There is no document with id {doc_id!r}.")
        stored = snap.documents[full[:12]]
        text = snap.kb.texts.get(full, "")
        statements = _statements(snap, full)
        highlight = parse_span(hl)
        if highlight and highlight[1] > len(text):
            highlight = None
        return {
            "document": {
                "id": full[:12],
                "sha256": full,
                "path": stored.path,
                "name": Path(stored.path).name,
                "title": stored.title,
                "lang": stored.lang,
                "publisher": stored.publisher,
                "format": stored.format,
            },
            "text": text,
            "highlight": {"start": highlight[0], "end": highlight[1], "quote": text[highlight[0] : highlight[1]]}
            if highlight
            else None,
            "statements": statements,
        }

    return router
