-- dossier knowledge base, schema version 3: the pictures documents hold, and
-- when the knowledge base first stored and last changed each entity.
--
-- A document's pictures (logos, flags, photos), stored with it and replaced with
-- it; `start_pos`..`end_pos` quote the caption or alt text in the document's
-- plain text (both -1 when the text does not hold it).
CREATE TABLE IF NOT EXISTS images (
    doc_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,               -- its place among the document's pictures
    sha256     TEXT NOT NULL,                  -- of the picture's bytes
    media_type TEXT NOT NULL,                  -- sniffed from the bytes
    width      INTEGER NOT NULL DEFAULT 0,
    height     INTEGER NOT NULL DEFAULT 0,
    alt        TEXT NOT NULL DEFAULT '',
    caption    TEXT NOT NULL DEFAULT '',
    start_pos  INTEGER NOT NULL DEFAULT -1,
    end_pos    INTEGER NOT NULL DEFAULT -1,
    data       BLOB NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX IF NOT EXISTS images_sha256 ON images(sha256);
-- An entity's version: a digest of its statements, when it was first stored and when
-- that digest last changed (exports such as STIX date their objects by it).
CREATE TABLE IF NOT EXISTS entity_versions (
    entity_id   TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
