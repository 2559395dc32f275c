"""What is particular to the PostgreSQL store: its URL, a database that is not (yet) a knowledge base, an
unreachable server."""

from __future__ import annotations

from pathlib import Path

import pytest
from engines import SERVER, new_database, rows
from kb_helpers import free_port

from dossier.store import SCHEMA_VERSION, StoreError, display_name, open_store

pytestmark = pytest.mark.skipif(not SERVER, reason="no PostgreSQL server: set DOSSIER_TEST_POSTGRES (.ci/run does)")


def test_an_empty_database_is_no_knowledge_base_to_read_but_one_to_build(tmp_path: Path) -> None:
    db = new_database("postgres", tmp_path)
    with pytest.raises(StoreError, match="no dossier knowledge base there; run `dossier build` first"):
        open_store(db, create=False)
    with open_store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
    assert rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]


def test_a_database_of_another_program_is_left_alone(tmp_path: Path) -> None:
    db = new_database("postgres", tmp_path)
    import psycopg

    with psycopg.connect(db, autocommit=True) as con:
        con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match="not a dossier knowledge base"):
        open_store(db)
    assert rows(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'") == [("invoices",)]


def test_an_unreachable_server_is_an_error_that_shows_no_password() -> None:
    url = f"postgresql://someone:secret@127.0.0.1:{free_port()}/kb"
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as raised:
        open_store(url, create=False)
    assert "secret" not in str(raised.value)
    assert display_name(url) == url.replace(":secret", "")
