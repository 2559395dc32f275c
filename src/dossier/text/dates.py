"""Dates in running text, with their offsets and the precision the text gives.

Month names come from CLDR (Babel) for every supported language. The matcher
itself is hand-written: `dateparser` parses a string it is given, but does
not find dates inside text with their offsets, and it fills in a day or a
month the text never gave, which would invent precision.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import get_month_names

from dossier.text import lexicon

LANGUAGES = ("en", "nl", "fr")
YEAR = r"(1[6-9]\d\d|20\d\d)"


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str  # "2007", "2007-04" or "2007-04-11"; "--04-11" when the year is missing

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}.get(len(self.iso), "day")

    @property
    def has_year(self) -> bool:
        return not self.iso.startswith("--")


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Lower-cased month name or abbreviation -> month number, all languages."""
    names: dict[str, int] = {}
    for lang in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=lang).items():
                    name = name.lower().rstrip(".")
                    # Two-letter abbreviations are too ambiguous in running text.
                    if len(name) >= 3:
                        names[name] = number
    names["sept"] = 9
    return names


def _month_alternation(wide_only: bool) -> str:
    wide = {n.lower() for lang in LANGUAGES for n in get_month_names("wide", locale=lang).values()}
    names = wide if wide_only else set(month_numbers())
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    wide = _month_alternation(wide_only=True)
    any_month = _month_alternation(wide_only=False)
    day = r"(\d{1,2})(?:st|nd|rd|th|er|e)?"
    flags = re.IGNORECASE
    # Order matters: the most precise forms are tried first at each position.
    return [
        (re.compile(rf"\b{YEAR}-(\d\d)-(\d\d)\b"), "iso"),
        # "25 to 26 February 2022", "25 op 26 februari": the first day counts.
        (
            re.compile(rf"\b{day}\s*(?:-|–|to|tot|op|au|et|and|en)\s*\d{{1,2}}\s+({any_month})\.?,?\s+{YEAR}\b", flags),
            "dmy",
        ),
        (re.compile(rf"\b{day}\s+({any_month})\.?,?\s+{YEAR}\b", flags), "dmy"),
        (re.compile(rf"\b({wide})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{YEAR}\b", flags), "mdy"),
        (re.compile(rf"\b{day}\s*(?:-|–|to|tot|op|au|et|and|en)\s*\d{{1,2}}\s+({wide})\b", flags), "dm"),
        (re.compile(rf"\b{day}\s+({wide})\b(?!\s+\d)", flags), "dm"),
        (re.compile(rf"\b({wide})\s+(?:of\s+|van\s+|de\s+|d')?{YEAR}\b", flags), "my"),
        (re.compile(rf"\b{YEAR}\b(?![-–]\d\d-)"), "y"),
    ]


def _iso(kind: str, groups: tuple[str, ...]) -> str | None:
    months = month_numbers()
    try:
        if kind == "iso":
            year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
        elif kind == "dmy":
            day, month, year = int(groups[0]), months[groups[1].lower().rstrip(".")], int(groups[2])
        elif kind == "mdy":
            month, day, year = months[groups[0].lower()], int(groups[1]), int(groups[2])
        elif kind == "dm":
            day, month = int(groups[0]), months[groups[1].lower()]
            return f"--{month:02d}-{day:02d}" if 1 <= day <= 31 else None
        elif kind == "my":
            return f"{int(groups[1]):04d}-{months[groups[0].lower()]:02d}"
        else:
            return groups[0]
    except (KeyError, ValueError):
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_dates(text: str) -> list[DateMatch]:
    """Every date in `text`, left to right, the most precise reading at each place."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _patterns():
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            iso = _iso(kind, m.groups())
            if iso:
                found.append(DateMatch(m.start(), m.end(), iso))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


_LEADING_DATE = re.compile(r"^\s*(?:[-•*–]\s*)?")


def leading_date(text: str) -> DateMatch | None:
    """The date a line starts with ("11 April 2007: ...", "- 2002: ..."), if any."""
    prefix = _LEADING_DATE.match(text)
    offset = prefix.end() if prefix else 0
    for match in find_dates(text[offset : offset + 60]):
        if match.start == 0:
            return DateMatch(match.start + offset, match.end + offset, match.iso)
        break
    return None


def month_header(line: str) -> str | None:
    """ "maart 2012" or "June 2013" alone on a line -> "2012-03"."""
    stripped = line.strip()
    if not stripped or len(stripped) > 24:
        return None
    dates = find_dates(stripped)
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(stripped) and len(dates[0].iso) == 7:
        return dates[0].iso
    return None


def with_year(iso: str, year_context: str) -> str:
    """Complete "--06-03" with the year of a context date ("2020-06" -> "2020-06-03")."""
    if not iso.startswith("--"):
        return iso
    return f"{year_context[:4]}{iso[1:]}" if year_context else ""


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


@lru_cache(maxsize=1)
def _relative_pattern() -> re.Pattern[str]:
    """ "(three) weeks later" """
    after = lexicon.alternation("relative", "after")
    return re.compile(rf"(?<!\w)(?:{_amount()}\s+)?(?:{_units()})\s+(?:{after})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _relative_before_pattern() -> re.Pattern[str]:
    """ "after three weeks", never "after three weeks of ..." """
    before = lexicon.alternation("relative", "before")
    not_after = lexicon.alternation("relative", "not_after")
    return re.compile(
        rf"(?<!\w)(?:{before})\s+{_amount()}\s+(?:{_units()})(?!\w)(?!\s+(?:{not_after})(?!\w))", re.IGNORECASE
    )


def _units() -> str:
    return "|".join(f"(?P<{key}>{lexicon.alternation('relative', key)})" for key in ("day", "week", "month", "year"))


def _amount() -> str:
    number_words = sorted({str(w) for by_lang in lexicon.load("numbers")["units"].values() for w in by_lang}, key=len)
    numbers = "|".join(re.escape(w) for w in reversed(number_words))
    return rf"(?:(?P<few>{lexicon.alternation('relative', 'few')})|(?P<n>\d{{1,2}}|{numbers}))"


def find_relative(text: str) -> list[RelativeMatch]:
    """ "five months later", "drie weken later", "na drie weken": a span of time after
    what the text told before, with the count it gives (at least, at most). "After
    months of talks" is left out: it counts from a start the text need not give."""
    out = []
    before = _relative_before_pattern()
    matches = [*_relative_pattern().finditer(text), *before.finditer(text)]
    for m in sorted(matches, key=lambda m: m.start()):
        unit = next(key for key in ("day", "week", "month", "year") if m.group(key))
        if m.group("few"):
            low, high = _FEW
        elif m.group("n"):
            n = _count(m.group("n"))
            if n is None:
                continue
            low = high = n
        elif lexicon.fold(m.group(unit)) in _plurals():
            low, high = _BARE  # "weeks later"
        else:
            low = high = 1  # "the day after"
        out.append(RelativeMatch(m.start(), m.end(), unit, low, high, from_start=m.re is before))
    return out


@lru_cache(maxsize=1)
def _plurals() -> frozenset[str]:
    return frozenset(lexicon.fold(str(w)) for by_lang in lexicon.load("relative")["plurals"].values() for w in by_lang)


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word) or None
    values = {
        lexicon.fold(str(w)): int(n)
        for by_lang in lexicon.load("numbers")["units"].values()
        for w, n in by_lang.items()
    }
    n = values.get(lexicon.fold(word))
    return n if n and n < 100 else None


def date_after(base: str, rel: RelativeMatch) -> str | None:
    """The date `rel` after `base`, at the precision both allow: a day when both are
    exact days, else the month or year that every reading shares, else None."""
    span = date_span(base)
    if span is None:
        return None
    lo_unit, hi_unit = _UNIT_DAYS[rel.unit]
    # Counted months and years shift the calendar, not a number of days; the result
    # is no more precise than the unit ("five months after 3 June" is a month).
    if rel.unit == "month" and rel.low == rel.high and len(base) >= 7:
        y, m = divmod(int(base[:4]) * 12 + int(base[5:7]) - 1 + rel.low, 12)
        return f"{y:04d}-{m + 1:02d}"
    if rel.unit == "year" and rel.low == rel.high:
        return f"{int(base[:4]) + rel.low:04d}"
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
