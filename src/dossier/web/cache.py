"""Finished pages kept per snapshot: a page asked for again is sent as it was, until the knowledge base changes.

Every page is a pure function of the snapshot, the address and the language,
so a worker keeps the bytes of each page it has rendered (least recently
used first out, within a budget) and forgets them all when it loads a new
snapshot. A request with any cookie but the language's, a response that sets
one, and anything but a plain GET answered 200 pass through uncached, so a
page that depends on who asks is never served to someone else.
(Starlette has no response cache; this is an ASGI middleware of a few lines.)
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import anyio

from dossier.web.site import Site

MAX_BYTES = 128 * 1024 * 1024  # per worker process
MAX_PAGE_BYTES = 4 * 1024 * 1024

_Key = tuple[str, bytes, str]
_Page = tuple[int, list[tuple[bytes, bytes]], bytes]


def _cookie_key(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The language cookie's value ('' without one); None when the request carries any other cookie."""
    lang = ""
    for name, value in headers:
        if name == b"authorization":
            return None
        if name != b"cookie":
            continue
        for part in value.decode("latin-1").split(";"):
            key, _, val = part.strip().partition("=")
            if key == "lang":
                lang = val
            elif key:
                return None
    return lang


class PageCache:
    def __init__(self, app: Any, site: Site, max_bytes: int = MAX_BYTES) -> None:
        self.app, self.site, self.max_bytes = app, site, max_bytes
        self.pages: OrderedDict[_Key, _Page] = OrderedDict()
        self.size = 0
        self.snapshot: object = None

    def _current(self) -> object:
        snap = self.site.current()
        if snap is not self.snapshot:  # a new load: every page kept is of the old one
            self.pages.clear()
            self.size, self.snapshot = 0, snap
        return snap

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        if not self.site.watching and self.site.check_due() and self.site.stale():
            await anyio.to_thread.run_sync(
                self.site.refresh
            )  # cached pages must not keep a worker from noticing a build
        lang = _cookie_key(scope["headers"])
        if lang is None:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""), lang)
        snap = self._current()
        page = self.pages.get(key)
        if page is not None:
            self.pages.move_to_end(key)
            status, headers, body = page
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return

        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def keep(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(snap, key, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)

    def _keep(self, snap: object, key: _Key, start: dict[str, Any], body: bytes) -> None:
        headers = list(start.get("headers", []))
        if start.get("status") != 200 or len(body) > MAX_PAGE_BYTES or snap is not self._current():
            return
        if any(name.lower() == b"set-cookie" for name, _ in headers):
            return
        old = self.pages.pop(key, None)
        if old is not None:
            self.size -= len(old[2])
        self.pages[key] = (200, headers, body)
        self.size += len(body)
        while self.size > self.max_bytes and self.pages:
            _, (_s, _h, dropped) = self.pages.popitem(last=False)
            self.size -= len(dropped)
