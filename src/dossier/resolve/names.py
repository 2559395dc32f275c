"""Comparing names: folded forms, transliteration keys, skeletons and cognates.

Every spelling rule and word list lives in `lexicons/names.yaml`; this module
only applies them. Three levels of sameness, from strict to loose:

- `fold_name`: case, accents, quotes and punctuation ("Al-Jabha" = "al jabha");
- `translit`: a word's transliteration key ("Abou" = "Abu", "Zeid" = "Zayd");
- `skeleton`: a word's consonants ("Sahara" = "Sahra"), used for blocking and,
  with more evidence, for matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from normality import ascii_text
from rapidfuzz.distance import OSA

from dossier.text.names import QUOTES


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    text = resources.files("dossier.resolve").joinpath("lexicons", "names.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def words(key: str) -> frozenset[str]:
    """A word list of the lexicon, all languages together."""
    entry = lexicon()[key]
    groups: Iterable[Any] = entry.values() if isinstance(entry, dict) else [entry]
    out: set[str] = set()
    for group in groups:
        out |= {str(w) for w in group}
    return frozenset(out)


@lru_cache(maxsize=8)
def rules(key: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """A lexicon's (pattern, replacement) spelling rules, compiled."""
    return tuple((re.compile(p), r) for p, r in lexicon()[key])


@lru_cache(maxsize=1)
def articles() -> frozenset[str]:
    return words("articles")


def raw_words(name: str) -> list[str]:
    """The lower-case ASCII words of a name; apostrophes inside a word are dropped
    ("Jama'at" -> "jamaat"), hyphens and other punctuation separate words."""
    return list(_raw_words(name))


@lru_cache(maxsize=262144)
def _raw_words(name: str) -> tuple[str, ...]:
    """`raw_words`, once per name: resolution folds each name several times, and
    transliterating to ASCII is the dearest step."""
    text = (ascii_text(name.translate(QUOTES)) or "").casefold()
    text = re.sub(r"(?<=[a-z])'(?=[a-z])", "", text)
    return tuple(re.findall(r"[a-z0-9]+", text))


@lru_cache(maxsize=262144)
def translit(word: str, *, org: bool = False) -> str:
    """The transliteration key of one folded word: "abou" -> "abu", "zeid" -> "zaid"."""
    out = word
    for pattern, repl in rules("transliteration"):
        out = pattern.sub(repl, out)
    if org:
        for pattern, repl in rules("org_plural"):
            out = pattern.sub(repl, out)
    return out or word


@lru_cache(maxsize=262144)
def skeleton(word: str) -> str:
    """The first letter and the consonants of a transliteration key, doubled letters once."""
    if not word:
        return word
    rest = re.sub(r"[aeiouy]", "", word[1:])
    return re.sub(r"(.)\1+", r"\1", word[0] + rest)


def close_spelling(a: str, b: str, *, min_len: int = 6) -> bool:
    """One edit (or one swap of neighbours) apart in a word long enough for that to be a slip."""
    if a == b:
        return True
    if min(len(a), len(b)) < min_len:
        return False
    return OSA.distance(a, b, score_cutoff=1) <= 1


def cognate(a: str, b: str) -> bool:
    """Two transliteration keys that are plausibly one word in two languages or spellings:
    "national"/"nationaal", "group"/"groupe", "front"/"fronte", "army"/"armee"/"leger"."""
    if a == b or translated(a) == translated(b):
        return True
    if a[0] != b[0] or min(len(a), len(b)) < 4:
        return False
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    if prefix >= 4 and prefix >= 0.7 * min(len(a), len(b)):
        return True
    sa, sb = skeleton(a), skeleton(b)
    return sa == sb and len(sa) >= 2 and abs(len(a) - len(b)) <= 2


@lru_cache(maxsize=1)
def _translations() -> dict[str, str]:
    out: dict[str, str] = {}
    for group in lexicon().get("org_translations", []):
        for word in group:
            out[translit(str(word), org=True)] = translit(str(group[0]), org=True)
    return out


def translated(word: str) -> str:
    """A transliteration key in the English of `org_translations`, or the key itself."""
    return _translations().get(word, word)
