"""Storage: statements, documents and the id mapping, in SQLite."""

from dossier.store.sqlite import SCHEMA_VERSION, Store, StoredDocument, StoreError

__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "StoredDocument"]
