-- dossier knowledge base, schema version 2: full-text search.
-- Document text is indexed in chunks (lines, long lines cut at sentence ends) so a
-- hit points at offsets; statements by their value and their quote. Diacritics are
-- folded ("Sénégal" finds "Senegal"); the tokenizer knows no language, so English,
-- Dutch and French text are all searched alike. Filled by Store.put_document in the
-- transaction that writes the document; a version 1 database is filled by the
-- migration (see sqlite.py).
--
-- An FTS5 row's rowid is that of the row it indexes (a chunk, a statement), so
-- the rows of one document are found, and deleted, through the indexed doc_id of
-- the ordinary tables, never by scanning the full-text tables. (A VACUUM may
-- renumber the statements' rowids: Store.reindex_search() rebuilds the index.)
CREATE TABLE IF NOT EXISTS chunks (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start_pos INTEGER NOT NULL,
    end_pos   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    text,
    tokenize = "unicode61 remove_diacritics 2"
);
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
    value,
    quote,
    tokenize = "unicode61 remove_diacritics 2"
);
