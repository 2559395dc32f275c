"""The timeline: every event, filtered by group, type, country and years, with a chart per year and type."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

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
        country: Annotated[str, Query(description="Only events in this country (ISO 3166-1 alpha-2).")] = "",
        since: Annotated[int | None, Query(description="Only events in or after this year.")] = None,
        until: Annotated[int | None, Query(description="Only events in or before this year.")] = None,
        page: Annotated[int, Query(ge=1, description="Page of results, 50 a page.")] = 1,
    ) -> dict[str, Any]:
        """Events, oldest first, a page at a time; `counts` gives events per year and type for all that match."""
        snap = site.snapshot()
        if group and group not in snap.names:
            raise HTTPException(404, f"There is no group with id {group!r}.")
        indexes = snap.events_of.get(group, []) if group else range(len(snap.events))
        wanted_country = country.upper()
        years = snap.event_years
        matched = [
            i
            for i in indexes
            if (not type or type in snap.events[i]["types"])
            and (not wanted_country or snap.events[i]["country"] == wanted_country)
            and (since is None or (years[i] is not None and years[i] >= since))  # type: ignore[operator]
            and (until is None or (years[i] is not None and years[i] <= until))  # type: ignore[operator]
        ]
        counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for i in matched:
            year = years[i]
            if year is not None:
                for t in snap.events[i]["types"] or ["other"]:
                    counts[year][t] += 1
        pages = max(1, -(-len(matched) // PER_PAGE))
        shown = [snap.events[i] for i in matched[(page - 1) * PER_PAGE : page * PER_PAGE]]
        return {
            "filters": {"group": group, "type": type, "country": country, "since": since, "until": until},
            "total": len(matched),
            "page": page,
            "pages": pages,
            "events": shown,
            "counts": {y: dict(per_type) for y, per_type in sorted(counts.items())},
            "facets": {
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
