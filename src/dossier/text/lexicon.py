"""Lexicons: small data files of words per language, beside the code that reads them.

Each YAML file maps a canonical key (a field, a section, an event type, a
role) to the words that express it, per language. Code asks for the index
(word -> key); it never lists words itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

# libyaml's safe loader where PyYAML was built with it: ten times faster than the pure
# Python one, which cost half a second of every process's start-up (the same data:
# tests/text/test_lexicon_loading.py compares them on every lexicon).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load(name: str) -> dict[str, Any]:
    """The lexicon `name` (a file `lexicons/NAME.yaml`)."""
    text = resources.files("dossier.text").joinpath("lexicons", f"{name}.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=_SAFE_LOADER) or {}
    if not isinstance(data, dict):
        raise ValueError(f"lexicon {name}.yaml must map keys to words per language")
    return data


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The form words are compared in: case-folded, spacing collapsed."""
    return _SPACES.sub(" ", word.replace("’", "'").replace("‘", "'")).strip().casefold()


@cache
def index(name: str) -> dict[str, str]:
    """Folded word -> canonical key, over every language of lexicon `name`."""
    out: dict[str, str] = {}
    for key, by_lang in load(name).items():
        for group in _groups(by_lang):
            for word in group or []:
                out.setdefault(fold(str(word)), str(key))
    return out


@cache
def alternation(name: str, key: str | None = None, lang: str | None = None) -> str:
    """Regex source matching any word of lexicon `name` (of one key, if given), longest first.

    With `lang`, only that language's words (a document's language chooses its word
    lists; where a lexicon gives a word for no language in particular it stays shared).
    Words keep their case here (folding is for lookups); callers choose the flags.
    """
    words = _words_of(name, key, lang)
    # "kidnap*" matches every word that starts with "kidnap".
    return "|".join(
        re.escape(w.rstrip("*")).replace(r"\ ", r"\s+") + (r"\w*" if w.endswith("*") else "")
        for w in sorted(words, key=len, reverse=True)
    )


@cache
def _guarded(name: str, key: str | None = None, lang: str | None = None) -> str:
    """`alternation(...)` behind a trie of the same words (see `trie_source`): where no
    word starts, a few letters say so, instead of every word tried there. The guard is
    zero-width and holds wherever a word matches, so the matches are the alternation's."""
    words = _words_of(name, key, lang)
    if len(words) < GUARDED_LIST:
        return alternation(name, key, lang)
    return f"(?={trie_source(_atoms(w) for w in words)})(?:{alternation(name, key, lang)})"


# Shorter lists gain nothing from a guard.
GUARDED_LIST = 8


def _atoms(word: str) -> list[str]:
    """A lexicon word as regex atoms, as `alternation` writes it: spaces stretch, a final * runs on."""
    atoms = [r"\s+" if ch == " " else re.escape(ch) for ch in word.rstrip("*")]
    return atoms + [r"\w*"] if word.endswith("*") else atoms


def _words_of(name: str, key: str | None = None, lang: str | None = None) -> set[str]:
    return {
        str(w)
        for k, by_lang in load(name).items()
        if key is None or k == key
        for group in _groups(by_lang, lang)
        for w in group or []
    }


def _groups(by_lang: Any, lang: str | None = None) -> list[Any]:
    if not isinstance(by_lang, dict):
        return [by_lang]
    if lang in by_lang:
        return [by_lang[lang]]
    return list(by_lang.values())


@cache
def words_pattern(name: str, key: str | None = None, lang: str | None = None) -> re.Pattern[str]:
    """A case-insensitive regex matching any word of lexicon `name` (of one key, if given;
    of one language, if given and the lexicon has words for it)."""
    return re.compile(rf"(?<!\w)(?:{_guarded(name, key, lang)}){_WORD_END}", re.IGNORECASE)


# A word ending in an elision ("la création d'") runs on into the next one.
_WORD_END = r"(?:(?<=['’])|(?!\w))"


@lru_cache(maxsize=256)
def regex(name: str, key: str, template: str, lang: str | None = None) -> re.Pattern[str]:
    r"""`template` compiled case-insensitively, with `{words}` standing for the words
    of lexicon `name`, key `key` (r"(?<!\w)(?:{words})\s+$": one of them ending a text);
    with `lang`, that language's words only."""
    return re.compile(template.replace("{words}", _guarded(name, key, lang)), re.IGNORECASE)


@lru_cache(maxsize=65536)
def lookup(name: str, word: str) -> str | None:
    return index(name).get(fold(word))


def keys_in(name: str, text: str, lang: str | None = None) -> list[tuple[str, int, int]]:
    """(key, start, end) of every lexicon word in `text`, for lexicons whose words are cues;
    with `lang`, the words of that language (and those of no language in particular)."""
    return list(_keys_in(name, text, lang))


# Extractors ask about the same sentences many times: the answers are kept.
@lru_cache(maxsize=16384)
def _keys_in(name: str, text: str, lang: str | None) -> tuple[tuple[str, int, int], ...]:
    # One scan finds every place where some word of some key starts (a key's word matches
    # only where the pattern of all keys matches too); each key is then tried only there,
    # left to right and without overlaps, as scanning for that key alone would find it.
    places = [m.start() for m in _cue_places(name, lang).finditer(text)]
    found = []
    if places:
        for key in load(name):
            pattern, end = words_pattern(name, str(key), lang), 0
            for place in places:
                m = pattern.match(text, place) if place >= end else None
                if m:
                    found.append((str(key), m.start(), m.end()))
                    end = m.end()
    for key, verb in _gapped_cues(name, lang):
        found.extend((key, m.start(), m.end()) for m in verb.finditer(text))
    return tuple(sorted(found, key=lambda t: t[1]))


def _clause_end() -> str:
    """After a particle that ends its clause: a mark, the end, or a word that opens a clause."""
    openers = f"{alternation('time', 'clause_coordinators')}|{alternation('time', 'clause_subordinators')}"
    return rf"(?=\s*(?:[,;.!?)]|$)|\s+(?:{openers})(?!\w))"


def gapped_patterns(
    name: str, key: str, clause_end: bool = False, lang: str | None = None
) -> tuple[re.Pattern[str], ...]:
    """The words of lexicon `name`, key `key`, written with "…": a Dutch separable verb's
    first word (group "first"), then up to six words of one clause (ten, when the particle must end it), then its particle
    ("richtte … op": "richtte in 1973 de groep op"). With `clause_end`, the particle must
    end its clause ("nemen … in": not the preposition of "nemen in juni deel")."""
    return _gapped_patterns(name, key, clause_end, lang)


@cache
def _gapped_patterns(name: str, key: str, clause_end: bool, lang: str | None) -> tuple[re.Pattern[str], ...]:
    gaps = r"(?:[^\s,;.]+\s+){1,10}?" if clause_end else r"(?:[^\s,;.]+\s+){0,6}?"
    return tuple(
        re.compile(
            rf"(?<!\w)(?P<first>{re.escape(a.strip())})\s+{gaps}{re.escape(b.strip())}(?!\w)"
            # A particle of two words ("door naar") is told apart by itself.
            + (_clause_end() if clause_end and " " not in b.strip() else ""),
            re.IGNORECASE,
        )
        for a, b in (str(w).split("…") for group in _groups(load(name)[key], lang) for w in group or [] if "…" in str(w))
    )


@cache
def _gapped_cues(name: str, lang: str | None = None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(key, pattern) of each word written with "…" in a lexicon of cues (of one language)."""
    return tuple((str(key), p) for key in load(name) for p in gapped_patterns(name, str(key), True, lang))


@cache
def _cue_places(name: str, lang: str | None = None) -> re.Pattern[str]:
    """Matches, empty, where a word of lexicon `name` (of one language) starts."""
    words = _words_of(name, None, lang)
    return re.compile(rf"(?=(?<!\w){trie_source(_atoms(w) for w in words)}{_WORD_END})", re.IGNORECASE)


@cache
def anywhere(name: str, *keys: str) -> re.Pattern[str]:
    """Case-insensitively, any word of lexicon `name` under `keys`, inside a word or not:
    a quick test that a text can hold no pattern that needs one of these words."""
    words = {w for key in keys for w in _words_of(name, key)}
    return re.compile(trie_source(_atoms(w) for w in words), re.IGNORECASE)


def any_of(words: Iterable[str]) -> re.Pattern[str]:
    """Case-insensitively, any of `words` anywhere (spaces stretch, apostrophes may curl),
    as a trie: a quick test that a text can hold no pattern that needs one of them."""
    curled = {" ": r"\s+", "'": "['’]"}
    return re.compile(trie_source([curled.get(ch) or re.escape(ch) for ch in w] for w in set(words)), re.IGNORECASE)


def trie_source(words: Iterable[Sequence[str]]) -> str:
    """Regex source matching where any of `words` (each a list of regex atoms) matches,
    as a trie ("kill(?:ed|ing)" rather than "killed|killing"): at each place a few
    letters are tried, not every word. Only *whether* it matches is its answer (which
    word does is for the alternation of the words): backtracking tries every branch,
    so their order does not matter."""
    root: dict[str, Any] = {}
    for atoms in words:
        node = root
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}  # a word ends here
    return _trie_node(root)


def _trie_node(node: dict[str, Any]) -> str:
    branches = [atom + _trie_node(child) if child else atom for atom, child in node.items()]
    branches.sort(key=lambda b: b == "")  # the empty ending last: a longer word first
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
