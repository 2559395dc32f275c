"""The home page (groups, with search and filters) and a group's factsheet."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from dossier.model import Schema
from dossier.text.names import fold_name
from dossier.views import organization, person
from dossier.web.render import page
from dossier.web.routes.common import documents_cited, linked_names, require
from dossier.web.site import Site

LATEST_EVENTS = 8


def routes(site: Site) -> APIRouter:
    router = APIRouter()

    @page(router, "/", "home.html", tag="groups", api="/api/groups")
    def groups(
        q: Annotated[str, Query(description="Words of a name or alias (case and accents ignored).")] = "",
        country: Annotated[str, Query(description="ISO 3166-1 alpha-2 code of an origin or operational area.")] = "",
        ideology: Annotated[str, Query(description="Words of an ideology.")] = "",
        designated_by: Annotated[str, Query(description="Who lists the group: an ISO code, UN or EU.")] = "",
        year: Annotated[int | None, Query(description="Active in this year (founded or events).")] = None,
    ) -> dict[str, Any]:
        """The groups, alphabetical, filtered; with the values each filter can take."""
        snap = site.snapshot()
        words = fold_name(q).split()
        wanted_ideology = fold_name(ideology)
        out = []
        for g in snap.groups:
            if words:
                names = " | ".join(fold_name(n) for n in [g["name"], *g["aliases"]])
                if not all(w in names for w in words):
                    continue
            if country and country.upper() not in g["countries"]:
                continue
            if wanted_ideology and not any(wanted_ideology in fold_name(i) for i in g["ideology"]):
                continue
            if designated_by and designated_by.upper() not in g["designated_by"]:
                continue
            if year is not None and not (g["active"] and g["active"][0] <= year <= g["active"][1]):
                continue
            out.append(g)
        return {
            "filters": {"q": q, "country": country, "ideology": ideology, "designated_by": designated_by, "year": year},
            "total": len(snap.groups),
            "groups": out,
            "facets": snap.facets,
        }

    @page(router, "/groups/{group_id}", "group.html", tag="groups")
    def group(group_id: str) -> dict[str, Any]:
        """A group's factsheet: every value with the quotes it comes from, and where sources disagree."""
        snap = site.snapshot()
        require(snap, group_id, Schema.ORGANIZATION)
        org = organization(snap.kb, group_id)
        events = [snap.events[i] for i in snap.events_of.get(group_id, [])]
        latest = sorted(events, key=lambda e: e["date"] or "", reverse=True)[:LATEST_EVENTS]
        leaders = {item["person"] for item in org["leaders"]}
        people = {
            p: {"status": view["status"], "conflicts": view["conflicts"]}
            for p in sorted(leaders)
            if snap.kind(p) is Schema.PERSON
            for view in [person(snap.kb, p)]
        }
        return {
            "group": org,
            "people": people,
            "events": {"total": len(events), "latest": latest},
            "names": linked_names(snap, org, *latest),
            "documents": documents_cited(snap, org, people, *latest),
        }

    return router
