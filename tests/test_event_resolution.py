"""The same incident in several documents becomes one event; different ones stay apart.

The documents are written for this test; the group and incidents are invented.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from kb_helpers import assert_grounded, build, export, write_corpus

ENGLISH = """\
Name: Granite Valley Front

Timeline

- 4 May 2016: Granite Valley Front gunmen attacked a bus station in Nairobi, Kenya, killing 12 people.
- 4 May 2016: a bomb hit an army post in Kampala, Uganda, killing 3 soldiers.
- 9 October 2018: the front kidnapped two engineers in Mombasa, Kenya.
"""

DUTCH = """\
Naam organisatie: Granite Valley Front

Tijdlijn

- 4 mei 2016: Schutters van het Granite Valley Front vielen een busstation in Nairobi (Kenia) aan. Er vielen 14 doden.
- In oktober 2018 ontvoerde de groep twee ingenieurs.
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("event-resolution")
    folder = write_corpus(root / "corpus", {"english.md": ENGLISH, "dutch.txt": DUTCH})
    build(folder, db=root / "kb.db")
    out = export(root / "kb.db")
    assert_grounded(root / "kb.db", out)
    return out


def _docs(event: dict[str, Any], data: dict[str, Any]) -> set[str]:
    names = {d["id"]: Path(d["path"]).name for d in data["documents"]}
    return {names[e["doc"]] for e in event["evidence"]}


def test_one_incident_in_two_languages_is_one_event_with_both_sources(data: dict[str, Any]) -> None:
    nairobi = [e for e in data["events"] if e["place"] == "Nairobi"]
    assert len(nairobi) == 1, nairobi
    event = nairobi[0]
    assert _docs(event, data) == {"english.md", "dutch.txt"}
    assert event["date"] == "2016-05-04" and event["country"] == "KE"
    assert event["killed"] == {"min": 12, "max": 14}  # the sources disagree: a range


def test_same_day_in_another_country_stays_apart(data: dict[str, Any]) -> None:
    kampala = [e for e in data["events"] if e["place"] == "Kampala"]
    assert len(kampala) == 1 and _docs(kampala[0], data) == {"english.md"}


def test_a_month_without_a_place_does_not_join_a_located_incident(data: dict[str, Any]) -> None:
    october = [e for e in data["events"] if (e["date"] or "").startswith("2018-10")]
    assert len(october) == 2
    assert {frozenset(_docs(e, data)) for e in october} == {frozenset({"english.md"}), frozenset({"dutch.txt"})}
