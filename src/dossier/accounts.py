"""Accounts: passwords hashed with argon2 (argon2-cffi), roles, and sign-ins slowed after failures.

Roles: a `reader` reads (also when the server is `--private`), an `editor`
also reviews, an `admin` also manages accounts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from dossier.store import Store
from dossier.store.editors import ROLES, Account, Editors

# After this many failed sign-ins in a row an account name is locked for LOCKOUT_SECONDS,
# doubled for every further failure (up to MAX_LOCKOUT_SECONDS).
FREE_FAILURES = 5
LOCKOUT_SECONDS = 30.0
MAX_LOCKOUT_SECONDS = 3600.0
MIN_PASSWORD = 8

_hasher = PasswordHasher()
# Verified against when the name is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def can_edit(role: str | None) -> bool:
    return role in ("editor", "admin")


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def add_account(store: Store, name: str, role: str, password: str) -> None:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
    if not name.strip() or name != name.strip():
        raise ValueError("an account name cannot be empty or start or end with a space")
    Editors(store).put_account(name, role, hash_password(password))


@dataclass(frozen=True)
class SignIn:
    account: Account | None  # None: refused
    wait: float = 0.0  # seconds until the name may try again, when it is locked
    locked: bool = False  # refused unchecked: the name was locked already


def lockout(failures: int) -> float:
    """Seconds an account name stays locked after `failures` failed sign-ins in a row."""
    if failures < FREE_FAILURES:
        return 0.0
    return min(LOCKOUT_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_LOCKOUT_SECONDS)


def sign_in(store: Store, name: str, password: str, at: float | None = None) -> SignIn:
    """Check a name and password; a locked name is refused without a check, a failure is recorded."""
    at = time.time() if at is None else at
    editors = Editors(store)
    failures, last = editors.failures(name)
    wait = last + lockout(failures) - at
    if wait > 0:
        return SignIn(None, wait, locked=True)
    account = editors.account(name)
    ok: bool
    try:
        ok = _hasher.verify(account.password_hash if account and account.password_hash else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or account is None or not account.password_hash:
        editors.record_failure(name, at)
        return SignIn(None, lockout(failures + 1))
    editors.clear_failures(name)
    return SignIn(account)
