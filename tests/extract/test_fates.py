"""What befell a person, and where a page says so (invented people and groups)."""

from __future__ import annotations

import hashlib

import pytest

from dossier.extract import extract_document
from dossier.model import Document, Statement


def _statements(text: str, lang: str = "en") -> list[Statement]:
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang=lang)
    return extract_document(doc)


def _statuses(statements: list[Statement]) -> dict[str, set[str]]:
    names = {s.subject: s.value for s in statements if s.prop == "name"}
    out: dict[str, set[str]] = {}
    for s in statements:
        if s.prop == "status":
            out.setdefault(names[s.subject], set()).add(s.value)
    return out


def test_a_surname_with_a_letter_dropped_is_the_person_named_before() -> None:
    text = (
        "Kaboel meldt dood van leider\n\n"
        "Karim Mansour, de leider van de Zilveren Brigades, is onder vuur genomen bij een aanval met een drone. "
        "Volgens de overheid kwam Manour daarbij om het leven, maar de Zilveren Brigades ontkennen."
    )
    assert _statuses(_statements(text, "nl")) == {"Karim Mansour": {"killed"}}


def test_a_death_reported_but_proved_untrue_befell_no_one() -> None:
    text = (
        "The Silver Front (SF) is an armed group led by Karim Haddad. "
        "In December the death of Haddad was reported, but that turned out to be untrue."
    )
    statements = _statements(text)
    assert _statuses(statements) == {}
    assert not [s for s in statements if s.schema.value == "Event" and s.prop == "date" and s.value.endswith("12")]


def test_a_clause_about_a_founding_does_not_tell_the_death_its_sentence_adds() -> None:
    text = (
        "Sabliers\n\nPublié le 23/05/2016\n\nLes Sabliers sont un groupe armé des collines. "
        "Les Sabliers, dont le chef, le mollah Karim Haddad, a été tué samedi par une frappe de drone, "
        "sont des islamistes armés apparus dans les collines à la fin de l'été 1994. Les Sabliers recrutent."
    )
    statements = _statements(text, "fr")
    founding = {s.subject for s in statements if s.prop == "date" and s.value == "1994"}
    strike = {s.subject for s in statements if s.prop == "date" and s.value == "2016-05-21"}
    assert founding and strike
    victims = {s.subject for s in statements if s.prop == "victim"}
    assert strike <= victims and not founding & victims


def test_a_death_tells_whose_by_the_full_name_after_of() -> None:
    text = (
        "Les Tigres du Sable (TS) sont un groupe armé. Le 18 mai 2009, le cadavre de son fils, "
        "Salim Nouri, âgé de 24 ans, a été retrouvé par les forces armées."
    )
    assert _statuses(_statements(text, "fr")) == {"Salim Nouri": {"dead"}}


def test_the_death_of_a_single_unknown_name_befalls_no_one() -> None:
    text = "The Sand Tigers (ST) are an armed group led by Karim Haddad. He took over after the death of Omar in 2013."
    assert "dead" not in _statuses(_statements(text)).get("Karim Haddad", set())


def test_a_paragraph_that_opens_on_he_goes_on_about_the_person_the_one_before_names() -> None:
    text = (
        "De Zilveren Brigades (ZB) zijn een gewapende groep in de heuvels.\n\n"
        "Karim Mansour, de leider van de Zilveren Brigades, leefde jaren ondergedoken.\n\n"
        "Dat hij op 11 september 2021 overleed, maakte de groep pas twee jaar later bekend."
    )
    assert _statuses(_statements(text, "nl")) == {"Karim Mansour": {"dead"}}


def _events(statements: list[Statement]) -> dict[str, dict[str, set[str]]]:
    names = {s.subject: s.value for s in statements if s.prop == "name"}
    out: dict[str, dict[str, set[str]]] = {}
    for s in statements:
        if s.schema.value == "Event" and s.prop in ("date", "type", "victim"):
            out.setdefault(s.subject, {}).setdefault(s.prop, set()).add(names.get(s.value, s.value))
    return out


def test_a_second_founder_after_the_first_ones_description_is_found() -> None:
    text = (
        "Les Tigres du Sable (TS) sont un groupe armé. Fondée en 1993 par Karim Haddad, religieux du nord, "
        "directeur d'une école de Kano, et Omar Bensaïd, la TS a pour but un Etat. "
        "Haddad en serait devenu « l'émir » (chef), à la mort de Bensaïd en 1999, et reste son guide."
    )
    statements = _statements(text, "fr")
    assert _statuses(statements) == {"Omar Bensaïd": {"dead"}}
    events = [e for e in _events(statements).values() if e.get("date") == {"1999"}]
    # the succession and the death: two incidents of 1999, the death the aside's
    assert sorted(sorted(e["type"]) for e in events) == [["leader_killed"], ["leadership_change"]], events
    assert [e["victim"] for e in events if "victim" in e] == [{"Omar Bensaïd"}]


def test_a_death_and_the_succession_it_brings_are_two_incidents() -> None:
    text = (
        "The Sand Tigers (ST) are an armed group founded by Omar Bensaid and Karim Haddad. "
        "Bensaid died in November 1999 and was succeeded by Haddad as the group's emir."
    )
    events = [e for e in _events(_statements(text)).values() if e.get("date") == {"1999-11"}]
    assert len(events) == 2 and [e.get("victim") for e in events] == [{"Omar Bensaid"}, None], events
    assert events[1]["type"] == {"leadership_change"}


def test_a_death_the_succession_follows_is_not_of_the_successions_date() -> None:
    text = (
        "De Zandtijgers zijn een gewapende groep. Haddad werd in juli 2015 uitgeroepen tot nieuwe leider "
        "van de Zandtijgers, na de dood van de vorige leider moellah Omar Bensaid."
    )
    events = _events(_statements(text, "nl"))
    death = [e for e in events.values() if "victim" in e]
    assert len(death) == 1 and "date" not in death[0], events
    assert [e["date"] for e in events.values() if "leadership_change" in e.get("type", ())] == [{"2015-07"}]


def test_a_dutch_separable_verb_of_release_around_its_date() -> None:
    text = "Het Zilveren Front (ZF) is een gewapende groep. Karim Haddad, de leider van het ZF, kwam in 2016 vrij."
    assert _statuses(_statements(text, "nl")) == {"Karim Haddad": {"released"}}


@pytest.mark.parametrize(
    ("text", "lang", "status"),
    [
        ("The Silver Front (SF) is an armed group. Karim Haddad, the SF's emir, was executed in 2015.", "en", "killed"),
        (
            "Le Front d'Argent (FA) est un groupe armé. Karim Haddad, le chef du FA, a été extradé en 2015.",
            "fr",
            "arrested",
        ),
        (
            "Het Zilveren Front (ZF) is een gewapende groep. Karim Haddad, de leider van het ZF, zit sinds 2015 vast.",
            "nl",
            "arrested",
        ),
    ],
)
def test_an_execution_an_extradition_and_a_custody_are_fates(text: str, lang: str, status: str) -> None:
    assert _statuses(_statements(text, lang)) == {"Karim Haddad": {status}}


def test_a_person_who_executes_others_meets_no_fate() -> None:
    text = "Le Front d'Argent (FA) est un groupe armé. Karim Haddad, le chef du FA, a exécuté deux otages en 2015."
    assert _statuses(_statements(text, "fr")) == {}


@pytest.mark.parametrize(
    "text",
    [
        "The Silver Front (SF) is an armed group in Mali. After Haddad's death in May 2016, Omar Belkacem became its leader.",
        "The Silver Front (SF) is an armed group in Mali. Following Haddad’s arrest in 2016, Omar Belkacem led the SF.",
    ],
)
def test_a_fate_after_a_possessive_befalls_the_possessor_not_the_next_name(text: str) -> None:
    assert "dead" not in _statuses(_statements(text)).get("Omar Belkacem", set())
    assert "arrested" not in _statuses(_statements(text)).get("Omar Belkacem", set())


def test_a_dutch_death_of_a_founder_is_a_leaders_death() -> None:
    text = "Het Zilveren Front (ZF) is een gewapende groep in Mali. De oprichter, Karim Haddad, overleed in 2016."
    statements = _statements(text, "nl")
    assert _statuses(statements) == {"Karim Haddad": {"dead"}}
    assert {s.value for s in statements if s.prop == "type"} == {"leader_killed"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The Silver Front (SF) is an armed group. Its leader Karim Haddad was targeted by an airstrike on Monday. "
            "An official said that he had probably been killed.",
            "en",
        ),
        (
            "Le Front d'Argent (FA) est un groupe armé. Son chef, Karim Haddad, a été visé lundi par une frappe. "
            "Un responsable a indiqué qu'il avait vraisemblablement été tué.",
            "fr",
        ),
    ],
)
def test_a_pronoun_after_reported_speech_is_the_person_named_before(text: str, lang: str) -> None:
    assert _statuses(_statements(text, lang)) == {"Karim Haddad": {"killed"}}
