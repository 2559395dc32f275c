"""Events: dated entries, month-header lists and dated prose become incidents.

Built through the real pipeline (read, segment, extract, store, export) from
documents written for these tests, plus the three other-group documents in
tests/fixtures/other_groups with their expected.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from kb_helpers import assert_grounded, build, export, write_corpus

from dossier.extract.context import Context
from dossier.extract.events import _incident_dates
from dossier.model import Document

OTHER_GROUPS = Path(__file__).resolve().parents[1] / "fixtures" / "other_groups"

# An invented group; the layouts are ones the seeds do not use: Markdown bold
# dates, a Markdown table of leaders, prose with several clauses and periods.
COASTAL_BRIGADES = """\
# Coastal Brigades (CB)

The Coastal Brigades are an invented armed group used to test dossier.

## History

The Coastal Brigades were founded in 2004 by dockworkers in Mombasa, and a rival faction, the Harbour Guard, was formed in 2009 by defectors.
Between 2012 and 2015 the brigades fought a long campaign along the coast.
According to a report published in March 2016, the group had about 300 fighters.
In the Kenyan city of Malindi, gunmen of the group killed 4 police officers on 3 May 2017.
French troops later trained the coast guard.

## Leaders

| Name | Role | Status |
|---|---|---|
| Juma Said Mwinyi | founder | killed in an air strike, 14 February 2019 |

## Methods

- Since 2015, roadside bombs on the coast road.

## Key dates

- **8 August 2018**: Brigade fighters kidnapped 6 fishermen near Lamu; 2 were released on 20 August 2018.
- **2 March 2020**: Four Westerners were kidnapped at a festival in Tanzania near the border with Kenya.
"""


@pytest.fixture(scope="module")
def coastal(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("events")
    folder = write_corpus(root / "corpus", {"coastal-brigades.md": COASTAL_BRIGADES})
    build(folder, db=root / "kb.db")
    data = export(root / "kb.db")
    assert_grounded(root / "kb.db", data)
    return data


def _by_date(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["date"]: e for e in data["events"]}


def test_two_dated_clauses_of_one_sentence_are_two_events(coastal: dict[str, Any]) -> None:
    events = _by_date(coastal)
    assert events["2004"]["types"] == ["other"]
    assert events["2009"]["types"] == ["other"]
    assert "Harbour Guard" in events["2009"]["summary"]
    assert "Harbour Guard" not in events["2004"]["summary"]


def test_periods_report_dates_and_methods_are_not_incidents(coastal: dict[str, Any]) -> None:
    dates = set(_by_date(coastal))
    assert not {"2012", "2015", "2016-03", "2016"} & dates


def test_demonym_before_a_place_noun_gives_the_country(coastal: dict[str, Any]) -> None:
    event = _by_date(coastal)["2017-05-03"]
    assert event["country"] == "KE"
    assert event["place"] == "Malindi"
    assert event["killed"] == {"min": 4, "max": 4}
    assert "armed_assault" in event["types"]


def test_a_later_sentence_of_an_entry_with_its_own_date_is_its_own_event(coastal: dict[str, Any]) -> None:
    events = _by_date(coastal)
    assert "kidnapping" in events["2018-08-08"]["types"]
    assert events["2018-08-08"]["country"] == "KE"
    assert "release" in events["2018-08-20"]["types"]


def test_the_place_after_in_wins_over_a_place_merely_mentioned(coastal: dict[str, Any]) -> None:
    assert _by_date(coastal)["2020-03-02"]["country"] == "TZ"


def test_a_table_row_and_a_bold_date_are_read(coastal: dict[str, Any]) -> None:
    events = _by_date(coastal)
    assert "2019-02-14" in events  # from the table row
    assert "2020-03-02" in events  # "- **2 March 2020**: ..."


def test_demonym_alone_says_nothing_about_where() -> None:
    # "French troops" names no place; the sentence gives no incident date either.
    text = "French troops later trained the coast guard."
    assert _incident_dates(_ctx(text), 0, len(text), "") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In 2006, the leader was sentenced to death in absentia.", ["2006"]),
        ("Since 2011, several factions broke away.", ["2011"]),
        ("Between 2017 and 2020, attacks rose sevenfold.", []),
        ("The civil war (1991-2002) shaped the group.", []),
        ("Uit een rapport dat verscheen in februari 2007 blijkt dat de groep groeide.", []),
        ("Op 3 juni werd de leider gedood.", ["2020-06-03"]),
        ("The group numbered 2007 fighters.", []),
        ("Its relief wing was not banned until 2011.", ["2011"]),  # banned then
        ("It wasn't until 2009 that the front split.", ["2009"]),
        ("The wing stayed legal until 2015.", []),  # "until" alone bounds a time
    ],
)
def test_incident_dates(sentence: str, expected: list[str]) -> None:
    assert [iso for _pos, iso in _incident_dates(_ctx(sentence), 0, len(sentence), "2020-06")] == expected


@pytest.mark.parametrize(
    ("text", "lang", "designated"),
    [
        ("Kites, cinemas and dancing were banned in 1997.", "en", False),  # things banned: no group listed
        ("De muziek en de vliegers werden in 1997 verboden.", "nl", False),
        ("The Pale River Movement was banned in 2004.", "en", True),
        ("The PRM was outlawed in 2004.", "en", True),
        ("Het Front werd in 2004 verboden.", "nl", True),
        ("Music was banned, and the movement was designated a terrorist group in 2004.", "en", True),
    ],
)
def test_a_ban_is_a_designation_only_of_a_group(text: str, lang: str, designated: bool) -> None:
    from dossier.extract.events import _types

    assert ("designation" in _types(text, _ctx(text, lang))) is designated


@pytest.mark.parametrize(
    ("text", "lang", "taken"),
    [
        ("In March 2012 the Silver Front captured the town of Gao.", "en", "military_operation"),
        ("Fighters of the front seized Timbuktu on 1 April 2012.", "en", "military_operation"),
        ("In 2018 its fighters laid siege to the army base at Kidal.", "en", "military_operation"),
        ("In 2018 belegerden strijders van het front de legerbasis in Kidal.", "nl", "military_operation"),
        ("En 2018, les combattants du front ont assiégé la base militaire de Kidal.", "fr", "military_operation"),
        ("Le front a capturé la ville de Gao en 2012.", "fr", "military_operation"),
        # people taken stay a kidnapping or an arrest, a demonym or a town before them too
        ("In 2018 they captured a French aid worker.", "en", "kidnapping"),
        ("On 8 May 2016 gunmen kidnapped Swiss nuns in Gao.", "en", "kidnapping"),
        ("The army captured the commander of the front in 2016.", "en", "arrest"),
    ],
)
def test_ground_taken_is_an_operation_and_people_taken_a_kidnapping(text: str, lang: str, taken: str) -> None:
    from dossier.extract.events import _types

    types = _types(text, _ctx(text, lang))
    assert taken in types
    if taken != "military_operation":
        assert "military_operation" not in types
    else:
        assert not {"kidnapping", "arrest", "hostage_taking"} & set(types)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Karim Haddad led the front until 2016, when he was succeeded by Omar Belkacem.", "en"),
        ("Karim Haddad leidde het front tot 2016, toen hij werd opgevolgd door Omar Belkacem.", "nl"),
        ("Karim Haddad a dirigé le front jusqu'en 2016, lorsque Omar Belkacem lui a succédé.", "fr"),
    ],
)
def test_a_clause_of_when_after_a_bare_year_is_of_that_year(sentence: str, lang: str) -> None:
    assert [iso for _pos, iso in _incident_dates(_ctx(sentence, lang), 0, len(sentence), "")] == ["2016"]


@pytest.mark.parametrize(
    ("text", "lang", "events"),
    [
        ("In 1971 the Silver Front began kidnapping executives.", "en", 0),
        ("In 1971 the Silver Front started carrying out bombings in Milan.", "en", 0),
        ("En 1971, le Front d'Argent a commencé les enlèvements.", "fr", 0),
        ("Het Zilveren Front begon met aanslagen in 1971.", "nl", 0),
        # a first act, told with its beginning, is an incident
        ("In 1980 the Silver Front began its war with a bombing in Lima.", "en", 1),
    ],
)
def test_a_campaigns_start_is_no_incident(text: str, lang: str, events: int) -> None:
    from dossier.extract import extract_document

    doc = Document(id="1" * 64, path="t.txt", text=text, lang=lang)
    assert len({s.subject for s in extract_document(doc) if s.subject.startswith("Event:")}) == events


@pytest.mark.parametrize(
    ("text", "lang", "expected", "not_expected"),
    [
        ("Bij de bomaanslag op de markt vielen 20 doden.", "nl", "bombing", "armed_assault"),  # deaths fell: no assault
        ("Strijders vielen in 2019 een legerpost aan.", "nl", "armed_assault", None),
        ("Het front eiste de aanslag in november 2015 op.", "nl", "statement", None),
        ("In 2020 plaatste de EU het front op haar terreurlijst.", "nl", "designation", None),
        ("En 2020, le front a été placé sur la liste des organisations terroristes.", "fr", "designation", None),
        ("Samedi, des hommes armés du front ont tué 12 villageois.", "fr", "armed_assault", None),
        ("In april 2020 arresteerde de politie drie leden van het front.", "nl", "arrest", None),
        ("Zaterdag doodden gewapende mannen van het front twaalf dorpelingen.", "nl", "armed_assault", None),
    ],
)
def test_dutch_and_french_words_of_assaults_claims_and_lists(
    text: str, lang: str, expected: str, not_expected: str | None
) -> None:
    from dossier.extract.events import _types

    types = _types(text, _ctx(text, lang))
    assert expected in types
    assert not_expected not in types


def test_a_year_after_a_preposition_of_the_documents_language() -> None:
    # Dutch "en" is "and": the year after it is no time of the deaths; French "en" is "in".
    dutch = "Er vielen twaalf doden en 2009 werd een rampjaar voor de beweging."
    french = "Le groupe a frappé le port en 2009."
    assert _incident_dates(_ctx(dutch, "nl"), 0, len(dutch), "") == []
    assert [iso for _pos, iso in _incident_dates(_ctx(french, "fr"), 0, len(french), "")] == ["2009"]


def _ctx(text: str, lang: str = "en") -> Context:
    """The extraction context of a one-text document."""
    return Context.of(Document(id="0" * 64, path="t.txt", text=text, lang=lang))


@pytest.fixture(scope="module")
def other_groups(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("other-groups")
    paths = sorted(p for p in OTHER_GROUPS.iterdir() if p.suffix in (".txt", ".md"))
    build(*paths, db=root / "kb.db")
    return export(root / "kb.db")


@pytest.mark.parametrize("name", ["sentier-lumineux.txt", "ltte-qa.md", "northern-liberation-front.txt"])
def test_other_groups_timelines(other_groups: dict[str, Any], name: str) -> None:
    expected = json.loads((OTHER_GROUPS / "expected.json").read_text(encoding="utf-8"))["documents"][name]
    doc_ids = {d["id"] for d in other_groups["documents"] if Path(d["path"]).name == name}
    found = [e for e in other_groups["events"] if any(x["doc"] in doc_ids for x in e["evidence"])]

    def matches(want: dict[str, Any]) -> list[dict[str, Any]]:
        return [e for e in found if e["date"].startswith(want["date"]) or want["date"].startswith(e["date"])]

    missed = [w["date"] for w in expected["events"] if not matches(w)]
    # Known misses: a founding year stated only in a field, and "a video released last month".
    assert len(missed) <= 1, f"{name}: no event for {missed}"
    for want in expected["events"]:
        killed = want.get("killed")
        hits = matches(want)
        if killed and hits and hits[0]["killed"]:
            assert (hits[0]["killed"]["min"], hits[0]["killed"]["max"]) == tuple(killed), want["cue"]
    assert len(found) <= len(expected["events"]) + 2, [e["summary"] for e in found]


# -- small language rules of the events extractor ---------------------------------------

from dossier.extract.events import _casualties, _dated_clauses, _place, _types, _year_ahead  # noqa: E402


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2014 the cell killed one Italian hostage after long talks.", "execution"),
        ("The hostage was later killed by his guards.", "execution"),
        ("De gijzelaar werd later gedood.", "execution"),
        # Hostages taken and people killed in one attack are no execution.
        ("Gunmen took more than 40 hostages, killing 9 guards.", None),
    ],
)
def test_a_captive_killed_is_an_execution(text: str, expected: str | None) -> None:
    assert ("execution" in _types(text)) == (expected == "execution")


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        ("Members of the movement released chlorine gas in the metro, killing nine people.", "attack", "release"),
        ("Leden van de beweging lieten gifgas vrij in de metro; er werd gifgas vrijgelaten.", "attack", "release"),
        ("The two hostages were released in May after long talks.", "release", "attack"),
        # A ceasefire in other words than "ceasefire".
        ("Le mouvement avait cessé toute action militaire en 1997.", "ceasefire", None),
        ("In 1997 the movement laid down its arms.", "ceasefire", None),
    ],
)
def test_what_a_release_word_frees_and_a_ceasefire_in_other_words(
    text: str, expected: str, not_expected: str | None
) -> None:
    found = _types(text)
    assert expected in found and not_expected not in found, found


@pytest.mark.parametrize(
    ("text", "prop", "value"),
    [
        # A number counting nationalities, days or kilometres counts no people.
        ("They held 40 people of 12 different nationalities hostage.", "hostages", 40),
        ("Gunmen killed 7 people 200 km north of the capital.", "killed", 7),
        # The day of a date is no toll: "seized on 22 May 2011 and held".
        ("He was seized on 22 May 2011 and held for a year.", "hostages", None),
        # An aside between a number and its cue does not part them.
        ("Two engineers (a Briton and a Dane) were kidnapped.", "hostages", 2),
        # A list of counts before one cue is their sum; each count with its own cue is its own.
        ("Four gunmen, three guards and one driver killed.", "killed", 8),
        ("Drie aanslagen: 30 doden en 200 gewonden.", "killed", 30),
        ("Drie aanslagen: 30 doden en 200 gewonden.", "wounded", 200),
        # A number of attacks counts no people.
        ("Two car bombs killed 33 people.", "killed", 33),
        # "een", "un": an article, a count only of the word right after it.
        ("Zij vielen een hotel in de stad aan, waarbij 20 doden vielen.", "killed", 20),
        ("Bij de aanslag viel een dode.", "killed", 1),
        ("Une bombe a explosé, tuant 12 soldats.", "killed", 12),
        ("De aanslag doodde vijf agenten.", "killed", 5),
        # An article opens no list of counts, unless the next count follows right after its noun.
        ("Aanslag op een markt in de stad, 20 doden.", "killed", 20),
        ("Un soldat et deux civils tués.", "killed", 3),
        # The Dutch verb before its subject: the count after them is of the dead.
        ("Zaterdag doodden strijders van het front twaalf dorpelingen.", "killed", 12),
        ("In 2019 vermoordde de groep vier agenten.", "killed", 4),
        ("Eerder deze maand ontvoerden strijders van het front twee ingenieurs.", "hostages", 2),
        ("In maart ontvoerde de groep een buitenlandse hulpverlener.", "hostages", None),  # "een": an article
        # A count between a number and the cue is the one the cue counts.
        ("Troops rescued 17, but one was killed in the attempt.", "killed", 1),
        ("The group released two photos showing five kidnapped engineers.", "hostages", 5),
        # "kill" in a headline's present counts the dead; after a word of intent, no one.
        ("Seven car bombs kill six in the capital.", "killed", 6),
        ("The front threatened to kill four hostages.", "killed", None),
        ("After the killing of 13 soldiers by the front, riots began.", "killed", 13),
    ],
)
def test_what_a_number_counts(text: str, prop: str, value: int | None) -> None:
    found = {p: q.min for p, q in _casualties(text)}
    assert found.get(prop) == value


def test_a_subordinate_clause_with_its_own_date_is_a_clause_of_its_own() -> None:
    sentence = "The front was renamed in March 2011 after it had merged with a rival in June 2010."
    clauses = [(sentence[s:e].strip(), d) for s, e, d in _dated_clauses(_ctx(sentence), 0, len(sentence), "")]
    assert clauses == [
        ("The front was renamed in March 2011", "2011-03"),
        ("after it had merged with a rival in June 2010.", "2010-06"),
    ]


def _events_of(tmp_path: Path, text: str) -> list[dict[str, Any]]:
    """The exported events of one document, built through the whole pipeline."""
    folder = write_corpus(tmp_path / "corpus", {"pale-river.txt": text})
    build(folder, db=tmp_path / "kb.db")
    return list(export(tmp_path / "kb.db")["events"])


def test_a_day_without_a_year_takes_its_paragraph_year(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "The army announced in 2019 that it had struck a camp of the movement. "
        "Its commander was killed in that strike on 12 April.\n"
    )
    dates = {e["date"] for e in _events_of(tmp_path, text)}
    assert "2019-04-12" in dates


def test_a_renaming_told_next_by_the_same_actor_is_of_the_time_told_before(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "Karim Haddad took over the movement in 2013. He renamed the group the Pale River Front.\n"
    )
    events = _events_of(tmp_path, text)
    assert any(e["date"] == "2013" and "renaming" in e["types"] for e in events), events


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # Many acts, or none, since a year: a period's activity, no incident.
        (
            "Name: Pale River Movement\n\nHistory\n\n"
            "The movement has carried out numerous attacks on the coast since 2009. "
            "It has not attacked a town since 2016. "
            "In 2017 its fighters ambushed a convoy near Garissa.\n",
            {"2017"},
        ),
        # A birth in a timeline is no incident.
        (
            "Name: Pale River Movement\n\nTimeline\n\n"
            "- 4 May 1961: Karim Haddad, its founder, is born in Garissa.\n"
            "- 9 July 2018: Gunmen of the movement ambushed a bus near Garissa.\n",
            {"2018-07-09"},
        ),
    ],
)
def test_what_is_no_incident(tmp_path: Path, text: str, dates: set[str]) -> None:
    assert {e["date"] for e in _events_of(tmp_path, text)} == dates


def test_two_coordinated_years_share_the_happening_told_after_them(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "In 2011 and 2014 two envoys were assassinated by the movement in Nairobi.\n"
    )
    by_date = {e["date"]: e for e in _events_of(tmp_path, text)}
    assert {"2011", "2014"} <= set(by_date)
    assert by_date["2011"]["types"] == ["assassination"]
    assert by_date["2011"]["country"] == "KE"
    assert by_date["2011"]["killed"] is None  # the two are of both years


def test_a_court_sits_in_its_country_and_the_first_sentence_places_an_entry(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nTimeline\n\n"
        "- 4 June 2018: A Kenyan court sentenced two members of the movement to life in prison.\n"
        "- 9 July 2018: Gunmen of the movement ambushed a bus near Garissa, Kenya. "
        "The attackers were later arrested in Somalia.\n"
    )
    by_date = {e["date"]: e for e in _events_of(tmp_path, text)}
    assert by_date["2018-06-04"]["country"] == "KE"
    assert by_date["2018-07-09"]["country"] == "KE"


def test_a_sentence_dated_only_by_a_later_counts_from_the_one_before(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "On 3 May 2019 the movement kidnapped two nurses in Lamu, Kenya. "
        "Five months later the movement released both nurses.\n"
    )
    events = _events_of(tmp_path, text)
    released = [e for e in events if "release" in e["types"]]
    assert [e["date"] for e in released] == ["2019-10"]
    assert released[0]["evidence"][0]["quote"].startswith("Five months later")
    # The kidnapping stays its own incident, on its own day.
    assert any(e["date"] == "2019-05-03" and "kidnapping" in e["types"] for e in events)


def test_a_sentence_of_an_entry_that_moves_elsewhere_is_its_own_incident(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nTimeline\n\n"
        "- 2 March 2017: Gunmen of the movement stormed a market in Lamu, Kenya, killing 12 people. "
        "150 km to the west, two aid workers were kidnapped the same night.\n"
    )
    events = _events_of(tmp_path, text)
    kidnapping = [e for e in events if "kidnapping" in e["types"]]
    assert [e["date"] for e in kidnapping] == ["2017-03-02"]
    assert kidnapping[0]["evidence"][0]["quote"].startswith("150 km to the west")
    assert "kidnapping" not in next(e for e in events if "armed_assault" in e["types"])["types"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # An aside names the earlier incident, a cause another one.
        ("The nurse was freed a week later (the movement had claimed the kidnapping).", "kidnapping"),
        ("The cell killed a hostage in retaliation for the army's offensive in the north.", "military_operation"),
        ("De cel doodde een gijzelaar als vergelding voor de militaire operatie.", "military_operation"),
    ],
)
def test_asides_and_causes_give_no_type(text: str, absent: str) -> None:
    assert absent not in _types(text)


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # A step still to come names no incident.
        ("De vier overige leden waren daarna nog in afwachting van hun vonnis.", []),
        ("Two of the cell were still awaiting trial.", []),
        ("Ils sont en attente de jugement.", []),
        ("The court sentenced the two of the cell in May.", ["conviction"]),
        # Dutch past tense of "executeren"; a sanctions list that a group is added to.
        ("Begin juni executeerde de staat de leider van de cel.", ["execution"]),
        ("The front was added to the sanctions list of the council.", ["designation"]),
        # Jailing is a conviction; breaking with a group is a split.
        ("The cell's founder was jailed in 2016.", ["conviction"]),
        ("Le fondateur a été emprisonné en 2016.", ["conviction"]),
        ("Het front breekt met de oude leiding.", ["split"]),
        ("The front broke with its parent group in 2016.", ["split"]),
        # Where a group has its origins is its founding.
        ("The front has its origins in a student circle of 1981.", ["founding"]),
        ("Le front trouve son origine dans un cercle d'étudiants.", ["founding"]),
        # A boycott is a stance taken; a pledge is allegiance only when it is one.
        ("The front boycotted the 2014 elections.", ["statement"]),
        ("The front pledged allegiance to the caliph in 2014.", ["allegiance"]),
        ("The front pledges to end the occupation of the valley.", []),
    ],
)
def test_pending_steps_and_more_cue_words(text: str, types: list[str]) -> None:
    assert _types(text) == types


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # A held area described by how it was taken is no capture of that moment.
        ("The front declares an emirate across the territory it has seized, and renames itself.", ["renaming"]),
        ("Le front proclame un émirat dans les régions conquises.", []),
        ("Gunmen seized two aid workers in the town.", ["armed_assault", "kidnapping"]),
        # Dutch separable verbs, their particle ending the clause (or told by two words).
        ("Strijders nemen in mei de steden Kano en Kaduna in en trekken verder.", ["military_operation"]),
        ("Ze nemen in mei deel aan de gesprekken in Doha.", []),
        ("De cel liet de twee verplegers na drie weken vrij.", ["release"]),
        ("Het front trekt in augustus door naar het gebergte.", ["military_operation"]),
    ],
)
def test_held_areas_and_separable_verbs(text: str, types: list[str]) -> None:
    assert _types(text) == types


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A clause about someone named, telling an act of another time, is no part of where.
        (
            "Since the 2019 arrest of Karim Haddad, a cleric who planned the 2011 bombings in Nairobi, "
            "the front has been quiet.",
            None,
        ),
        # A place outside such a clause comes first (a full stop inside "U.S." ends no clause).
        (
            "Two members, one of whom had planned attacks on U.S. embassies in Nairobi, were arrested in Kampala "
            "in 2019.",
            ("UG", "Kampala"),
        ),
        # Of no time of its own, the clause tells the sentence's incident.
        ("In 2019 gunmen who stormed a hotel in Nairobi killed twelve guests.", ("KE", "Nairobi")),
    ],
)
def test_a_clause_about_another_time_says_nothing_of_where(text: str, place: tuple[str, str] | None) -> None:
    assert _place(_ctx(text), text) == place


def test_a_locative_of_another_language_places_nothing() -> None:
    """ "de steden Kano en Kaduna": Dutch "en" is "and"; the first city of the list is where."""
    text = "Strijders nemen in mei de Nigeriaanse steden Kano en Kaduna in."
    assert _place(_ctx(text, "nl"), text) == ("NG", "Kano")


def test_a_day_without_a_year_takes_the_year_of_the_same_month_told_next() -> None:
    text = (
        "The front had held two villages since 2013. In the east, it had taken the port of Lamu on 10 June. "
        "On 29 June 2015, the front proclaimed an emirate.\n"
    )
    ctx = _ctx(text)
    start, end, _block = ctx.sentences[1]
    assert _year_ahead(ctx, 1) == "2015"
    assert [iso for _p, iso in _incident_dates(ctx, start, end, _year_ahead(ctx, 1))] == ["2015-06-10"]
    assert _year_ahead(ctx, 0) == ""  # no yearless day of its own


def test_a_news_lead_that_says_what_a_group_is_tells_no_incident(tmp_path: Path) -> None:
    text = (
        "Source: https://news.example.org/front\n\n date 2021-03 The Pale River Movement is an armed "
        "group in the hills, and a designated terrorist organisation in three states. "
        "Police have arrested four members of the movement in Lamu, Kenya, the ministry said.\n"
    )
    events = _events_of(tmp_path, text)
    assert [e["types"] for e in events] == [["arrest"]]
    assert events[0]["date"] == "2021-03"


def test_a_time_counted_back_from_an_attack_in_a_paragraph_before(tmp_path: Path) -> None:
    """ "A year before the attack in X": counted from the date the section told last, in a
    page written long after it, and placed where the sentence's own attack was, not X."""
    text = (
        "Source: https://nieuws.example.org/beweging\n\n date 2019-06 De rechters hebben deze week de "
        "laatste zaak tegen de beweging gesloten, zei de rechtbank in Nairobi.\n\nDe aanslag\n\n"
        "Bij de aanslag op 2 mei 2004 op een veerboot in Mombasa, Kenia, doodde de beweging negen mensen.\n\n"
        "De beweging pleegde een jaar voor de aanslag in Mombasa ook een aanslag op een markt in Lamu.\n"
    )
    events = _events_of(tmp_path, text)
    earlier = [e for e in events if e["date"] == "2003"]
    assert len(earlier) == 1 and earlier[0]["place"] == "Lamu"


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # A cue inside a proper name types nothing; a headline's capitals are no name.
        ("En mai 1980, il crée le Front de Libération du Nord.", ["founding"]),
        ("The Liberation Army of the North attacked a base.", ["armed_assault"]),
        ("Bombing Kills 20 In Garissa", ["bombing"]),
        # A date right after a founding word, or a founding by a merger: the founding stays.
        ("The front was formed in 2009 when two cells merged.", ["founding", "merger"]),
        ("Il annonce la création d'un front uni, fusion de deux groupes.", ["founding", "merger"]),
        # A Dutch separable verb around its object and date; idioms of coming into being.
        ("Karim Haddad richtte de beweging in 1994 op.", ["founding"]),
        ("De beweging zag in 1994 het licht.", ["founding"]),
        ("Le front a vu le jour en 1994.", ["founding"]),
        ("Juin 2017 : enlèvement de trois journalistes.", ["kidnapping"]),
        # Nouns of the news for raids, shootings, rockets and sentences.
        ("Een inval in een dorp.", ["military_operation"]),
        ("Een schietpartij in een hotel.", ["armed_assault"]),
        ("De veroordeling van de leider.", ["conviction"]),
        ("Des tirs de roquettes sur la ville.", ["attack"]),
        ("The conviction of the leader.", ["conviction"]),
        ("The front dates back to 1994.", ["founding"]),
    ],
)
def test_names_and_foundings_in_types(text: str, types: list[str]) -> None:
    assert sorted(_types(text)) == sorted(types)


def test_after_three_weeks_counts_from_a_date_told_before_never_from_the_entry(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nTimeline\n\n"
        "- June 2014: Fighters of the movement held 40 workers of a mine hostage. "
        "After four days the army stormed the mine and 9 hostages died.\n\n"
        "History\n\n"
        "The movement kidnapped a teacher in Lamu, Kenya in January 2015. She was released after three weeks.\n"
    )
    events = _events_of(tmp_path, text)
    # The siege ends in its entry's own incident: "after four days" counts from no date told.
    siege = [e for e in events if e["date"] == "2014-06"]
    assert len(siege) == 1 and siege[0]["killed"]["min"] == 9
    released = [e for e in events if "release" in e["types"]]
    assert [e["date"] for e in released] == ["2015"]  # 22 January to 21 February: the year both share


def test_where_someone_fled_is_not_where_the_incident_happened(tmp_path: Path) -> None:
    text = (
        "Name: Pale River Movement\n\nHistory\n\n"
        "Le régime du mouvement capitule le 6 décembre 2001, ses chefs s'enfuient dans les zones tribales du Pakistan.\n"
    )
    fall = next(e for e in _events_of(tmp_path, text) if e["date"] == "2001-12-06")
    assert fall["country"] != "PK"


def test_a_country_after_a_place_and_a_comma_says_where_that_place_is(tmp_path: Path) -> None:
    # "Toronto barracks": a barracks named after a city of another country.
    text = (
        "Name: Pale River Movement\n\nTimeline\n\n"
        "4 May 1994 - Two rockets were fired at Toronto barracks in Bielefeld, Germany.\n"
        "9 June 1995: A bomb went off near Lindholm, Denmark.\n"
    )
    events = {e["date"]: e for e in _events_of(tmp_path, text)}
    assert events["1994-05-04"]["country"] == "DE"
    assert events["1995-06-09"]["country"] == "DK"


def test_a_ceasefire_in_an_infobox_aside_is_an_incident_at_its_date() -> None:
    """ "Active 1969–2005 (on ceasefire from 1997)": the aside dates the ceasefire, in a field
    and alone on its line below one."""
    import hashlib

    from dossier.extract import extract_document

    for text, lang in (
        (
            "Silver Front\nActive 1969–2005 (on ceasefire from 1997)\nIdeology Nationalism\n\nThe Silver Front (SF) is an armed group.",
            "en",
        ),
        (
            "Zilveren Front\nActief in de jaren 1969 – 2005\n(staakt-het-vuren sinds 1997)\nActief in het noorden\n\nHet Zilveren Front (ZF) is een groep.",
            "nl",
        ),
    ):
        doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang=lang)
        statements = extract_document(doc)
        dated = {s.subject for s in statements if s.prop == "date" and s.value == "1997"}
        quotes = {text[s.evidence.start : s.evidence.end] for s in statements if s.subject in dated}
        assert dated and any("1997" in q for q in quotes), (lang, quotes)


@pytest.mark.parametrize(
    "text",
    [
        "The Pale River Movement (PRM) is an armed group. The PRM carried out the 2014 Bamako hotel attack, which killed 20 people.",
        "The Pale River Movement (PRM) is an armed group. It claimed the 2015 Gao market bombing that killed 20 people.",
        "Le Mouvement de la Rivière Pâle est un groupe armé. Il a revendiqué l'attentat de Bamako de 2014, qui a fait 20 morts.",
        "De Bleke Rivier Beweging is een gewapende groep. Zij pleegde de aanslagen van 2014 op Gao, waarbij 20 doden vielen.",
    ],
)
def test_the_toll_told_right_after_an_incidents_name_is_its_toll(tmp_path: Path, text: str) -> None:
    events = _events_of(tmp_path, text)
    assert [(e["date"][:4], e["killed"]) for e in events] == [(events[0]["date"][:4], {"min": 20, "max": 20})]
    assert events[0]["date"] in ("2014", "2015")


def test_a_french_incident_named_in_a_sentence_of_other_dates_is_a_reference(tmp_path: Path) -> None:
    text = "Le Mouvement de la Rivière Pâle est un groupe armé. En 2019, un de ses membres a été condamné pour les attentats de Gao de 2014."
    assert [e["date"] for e in _events_of(tmp_path, text)] == ["2019"]


@pytest.mark.parametrize(
    "text",
    [
        "The Pale River Movement (PRM) is an armed group. On 12 May 2019 the PRM attacked a barracks in Gao. "
        "Fourteen soldiers died in the attack.",
        "Het Pale River Movement (PRM) is een gewapende groep. Op 12 mei 2019 pleegde de PRM een aanslag op een "
        "kazerne in Gao. Daarbij kwamen 14 soldaten om het leven.",
        "Le Pale River Movement (PRM) est un groupe armé. Le 12 mai 2019, le PRM a attaqué une caserne à Gao. "
        "Quatorze soldats ont été tués lors de l'attaque.",
    ],
)
def test_a_toll_told_in_the_next_sentence_of_the_attack_is_its_toll(tmp_path: Path, text: str) -> None:
    events = _events_of(tmp_path, text)
    assert [(e["date"], e["killed"]) for e in events] == [("2019-05-12", {"min": 14, "max": 14})]


def test_a_tables_column_of_the_dead_gives_each_rows_toll(tmp_path: Path) -> None:
    text = (
        "The Pale River Movement (PRM) is an armed group active in Mali.\n\nMajor attacks\n\n"
        "| Date | Place | Description | Killed |\n|---|---|---|---|\n"
        "| 12 May 2019 | Gao | Suicide bombing of an army barracks | 14 |\n"
        "| 3 June 2020 | Mopti | Ambush of a convoy | 9 |\n"
    )
    events = _events_of(tmp_path, text)
    assert sorted((e["date"], (e["killed"] or {}).get("min")) for e in events) == [
        ("2019-05-12", 14),
        ("2020-06-03", 9),
    ]


def test_a_table_without_a_column_of_the_dead_gives_no_toll(tmp_path: Path) -> None:
    text = (
        "The Pale River Movement (PRM) is an armed group active in Mali.\n\nMajor attacks\n\n"
        "| Date | Place | Description | Fighters |\n|---|---|---|---|\n"
        "| 12 May 2019 | Gao | Suicide bombing of an army barracks | 14 |\n"
    )
    assert [e["killed"] for e in _events_of(tmp_path, text)] == [None]
