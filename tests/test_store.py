"""The SQLite store: schema versions, refusing files it cannot use, atomic writes."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from kb_helpers import (
    RED_DAWN,
    SALT_ARMY,
    build,
    invoke,
    org_statement,
    plain,
    rows,
    run_dossier,
    sha256,
    write_corpus,
)

from dossier.model import Document, Schema
from dossier.store import SCHEMA_VERSION, StoreError, base, open_store


def make_document(text: str, path: str = "doc.txt") -> Document:
    return Document(id=hashlib.sha256(text.encode()).hexdigest(), path=path, text=text, lang="en")


# -- schema ------------------------------------------------------------------------


def test_a_new_store_has_the_current_schema(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    with open_store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        for table in ("documents", "statements", "paths", "resolution", "judgements"):
            assert store.count(table) == 0
    assert rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    tables = {r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meta", "documents", "paths", "statements", "resolution", "judgements", "builds"} <= tables


def test_reopening_keeps_the_data_and_the_version(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    doc = make_document("Name: Red Dawn Front\n")
    with open_store(db) as store:
        store.put_document(doc, [org_statement(doc, "name", "Red Dawn Front")], "v1")
    with open_store(db, create=False) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert [d.id for d in store.documents()] == [doc.id]
        assert [s.value for s in store.statements()] == ["Red Dawn Front"]
    assert rows(db, "SELECT COUNT(*) FROM meta")[0][0] == 1


def test_opening_a_missing_file_without_create_raises_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "missing.db"
    with pytest.raises(StoreError, match="no such knowledge base; run `dossier build` first"):
        open_store(db, create=False)
    assert not db.exists()


@pytest.mark.parametrize("create", [True, False])
def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path, create: bool) -> None:
    db = tmp_path / "notes.db"
    content = b"These are my notes, not a database.\n" * 200
    db.write_bytes(content)
    with pytest.raises(StoreError) as raised:
        open_store(db, create=create)
    message = str(raised.value)
    assert str(db) in message
    assert "not a dossier knowledge base" in message
    assert "file is not a database" in message
    assert db.read_bytes() == content  # left as it was


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    open_store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(StoreError, match=rf"schema version {SCHEMA_VERSION + 1}, newer than this dossier"):
        open_store(db)
    with pytest.raises(StoreError, match="upgrade dossier"):
        open_store(db, create=False)
    assert rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION + 1),)]


def test_a_build_into_a_newer_schema_fails_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    open_store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    folder = write_corpus(tmp_path / "corpus", {"red.txt": RED_DAWN})
    with pytest.raises(StoreError):
        build(folder, db=db)
    result = invoke("build", folder, "--db", db, "--no-progress")
    assert result.exit_code == 2
    assert "schema version 99" in plain(result.stderr)
    assert rows(db, "SELECT COUNT(*) FROM documents")[0][0] == 0


def test_another_programs_sqlite_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "addresses.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    con.execute("INSERT INTO contacts VALUES ('Ana', '555-0100')")
    con.commit()
    con.close()
    try:
        with pytest.raises(StoreError, match="not a dossier knowledge base"):
            open_store(db, create=False)
    finally:
        tables = {r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == {"contacts"}


def test_an_empty_file_becomes_a_knowledge_base(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    db.touch()  # e.g. made by `touch` or a mktemp: an empty SQLite database
    with open_store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_count_only_knows_its_tables(tmp_path: Path) -> None:
    with open_store(tmp_path / "kb.db") as store, pytest.raises(ValueError):
        store.count("meta; DROP TABLE documents")


# -- documents ------------------------------------------------------------------------


def test_put_document_replaces_the_statements_of_a_re_extracted_document(tmp_path: Path) -> None:
    doc = make_document("Name: Red Dawn Front\nAlso known as: RDF\n")
    with open_store(tmp_path / "kb.db") as store:
        store.put_document(doc, [org_statement(doc, "name", "Red Dawn Front"), org_statement(doc, "name", "RDF")], "v1")
        assert store.count("statements") == 2
        store.put_document(doc, [org_statement(doc, "name", "Red Dawn Front")], "v2")
        assert [s.value for s in store.statements()] == ["Red Dawn Front"]
        assert store.has_document(doc.id, "v2") and not store.has_document(doc.id, "v1")
        stored = store.document(doc.id)
        assert stored is not None and stored.text == doc.text
        assert store.document("0" * 64) is None


def test_a_path_that_gets_new_content_drops_the_old_document(tmp_path: Path) -> None:
    old, new = make_document("Name: Red Dawn Front\n"), make_document("Name: Red Dawn Front (renamed)\n")
    with open_store(tmp_path / "kb.db") as store:
        store.put_document(old, [org_statement(old, "name", "Red Dawn Front")], "v1")
        store.put_document(new, [org_statement(new, "name", "Red Dawn Front")], "v1")
        assert [d.id for d in store.documents()] == [new.id]
        assert {s.evidence.doc for s in store.statements()} == {new.id}
        assert store.count("paths") == 1
        stored = store.document_at("doc.txt")
        assert stored is not None and stored.id == new.id


def test_a_failed_transaction_is_rolled_back(tmp_path: Path) -> None:
    doc = make_document("Name: Red Dawn Front\n")
    with open_store(tmp_path / "kb.db") as store:
        with pytest.raises(RuntimeError), store.transaction() as db:
            db.execute(
                "INSERT INTO documents(id, path, text, extracted_with, added_at) VALUES (?, ?, ?, ?, ?)",
                (doc.id, doc.path, doc.text, "v1", "now"),
            )
            raise RuntimeError("interrupted")
        assert store.count("documents") == 0
        store.put_document(doc, [org_statement(doc, "name", "Red Dawn Front")], "v1")  # not left inside a transaction
        assert store.count("documents") == 1


def test_judgements_survive_rebuilds(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "corpus", {"red.txt": RED_DAWN, "salt.txt": SALT_ARMY})
    db = tmp_path / "kb.db"
    build(folder, db=db)
    with open_store(db) as store:
        subjects = sorted({s.subject for s in store.statements() if s.schema is Schema.ORGANIZATION})
        store.judge(subjects[1], subjects[0], "negative")
    (folder / "salt.txt").write_text(SALT_ARMY + "\nUpdated.\n", encoding="utf-8")
    build(folder, db=db)
    with open_store(db) as store:
        assert store.judgements() == [(subjects[0], subjects[1], "negative")]
    assert rows(db, "SELECT COUNT(*) FROM documents WHERE id = ?", (sha256(folder / "salt.txt"),))[0][0] == 1


def test_last_change_moves_with_what_is_stored_and_not_with_a_build_that_finds_nothing_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_corpus(tmp_path / "corpus", {"red.txt": RED_DAWN})
    db = tmp_path / "kb.db"
    with open_store(db) as store:
        assert store.last_change() is None
    clock = iter(f"2030-01-01T00:00:0{i}+00:00" for i in range(10))
    monkeypatch.setattr(base, "now", lambda: next(clock))
    build(folder, db=db)
    with open_store(db) as store:
        built = store.last_change()
    build(folder, db=db)  # every file unchanged
    with open_store(db) as store:
        assert store.last_change() == built
        subjects = sorted({s.subject for s in store.statements() if s.schema is Schema.ORGANIZATION})
        store.judge(subjects[0], subjects[0] + "x", "negative")
        assert store.last_change() > built


# -- the command line and the store -------------------------------------------------------


@pytest.mark.parametrize("command", ["info", "show", "export"])
def test_commands_on_a_missing_knowledge_base_exit_2(tmp_path: Path, command: str) -> None:
    db = tmp_path / "missing.db"
    args = [command, "Red Dawn Front"] if command == "show" else [command]
    result = invoke(*args, "--db", db)
    assert result.exit_code == 2
    assert "no such knowledge base; run `dossier build` first" in plain(result.stderr)
    assert result.stdout == ""
    assert not db.exists()


def test_info_on_a_missing_knowledge_base_exits_2_from_the_shell(tmp_path: Path) -> None:
    db = tmp_path / "missing.db"
    result = run_dossier("info", "--db", db)
    assert result.returncode == 2
    assert "error:" in result.stderr and "no such knowledge base" in result.stderr
    assert "Traceback" not in result.stderr
    assert not db.exists()


def test_info_on_a_file_that_is_not_sqlite_exits_2(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("not a database\n" * 100, encoding="utf-8")
    result = invoke("info", "--db", db)
    assert result.exit_code == 2
    assert "not a dossier knowledge base" in plain(result.stderr)


def test_an_error_names_a_database_path_with_brackets_literally(tmp_path: Path) -> None:
    db = tmp_path / "[red]missing.db"
    result = invoke("info", "--db", db)
    assert result.exit_code == 2
    assert f"{db}: no such knowledge base" in plain(result.stderr)
