"""Joins across sources that word, type and date one incident differently.

The documents are written for this test; the group and its history are invented.
"""

from __future__ import annotations

from typing import Any

import pytest
from kb_helpers import documents_of, grounded_export

# A profile: founded 1998, a gas attack on a day, the founder's death in a year's entry.
PROFILE = """\
Name: Copper Ridge Movement

Overview

The Copper Ridge Movement was founded in 1998 by mine workers in Zambia.

Timeline

- 3 March 2005: members of the movement released chlorine gas in the Lusaka metro, killing 9 people.
- 2007: Founder Mulenga Chanda killed in a Tanzanian air strike in late June.
- 13 December 2019: gunmen of the movement attacked the Assembly building in Lusaka, Zambia, killing 9 people.
- 26 December 2019: the government designated the movement a terrorist organisation.

Its attacks in 2011 included the bombing of the Seabreeze hotel in Ndola. In 2011 it also attacked a police post.
"""

# A news-style page: its own words for the same day, no type word in them.
FRENCH = """\
Copper Ridge Movement

Le 3 mars 2005, plusieurs membres du mouvement, fondé par des mineurs, répandaient un gaz dans le métro de Lusaka.

En août 2011, un attentat du mouvement a frappé l'hôtel Seabreeze.

Le 13 octobre 2009, des combattants du mouvement défilaient à Kitwe, en Zambie.

En août 2013, le mouvement commençait à recruter dans les villages.

En juillet 2016, le mouvement perdait son dernier bureau légal.

On lui attribue l'attentat de décembre 2019 contre l'Assemblée nationale.
"""

# A second profile dates the founding a year later, and tells a refounding years after.
SECOND = """\
Name: Copper Ridge Movement

History

The Copper Ridge Movement was formed in 1999 in Zambia. The movement was formed anew in 2012 after years of silence.
Its deadliest raid was the 2019 Assembly attack.
"""

# An encyclopedia's subtitle gives the year in an aside; its founding was in Tanzania, it says.
THIRD = """\
Copper Ridge Movement

An armed group of southern Africa (founded 1999), the Copper Ridge Movement began among exiles in Dar es Salaam, Tanzania.
"""

# A fourth source, on the founder's death: a day, in the month the timeline gives.
DEATH = """\
Name: Copper Ridge Movement

News

On 27 June 2007 the movement's founder Mulenga Chanda was killed in an air strike.

The Copper Ridge Movement, founded in 1998, carried out bombings from the start.

In August 2013 warplanes struck the movement's positions in the hills.

In July 2016 the movement was banned by the government.

On 12 October 2009 fighters of the movement paraded through Kitwe, Zambia.
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("event-joins")
    docs = {"profile.md": PROFILE, "french.txt": FRENCH, "second.txt": SECOND, "third.txt": THIRD, "death.txt": DEATH}
    return grounded_export(root, docs)


def _docs(event: dict[str, Any], data: dict[str, Any]) -> set[str]:
    return documents_of(event, data)


def _with(data: dict[str, Any], doc: str, date: str) -> dict[str, Any]:
    found = [e for e in data["events"] if doc in _docs(e, data) and date in {e["date"], *e["alt_dates"]}]
    assert len(found) == 1, (doc, date, data["events"])
    return found[0]


def test_a_report_no_word_types_joins_the_typed_report_of_its_day(data: dict[str, Any]) -> None:
    gas = _with(data, "profile.md", "2005-03-03")
    assert _docs(gas, data) == {"profile.md", "french.txt"}
    assert gas["killed"] == {"min": 9, "max": 9}


def test_one_founding_dated_a_year_apart_by_three_sources(data: dict[str, Any]) -> None:
    founding = _with(data, "profile.md", "1998")
    # The aside "(founded 1999)" dates the subtitle's founding; the sources place it in
    # two countries and still tell one founding. The refounding of 2012 stays apart.
    # "founded in 1998, carried out bombings": the date is the founding's.
    assert _docs(founding, data) == {"profile.md", "second.txt", "third.txt", "death.txt"}
    refounding = _with(data, "second.txt", "2012")
    assert _docs(refounding, data) == {"second.txt"}


def test_a_years_entry_takes_the_month_its_text_gives(data: dict[str, Any]) -> None:
    death = _with(data, "death.txt", "2007-06-27")
    assert death["date"] == "2007-06-27" and _docs(death, data) == {"profile.md", "death.txt"}
    assert death["country"] is None  # "a Tanzanian air strike" says who struck, not where


def test_a_rare_name_two_reports_give_joins_them_in_one_period(data: dict[str, Any]) -> None:
    hotel = _with(data, "french.txt", "2011-08")
    assert _docs(hotel, data) == {"profile.md", "french.txt"}
    assert any("Seabreeze hotel" in q["quote"] for q in hotel["evidence"])
    # The year's other attack, which names no hotel, stays apart.
    post = [e for e in data["events"] if any("police post" in q["quote"] for q in e["evidence"])]
    assert len(post) == 1 and _docs(post[0], data) == {"profile.md"}


def test_untyped_reports_a_day_apart_in_one_city_are_one_incident(data: dict[str, Any]) -> None:
    parade = _with(data, "death.txt", "2009-10-12")
    assert _docs(parade, data) == {"death.txt", "french.txt"} and parade["place"] == "Kitwe"


def test_an_untyped_report_joins_the_months_typed_one_not_a_vaguely_typed_one(data: dict[str, Any]) -> None:
    recruiting = _with(data, "french.txt", "2013-08")
    assert _docs(recruiting, data) == {"french.txt"}  # "warplanes struck" is too vague beside it
    ban = _with(data, "french.txt", "2016-07")
    assert _docs(ban, data) == {"death.txt", "french.txt"}


def test_a_months_report_joins_one_incident_that_another_source_dates_by_its_year(data: dict[str, Any]) -> None:
    # The French month, the profile's day and the named "2019 Assembly attack" are one
    # attack; the month's designation is no rival to it.
    attack = _with(data, "profile.md", "2019-12-13")
    assert _docs(attack, data) == {"profile.md", "second.txt", "french.txt"}
    designation = _with(data, "profile.md", "2019-12-26")
    assert _docs(designation, data) == {"profile.md"}


def test_a_news_page_telling_one_days_violence_twice_gives_one_incident(tmp_path: Any) -> None:
    news = (
        "Copper Ridge Movement\n\n"
        "Police blame the Copper Ridge Movement for the bombing of the Ndola embassy on 9 March 2011.\n\n"
        "The movement was founded in 1998 by mine workers.\n\n"
        "On 9 March 2011, an attack on the embassy of Ndola claimed at least eight lives.\n"
    )
    data = grounded_export(tmp_path, {"news.txt": news})
    that_day = [e for e in data["events"] if e["date"] == "2011-03-09"]
    assert len(that_day) == 1 and len(that_day[0]["evidence"]) == 2, that_day


def test_an_act_no_type_names_joins_across_languages_and_keeps_other_acts_apart(tmp_path: Any) -> None:
    """ "won the elections in 2006" and "les élections de janvier 2006" tell one happening
    that the vocabulary has no type for; the year's capture of a town is another."""
    english = (
        "Copper Ridge Movement\n\n"
        "The Copper Ridge Movement was founded in 1998 by mine workers.\n\n"
        "After winning the regional elections in 2006, the Copper Ridge Movement ran the province.\n\n"
        "In 2006 the Copper Ridge Movement also seized the town of Mansa.\n"
    )
    french = (
        "Copper Ridge Movement\n\n"
        "Le Copper Ridge Movement a été fondé en 1998 par des mineurs.\n\n"
        "Le Copper Ridge Movement est le grand vainqueur des élections de janvier 2006.\n"
    )
    data = grounded_export(tmp_path, {"english.txt": english, "french.txt": french})
    elections = [e for e in data["events"] if any("élections" in q["quote"] for q in e["evidence"])]
    assert len(elections) == 1 and documents_of(elections[0], data) == {"english.txt", "french.txt"}
    assert not any("Mansa" in q["quote"] for q in elections[0]["evidence"])


def test_a_years_report_joins_a_news_pages_dated_one_of_the_same_act(tmp_path: Any) -> None:
    """A profile's "the 2005 metro chlorine attack" and a page about no group that dates a gas
    attack on the metro: one attack, by the act both tell."""
    profile = (
        "Name: Copper Ridge Movement\n\nOverview\n\n"
        "The Copper Ridge Movement was founded in 1998 by mine workers in Zambia.\n\n"
        "It carried out the deadly metro chlorine attack in 2005.\n"
    )
    news = (
        "Herdenking in de hoofdstad\n\n"
        "Bij de gasaanval op 3 maart 2005 lieten daders chloorgas vrij in drie metrostations.\n"
    )
    data = grounded_export(tmp_path, {"profile.md": profile, "news.txt": news})
    attack = [e for e in data["events"] if e["date"] == "2005-03-03"]
    assert len(attack) == 1 and documents_of(attack[0], data) == {"profile.md", "news.txt"}, data["events"]


def test_a_proclamation_and_a_renaming_of_one_year_are_one_act(tmp_path: Any) -> None:
    """ "Declaration of a Copper State, 14 May 2010" in a timeline and "renamed itself the Copper
    State in 2010" in a profile: a group that proclaims a state under a name renames itself."""
    timeline = (
        "Copper Ridge Movement\n\nHistory\n\n"
        "- Formation 1998\n"
        "- 14 May 2010: the movement proclaimed a Copper State in northern Zambia\n"
        "- Attack on the Kitwe market 2 June 2012\n"
    )
    profile = (
        "Name: Copper Ridge Movement\n\nOverview\n\n"
        "The Copper Ridge Movement was founded in 1998 by mine workers. "
        "The movement renamed itself the Copper State in 2010.\n"
    )
    data = grounded_export(tmp_path, {"timeline.md": timeline, "profile.md": profile})
    renamed = [e for e in data["events"] if any("renamed" in q["quote"] for q in e["evidence"])]
    assert len(renamed) == 1 and documents_of(renamed[0], data) == {"timeline.md", "profile.md"}, data["events"]


def test_an_undated_report_of_an_attack_joins_the_one_dated_attack_of_its_rare_name(tmp_path: Any) -> None:
    """A news page's "the group that claimed the attack on the Seabreeze hotel" gives no date:
    it joins the profile's dated bombing of that hotel, not the page's own dated incident."""
    profile = (
        "Name: Copper Ridge Movement\n\nOverview\n\n"
        "The Copper Ridge Movement was founded in 1998 by mine workers in Zambia.\n\n"
        "On 4 May 2011 the movement bombed the Seabreeze hotel in Ndola, killing 12 people.\n"
    )
    news = (
        "Copper Ridge Movement\n\n"
        "On 2 March 2014 fighters of the Copper Ridge Movement attacked a mine in Kitwe.\n\n"
        "The movement, which carried out the bombing of the Seabreeze hotel, is feared across the region.\n"
    )
    data = grounded_export(tmp_path, {"profile.md": profile, "news.txt": news})
    hotel = [e for e in data["events"] if e["date"] == "2011-05-04"]
    assert len(hotel) == 1 and documents_of(hotel[0], data) == {"profile.md", "news.txt"}, data["events"]


def test_a_citys_capture_dated_a_season_apart_by_two_sources_is_one_incident(tmp_path: Any) -> None:
    """ "August 1996: the movement captured the city of Kitwe" and "s'empare de Kitwe en octobre
    1996": sources disagree on the month, but a city falls to a group once in a season."""
    timeline = (
        "Copper Ridge Movement\n\nHistory\n\n"
        "First Attack: August 1996: fighters of the movement marched north and captured the city of Kitwe in Zambia (unknown killed).\n"
    )
    news = (
        "Copper Ridge Movement\n\n"
        "Le mouvement Copper Ridge s'empare presque sans combat de Kitwe, en Zambie, en octobre 1996.\n"
    )
    data = grounded_export(tmp_path, {"timeline.md": timeline, "news.txt": news})
    taken = [e for e in data["events"] if e["date"].startswith("1996-")]
    assert len(taken) == 1 and documents_of(taken[0], data) == {"timeline.md", "news.txt"}, data["events"]


def test_a_killing_a_year_dates_joins_the_dated_one_by_its_victim(tmp_path: Any) -> None:
    """ "Successor X assassinated in another airstrike" (a year's list) and "X ... est abattu le
    17 avril 2004": the death of one person, though only the victim is common to the two."""
    timeline = (
        "Copper Ridge Movement\n\nHistory\n\n"
        "2004\n\nSuccessor Mwamba Phiri assassinated in another airstrike four weeks later.\n"
    )
    news = (
        "Copper Ridge Movement\n\n"
        "Le mouvement Copper Ridge est un groupe armé. Son chef Mwamba Phiri est abattu le 17 avril 2004. "
        "► Joseph Banda lui succède comme chef du mouvement.\n"
    )
    data = grounded_export(tmp_path, {"timeline.md": timeline, "news.txt": news})
    killed = [e for e in data["events"] if e["date"] == "2004-04-17"]
    assert len(killed) == 1 and documents_of(killed[0], data) == {"timeline.md", "news.txt"}, data["events"]


def test_a_timelines_seizure_and_the_renaming_after_it_join_their_own_reports(tmp_path: Any) -> None:
    """ "JUNE 2015: the movement seizes Kitwe ... It declares a Copper State across the territory it
    has seized and renames itself": a capture and then a renaming, two incidents of one entry.
    A Dutch page tells the capture with a separable verb ("nemen ... in"), and a French one dates
    the day by the sentence after it ("le 10 juin ... Le 29 juin 2015")."""
    timeline = (
        "Copper Ridge Movement\n\nTimeline\n\n"
        "JUNE 2015: The Copper Ridge Movement seizes Zambia's city of Kitwe before sweeping across the copper belt. "
        "The movement declares a Copper State across the territory it has seized, and renames itself the Copper State.\n"
    )
    french = (
        "Copper Ridge Movement\n\n"
        "Le mouvement Copper Ridge avait pris dès 2013 le contrôle de deux villages du nord. "
        "En Zambie, le mouvement s'était emparé le 10 juin de la ville de Kitwe. "
        "Le 29 juin 2015, le mouvement annonce la proclamation d'un État du Cuivre.\n"
    )
    dutch = (
        "Copper Ridge Movement\n\n"
        "Strijders van de beweging nemen in juni 2015 de Zambiaanse steden Kitwe en Ndola in en trekken verder.\n"
    )
    data = grounded_export(tmp_path, {"timeline.md": timeline, "french.txt": french, "dutch.txt": dutch})
    taken = [e for e in data["events"] if "military_operation" in e["types"]]
    assert len(taken) == 1, data["events"]
    assert taken[0]["date"] == "2015-06-10" and taken[0]["place"] == "Kitwe"
    assert documents_of(taken[0], data) == {"timeline.md", "french.txt", "dutch.txt"}
    proclaimed = [e for e in data["events"] if e["date"].startswith("2015-06") and e is not taken[0]]
    assert len(proclaimed) == 1 and documents_of(proclaimed[0], data) == {"timeline.md", "french.txt"}
