"""The knowledge base in one SQLite file: nothing to start. Search is FTS5's.

An FTS5 row's rowid is that of the row it indexes (a chunk, a statement), so
the rows of one document are found, and deleted, through the indexed doc_id of
the ordinary tables, never by scanning the full-text tables. (A VACUUM may
renumber the statements' rowids: `reindex_search()` rebuilds the index.)
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from dossier.store.base import SEARCH_CANDIDATES, SEARCH_LIMIT, SearchHit, Store, StoreError, text_chunks


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


class SqliteStore(Store):
    engine = "sqlite"
    BEGIN_WRITE = "BEGIN IMMEDIATE"

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path)
        self.where = str(self.path)
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

    def _holds_other_tables(self) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None

    def _apply_migration(self, target: int, sql: str) -> None:
        # executescript commits what is open first, so BEGIN goes inside the script.
        self.db.executescript(f"BEGIN IMMEDIATE;\n{sql}\n")

    # -- search ---------------------------------------------------------------

    def _index(self, doc_id: str, text: str) -> None:
        for start, end in text_chunks(text):
            cursor = self.db.execute(
                "INSERT INTO chunks(doc_id, start_pos, end_pos) VALUES (?, ?, ?)", (doc_id, start, end)
            )
            self.db.execute("INSERT INTO chunks_fts(rowid, text) VALUES (?, ?)", (cursor.lastrowid, text[start:end]))
        rows = self.db.execute("SELECT rowid, value, start_pos, end_pos FROM statements WHERE doc_id = ?", (doc_id,))
        self._execute_many(
            "INSERT INTO statements_fts(rowid, value, quote) VALUES (?, ?, ?)",
            [(rowid, value, text[start:end]) for rowid, value, start, end in rows.fetchall()],
        )

    def _unindex(self, doc_id: str) -> None:
        self.db.execute("DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE doc_id = ?)", (doc_id,))
        self.db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        self.db.execute(
            "DELETE FROM statements_fts WHERE rowid IN (SELECT rowid FROM statements WHERE doc_id = ?)", (doc_id,)
        )

    def _clear_search(self) -> None:
        for table in ("chunks_fts", "chunks", "statements_fts"):
            self.db.execute(f"DELETE FROM {table}")

    def search_text(self, query: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
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
