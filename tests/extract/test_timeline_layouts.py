"""Timelines from any publisher: layouts, dates told from the page's own date, incidents
no word types, dates that are not incidents. Documents written for these tests about an
invented group (the Pale River Movement); built through the whole pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb_helpers import grounded_export


def _events(tmp_path: Path, files: dict[str, str]) -> list[dict[str, Any]]:
    return list(grounded_export(tmp_path, dict(files))["events"])


def _dated(events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["date"]: e for e in events}


def test_entries_after_any_bullet_and_months_that_take_the_year_above(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nChronology\n\n"
        "— March 2011: The movement seizes the port of Kismayo.\n"
        "► 14 May 2011 – Fighters of the movement ambush a convoy near Lamu, Kenya.\n"
        "JULY 2012: The movement renames itself the Pale River Front.\n"
        "OCTOBER: Its fighters withdraw from the coast.\n"
        "1993-1995: A long campaign of sabotage.\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert {"2011-03", "2011-05-14", "2012-07", "2012-10"} <= set(by_date)
    assert "renaming" in by_date["2012-07"]["types"]
    # A span of years tells a period, not an incident.
    assert not any(d.startswith("1993") for d in by_date)


def test_a_date_alone_on_its_line_dates_the_paragraph_below_unless_it_is_a_fields_value(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nLast updated:\n3 February 2015\n\n"
        "Events\n\n12 June 2014\n\nFighters of the movement stormed a police station in Garissa, Kenya.\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert "2014-06-12" in by_date
    assert "2015-02-03" not in by_date


def test_times_told_from_the_pages_date(tmp_path: Path) -> None:
    text = (
        "Source: https://news.example.org/world/2024/03/05/coast-raid\n\n"
        "Rebels of the Pale River Movement seized the town of Lamu on Saturday, officials said. "
        "Yesterday the army announced a counter-offensive. "
        "In January the movement had kidnapped two engineers in Kenya.\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert "2024-03-02" in by_date  # the Saturday before Tuesday 5 March 2024
    assert "2024-03-04" in by_date  # yesterday
    assert "2024-01" in by_date  # a month without a year: the page's year
    # The page's own date is no incident.
    assert "2024-03-05" not in by_date


def test_a_dated_clause_that_no_word_types_is_an_incident_and_a_state_is_not(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "On 9 August 2016 the movement's fighters crossed the river into Kenya. "
        "In 2018 the movement was the largest armed group of the coast. "
        "Prior to March 2019 it was known as the River Front.\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert by_date["2016-08-09"]["types"] == ["other"]
    assert "2018" not in by_date and "2019-03" not in by_date


def test_a_passive_is_a_happening_not_a_state(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "The ban on the movement was overturned in January 2017. "
        "In 2018 the movement was active along the whole coast.\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert "2017-01" in by_date and "2018" not in by_date


def test_a_cited_sources_date_and_a_reports_date_are_no_incidents(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "Fighters of the movement bombed a bus in Lamu, Kenya ('Bus attack on the coast', Coast Herald, 10/09/2007).\n"
        "According to a report published in March 2016, the movement had 300 fighters.\n"
    )
    dates = {e["date"] for e in _events(tmp_path, {"pale.txt": text})}
    assert "2007-09-10" not in dates and "2007" not in dates
    assert "2016-03" not in dates


def test_an_incident_named_by_its_year_is_an_event_of_its_own(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "On 2 May 2015 a court in Nairobi, Kenya, sentenced its leader for the 2009 Lamu bombings.\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert "conviction" in by_date["2015-05-02"]["types"]
    assert "bombing" in by_date["2009"]["types"]


def test_a_country_that_acts_or_ends_a_groups_name_says_nothing_of_where(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "On 4 April 2019 rebels backed by Ethiopia attacked the movement's camp.\n"
        "On 6 June 2019 the Front of Free Kenya (FFK) and the movement signed a pact.\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert by_date["2019-04-04"]["country"] is None
    assert by_date["2019-06-06"]["country"] is None


def test_a_founding_field_and_a_flattened_infoboxs_steps(tmp_path: Path) -> None:
    text = (
        "Pale River Movement\n\nFounded: 2004\n\n"
        "Establishment - Joined the Coast Alliance October 2009 - Declaration of a coastal emirate 3 March 2013\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert {"2004", "2009-10", "2013-03-03"} <= set(by_date)
    quote = by_date["2009-10"]["evidence"][0]["quote"]
    assert "Joined the Coast Alliance October 2009" in quote and "emirate" not in quote


def test_a_news_pages_lead_without_a_date_is_of_the_pages_month(tmp_path: Path) -> None:
    text = (
        "Source: https://news.example.org/2007/02/12/coast-arrests\n\nCoast arrests\n\n"
        "Kenyan police have arrested 12 suspected members of the Pale River Movement in a sweep of coastal towns.\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert "arrest" in by_date["2007-02"]["types"]


def test_one_groups_founding_dated_a_year_apart_by_two_sources_is_one_event(tmp_path: Path) -> None:
    one = "Name: Pale River Movement\n\nHistory\n\nThe Pale River Movement was founded in 1999 by fishermen in Lamu.\n"
    two = "Naam organisatie: Pale River Movement\n\nGeschiedenis\n\nDe Pale River Movement werd in 2000 opgericht.\n"
    foundings = [e for e in _events(tmp_path, {"one.txt": one, "two.txt": two}) if e["date"][:4] in ("1999", "2000")]
    assert len(foundings) == 1
    assert {foundings[0]["date"], *foundings[0]["alt_dates"]} == {"1999", "2000"}


def test_each_dated_item_of_a_designations_field_is_a_listing(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n"
        "Designated by: Kenya (since 2010), United States (since 2012), Tanzania (2014-2016)\n"
    )
    listings = [e for e in _events(tmp_path, {"pale.txt": text}) if "designation" in e["types"]]
    assert sorted(e["date"] for e in listings) == ["2010", "2012", "2014"]
    assert all(e["country"] is None for e in listings)  # who listed it, not where


def test_a_news_page_tells_its_own_time_after_a_line_that_runs_on_from_its_dateline(tmp_path: Path) -> None:
    text = (
        "date 2021-08 The Pale River Movement, behind the bombing of the Lamu ferry in 1998 that killed "
        "forty people, lost its appeal; the court recalled the raids of 14 March 2004 on two ports. "
        "The judges gave their ruling, a court spokesman said.\n\n"
        "Early in August the courts had sentenced the movement's founder to life.\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    # The dateline is only its own date: the raids of March 2004 on its line are an incident.
    assert "2004-03-14" in by_date and "1998" in by_date
    # "Early in August", a paragraph after one that recalled 1998 and 2004: the page's August.
    assert "2021-08" in by_date and "conviction" in by_date["2021-08"]["types"]
    assert "2004-08" not in by_date


def test_a_life_s_private_steps_and_a_bare_relative_time_are_no_incidents(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "Its founder was born on 2 March 1955 in Lamu, Kenya. Il épousa en 1979 une militante du mouvement.\n\n"
        "On 8 May 1990 the movement bombed a police station in Garissa, Kenya.\n\n"
        "Un an plus tard,\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert set(by_date) == {"1990-05-08"}


def test_a_named_incident_and_a_sentence_that_goes_on_from_a_dated_one(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "Its best-known attacks are the 2009 Lamu ferry bombing and the raids on the coast.\n\n"
        "In May 2012 the movement kidnapped twelve miners near Garissa, Kenya. "
        "Its fighters then ambushed the soldiers sent to free them.\n"
    )
    events = _events(tmp_path, {"pale.txt": text})
    assert any(e["date"] == "2009" and "bombing" in e["types"] for e in events)
    ambush = [e for e in events if "ambush" in e["types"]]
    assert len(ambush) == 1 and ambush[0]["date"] == "2012-05"
    assert any("kidnapping" in e["types"] and e["date"] == "2012-05" for e in events)


def test_a_weekday_dates_its_day_on_an_undated_page_from_the_years_it_recalls(tmp_path: Path) -> None:
    text = (
        "Pale River Movement\n\n"
        "The movement, blamed for the Lamu ferry bombing of 2002 and a raid in 2003, struck again.\n\n"
        "Garissa – Op donderdag 9 september is het politiebureau van Garissa het doelwit van een terreuraanslag.\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert "2004-09-09" in by_date  # the first Thursday 9 September from 2003 on


def test_where_people_come_from_is_not_where_it_happened(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "Jailed in 1998 for a raid on a depot, its founder learned tactics from prisoners from Uganda.\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert by_date["1998"]["country"] is None


def test_a_participle_announcing_a_new_name_is_an_incident_of_its_own(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "In October 2010 Omar Kimani assumed leadership, announcing a new coalition under the name Pale River Front.\n"
    )
    october = [e for e in _events(tmp_path, {"pale.txt": text}) if e["date"] == "2010-10"]
    assert sorted(t for e in october for t in e["types"]) == ["leadership_change", "renaming"]
    assert len(october) == 2


def test_a_year_coordinated_with_one_after_a_preposition_dates_an_incident_too(tmp_path: Path) -> None:
    text = "Nom : Mouvement de la Rivière Pâle\n\nHistoire\n\nSon chef a été condamné à deux reprises, en 2006 et 2018.\n"
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert {"2006", "2018"} <= set(by_date)
    assert "conviction" in by_date["2018"]["types"]


def test_held_until_a_date_is_a_release_at_that_date(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "In June 2010, the movement abducted two nurses in Lamu, Kenya, and held them until 4 May 2011.\n"
    )
    by_date = _dated(_events(tmp_path, {"pale.txt": text}))
    assert "kidnapping" in by_date["2010-06"]["types"]
    assert by_date["2011-05-04"]["types"] == ["release"]
