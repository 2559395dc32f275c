"""Fixtures for the web tests: one knowledge base built once, the app in-process, a real server, a browser.

The browser is Debian's chromium (the README's test command and `.ci/run`
install it); Playwright's own browser download is never used. Without
/usr/bin/chromium the browser tests fail, naming the browser and how to
install it; DOSSIER_SKIP_BROWSER=1 skips them instead, with that reason.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import web_corpus as corpus  # noqa: E402
from engines import new_database  # noqa: E402
from kb_helpers import serve  # noqa: E402

from dossier.build import build_paths  # noqa: E402
from dossier.export.factsheet_pdf import QUIET_FLAGS  # noqa: E402
from dossier.web.app import create_app  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx versions
    from fastapi.testclient import TestClient

CHROMIUM = Path(os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = list(QUIET_FLAGS)
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@dataclass
class WebKB:
    db: str
    folder: Path
    ids: dict[str, str]  # what the tests look for -> entity or document id


@pytest.fixture(scope="session")
def web_kb(engine: str, tmp_path_factory: pytest.TempPathFactory) -> WebKB:
    root = tmp_path_factory.mktemp("web")
    folder = corpus.write(root / "docs")
    db = new_database(engine, root)
    report = build_paths([folder], db, progress=False, workers=1)
    assert report.ok, report
    client = TestClient(create_app(db))
    groups = {g["name"]: g["id"] for g in client.get("/api/groups").json()["groups"]}
    docs = {d["name"]: d["id"] for d in client.get("/api/documents").json()["documents"]}
    amber = groups["Amber Coast Liberation Army"]
    names = client.get(f"/api/groups/{amber}").json()["names"]
    persons = {v["name"]: k for k, v in names.items() if v["kind"] == "person"}
    injected = next(g for name, g in groups.items() if "<script>" in name)
    ids = {
        "amber": amber,
        "tidewater": groups["Tidewater Rifles"],
        "injected": injected,
        "founder": persons["Ousmane Kaliba Ndour"],
        **{f"doc:{name}": doc for name, doc in docs.items()},
    }
    return WebKB(db, folder, ids)


@pytest.fixture(scope="session")
def client(web_kb: WebKB) -> TestClient:
    return TestClient(create_app(web_kb.db))


@pytest.fixture(scope="session")
def server(web_kb: WebKB) -> Iterator[str]:
    """A real uvicorn server on a free localhost port, in a thread; its base URL."""
    url, srv, thread = serve(create_app(web_kb.db))
    yield url
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = (
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(apt-get install chromium; or DOSSIER_CHROMIUM=/path/to/chromium, or DOSSIER_SKIP_BROWSER=1 to skip them)"
        )
        if os.environ.get("DOSSIER_SKIP_BROWSER") == "1":
            pytest.skip(reason)
        pytest.fail(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Watched:
    """A browser page and what it saw: dialogs opened and page errors."""

    page: Any
    base: str
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, f"{path}: {response.status if response else 'no response'}"
        return response

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def web(browser: Any, server: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    watched = Watched(page, server)

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda err: watched.errors.append(str(err)))
    # Anything outside the server (a CDN, a tile server) is refused, and the test sees it.
    outside: list[str] = []
    context.route(
        lambda url: not url.startswith(server) and not url.startswith(("data:", "about:")),
        lambda route: (outside.append(route.request.url), route.abort()),
    )
    yield watched
    context.close()
    assert not outside, f"pages asked for outside resources: {outside}"
