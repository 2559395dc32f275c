"""What a factsheet reads first, computed from views: a person's current status, relation rows, the
kind of an activity."""

from __future__ import annotations

from collections import defaultdict

from dossier.model import Evidence, Schema, Statement, activity_kind
from dossier.views import KnowledgeBase, best_supported, current_status, organization, relation_rows


def _ev(doc: str, start: int = 0) -> dict[str, object]:
    return {"doc": doc, "quote": "q", "start": start, "end": start + 1}


def test_a_persons_current_status_is_the_latest_dated_one() -> None:
    statuses = [
        {"value": "sentenced", "date": "2012-03-13", "evidence": [_ev("a")]},
        {"value": "dead", "date": None, "evidence": [_ev("a"), _ev("b")]},
        {"value": "killed", "date": "2020-06", "evidence": [_ev("c")]},
        {"value": "sentenced", "date": "2007-04", "evidence": [_ev("d")]},
    ]
    assert current_status(statuses) == statuses[2]
    undated = [{"value": "arrested", "date": None, "evidence": [_ev("a")]}, statuses[1]]
    assert current_status(undated) == statuses[1]  # without dates: the best-supported
    assert current_status([]) is None


def test_best_supported_counts_documents_before_quotes() -> None:
    many_quotes = {"value": "x", "evidence": [_ev("a", 0), _ev("a", 5), _ev("a", 9)]}
    two_documents = {"value": "y", "evidence": [_ev("a"), _ev("b")]}
    assert best_supported([many_quotes, two_documents]) == [two_documents, many_quotes]


def test_relations_are_one_row_per_type_and_group_with_every_period() -> None:
    relations = [
        {"type": "ally", "target": "o1", "start": "2012", "end": "2017", "evidence": [_ev("a")]},
        {"type": "ally", "target": "o1", "start": "2003", "end": None, "evidence": [_ev("b")]},
        {"type": "ally", "target": "o1", "start": None, "end": None, "evidence": [_ev("a")]},
        {"type": "opponent", "target": "o1", "start": None, "end": None, "evidence": [_ev("c")]},
    ]
    rows = relation_rows(relations)
    assert [(r["type"], r["target"]) for r in rows] == [("ally", "o1"), ("opponent", "o1")]
    assert [(p["start"], p["end"]) for p in rows[0]["periods"]] == [("2003", None), ("2012", "2017")]
    assert [e["doc"] for e in rows[0]["evidence"]] == ["a", "b"]  # each quote once


def test_an_activity_is_an_attack_an_intervention_or_other() -> None:
    assert activity_kind(["kidnapping"]) == "attack"
    assert activity_kind(["arrest", "kidnapping"]) == "attack"  # an attack whatever else it is
    assert activity_kind(["military_operation", "statement"]) == "intervention"
    assert activity_kind(["designation"]) == "intervention"
    assert activity_kind(["statement"]) == "other"
    assert activity_kind([]) == "other"


def _kb(statements: list[Statement], entity_of: dict[str, str]) -> KnowledgeBase:
    kb = KnowledgeBase(statements, entity_of, {"d1": "x" * 20}, {"d1": "d1"})
    grouped: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        grouped[kb.entity(s.subject)].append(s)
    kb.by_entity = dict(grouped)
    return kb


def test_an_alias_that_names_a_related_group_stays_with_that_group() -> None:
    def st(subject: str, prop: str, value: str, **q: str) -> Statement:
        return Statement(subject, Schema.ORGANIZATION, prop, value, Evidence("d1", 0, 5), "test", q)

    main, old = "Organization:d1:main", "Organization:d1:old"
    statements = [
        st(main, "name", "Vanguard of the Eastern Coast"),
        st(main, "alias", "VEC", kind="acronym"),
        st(main, "alias", "Vanguard in Marisol Bay"),  # an aka list naming the predecessor
        st(main, "alias", "VMB", kind="acronym"),
        st(main, "alias", "Coastal Vanguard"),
        st(old, "name", "Vanguard in Marisol Bay"),
        st(old, "relation", main, type="merged_into"),
    ]
    kb = _kb(statements, {main: "o1", old: "o2"})
    assert [a["value"] for a in organization(kb, "o1")["aliases"]] == ["VEC", "Coastal Vanguard"]
    assert organization(kb, "o2")["name"] == "Vanguard in Marisol Bay"
