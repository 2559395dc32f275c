"""Groups a page names in passing, with no cue that relates them to the profiled group.

A capitalised name whose head is an armed body's noun ("the Save the Hills Movement", "het
Vrije Bergleger") names a group; so does a name whose head is any organisation's noun when
the page gives its acronym with it ("the Hill Fighters' Shura Council (HFSC)"). Each becomes
an organisation mention of its own: the knowledge base knows every group its pages name,
resolution joins it with the pages that profile it, and the events extractor finds it as
a perpetrator. The head is the word before the name's first connector ("Army of the Pure")
or its last word. Not a group: a state's body ("the Tunisian Army"), an institution or a
designation list ("Security Council", "Foreign Terrorist Organization"), a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from dossier.extract.context import Context, slug
from dossier.extract.relations import group_names_in, plausible_group_name
from dossier.model import Schema, Statement
from dossier.text import lexicon
from dossier.text.names import fold_name
from dossier.text.places import country_code, demonym_of_a_country

EXTRACTOR = "groups"

# "Iran-backed", "Pakistan-based": a descriptor glued to the name, not a word of it.
_DESCRIPTOR = re.compile(r"[\w’'-]+-[a-z]+\s+(?=[A-Z])")
# "Egypt's Brotherhood", "the founder's Front": the possessor is not a word of the name.
_POSSESSOR = re.compile(r"(?:[\w’'-]+\s+){0,3}[\w-]+['’]s\s+(?=[A-Z])")



def extract(ctx: Context) -> Iterator[Statement]:
    if not ctx.subject:
        return
    text = ctx.text
    names = [*ctx.subject_names, *ctx.groups]
    known = {fold_name(n) for n in names}
    found = [(s, e, group) for s, e, _block in ctx.sentences for group in group_names_in(text, s, e)]
    wings = {fold_name(text[_name_start(ctx, g.start, g.end) : g.end]) for _s, _e, g in found if _a_wing(text, g.start)}
    for s, e, group in found:
        start = _name_start(ctx, group.start, group.end)
        name = text[start : group.end]
        folded = fold_name(name)
        if folded in known or folded in wings or _holds_a_name(name, names):
            continue
        if _a_group(ctx, name, start, group.end, acronym=group.acronym is not None):
            known.add(folded)
            key = ctx.key(Schema.ORGANIZATION, "group-" + slug(name))
            ctx.groups.setdefault(name, key)
            yield ctx.statement(key, "name", name, s, e, EXTRACTOR)
            if group.acronym:
                acronym = text[group.acronym[0] : group.acronym[1]]
                yield ctx.statement(key, "alias", acronym, s, e, EXTRACTOR, kind="acronym")


def _a_wing(text: str, start: int) -> bool:
    """Does the name at `start` follow a wing noun and a comma ("its armed wing, the X")?"""
    return bool(_after_wing().search(text, max(0, start - 40), start))


def _holds_a_name(name: str, names: list[str]) -> bool:
    """ "New Red Hills Brigades", "Army of the Pure and Righteous": a name that holds a known
    group's whole name is a variant or a part of that group, told as such elsewhere."""
    return any(
        len(known) > 3 and re.search(rf"(?<![\w-]){re.escape(known)}(?![\w-])", name, re.IGNORECASE) for known in names
    )


def _name_start(ctx: Context, start: int, end: int) -> int:
    """Where the name itself starts, past a descriptor fused with it ("Iran-backed") or a
    possessor that is a country or a person ("Egypt's", "the founder Ali Nour's")."""
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
    # "Fighters of the Free Hill Army" opening a sentence: the name is what the connector leads to.
    m = _leading_noun().match(text, start, end)
    if m and not _org_noun().fullmatch(m.group(1)) and _connector().fullmatch(m.group(2)):
        start = m.end()
    return start


def _a_group(ctx: Context, name: str, start: int, end: int, *, acronym: bool) -> bool:
    words = name.split()
    if len(words) < 2 or not plausible_group_name(name) or country_code(name):
        return False
    head = _head(words)
    if not _org_noun().fullmatch(head):
        return False
    if not (_armed_head().fullmatch(head) or acronym):
        return False
    if _institution().search(name):
        return False
    if demonym_of_a_country(words[0]) or country_code(words[0]):
        return False  # "the Algerian Army", "US Army": a state's
    return not any(ps < end and start < pe for ps, pe, _key in ctx.persons)


def _head(words: list[str]) -> str:
    """The word before the first connector ("Army" of "Army of the Pure"), else the last word."""
    for i, word in enumerate(words[1:], start=1):
        if word[:1].islower() and _connector().fullmatch(word):
            return words[i - 1]
    return words[-1]


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
