"""Editors' decisions applied to statements: found by content after the mention keys or offsets change,
the latest one holding, a correction beside the extracted value, an entity dated by the decision."""

from __future__ import annotations

from pathlib import Path

from kb_helpers import RED_DAWN, build, write_corpus

from dossier.decisions import apply_decisions, value_target
from dossier.export.snapshot import Snapshot
from dossier.model import Evidence, Schema, Statement
from dossier.store import Store
from dossier.store.editors import Decision, Editors

TEXT = "Areas: Mali, Niger. Founded in 2004. On 3 May 2010 fighters raided a depot."
TEXTS = {"d1": TEXT}


def _said(subject: str, prop: str, value: str, quote: str, schema: Schema = Schema.ORGANIZATION) -> Statement:
    start = TEXT.index(quote)
    return Statement(subject, schema, prop, value, Evidence("d1", start, start + len(quote)), "test")


def _decision(n: int, action: str, target: dict[str, object], at: str = "2030-01-01T00:00:00+00:00") -> Decision:
    return Decision(n, action, "o1", target, "edith", "why", at)


def test_a_rejection_finds_its_value_by_quote_when_the_mention_keys_change() -> None:
    before = [
        _said("Organization:d1:main", "country", "NE", "Niger"),
        _said("Organization:d1:main", "country", "ML", "Mali"),
    ]
    reject = _decision(1, "reject", value_target(before[:1], TEXTS, ["Organization:d1:main"]))
    # New extractors name the mention differently: the quote still says which value was judged.
    after = [
        _said("Organization:d1:group", "country", "NE", "Niger"),
        _said("Organization:d1:group", "country", "ML", "Mali"),
    ]
    applied = apply_decisions(after, [reject], {}, TEXTS)
    assert [s.value for s in applied.statements] == ["ML"]
    assert [(s.value, d.action) for s, d in applied.withheld] == [("NE", "reject")]
    assert applied.changed == {"Organization:d1:group": reject.created_at}


def test_the_latest_decision_on_a_value_holds() -> None:
    said = [_said("Organization:d1:main", "country", "NE", "Niger")]
    target = value_target(said, TEXTS, ["Organization:d1:main"])
    restored = apply_decisions(said, [_decision(1, "reject", target), _decision(2, "restore", target)], {}, TEXTS)
    assert restored.statements == said and not restored.withheld
    confirmed = apply_decisions(said, [_decision(1, "reject", target), _decision(2, "confirm", target)], {}, TEXTS)
    assert confirmed.statements == said and said[0].id in confirmed.confirmed


def _correction(quote: str, start: int) -> Decision:
    return _decision(
        1,
        "correct",
        {
            "prop": "date",
            "value": "2010-05-04",
            "qualifiers": {},
            "subjects": ["Event:d1:raid"],
            "quotes": [["d1", "3 May 2010"]],
            "evidence": {"doc": "d1", "start": start, "end": start + len(quote), "text": quote},
        },
    )


def test_a_correction_stands_beside_the_extracted_value_with_the_quote_the_editor_read() -> None:
    event = [_said("Event:d1:raid", "date", "2010-05-03", "3 May 2010", Schema.EVENT)]
    event.append(_said("Event:d1:raid", "summary", "fighters raided a depot", "fighters raided a depot", Schema.EVENT))
    # The quote was at offset 0 of an older text; it is found where the text holds it now.
    applied = apply_decisions(event, [_correction("3 May 2010", 0)], {}, TEXTS)
    dates = [s for s in applied.statements if s.prop == "date"]
    assert [(s.value, s.extractor) for s in dates] == [("2010-05-04", "editor:edith")]
    ev = dates[0].evidence
    assert TEXT[ev.start : ev.end] == "3 May 2010"
    assert [s.value for s, _d in applied.withheld] == ["2010-05-03"]
    # A quote no document holds any more: the correction waits, the extracted value stays.
    lost = apply_decisions(event, [_correction("4 June 2011", 0)], {}, TEXTS)
    assert lost.statements == event and len(lost.unapplied) == 1


def test_a_decision_dates_the_entity_it_changes(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    build(write_corpus(tmp_path / "docs", {"red.txt": RED_DAWN}), db=db)
    with Store(db) as store:
        snap = Snapshot.load(store)
        org = snap.organizations[0]
        entity, value = org["id"], org["countries"][0]["value"]
        statements = [s for s in snap.kb.by_entity[entity] if s.prop == "country" and s.value == value]
        members = [k for k, e in snap.kb.entity_of.items() if e == entity]
        target = value_target(statements, snap.kb.texts, members)
        Editors(store).decide("reject", entity, target, "edith", "not there", at="2099-01-01T00:00:00+00:00")
        again = Snapshot.load(store)
    assert again.versions[entity] == (snap.versions[entity][0], "2099-01-01T00:00:00+00:00")
    assert value not in [c["value"] for c in next(o for o in again.organizations if o["id"] == entity)["countries"]]
