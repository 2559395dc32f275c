"""Finding a group: the A–Z index and the overview map of all groups by country."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Query

from dossier.web.render import page
from dossier.web.routes.common import PageParam, paginate
from dossier.web.site import Site

AZ_PER_PAGE = 300


def routes(site: Site) -> APIRouter:
    router = APIRouter()

    @page(router, "/az", "az.html", tag="groups")
    def az(
        letter: Annotated[str, Query(description="Only groups filed under this letter ('#': no letter).")] = "",
        page: PageParam = 1,
    ) -> dict[str, Any]:
        """Every group filed under the first letter of its name (an article such as al- aside), 300 a page."""
        snap = site.snapshot()
        wanted = letter.strip().upper()[:1]
        per_letter = Counter(g["initial"] for g in snap.groups)
        listed = [g for g in snap.groups if not wanted or g["initial"] == wanted]
        listed.sort(key=lambda g: (g["initial"] == "#", g["initial"]))  # stable: by name within a letter
        shown, pages = paginate(listed, page, AZ_PER_PAGE)
        sections: list[dict[str, Any]] = []
        for g in shown:
            if not sections or sections[-1]["letter"] != g["initial"]:
                sections.append({"letter": g["initial"], "groups": []})
            sections[-1]["groups"].append({"id": g["id"], "name": g["name"], "aliases": g["aliases"][:3]})
        return {
            "letter": wanted,
            "letters": {x: per_letter[x] for x in sorted(per_letter, key=lambda x: (x == "#", x))},
            "total": len(listed),
            "page": page,
            "pages": pages,
            "sections": sections,
        }

    @page(router, "/map", "map.html", tag="groups")
    def overview() -> dict[str, Any]:
        """The number of groups active in each country (origin or operational area), for the overview map."""
        snap = site.snapshot()
        counts = snap.facets["groups_per_country"]
        return {
            "countries": [{"code": c, "groups": n} for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))],
            "total": len(snap.groups),
        }

    return router
