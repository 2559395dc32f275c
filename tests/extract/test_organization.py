"""The profiled group: its name, and the other names a text gives it anywhere.

Documents are written for these tests; the groups are invented.
"""

from __future__ import annotations

import hashlib

import pytest

from dossier.extract import organization
from dossier.extract.context import Context
from dossier.model import Document


def _names(text: str) -> tuple[str, dict[str, str]]:
    ctx = Context.of(_doc(text))
    name, aliases = "", {}
    for s in organization.extract(ctx):
        assert ctx.text[s.evidence.start : s.evidence.end]  # every value is quoted from the text
        if s.prop == "name":
            name = s.value
        else:
            aliases[s.value] = s.qualifiers.get("kind", "")
    return name, aliases


def _doc(text: str) -> Document:
    return Document(id=hashlib.sha256(text.encode()).hexdigest(), path="test.txt", text=text, lang="en", title="")


RIVER_FRONT = """\
Name: Front for the Liberation of the Silver River (FLSR)

The Front for the Liberation of the Silver River (FLSR) is an invented armed group.
Its French name is the Front de Libération du Fleuve d'Argent (FLFA, FLSR), used in its leaflets.
Police reports call it the Front for Liberation of Silver River (FLSR) or simply FLSR (Silver River Liberation Front).
A court file spells it Front for the Liberation of the Silver Rivers.
A leaflet signed "Armed Front for the Liberation of the Silver River" was found in 2019.
The unrelated Front for the Liberation of the Golden Coast is a rival.
"""


def test_names_spelled_out_next_to_the_groups_acronym_are_its_names() -> None:
    name, aliases = _names(RIVER_FRONT)
    assert name == "Front for the Liberation of the Silver River"
    assert aliases["FLSR"] == "acronym"
    assert "Front for Liberation of Silver River" in aliases  # "NAME (FLSR)"
    assert "Silver River Liberation Front" in aliases  # "FLSR (NAME)"


def test_spelling_variants_and_one_added_word_are_found_but_not_a_rival() -> None:
    _name, aliases = _names(RIVER_FRONT)
    assert aliases.get("Front for the Liberation of the Silver Rivers") == "variant"
    assert aliases.get("Armed Front for the Liberation of the Silver River") == "variant"
    assert not any("Golden Coast" in a for a in aliases)


def test_a_name_then_its_renderings_then_or_acronym() -> None:
    text = (
        "The Eastern Salt Brigades (Brigadas de la Sal del Este, Brigades du Sel de l'Est), or ESB, "
        "are an invented group. The ESB was founded in 2001. The ESB attacked a depot.\n"
    )
    name, aliases = _names(text)
    assert "Brigadas de la Sal del Este" in aliases and "Brigades du Sel de l'Est" in aliases
    assert "ESB" in aliases


def test_a_news_headline_is_not_the_groups_name() -> None:
    text = (
        "Invented rebels regroup after their leader is sentenced\n\n"
        "OSLO, 3 March 2023 - The trial of the founder of the Northern Fjord Front has ended. "
        "The group, known by its initials NFF, was set up in 2011. Police say the Northern Fjord Front "
        "has about 100 members, and that the Northern Fjord Front will try to rebuild.\n"
    )
    name, aliases = _names(text)
    assert name == "Northern Fjord Front"
    assert aliases.get("NFF") == "acronym"


def test_a_question_and_answer_title_loses_its_subtitle() -> None:
    text = "# Coastal Guard Brigades (CGB): questions and answers\n\n**Q: What was the CGB?**\nA: An invented group.\n"
    name, aliases = _names(text)
    assert name == "Coastal Guard Brigades"
    assert aliases.get("CGB") == "acronym"


def test_glosses_renderings_and_script_lines_are_names() -> None:
    text = (
        "Jamaat al-Milh\n"
        "جماعة الملح\n"
        "Jamāʿat al-Milḥ\n\n"
        "Jamaat al-Milh[lower-alpha 1] (Arabic: جماعة الملح, transliteration: Jamāʿat al-Milḥ,[3] "
        '"Congregation of the Salt" or "Salt Assembly", an Arabic acronym for جماعة الملح العربية '
        "Jamāʿat al-Milḥ al-ʿArabiyya literally Arab Salt Congregation), frequently abbreviated JM, is an "
        "invented armed group. Its leaflets call it Jamaat al-Milh, meaning 'salt'. Jamaat al-Milh, "
        '"Gemeenschap van het Zout", is een gewapende groep. La Jamaat al-Milh (ou “communauté du sel”) est '
        "un groupe armé dont le nom signifie «Congrégation du sel» ; elle opère au Mali."
    )
    _name, aliases = _names(text)
    assert aliases.get("جماعة الملح") == "native_script"
    assert "Jamāʿat al-Milḥ" in aliases  # the romanised line under the one in Arabic
    assert "Congregation of the Salt" in aliases and "Salt Assembly" in aliases
    assert "جماعة الملح العربية" in aliases and "Jamāʿat al-Milḥ al-ʿArabiyya" in aliases
    assert aliases.get("Arab Salt Congregation") == "translation"
    assert "Gemeenschap van het Zout" in aliases  # a quoted rendering beside the name
    assert "communauté du sel" in aliases
    assert aliases.get("Congrégation du sel") == "translation"
    assert "salt" not in aliases  # what one word means is no name


def test_a_translation_beside_the_groups_own_acronym() -> None:
    text = (
        "The Salt River Northern Front (SRNF) is an invented armed group. A Dutch report names the Noordelijk "
        "Zoutrivierfront van het Noorden (SRNF); another mentions the Northern Hills (SRNF) only in passing."
    )
    _name, aliases = _names(text)
    assert "Noordelijk Zoutrivierfront van het Noorden" in aliases
    assert "Northern Hills" not in aliases  # two words do not translate a name of four letters


def test_the_name_a_group_had_before_it_became_known_by_its_own() -> None:
    text = (
        "The Salt Coast Front (SCF) is an invented armed group. In 1999 a smuggler organized a group called "
        "al-Milh wal-Bahr. In 2004, at which point al-Milh wal-Bahr became known as the Salt Coast Front, "
        "it joined a larger network. In 2008 the Salt Coast Front was renamed the Salt Coast Front of the South."
    )
    _name, aliases = _names(text)
    assert aliases.get("al-Milh wal-Bahr") == "former_name"
    assert not any(a.startswith("In ") for a in aliases)
    text = "Hill Gate Society\n\nJuly 1990 — Hill Gate no Kai is renamed Hill Gate Society.\nThe Hill Gate Society is a cult."
    assert _names(text)[1].get("Hill Gate no Kai") == "former_name"
    text = "The Silver Front (SF) is an invented armed group. In 2010 the group was renamed the Silver Front."
    assert not any("group" in a or "2010" in a for a in _names(text)[1])


def test_a_french_name_in_lower_case_beside_the_dotted_acronym() -> None:
    text = (
        "Annonce par l'A.L.C. de la fin de la lutte\n\nLe 28, l'Armée libre côtière (A.L.C.) annonce la fin "
        "de la lutte armée. L'A.L.C. avait été fondée en 1970. L'A.L.C. a tué des centaines de personnes."
    )
    name, aliases = _names(text)
    assert "Armée libre côtière" in aliases or name == "Armée libre côtière", (name, aliases)


def test_a_title_with_the_peoples_adjective_names_the_group() -> None:
    text = "The Norwegian Kestrels\n\nThe Kestrels are an armed group in the hills. The Kestrels attack roads."
    doc = Document(
        id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en", title="The Norwegian Kestrels"
    )
    ctx = Context.of(doc)
    names = {s.value for s in organization.extract(ctx)}
    assert "Kestrels" in names and "Norwegian Kestrels" in names, names


def test_a_title_of_two_names_joined_by_a_slash_names_the_group_in_both() -> None:
    text = (
        "Brigate d'Argento / Silver Brigades\n\nFormed in 1969, the Silver Brigades sought a state. "
        "The Silver Brigades kidnapped judges. Brigate d'Argento had about 50 militants."
    )
    name, aliases = _names(text)
    assert name == "Silver Brigades" and aliases.get("Brigate d'Argento") == "translation", (name, aliases)


def test_a_site_after_a_slash_is_no_name() -> None:
    text = (
        "Silver Brigades / Hill News\n\nThe Silver Brigades are an armed group. The Silver Brigades kidnapped judges."
    )
    doc = Document(
        id=hashlib.sha256(text.encode()).hexdigest(), path="t.txt", text=text, lang="en", publisher="Hill News"
    )
    names = {s.value for s in organization.extract(Context.of(doc))}
    assert "Hill News" not in names, names


LOOSE_TEXT = (
    "The Pale River Movement, the PALE-RIVER movement, pale’river  Movement and PaleRiver Movement; "
    "the Pale  River Movementist, Pale River Pale River Movement, Pále River, PÁLE RIVER, "
    "the Rivière Pâle, la RIVIÈRE PÂLE, Straße Front, STRASSE FRONT, Kızıl Ordu, KIZIL ORDU, Pale"
)
LOOSE_NAMES = ["Pale River Movement", "pale-river", "Pale River Pale", "Rivière Pâle", "Straße Front", "Kizil Ordu"]
LOOSE_NAMES += ["Kızıl Ordu", "Ḥamās Front", "Pale", "- ’", "e", "Movement’s"]


def test_loose_spellings_are_found_where_the_regex_finds_them() -> None:
    texts = [LOOSE_TEXT, LOOSE_TEXT.replace("Kızıl", "Kizil"), LOOSE_TEXT.replace("ı", "i")[7:60]]
    for text in texts:
        for name in LOOSE_NAMES:
            pattern = organization._spelled_loosely(name)
            assert list(organization._loosely_spelled_ends(name, text)) == [m.end() for m in pattern.finditer(text)]
            for pos in range(len(text)):
                m = pattern.match(text, pos)
                here = list(organization._loosely_spelled_ends(name, text, pos, here=True))
                assert here == ([m.end()] if m else []), (name, pos)


@pytest.mark.parametrize(
    "text",
    [
        # A cue of another name after the definition of the group, whose own name has capitals.
        "The Silver Front (SF) is an armed group, also referred to as Harakat al-Fidda.",
        "The Silver Front (SF), sometimes called Harakat al-Fidda, is an armed group.",
        "Le Front d'Argent (FA), dit aussi Harakat al-Fidda, est un groupe armé.",
        "Het Zilveren Front (ZF) is een gewapende groep, ook bekend onder de naam Harakat al-Fidda.",
    ],
)
def test_another_name_told_after_the_definition(text: str) -> None:
    assert "Harakat al-Fidda" in _names(text)[1]


def test_a_name_given_for_another_group_is_not_the_groups() -> None:
    assert (
        "Harakat al-Fidda"
        not in _names("The Silver Front (SF) joined the Copper Army, also known as Harakat al-Fidda.")[1]
    )


@pytest.mark.parametrize("lines", [True, False])
def test_an_aka_label_with_full_stops_opens_the_list_of_names(lines: bool) -> None:
    names = ["Al Fadhireen", "Army of the Silver", "Army of the Silver and Bright", "Silver e-Front"]
    listed = (";\n" if lines else "; ").join(names)
    text = f"Silver Front (SF)\n\na.k.a. {listed};\n\nDescription SF began as the armed wing of a charity.\n"
    _name, aliases = _names(text)
    assert set(names) <= set(aliases)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("Jamaat ul-Noor and Al Fodhireen", {"Jamaat ul-Noor", "Al Fodhireen"}),
        ("Harakat al-Fidda en Jaish al-Noor", {"Harakat al-Fidda", "Jaish al-Noor"}),
        ("Army of the Silver and Bright", {"Army of the Silver and Bright"}),
        ("Front for Unity and Silver Jihad", {"Front for Unity and Silver Jihad"}),
        ("The Unity and Silver Jihad Group", {"The Unity and Silver Jihad Group"}),
    ],
)
def test_two_names_joined_by_and_in_a_list_of_names(item: str, expected: set[str]) -> None:
    text = f"Silver Front (SF)\n\nAliases: Pale River Movement; {item}; Grey Hand\n"
    _name, aliases = _names(text)
    assert expected <= set(aliases)
    assert (item in aliases) == (expected == {item})
