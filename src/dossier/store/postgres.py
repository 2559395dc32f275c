"""The knowledge base in a PostgreSQL database, for a team: `--db postgresql://user@host/dbname`.

The database must exist; dossier makes its tables there (the migrations in
`migrations/postgres/`). Several builds may write to one database at once:
each document is written under an advisory lock on its id (so the same bytes
are never written twice at once), resolution under one lock for the whole
knowledge base, and the migrations under another.

Search is PostgreSQL's own (tsvector, GIN). The words are folded here, in
Python, the way SQLite's FTS5 tokenizer folds them (`unicode61
remove_diacritics 2`: lower case, diacritics removed, every run of letters and
digits one word), so that a query finds the same rows in either store; the
highlighting is done here too, since PostgreSQL's ts_headline would split the
words its own way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from dossier.store.base import SEARCH_CANDIDATES, SEARCH_LIMIT, SearchHit, Store, StoreError, text_chunks

SNIPPET_WORDS = 24  # as many words as SQLite's snippet() shows around a hit
_WORD = re.compile(r"[^\W_]+")


def _latin(c: str) -> bool:
    return c < "\u0250" or "\u1e00" <= c <= "\u1eff"


def fold(text: str) -> str:
    """Lower case, diacritics off Latin letters ('Financiële' -> 'financiele'), as FTS5's remove_diacritics
    does; marks on other scripts (an Arabic hamza) stay."""
    if text.isascii():  # most text: nothing to take off
        return text.lower()
    out: list[str] = []
    base = ""
    for c in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.category(c) == "Mn":
            if _latin(base):
                continue
        else:
            base = c
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def words(text: str) -> list[str]:
    """The folded words of `text`, as FTS5's unicode61 tokenizer cuts them."""
    return _WORD.findall(fold(text))


def tsquery(query: str) -> str:
    """Every word of `query` must occur, the last one as a prefix (a to_tsquery string)."""
    found = words(query)
    if not found:
        return ""
    return " & ".join(f"'{w}'" for w in found) + ":*"


def mark(text: str, query: str, window: int | None = None) -> str:
    """`text` with the words that match `query` between \\x02 and \\x03; with `window`, only that many
    words from just before the first match, '…' where text is left out."""
    wanted = words(query)
    if not wanted:
        return text
    exact, prefix = set(wanted[:-1]), wanted[-1]
    tokens = list(_WORD.finditer(text))
    hits = [i for i, t in enumerate(tokens) if (w := fold(t.group())) in exact or w.startswith(prefix)]
    first, last, head, tail = 0, len(tokens), "", ""
    if window is not None and len(tokens) > window:
        first = max(0, min((hits[0] if hits else 0) - 2, len(tokens) - window))
        last = first + window
        head = "…" if first > 0 else ""
        tail = "…" if last < len(tokens) else ""
    start = tokens[first].start() if first else 0
    end = tokens[last - 1].end() if tail else len(text)
    out, at = [head], start
    for i in hits:
        if first <= i < last:
            t = tokens[i]
            out += [text[at : t.start()], "\x02", t.group(), "\x03"]
            at = t.end()
    out += [text[at:end], tail]
    return "".join(out)


def public_name(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresStore(Store):
    engine = "postgres"
    BEGIN_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    def __init__(self, url: str, *, create: bool = True) -> None:
        self.url = url
        self.where = public_name(url)
        try:
            self.db = psycopg.connect(url, autocommit=True)
        except psycopg.Error as err:
            raise StoreError(f"{self.where}: cannot connect to PostgreSQL ({str(err).strip()})") from err
        try:
            if not create and self.schema_version() == 0:
                raise StoreError(f"{self.where}: no dossier knowledge base there; run `dossier build` first")
            self._migrate()
        except psycopg.Error as err:
            self.db.close()
            raise StoreError(f"{self.where}: not a usable dossier knowledge base ({str(err).strip()})") from err
        except BaseException:
            self.db.close()
            raise

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    # -- schema and locks --------------------------------------------------------

    def schema_version(self) -> int:
        if self.db.execute("SELECT to_regclass('meta')").fetchone()[0] is None:
            return 0
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _holds_other_tables(self) -> bool:
        row = self.db.execute("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() LIMIT 1").fetchone()
        return row is not None

    def _migrate(self) -> None:
        # Under a lock: a build starting at the same time would find tables but no version yet.
        with self.exclusive("migrate"):
            super()._migrate()

    def _apply_migration(self, target: int, sql: str) -> None:
        self.db.execute("BEGIN")
        self.db.execute(sql)

    def _lock_document(self, doc_id: str) -> None:
        self.db.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", ("dossier:doc:" + doc_id,))

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        key = "dossier:" + name
        self.db.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (key,))
        try:
            yield
        finally:
            self.db.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (key,))

    # -- search ---------------------------------------------------------------------

    def _index(self, doc_id: str, text: str) -> None:
        self._execute_many(
            "INSERT INTO chunks(doc_id, start_pos, end_pos, text, words) VALUES (?, ?, ?, ?, to_tsvector('simple', ?))",
            [(doc_id, s, e, text[s:e], " ".join(words(text[s:e]))) for s, e in text_chunks(text)],
        )
        rows = self._execute(
            "SELECT id, value, start_pos, end_pos FROM statements WHERE doc_id = ?", (doc_id,)
        ).fetchall()
        self._execute_many(
            "INSERT INTO statements_search(statement_id, doc_id, quote, words) "
            "VALUES (?, ?, ?, to_tsvector('simple', ?)) ON CONFLICT (statement_id) DO NOTHING",
            [(sid, doc_id, text[s:e], " ".join(words(value) + words(text[s:e]))) for sid, value, s, e in rows],
        )

    def _unindex(self, doc_id: str) -> None:
        self._execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        self._execute("DELETE FROM statements_search WHERE doc_id = ?", (doc_id,))

    def _clear_search(self) -> None:
        self._execute("DELETE FROM chunks")
        self._execute("DELETE FROM statements_search")

    def _ranked(self, table: str, key: str, query: str, limit: int) -> list[Any]:
        # The first SEARCH_CANDIDATES matches in index order, the best `limit` of them (as on SQLite).
        return self._execute(
            f"SELECT m.{key} FROM (SELECT {key}, ts_rank(words, q) AS score FROM {table}, "
            f"to_tsquery('simple', ?) AS q WHERE words @@ q ORDER BY {key} LIMIT ?) m "
            f"ORDER BY m.score DESC, m.{key} LIMIT ?",
            (query, SEARCH_CANDIDATES, limit),
        ).fetchall()

    def search_text(self, query: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
        match = tsquery(query)
        if not match:
            return []
        ids = [r[0] for r in self._ranked("chunks", "id", match, limit)]
        if not ids:
            return []
        rows = {
            r[0]: r[1:]
            for r in self._execute(
                f"SELECT id, doc_id, start_pos, end_pos, text FROM chunks WHERE id IN ({','.join('?' * len(ids))})",
                ids,
            ).fetchall()
        }
        return [
            SearchHit(doc, int(start), int(end), mark(text, query, SNIPPET_WORDS))
            for doc, start, end, text in (rows[i] for i in ids)
        ]

    def search_statements(self, query: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
        match = tsquery(query)
        if not match:
            return []
        ids = [r[0] for r in self._ranked("statements_search", "statement_id", match, limit)]
        if not ids:
            return []
        rows = {
            r[0]: r[1:]
            for r in self._execute(
                "SELECT s.id, s.doc_id, s.start_pos, s.end_pos, x.quote, s.subject, s.prop, s.value "
                "FROM statements s JOIN statements_search x ON x.statement_id = s.id "
                f"WHERE s.id IN ({','.join('?' * len(ids))})",
                ids,
            ).fetchall()
        }
        return [
            SearchHit(doc, int(start), int(end), mark(quote, query), sid, subject, prop, value)
            for sid in ids
            for doc, start, end, quote, subject, prop, value in [rows[sid]]
        ]
