"""Synthetic profile documents about invented armed groups, for benchmarks.

`generate_corpus(out_dir, n, seed)` writes `n` documents (mostly .txt, a share
as simple .html) that look like the profiles dossier reads: a header of
fields in one of three layouts, sectioned prose, a leadership list and a dated
timeline, in English (~70%), Dutch (~25%) or French (~5%). Every group, person
and town name is composed from syllables or word pools, so no real group or
person is named; country names are real. Output depends only on `seed` (each
document has its own `random.Random`, so document i is the same for any n).

    python bench/corpus.py OUT_DIR N [--seed S] [--html-share 0.1]
"""

from __future__ import annotations

import argparse
import html
import math
import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Lang = str  # "en" | "nl" | "fr"

# --------------------------------------------------------------------------
# Word pools
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    en: str
    nl: str
    fr: str
    fr_prep: str = "en"  # "au", "aux" or "en": the French locative preposition
    en_the: bool = False  # English takes "the" ("the Philippines")
    nl_de: bool = False  # Dutch takes "de" ("de Filipijnen")

    def name(self, lang: Lang) -> str:
        return str(getattr(self, lang))

    def definite(self, lang: Lang) -> str:
        """The form used inside a sentence ("the Philippines", "l'Algérie")."""
        if lang == "en":
            return f"the {self.en}" if self.en_the else self.en
        if lang == "nl":
            return f"de {self.nl}" if self.nl_de else self.nl
        if self.fr_prep == "au":
            return f"le {self.fr}"
        if self.fr_prep == "aux":
            return f"les {self.fr}"
        return f"l'{self.fr}" if self.fr[0] in "AEIOUÉ" else f"la {self.fr}"

    def locative(self, lang: Lang) -> str:
        """ "in Mali", "in de Filipijnen", "au Mali", "en Algérie"."""
        if lang == "fr":
            return f"{self.fr_prep} {self.fr}"
        return f"in {self.definite(lang)}"


COUNTRIES: tuple[Country, ...] = (
    Country("Mali", "Mali", "Mali", "au"),
    Country("Niger", "Niger", "Niger", "au"),
    Country("Nigeria", "Nigeria", "Nigeria", "au"),
    Country("Algeria", "Algerije", "Algérie"),
    Country("Libya", "Libië", "Libye"),
    Country("Chad", "Tsjaad", "Tchad", "au"),
    Country("Burkina Faso", "Burkina Faso", "Burkina Faso", "au"),
    Country("Mauritania", "Mauritanië", "Mauritanie"),
    Country("Morocco", "Marokko", "Maroc", "au"),
    Country("Tunisia", "Tunesië", "Tunisie"),
    Country("Egypt", "Egypte", "Égypte"),
    Country("Sudan", "Soedan", "Soudan", "au"),
    Country("South Sudan", "Zuid-Soedan", "Soudan du Sud", "au"),
    Country("Somalia", "Somalië", "Somalie"),
    Country("Ethiopia", "Ethiopië", "Éthiopie"),
    Country("Kenya", "Kenia", "Kenya", "au"),
    Country("Uganda", "Oeganda", "Ouganda"),
    Country(
        "Democratic Republic of the Congo",
        "Democratische Republiek Congo",
        "République démocratique du Congo",
        "en",
        True,
        True,
    ),
    Country(
        "Central African Republic",
        "Centraal-Afrikaanse Republiek",
        "République centrafricaine",
        "en",
        True,
        True,
    ),
    Country("Cameroon", "Kameroen", "Cameroun", "au"),
    Country("Mozambique", "Mozambique", "Mozambique", "au"),
    Country("Yemen", "Jemen", "Yémen", "au"),
    Country("Syria", "Syrië", "Syrie"),
    Country("Iraq", "Irak", "Irak"),
    Country("Lebanon", "Libanon", "Liban", "au"),
    Country("Jordan", "Jordanië", "Jordanie"),
    Country("Saudi Arabia", "Saoedi-Arabië", "Arabie saoudite"),
    Country("Iran", "Iran", "Iran"),
    Country("Turkey", "Turkije", "Turquie"),
    Country("Afghanistan", "Afghanistan", "Afghanistan"),
    Country("Pakistan", "Pakistan", "Pakistan", "au"),
    Country("India", "India", "Inde"),
    Country("Bangladesh", "Bangladesh", "Bangladesh", "au"),
    Country("Philippines", "Filipijnen", "Philippines", "aux", True, True),
    Country("Indonesia", "Indonesië", "Indonésie"),
    Country("Colombia", "Colombia", "Colombie"),
    Country("Peru", "Peru", "Pérou", "au"),
    Country("Mexico", "Mexico", "Mexique", "au"),
    Country("Sri Lanka", "Sri Lanka", "Sri Lanka", "au"),
    Country("Myanmar", "Myanmar", "Birmanie"),
)

MONTHS: dict[Lang, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}

# Syllables for invented places, people and ethnonyms.
_ONSETS = (
    "Kar",
    "Vel",
    "Tam",
    "Or",
    "Zan",
    "Bel",
    "Mok",
    "Ser",
    "Ud",
    "Nar",
    "Hal",
    "Dra",
    "Ila",
    "Mes",
    "Tor",
    "Kes",
    "Ru",
    "Sal",
    "Ven",
    "Gal",
    "Osh",
    "Tir",
    "Ambr",
    "Quel",
    "Yar",
    "Lom",
    "Pel",
    "Ebr",
    "Vash",
    "Zor",
)
_MIDDLES = ("a", "o", "i", "e", "u", "ra", "ve", "li", "na", "mo", "", "", "")
_PLACE_ENDS = (
    "nia",
    "stan",
    "mora",
    "land",
    "var",
    "ndi",
    "ssa",
    "ria",
    "dor",
    "kesh",
    "bad",
    "wa",
    "zia",
    "mir",
    "gal",
    "tera",
    "ruk",
)
_TOWN_ENDS = ("ka", "bou", "ndo", "ye", "ssi", "ran", "gou", "lat", "mba", "dine", "kro", "ssar", "wen", "ta")
_NISBA_ENDS = ("awi", "ani", "iri", "ouni", "abi", "ashi", "uri")
_SURNAME_ENDS = {
    "fr": ("ndé", "goulou", "mbaye", "kessou", "baré", "ntamo", "lowé"),
    "es": ("era", "edo", "ales", "oza", "ino", "ada", "ueña"),
    "af": ("ondo", "ungu", "emba", "iruka", "asani", "ombe", "atiri"),
}

GIVEN = {
    "ar": (
        "Hamza",
        "Yusuf",
        "Ibrahim",
        "Bakr",
        "Omar",
        "Khalid",
        "Suleiman",
        "Idris",
        "Talha",
        "Anas",
        "Harun",
        "Musa",
        "Zakariya",
        "Ilyas",
        "Qasim",
        "Hudhayfa",
    ),
    "fr": (
        "Jean",
        "Pierre",
        "Jean-Baptiste",
        "Michel",
        "Emmanuel",
        "Joseph",
        "Alain",
        "Didier",
        "Serge",
        "Patrice",
    ),
    "es": ("Pedro", "Carlos", "Luis", "Manuel", "Jorge", "Andrés", "Miguel", "Rafael"),
    "af": ("Joseph", "Samuel", "Ali", "Moussa", "Ibrahima", "Daniel", "Amadou", "Hassan"),
}

# Group name parts: (en, nl, nl gender "de"/"het", fr, fr gender "m"/"f", fr plural)
NOUNS: tuple[tuple[str, str, str, str, str, bool], ...] = (
    ("Front", "Front", "het", "Front", "m", False),
    ("Movement", "Beweging", "de", "Mouvement", "m", False),
    ("Brigades", "Brigades", "de", "Brigades", "f", True),
    ("Army", "Leger", "het", "Armée", "f", False),
    ("Council", "Raad", "de", "Conseil", "m", False),
    ("Union", "Unie", "de", "Union", "f", False),
    ("Forces", "Strijdkrachten", "de", "Forces", "f", True),
    ("Group", "Groep", "de", "Groupe", "m", False),
    ("Battalions", "Bataljons", "de", "Bataillons", "m", True),
)
# (en, nl base, nl inflected, fr m, fr f, fr m pl, fr f pl)
ADJECTIVES: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("Islamic", "Islamitisch", "Islamitische", "islamique", "islamique", "islamiques", "islamiques"),
    (
        "Revolutionary",
        "Revolutionair",
        "Revolutionaire",
        "révolutionnaire",
        "révolutionnaire",
        "révolutionnaires",
        "révolutionnaires",
    ),
    ("People's", "Volks", "Volks", "populaire", "populaire", "populaires", "populaires"),
    ("National", "Nationaal", "Nationale", "national", "nationale", "nationaux", "nationales"),
    (
        "Democratic",
        "Democratisch",
        "Democratische",
        "démocratique",
        "démocratique",
        "démocratiques",
        "démocratiques",
    ),
    ("United", "Verenigd", "Verenigde", "uni", "unie", "unis", "unies"),
    (
        "Patriotic",
        "Patriottisch",
        "Patriottische",
        "patriotique",
        "patriotique",
        "patriotiques",
        "patriotiques",
    ),
)
REGION_WORDS = {  # (en, nl, fr) wrapped around an invented place name
    "plain": ("{p}", "{p}", "{p}"),
    "north": ("Northern {p}", "Noord-{p}", "{p} du Nord"),
    "east": ("Eastern {p}", "Oost-{p}", "{p} oriental"),
    "delta": ("the {p} Delta", "de {p}-delta", "delta du {p}"),
    "highlands": ("the {p} Highlands", "de Hooglanden van {p}", "hauts plateaux du {p}"),
    "valley": ("the {p} Valley", "de {p}-vallei", "vallée du {p}"),
}
STOPWORDS = {
    "of",
    "for",
    "the",
    "in",
    "van",
    "voor",
    "de",
    "het",
    "du",
    "des",
    "la",
    "le",
    "l",
    "pour",
    "d",
    "et",
    "and",
    "en",
}


_VOWELS = set("aeiouéAEIOU")


def compose(rng: random.Random, *pools: Sequence[str]) -> str:
    """A word from one syllable of each pool, smoothing clashes at the joins:
    two vowels lose one, two consonants get a vowel between them."""
    word = ""
    for pool in pools:
        part = rng.choice(pool)
        if word and part:
            if word[-1] in _VOWELS and part[0] in _VOWELS:
                part = part[1:]
            elif word[-1] not in _VOWELS and part[0] not in _VOWELS:
                part = rng.choice("aeiou") + part
        word += part
    return word.capitalize()


def invented_place(rng: random.Random) -> str:
    while True:
        name = compose(rng, _ONSETS, _MIDDLES, _PLACE_ENDS)
        if all(name != c.en for c in COUNTRIES) and len(name) >= 5:
            return name


def invented_town(rng: random.Random) -> str:
    return compose(rng, _ONSETS, _MIDDLES, _TOWN_ENDS)


def invented_people(rng: random.Random) -> str:
    """An ethnonym, e.g. "Velmori"."""
    return rng.choice(_ONSETS) + rng.choice(("a", "e", "o")) + rng.choice(("ri", "ni", "shi", "ti"))


def acronym(name: str) -> str:
    words = re.findall(r"[\w'’]+", name)
    letters = [w[0].upper() for w in words if w.lower().strip("'") not in STOPWORDS]
    return "".join(letters)


_FR_FIXES = (
    (" à le ", " au "),
    (" à les ", " aux "),
    (" de le ", " du "),
    (" de les ", " des "),
    (" de un ", " d'un "),
    (" de une ", " d'une "),
)


def _fix_fr(s: str) -> str:
    """French contractions after filling slots: "à le Front" -> "au Front", "de Abu" -> "d'Abu"."""
    for a, b in _FR_FIXES:
        s = s.replace(a, b)
    s = re.sub(r"\bde ([AEIOUÉaeiouéè])", r"d'\1", s)
    return re.sub(r"\bque ([AEIOUÉ])", r"qu'\1", s)


@dataclass(frozen=True)
class Group:
    names: dict[Lang, str]  # the name as each language writes it
    definites: dict[Lang, str]  # with its article, for prose: "the ...", "het ...", "le ..."
    place: str  # the invented place in the name

    def name(self, lang: Lang) -> str:
        return self.names[lang]

    def acr(self, lang: Lang) -> str:
        return acronym(self.names[lang])

    def ref(self, lang: Lang) -> str:
        """The name as it appears inside a sentence."""
        return self.definites[lang]


def invented_group(rng: random.Random) -> Group:
    """A group name composed from word pools, rendered in en, nl and fr."""
    en_n, nl_n, nl_gen, fr_n, fr_gen, fr_pl = rng.choice(NOUNS)
    adjs = rng.sample(ADJECTIVES, rng.choice((0, 1, 1, 2)))
    if en_n == "Union":  # no "United Union"
        adjs = [a for a in adjs if a[0] != "United"]
    region = REGION_WORDS[rng.choice(list(REGION_WORDS))]
    place = invented_place(rng)
    en_place, nl_place, fr_place = (r.format(p=place) for r in region)
    liberation = rng.random() < 0.35
    pattern = rng.choice(("of", "of", "prefix") if not liberation else ("of",))
    if pattern == "prefix" and en_place.startswith("the "):
        pattern = "of"

    # English
    en_core = " ".join([a[0] for a in adjs] + [en_n])
    if liberation:
        en = f"{en_core} for the Liberation of {en_place}"
    elif pattern == "prefix":
        en = f"{en_place} {en_core}"
    else:
        en = f"{en_core} of {en_place}"
    en = en[0].upper() + en[1:]

    # Dutch: "Volks" compounds with the noun; other adjectives inflect for "de" nouns.
    nl_noun = nl_n
    nl_adjs: list[str] = []
    for a in adjs:
        if a[1] == "Volks":
            nl_noun = "Volks" + nl_noun.lower()
        else:
            nl_adjs.append(a[2] if nl_gen == "de" else a[1])
    nl_core = " ".join(nl_adjs + [nl_noun])
    nl = f"{nl_core} {'voor de Bevrijding van' if liberation else 'van'} {nl_place}"
    nl = nl[0].upper() + nl[1:]

    # French: adjectives follow the noun and agree with it.
    idx = 3 + (fr_gen == "f") + 2 * fr_pl
    fr_core = " ".join([fr_n] + [a[idx] for a in adjs])
    fr = f"{fr_core} de libération de {fr_place}" if liberation else f"{fr_core} de {fr_place}"
    fr = fr.replace("de delta du", "du delta du").replace("de vallée du", "de la vallée du")
    fr = _fix_fr(fr.replace("de hauts plateaux", "des hauts plateaux"))
    if fr_pl:
        fr_def = f"les {fr}"
    elif fr_n[0] in "AEIOU":
        fr_def = f"l'{fr}"
    else:
        fr_def = f"{'la' if fr_gen == 'f' else 'le'} {fr}"
    nl_def = f"{'het' if nl_gen == 'het' else 'de'} {nl}"
    return Group({"en": en, "nl": nl, "fr": fr}, {"en": f"the {en}", "nl": nl_def, "fr": fr_def}, place)


@dataclass(frozen=True)
class Person:
    name: str
    role: dict[Lang, str]
    status: str  # in the document's language, e.g. "was killed in 2014"


def invented_person_name(rng: random.Random) -> str:
    style = rng.choices(("abu", "ar", "fr", "es", "af"), (4, 2, 2, 1, 2))[0]
    if style == "abu":
        return f"Abu {rng.choice(GIVEN['ar'])} al-{compose(rng, _ONSETS, ('', 'a', 'i'), _NISBA_ENDS)}"
    if style == "ar":
        link = rng.choice(("ould", "bin", "ag", "ibn"))
        return f"{rng.choice(GIVEN['ar'])} {link} {compose(rng, _ONSETS, _MIDDLES, _NISBA_ENDS)}"
    surname = compose(rng, _ONSETS, _MIDDLES, _SURNAME_ENDS[style])
    return f"{rng.choice(GIVEN[style])} {surname}"


ROLES: tuple[dict[Lang, str], ...] = (
    {"en": "leader", "nl": "leider", "fr": "chef"},
    {"en": "emir", "nl": "emir", "fr": "émir"},
    {"en": "military commander", "nl": "militair commandant", "fr": "commandant militaire"},
    {"en": "spokesman", "nl": "woordvoerder", "fr": "porte-parole"},
    {"en": "deputy leader", "nl": "plaatsvervangend leider", "fr": "chef adjoint"},
    {"en": "head of finance", "nl": "hoofd financiën", "fr": "responsable des finances"},
    {"en": "religious leader", "nl": "religieus leider", "fr": "chef religieux"},
    {
        "en": "commander of the northern sector",
        "nl": "commandant van de noordelijke sector",
        "fr": "commandant du secteur nord",
    },
)

STATUSES: dict[Lang, tuple[str, ...]] = {
    "en": (
        "was killed in {y}",
        "was killed in an air strike {loc} in {y}",
        "was arrested in {y}",
        "was arrested {loc} in {y}",
        "died in {y}",
        "is still at large",
        "has been in custody since {y}",
        "was sentenced to {k} years in prison in {y}",
        "remains active",
        "was released from prison in {y}",
    ),
    "nl": (
        "werd in {y} gedood",
        "kwam in {y} om het leven bij een luchtaanval {loc}",
        "werd in {y} gearresteerd",
        "werd in {y} {loc} gearresteerd",
        "overleed in {y}",
        "is nog steeds voortvluchtig",
        "zit sinds {y} vast",
        "werd in {y} veroordeeld tot {k} jaar gevangenisstraf",
        "is nog actief",
        "werd in {y} vrijgelaten",
    ),
    "fr": (
        "a été tué en {y}",
        "a été tué lors d'une frappe aérienne {loc} en {y}",
        "a été arrêté en {y}",
        "a été arrêté {loc} en {y}",
        "est mort en {y}",
        "est toujours en fuite",
        "est détenu depuis {y}",
        "a été condamné à {k} ans de prison en {y}",
        "est toujours actif",
        "a été libéré en {y}",
    ),
}

# --------------------------------------------------------------------------
# Sentence templates, per language and section
# --------------------------------------------------------------------------
# Slots: {name} {The_name} {acr} {Ref} {ref} {founder} {pname} {prole} {pstatus} {other}
# {c1} {c2} (countries inside a sentence) {c1n} (bare name) {loc1} {loc2} ("in Mali") {town}
# {y} {y2} {fy} {n} {k} {size} {amount} {aim} {income} {income2} {targets}
# {target} {victims}.

T: dict[str, dict[Lang, tuple[str, ...]]] = {
    "history": {
        "en": (
            "{Ref} emerged in {fy} from a split within {other}.",
            "Initially, {ref} operated mainly in the border region between {c1} and {c2}.",
            ("In {y}, {ref} expanded its operations to {c1}, where it attacked security forces and civilians alike."),
            "After the death of {pname} in {y}, the movement split into several rival factions.",
            "{Ref} is designated as a terrorist organisation by {c1} and {c2}.",
            "The stated aim of {ref} is {aim}.",
            "Between {y} and {y2}, {acr} carried out more than {n} attacks, most of them {loc1}.",
            "In {y}, {ref} pledged allegiance to {other}.",
            "Military operations led by {c1} since {y} have considerably weakened {ref}.",
            "Its strength has been estimated at {size} fighters.",
            "Recruitment takes place mainly among young men from {town} and the surrounding districts.",
            ("During the {y} elections {loc1}, {acr} called for a boycott and attacked several polling stations."),
            "The first public statement of the group, issued in {y}, denounced the government of {c1}.",
            ("Local sources in {town} report that {ref} controls parts of the countryside, especially at night."),
            ("Analysts disagree on whether {acr} still has a central command or has become a loose network of cells."),
        ),
        "nl": (
            "{Ref} ontstond in {fy} na een afsplitsing van {other}.",
            "Aanvankelijk was {ref} vooral actief in het grensgebied tussen {c1} en {c2}.",
            (
                "In {y} breidde {ref} de activiteiten uit naar {c1}, waar aanslagen "
                "werden gepleegd op veiligheidstroepen en burgers."
            ),
            "Na de dood van {pname} in {y} viel de beweging uiteen in verschillende rivaliserende facties.",
            "{Ref} staat in {c1} en {c2} op de lijst van terroristische organisaties.",
            "Het doel van {ref} is {aim}.",
            "Tussen {y} en {y2} pleegde {acr} meer dan {n} aanslagen, de meeste daarvan {loc1}.",
            "In {y} zwoer {ref} trouw aan {other}.",
            "Militaire operaties onder leiding van {c1} hebben {ref} sinds {y} aanzienlijk verzwakt.",
            "De omvang wordt geschat op {size} strijders.",
            "De rekrutering vindt vooral plaats onder jonge mannen uit {town} en omgeving.",
            ("Lokale bronnen in {town} melden dat {ref} delen van het platteland controleert, vooral 's nachts."),
            "De eerste openbare verklaring van de groep, uit {y}, was gericht tegen de regering van {c1}.",
            "Analisten zijn het er niet over eens of {acr} nog een centrale leiding heeft.",
        ),
        "fr": (
            "Le groupe est issu d'une scission au sein de {other} en {fy}.",
            "Au départ, le groupe opérait surtout dans la zone frontalière entre {c1} et {c2}.",
            ("En {y}, le groupe a étendu ses opérations {loc1}, où il a attaqué les forces de sécurité et des civils."),
            "Après la mort de {pname} en {y}, le mouvement s'est divisé en plusieurs factions rivales.",
            "Le groupe est considéré comme une organisation terroriste par {c1} et {c2}.",
            "L'objectif affiché du groupe est {aim}.",
            "Entre {y} et {y2}, {acr} a mené plus de {n} attaques, pour la plupart {loc1}.",
            "En {y}, le groupe a prêté allégeance à {other}.",
            "Les opérations militaires menées par {c1} depuis {y} ont considérablement affaibli le groupe.",
            "Ses effectifs sont estimés à {size}.",
            "Le recrutement se fait surtout parmi les jeunes hommes de {town} et des environs.",
            ("Selon des sources locales à {town}, le groupe contrôle une partie des campagnes, surtout la nuit."),
        ),
    },
    "leaders": {
        "en": (
            "{pname} has led {ref} since {y}.",
            "The founder, {founder}, {fstatus}.",
            "{pname}, the group's {prole}, {pstatus}.",
            "{pname} served as {prole} until {y}; he {pstatus}.",
            "According to the authorities of {c1}, {pname} {pstatus}.",
            "The leadership council consists of around {k} members.",
            "Little is known about {pname}, who is believed to be the {prole} of {acr}.",
        ),
        "nl": (
            "{pname} is sinds {y} de leider van {ref}.",
            "De oprichter, {founder}, {fstatus}.",
            "{pname}, {prole} van de groep, {pstatus}.",
            "{pname} {pstatus}, aldus de autoriteiten van {c1}.",
            "De sjoerapraad bestaat uit ongeveer {k} leden.",
            "Over {pname}, vermoedelijk de {prole} van {acr}, is weinig bekend.",
        ),
        "fr": (
            "{pname} dirige le groupe depuis {y}.",
            "Le fondateur, {founder}, {fstatus}.",
            "{pname}, {prole} du groupe, {pstatus}.",
            "Selon les autorités, {pname} {pstatus}.",
            "Le conseil de la choura compte environ {k} membres.",
            "{pname}, considéré comme le {prole} de {acr}, reste peu connu.",
        ),
    },
    "funding": {
        "en": (
            "{Ref} finances its activities through {income} and {income2}.",
            "According to estimates, the group earns {amount} a year from {income}.",
            "Donations from sympathisers {loc1} form an additional source of income.",
            "Officials in {c1} accuse {other} of supplying weapons and money to {acr}.",
            "Since {y}, {ref} has levied taxes on traders and farmers in the areas it controls.",
            "Ransoms paid for hostages kidnapped {loc1} reportedly amounted to {amount}.",
        ),
        "nl": (
            "{Ref} financiert de activiteiten met {income} en {income2}.",
            "Naar schatting verdient de groep jaarlijks {amount} aan {income}.",
            "Giften van sympathisanten {loc1} vormen een extra bron van inkomsten.",
            "Functionarissen in {c1} beschuldigen {other} ervan wapens en geld te leveren aan {acr}.",
            "Sinds {y} heft {ref} belasting op handelaren en boeren in de gecontroleerde gebieden.",
            "Het losgeld voor gijzelaars die {loc1} werden ontvoerd, bedroeg naar verluidt {amount}.",
        ),
        "fr": (
            "Le groupe finance ses activités par {income} et {income2}.",
            "Selon certaines estimations, le groupe gagne {amount} par an grâce à {income}.",
            "Des dons de sympathisants {loc1} constituent une source de revenus supplémentaire.",
            "Des responsables {loc1} accusent {other} de fournir des armes et de l'argent au groupe.",
            (
                "Depuis {y}, le groupe prélève des taxes sur les commerçants et les "
                "agriculteurs dans les zones qu'il contrôle."
            ),
            "Les rançons versées pour des otages enlevés {loc1} auraient atteint {amount}.",
        ),
    },
    "relations": {
        "en": (
            "{Ref} maintains close ties with {other}.",
            "Relations with {other} deteriorated after {y}, leading to armed clashes {loc1}.",
            "{acr} cooperates with criminal networks operating between {c1} and {c2}.",
            "{Ref} is hostile to the governments of {c1} and {c2}.",
            "In {y}, {acr} and {other} announced a merger, which collapsed within a year.",
            "Several commanders defected to {other} in {y}.",
            "{acr} is reported to have received training from fighters of {other} {loc1}.",
        ),
        "nl": (
            "{Ref} onderhoudt nauwe banden met {other}.",
            "De relatie met {other} verslechterde na {y}, wat leidde tot gewapende confrontaties {loc1}.",
            "{acr} werkt samen met criminele netwerken die actief zijn tussen {c1} en {c2}.",
            "{Ref} is vijandig tegenover de regeringen van {c1} en {c2}.",
            "In {y} kondigden {acr} en {other} een fusie aan, die binnen een jaar strandde.",
            "In {y} liepen verschillende commandanten over naar {other}.",
        ),
        "fr": (
            "Le groupe entretient des liens étroits avec {other}.",
            ("Les relations avec {other} se sont détériorées après {y}, entraînant des affrontements armés {loc1}."),
            "{acr} coopère avec des réseaux criminels actifs entre {c1} et {c2}.",
            "Le groupe est hostile aux gouvernements de {c1} et de {c2}.",
            "En {y}, {acr} et {other} ont annoncé leur fusion, qui a échoué moins d'un an plus tard.",
        ),
    },
    "methods": {
        "en": (
            "{Ref} is active mainly {loc1} and, to a lesser extent, {loc2}.",
            "Its attacks typically target {targets}.",
            "The group frequently uses improvised explosive devices along the roads around {town}.",
            "In recent years, {acr} has shifted from large-scale assaults to small ambushes.",
            "Most of its operations take place in rural areas near {town}.",
        ),
        "nl": (
            "{Ref} is vooral actief {loc1} en in mindere mate {loc2}.",
            "De aanslagen zijn meestal gericht op {targets}.",
            "De groep gebruikt vaak bermbommen op de wegen rond {town}.",
            "De laatste jaren is {acr} overgestapt van grootschalige aanvallen op kleine hinderlagen.",
        ),
        "fr": (
            "Le groupe est actif principalement {loc1} et, dans une moindre mesure, {loc2}.",
            "Ses attaques visent généralement {targets}.",
            "Le groupe utilise fréquemment des engins explosifs improvisés sur les routes autour de {town}.",
        ),
    },
    "size": {
        "en": (
            "In {y}, the number of fighters was estimated at {size}.",
            "Estimates of its strength range from {size}.",
            "Other sources mention {size} members, including fighters {loc1}.",
        ),
        "nl": (
            "In {y} werd het aantal strijders geschat op {size}.",
            "Andere bronnen spreken van {size} leden.",
            "Volgens de autoriteiten van {c1} telt de groep {size} strijders.",
        ),
        "fr": (
            "En {y}, le nombre de combattants était estimé à {size}.",
            "D'autres sources évoquent un effectif de {size}.",
        ),
    },
}

# The first sentence of a history section.
FOUNDING: dict[Lang, str] = {
    "en": "{The_name} ({acr}) was founded in {fy} {floc} by {founder}.",
    "nl": "{The_name} ({acr}) werd in {fy} {floc} opgericht door {founder}.",
    "fr": "Le groupe {name} ({acr}) voit le jour en {fy} {floc}, à l'initiative de {founder}.",
}

# Timeline events: (Dutch activity type, template per language).
EVENTS: tuple[tuple[str, dict[Lang, str]], ...] = (
    (
        "Aanslagen",
        {
            "en": "Two car bombs exploded near {target} in {town}, killing {n} people.",
            "nl": "Bij een bomaanslag op {target} in {town} kwamen {n} mensen om het leven.",
            "fr": "Deux voitures piégées explosent près de {target} à {town}, faisant {n} morts.",
        },
    ),
    (
        "Aanslagen",
        {
            "en": "{acr} attacked {target} in {town}; {n} people were killed and {k} wounded.",
            "nl": "{acr} pleegde een aanslag op {target} in {town}; er vielen {n} doden en {k} gewonden.",
            "fr": "{acr} attaque {target} à {town} ; {n} personnes sont tuées et {k} blessées.",
        },
    ),
    (
        "Ontvoeringen",
        {
            "en": "Fighters of {acr} kidnapped {k} {victims} near {town} ({c1n}).",
            "nl": "Strijders van {acr} ontvoerden {k} {victims} bij {town} ({c1n}).",
            "fr": "Des combattants de {acr} enlèvent {k} {victims} près de {town} ({c1n}).",
        },
    ),
    (
        "Gevechten",
        {
            "en": "Clashes with the army {loc1} near {town} left {n} dead.",
            "nl": "Bij gevechten met het leger {loc1} nabij {town} vielen {n} doden.",
            "fr": "Des affrontements avec l'armée {loc1} près de {town} font {n} morts.",
        },
    ),
    (
        "Aanslagen",
        {
            "en": "A suicide bomber struck {target} in {town}, killing {n} soldiers.",
            "nl": "Een zelfmoordterrorist blies zich op bij {target} in {town}; {n} militairen kwamen om.",
            "fr": "Un kamikaze se fait exploser devant {target} à {town}, tuant {n} soldats.",
        },
    ),
    (
        "Arrestaties",
        {
            "en": "{pname}, {prole} of {acr}, was arrested {loc1}.",
            "nl": "{pname}, {prole} van {acr}, werd {loc1} gearresteerd.",
            "fr": "{pname}, {prole} de {acr}, est arrêté {loc1}.",
        },
    ),
    (
        "Allianties",
        {
            "en": "{acr} pledged allegiance to {other}.",
            "nl": "{acr} zwoer trouw aan {other}.",
            "fr": "{acr} prête allégeance à {other}.",
        },
    ),
    (
        "Propaganda",
        {
            "en": "The group released a video threatening {c1} and {c2}.",
            "nl": "De groep verspreidde een video met dreigementen tegen {c1} en {c2}.",
            "fr": "Le groupe diffuse une vidéo menaçant {c1} et {c2}.",
        },
    ),
    (
        "Arrestaties",
        {
            "en": "Security forces {loc1} dismantled a cell of {acr} and arrested {k} suspects.",
            "nl": "Veiligheidsdiensten {loc1} rolden een cel van {acr} op en arresteerden {k} verdachten.",
            "fr": "Les forces de sécurité {loc1} démantèlent une cellule de {acr} et arrêtent {k} suspects.",
        },
    ),
    (
        "Gevechten",
        {
            "en": "An ambush on a military convoy near {town} killed {n} soldiers.",
            "nl": "Bij een hinderlaag op een militair konvooi bij {town} kwamen {n} soldaten om.",
            "fr": "Une embuscade contre un convoi militaire près de {town} fait {n} morts parmi les soldats.",
        },
    ),
    (
        "Gebiedsuitbreiding",
        {
            "en": "{acr} seized control of the town of {town}.",
            "nl": "{acr} nam de controle over de stad {town} over.",
            "fr": "{acr} prend le contrôle de la ville de {town}.",
        },
    ),
)

TARGETS = {
    "en": (
        "a military base",
        "a police station",
        "a market",
        "a hotel",
        "a checkpoint",
        "a convoy of UN peacekeepers",
        "a church",
        "a mosque",
        "a school",
        "an army barracks",
        "the governor's office",
        "a bus station",
    ),
    "nl": (
        "een militaire basis",
        "een politiebureau",
        "een markt",
        "een hotel",
        "een controlepost",
        "een konvooi van VN-vredeshandhavers",
        "een kerk",
        "een moskee",
        "een school",
        "een kazerne",
        "het kantoor van de gouverneur",
        "een busstation",
    ),
    "fr": (
        "une base militaire",
        "un commissariat",
        "un marché",
        "un hôtel",
        "un poste de contrôle",
        "un convoi de Casques bleus",
        "une église",
        "une mosquée",
        "une école",
        "une caserne",
    ),
}
TARGETS_PL = {
    "en": (
        "military convoys and police posts",
        "markets and places of worship",
        "foreign workers and aid convoys",
        "local officials and traditional leaders",
    ),
    "nl": (
        "militaire konvooien en politieposten",
        "markten en gebedshuizen",
        "buitenlandse werknemers en hulpkonvooien",
        "lokale bestuurders en traditionele leiders",
    ),
    "fr": (
        "les convois militaires et les postes de police",
        "les marchés et les lieux de culte",
        "les travailleurs étrangers et les convois humanitaires",
        "les élus locaux et les chefs traditionnels",
    ),
}
VICTIMS = {
    "en": ("foreign engineers", "aid workers", "tourists", "local officials", "schoolgirls", "miners"),
    "nl": (
        "buitenlandse ingenieurs",
        "hulpverleners",
        "toeristen",
        "lokale bestuurders",
        "scholieren",
        "mijnwerkers",
    ),
    "fr": ("ingénieurs étrangers", "humanitaires", "touristes", "élus locaux", "lycéennes", "mineurs"),
}
INCOME = {
    "en": (
        "kidnapping for ransom",
        "smuggling of fuel and cigarettes",
        "drug trafficking",
        "extortion",
        "illegal gold mining",
        "cattle theft",
        "taxation of local trade",
        "the sale of charcoal",
        "donations from the diaspora",
    ),
    "nl": (
        "ontvoeringen voor losgeld",
        "smokkel van brandstof en sigaretten",
        "drugshandel",
        "afpersing",
        "illegale goudwinning",
        "veediefstal",
        "belastingheffing op lokale handel",
        "de verkoop van houtskool",
        "giften uit de diaspora",
    ),
    "fr": (
        "les enlèvements contre rançon",
        "la contrebande de carburant et de cigarettes",
        "le trafic de drogue",
        "l'extorsion",
        "l'orpaillage illégal",
        "le vol de bétail",
        "la taxation du commerce local",
        "les dons de la diaspora",
    ),
}
AIMS = {
    "en": (
        "the establishment of an Islamic state in {place}",
        "the independence of {place}",
        "the overthrow of the government of {c1}",
        "autonomy for the {people} people",
        "the expulsion of foreign troops from {place}",
    ),
    "nl": (
        "de vestiging van een islamitische staat in {place}",
        "de onafhankelijkheid van {place}",
        "de omverwerping van de regering van {c1}",
        "autonomie voor de {people}",
        "het verdrijven van buitenlandse troepen uit {place}",
    ),
    "fr": (
        "l'instauration d'un État islamique dans la région de {place}",
        "l'indépendance de {place}",
        "le renversement du gouvernement de {c1}",
        "l'autonomie du peuple {people}",
        "le départ des troupes étrangères de {place}",
    ),
}
IDEOLOGIES = {
    "en": (
        "Salafi jihadism",
        "Marxism-Leninism",
        "ethno-nationalism",
        "separatism",
        "Islamism",
        "Maoism",
        "Shia Islamism",
        "secessionism",
    ),
    "nl": (
        "salafistisch jihadisme",
        "marxisme-leninisme",
        "etnisch nationalisme",
        "separatisme",
        "islamisme",
        "maoïsme",
        "sjiitisch islamisme",
        "afscheidingsbeweging",
    ),
    "fr": (
        "djihadisme salafiste",
        "marxisme-léninisme",
        "nationalisme ethnique",
        "séparatisme",
        "islamisme",
        "maoïsme",
        "islamisme chiite",
        "sécessionnisme",
    ),
}

HEADINGS: dict[str, dict[Lang, tuple[str, ...]]] = {
    "history": {
        "en": ("History", "Background", "Short history", "Origins and history"),
        "nl": ("Korte geschiedenis", "Geschiedenis", "Achtergrond", "Ontstaan"),
        "fr": ("Historique", "Histoire", "Contexte", "Origines"),
    },
    "leaders": {
        "en": ("Leadership", "Leaders", "Key figures"),
        "nl": ("Leiders", "Leiderschap", "Kopstukken"),
        "fr": ("Dirigeants", "Direction"),
    },
    "funding": {
        "en": ("Funding", "Finances", "Sources of funding"),
        "nl": ("Financiële inkomstenbronnen", "Financiering"),
        "fr": ("Financement", "Sources de financement"),
    },
    "relations": {
        "en": ("Relations", "International relations", "Alliances"),
        "nl": ("(Internationale) relaties", "Relaties", "Banden"),
        "fr": ("Relations", "Relations internationales", "Alliances"),
    },
    "methods": {
        "en": ("Weapons and methods", "Tactics", "Modus operandi"),
        "nl": ("Wapens en werkwijze", "Werkwijze"),
        "fr": ("Modes opératoires", "Méthodes"),
    },
    "size": {"en": ("Size", "Strength"), "nl": ("Omvang", "Sterkte"), "fr": ("Effectifs",)},
    "timeline": {
        "en": ("Timeline", "Chronology", "Notable attacks", "Key events"),
        "nl": ("Recente en/of opvallende activiteiten", "Tijdlijn", "Chronologie", "Aanslagen"),
        "fr": ("Chronologie", "Principales attaques", "Attentats"),
    },
    "sources": {
        "en": ("Sources", "References"),
        "nl": ("Bronnen", "Literatuur"),
        "fr": ("Sources", "Références"),
    },
}

# Header labels per layout: field -> (en, nl, fr). Layout "kb" is "Label value".
LABELS: dict[str, dict[str, tuple[str, str, str]]] = {
    "kb": {
        "name": ("Organisation name", "Naam organisatie", "Nom de l'organisation"),
        "aliases": ("Aliases", "Aliassen", "Autres noms"),
        "origin": ("Country of origin", "Land / regio (oorsprong)", "Pays d'origine"),
        "areas": ("Operational areas", "Operationele gebieden", "Zones d'opération"),
        "size": ("Estimated size", "Omvang (in personen)", "Effectifs"),
        "leaders": ("Leaders", "Leiders", "Dirigeants"),
        "founded": ("Founded", "Opgericht", "Date de fondation"),
        "ideology": ("Ideology", "Classificatie en ideologie", "Idéologie"),
        "allies": ("Allies", "Bondgenoten", "Alliés"),
        "opponents": ("Opponents", "Tegenstanders", "Adversaires"),
    },
    "infobox": {
        "aliases": ("Also known as", "Ook bekend als", "Autres noms"),
        "leaders": ("Leaders", "Leiders", "Dirigeants"),
        "areas": ("Area", "Werkgebied", "Zone d'opération"),
        "size": ("Size", "Omvang", "Effectifs"),
        "allies": ("Allies", "Bondgenoten", "Alliés"),
        "opponents": ("Opponents", "Tegenstanders", "Adversaires"),
        "founded": ("Founded", "Opgericht", "Fondation"),
        "ideology": ("Ideology", "Ideologie", "Idéologie"),
        "origin": ("Origin", "Oorsprong", "Origine"),
    },
    "colon": {
        "name": ("Name", "Naam", "Nom"),
        "aliases": ("Other names", "Andere namen", "Alias"),
        "origin": ("Base", "Land van herkomst", "Siège"),
        "areas": ("Active in", "Actief in", "Pays"),
        "size": ("Strength", "Aantal leden", "Combattants"),
        "leaders": ("Leader", "Leider", "Chef"),
        "founded": ("Formed", "Datum van oprichting", "Création"),
        "ideology": ("Classification", "Classificatie", "Classification"),
        "allies": ("Partners", "Partners", "Partenaires"),
        "opponents": ("Enemies", "Vijanden", "Ennemis"),
    },
}
LANG_INDEX = {"en": 0, "nl": 1, "fr": 2}

# --------------------------------------------------------------------------
# Numbers, sizes, dates
# --------------------------------------------------------------------------


def fmt_int(n: int, lang: Lang, rng: random.Random) -> str:
    """1,234 (en), 1.234 or 1234 (nl), 1 234 (fr)."""
    if n < 1000:
        return str(n)
    if lang == "en":
        return f"{n:,}"
    if lang == "nl":
        return f"{n:,}".replace(",", ".") if rng.random() < 0.6 else str(n)
    return f"{n:,}".replace(",", rng.choice((" ", "\u202f", "\u00a0")))


def size_phrase(lang: Lang, rng: random.Random, numeric: bool = False) -> str:
    """A size estimate: "3,000–10,000", "fewer than 2,000", "800 tot 1000", "enkele honderden"."""
    lo = rng.choice((50, 100, 150, 200, 300, 400, 500, 800, 1000, 1500, 2000, 3000, 5000, 7000, 10000))
    hi = int(lo * rng.choice((1.5, 2, 2.5, 3, 4, 5)))
    mid = (lo + hi) // 2 // 50 * 50 or lo

    def f(v: int) -> str:
        return fmt_int(v, lang, rng)

    styles: dict[Lang, tuple[str, ...]] = {
        "en": (
            "{lo}–{hi}",
            "{lo}-{hi}",
            "between {lo} and {hi}",
            "fewer than {hi}",
            "more than {lo}",
            "about {mid}",
            "roughly {mid}",
            "up to {hi}",
            "several hundred",
            "a few thousand",
        ),
        "nl": (
            "{lo}-{hi}",
            "{lo} tot {hi}",
            "tussen de {lo} en {hi}",
            "minder dan {hi}",
            "meer dan {lo}",
            "ongeveer {mid}",
            "circa {mid}",
            "maximaal {hi}",
            "enkele honderden",
            "enkele duizenden",
        ),
        "fr": (
            "{lo} à {hi}",
            "entre {lo} et {hi}",
            "moins de {hi}",
            "plus de {lo}",
            "environ {mid}",
            "jusqu'à {hi}",
            "quelques centaines",
            "quelques milliers",
        ),
    }
    pool = styles[lang][:2] if numeric else styles[lang]
    return rng.choice(pool).format(lo=f(lo), hi=f(hi), mid=f(mid))


def amount_phrase(lang: Lang, rng: random.Random) -> str:
    m = rng.choice((1, 2, 3, 5, 8, 10, 15, 20, 50))
    return rng.choice(
        {
            "en": (f"${m} million", f"about {m} million dollars", f"up to {m} million euros"),
            "nl": (f"circa {m} miljoen dollar", f"{m} miljoen euro", f"ruim {m} miljoen dollar"),
            "fr": (f"environ {m} millions de dollars", f"{m} millions d'euros"),
        }[lang]
    )


@dataclass(frozen=True, order=True)
class Date:
    y: int
    m: int
    d: int

    def fmt(self, lang: Lang, style: str, precision: str = "day") -> str:
        month = MONTHS[lang][self.m - 1]
        if precision == "year":
            return str(self.y)
        if precision == "month":
            return f"{month} {self.y}"
        if style == "iso":
            return f"{self.y:04d}-{self.m:02d}-{self.d:02d}"
        if style == "mdy" and lang == "en":
            return f"{month} {self.d}, {self.y}"
        day = "1er" if lang == "fr" and self.d == 1 else str(self.d)
        return f"{day} {month} {self.y}"


# --------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------


@dataclass
class Block:
    """One piece of a document, rendered as text or HTML.

    kind: title | meta | heading | subheading | para | item | field. A field's
    `text` is its value; `layout` (kb | infobox | colon) says how it is written.
    """

    kind: str
    text: str = ""
    label: str = ""
    layout: str = ""


@dataclass
class Profile:
    """Everything one document says about its (invented) group."""

    rng: random.Random
    lang: Lang
    group: Group
    persons: list[Person]
    others: list[Group]
    theatre: list[Country]  # the countries the document is mostly about
    towns: list[str]
    founded: int
    aim: str  # the group's stated aim, the same wherever the document gives it
    ref_names: list[str] = field(default_factory=list)

    # -- slots -------------------------------------------------------------

    def country(self) -> Country:
        return self.rng.choice(self.theatre) if self.rng.random() < 0.8 else self.rng.choice(COUNTRIES)

    def year(self) -> int:
        return self.rng.randint(self.founded, 2024)

    def slots(self) -> dict[str, str]:
        r, lang = self.rng, self.lang
        c1, c2 = self.country(), self.country()
        while c2 == c1:
            c2 = r.choice(COUNTRIES)
        y = self.year()
        p = r.choice(self.persons)
        ref = r.choice(self.ref_names)
        inc = r.sample(INCOME[lang], 2)
        s = {
            "name": self.group.name(lang),
            "acr": self.group.acr(lang),
            "The_name": self.group.ref(lang)[0].upper() + self.group.ref(lang)[1:],
            "floc": self.theatre[0].locative(lang),
            "ref": ref,
            "Ref": ref[0].upper() + ref[1:],
            "founder": self.persons[0].name,
            "fstatus": self.persons[0].status,
            "pname": p.name,
            "prole": p.role[lang],
            "pstatus": p.status,
            "other": r.choice(self.others).ref(lang),
            "c1": c1.definite(lang),
            "c2": c2.definite(lang),
            "c1n": c1.name(lang),
            "loc1": c1.locative(lang),
            "loc2": c2.locative(lang),
            "town": r.choice(self.towns),
            "fy": str(self.founded),
            "y": str(y),
            "y2": str(r.randint(min(y + 1, 2024), 2024)),
            "n": fmt_int(int(r.expovariate(1 / 25)) + 2, lang, r),
            "k": str(r.randint(2, 40)),
            "size": size_phrase(lang, r),
            "amount": amount_phrase(lang, r),
            "income": inc[0],
            "income2": inc[1],
            "targets": r.choice(TARGETS_PL[lang]),
            "target": r.choice(TARGETS[lang]),
            "victims": r.choice(VICTIMS[lang]),
        }
        s["aim"] = self.aim
        return s

    def fill(self, template: str) -> str:
        out = template.format(**self.slots())
        return _fix_fr(out) if self.lang == "fr" else out

    def paragraph(self, section: str, sentences: int, first: str = "") -> str:
        """Sentences from the section's templates, no template twice."""
        pool = T[section][self.lang]
        picked = self.rng.sample(pool, min(sentences, len(pool)))
        return " ".join(self.fill(t) for t in ([first] if first else []) + picked)

    # -- parts -------------------------------------------------------------

    def header(self, layout: str) -> list[Block]:
        r, lang, li = self.rng, self.lang, LANG_INDEX[self.lang]
        sep = r.choice((", ", "; ", " / "))
        aliases = [self.group.acr(lang)] + [self.group.name(o) for o in ("en", "nl", "fr") if o != lang]
        if r.random() < 0.5:  # an invented transliteration
            aliases.append(f"{r.choice(('Harakat', 'Jamaat', 'Katibat', 'Ansar'))} al-{self.group.place}")
        r.shuffle(aliases)
        founded = Date(self.founded, r.randint(1, 12), r.randint(1, 28))
        values = {
            "name": self.group.name(lang),
            "aliases": sep.join(aliases[: r.randint(1, len(aliases))]),
            "origin": self.theatre[0].name(lang),
            "areas": sep.join(c.name(lang) for c in self.theatre),
            "size": size_phrase(lang, r, numeric=(layout == "kb")),
            "leaders": sep.join(p.name for p in self.persons[: r.randint(1, min(3, len(self.persons)))]),
            "founded": founded.fmt(lang, "dmy", r.choice(("year", "year", "month", "day"))),
            "ideology": r.choice(IDEOLOGIES[lang]),
            "allies": sep.join(g.name(lang) for g in self.others[:2]),
            "opponents": sep.join([c.name(lang) for c in self.theatre[:2]] + [g.name(lang) for g in self.others[2:]]),
        }
        labels = LABELS[layout]
        keys = [k for k in labels if k == "name" or r.random() < 0.8]
        return [Block("field", values[k], labels[k][li], layout) for k in keys]

    def leaders_list(self) -> list[Block]:
        dash = self.rng.choice((" – ", " - ", ": "))
        return [Block("item", f"{p.name} ({p.role[self.lang]}){dash}{p.status}") for p in self.persons]

    def timeline(self, entries: int) -> list[Block]:
        r, lang = self.rng, self.lang
        dates = sorted(Date(y, r.randint(1, 12), r.randint(1, 28)) for y in (self.year() for _ in range(entries)))
        events = [(d, r.choice(EVENTS)) for d in dates]
        if lang == "nl" and r.random() < 0.6:
            return self._timeline_month_headers(events)
        style = r.choice(("dmy", "dmy", "mdy", "iso")) if lang == "en" else "dmy"
        sep = {"en": (": ", " – ", " - "), "nl": (": ", " - "), "fr": (" : ", " – ")}[lang]
        sep_choice = r.choice(sep)
        bullet = r.choice(("", "", "- ", "• "))
        sentence_style = r.random() < 0.2  # "On 11 April 2007, ..." instead of "11 April 2007: ..."
        blocks = []
        for d, (_, tpl) in events:
            body = self.fill(tpl[lang])
            precision = r.choices(("day", "month", "year"), (8, 2, 1))[0]
            date = d.fmt(lang, style, precision)
            if sentence_style and precision == "day" and style != "iso":
                lead = {"en": "On", "nl": "Op", "fr": "Le"}[lang]
                if not tpl[lang].startswith("{"):
                    body = body[0].lower() + body[1:]
                blocks.append(Block("item", f"{bullet}{lead} {date}, {body}"))
            else:
                blocks.append(Block("item", f"{bullet}{date}{sep_choice}{body}"))
        return blocks

    def _timeline_month_headers(self, events: list[tuple[Date, tuple[str, dict[Lang, str]]]]) -> list[Block]:
        """Dutch kennisbank style: "maart 2012", then "Type activiteit" / "Aanslagen" and entries."""
        r = self.rng
        inline_type = r.random() < 0.5
        with_day = r.random() < 0.6
        blocks: list[Block] = []
        current: tuple[int, int] | None = None
        for d, (kind, tpl) in events:
            if (d.y, d.m) != current:
                current = (d.y, d.m)
                blocks.append(Block("subheading", f"{MONTHS['nl'][d.m - 1]} {d.y}"))
            if inline_type:
                blocks.append(Block("field", kind, "Type activiteit", "kb"))
            else:
                blocks.append(Block("item", "Type activiteit"))
                blocks.append(Block("item", kind))
            body = self.fill(tpl["nl"])
            blocks.append(Block("item", f"{d.d} {MONTHS['nl'][d.m - 1]}: {body}" if with_day else body))
        return blocks

    def sources(self) -> list[Block]:
        r = self.rng
        org = f"{r.choice(('Institute', 'Centre', 'Observatory'))} for {invented_place(r)} Studies"
        return [
            Block(
                "item",
                f"{org}, {r.choice(('Annual report', 'Country brief', 'Working paper'))} {self.year()}",
            )
            for _ in range(r.randint(1, 5))
        ]


def make_profile(rng: random.Random, lang: Lang) -> Profile:
    group = invented_group(rng)
    founded = rng.randint(1975, 2019)
    theatre = rng.sample(COUNTRIES, rng.randint(1, 5))
    persons: list[Person] = []
    for i in range(rng.randint(2, 8)):
        role = ROLES[0] if i == 0 else rng.choice(ROLES[1:])
        loc = rng.choice(theatre).locative(lang)
        status = rng.choice(STATUSES[lang]).format(y=rng.randint(founded, 2024), loc=loc, k=rng.randint(5, 30))
        persons.append(Person(invented_person_name(rng), role, _fix_fr(status) if lang == "fr" else status))
    place = group.place if rng.random() < 0.7 else invented_place(rng)
    aim = rng.choice(AIMS[lang]).format(place=place, people=invented_people(rng), c1=theatre[0].definite(lang))
    profile = Profile(
        rng=rng,
        lang=lang,
        group=group,
        persons=persons,
        others=[invented_group(rng) for _ in range(rng.randint(2, 5))],
        theatre=theatre,
        towns=[invented_town(rng) for _ in range(rng.randint(3, 8))],
        founded=founded,
        aim=_fix_fr(aim) if lang == "fr" else aim,
    )
    generic = {
        "en": ["the group", "the movement"],
        "nl": ["de groep", "de beweging"],
        "fr": ["le groupe", "le mouvement"],
    }[lang]
    profile.ref_names = [group.ref(lang), group.acr(lang)] + generic
    return profile


def target_size(rng: random.Random) -> int:
    """Bytes to aim for: log-normal, median ~6 KB, mean ~8 KB, clipped to 1-40 KB."""
    return int(min(38_000, max(1_000, rng.lognormvariate(math.log(6_000), 0.75))))


def build_blocks(rng: random.Random, lang: Lang) -> tuple[list[Block], str, str]:
    """The blocks of one document, its title and the group's name."""
    p = make_profile(rng, lang)
    target = target_size(rng)
    layout = rng.choices(("kb", "infobox", "colon"), (4, 3, 3))[0]
    name, acr = p.group.name(lang), p.group.acr(lang)
    title = rng.choice(
        (
            f"{name} ({acr})",
            name,
            {"en": f"Profile: {name}", "nl": f"Groepsprofiel {acr}", "fr": f"Fiche : {name}"}[lang],
        )
    )

    head: list[Block] = []
    if layout != "kb" or rng.random() < 0.5:
        head.append(Block("title", title))
    if rng.random() < 0.4:
        updated = Date(rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)).fmt(lang, "dmy")
        head.append(
            Block(
                "meta",
                {"en": "Last updated: ", "nl": "Laatst bijgewerkt: ", "fr": "Mise à jour : "}[lang] + updated,
            )
        )
    head += p.header(layout)

    # Prose sections: always history; the others when the document is large enough.
    optional = ["leaders", "funding", "relations", "methods", "size"]
    keep = [s for s in optional if rng.random() < min(0.9, target / 8_000)]
    sections = ["history"] + keep
    body: dict[str, list[Block]] = {s: [Block("para", p.paragraph(s, rng.randint(2, 5)))] for s in sections}
    body["history"] = [Block("para", p.paragraph("history", rng.randint(1, 4), first=FOUNDING[lang]))]
    if "leaders" in body and rng.random() < 0.6:
        body["leaders"] += p.leaders_list()

    entries = 5 + int(35 * min(1.0, (target - 1_000) / 30_000) * rng.uniform(0.5, 1.0))
    timeline = p.timeline(entries)
    tail = p.sources() if rng.random() < 0.3 else []

    def approx_bytes(blocks: list[Block]) -> int:
        return sum(len(b.text.encode()) + len(b.label) + 4 for b in blocks)

    # Grow prose in random sections until the target size is reached.
    size = approx_bytes(head + timeline + tail + [b for bs in body.values() for b in bs])
    while size < target:
        s = rng.choice(sections)
        para = Block("para", p.paragraph(s, rng.randint(2, 6)))
        body[s].append(para)
        size += approx_bytes([para])

    blocks = list(head)
    for s in sections:
        blocks.append(Block("heading", rng.choice(HEADINGS[s][lang])))
        blocks += body[s]
    blocks.append(Block("heading", rng.choice(HEADINGS["timeline"][lang])))
    blocks += timeline
    if tail:
        blocks.append(Block("heading", rng.choice(HEADINGS["sources"][lang])))
        blocks += tail
    return blocks, title, name


def render_text(blocks: Sequence[Block], rng: random.Random, lang: Lang) -> str:
    heading_style: Callable[[str, int], str] = rng.choice(
        (
            lambda t, i: t,
            lambda t, i: t.upper(),
            lambda t, i: f"{i}. {t}",
            lambda t, i: f"## {t}",
        )
    )
    colon = " : " if lang == "fr" else ": "
    lines: list[str] = []
    n_heading = 0
    prev = ""
    for b in blocks:
        starts_chunk = b.kind in ("heading", "para", "subheading") or (b.kind != prev and prev in ("para", "heading"))
        if starts_chunk and lines and lines[-1] != "":
            lines.append("")  # a blank line before each heading, paragraph and list
        if b.kind == "heading":
            n_heading += 1
            lines += [heading_style(b.text, n_heading), ""]
        elif b.kind == "field":
            if b.layout == "kb":
                lines.append(f"{b.label} {b.text}")
            elif b.layout == "infobox":
                lines.append(f"- {b.label}{colon}{b.text}")
            else:
                lines.append(f"{b.label}{colon}{b.text}")
        elif b.kind == "title":
            lines += [b.text, ""]
        else:
            lines.append(b.text)
        prev = b.kind
    return "\n".join(lines).strip() + "\n"


def render_html(blocks: Sequence[Block], title: str, lang: Lang) -> str:
    def e(s: str) -> str:
        return html.escape(s, quote=False)

    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        f'<head><meta charset="utf-8"><title>{e(title)}</title></head>',
        "<body>",
    ]
    open_tag = ""  # "ul" or "table" while one is open

    def close() -> None:
        nonlocal open_tag
        if open_tag:
            out.append(f"</{open_tag}>")
            open_tag = ""

    for b in blocks:
        want = {"item": "ul", "field": "table" if b.layout == "kb" else "ul"}.get(b.kind, "")
        if want != open_tag:
            close()
            if want:
                out.append(f"<{want}>")
                open_tag = want
        if b.kind == "title":
            out.append(f"<h1>{e(b.text)}</h1>")
        elif b.kind == "heading":
            out.append(f"<h2>{e(b.text)}</h2>")
        elif b.kind == "subheading":
            out.append(f"<h3>{e(b.text)}</h3>")
        elif b.kind == "field" and b.layout == "kb":
            out.append(f"<tr><th>{e(b.label)}</th><td>{e(b.text)}</td></tr>")
        elif b.kind == "field":
            out.append(f"<li><b>{e(b.label)}:</b> {e(b.text)}</li>")
        elif b.kind == "item":
            out.append(f"<li>{e(b.text.lstrip('-• '))}</li>")
        else:
            out.append(f"<p>{e(b.text)}</p>")
    close()
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def generate_document(seed: int, index: int, html_share: float = 0.1) -> tuple[str, str, str]:
    """Document `index` of corpus `seed`: (slug, extension, content)."""
    rng = random.Random(f"dossier-bench:{seed}:{index}")
    lang = rng.choices(("en", "nl", "fr"), (70, 25, 5))[0]
    as_html = rng.random() < html_share
    blocks, title, name = build_blocks(rng, lang)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].rstrip("-")
    if as_html:
        return slug, "html", render_html(blocks, title, lang)
    return slug, "txt", render_text(blocks, rng, lang)


def generate_corpus(out_dir: Path, n: int, seed: int = 0, html_share: float = 0.1) -> list[Path]:
    """Write `n` synthetic profile documents into `out_dir`; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        slug, ext, content = generate_document(seed, i, html_share)
        path = out_dir / f"{i:05d}-{slug}.{ext}"
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write N synthetic profile documents about invented armed groups.")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--html-share", type=float, default=0.1, help="share of documents written as .html")
    args = ap.parse_args(argv)
    paths = generate_corpus(args.out_dir, args.n, args.seed, args.html_share)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} documents, {total / 1e6:.2f} MB, to {args.out_dir}")


if __name__ == "__main__":
    main()
