"""SQLite and PostgreSQL hold the same knowledge base: the shared corpora built into each export the same
JSON, and search finds the same rows in either."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from engines import SERVER, new_database
from kb_helpers import build, export

from dossier.store import open_store
from dossier.store.base import SEARCH_CANDIDATES
from dossier.store.postgres import fold

SHARED = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[1].parent / "shared")) / "corpus"

pytestmark = pytest.mark.skipif(not SERVER, reason="no PostgreSQL server: set DOSSIER_TEST_POSTGRES (.ci/run does)")


@pytest.fixture(scope="module", params=["seeds", "dev"])
def both(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    folder = SHARED / request.param
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    root = tmp_path_factory.mktemp(request.param)
    dbs = (new_database("sqlite", root, request.param), new_database("postgres", root, request.param))
    for db in dbs:
        assert build(folder, db=db, workers=2).ok
    return dbs


def test_the_exports_of_both_stores_are_the_same(both: tuple[str, str]) -> None:
    sqlite_db, postgres_db = both
    assert export(sqlite_db) == export(postgres_db)


def _queries(db: str) -> list[str]:
    """Words of the knowledge base's own text: common and rare ones, prefixes, pairs, and accented words."""
    with open_store(db, create=False) as store:
        texts = list(store.texts().values())
    counts = Counter(w for text in texts for w in re.findall(r"[^\W_]{3,}", text))
    common = [w for w, _ in counts.most_common(40)]
    rare = [w for w, n in counts.items() if n == 2][:40]
    accented = [w for w in counts if fold(w) != w.lower()][:30]
    prefixes = [w[:4] for w in common[:20] + rare[:20]]
    pairs = [f"{a} {b}" for a, b in zip(common[::2], rare[1::2], strict=False)]
    return common + rare + accented + prefixes + pairs + [fold(w) for w in accented]


def test_search_finds_the_same_rows_in_both_stores(both: tuple[str, str]) -> None:
    sqlite_db, postgres_db = both
    queries = _queries(sqlite_db)
    assert len(queries) > 100
    found = 0
    with open_store(sqlite_db, create=False) as lite, open_store(postgres_db, create=False) as pg:
        for query in queries:
            # Every match, in any order: the engines rank alike but not the same. A word with more
            # matches than a search ranks (SEARCH_CANDIDATES) is left out: which ones it ranks differs.
            text = {(h.doc_id, h.start, h.end) for h in lite.search_text(query, limit=SEARCH_CANDIDATES)}
            if len(text) < SEARCH_CANDIDATES:
                assert text == {(h.doc_id, h.start, h.end) for h in pg.search_text(query, limit=SEARCH_CANDIDATES)}, (
                    query
                )
            facts = {h.statement_id for h in lite.search_statements(query, limit=SEARCH_CANDIDATES)}
            if len(facts) < SEARCH_CANDIDATES:
                assert facts == {h.statement_id for h in pg.search_statements(query, limit=SEARCH_CANDIDATES)}, query
            found += len(text) + len(facts)
    assert found > len(queries)
