"""Knowledge bases for the export tests, each built once per session.

`corpus` runs a test on the shared seed corpus (five real profiles of one group,
read from ../shared, as CI does) and on the bundled example corpus; tests must
only read them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from engines import new_database
from kb_helpers import build

from dossier.export.json import export_data
from dossier.export.snapshot import Snapshot
from dossier.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("SHARED", ROOT.parent / "shared")) / "corpus" / "seeds"
EXAMPLES = ROOT / "examples" / "corpus"


@dataclass
class Corpus:
    name: str
    db: str
    snap: Snapshot
    data: dict[str, Any]  # the dossier/1 export


def _built(engine: str, tmp_path_factory: pytest.TempPathFactory, name: str, folder: Path) -> Corpus:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    db = new_database(engine, tmp_path_factory.mktemp(name))
    report = build(folder, db=db)
    assert report.ok, report.problems
    with open_store(db, create=False) as store:
        snap = Snapshot.load(store)
        return Corpus(name, db, snap, export_data(store, snap))


@pytest.fixture(scope="session")
def seeds(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return _built(engine, tmp_path_factory, "seeds", SEEDS)


@pytest.fixture(scope="session")
def examples(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return _built(engine, tmp_path_factory, "examples", EXAMPLES)


@pytest.fixture(params=["seeds", "examples"])
def corpus(request: pytest.FixtureRequest, engine: str) -> Corpus:
    return request.getfixturevalue(request.param)  # `engine` named above: it is a parameter of this fixture too


@pytest.fixture(scope="session")
def small(kb: Any) -> Corpus:
    """The three invented profiles of tests/conftest.py (`kb`) as a Corpus."""
    with open_store(kb.db, create=False) as store:
        snap = Snapshot.load(store)
        return Corpus("small", kb.db, snap, export_data(store, snap))
