"""Extraction: small extractors, one concern each, turn a document into statements.

An extractor is a function `extract(ctx) -> Iterator[Statement]` of one
document; that is what lets a build run in parallel and incrementally. They
run in the order below because later ones use what earlier ones found (the
profiled organisation's mention key and names).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

from dossier.extract import events, groups, organization, persons, places, profile, relations
from dossier.extract.context import Context
from dossier.model import Document, Statement

Extractor = Callable[[Context], Iterable[Statement]]

EXTRACTORS: list[tuple[str, Extractor]] = [
    ("organization", organization.extract),
    ("places", places.extract),
    ("profile", profile.extract),
    ("persons", persons.extract),
    ("relations", relations.extract),
    ("groups", groups.extract),
    ("events", events.extract),
]


def extract_document(doc: Document) -> list[Statement]:
    """Every statement the extractors find in `doc`, each grounded in its text."""
    ctx = Context.of(doc)
    out: list[Statement] = []
    seen: set[str] = set()
    for _name, extractor in EXTRACTORS:
        for statement in extractor(ctx):
            if statement.id not in seen and statement.evidence.end > statement.evidence.start:
                seen.add(statement.id)
                out.append(statement)
    return out


@lru_cache(maxsize=1)
def extraction_version() -> str:
    """A hash of the code and lexicons that make statements.

    A document extracted by another version is extracted again on the next
    build, so improving an extractor never leaves stale statements behind.
    """
    digest = hashlib.sha256()
    for package in ("dossier.extract", "dossier.text"):
        root = resources.files(package)
        for path in sorted(_walk(root), key=str):
            digest.update(str(path).rsplit("dossier", 1)[-1].encode())
            digest.update(path.read_bytes())
    for module in ("segment.py", "ingest/source.py"):  # read by the extractors too
        digest.update(resources.files("dossier").joinpath(module).read_bytes())
    return digest.hexdigest()[:16]


def _walk(root: Traversable) -> Iterator[Traversable]:
    for entry in root.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _walk(entry)
        elif entry.name.endswith((".py", ".yaml")):
            yield entry
