"""The timeline: every event, filtered by group, type, country and years, with a chart per year and type."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from dossier.model import ACTIVITY_KINDS
from dossier.web.render import page
from dossier.web.routes.common import documents_cited, linked_names
from dossier.web.site import Site

PER_PAGE = 50


def routes(site: Site) -> APIRouter:
    router = APIRouter()

    @page(router, "/timeline", "timeline.html", tag="events", api="/api/events")
    def events(
        group: Annotated[str, Query(description="Only events of this group (entity id).")] = "",
        type: Annotated[str, Query(description="Only events of this type, e.g. kidnapping.")] = "",  # noqa: A002
        kind: Annotated[
            str, Query(description="Only attacks (by the group), interventions (against it) or other events.")
        ] = "",
        country: Annotated[str, Query(description="Only events in this country (ISO 3166-1 alpha-2).")] = "",
        since: Annotated[int | None, Query(description="Only events in or after this year.")] = None,
        until: Annotated[int | None, Query(description="Only events in or before this year.")] = None,
        page: Annotated[int, Query(ge=1, description="Page of results, 50 a page.")] = 1,
    ) -> dict[str, Any]:
        """Events, oldest first, a page at a time; `counts` gives events per year and type for all that match."""
        snap = site.snapshot()
        if group and group not in snap.names:
            raise HTTPException(404, f"There is no group with id {group!r}.")
        if kind and kind not in ACTIVITY_KINDS:
            raise HTTPException(422, f"kind: one of {', '.join(ACTIVITY_KINDS)}, not {kind!r}.")
        indexes = snap.events_of.get(group, []) if group else range(len(snap.events))
        columns = snap.columns
        assert columns is not None
        matched = columns.select(indexes, type, country.upper(), since, until, kind)
        counts = columns.all_counts if len(matched) == len(snap.events) else columns.count(matched)
        pages = max(1, -(-len(matched) // PER_PAGE))
        shown = [snap.events[i] for i in matched[(page - 1) * PER_PAGE : page * PER_PAGE]]
        return {
            "filters": {"group": group, "kind": kind, "type": type, "country": country, "since": since, "until": until},
            "total": len(matched),
            "page": page,
            "pages": pages,
            "events": shown,
            "counts": counts,
            "facets": {
                "kinds": snap.facets["kinds"],
                "types": snap.facets["types"],
                "countries": snap.facets["event_countries"],
                "years": snap.facets["years"],
                "groups": [{"id": g["id"], "name": g["name"]} for g in snap.groups],
            },
            "group_name": snap.names.get(group, "") if group else "",
            "names": linked_names(snap, *shown),
            "documents": documents_cited(snap, *shown),
        }

    return router
