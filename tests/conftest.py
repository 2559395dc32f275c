"""Fixtures for the build, store, export and CLI tests.

Tests that only read share one knowledge base built once per session (`kb`);
tests that change a knowledge base build their own in `tmp_path`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

try:
    import dossier  # noqa: F401
except ImportError:  # not installed in the venv: use the source tree
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from collections.abc import Iterator  # noqa: E402

from engines import ENGINES, drop_databases, new_database  # noqa: E402
from kb_helpers import RED_DAWN, SALT_ARMY, SILVER_RIVER_HTML, BuiltKB, build, export, write_corpus  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _index_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The indexes dossier keeps on disk (`dossier.text.disk_cache`) go to this session's folder, not the
    user's cache (unless DOSSIER_CACHE_DIR chooses one); the CLI's subprocesses inherit it."""
    if "DOSSIER_CACHE_DIR" in os.environ:
        yield
        return
    os.environ["DOSSIER_CACHE_DIR"] = str(tmp_path_factory.mktemp("index-cache"))
    yield
    del os.environ["DOSSIER_CACHE_DIR"]


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[str]:
    """The store a test runs on: every test that asks for it (or for `db`, `kb`, ...) runs on both."""
    yield request.param
    drop_databases()


@pytest.fixture
def db(engine: str, tmp_path: Path) -> str:
    """Where a test makes its own knowledge base: a SQLite file or a fresh PostgreSQL database."""
    return new_database(engine, tmp_path)


@pytest.fixture(scope="session")
def kb(engine: str, tmp_path_factory: pytest.TempPathFactory) -> BuiltKB:
    """A knowledge base built once from three profiles; tests must only read it."""
    root = tmp_path_factory.mktemp("shared")
    folder = write_corpus(
        root / "corpus",
        {"red-dawn.txt": RED_DAWN, "salt-army.md": SALT_ARMY, "silver-river.html": SILVER_RIVER_HTML},
    )
    db = new_database(engine, root)
    report = build(folder, db=db)
    return BuiltKB(folder, db, report, export(db), {p.name: p for p in folder.iterdir()})
