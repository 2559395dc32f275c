"""The page cache keeps what is the same for everyone and nothing that is one visitor's."""

from __future__ import annotations

import warnings

from conftest import WebKB
from editors_kb import csrf_of

from dossier.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def test_a_page_that_opens_a_session_is_never_served_to_another_visitor(web_kb: WebKB) -> None:
    app = create_app(web_kb.db)
    tokens = set()
    for _ in range(3):  # a new visitor each time, no cookie: the sign-in form's token is theirs alone
        with TestClient(app) as visitor:
            page = visitor.get("/login")
            assert page.status_code == 200 and "dossier_session=" in page.headers.get("set-cookie", "")
            tokens.add(csrf_of(page.text))
    assert len(tokens) == 3


def test_a_page_kept_is_the_page_made(web_kb: WebKB) -> None:
    app = create_app(web_kb.db)
    with TestClient(app) as first, TestClient(app) as second:
        made = first.get("/groups/" + web_kb.ids["amber"])
        kept = second.get("/groups/" + web_kb.ids["amber"])
        assert made.status_code == kept.status_code == 200
        assert made.content == kept.content
        assert kept.headers["content-security-policy"] == made.headers["content-security-policy"]
        assert second.get("/groups/" + web_kb.ids["amber"], params={"lang": "nl"}).content != made.content
