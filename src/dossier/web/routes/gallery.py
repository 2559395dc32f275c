"""The pictures the documents hold: a gallery page, and each picture's bytes.

A picture is served with the type its bytes were found to be at build
(`ingest/images.py`), never one guessed from a name, and never as a page: the
browser is told not to sniff another type, and an SVG opened on its own (an
SVG can hold a script) is sandboxed with nothing it may load or run.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from dossier.web.render import page
from dossier.web.routes.common import PageParam, documents_cited, linked_names, paginate
from dossier.web.site import Site

PER_PAGE = 48
_SHA256 = re.compile(r"[0-9a-f]{64}")
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "image/svg+xml": "svg"}
IMAGE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "public, max-age=86400",  # the address is the digest of the bytes: they never change
}


def routes(site: Site) -> APIRouter:
    router = APIRouter()

    @page(router, "/gallery", "gallery.html", tag="images")
    def gallery(
        group: Annotated[str, Query(description="Only the pictures of this group (entity id).")] = "",
        page: PageParam = 1,
    ) -> dict[str, Any]:
        """Logos, flags and other pictures from the documents, 48 a page: each with its alt text or caption,
        its document and the groups it belongs to; `/images/{id}` gives its bytes."""
        snap = site.snapshot()
        if group and group not in snap.group_index:
            raise HTTPException(404, f"There is no group with id {group!r}.")
        indexes = snap.pictures_of.get(group, []) if group else range(len(snap.pictures))
        shown, pages = paginate([snap.pictures[i] for i in indexes], page, PER_PAGE)
        return {
            "filters": {"group": group},
            "group_name": snap.names.get(group, "") if group else "",
            "total": len(indexes),
            "page": page,
            "pages": pages,
            "pictures": shown,
            "names": linked_names(snap, *shown),
            "documents": documents_cited(snap, *shown),
        }

    @router.get("/images/{image_id}", include_in_schema=False)
    def image(image_id: str) -> Response:
        found = site.image(image_id) if _SHA256.fullmatch(image_id) else None
        if found is None:
            raise HTTPException(404, f"There is no image with id {image_id!r}.")
        media_type, data = found
        headers = {
            **IMAGE_HEADERS,
            "Content-Disposition": f'inline; filename="{image_id[:16]}.{EXTENSIONS.get(media_type, "bin")}"',
        }
        return Response(data, media_type=media_type, headers=headers)

    return router
