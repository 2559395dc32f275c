"""The two stores the tests run on: SQLite (a file) and PostgreSQL (a server named by $DOSSIER_TEST_POSTGRES).

`.ci/run` starts a PostgreSQL server on loopback and sets DOSSIER_TEST_POSTGRES
to a URL whose user may create databases; each knowledge base a test makes is
a fresh database there, dropped at the end of the session. Without the
variable the PostgreSQL runs are skipped, saying so.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

ENGINES = ["sqlite", "postgres"]
SERVER = os.environ.get("DOSSIER_TEST_POSTGRES", "")
_made: list[str] = []


def new_database(engine: str, folder: Path, name: str = "kb") -> str:
    """A place for a new, empty knowledge base on `engine`: a file in `folder` or a fresh database."""
    if engine == "sqlite":
        return str(folder / f"{name}.db")
    if not SERVER:
        pytest.skip("no PostgreSQL server: set DOSSIER_TEST_POSTGRES to a URL (.ci/run starts one)")
    import psycopg

    dbname = f"dossier_test_{name}_{uuid.uuid4().hex[:10]}".lower()
    with psycopg.connect(SERVER, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{dbname}"')
    _made.append(dbname)
    return urlunsplit(urlsplit(SERVER)._replace(path="/" + dbname))


def drop_databases() -> None:
    if not _made:
        return
    import psycopg

    with psycopg.connect(SERVER, autocommit=True) as con:
        for dbname in _made:
            con.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    _made.clear()


def rows(db: Path | str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read the database with a plain connection of its own (`?` placeholders on either engine)."""
    if str(db).startswith("postgresql://"):
        import psycopg

        with psycopg.connect(str(db)) as con:
            return [tuple(r) for r in con.execute(sql.replace("?", "%s"), params).fetchall()]
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()
