"""The knowledge base, whatever engine holds it: what every store does, in SQL both engines speak.

Every document is written in one transaction together with its statements,
so a failure or a kill mid-build leaves either the whole document or none of
it; the next build picks up whatever is missing.

An engine (`sqlite.py`, `postgres.py`) connects, opens transactions, applies
its migrations (`migrations/<engine>/<version>_<name>.sql`, one file per
schema version and engine) and runs full-text search; everything else is
written here once, with `?` placeholders. A new table is a new migration for
each engine and the methods that use it here.
"""

from __future__ import annotations

import hashlib
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from dossier.model import Document, Evidence, Schema, Statement
from dossier.text.sentences import sentence_spans

SCHEMA_VERSION = 4
# A line longer than this is indexed sentence by sentence, so a search hit points at a sentence.
CHUNK_CHARS = 400
SEARCH_LIMIT = 50
# A search ranks the first this many matches (in index order) and returns the best of them: a
# common word in a large knowledge base would otherwise rank every row that has it.
SEARCH_CANDIDATES = 1000


def text_chunks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of `text` that search indexes: lines, long ones cut into sentences."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        if end - start <= CHUNK_CHARS:
            out.append((start, end))
        else:
            out.extend(sentence_spans(text[start:end], start))
    return out


@dataclass(frozen=True)
class SearchHit:
    """A stretch of a document (or a statement) that matches a query.

    `snippet` is the matched text with the matching words between \x02 and \x03,
    which a page turns into highlights after escaping the rest.
    """

    doc_id: str
    start: int
    end: int
    snippet: str
    statement_id: str = ""
    subject: str = ""  # for a statement: its mention key, property and value
    prop: str = ""
    value: str = ""


class StoreError(Exception):
    """The database cannot be used (not a dossier database, newer schema, ...)."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class StoredImage:
    """A picture a document holds, without its bytes (`Store.image_data` gives those)."""

    doc_id: str
    seq: int
    sha256: str
    media_type: str
    width: int
    height: int
    alt: str
    caption: str
    start: int
    end: int


@dataclass(frozen=True)
class StoredDocument:
    id: str
    path: str
    title: str
    lang: str
    publisher: str
    format: str
    extracted_with: str


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK when the block raises."""

    def __init__(self, store: Store, begin: str) -> None:
        self.store, self.begin = store, begin

    def __enter__(self) -> Any:
        self.store.db.execute(self.begin)
        return self.store.db

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type:
            self.store.db.execute("ROLLBACK")
            return
        self.store.db.execute("COMMIT")


class Store(ABC):
    """A knowledge base: documents with their text, statements, resolution, judgements, builds, pictures."""

    engine: str  # the folder of its migrations
    where: str  # the database, as a person names it in a message (no password)
    db: Any  # the DB-API connection, in autocommit mode: transactions are explicit
    BEGIN_WRITE = "BEGIN"
    BEGIN_READ = "BEGIN"

    # -- engine ----------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        """`sql` with `?` placeholders in the engine's own style."""
        return sql

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (`?` placeholders) on this store's connection; its cursor. For the store's modules."""
        return self.db.execute(self._sql(sql), params)

    def _execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            self.db.cursor().executemany(self._sql(sql), rows)

    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def _holds_other_tables(self) -> bool:
        """Tables but no schema version: another program's database, which must be left alone."""

    @abstractmethod
    def _apply_migration(self, target: int, sql: str) -> None:
        """Open a write transaction and run migration `target`'s `sql` in it."""

    def _lock_document(self, doc_id: str) -> None:  # noqa: B027 (one writer at a time on SQLite)
        """Inside a transaction: wait until no other build writes this document."""

    def exclusive(self, name: str) -> AbstractContextManager[None]:
        """Hold a lock named `name` across several transactions (resolution: read, compute, write)."""
        return nullcontext()

    @abstractmethod
    def _index(self, doc_id: str, text: str) -> None:
        """Index one document's text chunks and its stored statements (call `_unindex` first)."""

    @abstractmethod
    def _unindex(self, doc_id: str) -> None:
        """Remove one document's search rows; before its statements or the document are deleted."""

    @abstractmethod
    def _clear_search(self) -> None: ...

    @abstractmethod
    def search_text(self, query: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
        """Chunks of document text that hold every word of `query` (diacritics folded), best first."""

    @abstractmethod
    def search_statements(self, query: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
        """Statements whose value or quote holds every word of `query`, best first; the quote is marked."""

    # -- schema -------------------------------------------------------------

    def _migrate(self) -> None:
        version = self.schema_version()
        if version == 0 and self._holds_other_tables():
            raise StoreError(f"{self.where}: not a dossier knowledge base (it holds other tables)")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.where} has schema version {version}, newer than this dossier ({SCHEMA_VERSION}); upgrade dossier"
            )
        folder = resources.files("dossier.store").joinpath("migrations", self.engine)
        files = {int(f.name.split("_", 1)[0]): f for f in folder.iterdir() if f.name.endswith(".sql")}
        for target in range(version + 1, SCHEMA_VERSION + 1):
            # One transaction per migration, with the data it fills: applied whole or not at all.
            self._apply_migration(target, files[target].read_text("utf-8"))
            try:
                if target == 2:
                    self._fill_search_index()
                if target == 3:
                    self._date_entities_by_documents()
                self._execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (str(target),),
                )
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def _fill_search_index(self) -> None:
        """Index the documents and statements a knowledge base already holds."""
        for doc_id, text in self._execute("SELECT id, text FROM documents").fetchall():
            self._index(doc_id, text)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------

    def transaction(self) -> _Transaction:
        return _Transaction(self, self.BEGIN_WRITE)

    def reading(self) -> AbstractContextManager[Any]:
        """One read transaction: what other connections commit meanwhile is seen whole or not at all."""
        return _Transaction(self, self.BEGIN_READ)

    # -- documents ------------------------------------------------------------

    def document_at(self, path: str) -> StoredDocument | None:
        row = self._execute(
            "SELECT d.id, d.path, d.title, d.lang, d.publisher, d.format, d.extracted_with "
            "FROM paths p JOIN documents d ON d.id = p.doc_id WHERE p.path = ?",
            (path,),
        ).fetchone()
        return StoredDocument(*row) if row else None

    def has_document(self, doc_id: str, extracted_with: str) -> bool:
        row = self._execute(
            "SELECT 1 FROM documents WHERE id = ? AND extracted_with = ?", (doc_id, extracted_with)
        ).fetchone()
        return row is not None

    def link_path(self, path: str, doc_id: str) -> None:
        """Point `path` at an already stored document (a copy of a known file)."""
        with self.transaction():
            self._set_path(path, doc_id)

    def put_document(self, doc: Document, statements: Sequence[Statement], extracted_with: str) -> None:
        """Store `doc` and its statements, replacing what `doc.path` held before. Atomic."""
        with self.transaction():
            self._lock_document(doc.id)  # two builds storing the same bytes write it one after the other
            # Re-extraction replaces the statements; other paths to the same bytes stay linked.
            self._unindex(doc.id)
            self._execute("DELETE FROM statements WHERE doc_id = ?", (doc.id,))
            self._execute(
                "INSERT INTO documents(id, path, title, lang, publisher, format, text, warnings, "
                "extracted_with, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET path = excluded.path, title = excluded.title, "
                "lang = excluded.lang, publisher = excluded.publisher, format = excluded.format, "
                "text = excluded.text, warnings = excluded.warnings, "
                "extracted_with = excluded.extracted_with",
                (
                    doc.id,
                    doc.path,
                    doc.title,
                    doc.lang,
                    doc.publisher,
                    doc.format,
                    doc.text,
                    json.dumps(list(doc.warnings)),
                    extracted_with,
                    now(),
                ),
            )
            self._execute_many(
                "INSERT INTO statements(id, doc_id, subject, schema, prop, value, qualifiers, "
                "start_pos, end_pos, extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                [
                    (
                        s.id,
                        doc.id,
                        s.subject,
                        s.schema.value,
                        s.prop,
                        s.value,
                        json.dumps(s.qualifiers, sort_keys=True, ensure_ascii=False),
                        s.evidence.start,
                        s.evidence.end,
                        s.extractor,
                    )
                    for s in statements
                ],
            )
            self._index(doc.id, doc.text)
            self._put_images(doc)
            self._set_path(doc.path, doc.id)

    def _set_path(self, path: str, doc_id: str) -> None:
        old = self._execute("SELECT doc_id FROM paths WHERE path = ?", (path,)).fetchone()
        self._execute(
            "INSERT INTO paths(path, doc_id) VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET doc_id = excluded.doc_id",
            (path, doc_id),
        )
        if old and old[0] != doc_id:
            self._drop_if_orphan(old[0])

    def _drop_if_orphan(self, doc_id: str) -> None:
        still_used = self._execute("SELECT 1 FROM paths WHERE doc_id = ? LIMIT 1", (doc_id,)).fetchone()
        if not still_used:
            self._unindex(doc_id)
            self._execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def documents(self) -> list[StoredDocument]:
        rows = self._execute(
            "SELECT id, path, title, lang, publisher, format, extracted_with FROM documents ORDER BY path, id"
        ).fetchall()
        return [StoredDocument(*r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        row = self._execute(
            "SELECT id, path, text, lang, title, publisher, format, warnings FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if not row:
            return None
        return Document(
            id=row[0],
            path=row[1],
            text=row[2],
            lang=row[3],
            title=row[4],
            publisher=row[5],
            format=row[6],
            warnings=tuple(json.loads(row[7])),
        )

    def texts(self) -> dict[str, str]:
        return dict(self._execute("SELECT id, text FROM documents").fetchall())

    # -- statements -----------------------------------------------------------

    def statements(self, *, subjects: Iterable[str] | None = None) -> Iterator[Statement]:
        sql = "SELECT subject, schema, prop, value, qualifiers, doc_id, start_pos, end_pos, extractor FROM statements"
        params: list[Any] = []
        if subjects is not None:
            keys = list(subjects)
            sql += f" WHERE subject IN ({','.join('?' * len(keys))})"
            params = keys
        for row in self._execute(sql + " ORDER BY doc_id, start_pos, id", params).fetchall():
            yield Statement(
                subject=row[0],
                schema=Schema(row[1]),
                prop=row[2],
                value=row[3],
                qualifiers=json.loads(row[4]),
                evidence=Evidence(row[5], row[6], row[7]),
                extractor=row[8],
            )

    def count(self, table: str) -> int:
        if table not in {
            "documents",
            "statements",
            "resolution",
            "judgements",
            "paths",
            "images",
            "decisions",
            "accounts",
        }:
            raise ValueError(table)
        return int(self._execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def reindex_search(self) -> None:
        """Build the full-text index again from the documents and statements, in one transaction."""
        with self.transaction():
            self._clear_search()
            self._fill_search_index()

    # -- what a server serves ----------------------------------------------------

    def _publish(self) -> None:
        """Inside a transaction that finishes a change (a build, a resolution, a decision): a server reloads."""
        self._execute(
            "INSERT INTO meta(key, value) VALUES ('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)"
        )

    def generation(self) -> int:
        """A number that grows with every finished change, whichever process made it. A server loads the
        knowledge base again when it grows, never in the middle of a build (whose documents commit one
        by one, its resolution last)."""
        row = self._execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    # -- resolution and judgements ---------------------------------------------

    def replace_resolution(self, rows: Iterable[tuple[str, str, str, float]]) -> None:
        with self.transaction():
            self._execute("DELETE FROM resolution")
            self._execute_many("INSERT INTO resolution(subject, entity_id, reason, score) VALUES (?, ?, ?, ?)", rows)
        self.stamp_entities()  # entities are what resolution makes of the statements: date what changed
        with self.transaction():
            self._publish()

    def resolution(self) -> dict[str, str]:
        return dict(self._execute("SELECT subject, entity_id FROM resolution").fetchall())

    def resolution_rows(self) -> list[tuple[str, str, str, float]]:
        rows = self._execute("SELECT subject, entity_id, reason, score FROM resolution ORDER BY entity_id, subject")
        return [tuple(r) for r in rows.fetchall()]

    def judgements(self) -> list[tuple[str, str, str]]:
        return [tuple(r) for r in self._execute("SELECT left_key, right_key, judgement FROM judgements").fetchall()]

    def judge(self, left: str, right: str, judgement: str) -> None:
        self.judge_many([(left, right)], judgement)

    def judge_many(self, pairs: Iterable[tuple[str, str]], judgement: str) -> int:
        """Record one judgement on many pairs in one transaction; the number of pairs."""
        rows = [(*sorted((a, b)), judgement, now()) for a, b in pairs if a != b]
        with self.transaction():
            self._execute_many(
                "INSERT INTO judgements(left_key, right_key, judgement, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(left_key, right_key) DO UPDATE SET judgement = excluded.judgement, "
                "created_at = excluded.created_at",
                rows,
            )
        return len(rows)

    # -- builds -----------------------------------------------------------------

    def record_build(self, started_at: str, read: int, skipped: int, unchanged: int, statements: int) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO builds(started_at, finished_at, read, skipped, unchanged, statements) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (started_at, now(), read, skipped, unchanged, statements),
            )
            self._publish()

    def last_change(self) -> str | None:
        """When the knowledge base last changed: a document stored, a build that read files, a judgement.

        A build that found every file unchanged changes nothing, so it leaves this as it was."""
        row = self._execute(
            "SELECT max(t) FROM (SELECT max(added_at) AS t FROM documents "
            "UNION ALL SELECT max(finished_at) FROM builds WHERE read > 0 "
            "UNION ALL SELECT max(created_at) FROM judgements UNION ALL SELECT max(created_at) FROM decisions) AS changes"
        ).fetchone()
        return row[0] if row and row[0] else None

    def last_build(self) -> dict[str, Any] | None:
        row = self._execute(
            "SELECT started_at, finished_at, read, skipped, unchanged, statements FROM builds ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if not row:
            return None
        keys = ("started_at", "finished_at", "read", "skipped", "unchanged", "statements")
        return dict(zip(keys, row, strict=True))

    # -- images and entity versions (schema version 3) ---------------------------

    def _put_images(self, doc: Document) -> None:
        """Replace a document's pictures with those `doc` holds (inside `put_document`'s transaction)."""
        self._execute("DELETE FROM images WHERE doc_id = ?", (doc.id,))
        self._execute_many(
            "INSERT INTO images(doc_id, seq, sha256, media_type, width, height, alt, caption, start_pos, end_pos, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc.id,
                    i,
                    im.sha256,
                    im.media_type,
                    im.width,
                    im.height,
                    im.alt,
                    im.caption,
                    im.start,
                    im.end,
                    im.data,
                )
                for i, im in enumerate(doc.images)
            ],
        )

    def images(self) -> list[StoredImage]:
        """Every document's pictures, by document and place, without their bytes."""
        rows = self._execute(
            "SELECT doc_id, seq, sha256, media_type, width, height, alt, caption, start_pos, end_pos "
            "FROM images ORDER BY doc_id, seq"
        ).fetchall()
        return [StoredImage(*r) for r in rows]

    def image_data(self, sha256: str) -> tuple[str, bytes] | None:
        """(media type, bytes) of the picture with this digest, or None."""
        row = self._execute("SELECT media_type, data FROM images WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
        return (str(row[0]), bytes(row[1])) if row else None

    def _statement_digests(self) -> Iterator[tuple[str, str, str, str]]:
        """(entity, digest of its statements' ids, earliest and latest time its documents were stored)."""
        rows = self._execute(
            "SELECT COALESCE(r.entity_id, s.subject) AS entity, s.id, d.added_at FROM statements s "
            "JOIN documents d ON d.id = s.doc_id LEFT JOIN resolution r ON r.subject = s.subject "
            "ORDER BY entity, s.id"
        ).fetchall()
        entity, digest, first, last = None, hashlib.sha256(), "", ""
        for key, statement_id, added_at in rows:
            if key != entity:
                if entity is not None:
                    yield entity, digest.hexdigest(), first, last
                entity, digest, first, last = key, hashlib.sha256(), added_at, added_at
            digest.update(statement_id.encode("ascii") + b"\n")
            first, last = min(first, added_at), max(last, added_at)
        if entity is not None:
            yield entity, digest.hexdigest(), first, last

    def _date_entities_by_documents(self) -> None:
        """For a knowledge base built before versions were kept: each entity dated by its documents."""
        self._execute_many(
            "INSERT INTO entity_versions(entity_id, fingerprint, created_at, modified_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(entity_id) DO UPDATE SET fingerprint = excluded.fingerprint, "
            "created_at = excluded.created_at, modified_at = excluded.modified_at",
            list(self._statement_digests()),
        )

    def stamp_entities(self, at: str | None = None) -> int:
        """Record each entity's version after a build: an entity whose statements changed is modified `at`
        (now by default), a new one created `at`, an unchanged one keeps its times. The number changed."""
        at = at or now()
        with self.transaction():
            known = {e: f for e, f in self._execute("SELECT entity_id, fingerprint FROM entity_versions").fetchall()}
            new, changed, current = [], [], set()
            for entity, fingerprint, _first, _last in self._statement_digests():
                current.add(entity)
                if entity not in known:
                    new.append((entity, fingerprint, at, at))
                elif known[entity] != fingerprint:
                    changed.append((fingerprint, at, entity))
            self._execute_many(
                "INSERT INTO entity_versions(entity_id, fingerprint, created_at, modified_at) VALUES (?, ?, ?, ?)", new
            )
            self._execute_many(
                "UPDATE entity_versions SET fingerprint = ?, modified_at = ? WHERE entity_id = ?", changed
            )
            self._execute_many("DELETE FROM entity_versions WHERE entity_id = ?", [(e,) for e in set(known) - current])
        return len(new) + len(changed)

    def entity_versions(self) -> dict[str, tuple[str, str]]:
        """Entity id -> (first stored, last changed), ISO 8601 in UTC."""
        rows = self._execute("SELECT entity_id, created_at, modified_at FROM entity_versions").fetchall()
        return {e: (c, m) for e, c, m in rows}
