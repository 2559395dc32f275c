"""Indexes derived from libraries' data, kept on disk between processes.

Building the city index from geonames or the country-name table from
countrynames costs seconds, in every process that extracts. Both are pure
functions of the libraries' data and of this package's code, so each is built
once and kept in the user's cache folder, under a key naming everything it was
built from (the caller's key: library versions, the source of the code that
builds it, lexicon words it reads). A file whose key differs is another
version's and is left alone; a file that cannot be read back whole (truncated,
corrupt, of another format) is built again and replaced. Nothing is fetched.

Files are written to a temporary name and renamed into place, so a reader
never sees half a file, and two processes building at once both end with a
whole one. `DOSSIER_CACHE_DIR` chooses the folder; set empty, nothing is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

# Changes whenever the layout of a file changes.
_MAGIC = b"dossier-cache\x01"
_DIGEST = 32  # bytes of SHA-256


def cache_dir() -> Path | None:
    """Where the indexes are kept: $DOSSIER_CACHE_DIR, else the platform's user cache folder."""
    chosen = os.environ.get("DOSSIER_CACHE_DIR")
    if chosen is not None:
        return Path(chosen).expanduser() if chosen else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dossier"


def cached(kind: str, key: Hashable, build: Callable[[], T]) -> T:
    """`build()`, or what an earlier `build()` under the same `kind` and `key` kept on disk.

    `key` must name everything the result depends on (it is compared whole, not only
    by its hash), and the result must be made of what `marshal` writes: str, int,
    float, bytes, tuple, list, dict, set and frozenset.
    """
    # The interpreter's version is part of every key: marshal's format is its own.
    full_key = (sys.version, marshal.version, kind, key)
    try:
        folder = cache_dir()
    except RuntimeError:  # no home folder to find the user's cache in
        folder = None
    if folder is None:
        return build()
    path = folder / f"{kind}-{hashlib.sha256(repr(full_key).encode()).hexdigest()[:24]}.bin"
    found = _read(path, full_key)
    if found is not None:
        return found[0]
    value = build()
    _write(path, full_key, value)
    return value


def _read(path: Path, key: object) -> tuple[Any] | None:
    """(value,) from `path` when it is whole and was written under `key`; None otherwise."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC)
    if not data.startswith(_MAGIC) or len(data) < head + _DIGEST:
        log.info("cache file %s is not one of ours; building it again", path)
        return None
    digest, payload = data[head : head + _DIGEST], data[head + _DIGEST :]
    if hashlib.sha256(payload).digest() != digest:
        log.info("cache file %s is damaged; building it again", path)
        return None
    try:
        stored_key, value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if stored_key != key:  # a hash collision of the names, or a key that does not compare as it hashed
        return None
    return (value,)


def _write(path: Path, key: Any, value: Any) -> None:
    try:
        payload = marshal.dumps((key, value))
    except ValueError as err:  # a type marshal cannot write: a caller's bug, but not one to stop a build
        log.warning("cannot keep %s on disk: %s", path.name, err)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
    except OSError as err:  # a read-only disk: the index is only kept in memory
        log.info("cannot keep %s on disk: %s", path, err)
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, path)
    except OSError as err:  # a full disk
        log.info("cannot keep %s on disk: %s", path, err)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
