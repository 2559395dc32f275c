"""Full-text search in the store: filled with each document, migrated into an older knowledge base."""

from __future__ import annotations

import hashlib
import sqlite3
from importlib import resources
from pathlib import Path

from kb_helpers import org_statement

from dossier.model import Document
from dossier.store import SCHEMA_VERSION, open_store
from dossier.store.sqlite import fts_query, text_chunks

TEXT = """Naam: Verbond van de Zoutmeren
Financiële inkomstenbronnen: smokkel en afpersing.

The alliance levies a toll on every boat that crosses the lakes. It was founded in Sédhiou in 2001.
"""


def document(text: str = TEXT, path: str = "zoutmeren.txt") -> Document:
    return Document(id=hashlib.sha256(text.encode()).hexdigest(), path=path, text=text, lang="nl")


def test_text_and_statements_are_found_with_diacritics_folded(db: str) -> None:
    doc = document()
    with open_store(db) as store:
        store.put_document(
            doc, [org_statement(doc, "funding", "smokkel", "Financiële inkomstenbronnen: smokkel en afpersing.")], "t"
        )
        hits = store.search_text("financiele")
        assert len(hits) == 1
        assert doc.text[hits[0].start : hits[0].end].startswith("Financiële")
        assert "\x02Financiële\x03" in hits[0].snippet
        assert [h.value for h in store.search_statements("afpers")] == ["smokkel"]  # the last word is a prefix
        sedhiou = store.search_text("sedhiou 2001")
        assert doc.text[sedhiou[0].start : sedhiou[0].end].endswith("It was founded in Sédhiou in 2001.")  # the line
        assert store.search_text("") == [] and store.search_text('" OR (') == []


def test_replacing_or_dropping_a_document_replaces_its_search_rows(db: str) -> None:
    doc = document()
    with open_store(db) as store:
        store.put_document(doc, [], "t")
        store.put_document(doc, [], "t")  # re-extracted: indexed once, not twice
        assert len(store.search_text("toll")) == 1
        other = document("Naam: Een ander verbond\n", "zoutmeren.txt")  # the same path, new content
        store.put_document(other, [], "t")
        assert store.search_text("toll") == []
        assert len(store.search_text("ander verbond")) == 1


def test_a_version_1_knowledge_base_is_migrated_and_indexed(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    doc = document()
    con = sqlite3.connect(db)
    con.executescript(resources.files("dossier.store").joinpath("migrations", "sqlite", "1_schema.sql").read_text("utf-8"))
    con.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '1')")
    con.execute(
        "INSERT INTO documents(id, path, text, extracted_with, added_at) VALUES (?, ?, ?, 'old', 'then')",
        (doc.id, doc.path, doc.text),
    )
    quote = "The alliance levies a toll on every boat that crosses the lakes."
    start = doc.text.index(quote)
    con.execute(
        "INSERT INTO statements(id, doc_id, subject, schema, prop, value, start_pos, end_pos, extractor) "
        "VALUES ('s1', ?, 'Organization:x:main', 'Organization', 'funding', 'tolls', ?, ?, 'old')",
        (doc.id, start, start + len(quote)),
    )
    con.commit()
    con.close()
    with open_store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert [h.statement_id for h in store.search_statements("boat")] == ["s1"]
        # Entities stored before versions were kept are dated by their documents.
        assert store.entity_versions() == {"Organization:x:main": ("then", "then")}
        assert len(store.search_text("zoutmeren")) == 1


def test_chunks_are_lines_and_long_lines_are_cut_into_sentences() -> None:
    long_line = " ".join(f"Sentence number {i} is here." for i in range(40))
    text = "Short line\n\n  indented line  \n" + long_line
    chunks = [text[s:e] for s, e in text_chunks(text)]
    assert chunks[:2] == ["Short line", "indented line"]
    assert chunks[2] == "Sentence number 0 is here."
    assert len(chunks) == 42


def test_what_people_type_is_never_fts_syntax() -> None:
    assert fts_query('al "qaeda" AND near') == '"al" "qaeda" "AND" "near"*'
    assert fts_query("***") == ""


def test_the_index_can_be_rebuilt_after_a_vacuum(db: str) -> None:
    doc = document()
    with open_store(db) as store:
        store.put_document(
            doc, [org_statement(doc, "funding", "smokkel", "Financiële inkomstenbronnen: smokkel en afpersing.")], "t"
        )
        store.db.execute("VACUUM")  # SQLite renumbers rowids; PostgreSQL's index is keyed by ids
        store.reindex_search()
        assert [h.value for h in store.search_statements("smokkel")] == ["smokkel"]
        assert len(store.search_text("toll")) == 1
