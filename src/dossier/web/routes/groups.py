"""The home page (groups, with search and filters) and a group's factsheet."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Query

from dossier.model import ACTIVITY_KINDS, Schema
from dossier.text.names import fold_name
from dossier.views import current_status, key_facts, organization, person, relation_rows
from dossier.web.render import page
from dossier.web.routes.common import PageParam, documents_cited, linked_names, paginate, require
from dossier.web.site import Site, Snapshot

# The factsheet shows the latest this many activities; the timeline has them all.
LATEST_EVENTS = 20
GROUPS_PER_PAGE = 100


def _neighbours(snap: Snapshot, group_id: str) -> dict[str, dict[str, str] | None]:
    """The groups before and after this one in the alphabetical list."""
    i = snap.group_index.get(group_id, -1)
    groups = snap.groups

    def brief(j: int) -> dict[str, str] | None:
        return {"id": groups[j]["id"], "name": groups[j]["name"]} if 0 <= j < len(groups) and i >= 0 else None

    return {"previous": brief(i - 1), "next": brief(i + 1)}


def routes(site: Site) -> APIRouter:
    router = APIRouter()

    @page(router, "/", "home.html", tag="groups", api="/api/groups")
    def groups(
        q: Annotated[str, Query(description="Words of a name or alias (case and accents ignored).")] = "",
        country: Annotated[str, Query(description="ISO 3166-1 alpha-2 code of an origin or operational area.")] = "",
        ideology: Annotated[str, Query(description="Words of an ideology.")] = "",
        designated_by: Annotated[str, Query(description="Who lists the group: an ISO code, UN or EU.")] = "",
        year: Annotated[int | None, Query(description="Active in this year (founded or events).")] = None,
        page: PageParam = 1,
    ) -> dict[str, Any]:
        """The groups, alphabetical, filtered, 100 a page; with the values each filter can take."""
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
        shown, pages = paginate(out, page, GROUPS_PER_PAGE)
        return {
            "filters": {"q": q, "country": country, "ideology": ideology, "designated_by": designated_by, "year": year},
            "total": len(snap.groups),
            "matched": len(out),
            "page": page,
            "pages": pages,
            "groups": shown,
            "facets": snap.facets,
        }

    @page(router, "/groups/{group_id}", "group.html", tag="groups")
    def group(group_id: str) -> dict[str, Any]:
        """A group's factsheet: its key facts first, then every value with the quotes it comes from, and where
        sources disagree; the latest activities by kind, the group's pictures, and the groups before and after it."""
        snap = site.snapshot()
        require(snap, group_id, Schema.ORGANIZATION)
        org = organization(snap.kb, group_id)
        events = [snap.events[i] for i in snap.events_of.get(group_id, [])]
        latest = sorted(events, key=lambda e: (e["date"] or "", e["id"]), reverse=True)[:LATEST_EVENTS]
        kinds = Counter(e["kind"] for e in events)
        people = {}
        for p in sorted({item["person"] for item in org["leaders"]}):
            if snap.kind(p) is not Schema.PERSON:
                continue
            view = person(snap.kb, p)
            history = sorted(view["status"], key=lambda s: str(s.get("date") or ""), reverse=True)
            people[p] = {"current": current_status(view["status"]), "history": history, "conflicts": view["conflicts"]}
        facts = key_facts(snap.kb, org, events)
        pictures = [snap.pictures[i] for i in snap.pictures_of.get(group_id, [])]
        return {
            "group": org,
            "facts": facts,
            "relations": relation_rows(org["relations"]),
            "people": people,
            "events": {
                "total": len(events),
                "counts": {k: kinds.get(k, 0) for k in ACTIVITY_KINDS},
                "latest": latest,
            },
            "pictures": pictures,
            "neighbours": _neighbours(snap, group_id),
            "names": linked_names(snap, org, facts, *latest),
            "documents": documents_cited(snap, org, facts, people, pictures, *latest),
        }

    return router
