"""Persons: one entity per person, across transliterations, slips, name order and aliases.

A person's names are the `name` and `alias` statements of the mention: an alias
a document states ("X, alias Y") joins through the mention that holds both.
Each name is reduced to transliteration keys of its words without articles
("Salim Abou El-Hakkam" -> salim abu hakam). Particles ("Abu", "bin", "Ould")
and very common given names are *common* words. A name is *full* when it has two
words besides particles and at least one uncommon word ("Karim Hadi", "Mohamed
Hadi"); anything less (a surname, "Abu X", "Mohamed Ali") is *short*.

Rules, each with its own blocking key:

1. full names with equal keys (spacing and hyphens aside): transliteration variants;
2. full names (with two uncommon words) with the same words in another order;
3. such full names equal but for one slip (one edit or swap) in one long distinctive word,
   from different documents;
4. a short name, or a full name that is part of a longer one, joins the one person whose
   full name contains it, and only when exactly one does: "Abu X" never bridges two men.
   Short names that fit no full name join each other when equal.

A shared common word is never enough: "Abu X Y" and "Abu X Z" stay two.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from dossier.resolve.clusters import Clusters
from dossier.resolve.mentions import Mention
from dossier.resolve.names import articles, close_spelling, raw_words, rules, skeleton, translit, words
from dossier.text.names import fold_name

# Short-name candidates beyond this many mentions are too ambiguous to look through.
MAX_CANDIDATES = 200


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(translit(w) for w in words("person_particles"))


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(translit(w) for w in words("person_titles"))


@lru_cache(maxsize=1)
def _common_lexicon() -> frozenset[str]:
    return _particles() | frozenset(translit(w) for w in words("person_common"))


@dataclass(frozen=True)
class PersonName:
    key: str  # mention key
    doc: str
    name: str
    tokens: tuple[str, ...]
    surname_only: bool  # stated as a surname ("Haddad said ...")
    # What the rules ask of a name again and again, worked out once (`_Persons`):
    distinctive: tuple[str, ...] = ()  # its words that are no common word
    words: int = 0  # its words besides particles
    # Two words besides particles, one of them no common given name: "Karim Hadi", "Abu Karim
    # al-Hadi", "Mohamed Hadi"; not "Abu Karim", "Mohamed Ali" or a surname.
    full: bool = False


@lru_cache(maxsize=131072)
def name_tokens(name: str) -> tuple[str, ...]:
    """Transliteration keys of a person's name words, articles dropped
    ("Abd al-Karim" and "Abdel Karim" both give abdal karim)."""
    raw = raw_words(name)
    while len(raw) > 1 and translit(raw[0]) in _titles():
        raw = raw[1:]  # "Sheikh X Y" is X Y
    out: list[str] = []
    for i, w in enumerate(raw):
        if w in articles():
            if i and raw[i - 1] == "abd" and out:
                out[-1] = translit("abdel")
            continue
        out.append(_spelling(translit(w)))
    return tuple(out)


@lru_cache(maxsize=262144)
def _spelling(word: str) -> str:
    """A word's spelling rules applied, once per word: names share their words."""
    for pattern, repl in rules("person_spelling"):
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=262144)
def _consonants(word: str) -> str:
    return re.sub(r"[aeiouy]", "", word)


def _same_word(a: str, b: str) -> bool:
    """Equal, or one vowel apart in a word of four letters or more ("hafez"/"hafiz")."""
    return a == b or (_consonants(a) == _consonants(b) and close_spelling(a, b, min_len=4))


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """The words of `short` in `long`, in order; the surnames (last words) equal, a given name
    may be spelt one vowel apart."""
    if short and long and short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(any(_same_word(w, x) for x in it) for w in short)


class _Persons:
    def __init__(self, ms: Iterable[Mention], clusters: Clusters) -> None:
        self.clusters = clusters
        found: list[tuple[str, str, str, tuple[str, ...], bool]] = []
        for m in sorted(ms, key=lambda m: m.key):
            for name in sorted(m.names):
                tokens = name_tokens(name)
                if tokens:
                    found.append((m.key, m.doc, name, tokens, m.kinds.get(name, set()) == {"surname"}))
        # Words so frequent among the names that they say little (beyond the lexicon's).
        spellings = {tokens for _k, _d, _n, tokens, _s in found}
        df = Counter(w for t in spellings for w in set(t))
        limit = max(50, len(df) and int(0.05 * len(spellings)))
        self.common = _common_lexicon() | {w for w, c in df.items() if c > limit}
        self._distinctive: dict[tuple[str, ...], tuple[str, ...]] = {}
        particles = _particles()
        self.names: list[PersonName] = []
        for key, doc, name, tokens, surname in found:
            distinctive = self.distinctive(tokens)
            words = sum(1 for w in tokens if w not in particles)
            full = not surname and bool(distinctive) and words >= 2
            self.names.append(PersonName(key, doc, name, tokens, surname, distinctive, words, full))

    def distinctive(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        found = self._distinctive.get(tokens)
        if found is None:  # once per name: every rule asks it
            found = self._distinctive[tokens] = tuple(w for w in tokens if w not in self.common)
        return found

    def union(self, a: PersonName, b: PersonName | str, reason: str, score: float) -> bool:
        other = b.key if isinstance(b, PersonName) else b
        label = f"{a.name!r} ~ {b.name!r}" if isinstance(b, PersonName) else repr(a.name)
        return self.clusters.union(a.key, other, f"{reason}: {label}", score)

    def run(self) -> None:
        full = [n for n in self.names if n.full]
        self._equal(full, lambda n: "".join(n.tokens), "transliteration variant", 0.95)
        # Name order: only names with two distinctive words ("Mohamed Hadi" = "Hadi Mohamed"
        # is likely, but a given name that is also a surname makes it unsafe).
        full2 = [n for n in full if len(n.distinctive) >= 2]
        self._equal(full2, lambda n: " ".join(sorted(n.tokens)), "same name in another order", 0.9)
        # Two given names that are both common ("Ahmed Ali") still name one man when written alike.
        two_common = [n for n in self.names if not n.full and not n.surname_only and n.words >= 2]
        self._equal(two_common, lambda n: "".join(n.tokens), "same name of common words", 0.8)
        self._slips(full)
        self._vowels(full)
        self._short(full)

    def _vowels(self, names: list[PersonName]) -> None:
        """Every word the same but for its vowels ("Naser al-Wahishi" / "Nasir al-Wuhayshi"): a
        transliteration of the same Arabic letters, where a common given name differs by one vowel at most."""
        buckets: dict[tuple[str, ...], list[PersonName]] = defaultdict(list)
        for n in names:
            if n.words >= 2 and any(len(w) >= 5 for w in n.distinctive):
                buckets[tuple(skeleton(w) for w in n.tokens)].append(n)
        for _key, group in sorted(buckets.items()):
            if len(group) < 2 or len(group) > MAX_CANDIDATES:
                continue
            for j, a in enumerate(group):
                for b in group[j + 1 :]:
                    if a.doc == b.doc or a.tokens == b.tokens:
                        continue
                    if all(
                        wa == wb or (wa not in self.common and wb not in self.common) or _same_word(wa, wb)
                        for wa, wb in zip(a.tokens, b.tokens, strict=True)
                    ):
                        self.union(a, b, "the same name but for its vowels", 0.8)

    def _equal(self, names: list[PersonName], key: object, reason: str, score: float) -> None:
        buckets: dict[str, list[PersonName]] = defaultdict(list)
        for n in names:
            buckets[key(n)].append(n)  # type: ignore[operator]
        for _k, group in sorted(buckets.items()):
            for other in group[1:]:
                if other.key != group[0].key:
                    same = fold_name(group[0].name) == fold_name(other.name)
                    self.union(group[0], other, "same name" if same else reason, 1.0 if same else score)

    def _slips(self, names: list[PersonName]) -> None:
        """Equal but for one slip in one long distinctive word: block on the other words."""
        distinct: dict[tuple[str, ...], PersonName] = {}
        for n in names:
            distinct.setdefault(n.tokens, n)
        buckets: dict[tuple[int, tuple[str, ...]], list[PersonName]] = defaultdict(list)
        for tokens, n in distinct.items():
            for i in range(len(tokens)):
                rest = tokens[:i] + tokens[i + 1 :]
                # The other words tell who it is, or the slipped word is the one distinctive word
                # of a name of three words ("Abu Muhammad al-Hurani" / "... al-Horani").
                if self.distinctive(rest) or (len(tokens) >= 3 and n.distinctive == (tokens[i],)):
                    buckets[(i, rest)].append(n)
        for (i, _rest), group in sorted(buckets.items()):
            if len(group) < 2 or len(group) > MAX_CANDIDATES:
                continue
            for j, a in enumerate(group):
                for b in group[j + 1 :]:
                    wa, wb = a.tokens[i], b.tokens[i]
                    # "Osama"/"Usama", "Ahmed"/"Ahmad": one vowel written another way
                    # (in a given name: surnames one vowel apart are often other families, "Haddad"/"Hadid")
                    one_vowel = (
                        i < len(a.tokens) - 1
                        and _consonants(wa) == _consonants(wb)
                        and close_spelling(wa, wb, min_len=4)
                    )
                    if a.doc == b.doc or ((wa in self.common or wb in self.common) and not one_vowel):
                        continue
                    if len(a.distinctive) < 2 and not (one_vowel or len(a.tokens) >= 3):
                        continue  # one distinctive word: only a slip in a three-word name, or a vowel
                    vowels_only = skeleton(wa) == skeleton(wb) and wa[0] == wb[0] and min(len(wa), len(wb)) >= 5
                    if close_spelling(wa, wb) or vowels_only or one_vowel:
                        self.union(a, b, "spelling variant", 0.85)

    def _short(self, full: list[PersonName]) -> None:
        """Short names and partial full names join the one person whose full name holds them."""
        index: dict[str, list[PersonName]] = defaultdict(list)
        for n in full:
            for w in set(n.distinctive):
                index[w].append(n)
        has_full = {n.key for n in full}
        partial: list[PersonName] = []
        for n in self.names:
            if n.key in has_full:
                if n.full:
                    partial.append(n)  # may be part of a longer full name
            else:
                partial.append(n)  # a mention with short names only
        unmatched: dict[str, list[PersonName]] = defaultdict(list)
        for n in partial:
            dist = n.distinctive
            if not dist:
                continue
            pools = [index.get(w, []) for w in sorted(set(dist))]
            if min(len(p) for p in pools) > MAX_CANDIDATES:
                continue
            # Every small pool: the rarest word may be the one spelt another way ("Hafez"/"Hafiz").
            pool = [c for p in pools if len(p) <= MAX_CANDIDATES for c in p]
            own = self.clusters.find(n.key)
            fits = {
                self.clusters.find(c.key)
                for c in pool
                if len(c.tokens) > len(n.tokens) and _is_subsequence(n.tokens, c.tokens)
            }
            if n.key in has_full:
                # A full name: only a longer full name of one other person, longer by common words
                # or a kunya ("Hafez Tariq" / "Hafiz Muhammad Tariq", "X Y" / "X Abu Z Y"); another
                # given name may be another man.
                fits = {
                    self.clusters.find(c.key)
                    for c in pool
                    if len(c.tokens) > len(n.tokens)
                    and _is_subsequence(n.tokens, c.tokens)
                    and all(
                        w in self.common or (i > 0 and c.tokens[i - 1] in _particles())
                        for i, w in enumerate(c.tokens)
                        if not any(_same_word(w, x) for x in n.tokens)
                    )
                }
                others = fits - {own}
                if len(others) == 1 and len(fits) == 1:
                    self.union(n, others.pop(), "part of a longer name of one person", 0.75)
                continue
            if len(fits) == 1:
                self.union(n, fits.pop(), "short name fits one person's full name", 0.7)
            elif not fits and not pool:
                unmatched["".join(n.tokens)].append(n)
        # A short name that a person with a full name goes by ("X (widely known as Y)"): a
        # nom de guerre, which the mentions naming only it share with that one person.
        noms: dict[str, set[str]] = defaultdict(set)
        for n in self.names:
            if n.key in has_full and not n.full and n.distinctive:
                noms["".join(n.tokens)].add(self.clusters.find(n.key))
        for k, group in sorted(unmatched.items()):
            for other in group[1:]:
                if other.key != group[0].key:
                    self.union(group[0], other, "same short name", 0.6)
            holders = noms.get(k, set())
            if len(holders) == 1:
                self.union(group[0], holders.pop(), "the name one person goes by", 0.6)


def join_persons(ms: Iterable[Mention], clusters: Clusters) -> None:
    _Persons(ms, clusters).run()
