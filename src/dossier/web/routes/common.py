"""What several pages add to a view: the names of the entities it links to, the documents it cites."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Annotated, Any, TypeVar

from fastapi import HTTPException, Query

from dossier.model import Schema
from dossier.web.site import Snapshot

# Keys whose values are entity ids in the views (a leader, a relation's target, a role's group ...).
ENTITY_KEYS = frozenset({"person", "target", "org", "perpetrators", "groups"})
KINDS = {Schema.ORGANIZATION: "group", Schema.PERSON: "person", Schema.EVENT: "event"}
PageParam = Annotated[int, Query(ge=1, description="Page of results.")]
T = TypeVar("T")


def paginate(items: Sequence[T], page: int, per_page: int) -> tuple[list[T], int]:
    """(the items of page `page`, the number of pages, at least 1)."""
    pages = max(1, -(-len(items) // per_page))
    return list(items[(page - 1) * per_page : page * per_page]), pages


def _walk(value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield k, v
            yield from _walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v)


def linked_names(snap: Snapshot, *views: Any) -> dict[str, dict[str, str]]:
    """Entity id -> {"name", "kind"} for every entity the views point at, so a page can link them."""
    out: dict[str, dict[str, str]] = {}
    for key, value in _walk(list(views)):
        if key not in ENTITY_KEYS:
            continue
        for entity in value if isinstance(value, list) else [value]:
            kind = snap.kind(entity) if isinstance(entity, str) else None
            if kind is not None and entity not in out:
                out[entity] = {"name": str(snap.names.get(entity) or entity), "kind": KINDS[kind]}
    return out


def documents_cited(snap: Snapshot, *views: Any) -> dict[str, dict[str, str]]:
    """Document id -> {"title", "lang"} for every document the views' evidence quotes or name (`doc`)."""
    out: dict[str, dict[str, str]] = {}
    for key, value in _walk(list(views)):
        if key == "evidence" and isinstance(value, list):
            docs = [ev.get("doc") for ev in value]
        elif key == "doc" and isinstance(value, str):
            docs = [value]
        else:
            continue
        for doc in docs:
            if doc and doc not in out:
                stored = snap.documents.get(doc)
                out[doc] = {"title": snap.title(doc), "lang": stored.lang if stored else "und"}
    return out


def require(snap: Snapshot, entity: str, schema: Schema) -> None:
    """404, for a person, unless `entity` is an entity of `schema` in the knowledge base."""
    if snap.kind(entity) is not schema:
        raise HTTPException(404, f"There is no {KINDS[schema]} with id {entity!r}.")
