"""The composition root of the web app: one `Site` (the knowledge base), the routes, templates and static files.

    uvicorn --factory dossier.web.app:app_from_env      # DOSSIER_DB=kb.db (a file or a postgresql:// URL)
    dossier serve --db kb.db [--workers N]             # the same, from the command line

Every page at PATH has its JSON twin at /api/PATH (the home page's is
/api/groups), described by the OpenAPI document at /openapi.json and listed
at /api. Nothing is fetched from elsewhere: no CDN, no tile server (FastAPI's
own /docs would load its scripts from a CDN, so it is off).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from dossier.web import auth
from dossier.web.cache import PageCache
from dossier.web.render import prepare, render
from dossier.web.routes import documents, events, finding, gallery, groups, persons, review, search, timeline
from dossier.web.site import CHECK_EVERY, Site

DESCRIPTION = (
    "The knowledge base as JSON: groups (alphabetical, A–Z, by country), a group's factsheet, persons, "
    "events with filters, documents, the documents' pictures and search. Every value carries `evidence`: the document id and the character "
    "offsets of the quote in that document's plain text (see docs/EXPORT.md)."
)


def create_app(
    db: Path | str,
    *,
    check_every: float = CHECK_EVERY,
    private: bool = False,
    page_cache: bool = True,
    watch: bool = False,
) -> FastAPI:
    """The app; `private`: nobody reads without signing in (see `web/auth.py`); with `watch`, a thread checks
    for builds (a server), else the requests do (tests, one process)."""
    site = Site(db, check_every=check_every)
    prepare()
    if watch:
        site.watch()
    app = FastAPI(title="dossier", description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.site = site
    static = resources.files("dossier.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for module in (groups, finding, persons, timeline, events, documents, gallery, search, review):
        app.include_router(module.routes(site))
    app.state.review_panel = lambda entity: review.panel(site, entity)  # what an editor sees under an entity's page

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_index(request: Request) -> HTMLResponse:
        endpoints = [
            {"path": path, "summary": op.get("summary", ""), "description": op.get("description", "")}
            for path, ops in app.openapi()["paths"].items()
            for op in ops.values()
        ]
        return render(request, "api.html", {"endpoints": endpoints})

    async def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": message}, status_code=status)
        return render(request, "error.html", {"status": status, "message": message}, status=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "Not found."
        return await error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = list(exc.errors())
        message = "; ".join(f"{p['loc'][-1]}: {p['msg']}" for p in problems) or "Bad request."
        return await error(request, 422, message)

    @app.middleware("http")
    async def empty_filters_are_no_filters(request: Request, call_next: Any) -> Response:
        # A filter form sends every field, "since=" included; an empty value means "any".
        query = request.scope.get("query_string", b"")
        if query:
            kept = [(k, v) for k, v in parse_qsl(query.decode("latin-1"), keep_blank_values=True) if v != ""]
            request.scope["query_string"] = urlencode(kept).encode("latin-1")
        response: Response = await call_next(request)
        return response

    @app.middleware("http")
    async def no_outside_resources(request: Request, call_next: Any) -> Response:
        # Pages load nothing from elsewhere and run no inline script; the browser is told so too.
        response: Response = await call_next(request)
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    auth.install(app, site, private=private)  # its session middleware runs before the others
    if page_cache:
        # Outermost, so it sees the request's cookies and the response's as they go out: a page that
        # opens a session (a sign-in form's CSRF token) sets a cookie and is never kept.
        app.add_middleware(PageCache, site=site)
    return app


def app_from_env() -> FastAPI:
    """For `uvicorn --factory`: the knowledge base named by $DOSSIER_DB (default dossier.db); $DOSSIER_PRIVATE=1
    for `--private`."""
    private = os.environ.get("DOSSIER_PRIVATE", "") not in ("", "0")
    return create_app(os.environ.get("DOSSIER_DB", "dossier.db"), private=private, watch=True)
