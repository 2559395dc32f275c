"""Signing in, sessions and CSRF tokens.

A session is starlette's signed cookie (itsdangerous; HttpOnly, SameSite=Lax),
signed with a secret kept in the knowledge base, so sessions outlive a restart
of the server. It holds the account's name and the session's CSRF token; the
account (and so its role) is read again on every request, so a role changed or
an account removed with `dossier user` holds at once. Every form that changes
something carries the CSRF token and every POST checks it.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.middleware.sessions import SessionMiddleware

from dossier.accounts import can_edit, sign_in
from dossier.store.editors import Account, Editors
from dossier.web.render import render
from dossier.web.site import Site

SESSION_COOKIE = "dossier_session"
SESSION_DAYS = 14
# What a private server shows to someone not signed in: the sign-in page and what it needs.
OPEN_PATHS = ("/login", "/static/")


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made when the session first needs one."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return str(token)


def user(request: Request) -> Account | None:
    account: Account | None = getattr(request.state, "user", None)
    return account


async def checked_form(request: Request, *, edit: bool = True) -> dict[str, str]:
    """The fields of a POSTed form: 403 without this session's CSRF token, or (`edit`) without an editor's role."""
    form = await request.form()
    sent = str(form.get("csrf", ""))
    expected = str(request.session.get("csrf", ""))
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "This form has expired or did not come from this site: open the page again.")
    if edit:
        account = user(request)
        if account is None or not can_edit(account.role):
            raise HTTPException(403, "Only editors can review; sign in as an editor.")
    return {k: str(v) for k, v in form.items()}


def install(app: FastAPI, site: Site, *, private: bool) -> None:
    """Sessions, the signed-in account on every request, `--private`, and the sign-in routes."""

    @app.middleware("http")
    async def signed_in(request: Request, call_next: Any) -> Response:
        name = request.session.get("user")
        request.state.user = site.account(name) if isinstance(name, str) else None
        if request.state.user is not None and not request.state.user.password_hash:
            request.state.user = None
        if private and request.state.user is None and not request.url.path.startswith(OPEN_PATHS):
            if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
                return Response('{"detail": "Sign in first."}', status_code=401, media_type="application/json")
            return RedirectResponse("/login?next=" + request.url.path, status_code=303)
        response: Response = await call_next(request)
        return response

    # Added last, so it runs first: the session is there for the middleware above.
    with site.lock():
        secret = Editors(site.store).secret()
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_DAYS * 86400,
        same_site="lax",
        https_only=False,  # a local server speaks plain HTTP; behind TLS the proxy adds Secure
    )
    app.include_router(_routes(site))


def _safe_next(target: str) -> str:
    """Only a path on this site: never an address elsewhere (an open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def _routes(site: Site) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/login")
    def login_page(request: Request, next: str = "/") -> Response:  # noqa: A002
        data = {"csrf": csrf_token(request), "next": _safe_next(next), "message": "", "admin": site.has_admin()}
        return render(request, "login.html", data)

    @router.post("/login")
    async def login(request: Request) -> Response:
        form = await checked_form(request, edit=False)
        name, target = form.get("name", ""), _safe_next(form.get("next", "/"))
        with site.lock():
            outcome = sign_in(site.store, name, form.get("password", ""))
        if outcome.account is None:
            message = "Wrong name or password."
            if outcome.wait > 0:
                message += f" Too many failed sign-ins for this name: try again in {int(outcome.wait) + 1} seconds."
            data = {"csrf": csrf_token(request), "next": target, "message": message, "admin": site.has_admin()}
            response = render(request, "login.html", data, status=429 if outcome.locked else 401)
            if outcome.wait > 0:
                response.headers["Retry-After"] = str(int(outcome.wait) + 1)
            return response
        request.session.clear()  # a fresh session (and CSRF token) for the signed-in account
        request.session["user"] = outcome.account.name
        csrf_token(request)
        return RedirectResponse(target, status_code=303)

    @router.post("/logout")
    async def logout(request: Request) -> Response:
        await checked_form(request, edit=False)
        request.session.clear()
        return RedirectResponse("/", status_code=303)

    return router
