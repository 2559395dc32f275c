"""Search across names, statements and document text (SQLite FTS5, diacritics folded)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from dossier.store import SearchHit
from dossier.text.names import fold_name
from dossier.web.render import page
from dossier.web.routes.common import KINDS
from dossier.web.site import Site, Snapshot

MAX_ENTITIES = 30


def snippet_parts(snippet: str) -> list[dict[str, Any]]:
    """An FTS5 snippet (matches between \\x02 and \\x03) as parts, each with `hit`, for pages to escape."""
    parts = []
    for i, chunk in enumerate(snippet.replace("\x03", "\x02").split("\x02")):
        if chunk:
            parts.append({"text": chunk, "hit": i % 2 == 1})
    return parts


def _entities(snap: Snapshot, q: str) -> list[dict[str, Any]]:
    words = fold_name(q).split()
    if not words:
        return []
    found: dict[str, str] = {}
    for folded, entity in snap.folded_names:
        if entity not in found and all(w in folded for w in words):
            found[entity] = folded
    out = []
    for entity in found:
        kind = snap.kind(entity)
        if kind is not None:
            out.append({"id": entity, "name": snap.names.get(entity, entity), "kind": KINDS[kind]})
    out.sort(key=lambda e: (fold_name(e["name"]) != " ".join(words), e["kind"], e["name"]))
    return out[:MAX_ENTITIES]


def _hit(snap: Snapshot, hit: SearchHit) -> dict[str, Any]:
    short = hit.doc_id[:12]
    stored = snap.documents.get(short)
    out: dict[str, Any] = {
        "doc": short,
        "title": snap.title(short),
        "lang": stored.lang if stored else "und",
        "start": hit.start,
        "end": hit.end,
        "parts": snippet_parts(hit.snippet),
    }
    if hit.statement_id:
        entity = snap.entity_of(hit.subject)
        kind = snap.kind(entity)
        out |= {
            "prop": hit.prop,
            "value": hit.value,
            "entity": entity,
            "entity_name": snap.names.get(entity, ""),
            "kind": KINDS[kind] if kind else None,
        }
    return out


def routes(site: Site) -> APIRouter:
    router = APIRouter()

    @page(router, "/search", "search.html", tag="search")
    def search(
        q: Annotated[str, Query(description="Words to find; every word must occur, the last may be a prefix.")] = "",
    ) -> dict[str, Any]:
        """Groups and persons by name, statements by value or quote, and passages of document text."""
        snap = site.snapshot()
        text_hits, statement_hits = site.search(q) if q.strip() else ([], [])
        return {
            "query": q,
            "entities": _entities(snap, q),
            "statements": [_hit(snap, h) for h in statement_hits],
            "documents": [_hit(snap, h) for h in text_hits],
        }

    return router
