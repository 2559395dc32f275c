"""Disagreements between sources: the `conflicts` of organisations and persons, and `dossier show`.

The documents are invented profiles of an invented group, written so that the
sources disagree on some things (origin, founding year, an undated size, a
leader's birth and death) and only differ on others (areas, a size series over
years, a peak, a region, founding kinds, dates at different precision).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from kb_helpers import BuiltKB, assert_grounded, build, export, invoke, plain, write_corpus
from rich.console import Console

from dossier.cli.factsheet import print_factsheet
from dossier.model import Document, Evidence, Schema, Statement
from dossier.store import open_store
from dossier.views import KnowledgeBase, organization

HEADER = "GROUP PROFILE (test document written for dossier)\n\n"

FIRST = (
    HEADER
    + """\
Name: Amber Hill Legion
Also known as: AHL
Country of origin: Peru
Areas of operation: Peru, Bolivia
Founded: 1991
Size: 200-400
Leaders: Ramon Ticona Apaza

Overview

The Amber Hill Legion is an invented armed group used to test dossier.
In 1999 the Amber Hill Legion was renamed after a split in its leadership.

Leaders

• Ramon Ticona Apaza (1950), alias Comrade Stone, founder and first leader of the legion.

Ramon Ticona Apaza was killed by soldiers on 3 March 2001.
"""
)

SECOND = (
    HEADER
    + """\
Name: Amber Hill Legion
Also known as: AHL
Country of origin: Bolivia
Areas of operation: Bolivia, Chile
Founded: 1993
Size: 5,000

Overview

The Amber Hill Legion is an invented rebel movement of the altiplano.
At its peak the Amber Hill Legion had 9,000 fighters.

Leaders

• Ramon Ticona Apaza (1953), alias Comrade Stone, founder of the legion.

Ramon Ticona Apaza was killed by soldiers on 9 April 2001.
"""
)

THIRD = (
    HEADER
    + """\
Name: Amber Hill Legion
Also known as: AHL
Founded: May 1991
Size: 1,500 (2015 estimate)

Overview

The Amber Hill Legion is an invented group.
In 2019 the Amber Hill Legion had fewer than 300 members in Chile.

Leaders

• Ramon Ticona Apaza, alias Comrade Stone, founder of the legion. He was killed by soldiers in March 2001.
"""
)


def _build(tmp_path: Path, files: dict[str, str]) -> BuiltKB:
    folder = write_corpus(tmp_path / "corpus", files)
    db = tmp_path / "kb.db"
    report = build(folder, db=db)
    data = export(db)
    assert_grounded(db, data)  # every quote, those under `conflicts` included
    return BuiltKB(folder, db, report, data, {p.name: p for p in folder.iterdir()})


@pytest.fixture(scope="module")
def legion(tmp_path_factory: pytest.TempPathFactory) -> BuiltKB:
    """Three profiles of one group that disagree; tests must only read it."""
    return _build(tmp_path_factory.mktemp("legion"), {"first.txt": FIRST, "second.txt": SECOND, "third.txt": THIRD})


def _docs(kb: BuiltKB) -> dict[str, str]:
    """Export document id -> file name."""
    return {d["id"]: Path(d["path"]).name for d in kb.data["documents"]}


def _conflicts(kb: BuiltKB, prop: str, entity: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in entity["conflicts"] if c["property"] == prop]


def _person(kb: BuiltKB, name: str) -> dict[str, Any]:
    return next(p for p in kb.data["persons"] if p["name"] == name)


def _sources(kb: BuiltKB, value: dict[str, Any]) -> set[str]:
    docs = _docs(kb)
    return {docs[ev["doc"]] for ev in value["evidence"]}


# -- single-valued properties ------------------------------------------------------------


def test_different_countries_of_origin_are_a_conflict_with_each_source(legion: BuiltKB) -> None:
    (conflict,) = _conflicts(legion, "origin_country", legion.org("Amber Hill Legion"))
    assert [v["value"] for v in conflict["values"]] == ["BO", "PE"]
    bo, pe = conflict["values"]
    assert _sources(legion, bo) == {"second.txt"} and _sources(legion, pe) == {"first.txt"}
    assert [ev["quote"] for ev in pe["evidence"]] == ["Country of origin: Peru"]
    assert "BO versus PE" in conflict["note"]


def test_founding_years_conflict_but_dates_that_agree_at_their_precision_stand_together(legion: BuiltKB) -> None:
    (conflict,) = _conflicts(legion, "founded", legion.org("Amber Hill Legion"))
    assert conflict["kind"] == "founded"
    assert {v["value"]: _sources(legion, v) for v in conflict["values"]} == {
        "1991": {"first.txt"},
        "1991-05": {"third.txt"},
        "1993": {"second.txt"},
    }
    # "1991" and "May 1991" are one side of the dispute, not two.
    assert "1991 or 1991-05 versus 1993" in conflict["note"]


def test_agreeing_precisions_alone_are_no_conflict(tmp_path: Path) -> None:
    kb = _build(tmp_path, {"first.txt": FIRST, "third.txt": THIRD})
    org = kb.org("Amber Hill Legion")
    assert {f["value"] for f in org["founded"]} >= {"1991", "1991-05"}
    assert not _conflicts(kb, "founded", org)


def test_multi_valued_properties_never_conflict(legion: BuiltKB) -> None:
    org = legion.org("Amber Hill Legion")
    assert {c["value"] for c in org["countries"]} == {"PE", "BO", "CL"}
    assert {c["property"] for c in org["conflicts"]} <= {"origin_country", "founded", "size", "leaders"}


def test_founding_kinds_are_compared_separately_and_a_shared_date_is_named(tmp_path: Path) -> None:
    # The first profile says founded 1991, renamed 1999; the second says founded 1999.
    kb = _build(tmp_path, {"first.txt": FIRST, "second.txt": SECOND.replace("Founded: 1993", "Founded: 1999")})
    org = kb.org("Amber Hill Legion")
    kinds = {(f["value"], f["kind"]) for f in org["founded"]}
    assert kinds == {("1991", "founded"), ("1999", "renamed"), ("1999", "founded")}
    (conflict,) = _conflicts(kb, "founded", org)
    assert conflict["kind"] == "founded"  # "renamed 1999" is no rival of "founded 1991"
    by_value = {v["value"]: v for v in conflict["values"]}
    assert set(by_value) == {"1991", "1999"}
    assert by_value["1999"]["also"] == ["renamed"] and "also" not in by_value["1991"]
    assert "1999 is also given as the date it was renamed" in conflict["note"]


def test_one_document_giving_two_values_is_not_a_dispute(tmp_path: Path) -> None:
    # The same document says 1991 (field) and 1994 (prose): two senses, or a misreading;
    # another document agreeing with one of them does not make it a dispute between sources.
    both = FIRST.replace("used to test dossier.", "used to test dossier. The Amber Hill Legion was founded in 1994.")
    kb = _build(tmp_path, {"first.txt": both, "third.txt": THIRD.replace("May 1991", "1994")})
    org = kb.org("Amber Hill Legion")
    assert {f["value"] for f in org["founded"] if f["kind"] == "founded"} == {"1991", "1994"}
    assert not _conflicts(kb, "founded", org)


# -- size ------------------------------------------------------------------------------


def test_undated_estimates_that_do_not_overlap_conflict_and_the_rest_is_explained(legion: BuiltKB) -> None:
    (conflict,) = _conflicts(legion, "size", legion.org("Amber Hill Legion"))
    assert (conflict["as_of"], conflict["scope"], conflict["qualifier"]) == ("", "", "")
    assert [(v["min"], v["max"]) for v in conflict["values"]] == [(200, 400), (5000, 5000)]
    assert [_sources(legion, v) for v in conflict["values"]] == [{"first.txt"}, {"second.txt"}]
    assert [ev["quote"] for ev in conflict["values"][1]["evidence"]] == ["Size: 5,000"]
    note = conflict["note"]
    # The 2015 figure is a point in a series, the 9,000 a peak, the 300 for one region.
    assert "estimates for 2015, a series over time" in note
    assert "1 peak estimate" in note
    assert "estimates for Chile" in note


def test_sizes_for_different_years_form_a_series(tmp_path: Path) -> None:
    later = THIRD.replace("Size: 1,500 (2015 estimate)", "Size: 400 (2018 estimate)")
    kb = _build(tmp_path, {"third.txt": THIRD, "later.txt": later.replace("Founded: May 1991\n", "")})
    org = kb.org("Amber Hill Legion")
    assert {(s["min"], s["as_of"]) for s in org["size"]} >= {(1500, "2015"), (400, "2018")}
    assert not _conflicts(kb, "size", org)


@pytest.mark.parametrize(
    ("other", "conflicting"), [("Size: 6,000 (2015 estimate)", True), ("Size: 1,200-1,400 (2015 estimate)", False)]
)
def test_estimates_for_the_same_year_conflict_only_when_far_apart(
    tmp_path: Path, other: str, conflicting: bool
) -> None:
    kb = _build(tmp_path, {"third.txt": THIRD, "other.txt": THIRD.replace("Size: 1,500 (2015 estimate)", other)})
    conflicts = _conflicts(kb, "size", kb.org("Amber Hill Legion"))
    if not conflicting:
        assert not conflicts
        return
    (conflict,) = conflicts
    assert conflict["as_of"] == "2015"
    assert [(v["min"], v["max"]) for v in conflict["values"]] == [(1500, 1500), (6000, 6000)]
    assert "for 2015 do not overlap" in conflict["note"]


# -- persons ---------------------------------------------------------------------------


def test_a_persons_birth_year_and_date_of_death_conflict(legion: BuiltKB) -> None:
    person = _person(legion, "Ramon Ticona Apaza")
    (born,) = _conflicts(legion, "born", person)
    assert {v["value"]: _sources(legion, v) for v in born["values"]} == {
        "1950": {"first.txt"},
        "1953": {"second.txt"},
    }
    (death,) = _conflicts(legion, "status", person)
    assert [(v["value"], v["date"]) for v in death["values"]] == [
        ("killed", "2001-03"),
        ("killed", "2001-03-03"),
        ("killed", "2001-04-09"),
    ]
    assert [_sources(legion, v) for v in death["values"]] == [{"third.txt"}, {"first.txt"}, {"second.txt"}]
    assert "2001-03 or 2001-03-03 versus 2001-04-09" in death["note"]


def test_alive_after_a_reported_death_is_a_conflict(tmp_path: Path) -> None:
    alive = SECOND.replace(
        "Ramon Ticona Apaza was killed by soldiers on 9 April 2001.",
        "On 5 May 2002 a spokesman said that Ramon Ticona Apaza is alive.",
    )
    kb = _build(tmp_path, {"first.txt": FIRST, "second.txt": alive})
    person = _person(kb, "Ramon Ticona Apaza")
    assert ("alive", "2002-05-05") in {(s["value"], s["date"]) for s in person["status"]}
    (death,) = _conflicts(kb, "status", person)
    assert [(v["value"], v["date"]) for v in death["values"]] == [("killed", "2001-03-03"), ("alive", "2002-05-05")]
    assert "alive on 2002-05-05 after a reported death on 2001-03-03" in death["note"]


def test_agreeing_sources_give_no_conflicts(tmp_path: Path) -> None:
    kb = _build(tmp_path, {"first.txt": FIRST, "copy.txt": FIRST.replace("invented armed group", "made-up group")})
    org = kb.org("Amber Hill Legion")
    assert org["conflicts"] == []
    assert all(p["conflicts"] == [] for p in kb.data["persons"])


# -- leaders' periods (no extractor gives periods yet: statements written to a real store) --


def test_different_start_dates_of_one_leadership_conflict(tmp_path: Path) -> None:
    texts = {
        "a" * 64: "Leader: Juan Perez (from 2004)",
        "b" * 64: "Leader: Juan Perez (from 2006)",
        "c" * 64: "Leader: Juan Perez, emir from 2004 onwards",
    }
    with open_store(tmp_path / "kb.db") as store:
        rows = []
        for doc_id, text in texts.items():
            org, person = f"Organization:{doc_id[:12]}:g", f"Person:{doc_id[:12]}:p"
            ev = Evidence(doc_id, 0, len(text))
            start = re.search(r"\d{4}", text)
            role = "emir" if "emir" in text else "leader"
            statements = [
                Statement(org, Schema.ORGANIZATION, "name", "Invented Group", ev, "test"),
                Statement(person, Schema.PERSON, "name", "Juan Perez", ev, "test"),
                Statement(
                    org,
                    Schema.ORGANIZATION,
                    "leader",
                    person,
                    ev,
                    "test",
                    {"role": role, "start": start[0] if start else None},
                ),
            ]
            store.put_document(Document(doc_id, f"{doc_id[0]}.txt", text, "en"), statements, "test")
            rows += [(org, "o1", "test", 1.0), (person, "p1", "test", 1.0)]
        store.replace_resolution(rows)
        kb = KnowledgeBase.load(store)
        org = organization(kb, "o1")
    (conflict,) = [c for c in org["conflicts"] if c["property"] == "leaders"]
    assert (conflict["person"], conflict["role"], conflict["field"]) == ("p1", "leader", "start")
    assert [(v["value"], [e["quote"] for e in v["evidence"]]) for v in conflict["values"]] == [
        ("2004", [texts["a" * 64]]),
        ("2006", [texts["b" * 64]]),
    ]
    assert "start dates for Juan Perez as leader: 2004 versus 2006" in conflict["note"]


# -- dossier show ----------------------------------------------------------------------


def test_show_prints_each_conflict_as_a_block_with_sources(legion: BuiltKB) -> None:
    result = invoke("show", "AHL", "--db", legion.db)
    assert result.exit_code == 0, result.output
    text = plain(result.stdout)
    body, _, sources = text.partition(" Sources [1]")
    assert "Sources disagree" in body
    block = body.partition("Sources disagree")[2]
    assert re.search(r"Origin BO \[\d+\] PE \[\d+\] Sources give different countries of origin", block)
    assert re.search(r"Founded 1991 \[\d+\] 1991-05 \[\d+\] 1993 \[\d+\]", block)
    assert re.search(r"Size \(whole group, no year\) 200–400 \[\d+\] 5000 \[\d+\]", block)
    assert re.search(r"Ramon Ticona Apaza: born 1950 \[\d+\] 1953 \[\d+\]", block)
    assert re.search(r"Ramon Ticona Apaza: death killed 2001-03 \[\d+\] killed 2001-03-03 \[\d+\]", block)
    # Every marker in the conflicts is in the sources list, with its quote.
    listed = {int(n) for n in re.findall(r"\[(\d+)\] ", "[1] " + sources)}
    used = {int(n) for n in re.findall(r"\[(\d+)\]", block)}
    assert used and used <= listed
    assert "“Size: 5,000”" in sources and "“Country of origin: Bolivia”" in sources


def test_show_prints_conflict_text_as_text_not_markup() -> None:
    evidence = [{"doc": "d1", "quote": "Origin: [red]x[/red]", "start": 0, "end": 20}]
    org: dict[str, Any] = {
        "name": "Invented Group",
        **{k: [] for k in ("aliases", "origin_country", "countries", "founded", "ideology", "size")},
        **{k: [] for k in ("leaders", "relations", "designations", "funding")},
        "conflicts": [
            {
                "property": "origin_country",
                "note": "Sources give [bold]different[/bold] countries",
                "values": [{"value": "[red]XX[/red]", "evidence": evidence}],
            }
        ],
    }
    console = Console(record=True, width=200, color_system=None)
    print_factsheet(console, org, {}, {"d1": "A [i]title[/i]"})
    text = console.export_text()
    assert "[red]XX[/red] [1]" in text
    assert "Sources give [bold]different[/bold] countries" in text
    assert "[1] A [i]title[/i]: “Origin: [red]x[/red]”" in text
