"""The build: idempotent, incremental, per-document atomic, and robust to bad input and kills."""

from __future__ import annotations

import os
import pickle
import signal
import sqlite3
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from kb_helpers import (
    RED_DAWN,
    SALT_ARMY,
    SILVER_RIVER,
    assert_grounded,
    build,
    cli_env,
    dossier_command,
    export,
    generated_profile,
    rows,
    run_dossier,
    sha256,
    write_corpus,
)

from dossier import build as build_module
from dossier.extract import extract_document, extraction_version
from dossier.ingest import read_document
from dossier.store import open_store
from dossier.store import sqlite as store_module


def statement_ids(db: Path, doc_id: str) -> set[str]:
    return {r[0] for r in rows(db, "SELECT id FROM statements WHERE doc_id = ?", (doc_id,))}


def table_counts(db: Path) -> dict[str, int]:
    return {t: rows(db, f"SELECT COUNT(*) FROM {t}")[0][0] for t in ("documents", "statements", "paths")}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", {"a-red-dawn.txt": RED_DAWN, "b-salt-army.txt": SALT_ARMY})


# -- a first build ---------------------------------------------------------------


def test_build_reports_and_stores_every_file(corpus: Path, db: str) -> None:
    report = build(corpus, db=db)
    assert (report.read, report.unchanged, report.skipped, report.problems) == (2, 0, 0, [])
    assert report.ok
    counts = table_counts(db)
    assert counts["documents"] == 2 and counts["paths"] == 2
    assert report.statements == counts["statements"] > 0
    assert report.chars == len(RED_DAWN) + len(SALT_ARMY)
    assert {r[0] for r in rows(db, "SELECT id FROM documents")} == {sha256(p) for p in corpus.iterdir()}
    with open_store(db, create=False) as store:
        last = store.last_build()
    assert last is not None
    assert (last["read"], last["skipped"], last["unchanged"], last["statements"]) == (2, 0, 0, report.statements)
    assert_grounded(db, export(db))


def test_statements_match_a_fresh_extraction(corpus: Path, db: str) -> None:
    """What the store holds for a document is exactly what its extraction produced."""
    build(corpus, db=db)
    for path in corpus.iterdir():
        expected = {s.id for s in extract_document(read_document(path))}
        assert statement_ids(db, sha256(path)) == expected


def test_parallel_build_stores_the_same_as_a_serial_one(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "many", {f"g{i:02d}.txt": generated_profile(i, 3) for i in range(17)})
    serial = build(folder, db=tmp_path / "serial.db", workers=1)
    parallel = build(folder, db=tmp_path / "parallel.db", workers=2)
    assert serial.read == parallel.read == 17
    assert rows(tmp_path / "serial.db", "SELECT id FROM statements ORDER BY id") == rows(
        tmp_path / "parallel.db", "SELECT id FROM statements ORDER BY id"
    )


def test_a_few_files_are_handed_out_largest_first_and_come_back_in_order(tmp_path: Path) -> None:
    sizes = {"a.txt": 1, "b.txt": 6, "c.txt": 3}
    folder = write_corpus(
        tmp_path / "few", {name: generated_profile(i, n) for i, (name, n) in enumerate(sizes.items())}
    )
    todo = sorted(folder.iterdir())
    submitted: list[str] = []

    class Recording(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            submitted.append(Path(args[0]).name)
            return super().submit(fn, *args, **kwargs)

    with Recording(max_workers=2) as pool:
        outcomes = list(build_module._largest_first(pool, todo, 10_000_000))
    assert submitted == ["b.txt", "c.txt", "a.txt"]
    assert [Path(o.path).name for o in outcomes] == ["a.txt", "b.txt", "c.txt"]
    assert all(o.document is not None and o.statements for o in outcomes)


def test_a_statements_id_travels_with_it_from_a_worker(tmp_path: Path) -> None:
    """The id a worker reads (to drop repeats) is pickled with the statement; the store reads it again."""
    doc = read_document(write_corpus(tmp_path / "one", {"a.txt": generated_profile(1, 3)}) / "a.txt")
    statement = extract_document(doc)[0]
    copy = pickle.loads(pickle.dumps(statement))
    assert "id" in vars(copy) and copy.id == statement.id
    assert replace(copy, value=copy.value + "!").id != statement.id  # a changed statement has its own


# -- idempotent and incremental -------------------------------------------------------


def test_building_twice_adds_nothing(corpus: Path, db: str) -> None:
    first = build(corpus, db=db)
    before, export_before = table_counts(db), export(db)
    resolution_before = rows(db, "SELECT * FROM resolution ORDER BY subject")

    second = build(corpus, db=db)
    assert (second.read, second.unchanged, second.skipped, second.statements) == (0, first.read, 0, 0)
    assert table_counts(db) == before
    assert rows(db, "SELECT * FROM resolution ORDER BY subject") == resolution_before
    assert export(db) == export_before
    assert rows(db, "SELECT COUNT(*) FROM builds")[0][0] == 2


def test_adding_a_file_reads_only_that_file(corpus: Path, db: str) -> None:
    first = build(corpus, db=db)
    old_ids = {p.name: statement_ids(db, sha256(p)) for p in corpus.iterdir()}

    (corpus / "c-silver-river.txt").write_text(SILVER_RIVER, encoding="utf-8")
    second = build(corpus, db=db)
    assert (second.read, second.unchanged, second.skipped) == (1, first.read, 0)
    assert table_counts(db)["documents"] == 3
    for name, ids in old_ids.items():
        assert statement_ids(db, sha256(corpus / name)) == ids
    assert "Silver River Brigades" in {o["name"] for o in export(db)["organizations"]}


def test_a_copy_of_a_built_file_is_linked_not_read_again(corpus: Path, db: str) -> None:
    build(corpus, db=db)
    before = table_counts(db)
    (corpus / "z-copy.txt").write_bytes((corpus / "a-red-dawn.txt").read_bytes())
    report = build(corpus, db=db)
    assert (report.read, report.unchanged) == (0, 3)
    after = table_counts(db)
    assert after["documents"] == before["documents"]
    assert after["statements"] == before["statements"]
    assert after["paths"] == before["paths"] + 1


def test_a_changed_file_replaces_only_its_own_document(corpus: Path, db: str) -> None:
    build(corpus, db=db)
    red, salt = corpus / "a-red-dawn.txt", corpus / "b-salt-army.txt"
    red_id, old_salt_id = sha256(red), sha256(salt)
    red_statements = rows(db, "SELECT * FROM statements WHERE doc_id = ? ORDER BY id", (red_id,))
    old_salt_statements = statement_ids(db, old_salt_id)
    assert red_statements and old_salt_statements

    salt.write_text(SALT_ARMY.replace("killed 7 people", "killed 9 people"), encoding="utf-8")
    new_salt_id = sha256(salt)
    report = build(corpus, db=db)
    assert (report.read, report.unchanged, report.skipped) == (1, 1, 0)

    # The other document is untouched, row for row.
    assert rows(db, "SELECT * FROM statements WHERE doc_id = ? ORDER BY id", (red_id,)) == red_statements
    # The old version is gone: no document, no statement, no path points at it.
    assert rows(db, "SELECT COUNT(*) FROM documents WHERE id = ?", (old_salt_id,))[0][0] == 0
    assert rows(db, "SELECT COUNT(*) FROM statements WHERE doc_id = ?", (old_salt_id,))[0][0] == 0
    assert rows(db, "SELECT doc_id FROM paths WHERE path = ?", (str(salt),)) == [(new_salt_id,)]
    assert table_counts(db)["documents"] == 2
    new_salt_statements = statement_ids(db, new_salt_id)
    assert new_salt_statements and not (new_salt_statements & old_salt_statements)

    data = export(db)
    assert_grounded(db, data)
    killed = {e["date"]: e["killed"] for e in data["events"]}
    assert killed["2003-06-14"] == {"min": 9, "max": 9}


def test_a_changed_file_keeps_a_copy_that_still_has_the_old_bytes(corpus: Path, db: str) -> None:
    salt = corpus / "b-salt-army.txt"
    (corpus / "c-copy.txt").write_bytes(salt.read_bytes())
    build(corpus, db=db)
    old_id = sha256(salt)
    old_statements = statement_ids(db, old_id)
    salt.write_text(SALT_ARMY + "\nA closing note.\n", encoding="utf-8")
    build(corpus, db=db)
    assert statement_ids(db, old_id) == old_statements  # still the document of c-copy.txt
    assert rows(db, "SELECT doc_id FROM paths WHERE path = ?", (str(corpus / "c-copy.txt"),)) == [(old_id,)]
    assert table_counts(db)["documents"] == 3


# -- interrupted builds ------------------------------------------------------------------


@pytest.mark.parametrize("where", ["statements", "path"])
def test_a_failure_inside_a_document_write_leaves_none_of_it(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    db = tmp_path / "kb.db"
    red, salt = corpus / "a-red-dawn.txt", corpus / "b-salt-army.txt"
    red_id, salt_id = sha256(red), sha256(salt)

    if where == "statements":
        # Half of the statements are inserted, then the database fails.
        real_many = store_module.SqliteStore._execute_many

        def many(self, sql, rows):  # type: ignore[no-untyped-def]
            rows = list(rows)
            if "INTO statements" in sql and rows and rows[0][1] == salt_id:
                real_many(self, sql, rows[: len(rows) // 2])
                raise sqlite3.OperationalError("database or disk is full (simulated)")
            return real_many(self, sql, rows)

        monkeypatch.setattr(store_module.SqliteStore, "_execute_many", many)
        expected: type[Exception] = sqlite3.OperationalError
    else:
        # Document and statements are written; the last step, the path, fails.
        real_set_path = store_module.SqliteStore._set_path

        def set_path(self, path, doc_id):  # type: ignore[no-untyped-def]
            if doc_id == salt_id:
                assert self.db.execute("SELECT COUNT(*) FROM statements WHERE doc_id = ?", (doc_id,)).fetchone()[0]
                raise RuntimeError("simulated crash")
            return real_set_path(self, path, doc_id)

        monkeypatch.setattr(store_module.SqliteStore, "_set_path", set_path)
        expected = RuntimeError

    with pytest.raises(expected):
        build(corpus, db=db)

    # The first document is whole; of the second nothing at all.
    assert rows(db, "SELECT id FROM documents") == [(red_id,)]
    assert rows(db, "SELECT path, doc_id FROM paths") == [(str(red), red_id)]
    assert {r[0] for r in rows(db, "SELECT DISTINCT doc_id FROM statements")} == {red_id}
    assert statement_ids(db, red_id) == {s.id for s in extract_document(read_document(red))}
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]

    monkeypatch.undo()
    report = build(corpus, db=db)
    assert (report.read, report.unchanged, report.skipped) == (1, 1, 0)
    assert statement_ids(db, salt_id) == {s.id for s in extract_document(read_document(salt))}
    assert_grounded(db, export(db))
    assert {o["name"] for o in export(db)["organizations"]} >= {"Red Dawn Front", "Northern Salt Army"}


def _stored_documents(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)
        try:
            return int(con.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0  # not created yet, or the schema is being written


def test_a_killed_build_leaves_whole_documents_and_a_rebuild_completes_it(tmp_path: Path) -> None:
    total = 40
    folder = write_corpus(tmp_path / "many", {f"g{i:02d}.txt": generated_profile(i) for i in range(total)})
    db = tmp_path / "kb.db"
    proc = subprocess.Popen(
        [*dossier_command(), "build", str(folder), "--db", str(db), "--no-progress", "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=cli_env(),
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while _stored_documents(db) < 1:
            assert proc.poll() is None, "the build ended before it stored a document"
            assert time.monotonic() < deadline, "no document stored within 60 s"
            time.sleep(0.01)
        finished_before_kill = proc.poll() is not None
    finally:
        # Kill the build and its worker processes: they are alone in their session.
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert not finished_before_kill, "the build finished before it could be killed"
    assert proc.returncode == -signal.SIGKILL

    with open_store(db, create=False) as store:  # opens: no StoreError, no recovery needed
        stored = {d.id: d for d in store.documents()}
    assert 1 <= len(stored) < total
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db, "PRAGMA foreign_key_check") == []
    # Every stored document is whole: its path row, and exactly the statements its file gives
    # (compared where this process runs the same extractor code as the killed build did).
    same_code = {d.extracted_with for d in stored.values()} == {extraction_version()}
    files = {str(p): p for p in folder.iterdir()}
    for doc_id, doc in stored.items():
        assert rows(db, "SELECT path FROM paths WHERE doc_id = ?", (doc_id,)) == [(doc.path,)]
        ids = statement_ids(db, doc_id)
        assert ids
        if same_code:
            assert ids == {s.id for s in extract_document(read_document(files[doc.path]))}
    assert rows(db, "SELECT COUNT(*) FROM paths WHERE doc_id NOT IN (SELECT id FROM documents)")[0][0] == 0
    assert rows(db, "SELECT COUNT(*) FROM statements WHERE doc_id NOT IN (SELECT id FROM documents)")[0][0] == 0

    report = build(folder, db=db)
    assert report.skipped == 0 and report.read + report.unchanged == total
    if same_code:
        assert (report.read, report.unchanged) == (total - len(stored), len(stored))
    assert table_counts(db)["documents"] == total
    assert table_counts(db)["paths"] == total
    data = export(db)
    assert len(data["documents"]) == total
    assert assert_grounded(db, data) > total
    assert len(data["organizations"]) == total


def test_two_builds_at_once_neither_lose_nor_duplicate_a_document(engine: str, db: str, tmp_path: Path) -> None:
    """Two `dossier build` processes write to one knowledge base at the same time, on overlapping folders."""
    if engine == "sqlite":
        pytest.skip("builds at once are for a server: SQLite's one file takes one writer at a time")
    total = 30
    profiles = {f"g{i:02d}.txt": generated_profile(i, 3) for i in range(total)}
    first = write_corpus(tmp_path / "first", dict(list(profiles.items())[:20]))
    second = write_corpus(tmp_path / "second", dict(list(profiles.items())[10:]))  # ten files in both
    procs = [
        subprocess.Popen(
            [*dossier_command(), "build", str(folder), "--db", db, "--no-progress", "--workers", "1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(),
        )
        for folder in (first, second)
    ]
    for proc in procs:
        _out, errors = proc.communicate(timeout=300)
        assert proc.returncode == 0, errors

    alone = str(tmp_path / "alone.db")
    build(write_corpus(tmp_path / "all", profiles), db=alone)
    assert table_counts(db)["documents"] == total
    assert table_counts(db)["paths"] == total + 10  # the shared files under both folders
    assert table_counts(db)["statements"] == table_counts(alone)["statements"]
    assert rows(db, "SELECT COUNT(*) FROM (SELECT DISTINCT doc_id, start_pos FROM chunks) AS c") == rows(
        db, "SELECT COUNT(*) FROM chunks"
    )
    data = export(db)
    assert_grounded(db, data)
    assert len(data["organizations"]) == len(export(alone)["organizations"]) == total


# -- bad input ---------------------------------------------------------------------------

BAD_FILES: dict[str, str | bytes] = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 4,
    "corrupt.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without a cross-reference table\n",
    "scripts-only.html": "<html><head><script>var x = 1;</script></head><body><script>go()</script></body></html>",
    "notes.xyz": "Name: Red Dawn Front\n",
}
# What each skipped-file line must say about the problem.
PROBLEMS = {
    "empty.txt": "empty",
    "binary.txt": "binary",
    "corrupt.pdf": "PDF",
    "scripts-only.html": "HTML",
    "notes.xyz": "unsupported file type",
    "missing-folder": "no such file",
}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """`dossier build` on good files mixed with bad ones and a missing path, run once."""
    root = tmp_path_factory.mktemp("bad")
    latin1 = (
        RED_DAWN.replace("Red Dawn Front", "Frente Alba Roja")
        .replace("Comrade Luz", "Camarada Mar\u00eda")
        .replace("\u2022", "-")  # not in Latin-1
    )
    folder = write_corpus(
        root / "corpus",
        {
            "good-salt-army.txt": SALT_ARMY,
            "good-silver-river.md": SILVER_RIVER,
            "latin1.txt": latin1.encode("latin-1"),
            **BAD_FILES,
            "[red]markup-name.xyz": "x",
            "[blue]bad-bytes.txt": b"Name: Copper Valley Front\nAreas of operation: Peru\nIt is invented \xff.\n",
        },
    )
    db = root / "kb.db"
    result = run_dossier("build", folder, root / "missing-folder", "--db", db, "--no-progress")
    return folder, db, result


def test_bad_input_exits_1_and_names_each_skipped_file(bad_build) -> None:  # type: ignore[no-untyped-def]
    folder, db, result = bad_build
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    skipped = [line for line in lines if line.startswith("skipped ")]
    assert len(skipped) == len(PROBLEMS) + 1, result.stderr  # + the file with markup in its name
    for name, problem in PROBLEMS.items():
        mine = [line for line in skipped if f"{name}:" in line]
        assert len(mine) == 1, (name, result.stderr)
        assert problem in mine[0], (name, mine[0])
    summary = [line for line in lines if " read, " in line and " skipped" in line]
    assert len(summary) == 1, result.stderr
    assert summary[0].startswith("4 read, 0 unchanged, 7 skipped;"), summary[0]
    assert str(db) in summary[0]


def test_invalid_utf8_is_read_with_a_warning(bad_build) -> None:  # type: ignore[no-untyped-def]
    folder, db, result = bad_build
    warnings = [line for line in result.stderr.splitlines() if "latin1.txt" in line]
    assert len(warnings) == 1, result.stderr
    assert warnings[0].startswith("warning ") and "invalid UTF-8 at byte" in warnings[0]
    with open_store(db, create=False) as store:
        doc = store.document(sha256(folder / "latin1.txt"))
    assert doc is not None
    assert "\ufffd" in doc.text
    assert any("invalid UTF-8" in w for w in doc.warnings)


def test_good_files_are_stored_despite_bad_ones(bad_build) -> None:  # type: ignore[no-untyped-def]
    folder, db, _ = bad_build
    stored = {Path(r[0]).name for r in rows(db, "SELECT path FROM paths")}
    assert stored == {"good-salt-army.txt", "good-silver-river.md", "latin1.txt", "[blue]bad-bytes.txt"}
    data = export(db)
    assert {"Northern Salt Army", "Silver River Brigades", "Frente Alba Roja"} <= {
        o["name"] for o in data["organizations"]
    }
    assert_grounded(db, data)
    with open_store(db, create=False) as store:
        last = store.last_build()
    assert last is not None and (last["read"], last["skipped"]) == (4, 7)


def test_file_names_with_brackets_are_printed_literally(bad_build) -> None:  # type: ignore[no-untyped-def]
    """A file name is untrusted text: Rich markup in it must not be interpreted."""
    folder, _, result = bad_build
    lines = result.stderr.splitlines()
    assert f"skipped {folder / '[red]markup-name.xyz'}: unsupported file type" in result.stderr, result.stderr
    warning = [line for line in lines if "bad-bytes.txt" in line]
    assert len(warning) == 1, result.stderr
    assert warning[0].startswith(f"warning {folder / '[blue]bad-bytes.txt'}: invalid UTF-8"), warning[0]


def test_all_good_folder_exits_0(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "good", {"red.txt": RED_DAWN, "salt.md": SALT_ARMY})
    db = tmp_path / "kb.db"
    result = run_dossier("build", folder, "--db", db, "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "skipped " not in result.stderr
    assert "2 read, 0 unchanged, 0 skipped;" in result.stderr
    again = run_dossier("build", folder, "--db", db, "--no-progress")
    assert again.returncode == 0, again.stderr
    assert "0 read, 2 unchanged, 0 skipped; 0 statements added" in again.stderr


def test_skipped_lines_are_not_wrapped_when_piped(tmp_path: Path) -> None:
    """Piped to a log (no terminal, no COLUMNS), each problem stays one whole line."""
    folder = write_corpus(tmp_path / "a-folder-with-a-long-enough-name", {"unsupported-notes.xyz": "x"})
    env = cli_env()
    del env["COLUMNS"]
    result = run_dossier("build", folder, "--db", tmp_path / "kb.db", "--no-progress", env=env)
    assert result.returncode == 1
    path = folder / "unsupported-notes.xyz"
    wanted = f"skipped {path}: unsupported file type '.xyz' (supported: .docx, .htm, .html, .md, .pdf, .txt)"
    assert wanted in result.stderr.splitlines(), result.stderr
