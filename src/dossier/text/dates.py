"""The date grammar: every written date in English, Dutch and French, with its offsets,
its true precision and what kind of time it is.

One grammar for every extractor: a form learnt once works everywhere. Month and
weekday names come from CLDR (Babel), the words around them (parts of a year,
seasons, feasts, "yesterday", "il y a") from `lexicons/dates.yaml`. The matcher is
hand-written: `dateparser` parses a string it is given, but does not find dates
inside running text with their offsets, and it fills in a day or a month that the
text never gave, which would invent precision.

A match is one of four kinds:

- ``point``: a day, a month or a year ("11 April 2007", "June 2004", "in 2006"),
  possibly with a ``part`` ("early 2004", "eind augustus", "the summer of 2014"):
  still a year or month, never a day;
- ``range``: days or months with one end ("25-26 February 2022", "30 June - 2
  July 2014", "April-May 2007"): ``iso`` is the first, ``until`` the last;
- ``period``: a span of years or a decade ("1993-2024", "from 2007 to 2010",
  "the 1990s", "2007-present"), which describes a state, not an incident;
- ``deictic``: a time told from when the page was written ("yesterday", "on
  Saturday", "three weeks ago", "vorige maand"), resolved against a reference
  date (`resolve_deictic`) or, without one, left out.

ISO strings give the precision: "2007", "2007-04", "2007-04-11"; without a year,
"--04-11" or "--04" (a day or month the context completes, `with_year`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from babel.dates import get_day_names, get_month_names

from dossier.text import lexicon

LANGUAGES = ("en", "nl", "fr")
DAY_FIRST = frozenset({"nl", "fr"})  # languages that write numeric dates day first
YEAR = r"(1[6-9]\d\d|20\d\d)"
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str  # "2007", "2007-04" or "2007-04-11"; "--04-11" / "--04" when the year is missing
    kind: str = "point"  # point | range | period | deictic
    until: str = ""  # the last day, month or year of a range or period ("" when open)
    part: str = ""  # early | mid | late | spring | summer | autumn | winter
    deixis: str = ""  # for deictic: "day:-1", "weekday:2", "weekday:2:last-week", "week:0", "month:-1", "ago:month:3"

    @property
    def precision(self) -> str:
        """year | month | day ("--04" is a month, "--04-11" and "---11" days), "none" unresolved."""
        if not self.iso:
            return "none"
        if self.iso.startswith("--"):
            return "month" if len(self.iso) == 4 else "day"
        return {4: "year", 7: "month"}.get(len(self.iso), "day")

    @property
    def has_year(self) -> bool:
        return bool(self.iso) and not self.iso.startswith("--")

    @property
    def is_period(self) -> bool:
        return self.kind == "period"


# -- vocabulary -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Lower-cased month name or abbreviation (without its dot) -> month number, all languages."""
    names: dict[str, int] = {}
    for lang in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=lang).items():
                    name = name.lower().rstrip(".")
                    # Two-letter abbreviations are too ambiguous in running text.
                    if len(name) >= 3:
                        names[name] = number
    for extra, number in (
        ("sept", 9),
        ("febr", 2),
        ("janv", 1),
        ("juil", 7),
        ("aout", 8),
        ("fevrier", 2),
        ("decembre", 12),
    ):
        names.setdefault(extra, number)
    return names


@lru_cache(maxsize=1)
def _wide_months() -> frozenset[str]:
    wide = {n.lower() for lang in LANGUAGES for n in get_month_names("wide", locale=lang).values()}
    return frozenset(wide | {"aout", "fevrier", "decembre"})


@lru_cache(maxsize=1)
def weekday_numbers() -> dict[str, int]:
    """Lower-cased weekday name -> ISO weekday (Monday 1 ... Sunday 7), all languages."""
    out: dict[str, int] = {}
    for lang in LANGUAGES:
        for number, name in get_day_names("wide", locale=lang).items():
            out[name.lower()] = number + 1
    return out


def _alternation(words: Iterable[str]) -> str:
    """Regex source for any of `words`, longest first; spaces stretch, apostrophes may curl.

    A long list is guarded by a trie of the same words: where none starts, the regex
    learns it from a few letters instead of trying every word (what matches is the same).
    """
    unique = sorted(set(words), key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in unique)
    if len(unique) < _GUARDED_LIST:
        return alternation
    guard = lexicon.trie_source([[_ATOMS.get(ch) or re.escape(ch) for ch in w] for w in unique])
    return f"(?={guard})(?:{alternation})"


_GUARDED_LIST = 8
_ATOMS = {" ": r"\s+", "'": "['’]"}


def _words(key: str) -> list[str]:
    """Every word of a flat key of dates.yaml, all languages."""
    value = lexicon.load("dates")[key]
    return [str(w) for by_lang in (value.values() if isinstance(value, dict) else [value]) for w in by_lang or []]


def _keyed(key: str) -> dict[str, str]:
    """Word (folded) -> its sub-key, for the nested keys of dates.yaml (parts, seasons, holidays ...)."""
    out: dict[str, str] = {}
    for sub, by_lang in lexicon.load("dates")[key].items():
        for words in by_lang.values():
            for w in words or []:
                out[lexicon.fold(str(w))] = str(sub)
    return out


@lru_cache(maxsize=1)
def _decade_words() -> dict[str, int]:
    return {
        lexicon.fold(str(w)): int(n)
        for by_lang in lexicon.load("dates")["decade_words"].values()
        for w, n in by_lang.items()
    }


# -- the grammar ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    build: Any  # (match) -> DateMatch fields (dict) or None
    # A piece every match holds ("0s" or "de jaren" for a decade), quicker to look for than the
    # whole form, which is tried at every place of the text: a text without it is skipped.
    needs: re.Pattern[str] | None = None


@lru_cache(maxsize=1)
def _rules() -> list[_Rule]:
    """The date forms, most specific first: at each place the first that matches wins."""
    months = month_numbers()
    any_month = _alternation(months) + r"|" + _alternation(m + "." for m in months if len(m) <= 5)
    month = rf"(?:{any_month})\.?"
    wide = _alternation(_wide_months())
    ordinal = _alternation(_words("ordinal_suffixes"))
    day = rf"(?:0?[1-9]|[12]\d|3[01])(?:{ordinal})?(?![\d])"
    weekdays = _alternation(weekday_numbers())
    weekday = rf"(?:(?:{weekdays}),?\s+)?"
    joiner = _alternation(_words("range_joiners"))
    dash = r"\s*[-–—/]\s*"
    to = rf"(?:{dash}|\s+(?:{joiner})\s+)"
    opener = _alternation(_words("span_openers"))
    of = _alternation(_words("month_year_joiners"))
    open_end = _alternation(_words("open_ends"))
    parts = _alternation(_keyed("parts"))
    seasons = _alternation(_keyed("seasons"))
    links = _alternation(_words("season_links"))
    holidays = _alternation(_keyed("holidays"))
    decade_open = _alternation(_words("decade_openers"))
    decade_words = _alternation(_decade_words())
    year = YEAR
    short_year = r"(\d\d)"
    # A word boundary, or a capital glued to the word before it ("Last AttackApril 16, 2015").
    glued = r"(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))"
    i = re.IGNORECASE

    def rule(source: str, build: Any, flags: int = i, needs: str | None = None) -> _Rule:
        return _Rule(re.compile(source, flags), build, re.compile(needs, flags) if needs else None)

    return [
        # 2007-04-11, 2007/04/11
        rule(rf"(?<![\d/.-]){year}([-/.])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?![\d/.-])", _iso_numeric, 0),
        # 11/04/2007, 11.04.2007, 04/11/07: the order only where it cannot be read two ways
        rule(rf"(?<![\d/.-])(\d{{1,2}})([/.-])(\d{{1,2}})\2(?:{year}|{short_year})(?![\d/.-])", _numeric, 0),
        # 30 June - 2 July 2014, du 30 juin au 2 juillet 2014
        rule(rf"(?:(?:{opener})\s+)?({day})\s+({month}){to}({day})\s+({month}),?\s+{year}\b", _dm_dm_y),
        # June 30 - July 2, 2014
        rule(rf"\b({wide})\s+({day}){to}({wide})\s+({day}),?\s+{year}\b", _md_md_y),
        # 25-26 February 2022, du 25 au 27 février 2022, 25 op 26 februari 2022
        rule(rf"(?:(?:{opener})\s+)?{weekday}({day}){to}({day})\s+({month}),?\s+{year}\b", _dd_m_y),
        # June 22-27, 2020
        rule(rf"{glued}({wide})\s+({day}){to}({day}),?\s+{year}\b", _m_dd_y),
        # Saturday, 11 April 2007; 11th of April 2007; 1er mai 2005; 11 avr. 2007
        rule(rf"{weekday}(?:the\s+)?({day})\s+(?:of\s+)?({month}),?\s*{year}\b", _d_m_y),
        # April 11, 2007; Apr. 11th 2007; Monday, Jan. 10, 1972
        rule(rf"{weekday}{glued}({month})\s+({day}),?\s+{year}\b", _m_d_y),
        # 25-26 February, du 25 au 27 février (no year)
        rule(rf"(?:(?:{opener})\s+)?({day}){to}({day})\s+({wide})\b(?!\s*,?\s*\d)", _dd_m),
        # vendredi 6 juillet, 11 April, 6 juil. (no year)
        rule(rf"{weekday}({day})\s+({month})(?![\w])(?!\s*,?\s*\d)", _d_m),
        # June 7 (no year): a wide name only, and not before a number
        rule(rf"\b({wide})\s+({day})\b(?!\s*,?\s*\d)(?![.,]\d)", _m_d),
        # Christmas Eve 2000, kerstavond 2004
        rule(rf"\b({holidays})(?:\s+(?:{of}))?\s+{year}\b", _holiday_y),
        # April-May 2007, from April to June 2007
        rule(rf"(?:(?:{opener})\s+)?\b({wide}){to}({wide}),?\s+{year}\b", _m_m_y),
        # early June 2004, eind augustus 2004, mi-juin 2014, fin octobre 2010
        rule(rf"(?<![\w-])({parts})\s*({wide})(?:\s+(?:{of}))?\s*{year}\b", _part_m_y),
        # June 2004, juni van 2004, February2000 (glued by a PDF)
        rule(rf"{glued}({month})(?:\s+(?:{of})\s+|\s*,?\s*){year}\b", _m_y),
        # the summer of 2014, in de zomer van 2014, l'été 2014, fin de l'été 1994
        rule(rf"(?<![\w-])(?:({parts})\s+)?(?:(?:{links})\s*)*({seasons})(?:\s+(?:{links}))*\s+{year}\b", _season_y),
        # from 2007 to 2010, between 2017 and 2020, tussen 2017 en 2020 (a word joins two
        # years only after an opener: "en 2006 et 2018" are two years)
        rule(rf"\b(?:{opener})\s+{year}(?:s)?\s+(?:{joiner})\s+(?:{year}|({open_end}))(?:s)?\b()", _span),
        # 1993-2024, 1993-94, 1970s-1980s, 2007-present
        rule(rf"(?<![\d-]){year}(?:s)?{dash}(?:{year}|(\d\d)(?!\d)|({open_end}))(?:s)?(?![\d-])", _span),
        # the 1990s, the '90s, de jaren negentig, les années 90
        rule(
            rf"(?:\b(?:the|{decade_open})\s+)?(?:(1[6-9]\d0|20\d0)'?s\b|'(\d0)s\b)"
            rf"|\b(?:{decade_open})\s+(?:'?(\d0)\b|(1[6-9]\d0|20\d0)\b|({decade_words})\b)",
            _decade,
            needs=rf"0'?s|{decade_open}",
        ),
        # early 2004, mid-2004, the end of 2004, eind 2004, début 2004, à la fin de 2004
        rule(rf"(?<![\w-])({parts})\s*-?\s*{year}\b", _part_y),
        # in June, eind augustus, début juillet, mi-juin: a month without a year, after a
        # preposition or a part (alone, "May" and "March" are words too)
        rule(
            rf"(?<![\w-])(?:(in|on|op|en|au\s+mois\s+de|during|tijdens)\s+|({parts})\s*)({wide})\b(?!\s*,?\s*\d)",
            _part_m,
        ),
        # OCTOBER: ... (a timeline line under an earlier year)
        rule(rf"(?m)^[^\S\n]*(?:[-–—•*]\s*)?({wide})(?=\s*[:–—])", _entry_month),
        # Le 28, ... / on the 28th: a day of the month the context gives
        rule(r"\b(?:[Ll]e|[Oo]n\s+the)\s+(1er|[12]?\d|3[01])(?:st|nd|rd|th)?(?=,)", _day_only, 0),
        # 2007
        rule(rf"(?<![\d/.,-]){year}(?![\d]|[-–/.]\d\d[-–/.])", _year, 0),
    ]


def _int(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))  # type: ignore[union-attr]


def _month(word: str) -> int:
    return month_numbers()[lexicon.fold(word).rstrip(".")]


def _day_iso(year: int | None, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}"
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _iso_numeric(m: re.Match[str]) -> dict[str, str] | None:
    iso = _day_iso(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    return {"iso": iso} if iso else None


def _numeric(m: re.Match[str], day_first: bool = False) -> dict[str, str] | None:
    a, b = int(m.group(1)), int(m.group(3))
    # Dots are written day first everywhere; slashes too in Dutch and French.
    day_first = day_first or m.group(2) == "."
    if m.group(4):
        year = int(m.group(4))
    else:
        if m.group(2) == "-":
            return None  # "10-12-14" is as often a score or a range as a date
        short = int(m.group(5))
        year = 1900 + short if short > dt.date.today().year % 100 + 1 else 2000 + short
    if a > 12 and b <= 12:
        iso = _day_iso(year, b, a)  # day first: 23/05/2016
    elif b > 12 and a <= 12:
        iso = _day_iso(year, a, b)  # month first: 05/23/2016
    elif a == b or (day_first and 1 <= a <= 12 and 1 <= b <= 12):
        iso = _day_iso(year, b, a)
    elif 1 <= a <= 12 and 1 <= b <= 12:
        iso = f"{year:04d}"  # 04/02/95: a year, whichever way it is read
    else:
        iso = None
    return {"iso": iso} if iso else None


def _dm_dm_y(m: re.Match[str]) -> dict[str, str] | None:
    year = int(m.group(5))
    first = _day_iso(year, _month(m.group(2)), _int(m.group(1)))
    last = _day_iso(year, _month(m.group(4)), _int(m.group(3)))
    return {"iso": first, "kind": "range", "until": last} if first and last else None


def _md_md_y(m: re.Match[str]) -> dict[str, str] | None:
    year = int(m.group(5))
    first = _day_iso(year, _month(m.group(1)), _int(m.group(2)))
    last = _day_iso(year, _month(m.group(3)), _int(m.group(4)))
    return {"iso": first, "kind": "range", "until": last} if first and last else None


def _dd_m_y(m: re.Match[str]) -> dict[str, str] | None:
    year, month = int(m.group(4)), _month(m.group(3))
    first, last = _day_iso(year, month, _int(m.group(1))), _day_iso(year, month, _int(m.group(2)))
    if not first or not last or last < first:
        return None
    return {"iso": first, "kind": "range", "until": last}


def _m_dd_y(m: re.Match[str]) -> dict[str, str] | None:
    year, month = int(m.group(4)), _month(m.group(1))
    first, last = _day_iso(year, month, _int(m.group(2))), _day_iso(year, month, _int(m.group(3)))
    if not first or not last or last < first:
        return None
    return {"iso": first, "kind": "range", "until": last}


def _d_m_y(m: re.Match[str]) -> dict[str, str] | None:
    iso = _day_iso(int(m.group(3)), _month(m.group(2)), _int(m.group(1)))
    return {"iso": iso} if iso else None


def _m_d_y(m: re.Match[str]) -> dict[str, str] | None:
    iso = _day_iso(int(m.group(3)), _month(m.group(1)), _int(m.group(2)))
    return {"iso": iso} if iso else None


def _dd_m(m: re.Match[str]) -> dict[str, str] | None:
    month = _month(m.group(3))
    first, last = _day_iso(None, month, _int(m.group(1))), _day_iso(None, month, _int(m.group(2)))
    if not first or not last or last < first:
        return None
    return {"iso": first, "kind": "range", "until": last}


def _d_m(m: re.Match[str]) -> dict[str, str] | None:
    iso = _day_iso(None, _month(m.group(2)), _int(m.group(1)))
    return {"iso": iso} if iso else None


def _m_d(m: re.Match[str]) -> dict[str, str] | None:
    iso = _day_iso(None, _month(m.group(1)), _int(m.group(2)))
    return {"iso": iso} if iso else None


def _holiday_y(m: re.Match[str]) -> dict[str, str] | None:
    month_day = _keyed("holidays")[lexicon.fold(m.group(1))]
    return {"iso": f"{int(m.group(2)):04d}-{month_day}"}


def _m_m_y(m: re.Match[str]) -> dict[str, str] | None:
    year, first, last = int(m.group(3)), _month(m.group(1)), _month(m.group(2))
    if last <= first:
        return None
    return {"iso": f"{year:04d}-{first:02d}", "kind": "range", "until": f"{year:04d}-{last:02d}"}


def _part_m_y(m: re.Match[str]) -> dict[str, str]:
    return {"iso": f"{int(m.group(3)):04d}-{_month(m.group(2)):02d}", "part": _keyed("parts")[_fold_part(m.group(1))]}


def _m_y(m: re.Match[str]) -> dict[str, str]:
    return {"iso": f"{int(m.group(2)):04d}-{_month(m.group(1)):02d}"}


def _season_y(m: re.Match[str]) -> dict[str, str]:
    return {"iso": m.group(3), "part": _keyed("seasons")[lexicon.fold(m.group(2))]}


def _span(m: re.Match[str]) -> dict[str, str] | None:
    first = int(m.group(1))
    if m.group(2):
        last = int(m.group(2))
    elif m.group(3) and m.group(3).isdigit():
        last = first // 100 * 100 + int(m.group(3))
    else:
        return {"iso": f"{first:04d}", "kind": "period", "until": ""}  # "2007-present"
    if m.group(3) and m.group(3).isdigit() and last <= first and 1 <= int(m.group(3)) <= 12 and "-" in m.group(0):
        return {"iso": f"{first:04d}-{int(m.group(3)):02d}"}  # ISO 8601 "2019-03": no span ends before it starts
    if last <= first or last - first > 200:
        return None
    return {"iso": f"{first:04d}", "kind": "period", "until": f"{last:04d}"}


def _decade(m: re.Match[str]) -> dict[str, str] | None:
    full = m.group(1) or m.group(4)
    short = m.group(2) or m.group(3)
    if full:
        first = int(full)
    elif short:
        first = 1900 + int(short)
    elif m.group(5):
        first = 1900 + _decade_words()[lexicon.fold(m.group(5))]
    else:
        return None
    return {"iso": f"{first:04d}", "kind": "period", "until": f"{first + 9:04d}", "part": "decade"}


def _part_y(m: re.Match[str]) -> dict[str, str]:
    return {"iso": m.group(2), "part": _keyed("parts")[_fold_part(m.group(1))]}


def _part_m(m: re.Match[str]) -> dict[str, str]:
    part = _keyed("parts")[_fold_part(m.group(2))] if m.group(2) else ""
    return {"iso": f"--{_month(m.group(3)):02d}", "part": part}


def _entry_month(m: re.Match[str]) -> dict[str, str]:
    return {"iso": f"--{_month(m.group(1)):02d}"}


def _day_only(m: re.Match[str]) -> dict[str, str] | None:
    day = _int(m.group(1))
    return {"iso": f"---{day:02d}"} if 1 <= day <= 31 else None


def _year(m: re.Match[str]) -> dict[str, str]:
    return {"iso": m.group(1)}


def _fold_part(word: str) -> str:
    folded = lexicon.fold(word)
    parts = _keyed("parts")
    return folded if folded in parts else folded.rstrip("- ") if folded.rstrip("- ") in parts else folded + "-"


# -- deictic times ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _deictic_rules() -> list[tuple[re.Pattern[str], Any]]:
    data = lexicon.load("dates")
    days = {
        lexicon.fold(str(w)): int(k)
        for k, by_lang in data["deictic_days"].items()
        for ws in by_lang.values()
        for w in ws
    }
    units = _keyed("deictic_units")  # "last week" -> "week:-1"
    weekdays = _alternation(weekday_numbers())
    last_week = _alternation(_words("weekday_last_week"))
    before = _alternation(_words("weekday_before"))
    after = _alternation(_words("weekday_after"))
    amount = _amount_words()
    rel = lexicon.load("relative")
    unit_words = {
        lexicon.fold(str(w)): u for u in ("day", "week", "month", "year") for ws in rel[u].values() for w in ws
    }
    units_alt = _alternation(unit_words)
    amounts_alt = _alternation(amount) + r"|\d{1,2}"
    ago = _alternation(_words("ago_after"))
    il_y_a = _alternation(_words("fr_ago_before"))
    i = re.IGNORECASE

    def day_offset(m: re.Match[str]) -> str:
        return f"day:{days[lexicon.fold(m.group(1))]}"

    def unit(m: re.Match[str]) -> str:
        return units[lexicon.fold(m.group(1))]

    def counted(m: re.Match[str]) -> str | None:
        n = _amount(m.group("n"))
        return f"ago:{unit_words[lexicon.fold(m.group('u'))]}:{n}" if n else None

    def weekday_of(m: re.Match[str]) -> str:
        number = weekday_numbers()[m.group("w").lower()]
        return f"weekday:{number}:last-week" if m.group("lw") else f"weekday:{number}"

    return [
        (
            re.compile(
                rf"(?<![\w])(?:(?P<lw>{last_week})\s+)?(?:(?P<b>{before})\s+)?(?P<w>{weekdays})(?:\s+(?:{after}))?(?![\w])",
                i,
            ),
            weekday_of,
        ),
        (re.compile(rf"(?<![\w'])({_alternation(days)})(?![\w])", i), day_offset),
        (re.compile(rf"(?<![\w'])({_alternation(units)})(?![\w])", i), unit),
        (re.compile(rf"(?<![\w])(?P<n>{amounts_alt})\s+(?P<u>{units_alt})\s+(?:{ago})(?![\w])", i), counted),
        (re.compile(rf"(?<![\w])(?:{il_y_a})\s+(?P<n>{amounts_alt})\s+(?P<u>{units_alt})(?![\w])", i), counted),
    ]


@lru_cache(maxsize=1)
def _amount_words() -> dict[str, int]:
    return {
        lexicon.fold(str(w)): int(n)
        for by_lang in lexicon.load("numbers")["units"].values()
        for w, n in by_lang.items()
    }


def _amount(word: str) -> int | None:
    if word.isdigit():
        return int(word) or None
    n = _amount_words().get(lexicon.fold(word))
    return n if n and n < 100 else None


@lru_cache(maxsize=1)
def _any_deictic() -> re.Pattern[str]:
    """A word that every deictic form holds (a weekday, "yesterday", "last week", "ago",
    "il y a"), anywhere: most sentences hold none, and a trie of them says so quickly."""
    days = {
        lexicon.fold(str(w))
        for by_lang in lexicon.load("dates")["deictic_days"].values()
        for ws in by_lang.values()
        for w in ws
    }
    words = {*weekday_numbers(), *days, *_keyed("deictic_units"), *_words("ago_after"), *_words("fr_ago_before")}
    return lexicon.any_of(words)


def _deictic(text: str, taken: list[tuple[int, int]]) -> list[DateMatch]:
    found: list[DateMatch] = []
    if not _any_deictic().search(text):
        return found
    for pattern, build in _deictic_rules():
        for m in pattern.finditer(text):
            if _overlaps(m.start(), m.end(), taken):
                continue
            if pattern.groupindex.get("w") and not _weekday_is_time(text, m):
                continue
            deixis = build(m)
            if deixis:
                found.append(DateMatch(m.start(), m.end(), "", kind="deictic", deixis=deixis))
                taken.append((m.start(), m.end()))
    return found


def _weekday_is_time(text: str, m: re.Match[str]) -> bool:
    """An English weekday is a time only after "on", "last" ...: "Bloody Sunday" is a name.
    Dutch and French write a bare weekday as a time ("zaterdag", "tué samedi"), in lower
    case even after a name ("agenten pakten X woensdag op"); a capitalised one after a capitalised
    word is part of a name ("Goede Vrijdag")."""
    if m.group("b") or m.group("lw"):
        return True
    if m.group("w").lower() in _english_weekdays():
        return False
    if m.group("w")[0].islower():
        return True
    return not re.search(r"(?<![.!?]\s)\b[A-Z][\w-]*\s+$", text[max(0, m.start() - 30) : m.start()])


@lru_cache(maxsize=1)
def _english_weekdays() -> frozenset[str]:
    return frozenset(n.lower() for n in get_day_names("wide", locale="en").values())


def resolve_deictic(match: DateMatch, reference: str) -> str:
    """The ISO date a deictic match means on a page written on `reference` (ISO, any
    precision), at the precision both allow; "" when it cannot be told."""
    if match.kind != "deictic" or not reference or reference.startswith("--"):
        return ""
    kind, _, rest = match.deixis.partition(":")
    span = date_span(reference)
    if span is None:
        return ""
    exact = len(reference) == 10
    ref_day = dt.date.fromordinal(span[0])
    if kind == "day":
        if not exact:
            return reference[:7] if len(reference) >= 7 else ""
        return (ref_day + dt.timedelta(days=int(rest))).isoformat()
    if kind == "weekday":
        number, _, which = rest.partition(":")
        if not exact:
            if len(reference) >= 7 and which == "last-week":
                # A weekday of the week before a page of some day of that month: one to
                # thirteen days before it, which its year (or month) holds.
                earliest = dt.date.fromordinal(span[0] - 13).isoformat()
                latest = dt.date.fromordinal(span[1] - 1).isoformat()
                return _shared_prefix(earliest, latest, (7, 4))
            return reference[:7] if len(reference) >= 7 and not which else ""
        back = (ref_day.isoweekday() - int(number)) % 7
        if which == "last-week":
            monday = ref_day - dt.timedelta(days=ref_day.isoweekday() - 1 + 7)
            return (monday + dt.timedelta(days=int(number) - 1)).isoformat()
        return (ref_day - dt.timedelta(days=back)).isoformat()
    if kind == "week":
        if not exact:
            return reference[:7] if len(reference) >= 7 and rest == "0" else ""
        first = ref_day - dt.timedelta(days=ref_day.isoweekday() - 1 - 7 * int(rest))
        last = first + dt.timedelta(days=6)
        return _shared_prefix(first.isoformat(), min(last, ref_day).isoformat(), (7, 4))
    if kind == "month":
        if len(reference) < 7:
            return ""
        y, m = divmod(int(reference[:4]) * 12 + int(reference[5:7]) - 1 + int(rest), 12)
        return f"{y:04d}-{m + 1:02d}"
    if kind == "year":
        return f"{int(reference[:4]) + int(rest):04d}"
    if kind == "ago":
        unit, _, count = rest.partition(":")
        n = int(count)
        if unit == "year":
            return f"{int(reference[:4]) - n:04d}"
        if unit == "month":
            if len(reference) < 7:
                return ""
            y, m = divmod(int(reference[:4]) * 12 + int(reference[5:7]) - 1 - n, 12)
            return f"{y:04d}-{m + 1:02d}"
        days = n * (7 if unit == "week" else 1)
        earliest = dt.date.fromordinal(span[0] - days).isoformat()
        latest = dt.date.fromordinal(span[1] - days).isoformat()
        # "three weeks ago" is no exact day: the month (or year) every reading shares.
        return _shared_prefix(earliest, latest, (10, 7, 4) if unit == "day" and exact else (7, 4))
    return ""


def _shared_prefix(first: str, last: str, lengths: tuple[int, ...]) -> str:
    for length in lengths:
        if first[:length] == last[:length]:
            return first[:length]
    return ""


# -- finding dates ---------------------------------------------------------------------------


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in taken)


def find_dates(text: str, reference: str | None = None, lang: str = "") -> list[DateMatch]:
    """Every date in `text` (see `_find_dates`); extractors ask about the same sentences
    many times, so the answers are kept."""
    return list(_find_dates(text, reference, lang))


_NO_DIGITS = frozenset({"_decade", "_part_m", "_entry_month"})  # the forms written without a digit
_NEED_YEAR = frozenset(
    {"_iso_numeric", "_dm_dm_y", "_md_md_y", "_dd_m_y", "_m_dd_y", "_d_m_y", "_m_d_y", "_holiday_y", "_m_m_y"}
    | {"_part_m_y", "_m_y", "_season_y", "_span", "_part_y", "_year"}
)
_NEED_MONTH = frozenset(
    {"_dm_dm_y", "_md_md_y", "_dd_m_y", "_m_dd_y", "_d_m_y", "_m_d_y", "_dd_m", "_d_m", "_m_d", "_m_m_y"}
    | {"_part_m_y", "_m_y", "_part_m", "_entry_month"}
)
_FOUR_DIGITS = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")


@lru_cache(maxsize=1)
def _month_word() -> re.Pattern[str]:
    """Any month's name or abbreviation, in any language, as a word."""
    names = _alternation(month_numbers())
    return re.compile(rf"(?:(?<![^\W\d_])|(?-i:(?<=[a-z])(?=[A-Z])))(?:{names})(?![^\W\d_])", re.IGNORECASE)


@lru_cache(maxsize=8192)
def _find_dates(text: str, reference: str | None = None, lang: str = "") -> tuple[DateMatch, ...]:
    """Every date in `text`, left to right, the most specific reading at each place.

    Addresses (URLs, e-mail) hold no dates of the text. With `reference` (the date
    the page was written), deictic times ("yesterday", "on Saturday") are found too;
    their `iso` is resolved when the reference allows it. `lang` ("nl", "fr") reads
    "06/07/2018" day first, as those languages write it; elsewhere such a date that
    reads two ways is a year.
    """
    day_first = lang in DAY_FIRST
    found = list(_forms_in(text, day_first)[0])
    if reference is not None:
        for d in _deictic_in(text, day_first):
            iso = resolve_deictic(d, reference)
            found.append(DateMatch(d.start, d.end, iso, kind="deictic", deixis=d.deixis))
    return tuple(sorted(found, key=lambda d: d.start))


# The same sentence is asked about with and without the page's date, and in each language:
# the scan depends only on the text and on whether numeric dates read day first.
@lru_cache(maxsize=16384)
def _forms_in(text: str, day_first: bool) -> tuple[tuple[DateMatch, ...], tuple[tuple[int, int], ...], str]:
    """The dates that the forms find in `text` (in the order found), their spans, and the
    text the forms read (addresses blanked out)."""
    masked = (
        _URL.sub(lambda m: " " * len(m.group()), text) if ("://" in text or "www." in text or "@" in text) else text
    )
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    # Most forms need a month's name or a four-digit year: a sentence without either is
    # tried with the few forms that need neither.
    digits = any(ch.isdigit() for ch in masked)
    year = digits and bool(_FOUR_DIGITS.search(masked))
    month = bool(_month_word().search(masked))
    for rule in _rules():
        name = rule.build.__name__
        if (not digits and name not in _NO_DIGITS) or (name in _NEED_YEAR and not year):
            continue
        if name in _NEED_MONTH and not month:
            continue
        if rule.needs is not None and not rule.needs.search(masked):
            continue
        for m in rule.pattern.finditer(masked):
            start, end = m.start(), m.end()
            # Leading and trailing blanks of a match are not part of the date.
            while start < end and masked[start].isspace():
                start += 1
            if _overlaps(start, end, taken):
                continue
            fields = rule.build(m, day_first) if rule.build is _numeric else rule.build(m)
            if not fields or not fields.get("iso"):
                continue
            found.append(DateMatch(start, end, **fields))
            taken.append((start, end))
    return tuple(found), tuple(taken), masked


@lru_cache(maxsize=16384)
def _deictic_in(text: str, day_first: bool) -> tuple[DateMatch, ...]:
    """The deictic times of `text` outside the dates the forms found, unresolved."""
    _found, taken, masked = _forms_in(text, day_first)
    return tuple(_deictic(masked, list(taken)))


_LEADING_DATE = re.compile(r"^\s*(?:[-•*–—]\s*)?")


def leading_date(text: str) -> DateMatch | None:
    """The date a line starts with ("11 April 2007: ...", "- 2002: ..."), if any."""
    prefix = _LEADING_DATE.match(text)
    offset = prefix.end() if prefix else 0
    for match in find_dates(text[offset : offset + 80]):
        if match.start == 0:
            return DateMatch(
                match.start + offset,
                match.end + offset,
                match.iso,
                kind=match.kind,
                until=match.until,
                part=match.part,
            )
        break
    return None


def month_header(line: str) -> str | None:
    """ "maart 2012" or "June 2013" alone on a line -> "2012-03"."""
    iso = date_alone(line)
    return iso if iso and len(iso) == 7 and iso[:1].isdigit() else None


def date_alone(line: str) -> str | None:
    """The date a line holds and nothing else ("maart 2012", "2014", "27 June 1994",
    "**OCTOBER**"), as ISO; never a span of years, which heads no entries."""
    stripped = line.strip().strip("*_#=:").strip()
    if not stripped or len(stripped) > 40:
        return None
    dates = find_dates(stripped)
    if (
        len(dates) == 1
        and dates[0].start == 0
        and dates[0].end == len(stripped)
        and dates[0].kind in ("point", "range")
    ):
        d = dates[0]
        if d.iso.startswith("---"):
            return None  # "Le 28" alone says too little
        return d.iso
    return None


def with_year(iso: str, year_context: str) -> str:
    """Complete "--06-03" / "--06" / "---28" with the year (and month) of a context date
    ("2020-06" -> "2020-06-03"); "" when the context cannot."""
    if not iso.startswith("--"):
        return iso
    if iso.startswith("---"):
        return f"{year_context[:7]}-{iso[3:]}" if len(year_context) >= 7 and not year_context.startswith("-") else ""
    return f"{year_context[:4]}{iso[1:]}" if year_context and not year_context.startswith("-") else ""


# -- when the page was written -----------------------------------------------------------------


@dataclass(frozen=True)
class PageDate:
    iso: str
    start: int  # where the text says it (a dateline, the page's address)
    end: int
    # Every dateline date of the page's head (published, updated, the address): none dates an incident.
    spans: tuple[tuple[int, int], ...] = ()


_URL_DATES = (
    re.compile(r"[/-](1[6-9]\d\d|20\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"/(1[6-9]\d\d|20\d\d)/([a-z]{3,4})/(0?[1-9]|[12]\d|3[01])(?!\d)", re.IGNORECASE),
    re.compile(r"[/-](1[6-9]\d\d|20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[-_/.])"),
    re.compile(r"[/-](1[6-9]\d\d|20\d\d)[/-](0[1-9]|1[0-2])(?=/)"),
)
# How far into a page its dateline may stand.
HEADER_CHARS = 700


@lru_cache(maxsize=1)
def _dateline_cues() -> re.Pattern[str]:
    words = lexicon.alternation("time", "page_dates")
    # Not after a letter; after a digit it may be, where a page glued it to a time ("09:28Updated").
    return re.compile(rf"(?<![^\W\d_])(?:{words})(?!\w)", re.IGNORECASE)


# Characters between a dateline's dates ("23/05/2016 | Updated 24/05/2017 at 10:12").
DATELINE_GAP = 40
# Words a dateline line may hold besides its cues and dates ("Article", "à", "TU").
DATELINE_WORDS = 4


def is_dateline(line: str) -> bool:
    """A line that only says when the page was published or updated ("Article publié le
    18/05/2009 Dernière mise à jour le 18/05/2009 à 17:05 TU"): no title, no text."""
    cue = _dateline_cues().search(line)
    dates = find_dates(line)
    if not cue or not dates or len(line[: cue.start()].split()) > 2:
        return False
    rest = _dateline_cues().sub(" ", line)
    for d in sorted(find_dates(rest), key=lambda d: -d.start):
        rest = rest[: d.start] + " " + rest[d.end :]
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= DATELINE_WORDS


def page_date(text: str) -> PageDate | None:
    """When the page was written: a date in its address ("/2004/sep/09/"), a dateline
    ("date 2019-03", "Updated October 23, 2024", "publié le 06/07/2018") or a date alone
    on one of its first lines; the most precise of those the page's head gives."""
    found: list[tuple[PageDate, bool]] = []  # (date, said in the text rather than the address)
    alone_seen = False
    for line in re.finditer(r"[^\n]+", text):
        if line.start() >= HEADER_CHARS:
            break
        body = line.group(0)
        if "://" in body or body.lstrip().startswith("www."):
            for pattern in _URL_DATES:
                m = pattern.search(body)
                if m:
                    iso = _url_iso(m)
                    if iso:
                        found.append((PageDate(iso, line.start() + m.start(), line.start() + m.end()), False))
                        break
            continue
        cue = _dateline_cues().search(body)
        if cue and len(body) > 60 and len(body[: cue.start()].split()) > 2:
            cue = None  # a cue word inside a sentence ("a report published in 2016"), not a dateline
        dates = [d for d in find_dates(body) if d.has_year and d.kind in ("point", "range")]
        if cue and dates:
            # The first date of a dateline is when the page was published ("23/05/2016 | Updated 24/05/2017").
            d = min((d for d in dates if d.start >= cue.start()), key=lambda d: d.start, default=dates[0])
            d = min(dates, key=lambda x: x.start) if dates[0].start < cue.start() else d
            found.append((PageDate(d.iso, line.start() + d.start, line.start() + d.end), True))
            # Its other dates (when it was updated) date no incident either; on a line that
            # runs on into the article's text, only those right after it are the dateline's.
            others = [x for x in dates if x is not d and (len(body) <= 60 or x.start - d.end <= DATELINE_GAP)]
            found += [(PageDate("", line.start() + x.start, line.start() + x.end), True) for x in others]
        elif dates and len(dates) == 1 and dates[0].precision == "day" and _alone(body, dates[0]) and not alone_seen:
            # The first date alone on a line of the head is a dateline; later ones head entries.
            alone_seen = True
            found.append((PageDate(dates[0].iso, line.start() + dates[0].start, line.start() + dates[0].end), True))
    if not found:
        return None
    # The most precise; the page's own words before its address (which dates its first version).
    best = max((f for f in found if f[0].iso), key=lambda p: (len(p[0].iso), p[1], -p[0].start))[0]
    return PageDate(best.iso, best.start, best.end, tuple((p.start, p.end) for p, _ in found))


def _alone(line: str, d: DateMatch) -> bool:
    """A date that is (nearly) all its line says, but for a byline ("16 AUG 2013 BY A. WRITER"):
    a dateline, not a sentence."""
    rest = _BYLINE.sub("", line[: d.start] + line[d.end :]).strip(" ,|-–—:")
    return len(rest) <= 24 and not re.search(r"[a-z]{3,}\s+[a-z]{3,}", rest)


# "by", "door" or "par" and a writer's name, capitalised or in capitals.
_BYLINE = re.compile(r"(?<!\w)(?i:by|door|par)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}")


def _url_iso(m: re.Match[str]) -> str | None:
    year = int(m.group(1))
    month_text = m.group(2)
    if month_text.isdigit():
        month = int(month_text)
    else:
        month = month_numbers().get(month_text.lower(), 0)
        if not month:
            return None
    if m.lastindex and m.lastindex >= 3:
        return _day_iso(year, month, int(m.group(3)))
    return f"{year:04d}-{month:02d}"


# -- relative times -------------------------------------------------------------------


# Days a unit spans, at least and at most (a month is 28 to 31 days).
_UNIT_DAYS = {"day": (1, 1), "week": (7, 7), "month": (28, 31), "year": (365, 366)}
_FEW = (2, 5)  # "a few", "enkele"
_BARE = (2, 6)  # "weeks later": some of them


@dataclass(frozen=True)
class RelativeMatch:
    start: int
    end: int
    unit: str  # day | week | month | year
    low: int
    high: int
    # "after three weeks": counted from when something began, which only a date
    # told just before gives (not an entry's date, which may be when it ended).
    from_start: bool = False
    before: bool = False  # "two years earlier": counted back


@lru_cache(maxsize=1)
def _relative_pattern() -> re.Pattern[str]:
    """ "(three) weeks later", "two years earlier" """
    after = lexicon.alternation("relative", "after")
    earlier = lexicon.alternation("relative", "earlier")
    return re.compile(
        rf"(?<!\w)(?:{_amount_pattern()}\s+)?(?:{_units()})\s+(?:(?P<later>{after})|(?P<earlier>{earlier}))(?!\w)",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _relative_before_pattern() -> re.Pattern[str]:
    """ "after three weeks", never "after three weeks of ..." """
    before = lexicon.alternation("relative", "before")
    not_after = lexicon.alternation("relative", "not_after")
    return re.compile(
        rf"(?<!\w)(?:{before})\s+{_amount_pattern()}\s+(?:{_units()})(?!\w)(?!\s+(?:{not_after})(?!\w))", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def _adjacent_pattern() -> re.Pattern[str]:
    """ "the previous year", "het volgende jaar", "l'année suivante"; "that year", "la même année" """
    words = {
        key: lexicon.alternation("relative", key)
        for key in (
            "previous_before",
            "next_before",
            "previous_after",
            "next_after",
            "articles_before",
            "same_before",
            "same_demonstratives",
        )
    }

    def units(prefix: str) -> str:
        return _units().replace("(?P<", f"(?P<{prefix}_")

    return re.compile(
        rf"(?<!\w)(?:(?P<previous>{words['previous_before']})|{words['next_before']})\s+(?:{_units()})(?!\w)"
        rf"|(?<!\w)(?:{words['articles_before']})\s*(?:{units('fr')})\s+"
        rf"(?:(?P<previous_fr>{words['previous_after']})|{words['next_after']})(?!\w)"
        rf"|(?<!\w)(?P<same>{words['same_before']})\s+(?:{units('same')})(?!\w)"
        rf"|(?<!\w)(?:{words['same_demonstratives']})\s+(?:{units('there')})(?P<same_fr>-là)",
        re.IGNORECASE,
    )


def _units() -> str:
    return "|".join(f"(?P<{key}>{lexicon.alternation('relative', key)})" for key in ("day", "week", "month", "year"))


def _amount_pattern() -> str:
    numbers = _alternation(_amount_words())
    return rf"(?:(?P<few>{lexicon.alternation('relative', 'few')})|(?P<n>\d{{1,2}}|{numbers}))"


def find_relative(text: str) -> list[RelativeMatch]:
    """ "five months later", "drie weken later", "na drie weken", "two years earlier": a
    span of time after (or before) what the text told before, with the count it gives
    (at least, at most). "After months of talks" is left out: it counts from a start
    the text need not give."""
    return list(_find_relative(text))


# Extractors ask about the same sentences many times: the answers are kept.
@lru_cache(maxsize=8192)
def _find_relative(text: str) -> tuple[RelativeMatch, ...]:
    out: list[RelativeMatch] = []
    if not lexicon.anywhere("relative", "day", "week", "month", "year").search(text):
        return ()  # every form names a unit of time
    before = _relative_before_pattern()
    for m in _adjacent_pattern().finditer(text):  # "the previous year", "l'année suivante"
        found = {k.rpartition("_")[2] for k, v in m.groupdict().items() if v and k.rpartition("_")[2] in _UNIT_DAYS}
        unit = found.pop()
        earlier = bool(m.group("previous") or m.group("previous_fr"))
        count = 0 if m.group("same") or m.group("same_fr") else 1
        out.append(RelativeMatch(m.start(), m.end(), unit, count, count, from_start=False, before=earlier))
    matches = [*_relative_pattern().finditer(text), *before.finditer(text)]
    for m in sorted(matches, key=lambda m: m.start()):
        if m.re is not before and _penalty_before().search(text, 0, m.start()):
            continue  # "kreeg tien jaar voor de moord": a penalty's length
        unit = next(key for key in ("day", "week", "month", "year") if m.group(key))
        if m.group("few"):
            low, high = _FEW
        elif m.group("n"):
            n = _amount(m.group("n"))
            if n is None:
                continue
            low = high = n
        elif lexicon.fold(m.group(unit)) in _plurals():
            low, high = _BARE  # "weeks later"
        else:
            low = high = 1  # "the day after"
        earlier = m.re is not before and bool(m.groupdict().get("earlier"))
        out.append(RelativeMatch(m.start(), m.end(), unit, low, high, from_start=m.re is before, before=earlier))
    return tuple(sorted(out, key=lambda r: r.start))


@lru_cache(maxsize=1)
def _penalty_before() -> re.Pattern[str]:
    """A word that makes the counted time after it a penalty, ending the text before it."""
    return lexicon.regex("relative", "penalty_before", r"(?<!\w)(?:{words})\s+$")


@lru_cache(maxsize=1)
def _plurals() -> frozenset[str]:
    return frozenset(lexicon.fold(str(w)) for by_lang in lexicon.load("relative")["plurals"].values() for w in by_lang)


def date_after(base: str, rel: RelativeMatch) -> str | None:
    """The date `rel` after (or, for "earlier", before) `base`, at the precision both
    allow: a day when both are exact days, else the month or year that every reading
    shares, else None."""
    span = date_span(base)
    if span is None:
        return None
    sign = -1 if rel.before else 1
    lo_unit, hi_unit = _UNIT_DAYS[rel.unit]
    # Counted months and years shift the calendar, not a number of days; the result
    # is no more precise than the unit ("five months after 3 June" is a month).
    if rel.unit == "month" and rel.low == rel.high and len(base) >= 7:
        y, m = divmod(int(base[:4]) * 12 + int(base[5:7]) - 1 + sign * rel.low, 12)
        return f"{y:04d}-{m + 1:02d}"
    if rel.unit == "year" and rel.low == rel.high:
        return f"{int(base[:4]) + sign * rel.low:04d}"
    if rel.before:
        first = dt.date.fromordinal(span[0] - rel.high * hi_unit).isoformat()
        last = dt.date.fromordinal(span[1] - rel.low * lo_unit).isoformat()
    else:
        first = dt.date.fromordinal(span[0] + rel.low * lo_unit).isoformat()
        last = dt.date.fromordinal(span[1] + rel.high * hi_unit).isoformat()
    for length in (10, 7, 4) if rel.unit == "day" else (7, 4):  # weeks are no exact days
        if first[:length] == last[:length]:
            return first[:length]
    return None


def date_span(iso: str) -> tuple[int, int] | None:
    """First and last day (ordinals) of an ISO date of year, month or day precision."""
    try:
        if len(iso) == 10:
            day = dt.date.fromisoformat(iso).toordinal()
            return day, day
        year = int(iso[:4])
        if len(iso) == 7:
            month = int(iso[5:7])
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return dt.date(year, month, 1).toordinal(), following.toordinal() - 1
        if len(iso) == 4:
            return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    except ValueError:
        return None
    return None
