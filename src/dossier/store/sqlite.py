"""The knowledge base in one SQLite file.

Every document is written in one transaction together with its statements,
so a failure or a kill mid-build leaves either the whole document or none of
it; the next build picks up whatever is missing.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from dossier.model import Document, Evidence, Schema, Statement
from dossier.text.sentences import sentence_spans

SCHEMA_VERSION = 4
# version -> SQL file that brings a database from version-1 to version.
MIGRATIONS: dict[int, str] = {1: "schema.sql", 2: "search.sql", 3: "images.sql", 4: "editors.sql"}
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


def fts_query(query: str) -> str:
    """A user's words as an FTS5 query: every word must occur, the last one as a prefix.

    Words are quoted, so FTS5's syntax (AND, NEAR, *, quotes, colons) in what a
    person types is searched for as text and never raises.
    """
    words = re.findall(r"\w+", query)
    if not words:
        return ""
    quoted = ['"' + w + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


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


class Store:
    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(f"{self.path}: no such knowledge base; run `dossier build` first")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._migrate()  # first: a file that is not ours is refused before anything is written
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: not a dossier knowledge base ({err})") from err

    # -- schema -------------------------------------------------------------

    def schema_version(self) -> int:
        has_meta = self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
        if not has_meta:
            return 0
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        version = self.schema_version()
        if version == 0 and self.db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
            # Tables but no schema version: another program's database, which must be left alone.
            raise StoreError(f"{self.path}: not a dossier knowledge base (it holds other tables)")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this dossier ({SCHEMA_VERSION}); upgrade dossier"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            sql = resources.files("dossier.store").joinpath(MIGRATIONS[target]).read_text("utf-8")
            # One transaction per migration, with the data it fills: applied whole or not at all.
            self.db.executescript(f"BEGIN IMMEDIATE;\n{sql}\n")
            try:
                if target == 2:
                    self._fill_search_index()
                if target == 3:
                    self._date_entities_by_documents()
                self.db.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (str(target),),
                )
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def _fill_search_index(self) -> None:
        """Index the documents and statements a version 1 knowledge base already holds."""
        for doc_id, text in self.db.execute("SELECT id, text FROM documents").fetchall():
            self._index(self.db, doc_id, text)

    def _index(self, db: sqlite3.Connection, doc_id: str, text: str) -> None:
        """Index one document's text chunks and its stored statements (call `_unindex` first)."""
        for start, end in text_chunks(text):
            cursor = db.execute("INSERT INTO chunks(doc_id, start_pos, end_pos) VALUES (?, ?, ?)", (doc_id, start, end))
            db.execute("INSERT INTO chunks_fts(rowid, text) VALUES (?, ?)", (cursor.lastrowid, text[start:end]))
        rows = db.execute("SELECT rowid, value, start_pos, end_pos FROM statements WHERE doc_id = ?", (doc_id,))
        db.executemany(
            "INSERT INTO statements_fts(rowid, value, quote) VALUES (?, ?, ?)",
            [(rowid, value, text[start:end]) for rowid, value, start, end in rows.fetchall()],
        )

    def _unindex(self, db: sqlite3.Connection, doc_id: str) -> None:
        """Remove one document's search rows; before its statements or the document are deleted."""
        db.execute("DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE doc_id = ?)", (doc_id,))
        db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        db.execute(
            "DELETE FROM statements_fts WHERE rowid IN (SELECT rowid FROM statements WHERE doc_id = ?)", (doc_id,)
        )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------

    class _Transaction:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def __enter__(self) -> sqlite3.Connection:
            self.db.execute("BEGIN IMMEDIATE")
            return self.db

        def __exit__(self, exc_type: object, *rest: object) -> None:
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")

    def transaction(self) -> Store._Transaction:
        return Store._Transaction(self.db)

    # -- documents ------------------------------------------------------------

    def document_at(self, path: str) -> StoredDocument | None:
        row = self.db.execute(
            "SELECT d.id, d.path, d.title, d.lang, d.publisher, d.format, d.extracted_with "
            "FROM paths p JOIN documents d ON d.id = p.doc_id WHERE p.path = ?",
            (path,),
        ).fetchone()
        return StoredDocument(*row) if row else None

    def has_document(self, doc_id: str, extracted_with: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM documents WHERE id = ? AND extracted_with = ?", (doc_id, extracted_with)
        ).fetchone()
        return row is not None

    def link_path(self, path: str, doc_id: str) -> None:
        """Point `path` at an already stored document (a copy of a known file)."""
        with self.transaction() as db:
            self._set_path(db, path, doc_id)

    def put_document(self, doc: Document, statements: Sequence[Statement], extracted_with: str) -> None:
        """Store `doc` and its statements, replacing what `doc.path` held before. Atomic."""
        with self.transaction() as db:
            # Re-extraction replaces the statements; other paths to the same bytes stay linked.
            self._unindex(db, doc.id)
            db.execute("DELETE FROM statements WHERE doc_id = ?", (doc.id,))
            db.execute(
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
            db.executemany(
                "INSERT OR IGNORE INTO statements(id, doc_id, subject, schema, prop, value, qualifiers, "
                "start_pos, end_pos, extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            self._index(db, doc.id, doc.text)
            self._put_images(db, doc)
            self._set_path(db, doc.path, doc.id)

    def _set_path(self, db: sqlite3.Connection, path: str, doc_id: str) -> None:
        old = db.execute("SELECT doc_id FROM paths WHERE path = ?", (path,)).fetchone()
        db.execute(
            "INSERT INTO paths(path, doc_id) VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET doc_id = excluded.doc_id",
            (path, doc_id),
        )
        if old and old[0] != doc_id:
            self._drop_if_orphan(db, old[0])

    def _drop_if_orphan(self, db: sqlite3.Connection, doc_id: str) -> None:
        still_used = db.execute("SELECT 1 FROM paths WHERE doc_id = ? LIMIT 1", (doc_id,)).fetchone()
        if not still_used:
            self._unindex(db, doc_id)
            db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def documents(self) -> list[StoredDocument]:
        rows = self.db.execute(
            "SELECT id, path, title, lang, publisher, format, extracted_with FROM documents ORDER BY path"
        ).fetchall()
        return [StoredDocument(*r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        row = self.db.execute(
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
        return dict(self.db.execute("SELECT id, text FROM documents").fetchall())

    # -- statements -----------------------------------------------------------

    def statements(self, *, subjects: Iterable[str] | None = None) -> Iterator[Statement]:
        sql = "SELECT subject, schema, prop, value, qualifiers, doc_id, start_pos, end_pos, extractor FROM statements"
        params: list[Any] = []
        if subjects is not None:
            keys = list(subjects)
            sql += f" WHERE subject IN ({','.join('?' * len(keys))})"
            params = keys
        for row in self.db.execute(sql + " ORDER BY doc_id, start_pos, id", params):
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
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    # -- search ---------------------------------------------------------------

    def search_text(self, query: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
        """Chunks of document text that hold every word of `query` (diacritics folded), best first."""
        match = fts_query(query)
        if not match:
            return []
        rows = self.db.execute(
            "SELECT c.doc_id, c.start_pos, c.end_pos, m.snippet FROM ("
            "  SELECT rowid, bm25(chunks_fts) AS score, snippet(chunks_fts, 0, char(2), char(3), '…', 24) AS snippet"
            "  FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT ?"
            ") m JOIN chunks c ON c.id = m.rowid ORDER BY m.score LIMIT ?",
            (match, SEARCH_CANDIDATES, limit),
        ).fetchall()
        return [SearchHit(r[0], int(r[1]), int(r[2]), r[3]) for r in rows]

    def search_statements(self, query: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
        """Statements whose value or quote holds every word of `query`, best first; the quote is marked."""
        match = fts_query(query)
        if not match:
            return []
        rows = self.db.execute(
            "SELECT s.doc_id, s.start_pos, s.end_pos, m.quote, s.id, s.subject, s.prop, s.value FROM ("
            "  SELECT rowid, bm25(statements_fts) AS score, highlight(statements_fts, 1, char(2), char(3)) AS quote"
            "  FROM statements_fts WHERE statements_fts MATCH ? LIMIT ?"
            ") m JOIN statements s ON s.rowid = m.rowid ORDER BY m.score LIMIT ?",
            (match, SEARCH_CANDIDATES, limit),
        ).fetchall()
        return [SearchHit(r[0], int(r[1]), int(r[2]), r[3], r[4], r[5], r[6], r[7]) for r in rows]

    def reindex_search(self) -> None:
        """Build the full-text index again from the documents and statements, in one transaction.

        The statement index is keyed by the statements' rowids, which SQLite keeps
        except through a VACUUM; after one, this puts the index right.
        """
        with self.transaction() as db:
            for table in ("chunks_fts", "chunks", "statements_fts"):
                db.execute(f"DELETE FROM {table}")
            self._fill_search_index()

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the database."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    # -- resolution and judgements ---------------------------------------------

    def replace_resolution(self, rows: Iterable[tuple[str, str, str, float]]) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM resolution")
            db.executemany("INSERT INTO resolution(subject, entity_id, reason, score) VALUES (?, ?, ?, ?)", rows)
        self.stamp_entities()  # entities are what resolution makes of the statements: date what changed

    def resolution(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT subject, entity_id FROM resolution").fetchall())

    def resolution_rows(self) -> list[tuple[str, str, str, float]]:
        return self.db.execute(
            "SELECT subject, entity_id, reason, score FROM resolution ORDER BY entity_id, subject"
        ).fetchall()

    def judgements(self) -> list[tuple[str, str, str]]:
        return self.db.execute("SELECT left_key, right_key, judgement FROM judgements").fetchall()

    def judge(self, left: str, right: str, judgement: str) -> None:
        a, b = sorted((left, right))
        with self.transaction() as db:
            db.execute(
                "INSERT INTO judgements(left_key, right_key, judgement, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(left_key, right_key) DO UPDATE SET judgement = excluded.judgement, "
                "created_at = excluded.created_at",
                (a, b, judgement, now()),
            )

    def judge_many(self, pairs: Iterable[tuple[str, str]], judgement: str) -> int:
        """Record one judgement on many pairs in one transaction; the number of pairs."""
        rows = [(*sorted((a, b)), judgement, now()) for a, b in pairs if a != b]
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO judgements(left_key, right_key, judgement, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(left_key, right_key) DO UPDATE SET judgement = excluded.judgement, "
                "created_at = excluded.created_at",
                rows,
            )
        return len(rows)

    # -- builds -----------------------------------------------------------------

    def record_build(self, started_at: str, read: int, skipped: int, unchanged: int, statements: int) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO builds(started_at, finished_at, read, skipped, unchanged, statements) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (started_at, now(), read, skipped, unchanged, statements),
            )

    def last_change(self) -> str | None:
        """When the knowledge base last changed: a document stored, a build that read files, a judgement.

        A build that found every file unchanged changes nothing, so it leaves this as it was."""
        row = self.db.execute(
            "SELECT max(t) FROM (SELECT max(added_at) AS t FROM documents "
            "UNION ALL SELECT max(finished_at) FROM builds WHERE read > 0 "
            "UNION ALL SELECT max(created_at) FROM judgements UNION ALL SELECT max(created_at) FROM decisions)"
        ).fetchone()
        return row[0] if row and row[0] else None

    def last_build(self) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT started_at, finished_at, read, skipped, unchanged, statements FROM builds ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if not row:
            return None
        keys = ("started_at", "finished_at", "read", "skipped", "unchanged", "statements")
        return dict(zip(keys, row, strict=True))

    # -- images and entity versions (schema version 3) ---------------------------

    def _put_images(self, db: sqlite3.Connection, doc: Document) -> None:
        """Replace a document's pictures with those `doc` holds (inside `put_document`'s transaction)."""
        db.execute("DELETE FROM images WHERE doc_id = ?", (doc.id,))
        db.executemany(
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
        rows = self.db.execute(
            "SELECT doc_id, seq, sha256, media_type, width, height, alt, caption, start_pos, end_pos "
            "FROM images ORDER BY doc_id, seq"
        ).fetchall()
        return [StoredImage(*r) for r in rows]

    def image_data(self, sha256: str) -> tuple[str, bytes] | None:
        """(media type, bytes) of the picture with this digest, or None."""
        row = self.db.execute("SELECT media_type, data FROM images WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
        return (str(row[0]), bytes(row[1])) if row else None

    def _statement_digests(self) -> Iterator[tuple[str, str, str, str]]:
        """(entity, digest of its statements' ids, earliest and latest time its documents were stored)."""
        rows = self.db.execute(
            "SELECT COALESCE(r.entity_id, s.subject) AS entity, s.id, d.added_at FROM statements s "
            "JOIN documents d ON d.id = s.doc_id LEFT JOIN resolution r ON r.subject = s.subject "
            "ORDER BY entity, s.id"
        )
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
        self.db.executemany(
            "INSERT OR REPLACE INTO entity_versions(entity_id, fingerprint, created_at, modified_at) VALUES (?, ?, ?, ?)",
            list(self._statement_digests()),
        )

    def stamp_entities(self, at: str | None = None) -> int:
        """Record each entity's version after a build: an entity whose statements changed is modified `at`
        (now by default), a new one created `at`, an unchanged one keeps its times. The number changed."""
        at = at or now()
        with self.transaction() as db:
            known = {e: f for e, f in db.execute("SELECT entity_id, fingerprint FROM entity_versions")}
            new, changed, current = [], [], set()
            for entity, fingerprint, _first, _last in self._statement_digests():
                current.add(entity)
                if entity not in known:
                    new.append((entity, fingerprint, at, at))
                elif known[entity] != fingerprint:
                    changed.append((fingerprint, at, entity))
            db.executemany(
                "INSERT INTO entity_versions(entity_id, fingerprint, created_at, modified_at) VALUES (?, ?, ?, ?)", new
            )
            db.executemany("UPDATE entity_versions SET fingerprint = ?, modified_at = ? WHERE entity_id = ?", changed)
            db.executemany("DELETE FROM entity_versions WHERE entity_id = ?", [(e,) for e in set(known) - current])
        return len(new) + len(changed)

    def entity_versions(self) -> dict[str, tuple[str, str]]:
        """Entity id -> (first stored, last changed), ISO 8601 in UTC."""
        rows = self.db.execute("SELECT entity_id, created_at, modified_at FROM entity_versions")
        return {e: (c, m) for e, c, m in rows}
