"""Storage: statements, documents and the id mapping, in SQLite."""

from dossier.store.sqlite import SCHEMA_VERSION, SearchHit, Store, StoredDocument, StoredImage, StoreError

__all__ = ["SCHEMA_VERSION", "SearchHit", "Store", "StoreError", "StoredDocument", "StoredImage"]
