"""Groups a page names in passing: which names become organisation mentions (invented groups)."""

from __future__ import annotations

import hashlib

import pytest

from dossier.extract import extract_document
from dossier.model import Document, Schema

OPENING = "The Silver Front (SF) is an armed group in the hills. "


def _passing_groups(text: str, lang: str = "en") -> dict[str, set[str]]:
    """Name -> aliases of the organisations the groups extractor states."""
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang=lang)
    statements = [s for s in extract_document(doc) if s.extractor == "groups" and s.schema is Schema.ORGANIZATION]
    out: dict[str, set[str]] = {}
    names = {s.subject: s.value for s in statements if s.prop == "name"}
    for s in statements:
        if s.prop == "name":
            out.setdefault(s.value, set())
        else:
            out.setdefault(names[s.subject], set()).add(s.value)
    return out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (OPENING + "Its fighters later joined the River Valley Movement in raids on the plain.", "River Valley Movement"),
        (OPENING + "In 2003 it set up an umbrella body, the Hill Fighters Shura Council (HFSC).", "Hill Fighters Shura Council"),
        (OPENING + "It fought the Iran-backed Northern People’s Liberation Front.", "Northern People’s Liberation Front"),
        (OPENING + "Its old rival was the Army of the Faithful.", "Army of the Faithful"),
        (OPENING + "Its members later fought beside Jaysh al-Wadi in the plain.", "Jaysh al-Wadi"),
        (OPENING + "Its allies included the Jaish-e-Sahil militia.", "Jaish-e-Sahil"),
        (OPENING + "Orders came from the Hill shura in the capital.", "Hill shura"),
        ("Het Zilveren Front (ZF) is een gewapende groep. De Heuvel regionale militaire raad leidde de strijd.", "Heuvel regionale militaire raad"),
        ("Het Zilveren Front (ZF) is een gewapende groep. Strijders van het Vrije Noordelijke Leger woonden in het dal.", "Vrije Noordelijke Leger"),
    ],
)
def test_a_name_with_a_group_head_is_a_group(text: str, name: str) -> None:
    assert name in _passing_groups(text)


def test_the_acronym_given_with_the_name_is_its_alias() -> None:
    found = _passing_groups(OPENING + "In 2003 it set up an umbrella body, the Hill Fighters Shura Council (HFSC).")
    assert found["Hill Fighters Shura Council"] == {"HFSC"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Troops of the Tunisian Army fought the SF in May.",  # a state's army
        "The Security Council listed the SF in 2004.",  # an institution
        "The SF is a Foreign Terrorist Organization of the Hill State.",  # a designation list
        "The SF sought a seat on the Hill Council.",  # a body of any kind, with no acronym
        "Its armed wing, the Copper Brigades, struck in 2005. The Copper Brigades later grew.",  # the group's own wing
        "A splinter called the New Silver Front appeared.",  # a variant of a known name
        "It sought a seat on the Kandahar provincial council.",  # a council that is no armed body's
        "Its fighters came from the Tunisian military council.",  # a state's
    ],
)
def test_no_group_is_read(sentence: str) -> None:
    assert _passing_groups(OPENING + sentence) == {}


def test_a_faction_written_after_its_group_and_a_dash_is_its_unit() -> None:
    text = OPENING + "Its factions were SF – Northern Committee, active in the hills, and SF – Red Base Committee."
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en")
    statements = extract_document(doc)
    names = {s.subject: s.value for s in statements if s.prop == "name"}
    units = {names[s.subject] for s in statements if s.prop == "relation" and s.value.endswith(":main")}
    assert {"Northern Committee", "Red Base Committee"} <= units


def test_a_gloss_after_a_dash_is_an_alias_not_a_group() -> None:
    text = OPENING + "Its rival Harakat al-Wadi – Mouvement de la Vallée fought it in 2001."
    found = _passing_groups(text)
    assert found == {"Harakat al-Wadi": {"Mouvement de la Vallée"}}


def test_a_name_in_brackets_after_a_name_is_its_alias() -> None:
    text = (
        "Le Front d'Argent (FA) est un groupe armé. Le FA a mené l'attaque du port, à laquelle a aussi "
        "participé l'Armée du Delta [Jaysh al-Delta] (QDe.099)."
    )
    assert _passing_groups(text, "fr").get("Armée du Delta") == {"Jaysh al-Delta"}
