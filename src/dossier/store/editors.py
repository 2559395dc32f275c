"""Editors' tables (schema version 4, `editors.sql`): accounts, failed sign-ins and decisions.

Kept beside `Store` rather than in it: the statements' store knows nothing of
people, and these few queries read and write only their own tables.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from dossier.store.sqlite import Store, now

ROLES = ("reader", "editor", "admin")
ACTIONS = ("reject", "confirm", "restore", "correct", "note", "merge", "unmerge", "confirm_merge")


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    password_hash: str
    created_at: str


@dataclass(frozen=True)
class Decision:
    """One editor's decision: `target` names what it judges by content (see editors.sql)."""

    id: int
    action: str
    entity: str
    target: dict[str, Any]
    author: str
    reason: str
    created_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "entity": self.entity,
            "target": self.target,
            "author": self.author,
            "reason": self.reason,
            "created_at": self.created_at,
        }


class Editors:
    """The editors' tables of one knowledge base."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- accounts -------------------------------------------------------------

    def accounts(self) -> list[Account]:
        rows = self.store.db.execute("SELECT name, role, password_hash, created_at FROM accounts ORDER BY name")
        return [Account(*r) for r in rows.fetchall()]

    def account(self, name: str) -> Account | None:
        row = self.store.db.execute(
            "SELECT name, role, password_hash, created_at FROM accounts WHERE name = ?", (name,)
        ).fetchone()
        return Account(*row) if row else None

    def put_account(self, name: str, role: str, password_hash: str) -> None:
        """Add an account, or give an existing one this role and password."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO accounts(name, role, password_hash, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash",
                (name, role, password_hash, now()),
            )

    def set_role(self, name: str, role: str) -> bool:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
        with self.store.transaction() as db:
            return db.execute("UPDATE accounts SET role = ? WHERE name = ?", (role, name)).rowcount > 0

    def remove_account(self, name: str) -> bool:
        with self.store.transaction() as db:
            return db.execute("DELETE FROM accounts WHERE name = ?", (name,)).rowcount > 0

    def has_admin(self) -> bool:
        return self.store.db.execute("SELECT 1 FROM accounts WHERE role = 'admin' LIMIT 1").fetchone() is not None

    # -- failed sign-ins --------------------------------------------------------

    def failures(self, name: str) -> tuple[int, float]:
        """(failed sign-ins in a row, time of the last one) for an account name."""
        row = self.store.db.execute("SELECT failures, last_at FROM login_failures WHERE name = ?", (name,)).fetchone()
        return (int(row[0]), float(row[1])) if row else (0, 0.0)

    def record_failure(self, name: str, at: float) -> None:
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO login_failures(name, failures, last_at) VALUES (?, 1, ?) "
                "ON CONFLICT(name) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at",
                (name, at),
            )

    def clear_failures(self, name: str) -> None:
        with self.store.transaction() as db:
            db.execute("DELETE FROM login_failures WHERE name = ?", (name,))

    # -- the signing secret -------------------------------------------------------

    def secret(self) -> str:
        """The key that signs this knowledge base's session cookies: made once, kept in `meta`."""
        row = self.store.db.execute("SELECT value FROM meta WHERE key = 'session_secret'").fetchone()
        if row:
            return str(row[0])
        with self.store.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('session_secret', ?)", (secrets.token_urlsafe(32),)
            )
        return str(self.store.db.execute("SELECT value FROM meta WHERE key = 'session_secret'").fetchone()[0])

    # -- the review queue -----------------------------------------------------------

    def last_reading_build(self) -> str:
        """When the last build that read any document began ('' before any): what is new is newer."""
        row = self.store.db.execute("SELECT max(started_at) FROM builds WHERE read > 0").fetchone()
        return str(row[0]) if row and row[0] else ""

    # -- decisions ----------------------------------------------------------------

    def decide(
        self, action: str, entity: str, target: dict[str, Any], author: str, reason: str = "", at: str | None = None
    ) -> None:
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO decisions(action, entity, target, author, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (action, entity, json.dumps(target, sort_keys=True, ensure_ascii=False), author, reason, at or now()),
            )

    def decisions(self) -> list[Decision]:
        """Every decision, oldest first."""
        rows = self.store.db.execute(
            "SELECT id, action, entity, target, author, reason, created_at FROM decisions ORDER BY id"
        ).fetchall()
        return [Decision(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6]) for r in rows]
