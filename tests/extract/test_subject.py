"""Which group a page is about, from pages written for these tests (the groups are invented)."""

from __future__ import annotations

import hashlib

import pytest

from dossier.extract.context import Context
from dossier.extract.subject import profiled
from dossier.model import Document


def _subject(text: str) -> tuple[str, str]:
    ctx = Context.of(Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en"))
    found = profiled(ctx)
    if found is None:
        return "", ""
    acronym = ctx.text[found.acronym[0] : found.acronym[1]] if found.acronym else ""
    return found.name, acronym


CASES = [
    # a site name after a dash, a menu above the title
    (
        "Source: https://mirror.example.org/category/encyclopedia/page/12\n\nSkip to content\n\n"
        "Silver River Front – Encyclopedia, the free …\n"
        "The Silver River Front (SRF) is an armed group active along the river. The SRF was founded in 2001.\n",
        "Silver River Front",
        "SRF",
    ),
    # the address names the group; a person's name in it is no group
    (
        "Source: https://news.example.com/world/karim-haddad-leader-of-the-golden-hills-army-arrested\n\n"
        "Breaking\n\nKarim Haddad, the leader of the Golden Hills Army, was arrested on Monday. "
        "The Golden Hills Army said it would go on. Karim Haddad is 51.\n",
        "Golden Hills Army",
        "",
    ),
    # a French rendering with lower-case words beside its acronym
    (
        "Ce qu'il faut savoir\n\nLe Front de libération des collines (FLC), basé au nord, est un groupe armé. "
        "Le FLC a revendiqué l'attaque. Selon la police, le FLC compte des centaines de membres.\n",
        "Front de libération des collines",
        "FLC",
    ),
    # an acronym alone all the way through, and a menu in capitals
    (
        "READ MORE\n\nThe last NFF ceasefire ended in 1996. NFF members bombed a depot. "
        "The NFF said the attack was a warning. Police fear the NFF will strike again.\n",
        "NFF",
        "",
    ),
    # a heading with an alias list below it
    (
        "Annual Report 2019 - Chapter 5 - Blue Lake Movement\n\n"
        "Aka the Lake Brigades; Sons of the Lake\n\nDescription: The Blue Lake Movement was formed in 1990.\n",
        "Blue Lake Movement",
        "",
    ),
    # a group the page writes in lower case, spoken of as a group
    (
        "Source: https://news.example.org/2016/05/le-mouvement-des-sabliers-depuis-1994\n\n"
        "Le mouvement des sabliers depuis 1994\n\n"
        "Les sabliers, dont le chef, Karim Haddad, a été tué samedi, sont apparus en 1994. "
        "Selon les sabliers, le combat continue. Le territoire des sabliers s'étend au nord.\n",
        "sabliers",
        "",
    ),
    # a people named in the title is no group; the group beside its acronym is
    (
        "Source: https://news.example.org/artikel/sri-lanka-defeats-tamils\n\nSri Lanka defeats Tamils\n\n"
        "The army announced the death of the leader of the Salt Falcons, Karim Haddad. The spokesman of the "
        "Salt Falcons (SFLT) said the Salt Falcons laid down their arms. The Tamils now hope for peace.\n",
        "Salt Falcons",
        "",  # an acronym that does not fit the (translated) name is no evidence of which it is
    ),
]


@pytest.mark.parametrize(("text", "name", "acronym"), CASES)
def test_the_profiled_group_is_found(text: str, name: str, acronym: str) -> None:
    assert _subject(text) == (name, acronym)


def test_a_page_that_profiles_no_group_gives_none() -> None:
    text = "Weather\n\nRain is expected in the north on Tuesday, and sun in the south on Wednesday.\n"
    assert _subject(text) == ("", "")


def test_the_publishers_own_acronym_is_not_the_subject() -> None:
    text = (
        "Source: https://www.xpf.example.au/news/xpf-foray-into-counter-terrorism\n\n"
        "XPF officers met the XPF team. The XPF said the Red Dune Cell had planned an attack. "
        "The Red Dune Cell is a militant group; police say the Red Dune Cell has 40 members.\n"
    )
    assert _subject(text)[0] == "Red Dune Cell"



@pytest.mark.parametrize(
    "title", ["Historical Dictionary of Armed Movements Second Edition", "Jaarboek Gewapende Bewegingen"]
)
def test_a_books_title_could_name_no_group(title: str) -> None:
    from dossier.extract.subject import _could_name_a_group

    assert not _could_name_a_group(title, loose=True)
