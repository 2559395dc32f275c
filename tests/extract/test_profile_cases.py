"""Profile facts read from one document each, as rows of profile_cases.yaml (invented groups)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from dossier.extract import extract_document
from dossier.model import Document

CASES = yaml.safe_load((Path(__file__).parent / "profile_cases.yaml").read_text("utf-8"))


def _facts(text: str) -> set[tuple[str, str]]:
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en")
    return {(s.prop, s.value) for s in extract_document(doc) if s.subject.endswith(":main")}


@pytest.mark.parametrize(("text", "prop", "value"), CASES["facts"])
def test_fact_is_read(text: str, prop: str, value: str) -> None:
    assert (prop, value) in _facts(text)


@pytest.mark.parametrize(("text", "prop", "value"), CASES["not_facts"])
def test_no_fact_is_read(text: str, prop: str, value: str) -> None:
    assert (prop, value) not in _facts(text)
