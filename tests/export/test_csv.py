"""CSV: the tables read back with the `csv` module, UTF-8 with a header, every quote its document's text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dossier.export.csv import write_csv

TABLES = ("documents", "organizations", "persons", "events", "relations", "statements")


def _read(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, strict=True))


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {}


def _folder(corpus, folders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    if corpus.name not in folders:
        folder = tmp_path_factory.mktemp(f"csv-{corpus.name}") / "tables"
        written = write_csv(corpus.snap, folder)
        assert sorted(p.name for p in written) == sorted(f"{t}.csv" for t in TABLES)
        folders[corpus.name] = folder
    return folders[corpus.name]


def test_one_table_each_with_a_header_and_a_row_per_thing(corpus, folders, tmp_path_factory) -> None:
    folder = _folder(corpus, folders, tmp_path_factory)
    snap = corpus.snap
    counts = {t: len(_read(folder, t)) for t in TABLES}
    assert counts["documents"] == len(snap.documents)
    assert counts["organizations"] == len(snap.organizations)
    assert counts["persons"] == len(snap.persons)
    assert counts["events"] == len(snap.events)
    assert counts["statements"] == len(snap.kb.statements)
    assert counts["relations"] > 0
    header = (folder / "statements.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",")[:5] == ["statement", "entity", "entity_type", "entity_name", "property"]


def test_every_statement_row_quotes_its_document(corpus, folders, tmp_path_factory) -> None:
    folder = _folder(corpus, folders, tmp_path_factory)
    docs = {d["id"]: d for d in _read(folder, "documents")}
    names = {r["id"]: r["name"] for t in ("organizations", "persons", "events") for r in _read(folder, t)}
    for row in _read(folder, "statements"):
        start, end = int(row["start"]), int(row["end"])
        assert row["quote"] == corpus.snap.texts[row["document"]][start:end]
        assert row["quote"]
        assert row["document_path"] == docs[row["document"]]["path"]
        assert row["entity"] in names
        assert row["value"] or row["value_entity"]


def test_entity_and_relation_rows_name_their_documents(corpus, folders, tmp_path_factory) -> None:
    folder = _folder(corpus, folders, tmp_path_factory)
    docs = {d["id"] for d in _read(folder, "documents")}
    for table in ("organizations", "persons", "events", "relations"):
        for row in _read(folder, table):
            cited = set(row["documents"].split("; "))
            assert cited and cited <= docs, (table, row)
    texts = {doc: " ".join(text.split()) for doc, text in corpus.snap.texts.items()}
    for row in _read(folder, "relations"):
        for quote in row["quotes"].split(" | "):
            assert any(quote in texts[d] for d in row["documents"].split("; ")), quote


def test_text_outside_ascii_survives(examples, tmp_path: Path) -> None:
    write_csv(examples.snap, tmp_path)
    raw = (tmp_path / "statements.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # plain UTF-8, no byte order mark
    text = raw.decode("utf-8")
    assert "–" in text or "é" in text or "ë" in text
