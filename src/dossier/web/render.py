"""Pages and their JSON twins: one view function, rendered as HTML at PATH and as JSON at /api/PATH.

Templates are Jinja2 with autoescape on for every template; no template marks
document-derived text safe. The few pieces of markup built in Python (the SVG
maps in `maps.py`, the graph and charts in `svg.py`) escape every text they
hold themselves.
"""

from __future__ import annotations

import inspect
import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlencode

import jinja2
from babel import Locale
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from dossier.web import maps, svg

LANGUAGES = ("en", "nl", "fr")
# HTML path (as routed, with {params}) -> the path of its JSON twin; filled by `page`.
JSON_TWINS: dict[str, str] = {}
View = Callable[..., dict[str, Any]]


@cache
def labels(lang: str) -> dict[str, str]:
    """The interface's words in `lang` (labels/LANG.json), English where a word is missing."""
    text = resources.files("dossier.web").joinpath(f"labels/{lang}.json").read_text("utf-8")
    words: dict[str, str] = json.loads(text)
    return words if lang == "en" else {**labels("en"), **words}


def language(request: Request) -> str:
    """?lang= first (the switch), then the cookie it sets, then English."""
    wanted = request.query_params.get("lang") or request.cookies.get("lang") or "en"
    return wanted if wanted in LANGUAGES else "en"


@lru_cache(maxsize=4096)
def country_name(code: str, lang: str) -> str:
    try:
        return str(Locale.parse(lang).territories.get(code.upper(), code))
    except (ValueError, TypeError):
        return code


def text_pieces(
    text: str, statements: Sequence[Mapping[str, Any]], highlight: tuple[int, int] | None
) -> list[dict[str, Any]]:
    """`text` cut at the start and end of every statement's quote: each piece with the statements covering it.

    A piece inside `highlight` is marked `hl`; the first such piece is the page's
    scroll target. Pages escape each piece's text, so no markup is ever spliced in.
    """
    n = len(text)
    spans = [(max(0, min(int(s["start"]), n)), max(0, min(int(s["end"]), n))) for s in statements]
    cuts = {0, n, *(c for span in spans for c in span)}
    if highlight:
        cuts.update(c for c in highlight if 0 <= c <= n)
    bounds = sorted(cuts)
    # A sweep over the boundaries keeps the statements covering the current piece.
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    for i, (start, end) in enumerate(spans):
        if end > start:
            starts[start].append(i)
            ends[end].append(i)
    active: set[int] = set()
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        out.append(
            {
                "text": text[a:b],
                "start": a,
                "statements": sorted(active),
                "hl": bool(highlight and highlight[0] <= a and b <= highlight[1]),
            }
        )
    return out


def number(span: dict[str, Any] | None) -> str:
    """ "28", "100–1000", "at most 2000", "at least 30"."""
    if not span:
        return ""
    lo, hi = span.get("min"), span.get("max")
    if lo == hi:
        return f"{lo:,}" if isinstance(lo, int) else str(lo)
    if lo is None:
        return f"≤ {hi:,}"
    if hi is None:
        return f"≥ {lo:,}"
    return f"{lo:,}–{hi:,}"


def _environment() -> jinja2.Environment:
    loader = jinja2.PackageLoader("dossier.web", "templates")
    # No auto_reload: the templates are package files, so no page needs to stat them again.
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.globals.update(svg=svg, maps=maps, text_pieces=text_pieces, languages=LANGUAGES)
    env.filters["number"] = number
    return env


templates = Jinja2Templates(env=_environment())


def prepare() -> None:
    """Compile every template and read the world map now, once per process. A server's first requests
    come all at once, and each of its threads would otherwise compile the same templates and parse the
    same map (half a second) itself."""
    for name in templates.env.list_templates():
        templates.env.get_template(name)
    maps.world()


def page_context(request: Request) -> dict[str, Any]:
    lang = language(request)
    words = labels(lang)

    def t(key: str) -> str:
        return words.get(key, key)

    def tl(kind: str, key: str | None) -> str:
        """The label of a value of a vocabulary ("type", "relation", "status", "kind"): `tl('type', 'hostage_taking')`."""
        if not key:
            return ""
        return words.get(f"{kind}.{key}") or key.replace("_", " ")

    def url(path: str, **params: Any) -> str:
        """A link with query parameters; empty ones left out."""
        query = urlencode([(k, v) for k, v in params.items() if v not in (None, "", [])], doseq=True)
        return path + ("?" + query if query else "")

    def switch(to: str) -> str:
        params = dict(request.query_params)
        params["lang"] = to
        return request.url.path + "?" + urlencode(params)

    account = getattr(request.state, "user", None)
    editor = account is not None and account.role in ("editor", "admin")
    panel = getattr(request.app.state, "review_panel", None) if editor else None
    route = request.scope.get("route")
    twin = JSON_TWINS.get(getattr(route, "path", ""), "")
    json_url = ""
    if twin:
        json_url = twin.format(**request.path_params) + ("?" + request.url.query if request.url.query else "")
    return {
        "json_url": json_url,
        "lang": lang,
        "t": t,
        "tl": tl,
        "labeller": lambda kind: lambda key: tl(kind, key),  # a vocabulary's labels as a function, for svg.py
        "url": url,
        "switch": switch,
        "country": lambda code: country_name(code, lang),
        "path": request.url.path,
        # The signed-in account, and what an editor's forms need (none of it for anyone else).
        "user": account,
        "editor": editor,
        "csrf": request.scope.get("session", {}).get("csrf", "") if account else "",
        "review": (lambda entity: panel(entity)) if panel else None,
    }


def render(request: Request, template: str, data: dict[str, Any], status: int = 200) -> HTMLResponse:
    response = templates.TemplateResponse(
        request, template, {"data": data, **page_context(request)}, status_code=status
    )
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie("lang", language(request), max_age=365 * 86400, samesite="lax")
    return response


def page(router: APIRouter, path: str, template: str, *, tag: str, api: str = "") -> Callable[[View], View]:
    """Register `view` twice: as JSON at `api` (default /api{path}; in the OpenAPI document) and as HTML at {path}.

    The HTML route takes the same parameters as the view (FastAPI reads them from
    its signature) plus the request, so page and API can never drift apart.
    """
    api_path = api or "/api" + path

    def register(view: View) -> View:
        router.add_api_route(api_path, view, methods=["GET"], tags=[tag], name=f"api_{view.__name__}")
        signature = inspect.signature(view, eval_str=True)

        def html(request: Request, **params: Any) -> HTMLResponse:
            return render(request, template, view(**params))

        request_param = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)
        html.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[request_param, *signature.parameters.values()], return_annotation=HTMLResponse
        )
        html.__name__ = view.__name__
        router.add_api_route(
            path, html, methods=["GET"], response_class=HTMLResponse, include_in_schema=False, name=view.__name__
        )
        JSON_TWINS[path] = api_path
        return view

    return register
