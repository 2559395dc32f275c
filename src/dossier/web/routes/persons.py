"""A person's page: names, roles with periods, status, the events they appear in, sources."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dossier.model import Schema
from dossier.text.names import fold_name
from dossier.views import current_status, person
from dossier.web.render import page
from dossier.web.routes.common import documents_cited, linked_names, require
from dossier.web.site import Site

MAX_EVENTS = 200


def routes(site: Site) -> APIRouter:
    router = APIRouter()

    @page(router, "/persons/{person_id}", "person.html", tag="persons")
    def person_page(person_id: str) -> dict[str, Any]:
        """A person: names, roles with periods, status, the events they appear in, and sources."""
        snap = site.snapshot()
        require(snap, person_id, Schema.PERSON)
        view = person(snap.kb, person_id)
        # Events they are named perpetrator of, then events whose summary names them.
        indexes = list(snap.events_of.get(person_id, []))
        names = [fold_name(n) for n in [view["name"], *(a["value"] for a in view["aliases"])]]
        names = [n for n in names if len(n) > 3]
        if names:
            seen = set(indexes)
            for i, summary in enumerate(snap.folded_summaries):
                if i not in seen and any(n in summary for n in names):
                    indexes.append(i)
        events = sorted((snap.events[i] for i in indexes), key=lambda e: (e["date"] or "9999", e["id"]))[:MAX_EVENTS]
        return {
            "person": view,
            "current_status": current_status(view["status"]),
            "status_history": sorted(view["status"], key=lambda s: str(s.get("date") or ""), reverse=True),
            "events": events,
            "names": linked_names(snap, view, *events),
            "documents": documents_cited(snap, view, *events),
        }

    return router
