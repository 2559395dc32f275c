"""Groups a page names in passing, with no cue that relates them to the profiled group.

A name names a group when
- its head is an armed body's noun ("the Save the Hills Movement", "het Vrije Bergleger");
  the head is the word before the name's first connector ("Army of the Pure") or its last;
- its head is any organisation's noun and the page gives its acronym with it ("the Hill
  Fighters Shura Council (HFSC)"), or it is a known group's faction, written after that
  group's name and a dash ("SF – Northern Committee");
- it opens with a transliterated head word ("Jaysh al-Wadi", "Jaish-e-Sahil");
- it is a place's name before a council noun in lower case: a shura ("the Hill shura"), or a
  council that is military ("de Heuvel regionale militaire raad").

Each becomes an organisation mention of its own: the knowledge base knows every group its
pages name, resolution joins it with the pages that profile it, and the events extractor
finds it as a perpetrator. Not a group: a state's body ("the Tunisian Army"), an institution
or a designation list ("Security Council", "Foreign Terrorist Organization"), a person, a
group's own wing, a variant of a known group's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from dossier.extract.context import Context, slug
from dossier.extract.relations import group_names_in, plausible_group_name, split_conjoined
from dossier.model import Schema, Statement
from dossier.text import lexicon
from dossier.text.names import fold_name, holds_word
from dossier.text.places import country_code, demonym_of_a_country

EXTRACTOR = "groups"

# "Iran-backed", "Pakistan-based": a descriptor glued to the name, not a word of it.
_DESCRIPTOR = re.compile(r"[\w’'-]+-[a-z]+\s+(?=[A-Z])")
# "Egypt's Brotherhood", "the founder's Front": the possessor is not a word of the name.
_POSSESSOR = re.compile(r"(?:[\w’'-]+\s+){0,3}[\w-]+['’]s\s+(?=[A-Z])")
# "SF – Northern Committee": a name, a dash, then the faction's name.
_FACTION_OF = re.compile(r"([\w’'-]+(?:\s+[\w’'-]+){0,5})\s+[–—-]\s+$")
_TOKEN_GAP = re.compile(r"[\s-]+")


# A name in square brackets right after a name, of capitalised words (a footnote mark is digits).
_BRACKETED = re.compile(r"\s*\[([A-ZÀ-Þ][^\[\]\d]{1,60})\]")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    acronym: tuple[int, int] | None = None
    council: bool = False  # read by the council pattern, which is a group's name as it stands


def extract(ctx: Context) -> Iterator[Statement]:
    if not ctx.subject:
        return
    text = ctx.text
    names = [*ctx.subject_names, *ctx.groups]
    known = {fold_name(n): key for n, key in ctx.groups.items()}
    known.update((fold_name(n), ctx.subject) for n in ctx.subject_names)
    found = [(s, e, c) for s, e, _block in ctx.sentences for c in _candidates(ctx, s, e)]
    wings = {fold_name(text[c.start : c.end]) for _s, _e, c in found if _a_wing(text, c.start)}
    before = dict(known)  # the groups the page was known to name before this extractor
    for s, e, c in found:
        name = text[c.start : c.end]
        folded = fold_name(name)
        if folded in known or folded in wings or _holds_a_name(name, names):
            continue
        after_dash = _FACTION_OF.search(text, max(0, c.start - 60), c.start) if _dash_before(text, c.start) else None
        parent = _faction_of(after_dash, before) if after_dash else None
        if after_dash and (not parent or _armed_head().fullmatch(_head(name.split()))):
            # "Harakat al-Sahil – Mouvement du Sahil": a gloss of the name before the dash
            glossed = _faction_of(after_dash, known)
            if glossed and glossed not in before.values():
                yield ctx.statement(glossed, "alias", name, s, e, EXTRACTOR, kind="translation")
            continue
        if not (c.council or _a_group(ctx, c, acronym=c.acronym is not None, faction=parent is not None)):
            continue
        key = ctx.key(Schema.ORGANIZATION, "group-" + slug(name))
        known[folded] = key
        names.append(name)
        ctx.groups.setdefault(name, key)
        yield ctx.statement(key, "name", name, s, e, EXTRACTOR)
        if c.acronym:
            acronym = text[c.acronym[0] : c.acronym[1]]
            yield ctx.statement(key, "alias", acronym, s, e, EXTRACTOR, kind="acronym")
        bracketed = _BRACKETED.match(text, c.end, e)
        if bracketed and plausible_group_name(bracketed.group(1)):
            # "l'Armée du Delta [Jaysh al-Delta]": a list gives the name in its own language in brackets
            alias = bracketed.group(1)
            known[fold_name(alias)] = key
            yield ctx.statement(key, "alias", alias, s, e, EXTRACTOR, kind="alias")
        if parent:
            yield ctx.statement(key, "relation", parent, s, e, EXTRACTOR, type="subunit_of")


def _candidates(ctx: Context, start: int, end: int) -> Iterator[_Candidate]:
    """The names of a sentence that may be groups', each past what only precedes it."""
    text = ctx.text
    for group in group_names_in(text, start, end):
        parts = split_conjoined(text, group.start, group.end)
        for i, (s, e) in enumerate(parts):
            s = _name_start(ctx, s, e)
            if e > s:
                yield _Candidate(s, e, group.acronym if i == len(parts) - 1 else None)
    for m in _council().finditer(text, start, end):
        place = m.group("place")
        first = place.split()[0]
        armed = m.group("shura") or _military().search(m.group("adjectives") or "")
        if armed and not (demonym_of_a_country(first) or country_code(first) or country_code(place)):
            yield _Candidate(m.start("name"), m.end("name"), council=True)


def _name_start(ctx: Context, start: int, end: int) -> int:
    """Where the name itself starts: past a descriptor fused with it ("Iran-backed"), a
    possessor that is a country or a person ("Egypt's", "the founder Ali Nour's"), and a
    sentence's first noun that "of" ties to it ("Fighters of the Free Hill Army")."""
    text = ctx.text
    m = _DESCRIPTOR.match(text, start, end)
    if m:
        start = m.end()
    m = _POSSESSOR.match(text, start, end)
    if m:
        possessor = re.sub(r"['’]s\s+$", "", m.group())
        person = any(ps < start + len(possessor) and start < pe for ps, pe, _key in ctx.persons)
        if person or country_code(possessor):
            start = m.end()
    m = _leading_noun().match(text, start, end)
    if m and not _org_noun().fullmatch(m.group(1)) and _of().fullmatch(m.group(2)):
        start = m.end()
    return start


def _a_group(ctx: Context, c: _Candidate, *, acronym: bool, faction: bool) -> bool:
    name = ctx.text[c.start : c.end]
    words = name.split()
    tokens = _TOKEN_GAP.split(name)
    if len(tokens) < 2 or not plausible_group_name(name) or country_code(name):
        return False
    if _institution().search(name) or demonym_of_a_country(words[0]) or country_code(words[0]):
        return False  # "the Security Council"; "the Algerian Army", "US Army": a state's
    if any(ps < c.end and c.start < pe for ps, pe, _key in ctx.persons):
        return False
    if _head_first().fullmatch(tokens[0]):
        return True
    if len(words) < 2:
        return False
    head = _head(words)
    return bool(_armed_head().fullmatch(head) or (acronym or faction) and _org_noun().fullmatch(head))


def _head(words: list[str]) -> str:
    """The word before the first connector ("Army" of "Army of the Pure"), else the last word."""
    for i, word in enumerate(words[1:], start=1):
        if word[:1].islower() and _connector().fullmatch(word):
            return words[i - 1]
    return words[-1]


def _faction_of(before_dash: re.Match[str], known: dict[str, str]) -> str | None:
    """The key of the known group whose name comes before the dash."""
    words = before_dash.group(1).split()
    for i in range(len(words)):  # the longest known name that ends before the dash
        key = known.get(fold_name(" ".join(words[i:])))
        if key:
            return key
    return None


def _dash_before(text: str, start: int) -> bool:
    """What `_FACTION_OF` needs, quickly: the text before `start` ends in a dash and a space."""
    before = text[max(0, start - 60) : start]
    stripped = before.rstrip()
    return stripped != before and stripped.endswith(("–", "—", "-"))


def _a_wing(text: str, start: int) -> bool:
    """Does the name at `start` follow a wing noun and a comma ("its armed wing, the X")?"""
    return bool(_after_wing().search(text, max(0, start - 40), start))


def _holds_a_name(name: str, names: list[str]) -> bool:
    """ "New Red Hills Brigades", "Army of the Pure and Righteous": a name that holds a known
    group's whole name is a variant or a part of that group, told as such elsewhere."""
    return any(
        len(known) > 3 and holds_word(name, known, glue_before="-", glue_after="-", any_case=True) for known in names
    )


@lru_cache(maxsize=1)
def _council() -> re.Pattern[str]:
    """An article, a place's capitalised words, up to two lower-case adjectives and a
    council noun in lower case (a shura's in group `shura`)."""
    articles = lexicon.alternation("relations", "articles")
    shura = lexicon.alternation("organizations", "councils", "shura")
    council = lexicon.alternation("organizations", "councils", "council")
    return re.compile(
        rf"(?<!\w)(?i:{articles})\s+(?P<name>(?P<place>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,2}})"
        rf"\s+(?P<adjectives>(?:[a-zà-ÿ]+\s+){{0,2}}?)(?:(?P<shura>{shura})|{council}))(?!\w)"
    )


@lru_cache(maxsize=1)
def _military() -> re.Pattern[str]:
    return lexicon.words_pattern("organizations", "military")


@lru_cache(maxsize=1)
def _head_first() -> re.Pattern[str]:
    return re.compile(lexicon.alternation("organizations", "heads_first"))


@lru_cache(maxsize=1)
def _leading_noun() -> re.Pattern[str]:
    """A word, a lower-case word (a connector, if the caller finds it one) and maybe an
    article, before a capitalised word."""
    articles = lexicon.alternation("relations", "articles")
    return re.compile(rf"([\w’'-]+)\s+([a-z]+)\s+(?:(?:{articles})\s+)?(?=[A-Z])")


@lru_cache(maxsize=1)
def _after_wing() -> re.Pattern[str]:
    wings = lexicon.alternation("organizations", "wing_nouns")
    articles = lexicon.alternation("relations", "articles")
    return re.compile(rf"(?<!\w)(?:{wings}),\s+(?:(?:{articles})\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _of() -> re.Pattern[str]:
    """The connectors of English, Dutch and French ("of", "van", "de"), not the particles
    inside a transliterated name ("Abu bin Nour")."""
    return re.compile("|".join(lexicon.alternation("names", "connectors", lang) for lang in ("en", "nl", "fr")))


@lru_cache(maxsize=1)
def _connector() -> re.Pattern[str]:
    return lexicon.words_pattern("names", "connectors")


@lru_cache(maxsize=1)
def _org_noun() -> re.Pattern[str]:
    return re.compile(lexicon.alternation("organizations", "org_nouns"))


@lru_cache(maxsize=1)
def _armed_head() -> re.Pattern[str]:
    return re.compile(lexicon.alternation("organizations", "armed_heads"))


@lru_cache(maxsize=1)
def _institution() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{lexicon.alternation('organizations', 'institutions')})(?!\w)")
