"""Persons: who leads, founded or serves the profiled group, their aliases and fates.

Built through the real pipeline (read, segment, extract, resolve, store,
export) from documents written for these tests (tests/fixtures/persons: an
English news-style history and a French note, groups invented) and the three
other-group documents in tests/fixtures/other_groups with their expected.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from kb_helpers import assert_grounded, build, export

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _build(tmp_path_factory: pytest.TempPathFactory, folder: Path) -> tuple[Path, dict[str, Any]]:
    db = tmp_path_factory.mktemp("persons") / "kb.db"
    build(folder, db=db)
    return db, export(db)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    return _build(tmp_path_factory, FIXTURES / "persons")


@pytest.fixture(scope="module")
def data(built: tuple[Path, dict[str, Any]]) -> dict[str, Any]:
    return built[1]


@pytest.fixture(scope="module")
def others(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _build(tmp_path_factory, FIXTURES / "other_groups")[1]


def _persons(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in data["persons"]}


def _leaders(data: dict[str, Any], org_name: str) -> set[tuple[str, str]]:
    names = {p["id"]: p["name"] for p in data["persons"]}
    org = next(o for o in data["organizations"] if o["name"] == org_name)
    return {(names[item["person"]], item["role"]) for item in org["leaders"]}


def _statuses(person: dict[str, Any]) -> set[str]:
    return {s["value"] for s in person["status"]}


def _aliases(person: dict[str, Any]) -> set[str]:
    return {a["value"] for a in person["aliases"]}


def test_leaders_are_those_the_text_says_lead_the_group(data: dict[str, Any]) -> None:
    # "founded in 1994 by", "have been led by": leader and founder of the Brigades. Not the
    # deputy, the battalion emir, "a senior leader", nor the head of a rival group.
    assert _leaders(data, "Black Heron Brigades") == {("Tomasz Varga", "founder"), ("Idris ould Salem", "leader")}
    # French: "Le fondateur du mouvement, X,", "le mouvement est dirigé par X".
    assert _leaders(data, "Mouvement armé du Lac Bleu") == {
        ("Jean-Baptiste Koné", "founder"),
        ("Awa Diallo", "leader"),
    }


def test_persons_named_in_prose_are_found(data: dict[str, Any]) -> None:
    persons = _persons(data)
    for name in (
        "Karim Benali",  # "His deputy, X, the group's deputy leader,"
        "Selim",  # "BHB commander X": one word after a role word
        "Yusuf Kamara",  # "X, emir of the Sahel battalion"
        "Omar Tall",  # "A senior leader of the Brigades, X,"
        "Marta Oyelaran",  # "headed by X": the leader of another group
        "Moussa ag Intalla",  # "Son adjoint, X,"
        "Issa Traoré",  # "le commandant X"
    ):
        assert name in persons, sorted(persons)


def test_hostages_and_officials_do_not_become_members(data: dict[str, Any]) -> None:
    persons = _persons(data)
    assert "Paul Girard" not in persons  # a hostage
    assert not any("Holt" in name for name in persons)  # a minister quoted
    assert persons["Marta Oyelaran"]["roles"] == []  # she heads a rival group


def test_roles_below_the_leader(data: dict[str, Any]) -> None:
    roles = {name: {r["role"] for r in p["roles"]} for name, p in _persons(data).items()}
    assert roles["Selim"] == {"commander"}
    assert roles["Yusuf Kamara"] == {"commander"}  # the emir of a unit commands in the group
    assert "deputy" in roles["Karim Benali"]
    assert roles["Omar Tall"] == {"leader"}  # one of its leaders, not in the group's leaders list


def test_aliases_stated_in_the_text(data: dict[str, Any]) -> None:
    persons = _persons(data)
    assert "Abu Harun" in _aliases(persons["Idris ould Salem"])  # "also known as"
    assert "the Boatman" in _aliases(persons["Karim Benali"])  # "He is also known as "the Boatman""
    assert "la Lionne" in _aliases(persons["Awa Diallo"])  # "alias « la Lionne »"
    assert "Varga" in _aliases(persons["Tomasz Varga"])  # the surname alone, used later


def test_fates_go_to_the_person_they_befell(data: dict[str, Any]) -> None:
    persons = _persons(data)
    varga = persons["Tomasz Varga"]
    assert _statuses(varga) == {"killed"}  # "Varga was killed": the surname alone
    assert varga["status"][0]["date"] == "2015-03"
    benali = persons["Karim Benali"]
    assert _statuses(benali) == {"arrested"}
    assert benali["status"][0]["date"] == "2018-05-04"
    assert _statuses(persons["Omar Tall"]) == {"sentenced"}
    assert _statuses(persons["Jean-Baptiste Koné"]) == {"killed"}  # "a été tué"
    assert _statuses(persons["Moussa ag Intalla"]) == {"arrested"}  # "a été arrêté"
    assert _statuses(persons["Issa Traoré"]) == {"killed"}
    # The kidnapped engineer "was released"; nobody in the group was.
    assert not any("released" in _statuses(p) for p in persons.values())
    assert _statuses(persons["Idris ould Salem"]) == set()


def test_every_person_value_is_quoted_from_its_document(built: tuple[Path, dict[str, Any]]) -> None:
    db, data = built
    assert assert_grounded(db, data) > 30


def test_other_groups_leaders_and_persons(others: dict[str, Any]) -> None:
    expected = json.loads((FIXTURES / "other_groups" / "expected.json").read_text("utf-8"))["documents"]
    persons = _persons(others)
    by_org = {o["name"]: o for o in others["organizations"]}
    names = {p["id"]: p["name"] for p in others["persons"]}
    for doc in expected.values():
        org = by_org.get(doc["name"]) or next(o for o in others["organizations"] if doc["name"] in o["name"])
        assert {names[item["person"]] for item in org["leaders"]} == set(doc["leaders"]), doc["name"]
        for person in doc["persons"]:
            assert person["name"] in persons, person["name"]


@pytest.mark.parametrize(
    ("name", "status", "alias"),
    [
        ("Abimael Guzmán", "dead", "président Gonzalo"),
        ("Florindo Eleuterio Flores Hala", "arrested", "Artemio"),  # "« Artemio » est capturé"
        ("Velupillai Prabhakaran", "killed", "Prabhakaran"),
        ("Anton Balasingham", "dead", None),
        ("S. P. Thamilselvan", "killed", None),
        ("Aksel Vintermyr", "sentenced", "the Ferryman"),  # "A court sentenced him"
        ("Maren Kvitfjell", "killed", None),
    ],
)
def test_other_groups_fates_and_aliases(others: dict[str, Any], name: str, status: str, alias: str | None) -> None:
    person = _persons(others)[name]
    assert status in _statuses(person)
    if alias:
        assert alias in _aliases(person)


def test_a_chief_negotiator_and_an_eastern_commander_are_not_the_leader(others: dict[str, Any]) -> None:
    ltte = next(o for o in others["organizations"] if o["name"].startswith("Liberation Tigers"))
    names = {p["id"]: p["name"] for p in others["persons"]}
    assert {names[item["person"]] for item in ltte["leaders"]} == {"Velupillai Prabhakaran"}
    karuna = _persons(others)["Vinayagamoorthy Muralitharan"]
    assert {r["role"] for r in karuna["roles"]} == {"commander"}
    assert {"Colonel Karuna", "Karuna"} <= _aliases(karuna)
