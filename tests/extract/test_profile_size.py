"""Size estimates: the year and "at its peak" belong to the estimate's own sentence and clause."""

from __future__ import annotations

import hashlib

from dossier.extract import organization, profile
from dossier.extract.context import Context
from dossier.model import Document

TEXT = """\
Name: Lantern Hill Brigades

Overview

The Lantern Hill Brigades are an invented group.

Size

Estimated to have fewer than 500 members.
At its peak in the 1990s, after a long war in the hills, the group counted some 9,000 fighters.
The group had close to 7,000 members at its height, but police say it has fewer than 300 members now.
In 2018, after years of arrests and defections in the region, officials put its strength at 200 to 250 fighters.
"""


def _sizes() -> list[tuple[int | None, int | None, str, str]]:
    ctx = Context.of(Document(hashlib.sha256(TEXT.encode()).hexdigest(), "t.txt", TEXT, "en"))
    list(organization.extract(ctx))
    return [
        (
            s.qualifiers.get("min"),
            s.qualifiers.get("max"),
            s.qualifiers.get("as_of", ""),
            s.qualifiers.get("qualifier", ""),
        )
        for s in profile.extract(ctx)
        if s.prop == "size"
    ]


def test_peak_and_year_come_from_the_estimates_own_sentence_and_clause() -> None:
    sizes = _sizes()
    assert (None, 500, "", "") in sizes  # the next sentence's "At its peak" is not this one's
    assert (9000, 9000, "", "peak") in sizes  # "At its peak" far before the number
    assert (7000, 7000, "", "peak") in sizes
    assert (None, 300, "", "") in sizes  # after ", but": no longer the peak
    assert (200, 250, "2018", "") in sizes  # "In 2018" opens the sentence
