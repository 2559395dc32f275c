"""read_document's checks before reading, and iter_source_files."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import dossier.ingest as ingest
from dossier.ingest import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    ReadError,
    iter_source_files,
    read_document,
)


def test_supported_suffixes():
    assert {".txt", ".md", ".html", ".htm", ".pdf", ".docx"} == SUPPORTED_SUFFIXES
    assert DEFAULT_MAX_BYTES == 25 * 1024 * 1024


def test_suffix_is_case_insensitive(write, english):
    assert read_document(write("UPPER.TXT", english)).format == "text"


def test_file_over_the_limit_is_rejected(write, english):
    path = write("big.txt", english)
    with pytest.raises(ReadError) as info:
        read_document(path, max_bytes=100)
    assert str(info.value) == (f"file is {len(english)} bytes, over the 100 bytes limit; raise it with --max-size")
    assert read_document(path, max_bytes=len(english)).text == english  # the limit itself is fine


def test_50_mb_file_is_rejected_by_the_default_limit_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, takes no disk

    def no_reading(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(ingest, "_read_bytes", no_reading)
    started = time.monotonic()
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert time.monotonic() - started < 1.0
    assert str(info.value) == "file is 50.0 MB, over the 25 MB limit; raise it with --max-size"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("notes.xyz", "unsupported file type '.xyz' (supported: .docx, .htm, .html, .md, .pdf, .txt)"),
        ("README", "unsupported file type (no extension) (supported: .docx, .htm, .html, .md, .pdf, .txt)"),
        ("old.doc", "unsupported file type '.doc' (supported: .docx, .htm, .html, .md, .pdf, .txt)"),
    ],
)
def test_unsupported_file_type(write, name, message):
    with pytest.raises(ReadError) as info:
        read_document(write(name, "some text"))
    assert str(info.value) == message


def test_missing_file(tmp_path):
    with pytest.raises(ReadError) as info:
        read_document(tmp_path / "absent.txt")
    assert str(info.value) == "no such file"


def test_directory_is_not_a_file(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(ReadError) as info:
        read_document(folder)
    assert str(info.value) == "is a directory, not a file"


def test_path_under_a_file_is_no_such_file(write):
    parent = write("file.txt", "text")
    with pytest.raises(ReadError, match="no such file"):
        read_document(parent / "child.txt")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs mkfifo")
def test_fifo_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError) as info:
        read_document(fifo)  # must not block reading the pipe
    assert str(info.value) == "not a regular file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(write, english):
    path = write("secret.txt", english)
    path.chmod(0)
    try:
        with pytest.raises(ReadError) as info:
            read_document(path)
        assert str(info.value) == "permission denied"
    finally:
        path.chmod(0o644)


def test_permission_error_is_reported(write, english, monkeypatch):
    # Runs as root too: simulate the OS refusing the open.
    path = write("secret.txt", english)

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ReadError) as info:
        read_document(path)
    assert str(info.value) == "permission denied"


@pytest.mark.parametrize("suffix", sorted(SUPPORTED_SUFFIXES))
@pytest.mark.parametrize("seed", range(4))
def test_random_bytes_never_escape_as_another_exception(write, suffix, seed):
    import random

    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(rng.choice([1, 50, 3000])))
    if seed == 3:  # a valid prefix, then noise
        data = {".pdf": b"%PDF-1.7\n", ".docx": b"PK\x03\x04"}.get(suffix, b"<html>") + data
    try:
        read_document(write(f"noise{suffix}", data))
    except ReadError as err:
        assert str(err) and "\n" not in str(err)


def test_iter_source_files_recurses_sorted_and_skips_hidden(tmp_path):
    for name in [
        "b.txt",
        "a.md",
        "notes.xyz",
        ".hidden.txt",
        ".git/config.txt",
        "sub/z.pdf",
        "sub/.secret.docx",
        "sub/deeper/c.html",
        "a_dir/x.txt",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    (tmp_path / "empty_dir").mkdir()
    found = [p.relative_to(tmp_path).as_posix() for p in iter_source_files([tmp_path])]
    assert found == ["a.md", "a_dir/x.txt", "b.txt", "notes.xyz", "sub/deeper/c.html", "sub/z.pdf"]


def test_iter_source_files_with_files_and_folders(tmp_path):
    (tmp_path / "docs").mkdir()
    one = tmp_path / "docs" / "one.txt"
    one.write_text("x")
    hidden = tmp_path / ".explicit.txt"
    hidden.write_text("x")
    missing = tmp_path / "missing.txt"
    # Explicit paths are yielded as given (read_document reports on them); each file once.
    found = list(iter_source_files([hidden, tmp_path / "docs", one, missing]))
    assert found == [hidden, one, missing]


def test_iter_source_files_survives_a_symlink_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f.txt").write_text("x")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_source_files([tmp_path])]
    assert found == ["a/f.txt"]
