"""Quantities in text: numerals, number words, ranges and bounds, with offsets.

"3,000–10,000", "800 tot 1000", "fewer than 2,000", "zeker 60", "over sixty",
"150.000", "enkele duizenden", "dozens" all become a `Quantity` with a min and
a max (None for an open end). Libraries such as `text2num` convert words to
numbers but neither find them in text nor read bounds and ranges, and none
covers Dutch; the words themselves are in `lexicons/numbers.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from dossier.text import lexicon


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    min: int | None
    max: int | None
    bound: str = ""  # "at_least", "at_most", "about", "range", "vague" or ""


_DIGITS = r"\d{1,3}(?:(?:[.,]|\s(?=\d{3}\b))\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?"


def _words(key: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for group in lexicon.load("numbers")[key].values():
        for word, value in group.items() if isinstance(group, dict) else ((w, True) for w in group):
            out[lexicon.fold(str(word))] = value
    return out


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, list[int | None]], dict[str, str]]:
    units = {k: int(v) for k, v in _words("units").items()}  # type: ignore[call-overload]
    scales = {k: int(v) for k, v in _words("scales").items()}  # type: ignore[call-overload]
    vague = {k: list(v) for k, v in _words("vague").items()}  # type: ignore[call-overload]
    bounds: dict[str, str] = {}
    for key in ("at_least", "at_most", "about"):
        for word in _words(key):
            bounds.setdefault(word, key)
    return units, scales, vague, bounds


def _alt(words: Iterable[str]) -> str:
    """Any of `words`, longest first; a long list behind a trie of the same words (see
    `lexicon.trie_source`: the same matches, found faster)."""
    ordered = sorted(words, key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    if len(ordered) < lexicon.GUARDED_LIST:
        return alternation
    guard = lexicon.trie_source([r"\s+" if ch == " " else re.escape(ch) for ch in w] for w in ordered)
    return f"(?={guard})(?:{alternation})"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    units, scales, vague, bounds = _tables()
    word_number = rf"(?:{_alt(units)})(?:[-\s](?:{_alt(units)}))?(?:\s+(?:{_alt(scales)}))?"
    number = rf"(?:(?:{_DIGITS})(?:\s+(?:{_alt(scales)}))?|{word_number})"
    range_words = r"\s*(?:-|–|—|to|tot|à|and|en|et)\s*"
    return re.compile(
        rf"(?<![\w.,])(?:(?P<bound>{_alt(bounds)})\s+)?"
        rf"(?:(?:between|tussen|entre)\s+)?"
        rf"(?:(?P<vague>{_alt(vague)})|(?P<n1>{number})(?:{range_words}(?P<n2>{number}))?)"
        r"(?![\w])",
        re.IGNORECASE,
    )


_GROUPED = re.compile(r"\d{1,3}(?:(?:[.,]|\s)\d{3})+")
_NON_DIGITS = re.compile(r"\D")
_DECIMAL = re.compile(r"\d+(?:[.,]\d+)?")
_WORD_GAPS = re.compile(r"[-\s]+")


def parse_number(text: str) -> int | None:
    """ "30,000" -> 30000, "150.000" -> 150000, "sixty" -> 60, "2.5 million" -> 2500000."""
    units, scales, _, _ = _tables()
    text = lexicon.fold(text)
    scale = 1
    for word, factor in scales.items():
        if text.endswith(" " + word) or text == word:
            scale = factor
            text = text[: -len(word)].strip() or "1"
            break
    if _GROUPED.fullmatch(text):
        return int(_NON_DIGITS.sub("", text)) * scale
    if _DECIMAL.fullmatch(text):
        return round(float(text.replace(",", ".")) * scale)
    total = 0
    parts = _WORD_GAPS.split(text)
    for i, part in enumerate(parts):
        if part in units:
            compound = total >= 20 and total % 10 == 0 and units[part] < 10
            if total and not compound:
                return None  # "a seventy": not one number
            if part in ("a", "an") and (i + 1 >= len(parts) or parts[i + 1] not in scales):
                return None
            total += units[part]
        elif part in scales:
            total = max(total, 1) * scales[part]
        else:
            return None
    return total * scale if total or text in units else None


# "20,00031,000": a range copied without its dash; both halves are well-formed numbers.
_GLUED_RANGE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+?)(\d{1,3}(?:,\d{3})+)(?![\d,])")


# A plus sign right after a number, not a sum ("5000+ fighters", not "5+3").
_PLUS = re.compile(r"\+(?![\d+])")


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    _, _, vague, bounds = _tables()
    out: list[Quantity] = []
    for m in _GLUED_RANGE.finditer(text):
        lo, hi = parse_number(m.group(1)), parse_number(m.group(2))
        if lo is not None and hi is not None and hi > lo:
            out.append(Quantity(offset + m.start(), offset + m.end(), lo, hi, "range"))
    glued = [(q.start - offset, q.end - offset) for q in out]
    for m in _pattern().finditer(text):
        if any(a <= m.start() < b for a, b in glued):
            continue
        bound = bounds.get(lexicon.fold(m.group("bound") or ""), "")
        if m.group("vague"):
            lo, hi = vague[lexicon.fold(m.group("vague"))]
            if lo is None and hi is None:
                continue
            out.append(Quantity(offset + m.start(), offset + m.end(), lo, hi, "vague"))
            continue
        n1 = parse_number(m.group("n1"))
        n2 = parse_number(m.group("n2")) if m.group("n2") else None
        if n1 is None:
            continue
        if n2 is not None and n2 > n1 and not _is_year_pair(n1, n2):
            out.append(Quantity(offset + m.start(), offset + m.end(), n1, n2, "range"))
            continue
        end = m.end("n1")
        if not bound and _PLUS.match(text, end):
            bound, end = "at_least", end + 1  # "5000+": five thousand or more
        if bound == "at_least":
            out.append(Quantity(offset + m.start(), offset + end, n1, None, bound))
        elif bound == "at_most":
            out.append(Quantity(offset + m.start(), offset + end, None, n1, bound))
        else:
            out.append(Quantity(offset + m.start(), offset + end, n1, n1, bound))
    return out


def _is_year_pair(a: int, b: int) -> bool:
    return 1800 <= a <= 2100 and 1800 <= b <= 2100
