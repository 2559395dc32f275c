"""The largest factsheet of the shared seed corpus (where a checkout has it beside the project): light,
and opening with its key facts, each with a source."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from dossier.build import build_paths
from dossier.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx versions
    from fastapi.testclient import TestClient

SEEDS = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[2].parent / "shared")) / "corpus" / "seeds"
MAX_BYTES = 250_000


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seed corpus at {SEEDS}")
def test_the_largest_seed_factsheet_is_light_and_opens_with_its_key_facts(tmp_path: Path) -> None:
    db = tmp_path / "seeds.db"
    build_paths([SEEDS], db, progress=False, workers=1)
    client = TestClient(create_app(db))
    groups = client.get("/api/groups").json()["groups"]
    largest = max(groups, key=lambda g: g["events"])
    page = client.get(f"/groups/{largest['id']}")
    assert page.status_code == 200
    assert len(page.content) <= MAX_BYTES, f"{len(page.content):,} bytes of HTML"
    facts = client.get(f"/api/groups/{largest['id']}").json()["facts"]
    for fact in ("origin", "ideology", "size", "leader", "last_activity"):
        assert facts[fact] and facts[fact]["evidence"], fact
    assert facts["areas"] and all(a["evidence"] for a in facts["areas"])
    assert facts["size"]["as_of"]  # the latest estimate, with its year
    header = page.text[page.text.index('id="key-facts"') : page.text.index('id="identity"')]
    for fact in ("origin", "areas", "ideology", "size", "leader", "last-activity"):
        cell = header[header.index(f'id="fact-{fact}"') :]
        assert '<details class="src">' in cell[: cell.index("</dd>")], fact
    assert "Status" in header[header.index('id="fact-leader"') :]
