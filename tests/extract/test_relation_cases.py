"""Relations read from one document each, as rows of relation_cases.yaml (invented groups)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from dossier.extract import extract_document
from dossier.model import Document

CASES = yaml.safe_load((Path(__file__).parent / "relation_cases.yaml").read_text("utf-8"))


def _relations(text: str) -> set[tuple[str, str, str]]:
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en")
    statements = extract_document(doc)
    names = {s.subject: s.value for s in statements if s.prop == "name"}
    main = next((s.subject for s in statements if s.subject.endswith(":main")), "")

    def name(key: str) -> str:
        return "main" if key == main else names.get(key, key)

    return {(name(s.subject), str(s.qualifiers["type"]), name(s.value)) for s in statements if s.prop == "relation"}


@pytest.mark.parametrize(("text", "source", "rel_type", "target"), CASES["relations"])
def test_relation_is_read(text: str, source: str, rel_type: str, target: str) -> None:
    assert (source, rel_type, target) in _relations(text)


@pytest.mark.parametrize(("text", "source", "rel_type", "target"), CASES["not_relations"])
def test_no_relation_is_read(text: str, source: str, rel_type: str, target: str) -> None:
    assert (source, rel_type, target) not in _relations(text)
