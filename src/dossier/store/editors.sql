-- dossier knowledge base, schema version 4: editors, their accounts and their decisions.
--
-- An account: a name, a role and an argon2 hash of its password ('' for an
-- account brought by an import, which cannot sign in until it is given one).
CREATE TABLE IF NOT EXISTS accounts (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
    password_hash TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
-- Failed sign-ins in a row, per account name (known or not): the rate limit
-- survives a restart of the server.
CREATE TABLE IF NOT EXISTS login_failures (
    name      TEXT PRIMARY KEY,
    failures  INTEGER NOT NULL DEFAULT 0,
    last_at   REAL NOT NULL  -- seconds since the epoch
);
-- Every decision of an editor, never rewritten: what it judges (`target`, a
-- JSON object that names it by content: mention keys, property, value and the
-- quotes' document hash and text, never a row id a rebuild changes), who, when
-- and why. The latest decision that matches a statement is the one that holds.
CREATE TABLE IF NOT EXISTS decisions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    action     TEXT NOT NULL CHECK (action IN
                 ('reject', 'confirm', 'restore', 'correct', 'note', 'merge', 'unmerge', 'confirm_merge')),
    entity     TEXT NOT NULL,       -- the entity id when it was made (for lists; matching uses `target`)
    target     TEXT NOT NULL,       -- JSON object
    author     TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_entity ON decisions(entity);
