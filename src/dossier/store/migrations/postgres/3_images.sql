-- schema version 3: the pictures documents hold, and when the knowledge base first
-- stored and last changed each entity (see the SQLite migration of the same number).
CREATE TABLE IF NOT EXISTS images (
    doc_id     TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    sha256     TEXT COLLATE "C" NOT NULL,
    media_type TEXT COLLATE "C" NOT NULL,
    width      INTEGER NOT NULL DEFAULT 0,
    height     INTEGER NOT NULL DEFAULT 0,
    alt        TEXT NOT NULL DEFAULT '',
    caption    TEXT NOT NULL DEFAULT '',
    start_pos  INTEGER NOT NULL DEFAULT -1,
    end_pos    INTEGER NOT NULL DEFAULT -1,
    data       BYTEA NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX IF NOT EXISTS images_sha256 ON images(sha256);
CREATE TABLE IF NOT EXISTS entity_versions (
    entity_id   TEXT COLLATE "C" PRIMARY KEY,
    fingerprint TEXT COLLATE "C" NOT NULL,
    created_at  TEXT COLLATE "C" NOT NULL,
    modified_at TEXT COLLATE "C" NOT NULL
);
