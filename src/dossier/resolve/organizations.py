"""Organisations: one entity per group, whatever the spelling, language or acronym.

Identical folded names are joined before this runs (see `resolve`). Here the
looser rules, each with its own blocking key so that only names that could
match are ever compared:

1. transliteration: equal keys word by word ("Al-Moujahidoun" = "Al-Mujahideen");
2. unit words: the same name with or without "Battalion", "Katiba", "Emirate of";
3. translation: every word has a cognate in the other name, in any order
   ("Nationaal Bevrijdingsfront" = "National Liberation Front", "Armée du Peuple" = "People's Army");
4. one word differs in a long name ("Front for Justice and ..." = "Front for Fairness and ..."),
   unless the word is a place, a direction, a number or the last word (where names of
   different groups put what tells them apart: "... of the Eastern Hills");
5. acronyms: an acronym that spells exactly one other group's name, or whose letters
   (in any order) spell a name that translates a name the acronym stands beside
   (all words but one cognate).

Sub-units are kept apart from their parent: a leading article is significant
("Al-X" is not "X"), a name is never joined to a longer one that contains it
("X" is not "X in the Y"), and every rule respects what the documents imply
(a group that is a sub-unit, splinter or ally of another is not that other).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations

from rapidfuzz.distance import JaroWinkler

from dossier.resolve.clusters import Clusters
from dossier.resolve.mentions import Mention
from dossier.resolve.names import articles, cognate, raw_words, skeleton, translated, translit, words
from dossier.text.names import is_acronym
from dossier.text.places import country_code, demonym_of_a_country

# Relation types that say two mentions are different groups.
APART_RELATIONS = frozenset(
    {"subunit_of", "splinter_of", "ally", "opponent", "affiliate_of", "pledged_allegiance_to", "merged_into"}
)


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return words("org_stopwords")


@lru_cache(maxsize=1)
def _units() -> frozenset[str]:
    return words("org_units")


@lru_cache(maxsize=1)
def _distinguishing() -> frozenset[str]:
    return words("org_distinguishing")


@dataclass(frozen=True)
class OrgName:
    """One name of one mention, in the forms the rules compare."""

    key: str  # mention key
    doc: str
    name: str
    lead: bool  # the name opens with an article ("Al-...")
    content: tuple[str, ...]  # transliteration keys of the words that are no article or connector
    plain: tuple[str, ...]  # the same words as written (folded), for comparing across languages
    core: tuple[str, ...]  # content without unit words
    core_lead: bool
    stripped: bool  # unit words were removed to make the core
    raw: tuple[str, ...]

    @property
    def translit_key(self) -> tuple[bool, tuple[str, ...]]:
        return (self.lead, self.content)

    def initials(self) -> set[str]:
        """Ways the name could be abbreviated: content words, with articles, every word."""
        ws = [w for w in self.raw if w not in _stop() and w not in articles()]
        with_articles = [w for w in self.raw if w not in _stop()]
        return {"".join(w[0] for w in ws), "".join(w[0] for w in with_articles), "".join(w[0] for w in self.raw)}


@lru_cache(maxsize=131072)
def _shape(
    name: str,
) -> tuple[bool, tuple[str, ...], tuple[str, ...], tuple[str, ...], bool, bool, tuple[str, ...]] | None:
    raw = tuple(raw_words(name))
    if not raw:
        return None
    lead = raw[0] in articles()
    plain = tuple(w for w in raw if w not in _stop() and w not in articles())
    content = tuple(translit(w, org=True) for w in plain)
    # The core: unit words dropped; an article right after a leading unit word goes with it
    # ("Katiba al-X" -> "X"), since there it marks the genitive, not the group's own name.
    i, core_lead = 0, lead
    j = 0
    while j < len(raw) and raw[j] in _stop():
        j += 1
    if j < len(raw) and raw[j] in _units():
        i, core_lead = j, False
        while i < len(raw) and (raw[i] in _units() or raw[i] in _stop() or raw[i] in articles()):
            i += 1
    core = tuple(
        translit(w, org=True) for w in raw[i:] if w not in _stop() and w not in articles() and w not in _units()
    )
    stripped = len(core) < len(content)
    return lead, content, plain, core, core_lead, stripped, raw


def name_key(name: str) -> tuple[str, ...]:
    """A name's transliteration keys without articles and connectors: what spellings of it share."""
    shape = _shape(name)
    return shape[1] if shape else ()


def initials_of(name: str) -> set[str]:
    """Ways a (non-acronym) name could be abbreviated, as `OrgName.initials` gives them."""
    raw = raw_words(name)
    ws = [w for w in raw if w not in _stop() and w not in articles()]
    with_articles = [w for w in raw if w not in _stop()]
    return {"".join(w[0] for w in ws), "".join(w[0] for w in with_articles), "".join(w[0] for w in raw)} - {""}


def org_names(m: Mention) -> list[OrgName]:
    out = []
    for name in sorted(m.names):
        if is_acronym(name):
            continue
        shape = _shape(name)
        if shape is None or not shape[1]:
            continue
        lead, content, plain, core, core_lead, stripped, raw = shape
        out.append(OrgName(m.key, m.doc, name, lead, content, plain, core, core_lead, stripped, raw))
    return out


def acronyms(m: Mention) -> set[str]:
    return {"".join(raw_words(n)) for n in m.names if is_acronym(n) and len("".join(raw_words(n))) >= 3}


def _in_text(xs: tuple[str, ...]) -> str:
    return " ".join(xs)


def _union(clusters: Clusters, a: OrgName, b: OrgName, reason: str, score: float) -> None:
    clusters.union(a.key, b.key, f"{reason}: {a.name!r} ~ {b.name!r}", score, strict=True)


def _translit(names: list[OrgName], clusters: Clusters) -> None:
    buckets: dict[tuple[bool, tuple[str, ...]], list[OrgName]] = defaultdict(list)
    for n in names:
        buckets[n.translit_key].append(n)
    for _key, group in sorted(buckets.items()):
        for other in group[1:]:
            _union(clusters, group[0], other, "transliteration variant", 0.9)


def _place_only(core: tuple[str, ...]) -> bool:
    return country_code(" ".join(core)) is not None


def _cores(names: list[OrgName], clusters: Clusters) -> None:
    """The same name with or without unit words, compared on the consonants of its words."""
    buckets: dict[tuple[bool, tuple[str, ...]], list[OrgName]] = defaultdict(list)
    for n in names:
        if n.core and len("".join(skeleton(w) for w in n.core)) >= 3 and not _place_only(n.core):
            buckets[(n.core_lead, tuple(skeleton(w) for w in n.core))].append(n)
    for _key, group in sorted(buckets.items()):
        if not any(n.stripped for n in group) or len(group) > 50:
            continue
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.doc == b.doc or not (a.stripped or b.stripped):
                    continue
                ca, cb = _in_text(a.core), _in_text(b.core)
                same = ca == cb
                if not same:
                    close = JaroWinkler.similarity(ca, cb) >= 0.85
                    same = close and (a.stripped and b.stripped or min(len(ca), len(cb)) >= 8)
                if same:
                    _union(clusters, a, b, "same name but for a unit word", 0.8 if ca == cb else 0.7)


def _same_word(a: OrgName, i: int, b: OrgName, j: int) -> bool:
    return cognate(a.content[i], b.content[j]) or cognate(a.plain[i], b.plain[j])


def _all_cognate(a: OrgName, b: OrgName) -> bool:
    """One-to-one: every word of a a cognate of a different word of b (any order)."""
    n = len(a.content)
    if n != len(b.content):
        return False
    if n <= 5:
        return any(all(_same_word(a, i, b, j) for i, j in enumerate(p)) for p in permutations(range(n)))
    left = list(range(n))
    for i in range(n):
        hit = next((j for j in left if _same_word(a, i, b, j)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def _translations(names: list[OrgName], clusters: Clusters) -> None:
    by_content: dict[tuple[bool, tuple[str, ...]], OrgName] = {}
    for n in names:
        if len(n.content) >= 2:
            by_content.setdefault(n.translit_key, n)
    buckets: dict[tuple[bool, tuple[str, ...]], list[OrgName]] = defaultdict(list)
    for (lead, content), n in sorted(by_content.items()):
        buckets[(lead, tuple(sorted(skeleton(translated(w))[:2] for w in content)))].append(n)
    for _bkey, group in sorted(buckets.items()):
        if len(group) < 2 or len(group) > 200:
            continue
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if _all_cognate(a, b):
                    _union(clusters, a, b, "translated or respelt name", 0.8)


def _compounds(names: list[OrgName], clusters: Clusters) -> None:
    """A one-word name that is another name's words written as one ("Vrijheidsfront" =
    "Freedom Front"): Dutch compounds the words English and French keep apart."""
    singles = [n for n in names if len(n.plain) == 1 and len(n.plain[0]) >= 10]
    if not singles:
        return
    by_initial: dict[str, list[OrgName]] = defaultdict(list)
    for n in names:
        if len(n.plain) in (2, 3) and not n.lead:
            by_initial[n.plain[0][:1]].append(n)
    for single in singles:
        word = single.plain[0]
        for other in by_initial.get(word[:1], ()):
            if other.doc != single.doc and _splits_into(word, other.plain, other.content):
                _union(clusters, single, other, "one word that is the other name's words written together", 0.75)


def _splits_into(word: str, parts: tuple[str, ...], keys: tuple[str, ...]) -> bool:
    """Is the folded `word` the words `parts` (their transliteration keys `keys`) written as one?"""
    if len(parts) == 1:
        key = translit(word, org=True)
        return cognate(word, parts[0]) or cognate(key, keys[0])
    return any(
        (cognate(word[:i], parts[0]) or cognate(translit(word[:i], org=True), keys[0]))
        and _splits_into(word[i:], parts[1:], keys[1:])
        for i in range(4, len(word) - 3)
    )


def _demonym_first(names: list[OrgName], ms: list[Mention], clusters: Clusters) -> None:
    """ "Egyptische X" is X, where the corpus names X after no other people's demonym: the adjective
    says where the group is, not which of several it is ("Pakistani X" beside "Afghan X" stay apart)."""
    by_rest: dict[tuple[str, ...], set[str]] = defaultdict(set)
    qualified: list[tuple[OrgName, tuple[str, ...]]] = []
    for n in names:
        first = n.name.split()[0] if n.name.split() else ""
        if len(n.content) >= 2 and demonym_of_a_country(first) and not n.lead:
            rest = n.content[1:]
            by_rest[rest].add(n.content[0])
            qualified.append((n, rest))
    if not qualified:
        return
    plain: dict[tuple[str, ...], list[OrgName]] = defaultdict(list)
    for n in names:
        plain[n.content].append(n)
    for n, rest in qualified:
        if len(by_rest[rest]) > 1:
            continue
        for other in plain.get(rest, ()):
            if other.lead == n.lead:
                _union(clusters, n, other, "the same name after a people's adjective", 0.7)
                break


def _distinct_word(w: str) -> bool:
    return w in _distinguishing() or w.isdigit() or country_code(w) is not None


def _one_word_off(names: list[OrgName], clusters: Clusters) -> None:
    buckets: dict[tuple[bool, int, tuple[str, ...]], list[tuple[OrgName, int]]] = defaultdict(list)
    for n in names:
        if len(n.content) >= 5:
            for i in range(len(n.content)):
                buckets[(n.lead, i, n.content[:i] + n.content[i + 1 :])].append((n, i))
    for _key, group in sorted(buckets.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        if len(group) < 2 or len(group) > 50:
            continue
        for j, (a, i) in enumerate(group):
            for b, _ in group[j + 1 :]:
                wa, wb = a.content[i], b.content[i]
                if a.doc == b.doc or wa == wb or len(a.content) != len(b.content):
                    continue
                if i == len(a.content) - 1:
                    continue  # the last word is where a place or proper name tells groups apart
                if _distinct_word(wa) or _distinct_word(wb):
                    continue
                _union(clusters, a, b, "one word differs in a long name", 0.7)


def _acronyms(ms: list[Mention], names: list[OrgName], clusters: Clusters) -> None:
    by_initials: dict[str, set[str]] = defaultdict(set)
    by_letters: dict[str, list[OrgName]] = defaultdict(list)
    for n in names:
        for ini in n.initials():
            if len(ini) >= 3:
                by_initials[ini].add(n.key)
                by_letters["".join(sorted(ini))].append(n)
    names_of: dict[str, list[OrgName]] = defaultdict(list)
    for n in names:
        names_of[n.key].append(n)
    for m in ms:
        for acr in sorted(acronyms(m)):
            own = clusters.find(m.key)
            if not names_of[m.key]:
                # An acronym alone: joins the one group whose name it spells, if only one does.
                roots = {clusters.find(k) for k in by_initials.get(acr, ())} - {own}
                if len(roots) == 1:
                    root = roots.pop()
                    clusters.union(m.key, root, f"acronym {acr.upper()!r} spells that name", 0.7, strict=True)
                continue
            # An acronym beside a name: another name whose initials are its letters in another
            # order, and which shares words with that name, is the name in another language.
            for other in by_letters.get("".join(sorted(acr)), ()):
                if clusters.find(other.key) == clusters.find(m.key):
                    continue
                for mine in names_of[m.key]:
                    width = len(mine.content)
                    last = width - 1
                    # The same length and last word first: cheap, and most names sharing
                    # the letters fail there (their words are compared below only then).
                    if width != len(other.content) or not _same_word(mine, last, other, last):
                        continue
                    shared = sum(1 for i in range(width) if any(_same_word(mine, i, other, j) for j in range(width)))
                    if shared >= width - 1:
                        clusters.union(
                            m.key,
                            other.key,
                            f"acronym {acr.upper()!r} beside {mine.name!r} fits {other.name!r}",
                            0.75,
                            strict=True,
                        )
                        break


def join_by_founder(orgs: Iterable[Mention], clusters: Clusters) -> None:
    """Two profiled groups with the same founder or leader, one of them named so in one document only, are one group.

    A translated name that shares no word with the others ("Gouden Pad", "Sentier doré")
    meets them through the person who founded or led it; persons must be joined first. A
    leader of two groups the documents tell apart (a splinter, a successor) joins nothing.
    """
    by_founder: dict[str, set[str]] = defaultdict(set)
    for m in orgs:
        if not m.key.endswith(":main"):
            continue
        for founder in m.props.get("founder", set()) | m.props.get("leader", set()):
            if founder in clusters.parent:
                by_founder[clusters.find(founder)].add(m.key)
    for _founder, keys in sorted(by_founder.items()):
        roots = sorted({clusters.find(k) for k in keys})
        if len(roots) < 2:
            continue
        docs = {r: {k.split(":", 2)[1] for k in clusters.members[r] if k.count(":") >= 2} for r in roots}
        widest = max(roots, key=lambda r: (len(docs[r]), r))
        for root in roots:
            if root != widest and len(docs[root]) == 1 and not docs[root] & docs[widest]:
                clusters.union(widest, root, "the same founder as a group named in other documents", 0.7, strict=True)


def apart_pairs(ms: Iterable[Mention]) -> list[tuple[str, str]]:
    """Pairs of organisation mentions the documents say are different groups."""
    out = []
    for m in ms:
        for rel_type, other in m.relations:
            if rel_type in APART_RELATIONS and other.startswith("Organization:"):
                out.append((m.key, other))
    return out


def join_organizations(ms: Iterable[Mention], clusters: Clusters) -> None:
    found = sorted(ms, key=lambda m: m.key)
    names = [n for m in found for n in org_names(m)]
    _translit(names, clusters)
    _cores(names, clusters)
    _translations(names, clusters)
    _one_word_off(names, clusters)
    _compounds(names, clusters)
    _demonym_first(names, found, clusters)
    _acronyms(found, names, clusters)
