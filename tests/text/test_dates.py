"""The date grammar against its table of hard cases (tests/text/dates.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dossier.text.dates import DateMatch, find_dates, page_date

CASES = yaml.safe_load((Path(__file__).parent / "dates.yaml").read_text("utf-8"))


def _spec(date: DateMatch, text: str) -> dict[str, str]:
    return {
        "iso": date.iso,
        "until": date.until,
        "kind": date.kind,
        "part": date.part,
        "text": text[date.start : date.end],
    }


def _expected(written: str) -> dict[str, str]:
    """ "2007..2010 period ~decade =the 1990s" -> its fields."""
    head, _, matched = written.partition(" =")
    words = head.split()
    iso, _, until = words[0].partition("..")
    out = {"iso": iso, "until": until, "kind": "point", "part": ""}
    for word in words[1:]:
        if word.startswith("~"):
            out["part"] = word[1:]
        else:
            out["kind"] = word
    if matched:
        out["text"] = matched
    return out


@pytest.mark.parametrize(("text", "expected"), CASES["dates"], ids=[row[0][:40] for row in CASES["dates"]])
def test_date_grammar(text: str, expected: str | list[str]) -> None:
    wanted = [expected] if isinstance(expected, str) else expected
    found = [_spec(d, text) for d in find_dates(text) if d.kind != "deictic"]
    assert len(found) == len(wanted), found
    for got, written in zip(found, wanted, strict=True):
        want = _expected(written)
        assert {k: got[k] for k in want} == want


@pytest.mark.parametrize(("text", "reference", "iso"), CASES["deictic"], ids=[r[0][:40] for r in CASES["deictic"]])
def test_deictic_dates(text: str, reference: str, iso: str | None) -> None:
    resolved = [d.iso for d in find_dates(text, reference=reference) if d.kind == "deictic" and d.iso]
    assert resolved == ([iso] if iso else [])


@pytest.mark.parametrize(("head", "iso"), CASES["page_dates"], ids=[r[0][:40] for r in CASES["page_dates"]])
def test_page_date(head: str, iso: str | None) -> None:
    found = page_date(head)
    assert (found.iso if found else None) == iso
    if found:
        assert head[found.start : found.end].strip()


def test_every_date_is_an_exact_slice() -> None:
    text = "On 3 June 2013, and again in mid-2014 (between 2017 and 2020), the 1990s."
    for d in find_dates(text):
        assert text[d.start : d.end] == text[d.start : d.end].strip()
        assert d.end > d.start
