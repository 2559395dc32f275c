"""The same incident in several documents becomes one event; different ones stay apart.

The documents are written for this test; the groups and incidents are invented.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from kb_helpers import build, documents_of, grounded_export, invoke, write_corpus

ENGLISH = """\
Name: Granite Valley Front

Overview

On 4 May 2016 gunmen of the front attacked the main bus station of Nairobi.

Timeline

- 4 May 2016: Granite Valley Front gunmen attacked a bus station in Nairobi, Kenya, killing 12 people.
- 4 May 2016: a bomb hit an army post in Kampala, Uganda, killing 3 soldiers.
- 15 January 2017: a car bomb exploded at the cattle market of Nakuru, Kenya, killing 5 people.
- 9 October 2018: the front kidnapped two engineers in Mombasa, Kenya.
- 2 March 2019: the front kidnapped a priest in Garissa, Kenya.
- 20 March 2019: the front kidnapped three nurses in Lamu, Kenya.
- 28 June 2020: fighters of the front executed a captured soldier in Kenya.
- 11 August 2021: the front's commander Daudi Mwangaza was killed near Garissa, Kenya.
- 3 February 2022: a Kenyan court sentenced the front's spokesperson Amina Wekesa to life in prison.
"""

DUTCH = """\
Naam organisatie: Granite Valley Front

Tijdlijn

- 4 mei 2016: Schutters van het Granite Valley Front vielen een busstation in Nairobi (Kenia) aan. Er vielen 14 doden.
- In oktober 2018 ontvoerde de groep twee ingenieurs.
- In maart 2019 ontvoerde de groep een buitenlandse hulpverlener.
- 2 juli 2020: De groep heeft een gevangen soldaat geëxecuteerd in Kenia.
- 15 augustus 2021: Bij een militaire operatie in Kenia is commandant Daudi Mwangaza van de groep omgekomen.
"""

# A list of activities under month headers whose own dates were lost: the
# entry about the Nakuru market sits under a later month.
ACTIVITIES = """\
Naam organisatie: Granite Valley Front

Activiteiten

juli 2021

Een autobom ontplofte op de veemarkt van Nakuru in Kenia. Er vielen vijf doden en veel gewonden.

Type activiteit

Aanslagen

Een rechtbank in Kenia veroordeelt woordvoerder Amina Wekesa van de groep tot levenslang wegens aanslagen in Nairobi in mei 2016.

Type activiteit

Interventies
"""

# Two groups founded in one year: two foundings, not one.
OTHER_GROUP = """\
Name: Eastern Lake Brigade

Overview

The Eastern Lake Brigade was founded in 2010 by fishermen from the lake shore.
"""

FOUNDING = """\
Name: Granite Valley Front

Overview

The Granite Valley Front was founded in 2010 by veterans of the border war.
"""

# Undated reports: a group is founded once, a person dies once.
UNDATED = """\
Name: Granite Valley Front

History

Fishermen who had left the front set up the Eastern Lake Brigade.
Soldiers killed the front's commander in the north, Daudi Mwangaza, in an airstrike.
Soldiers also killed the front's spokesman in the south, Juma Kiprono, in an ambush.
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("event-resolution")
    docs = {
        "english.md": ENGLISH,
        "dutch.txt": DUTCH,
        "activities.txt": ACTIVITIES,
        "other-group.txt": OTHER_GROUP,
        "founding.txt": FOUNDING,
        "undated.txt": UNDATED,
    }
    return grounded_export(root, docs)


def _docs(event: dict[str, Any], data: dict[str, Any]) -> set[str]:
    return documents_of(event, data)


def _on(data: dict[str, Any], prefix: str) -> list[dict[str, Any]]:
    return [e for e in data["events"] if (e["date"] or "").startswith(prefix)]


def test_one_incident_in_two_languages_is_one_event_with_both_sources(data: dict[str, Any]) -> None:
    nairobi = [e for e in data["events"] if e["place"] == "Nairobi"]
    assert len(nairobi) == 1, nairobi
    event = nairobi[0]
    assert _docs(event, data) == {"english.md", "dutch.txt"}
    assert event["date"] == "2016-05-04" and event["country"] == "KE"
    assert event["killed"] == {"min": 12, "max": 14}  # the sources disagree: a range


def test_one_document_telling_an_incident_twice_gives_one_event(data: dict[str, Any]) -> None:
    nairobi = next(e for e in data["events"] if e["place"] == "Nairobi")
    quotes = [q["quote"] for q in nairobi["evidence"]]
    assert any(q.startswith("On 4 May 2016") for q in quotes)  # the overview's sentence
    assert any("killing 12 people" in q for q in quotes)  # and the timeline's entry


def test_same_day_in_another_country_stays_apart(data: dict[str, Any]) -> None:
    kampala = [e for e in data["events"] if e["place"] == "Kampala"]
    assert len(kampala) == 1 and _docs(kampala[0], data) == {"english.md"}


def test_a_month_only_mention_joins_the_one_such_incident_of_that_month(data: dict[str, Any]) -> None:
    october = _on(data, "2018-10")
    assert len(october) == 1, october
    assert _docs(october[0], data) == {"english.md", "dutch.txt"}
    assert october[0]["date"] == "2018-10-09" and october[0]["place"] == "Mombasa"


def test_a_month_only_mention_with_two_candidates_joins_neither(data: dict[str, Any]) -> None:
    march = _on(data, "2019-03")
    assert len(march) == 3, march
    assert all(len(_docs(e, data)) == 1 for e in march)


def test_reports_days_apart_are_one_event_with_both_dates(data: dict[str, Any]) -> None:
    executions = [e for e in data["events"] if "execution" in e["types"]]
    assert len(executions) == 1, executions
    event = executions[0]
    assert _docs(event, data) == {"english.md", "dutch.txt"}
    assert {event["date"], *event["alt_dates"]} == {"2020-06-28", "2020-07-02"}


def test_a_date_only_a_month_header_gives_yields_to_a_dated_report_of_the_same_place(data: dict[str, Any]) -> None:
    nakuru = [e for e in data["events"] if e["place"] == "Nakuru"]
    assert len(nakuru) == 1, nakuru
    event = nakuru[0]
    assert _docs(event, data) == {"english.md", "activities.txt"}
    assert event["date"] == "2017-01-15" and "2021-07" in event["alt_dates"]


def test_two_groups_founded_in_one_year_are_two_foundings(data: dict[str, Any]) -> None:
    foundings = _on(data, "2010")
    assert len(foundings) == 2, foundings
    assert {frozenset(_docs(e, data)) for e in foundings} == {
        frozenset({"other-group.txt", "undated.txt"}),  # the undated report names the brigade
        frozenset({"founding.txt"}),
    }


def test_every_merge_keeps_its_reason_and_dossier_merges_lists_it(tmp_path: Path) -> None:
    from dossier.store import Store

    folder = write_corpus(tmp_path / "corpus", {"english.md": ENGLISH, "dutch.txt": DUTCH})
    build(folder, db=tmp_path / "kb.db")
    with Store(tmp_path / "kb.db", create=False) as store:
        reasons = [r for key, _e, r, _s in store.resolution_rows() if key.startswith("Event:")]
    assert any(r.startswith("same incident: 2016-05-04") for r in reasons)
    assert any(r.startswith("the one such incident of 2018-10") for r in reasons)
    assert any(r.startswith("days apart, same incident") for r in reasons)
    listed = invoke("merges", "--db", tmp_path / "kb.db", "--kind", "event").stdout
    # Each mention shows its date and what happened, then why it joined.
    assert "2018-10-09; the front kidnapped two engineers in Mombasa" in listed
    assert "2018-10; In oktober 2018 ontvoerde de groep twee ingenieurs." in listed
    assert "the one such incident of 2018-10: Mombasa kidnapping" in listed


def test_reports_days_apart_of_one_persons_death_are_one_event(data: dict[str, Any]) -> None:
    # An operation on one day, a commander killed four days earlier: the person named joins them.
    death = [e for e in data["events"] if e["date"] in ("2021-08-11", "2021-08-15")]
    assert len(death) == 1, death
    assert {"english.md", "dutch.txt"} <= _docs(death[0], data)


def test_a_header_dated_entry_naming_the_same_person_in_the_same_country_joins(data: dict[str, Any]) -> None:
    # The entry's own date is the header's: "in mei 2016" dates the attacks it was judged for.
    convictions = [e for e in data["events"] if "conviction" in e["types"]]
    assert len(convictions) == 1, convictions
    event = convictions[0]
    assert _docs(event, data) == {"english.md", "activities.txt"}
    assert event["date"] == "2022-02-03" and "2021-07" in event["alt_dates"]
    assert event["place"] is None  # a ground's city ("aanslagen in Nairobi") is not where it happened


def test_an_undated_report_of_a_death_joins_the_one_dated_death_of_that_person(data: dict[str, Any]) -> None:
    death = next(e for e in data["events"] if e["date"] in ("2021-08-11", "2021-08-15"))
    assert _docs(death, data) == {"english.md", "dutch.txt", "undated.txt"}
    assert any(q["quote"].startswith("Soldiers killed the front's commander") for q in death["evidence"])


def test_an_undated_report_that_joins_nothing_is_not_shown(data: dict[str, Any]) -> None:
    quotes = [q["quote"] for e in data["events"] for q in e["evidence"]]
    assert not any("Juma Kiprono" in q for q in quotes)
    assert all(e["date"] for e in data["events"])
