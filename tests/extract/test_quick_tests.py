"""Quick tests that extractors run before a slow scan answer as the scan does.

Each is checked against the scan it guards at every capitalised word of the
shared corpora's texts (and of sentences written here).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from dossier.extract import groups, persons, subject
from dossier.ingest import iter_source_files, read_document

SHARED = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
OWN = (
    "The Amber Ridge Front – Southern Wing of the Amber Ridge Front claimed it.\n"
    "A splinter - the Grey Heron Brigades —  split off; the militant group Grey Heron Brigades grew.\n"
    "Het terreurnetwerk Zwarte Valken en de groep  Rode Reigers werden verboden.\n"
    "The founding members of the Pale River Movement are Karim Haddad, Lena Osei and Tomas Brink.\n"
    "Senior commanders of the movement, including Karim Haddad and Lena Osei, fled.\n"
)


def _texts() -> list[str]:
    texts = [OWN]
    for corpus in ("seeds", "dev"):
        folder = SHARED / "corpus" / corpus
        if folder.is_dir():
            texts += [read_document(path).text for path in iter_source_files([folder])]
    return texts


def _name_starts(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?<!\w)[A-Z]", text)]


def test_a_dash_before_a_name_is_what_the_faction_pattern_needs() -> None:
    found = 0
    for text in _texts():
        for start in _name_starts(text):
            match = groups._FACTION_OF.search(text, max(0, start - 60), start)
            if not groups._dash_before(text, start):
                assert match is None, text[max(0, start - 60) : start]
            found += match is not None
    assert found


def test_a_group_noun_ending_the_text_before_a_name_is_found_as_the_full_pattern_finds_it() -> None:
    patterns = subject._context_patterns()
    found = 0
    for text in _texts():
        for start in _name_starts(text):
            lo = max(0, start - 60)
            full = bool(patterns["noun_before"].search(text, lo, start))
            assert bool(patterns["noun_ends"].search(text, lo, start)) == full, text[lo:start]
            found += full
    assert found


def test_role_lists_start_where_a_plural_role_opens_them() -> None:
    listed, including, _led = persons._role_list_patterns()
    opening = persons._plural_role()
    found = 0
    for text in _texts():
        for pattern in (listed, including):
            matches = [m.span() for m in pattern.finditer(text)]
            first = opening.search(text)
            assert [m.span() for m in pattern.finditer(text, first.start() if first else len(text))] == matches
            assert all(opening.match(text, s) for s, _e in matches)
            found += len(matches)
    assert found
