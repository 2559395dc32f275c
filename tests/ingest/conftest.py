"""Fixtures for the ingest tests: sample paragraphs and file writers."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

try:
    import dossier  # noqa: F401
except ImportError:  # not installed in the venv: use the source tree
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

# Sample paragraphs written for these tests.
ENGLISH = (
    "The Lord's Resistance Army is a rebel movement that grew out of the civil war in "
    "northern Uganda in the late 1980s. Its leader, Joseph Kony, presented the group as a "
    "spiritual force, but its fighters became notorious for abducting children and forcing "
    "them to serve as soldiers, porters and wives. After peace talks failed in 2008 the "
    "remaining units scattered across the border regions of the Democratic Republic of the "
    "Congo, South Sudan and the Central African Republic."
)
DUTCH = (
    "Het Nieuwe Volksleger is de gewapende tak van de Communistische Partij van de "
    "Filipijnen. De beweging werd in 1969 opgericht en voert sindsdien een guerrillaoorlog "
    "op het platteland tegen de regering in Manila. De strijders heffen belasting bij "
    "bedrijven en boeren in de gebieden waar zij actief zijn en vallen regelmatig "
    "legerposten en politiebureaus aan. Vredesgesprekken werden meerdere keren hervat en "
    "weer afgebroken."
)


@pytest.fixture
def english() -> str:
    return ENGLISH


@pytest.fixture
def dutch() -> str:
    return DUTCH


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """Write bytes (or UTF-8 text) to a file under tmp_path and return its path."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write
