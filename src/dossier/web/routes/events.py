"""An incident's page: its date, types, place, toll, perpetrators and quotes (where editors correct it)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dossier.model import Schema
from dossier.web.render import page
from dossier.web.routes.common import documents_cited, linked_names, require
from dossier.web.site import Site


def routes(site: Site) -> APIRouter:
    router = APIRouter()

    @page(router, "/events/{event_id}", "event.html", tag="events")
    def event_page(event_id: str) -> dict[str, Any]:
        """One incident as every source tells it: date, types, place and country, toll, perpetrators, quotes."""
        snap = site.snapshot()
        require(snap, event_id, Schema.EVENT)
        ev = snap.events[snap.event_index[event_id]]
        return {"event": ev, "names": linked_names(snap, ev), "documents": documents_cited(snap, ev)}

    return router
