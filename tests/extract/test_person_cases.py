"""Persons read from one document each, as rows of person_cases.yaml (invented people and groups)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from dossier.extract import extract_document
from dossier.model import Document

CASES = yaml.safe_load((Path(__file__).parent / "person_cases.yaml").read_text("utf-8"))


@pytest.mark.parametrize(("text", "name", "role"), CASES["persons"])
def test_person_is_found(text: str, name: str, role: str | None) -> None:
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en")
    statements = extract_document(doc)
    names = {s.subject: s.value for s in statements if s.prop == "name" and s.schema.value == "Person"}
    assert name in names.values(), names
    if role:
        key = next(k for k, v in names.items() if v == name)
        assert any(s.prop == role and s.value == key for s in statements if s.subject.endswith(":main"))


@pytest.mark.parametrize(("text", "name"), CASES["not_persons"])
def test_name_is_no_person(text: str, name: str) -> None:
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en")
    persons = {s.value for s in extract_document(doc) if s.prop == "name" and s.schema.value == "Person"}
    assert name not in persons


@pytest.mark.parametrize(("text", "name"), CASES["not_leaders"])
def test_person_is_no_leader(text: str, name: str) -> None:
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en")
    statements = extract_document(doc)
    keys = {s.subject for s in statements if s.prop == "name" and s.value == name}
    leaders = {s.value for s in statements if s.prop == "leader" and s.subject.endswith(":main")}
    assert not keys & leaders, leaders


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("Les sabliers afghans, dont le chef, le mollah Karim Haddad, a été tué samedi, sont apparus en 1994. Selon les "
         "sabliers, le combat continue. Le mouvement des sabliers recrute. Le mollah Haddad était né en 1960.",
         "mollah Haddad"),
        ("The Silver Front (SF) is an armed group. It was founded by Sheikh Salim Nouri in 1990.", "Sheikh Salim Nouri"),
        ("The Silver Front (SF), also known as the al-Wadi Network, is an armed group. It was founded in 1999 by "
         "Abu Karim al-Wadi. Wadi travelled to the hills in 2003.", "Wadi"),
        # English puts the comma or full stop after a quoted nickname inside the quotes.
        ('The Silver Front (SF) is an armed group. The deaths of two SF commanders: Karim Haddad, alias "Falcon," and '
         'Salim Nouri, alias "Hawk."', "Falcon"),
        ('The Silver Front (SF) is an armed group. The deaths of two SF commanders: Karim Haddad, alias "Falcon," and '
         'Salim Nouri, alias "Hawk."', "Hawk"),
    ],
)  # fmt: skip
def test_a_later_spelling_is_kept(text: str, alias: str) -> None:
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en")
    names = {s.value for s in extract_document(doc) if s.prop in ("name", "alias") and s.schema.value == "Person"}
    assert alias in names, names


def test_a_group_that_leads_is_no_person() -> None:
    text = (
        "The Silver Front (SF) is an armed group. The merged group is led by the Copper Front and former "
        "Hill Army leaders. The SF was formed as a merger of the Copper Front and the Hill Army."
    )
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en")
    persons = {s.value for s in extract_document(doc) if s.prop == "name" and s.schema.value == "Person"}
    assert "Copper Front" not in persons


@pytest.mark.parametrize(
    "text",
    [
        "The Silver Front (SF) is an armed group. The SF is led by Jabhat al-Wadi and former Hill Army leaders.",
        "The Silver Front (SF) is an armed group. Its leader, Lowland Intelligence, was named by police.",
        "The Silver Front (SF) is an armed group. Maoist, the group's leader said, is what it is.",
    ],
)
def test_institutions_and_adjectives_are_no_persons(text: str) -> None:
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en")
    persons = {s.value for s in extract_document(doc) if s.prop == "name" and s.schema.value == "Person"}
    assert not persons & {"Jabhat al-Wadi", "Lowland Intelligence", "Maoist"}, persons


@pytest.mark.parametrize(
    "text",
    [
        # A number in brackets after a name is an age only where a sentence lists persons so.
        "The Silver Front (SF) is an armed group. Chapter Seven (21) tells its history.",
        "The Silver Front (SF) is an armed group. Its cells in Northern Ireland (22) and Western Europe (31) are small.",
    ],
)
def test_a_number_in_brackets_alone_makes_no_person(text: str) -> None:
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en")
    assert not [s.value for s in extract_document(doc) if s.prop == "name" and s.schema.value == "Person"]


@pytest.mark.parametrize(
    ("text", "survivor"),
    [
        ("Le Front d'Argent (FA) est un groupe armé. Le mollah Karim Haddad, fondateur du FA, en est devenu le chef "
         "à la mort de Nouri en 1999.", "Karim Haddad"),
        ("The Silver Front (SF) is an armed group. Its founder Karim Haddad became emir on the death of Nouri in "
         "1999.", "Karim Haddad"),
        ("Het Zilveren Front (ZF) is een gewapende groep. Karim Haddad, de oprichter van het ZF, werd in 2015 uitgeroepen tot leider van "
         "het ZF, na de dood van de vorige leider moellah Nouri. \"Haddad leidt nu,\" zei een woordvoerder.",
         "Karim Haddad"),
        ("The Silver Front (SF) is an armed group. Karim Haddad, its chief, spoke of the death of a fighter during "
         "the raid.", "Karim Haddad"),
    ],
)  # fmt: skip
def test_a_death_tied_by_of_befalls_whom_it_names_next(text: str, survivor: str) -> None:
    """ "X became chief on the death of Y": the death is Y's, whom the reader may not know; never X's."""
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en")
    statements = extract_document(doc)
    names = {s.subject: s.value for s in statements if s.prop == "name" and s.schema.value == "Person"}
    key = next(k for k, v in names.items() if v == survivor)
    assert not [s for s in statements if s.subject == key and s.prop == "status"]


def test_a_title_of_any_language_opening_a_name_is_no_part_of_it() -> None:
    # French and Dutch titles are listed in lower case; opening a name they are capitalised.
    text = (
        "Le Front d'Argent (FA) est un groupe armé. Son chef est le Cheikh ► Karim Haddad. "
        "Le FA est issu d'un mouvement créé en 1973 par Cheikh Karim Haddad."
    )
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="fr")
    subjects = {s.subject for s in extract_document(doc) if s.schema.value == "Person"}
    assert len(subjects) == 1, subjects
