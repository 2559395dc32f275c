"""Reading source files into `Document`s: one reader per format.

`read_document` checks the file (exists, regular, supported, not too big)
before reading a byte, then hands the bytes to the reader for its suffix.
Every problem with a file comes out as a `ReadError` with a one-line reason.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

from dossier.ingest.base import Extracted, Pictures, ReadError, short_reason
from dossier.ingest.images import finish as finish_images
from dossier.ingest.language import detect_language
from dossier.ingest.text import normalise, read_text
from dossier.model import Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ReadError",
    "detect_language",
    "document_from_bytes",
    "iter_source_files",
    "load_file",
    "pictures_beside",
    "read_document",
]

_MB = 1024 * 1024
DEFAULT_MAX_BYTES = 25 * _MB


# The HTML, PDF and DOCX readers are imported when a file of theirs is read: their libraries
# (trafilatura, pypdf, python-docx) take a third of a second to import, and most builds and
# commands need none of them.
def _read_html(data: bytes, folder: Pictures) -> Extracted:
    from dossier.ingest.html import read_html

    return read_html(data, folder)


def _read_pdf(data: bytes, _folder: Pictures) -> Extracted:
    from dossier.ingest.pdf import read_pdf

    return read_pdf(data)


def _read_docx(data: bytes, _folder: Pictures) -> Extracted:
    from dossier.ingest.docx import read_docx

    return read_docx(data)


# Each reader takes the file's bytes and its folder (where an HTML page's pictures lie).
_READERS: dict[str, tuple[str, Callable[[bytes, Pictures], Extracted]]] = {
    ".txt": ("text", lambda data, _folder: read_text(data)),
    ".md": ("text", lambda data, _folder: read_text(data)),
    ".html": ("html", _read_html),
    ".htm": ("html", _read_html),
    ".pdf": ("pdf", _read_pdf),
    ".docx": ("docx", _read_docx),
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_READERS)
# Pictures in a folder are read with the HTML pages that show them, not as documents.
PICTURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a Document, or raise ReadError saying why not."""
    path = Path(path)
    return document_from_bytes(str(path), load_file(path, max_bytes), path.parent)


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file dossier can read (a known type, not too big), or ReadError saying why not."""
    size = _check_file(path)
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        what = f"'{suffix}'" if suffix else "(no extension)"
        raise ReadError(f"unsupported file type {what} (supported: {supported})")
    if size > max_bytes:  # decided from stat: a huge file is never read
        raise ReadError(
            f"file is {_size(size)}, over the {_size(max_bytes, limit=True)} limit; raise it with --max-size"
        )
    return _read_bytes(path, max_bytes)


def document_from_bytes(path: str, data: bytes, pictures: Pictures) -> Document:
    """The Document a file's bytes give (`load_file` checked them); `pictures` is its folder, or the
    pictures beside it by relative path when the file was read on another machine (`pictures_beside`)."""
    fmt, reader = _READERS[Path(path).suffix.lower()]
    try:
        extracted = reader(data, pictures)
    except ReadError:
        raise
    except Exception as exc:  # a library failing in a way its reader did not foresee
        raise ReadError(f"cannot read this {fmt} file: {short_reason(exc)}") from exc
    text = normalise(extracted.text)
    if not text.strip():  # every reader checks; this guards the contract
        raise ReadError("no text in this file (empty)")
    images, notes = finish_images(extracted.images, text)
    return Document(
        id=hashlib.sha256(data).hexdigest(),
        path=path,
        text=text,
        lang=detect_language(text),
        title=extracted.title,
        publisher=extracted.publisher,
        format=fmt,
        warnings=(*extracted.warnings, *notes),
        images=images,
    )


def pictures_beside(path: Path, data: bytes, folder_pictures: dict[Path, list[Path]] | None = None) -> dict[str, bytes]:
    """For a page read elsewhere: the picture files in its folder (or below) whose relative path its bytes name.

    A page shows a picture beside it by a relative address, so only files whose
    path (as written or URL-quoted) occurs in the page are sent; `folder_pictures`
    keeps each folder's listing across the pages of one build."""
    if _READERS.get(path.suffix.lower(), ("",))[0] != "html":
        return {}
    folder = path.parent
    listing = folder_pictures.get(folder) if folder_pictures is not None else None
    if listing is None:
        listing = [p for p in folder.rglob("*") if p.suffix.lower() in PICTURE_SUFFIXES and p.is_file()]
        if folder_pictures is not None:
            folder_pictures[folder] = listing
    out: dict[str, bytes] = {}
    for picture in listing:
        name = picture.relative_to(folder).as_posix()
        if name.encode() in data or quote(name).encode() in data:
            try:
                out[name] = picture.read_bytes()
            except OSError:
                continue  # the reader says the picture is missing, as it would locally
    return out


def iter_source_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to read: folders walked recursively in name order, hidden names skipped.

    A path given explicitly that is not a folder is yielded as it is, even
    if hidden, missing or unsupported, so that `read_document` can report
    on it. Unsupported files found in folders are yielded too, and so are
    broken symbolic links, so that they are reported like any unreadable
    file; pictures are not (a page beside them shows them). Symlinked
    folders are followed once; each file is yielded once.
    """
    seen: set[Path] = set()
    for root in paths:
        root = Path(root)
        if root.is_dir():
            yield from _walk(root, seen, visited_dirs=set())
        elif _first_time(root, seen):
            yield root


def _walk(folder: Path, seen: set[Path], visited_dirs: set[Path]) -> Iterator[Path]:
    real = folder.resolve()
    if real in visited_dirs:  # a symlink loop
        return
    visited_dirs.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return  # an unreadable folder holds nothing we can read
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            if entry.is_dir():
                yield from _walk(path, seen, visited_dirs)
            elif entry.name.lower().endswith(tuple(PICTURE_SUFFIXES)):
                continue
            elif (entry.is_file() or _dangling(path)) and _first_time(path, seen):
                yield path
        except OSError:
            continue


def _dangling(path: Path) -> bool:
    """A symbolic link whose target is missing."""
    return path.is_symlink() and not path.exists()


def _first_time(path: Path, seen: set[Path]) -> bool:
    key = path.resolve()
    if key in seen:
        return False
    seen.add(key)
    return True


def _check_file(path: Path) -> int:
    """The file's size, or ReadError if it is not a regular file we may read."""
    try:
        info = path.stat()
    except OSError as exc:
        if _dangling(path):
            raise ReadError(f"broken symbolic link: its target {os.readlink(path)} is missing") from exc
        raise ReadError(_os_reason(exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReadError("is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError("not a regular file")
    return info.st_size


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(_os_reason(exc)) from exc
    if len(data) > max_bytes:  # the file grew after stat
        raise ReadError(f"file is over the {_size(max_bytes, limit=True)} limit; raise it with --max-size")
    return data


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ENOTDIR:
        return "no such file (a parent is not a folder)"
    return f"cannot read file: {exc.strerror or type(exc).__name__}"


def _size(n: int, *, limit: bool = False) -> str:
    """'50.0 MB' / '25 MB' for limits; small sizes in bytes so tests read well."""
    if n >= _MB:
        return f"{n / _MB:g} MB" if limit else f"{n / _MB:.1f} MB"
    return f"{n} bytes"
