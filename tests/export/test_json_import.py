"""`dossier import`: export -> import -> export gives the same JSON; a bad file is refused whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from kb_helpers import build, export, invoke, plain, rows, write_corpus

from dossier.export.json import export_data
from dossier.export.json_import import ImportProblem, import_file
from dossier.store import open_store


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_export_import_export_gives_the_same_json(corpus, tmp_path: Path) -> None:
    source = _write(tmp_path / "kb.json", corpus.data)
    db = tmp_path / "imported.db"
    with open_store(db) as store:
        report = import_file(source, store)
        again = export_data(store)
    assert report.documents == len(corpus.data["documents"])
    assert report.statements == len(corpus.data["statements"])
    assert again == corpus.data


def test_the_export_carries_texts_statements_and_resolution(corpus) -> None:
    data = corpus.data
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for s in data["statements"]:
        assert 0 <= s["start"] < s["end"] <= len(texts[s["doc"]])
    subjects = {r["subject"] for r in data["resolution"]}
    assert {s["subject"] for s in data["statements"]} <= subjects
    assert all(d["extracted_with"] for d in data["documents"])


def test_the_command_line_round_trip_keeps_judgements(tmp_path: Path) -> None:
    """A person's split survives export and import, and the files are byte for byte the same."""
    folder = write_corpus(
        tmp_path / "corpus",
        {
            "a.txt": "Group profile: Front of the Copper Hills\n\nLeaders\n- Karim Abou El-Haddad (leader since 2012)\n",
            "b.txt": "Group profile: Front of the Copper Hills\n\nLeaders\n- Karim Abu al-Hadad (leader since 2012)\n",
        },
    )
    db = tmp_path / "kb.db"
    build(folder, db=db)
    [karim] = [p["id"] for p in export(db)["persons"]]
    assert invoke("split", karim, "--db", db).exit_code == 0
    first, second, copy = tmp_path / "first.json", tmp_path / "second.json", tmp_path / "copy.db"
    assert invoke("export", "--db", db, "-o", first).exit_code == 0
    result = invoke("import", first, "--db", copy)
    assert result.exit_code == 0, result.output
    assert "imported 2 documents" in plain(result.stderr)
    assert invoke("export", "--db", copy, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(second.read_text(encoding="utf-8"))
    assert len(data["persons"]) == 2 and data["judgements"]
    assert rows(copy, "SELECT COUNT(*) FROM judgements") == rows(db, "SELECT COUNT(*) FROM judgements")


def test_import_into_a_knowledge_base_with_other_documents_resolves_again(small, tmp_path: Path) -> None:
    db = tmp_path / "both.db"
    build(write_corpus(tmp_path / "other", {"x.txt": "Name: Grey Owl Column\nAreas of operation: Peru\n"}), db=db)
    with open_store(db) as store:
        import_file(_write(tmp_path / "small.json", small.data), store)
        data = export_data(store)
    names = {o["name"] for o in data["organizations"]}
    assert {"Grey Owl Column", "Red Dawn Front"} <= names
    assert len(data["documents"]) == len(small.data["documents"]) + 1


def _refused(path: Path, tmp_path: Path) -> str:
    db = tmp_path / "refused.db"
    result = invoke("import", path, "--db", db)
    assert result.exit_code == 1
    assert not db.exists(), "a refused file must leave nothing behind"
    with open_store(tmp_path / "direct.db") as store, pytest.raises(ImportProblem):
        import_file(path, store)
    return plain(result.stderr)


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text("{'schema': 'dossier/1'", encoding="utf-8")
    message = _refused(path, tmp_path)
    assert str(path) in message and "not JSON" in message and "line 1" in message


def test_a_file_of_another_schema_is_refused(tmp_path: Path) -> None:
    message = _refused(_write(tmp_path / "other.json", {"schema": "other/2", "documents": []}), tmp_path)
    assert "not a dossier/1 export" in message and "'other/2'" in message


def test_an_export_without_texts_asks_for_a_new_export(small, tmp_path: Path) -> None:
    data = {k: v for k, v in small.data.items() if k not in ("statements",)}
    data["documents"] = [{k: v for k, v in d.items() if k != "text"} for d in small.data["documents"]]
    message = _refused(_write(tmp_path / "old.json", data), tmp_path)
    assert "export the knowledge base again" in message


def test_a_quote_that_does_not_match_its_text_is_refused(small, tmp_path: Path) -> None:
    data = json.loads(json.dumps(small.data))
    evidence = data["organizations"][0]["aliases"][0]["evidence"][0]
    evidence["quote"] = "X" + evidence["quote"][1:]
    message = _refused(_write(tmp_path / "edited.json", data), tmp_path)
    assert "organizations[0].aliases[0].evidence[0]" in message
    assert f"text[{evidence['start']}:{evidence['end']}]" in message


def test_a_statement_outside_its_text_is_refused(small, tmp_path: Path) -> None:
    data = json.loads(json.dumps(small.data))
    data["statements"][3]["end"] = 10**6
    message = _refused(_write(tmp_path / "edited.json", data), tmp_path)
    assert "statements[3]" in message and "do not lie in the text" in message


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    message = _refused(tmp_path / "missing.json", tmp_path)
    assert "no such file" in message
