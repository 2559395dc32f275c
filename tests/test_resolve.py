"""Resolution of persons and organisations: spellings, languages, acronyms, judgements.

Every name here is invented for the tests. Each mention is built from one-line
statements, as the extractors would make them, and resolved with `resolve()`.
"""

from __future__ import annotations

from typing import Any

import pytest

from dossier.model import Evidence, Schema, Statement
from dossier.resolve import resolve
from dossier.resolve.names import cognate, skeleton, translit
from dossier.store import open_store


def st(key: str, prop: str, value: str, **qualifiers: Any) -> Statement:
    schema = Schema(key.split(":", 1)[0])
    return Statement(key, schema, prop, value, Evidence(key.split(":")[1], 0, 1), "test", qualifiers)


def person(doc: str, slug: str, name: str, *aliases: str | tuple[str, str]) -> list[Statement]:
    key = f"Person:{doc}:{slug}"
    out = [st(key, "name", name)]
    for alias in aliases:
        value, kind = alias if isinstance(alias, tuple) else (alias, "alias")
        out.append(st(key, "alias", value, kind=kind))
    return out


def org(doc: str, slug: str, name: str, *aliases: str | tuple[str, str]) -> list[Statement]:
    key = f"Organization:{doc}:{slug}"
    out = [st(key, "name", name)]
    for alias in aliases:
        value, kind = alias if isinstance(alias, tuple) else (alias, "alias")
        out.append(st(key, "alias", value, kind=kind))
    return out


def entities(statements: list[Statement], judgements: list[tuple[str, str, str]] | None = None) -> dict[str, str]:
    return {key: entity for key, entity, _r, _s in resolve(statements, judgements or [])}


def same(ents: dict[str, str], *keys: str) -> bool:
    return len({ents[k] for k in keys}) == 1


# -- names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [("abou", "abu"), ("zeid", "zayd"), ("zeid", "zaid"), ("yahia", "yahya"), ("abdelkarim", "abdulkarim"),
     ("hammadi", "hamadi"), ("youssef", "yusef"), ("ubaidah", "ubayda"), ("djamel", "jamel")],
)  # fmt: skip
def test_transliteration_keys_meet(a: str, b: str) -> None:
    assert translit(a) == translit(b)


def test_organisation_plural_endings_meet() -> None:
    keys = {translit(w, org=True) for w in ("mourasiloun", "murasileen", "murasilun", "murasilin")}
    assert len(keys) == 1


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("islamic", "islamitische", True), ("state", "staat", True), ("armed", "armee", True),
     ("group", "groupe", True), ("popular", "populaire", True), ("valley", "river", False), ("north", "nord", False)],
)  # fmt: skip
def test_cognates(a: str, b: str, expected: bool) -> None:
    assert cognate(a, b) is expected


def test_skeleton_keeps_first_letter_and_consonants() -> None:
    assert skeleton("sahara") == skeleton("sahra") == "shr"


# -- persons -----------------------------------------------------------------------


def test_transliteration_variants_of_a_person_join() -> None:
    sts = (
        person("d1", "a", "Karim Abou El-Haddad")
        + person("d2", "b", "Karim Abu al-Hadad")
        + person("d3", "c", "Kareem Abu Haddad")
        + person("d4", "d", "Nasser Abdel Qadir Zeid")
        + person("d5", "e", "Nasser Abd al-Qadir Zayd")
        + person("d6", "f", "Yahia Tounsi")
        + person("d7", "g", "Yahya Tounsi")
    )
    ents = entities(sts)
    assert same(ents, "Person:d1:a", "Person:d2:b")
    assert same(ents, "Person:d4:d", "Person:d5:e")
    assert same(ents, "Person:d6:f", "Person:d7:g")
    assert not same(ents, "Person:d1:a", "Person:d4:d")


def test_spacing_and_hyphens_do_not_matter() -> None:
    ents = entities(person("d1", "a", "Abdelwahid Ferhani") + person("d2", "b", "Abdel-Wahid Ferhani"))
    assert same(ents, "Person:d1:a", "Person:d2:b")


def test_name_order_and_one_slip_in_a_long_surname() -> None:
    sts = (
        person("d1", "a", "Salim Bentoumira")
        + person("d2", "b", "Bentoumira Salim")
        + person("d3", "c", "Salim Bentuomira")
        + person("d4", "d", "Karim Hadi")
        + person("d5", "e", "Karim Hami")
    )
    ents = entities(sts)
    assert same(ents, "Person:d1:a", "Person:d2:b", "Person:d3:c")
    assert not same(ents, "Person:d4:d", "Person:d5:e")  # a slip in a short word is another name


def test_a_shared_common_word_is_never_enough() -> None:
    sts = (
        person("d1", "a", "Abu Talal al-Marzuqi")
        + person("d2", "b", "Abu Talal al-Tahiri")
        + person("d3", "c", "Abu Faris")
        + person("d4", "d", "Abu Nadim")
        + person("d5", "e", "Mohamed Zarouali")
        + person("d6", "f", "Mohamed Benhadda")
    )
    ents = entities(sts)
    assert len(set(ents.values())) == 6


def test_a_stated_alias_joins_the_person() -> None:
    sts = person("d1", "a", "Karim Haddouche", "Abu Yasir al-Qarni") + person("d2", "b", "Abou Yasir el-Qarni")
    ents = entities(sts)
    assert same(ents, "Person:d1:a", "Person:d2:b")


def test_a_surname_alone_joins_one_full_name_but_never_two() -> None:
    one = person("d1", "a", "Salim Bentoumira") + person("d2", "b", "Bentoumira")
    assert same(entities(one), "Person:d1:a", "Person:d2:b")
    two = one + person("d3", "c", "Nadir Bentoumira")
    ents = entities(two)
    assert len(set(ents.values())) == 3


def test_a_shared_surname_alias_does_not_join_two_full_names() -> None:
    sts = person("d1", "a", "Salim Bentoumira", ("Bentoumira", "surname")) + person(
        "d2", "b", "Nadir Bentoumira", ("Bentoumira", "surname")
    )
    assert not same(entities(sts), "Person:d1:a", "Person:d2:b")


def test_a_kunya_alone_joins_the_one_person_who_bears_it() -> None:
    sts = person("d1", "a", "Abdelhakim Abou Nasr") + person("d2", "b", "Abu Nasr")
    assert same(entities(sts), "Person:d1:a", "Person:d2:b")
    sts += person("d3", "c", "Rachid Abu Nasr")
    assert len(set(entities(sts).values())) == 3


# -- organisations -------------------------------------------------------------------


def test_transliterations_and_unit_words_of_a_group_join() -> None:
    sts = org("d1", "a", "Al-Mourasiloun") + org("d2", "b", "Al-Murasileen") + org("d3", "c", "al-Murasilun Battalion")
    ents = entities(sts)
    assert same(ents, "Organization:d1:a", "Organization:d2:b", "Organization:d3:c")


def test_translations_join() -> None:
    sts = (
        org("d1", "a", "Front Populaire Révolutionnaire", ("FPR", "acronym"))
        + org("d2", "b", "Revolutionary Popular Front")
        + org("d3", "c", "Islamitische Jihad Unie")
        + org("d4", "d", "Islamic Jihad Union")
    )
    ents = entities(sts)
    assert same(ents, "Organization:d1:a", "Organization:d2:b")
    assert same(ents, "Organization:d3:c", "Organization:d4:d")
    assert not same(ents, "Organization:d1:a", "Organization:d3:c")


def test_an_acronym_alone_joins_the_one_name_it_spells() -> None:
    sts = org("d1", "a", "Union of Northern Valleys") + org("d2", "b", "UNV")
    assert same(entities(sts), "Organization:d1:a", "Organization:d2:b")


def test_one_word_off_in_a_long_name_but_not_a_place_or_direction() -> None:
    sts = (
        org("d1", "a", "Movement for Justice and Renewal in the Eastern Hills")
        + org("d2", "b", "Movement for Justice and Revival in the Eastern Hills")
        + org("d3", "c", "Movement for Justice and Renewal in the Western Hills")
        + org("d4", "d", "Council of Free Fighters of Mali Province")
        + org("d5", "e", "Council of Free Fighters of Niger Province")
    )
    ents = entities(sts)
    assert same(ents, "Organization:d1:a", "Organization:d2:b")
    assert not same(ents, "Organization:d1:a", "Organization:d3:c")
    assert not same(ents, "Organization:d4:d", "Organization:d5:e")


def test_sub_units_stay_apart_from_the_parent() -> None:
    sts = (
        org("d1", "a", "Front of the Rising Dawn")
        + org("d2", "b", "Front of the Rising Dawn in the Eastern Valleys")
        + org("d3", "c", "Al-Nasiriyun")
        + org("d4", "d", "Nasiriyun")
        + org("d5", "e", "Nasiriyun Brigade")
        + [st("Organization:d5:e", "relation", "Organization:d5:p", type="subunit_of")]
        + org("d5", "p", "Nasiriyoun")
        + org("d6", "f", "Islamic Emirate Province of the Coast")
        + org("d7", "g", "Islamic Emirate Province of the Mountains")
    )
    ents = entities(sts)
    assert not same(ents, "Organization:d1:a", "Organization:d2:b")
    assert not same(ents, "Organization:d3:c", "Organization:d4:d")  # a leading article is part of the name
    assert not same(ents, "Organization:d5:e", "Organization:d5:p")  # the document says one is a unit of the other
    assert not same(ents, "Organization:d6:f", "Organization:d7:g")


# -- decisions as data ---------------------------------------------------------------


def test_every_row_has_a_reason_and_a_score() -> None:
    sts = (
        person("d1", "a", "Karim Abou El-Haddad") + person("d2", "b", "Karim Abu al-Hadad") + org("d1", "o", "Red Hill")
    )
    rows = {key: (reason, score) for key, _e, reason, score in resolve(sts)}
    assert rows["Person:d2:b"][0].startswith("transliteration variant")
    assert 0 < rows["Person:d2:b"][1] < 1
    assert rows["Organization:d1:o"] == ("only mention", 1.0)


def test_judgements_override_the_rules() -> None:
    sts = (
        person("d1", "a", "Karim Abou El-Haddad")
        + person("d2", "b", "Karim Abu al-Hadad")
        + person("d3", "c", "Lina Sorel")
    )
    judged = [("Person:d1:a", "Person:d2:b", "negative"), ("Person:d1:a", "Person:d3:c", "positive")]
    ents = entities(sts, judged)
    assert not same(ents, "Person:d1:a", "Person:d2:b")
    assert same(ents, "Person:d1:a", "Person:d3:c")


def test_judgements_in_a_real_store_survive_resolution(tmp_path) -> None:
    sts = person("d1", "a", "Karim Abou El-Haddad") + person("d2", "b", "Karim Abu al-Hadad")
    with open_store(tmp_path / "kb.db") as store:
        store.judge_many([("Person:d1:a", "Person:d2:b")], "negative")
        store.replace_resolution(resolve(sts, store.judgements()))
        ents = store.resolution()
    assert ents["Person:d1:a"] != ents["Person:d2:b"]


def test_resolution_grows_near_linearly() -> None:
    """Blocking: many distinct names resolve without comparing every pair (a size check, not a timing)."""
    sts = []
    for i in range(3000):
        given, family = f"Given{i % 97:02d}x", f"Family{i:04d}zz"
        sts += person(f"d{i}", "p", f"{given} {family}".replace("0", "o").replace("1", "l"))
    ents = entities(sts)
    assert len(set(ents.values())) > 2000


def _cases() -> list[dict[str, str]]:
    import csv
    from pathlib import Path

    with (Path(__file__).parent / "resolve_cases.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("case", _cases(), ids=lambda c: f"{c['name_a']}~{c['name_b']}")
def test_name_cases(case: dict[str, str]) -> None:
    make = person if case["kind"] == "person" else org
    statements = make("d1", "a", case["name_a"]) + make("d2", "b", case["name_b"])
    ents = entities(statements)
    kind = "Person" if case["kind"] == "person" else "Organization"
    assert same(ents, f"{kind}:d1:a", f"{kind}:d2:b") is (case["same"] == "true"), case["why"]


# -- a translated name that shares no word: the same founder ----------------------


def _profile(doc: str, name: str, founder: str, *extra: Statement) -> list[Statement]:
    key = f"Organization:{doc}:main"
    person_key = f"Person:{doc}:founder"
    return [*org(doc, "main", name), *person(doc, "founder", founder), st(key, "founder", person_key), *extra]


def test_a_name_in_one_document_joins_the_group_its_founder_founded() -> None:
    statements = [
        *_profile("d1", "Glowing Road", "Tomasz Verdalek"),
        *_profile("d2", "Glowing Road", "Tomasz Verdalek"),
        *_profile("d3", "Gloeiende Weg", "Tomasz Verdalek"),
    ]
    ents = entities(statements)
    assert same(ents, "Organization:d1:main", "Organization:d2:main", "Organization:d3:main")


def test_a_founder_of_a_splinter_does_not_join_it_to_its_parent() -> None:
    splinter = "Organization:d3:main"
    statements = [
        *_profile("d1", "Glowing Road", "Tomasz Verdalek"),
        *_profile("d2", "Glowing Road", "Tomasz Verdalek"),
        *_profile(
            "d3", "Road of Dawn", "Tomasz Verdalek",
            *org("d3", "parent", "Glowing Road"),
            st(splinter, "relation", "Organization:d3:parent", type="splinter_of"),
        ),
    ]  # fmt: skip
    ents = entities(statements)
    assert not same(ents, "Organization:d1:main", splinter)


def test_a_dutch_compound_is_the_english_words_written_together() -> None:
    statements = [*org("d1", "a", "Gentle Sisterhood"), *org("d2", "b", "Zachtezusterschap")]
    assert not same(entities(statements), "Organization:d1:a", "Organization:d2:b")  # not cognates
    statements = [*org("d1", "a", "Moravian Brotherhood"), *org("d2", "b", "Moravischbroederschap")]
    assert same(entities(statements), "Organization:d1:a", "Organization:d2:b")


def test_a_peoples_adjective_before_a_name_says_where_unless_it_tells_two_groups_apart() -> None:
    statements = [*org("d1", "a", "Kestrel Order"), *org("d2", "b", "Egyptian Kestrel Order")]
    assert same(entities(statements), "Organization:d1:a", "Organization:d2:b")
    statements.extend(org("d3", "c", "Jordanian Kestrel Order"))
    ents = entities(statements)
    assert not same(ents, "Organization:d1:a", "Organization:d2:b")
    assert not same(ents, "Organization:d2:b", "Organization:d3:c")


def test_a_part_a_group_split_into_may_be_the_group_under_another_name() -> None:
    part = "Organization:d1:part"
    statements = [
        *org("d1", "main", "Silver Front"),
        *org("d1", "part", "Combatant Hill Party", ("CHP", "acronym")),
        st(part, "relation", "Organization:d1:main", type="splinter_of", part=True),
        *org("d2", "main", "Silver Front", "Hill Combatant Party"),
    ]
    ents = entities(statements)
    assert same(ents, part, "Organization:d2:main")


def test_a_nom_de_guerre_joins_the_person_who_goes_by_it(tmp_path: Any) -> None:
    from kb_helpers import grounded_export

    first = (
        "The Silver Front (SF) is an armed group founded in 1993.\n\n"
        "A circle of younger militants, including the linkman Karim Haddad (widely known as Tarqan), rejected the truce.\n"
    )
    second = (
        "The Silver Front (SF) is an armed group.\n\n"
        "With 100 suspected SF members including Tarqan, its operational chief, in custody, the SF is weaker.\n"
    )
    data = grounded_export(tmp_path, {"first.txt": first, "second.txt": second})
    holders = [p for p in data["persons"] if "Tarqan" in {p["name"], *(a["value"] for a in p["aliases"])}]
    assert len(holders) == 1 and "Karim Haddad" in {holders[0]["name"], *(a["value"] for a in holders[0]["aliases"])}
