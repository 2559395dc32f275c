"""An editor in a real browser against a real server: signs in, rejects a value, undoes a merge and
corrects an incident's date; a `dossier build` with new extractors then keeps every decision."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from editors_kb import EDITOR, PASSWORD, EditorsKB, make_kb
from kb_helpers import serve

import dossier.build
from dossier.build import build_paths
from dossier.web.app import create_app


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> EditorsKB:
    return make_kb(tmp_path_factory.mktemp("editors"))


@pytest.fixture(scope="module")
def base(kb: EditorsKB) -> Iterator[str]:
    url, srv, thread = serve(create_app(kb.db, check_every=0))
    yield url
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Any, base: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base)
    p = context.new_page()
    p.set_default_timeout(10_000)
    errors: list[str] = []
    p.on("pageerror", lambda err: errors.append(str(err)))
    yield p
    context.close()
    assert not errors


def _json(page: Any, path: str) -> Any:
    response = page.request.get(path)
    assert response.ok, path
    return response.json()


def _amber(page: Any) -> str:
    return str(next(g["id"] for g in _json(page, "/api/groups")["groups"] if g["name"].startswith("Amber Coast")))


def _events(page: Any, group: str) -> list[dict[str, Any]]:
    return list(_json(page, f"/api/events?group={group}")["events"])


def test_an_editor_reviews_in_the_browser_and_a_rebuild_keeps_every_decision(
    page: Any, browser: Any, base: str, kb: EditorsKB, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.goto("/login")
    page.fill("input[name=name]", EDITOR)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    page.wait_for_url(base + "/")
    assert page.locator("header .who").inner_text() == f"{EDITOR} (editor)"
    amber = _amber(page)

    # Reject a value, with a reason: struck through for the editor, gone for everyone else.
    page.goto(f"/groups/{amber}")
    row = page.locator('#review tr[data-prop="ideology"]')
    row.locator("form.reject input[name=reason]").fill("an invented label, no source says it")
    row.locator("form.reject button").click()
    page.wait_for_url(f"**/groups/{amber}#review")
    assert page.locator('#review tr.rejected[data-prop="ideology"] s.value').inner_text() == "coastal separatism"
    assert "an invented label" in page.locator('#review tr.rejected[data-prop="ideology"]').inner_text()

    # Or beside the value itself, where the page shows it: an alias, here.
    shown_alias = page.locator("span.value", has_text="Armée de la Côte d'Ambre")
    alias = page.locator("#identity ul.values > li", has=shown_alias)
    alias.locator("details.review-inline summary").click()
    alias.locator("form.reject input[name=reason]").fill("a translation, not a name the group uses")
    alias.locator("form.reject button").click()
    page.wait_for_url(f"**/groups/{amber}#review")
    assert page.locator("#identity ul.values > li", has=shown_alias).count() == 0
    page.screenshot(path=str(_screenshots() / "editor-factsheet.png"), full_page=True)

    # Undo a merge: the weakest one in the review queue (two foundings of the group in two documents).
    page.goto("/review")
    page.locator("#weak-merges a").first.click()
    founding = page.url.split("/events/")[1].split("#")[0]
    assert [e["date"] for e in _events(page, amber) if e["id"] == founding] == ["2004"]
    page.locator("#review form.unmerge button").first.click()
    page.wait_for_url("**/events/**")
    assert page.locator("#review table.review-mentions").count() == 0  # one mention left: nothing merged

    # Correct an incident's date: the editor's value is shown, the extracted one stays in the history.
    attack = next(e for e in _events(page, amber) if e["date"] == "2006-09-12")
    page.goto(f"/events/{attack['id']}")
    form = page.locator("#review form.correct")
    form.locator("select[name=prop]").select_option("date")
    form.locator("input[name=value]").fill("2006-09-13")
    form.locator("input[name=reason]").fill("the report was dated the day after")
    form.locator("button").click()
    page.wait_for_url(f"**/events/{attack['id']}#review")
    assert page.locator("dd.date").inner_text() == "2006-09-13"
    assert page.locator('#review tr.corrected[data-prop="date"] s.value').inner_text() == "2006-09-12"
    page.screenshot(path=str(_screenshots() / "editor-review.png"), full_page=True)

    def every_decision_holds() -> None:
        reader = browser.new_context(base_url=base).new_page()  # not signed in
        reader.goto(f"/groups/{amber}")
        assert "coastal separatism" not in reader.locator("#ideology").inner_text()
        assert reader.locator("#review").count() == 0 and reader.locator("form[method=post]").count() == 0
        group = _json(reader, f"/api/groups/{amber}")["group"]
        assert not group["ideology"] and "Armée de la Côte d'Ambre" not in [a["value"] for a in group["aliases"]]
        events = _events(reader, amber)
        assert sorted(e["date"] for e in events if e["date"] in ("2004", "2006")) == ["2004", "2006"]
        assert [e["date"] for e in events if e["id"] == attack["id"]] == ["2006-09-13"]
        assert not [e for e in events if e["date"] == "2006-09-12"]
        reader.context.close()

    every_decision_holds()
    monkeypatch.setattr(dossier.build, "extraction_version", lambda: "bumped-for-the-browser-test")
    report = build_paths([kb.folder], kb.db, progress=False, workers=1)
    assert report.read == 8 and report.ok
    every_decision_holds()
    page.goto("/history")
    history = page.locator("table.history tbody tr")
    assert history.count() == 4
    assert {history.nth(i).get_attribute("class") for i in range(4)} == {"reject", "unmerge", "correct"}


def _screenshots() -> Any:
    from pathlib import Path

    folder = Path(__file__).resolve().parent / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder
