"""Persons read from one document each, as rows of person_cases.yaml (invented people and groups)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from dossier.extract import extract_document
from dossier.model import Document

CASES = yaml.safe_load((Path(__file__).parent / "person_cases.yaml").read_text("utf-8"))


@pytest.mark.parametrize(("text", "name", "role"), CASES["persons"])
def test_person_is_found(text: str, name: str, role: str | None) -> None:
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en")
    statements = extract_document(doc)
    names = {s.subject: s.value for s in statements if s.prop == "name" and s.schema.value == "Person"}
    assert name in names.values(), names
    if role:
        key = next(k for k, v in names.items() if v == name)
        assert any(s.prop == role and s.value == key for s in statements if s.subject.endswith(":main"))
