"""Editors' review through the real app in-process: roles, CSRF, the sign-in limit, and a rejected
value gone from the pages, the API and every export, also after a rebuild with new extractors."""

from __future__ import annotations

import json
import re
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from editors_kb import EDITOR, PASSWORD, READER, EditorsKB, add_user, csrf_of, make_kb, sign_in

import dossier.build
from dossier.accounts import FREE_FAILURES
from dossier.accounts import sign_in as check_sign_in
from dossier.build import build_paths
from dossier.export.formats import render as render_format
from dossier.export.formats import write_format
from dossier.export.json import export_data
from dossier.export.json_import import import_file
from dossier.export.snapshot import Snapshot
from dossier.store import Store
from dossier.store.editors import Editors
from dossier.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> EditorsKB:
    return make_kb(tmp_path_factory.mktemp("review"))


@pytest.fixture(scope="module")
def app(kb: EditorsKB) -> Any:
    return create_app(kb.db, check_every=0)


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def _group(client: TestClient, start: str) -> str:
    return next(g["id"] for g in client.get("/api/groups").json()["groups"] if g["name"].startswith(start))


REVIEW_FORM = re.compile(r'<form method="post" action="/review/')


def test_a_reader_reaches_no_form_and_every_post_is_refused(client: TestClient) -> None:
    amber = _group(client, "Amber Coast")
    assert sign_in(client, READER).status_code == 303
    page = client.get(f"/groups/{amber}")
    assert page.status_code == 200 and f"{READER} (reader)" in page.text
    assert not REVIEW_FORM.search(page.text) and 'id="review"' not in page.text
    token = csrf_of(page.text)  # the sign-out form's: a valid token of this session
    for path, fields in [
        ("/review/value", {"prop": "country", "value": "SN", "action": "reject", "reason": "x"}),
        ("/review/merge", {"mention": "x", "action": "unmerge"}),
        ("/review/merge-with", {"other": "Tidewater Rifles"}),
        ("/review/correct", {"prop": "date", "value": "2001"}),
        ("/review/note", {"text": "a note"}),
    ]:
        assert client.post(path, data={"csrf": token, "entity": amber, **fields}).status_code == 403, path
    assert client.get("/review").status_code == 403
    assert client.get("/history").status_code == 403
    assert client.get("/api/history").status_code == 403


def test_a_post_without_the_sessions_csrf_token_is_refused(client: TestClient, kb: EditorsKB) -> None:
    amber = _group(client, "Amber Coast")
    signed = sign_in(client, EDITOR)
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"].lower()
    assert "dossier_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    page = client.get(f"/groups/{amber}")
    assert REVIEW_FORM.search(page.text)
    fields = {"entity": amber, "prop": "country", "value": "SN", "action": "reject", "reason": "test"}
    assert client.post("/review/value", data=fields).status_code == 403
    assert client.post("/review/value", data={**fields, "csrf": "forged"}).status_code == 403
    with Store(kb.db) as store:
        assert not [d for d in Editors(store).decisions() if d.target.get("value") == "SN"]
    # Signing in needs the token too: a form on another site cannot sign a visitor in.
    assert client.post("/login", data={"name": EDITOR, "password": PASSWORD}).status_code == 403


def test_five_wrong_passwords_lock_the_name_even_across_a_restart(client: TestClient, kb: EditorsKB) -> None:
    add_user(kb.db, "wendel", "editor")
    for _ in range(FREE_FAILURES):
        assert sign_in(client, "wendel", "not the password").status_code == 401
    refused = sign_in(client, "wendel")  # the right password, too soon
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    with TestClient(create_app(kb.db)) as restarted:
        assert sign_in(restarted, "wendel").status_code == 429
    with Store(kb.db) as store:
        assert check_sign_in(store, "wendel", PASSWORD, at=time.time() + 3600).account is not None
    assert sign_in(client, "wendel").status_code == 303


def _exports(db: Path, folder: Path) -> dict[str, str]:
    """Every export format's text (the folder formats' files joined)."""
    with Store(db) as store:
        snap = Snapshot.load(store)
        out = {fmt: render_format(snap, fmt) for fmt in ("stix", "ftm")}
        # The JSON export's decisions name the rejected value, so that an import rejects it too: the rest must not.
        data = export_data(store, snap)
        out["json"] = json.dumps({k: v for k, v in data.items() if k != "decisions"}, ensure_ascii=False)
        for fmt in ("csv", "misp"):
            paths = write_format(snap, fmt, folder / fmt)
            out[fmt] = "\n".join(p.read_text("utf-8") for p in paths if p.suffix in (".csv", ".json"))
    return out


def _says_gw(fmt: str, text: str) -> bool:
    """Whether an export gives a group the country GW (only the Amber Coast group has it in the corpus)."""
    if fmt == "csv":
        return bool(re.search(r"(^|,)GW(,|$)", text, re.M))
    # FtM writes codes in lower case; MISP's galaxy lists the areas by name.
    return {"ftm": '"gw"', "misp": '"Guinea-Bissau"'}.get(fmt, '"GW"') in text


def test_a_rejected_value_leaves_pages_api_and_exports_and_stays_rejected_after_a_rebuild(
    client: TestClient, kb: EditorsKB, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    amber = _group(client, "Amber Coast")
    shown = '<span class="value">Guinea-Bissau</span>'
    assert shown in client.get(f"/groups/{amber}").text
    before = _exports(kb.db, tmp_path / "before")
    assert all(_says_gw(fmt, text) for fmt, text in before.items()), [
        f for f, t in before.items() if not _says_gw(f, t)
    ]

    assert sign_in(client, EDITOR).status_code == 303
    token = csrf_of(client.get(f"/groups/{amber}").text)
    fields = {"csrf": token, "entity": amber, "prop": "country", "value": "GW", "action": "reject"}
    assert client.post("/review/value", data={**fields, "reason": ""}).status_code == 422  # a reason is needed
    done = client.post("/review/value", data={**fields, "reason": "camps only, no operations"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/groups/{amber}#review"

    editor_page = client.get(f"/groups/{amber}").text
    assert '<s class="value">GW</s>' in editor_page and "camps only, no operations" in editor_page

    def gone() -> None:
        with TestClient(client.app) as anonymous:
            assert shown not in anonymous.get(f"/groups/{amber}").text
            assert "GW" not in [c["value"] for c in anonymous.get(f"/api/groups/{amber}").json()["group"]["countries"]]
        after = _exports(kb.db, tmp_path / f"after{time.monotonic_ns()}")
        assert not [fmt for fmt, text in after.items() if _says_gw(fmt, text)]

    gone()
    # New extractors: every document is read and extracted again, and the decision still holds.
    monkeypatch.setattr(dossier.build, "extraction_version", lambda: "bumped-for-the-test")
    report = build_paths([kb.folder], kb.db, progress=False, workers=1)
    assert report.read == 8 and report.ok
    gone()
    history = client.get("/api/history").json()["decisions"]
    assert any(d["action"] == "reject" and d["what"] == "country: GW" and d["author"] == EDITOR for d in history)


def test_the_json_export_carries_decisions_and_accounts_but_no_password(
    client: TestClient, kb: EditorsKB, tmp_path: Path
) -> None:
    amber = _group(client, "Amber Coast")
    assert sign_in(client, EDITOR).status_code == 303
    token = csrf_of(client.get(f"/groups/{amber}").text)
    client.post("/review/note", data={"csrf": token, "entity": amber, "text": "check the founding year"})
    with Store(kb.db) as store:
        data = export_data(store)
        hashes = [a.password_hash for a in Editors(store).accounts()]
    text = json.dumps(data)
    assert not [h for h in hashes if h and h in text] and "password" not in text
    assert {"name": EDITOR, "role": "editor"} in data["accounts"]
    assert any(d["action"] == "note" and d["target"]["text"] == "check the founding year" for d in data["decisions"])
    path = tmp_path / "kb.json"
    path.write_text(text, encoding="utf-8")
    other = tmp_path / "other.db"
    with Store(other) as store:
        import_file(path, store)
        again = export_data(store)
        imported = Editors(store).account(EDITOR)
    assert imported is not None and imported.password_hash == ""  # signs in once given a password
    assert again["decisions"] == data["decisions"] and again["accounts"] == data["accounts"]
    assert again["organizations"] == data["organizations"] and again["events"] == data["events"]


def test_a_private_server_shows_nothing_before_signing_in(kb: EditorsKB) -> None:
    with TestClient(create_app(kb.db, private=True)) as c:
        assert c.get("/", follow_redirects=False).status_code == 303
        assert c.get("/api/groups").status_code == 401
        login = c.get("/login")
        assert login.status_code == 200 and "dossier user add NAME --role admin" in login.text  # no admin yet
        assert sign_in(c, READER).status_code == 303
        assert c.get("/api/groups").status_code == 200


def test_an_editor_merges_two_groups_by_name_and_confirms_a_value(tmp_path: Path) -> None:
    kb = make_kb(tmp_path)
    with TestClient(create_app(kb.db, check_every=0)) as c:
        amber, tidewater = _group(c, "Amber Coast"), _group(c, "Tidewater")
        assert sign_in(c, EDITOR).status_code == 303
        token = csrf_of(c.get(f"/groups/{amber}").text)
        refused = c.post("/review/merge-with", data={"csrf": token, "entity": amber, "other": "no such group"})
        assert refused.status_code == 404
        done = c.post(
            "/review/merge-with",
            data={"csrf": token, "entity": amber, "other": "tidewater rifles"},
            follow_redirects=False,
        )
        assert done.status_code == 303
        merged = done.headers["location"].split("/groups/")[1].split("#")[0]
        names = {g["name"] for g in c.get("/api/groups").json()["groups"]}
        assert "Tidewater Rifles" not in names and merged in {amber, tidewater}
        aliases = [a["value"] for a in c.get(f"/api/groups/{merged}").json()["group"]["aliases"]]
        assert "Tidewater Rifles" in aliases
        confirm = {"csrf": token, "entity": merged, "prop": "origin_country", "value": "SN", "action": "confirm"}
        assert c.post("/review/value", data=confirm).status_code == 200  # followed back to the page
        page = c.get(f"/groups/{merged}").text
        assert re.search(r'<tr class="confirmed" data-prop="origin_country">', page)
        assert "merged" in c.get("/history").text


def test_the_review_queue_puts_the_weakest_merges_first_and_filters_by_group(tmp_path: Path) -> None:
    kb = make_kb(tmp_path)
    with TestClient(create_app(kb.db, check_every=0)) as c:
        amber, tidewater = _group(c, "Amber Coast"), _group(c, "Tidewater")
        assert sign_in(c, EDITOR).status_code == 303
        queue = c.get("/api/review").json()
        scores = [m["score"] for m in queue["merges"]]
        assert scores == sorted(scores) and scores[0] < 1
        weakest = queue["merges"][0]
        assert weakest["page"].startswith("/events/") and weakest["evidence"]  # the two foundings, with quotes
        assert {x["entity"] for x in queue["new"]} >= {amber, tidewater}  # the first build made everything
        assert all(x["missing"] for x in queue["incomplete"])
        own = c.get("/api/review", params={"group": tidewater}).json()
        assert weakest["entity"] not in {m["entity"] for m in own["merges"]}
        assert {x["entity"] for x in own["new"]} <= {tidewater} | {
            e["id"] for e in c.get("/api/events", params={"group": tidewater}).json()["events"]
        } | {k for k, v in c.get(f"/api/groups/{tidewater}").json()["names"].items() if v["kind"] == "person"}
        page = c.get("/review", params={"group": tidewater})
        assert page.status_code == 200 and f'<option value="{tidewater}" selected' in page.text
        assert c.get("/api/review", params={"group": "nothing"}).status_code == 404
