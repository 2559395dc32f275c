-- dossier knowledge base, schema version 1.
-- Statements and judgements are the truth; entities (resolution) are derived.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id             TEXT PRIMARY KEY,          -- sha256 of the file's bytes
    path           TEXT NOT NULL,
    title          TEXT NOT NULL DEFAULT '',
    lang           TEXT NOT NULL DEFAULT 'und',
    publisher      TEXT NOT NULL DEFAULT '',
    format         TEXT NOT NULL DEFAULT 'text',
    text           TEXT NOT NULL,
    warnings       TEXT NOT NULL DEFAULT '[]', -- JSON list
    extracted_with TEXT NOT NULL,             -- version of the extractors that made its statements
    added_at       TEXT NOT NULL
);
-- Which file path holds which document now: lets a build notice changed files.
CREATE TABLE IF NOT EXISTS paths (
    path   TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS statements (
    id         TEXT PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    subject    TEXT NOT NULL,
    schema     TEXT NOT NULL,
    prop       TEXT NOT NULL,
    value      TEXT NOT NULL,
    qualifiers TEXT NOT NULL DEFAULT '{}',    -- JSON object
    start_pos  INTEGER NOT NULL,
    end_pos    INTEGER NOT NULL,
    extractor  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_subject ON statements(subject);
CREATE INDEX IF NOT EXISTS statements_doc ON statements(doc_id);
CREATE INDEX IF NOT EXISTS statements_prop ON statements(prop);
-- Mention key -> entity id, with the reason: derived by resolution, rewritten whole.
CREATE TABLE IF NOT EXISTS resolution (
    subject   TEXT PRIMARY KEY,
    entity_id TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    score     REAL NOT NULL DEFAULT 1.0
);
CREATE INDEX IF NOT EXISTS resolution_entity ON resolution(entity_id);
-- A person's decisions about two mentions: kept across every rebuild.
CREATE TABLE IF NOT EXISTS judgements (
    left_key   TEXT NOT NULL,
    right_key  TEXT NOT NULL,
    judgement  TEXT NOT NULL CHECK (judgement IN ('positive', 'negative')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (left_key, right_key)
);
CREATE TABLE IF NOT EXISTS builds (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    read        INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    statements  INTEGER NOT NULL DEFAULT 0
);
