"""FollowTheMoney: every line is an entity the library's schema accepts as it is, with its sources."""

from __future__ import annotations

import json
from typing import Any

import pytest
from followthemoney import model

from dossier.export.ftm import TOPIC, ftm_id, write_ftm


@pytest.fixture(scope="module")
def lines() -> dict[str, list[dict[str, Any]]]:
    return {}


def _entities(corpus: Any, cache: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    if corpus.name not in cache:
        text = write_ftm(corpus.snap)
        assert text.endswith("\n")
        cache[corpus.name] = [json.loads(line) for line in text.splitlines()]
    return cache[corpus.name]


def _of(entities: list[dict[str, Any]], schema: str) -> list[dict[str, Any]]:
    return [e for e in entities if e["schema"] == schema]


def test_every_line_is_a_valid_entity(corpus, lines) -> None:
    entities = _entities(corpus, lines)
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids)), "ids are not unique"
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)  # cleans every value by its property's type
        assert proxy.to_dict() == data, data["id"]  # ... and cleaning changed nothing
        assert not proxy.schema.abstract
        for prop in proxy.schema.required:
            assert proxy.get(prop), (data["id"], prop)
        for prop in proxy.schema.properties.values():
            if prop.type.name == "entity":
                for value in proxy.get(prop):
                    assert value in ids, (data["id"], prop.name, value)
                    assert model.get(next(e for e in entities if e["id"] == value)["schema"]).is_a(prop.range)


def test_each_entity_of_the_knowledge_base_is_there(corpus, lines) -> None:
    entities = _entities(corpus, lines)
    snap = corpus.snap
    assert {e["id"] for e in _of(entities, "Organization")} == {ftm_id(o["id"]) for o in snap.organizations}
    assert {e["id"] for e in _of(entities, "Person")} == {ftm_id(p["id"]) for p in snap.persons}
    assert {e["id"] for e in _of(entities, "Event")} == {ftm_id(e["id"]) for e in snap.events}
    assert len(_of(entities, "Document")) == len(snap.documents)
    assert _of(entities, "Membership") and _of(entities, "UnknownLink")


def test_every_entity_names_its_source_documents_and_quotes(corpus, lines) -> None:
    entities = _entities(corpus, lines)
    texts = {f"dossier-doc-{doc}": " ".join(text.split()) for doc, text in corpus.snap.texts.items()}
    for data in entities:
        if data["schema"] == "Document":
            continue
        proofs = data["properties"].get("proof", [])
        assert proofs and set(proofs) <= set(texts), data["id"]
    notes = _of(entities, "Note")
    for note in notes:
        doc = note["properties"]["proof"]
        for line in note["properties"]["description"][0].splitlines():
            if "“" in line:
                quote = line.split("“", 1)[1].rsplit("”", 1)[0]
                assert any(quote in texts[d] for d in doc), (note["id"], quote)
    noted = {n["properties"]["entity"][0] for n in notes}
    for schema in ("Organization", "Person", "Event"):
        assert {e["id"] for e in _of(entities, schema)} <= noted, schema


def test_a_group_its_leaders_and_its_attack(small) -> None:
    entities = [json.loads(line) for line in write_ftm(small.snap).splitlines()]
    by_id = {e["id"]: e for e in entities}
    org = next(e for e in _of(entities, "Organization") if e["properties"]["name"] == ["Red Dawn Front"])
    props = org["properties"]
    assert {"RDF", "Frente Amanecer Rojo"} <= set(props["alias"])
    assert set(props["country"]) == {"pe", "bo"}
    assert props["incorporationDate"] == ["1984"]
    assert props["topics"] == [TOPIC]  # named perpetrator of attacks
    members = {
        by_id[m["properties"]["member"][0]]["properties"]["name"][0]
        for m in _of(entities, "Membership")
        if m["properties"]["organization"] == [org["id"]]
    }
    assert members == {"Tomas Quispe Huaman", "Elena Vargas Rojas"}
    tomas = next(e for e in _of(entities, "Person") if e["properties"]["name"] == ["Tomas Quispe Huaman"])
    assert tomas["properties"]["birthDate"] == ["1950"]
    assert tomas["properties"]["topics"] == [TOPIC]  # a leader of such a group
    events = [e for e in _of(entities, "Event") if org["id"] in e["properties"].get("involved", [])]
    assert {e["properties"]["date"][0] for e in events} >= {"1992-09-12", "1995-03-03"}


def test_the_same_knowledge_base_gives_the_same_lines(small) -> None:
    assert write_ftm(small.snap) == write_ftm(small.snap)
