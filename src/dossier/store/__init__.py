"""Storage: statements, documents and the id mapping, in SQLite (one file) or PostgreSQL (a server).

`open_store(db)` is the one way in: a `postgresql://` URL opens PostgreSQL,
anything else is a SQLite file.
"""

from __future__ import annotations

from pathlib import Path

from dossier.store.base import SCHEMA_VERSION, SearchHit, Store, StoredDocument, StoredImage, StoreError, now


def is_postgres_url(db: object) -> bool:
    return isinstance(db, str) and db.startswith(("postgresql://", "postgres://"))


def display_name(db: Path | str) -> str:
    """`db` as a message shows it: a PostgreSQL URL without its password."""
    if is_postgres_url(db):
        from dossier.store.postgres import public_name

        return public_name(str(db))
    return str(db)


def open_store(db: Path | str, *, create: bool = True) -> Store:
    """The knowledge base at `db`: a PostgreSQL URL or a SQLite file (made when missing and `create`)."""
    if is_postgres_url(db):
        from dossier.store.postgres import PostgresStore  # psycopg is needed only for PostgreSQL

        return PostgresStore(str(db), create=create)
    from dossier.store.sqlite import SqliteStore

    return SqliteStore(db, create=create)


__all__ = [
    "SCHEMA_VERSION",
    "SearchHit",
    "Store",
    "StoreError",
    "StoredDocument",
    "StoredImage",
    "display_name",
    "is_postgres_url",
    "now",
    "open_store",
]
