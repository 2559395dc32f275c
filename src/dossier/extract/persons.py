"""Persons: leaders and founders from fields and leader sections, their aliases and fates.

A person is found where structure says it is a person (a Leaders field, a
Founder field, the opening name of an item in a leaders section, "X, alias
Y"), not from every capitalised pair of words, so that hostages and quoted
officials do not become members of the group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from dossier.extract.context import Context, slug
from dossier.model import Block, BlockKind, Schema, Statement
from dossier.segment import section_key
from dossier.text import lexicon
from dossier.text.dates import find_dates
from dossier.text.names import is_acronym, name_at, split_list

EXTRACTOR = "persons"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(alias cue after a name, "(born 1970)" after a name, a phrase that is no name)."""
    alias = lexicon.alternation("names", "person_alias")
    born = lexicon.alternation("names", "born")
    return (
        re.compile(rf"\s*(?:,\s*|\(\s*)?(?:{alias})\s+", re.IGNORECASE),
        re.compile(rf"\s*\(\s*(?:(?:{born})\s*)?((?:1[89]|20)\d\d)\s*\)", re.IGNORECASE),
        re.compile(rf"^(?:{lexicon.alternation('names', 'not_a_name_start')})\b"),
    )


def extract(ctx: Context) -> Iterator[Statement]:
    if not ctx.subject:
        return
    for key, role in (("leaders", "leader"), ("founder", "founder")):
        for block in ctx.fields(key):
            value = ctx.text[block.value_start : block.end]
            first_sentence = re.split(r"(?<=[a-z])\.\s", value, maxsplit=1)[0]
            for s, _e in split_list(first_sentence, block.value_start):
                yield from _person(ctx, s, (block.start, block.end), role)
    for block in ctx.blocks:
        if block.kind is BlockKind.LIST_ITEM and section_key(block) == "leaders":
            yield from _person(ctx, block.value_start, (block.start, block.end), "leader", item=block)


def _person(
    ctx: Context, start: int, quote: tuple[int, int], role: str, item: Block | None = None
) -> Iterator[Statement]:
    text = ctx.text
    span = name_at(text, start)
    if not span:
        return
    name = text[span[0] : span[1]]
    if not _plausible(name):
        return
    subject = ctx.key(Schema.PERSON, slug(name))
    qs, qe = quote
    if item is not None:
        qs, qe = ctx.sentence_at(span[0])
    yield ctx.statement(subject, "name", name, qs, qe, EXTRACTOR)
    yield ctx.statement(
        ctx.subject, "leader" if role != "founder" else "founder", subject, qs, qe, EXTRACTOR, role=role
    )
    yield ctx.statement(subject, "role", ctx.subject, qs, qe, EXTRACTOR, role=role)
    pos = span[1]
    alias_cue, born_year, _ = _patterns()
    born = born_year.match(text, pos)
    if born:
        yield ctx.statement(subject, "born", born.group(1), qs, qe, EXTRACTOR)
        pos = born.end()
    alias = alias_cue.match(text, pos)
    if alias:
        alias_span = name_at(text, alias.end())
        if alias_span and _plausible(text[alias_span[0] : alias_span[1]]):
            yield ctx.statement(subject, "alias", text[alias_span[0] : alias_span[1]], qs, qe, EXTRACTOR)
    if item is not None:
        yield from _status(ctx, subject, name, item)


def _status(ctx: Context, subject: str, name: str, item: Block) -> Iterator[Statement]:
    """ "In juni 2004 werd Sahraoui gedood": the fate of the person an item is about."""
    surname = name.split()[-1]
    for s, e in ctx.sentences_of(item):
        sentence = ctx.text[s:e]
        if surname not in sentence and not re.match(r"^(?:He|Hij|Il|Zij|She|Elle)\b", sentence):
            continue
        for key, _ms, _me in lexicon.keys_in("status", sentence):
            dates = [d for d in find_dates(sentence) if d.has_year]
            yield ctx.statement(subject, "status", key, s, e, EXTRACTOR, date=dates[0].iso if dates else None)
            break


def _plausible(name: str) -> bool:
    words = name.split()
    if len(words) < 2 or len(words) > 7 or _patterns()[2].match(name) or is_acronym(name):
        return False
    if lexicon.lookup("labels", name) or any(ch.isdigit() for ch in name):
        return False
    return not any(lexicon.lookup("names", w) == "group_nouns" for w in words)
