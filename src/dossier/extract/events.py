"""Dated incidents: timeline entries, activity lists under month headers, dated prose.

Each incident is an Event subject with its date, types, place, casualty
numbers and summary; every value carries the entry or sentence it was read in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dossier.extract.context import Context
from dossier.model import Block, BlockKind, Schema, Statement
from dossier.text import lexicon
from dossier.text.dates import find_dates, with_year
from dossier.text.numbers import Quantity, find_quantities
from dossier.text.places import find_cities, find_countries

EXTRACTOR = "events"
MAX_QUOTE = 400
# Types that say more than "attack": when one is found, "attack" adds nothing.
_SPECIFIC_ATTACKS = {
    "bombing",
    "suicide_attack",
    "ambush",
    "armed_assault",
    "kidnapping",
    "hostage_taking",
    "execution",
    "assassination",
}
_PERIOD = re.compile(r"^\s*(?:1[6-9]|20)\d\d\s*[-–—]\s*(?:(?:1[6-9]|20)\d\d|present|heden)")


def extract(ctx: Context) -> Iterator[Statement]:
    covered: list[tuple[int, int]] = []
    for block in ctx.blocks:
        if block.kind is not BlockKind.DATED_ENTRY or _PERIOD.match(block.label or ""):
            continue
        yield from _entry(ctx, block)
        covered.append((block.start, block.end))
    for start, end, block in ctx.sentences:
        if block.kind in (BlockKind.DATED_ENTRY, BlockKind.FIELD) or any(s <= start < e for s, e in covered):
            continue
        yield from _dated_sentence(ctx, start, end)


def _entry(ctx: Context, block: Block) -> Iterator[Statement]:
    text = ctx.text
    body_start = block.value_start if block.value_start >= 0 else block.start
    body = text[body_start : block.end]
    date = block.date
    if block.date_from_header:
        own = _own_date(body, block.date)
        if own:
            date = own
    quote = (block.start, block.end) if block.end - block.start <= MAX_QUOTE else _first_sentences(ctx, block)
    yield from _event(ctx, f"e{block.start}", date, body_start, block.end, quote, reported=block.date)


def _dated_sentence(ctx: Context, start: int, end: int) -> Iterator[Statement]:
    sentence = ctx.text[start:end]
    dates = [d for d in find_dates(sentence) if d.has_year and d.precision in ("day", "month")]
    if not dates or not lexicon.keys_in("events", sentence):
        return
    yield from _event(ctx, f"s{start}", dates[0].iso, start, end, (start, end))


def _event(
    ctx: Context, slug: str, date: str, start: int, end: int, quote: tuple[int, int], reported: str = ""
) -> Iterator[Statement]:
    text = ctx.text
    body = text[start:end]
    types = _types(body)
    if not date or not types:
        return
    subject = ctx.key(Schema.EVENT, slug)
    qs, qe = quote

    def say(prop: str, value: str, **qualifiers: object) -> Statement:
        return ctx.statement(subject, prop, value, qs, qe, EXTRACTOR, **qualifiers)

    yield say("date", date, reported=reported if reported != date else None)
    for t in types:
        yield say("type", t)
    summary_end = ctx.sentence_at(start)[1] if ctx.sentence_at(start)[1] > start else end
    yield say("summary", re.sub(r"\s+", " ", text[start : min(summary_end, end)]).strip()[:300])
    place = _place(body)
    if place:
        country, city = place
        if country:
            yield say("country", country)
        if city:
            yield say("place", city)
    for prop, q in _casualties(body):
        yield say(prop, _range(q), min=q.min, max=q.max)
    if ctx.subject:
        yield say("perpetrator", ctx.subject)


def _own_date(body: str, header: str) -> str | None:
    """The date an entry states for itself in its first sentence ("Op 11 april 2007 ...")."""
    first = re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0]
    for d in find_dates(first):
        if d.precision == "year":
            continue
        iso = d.iso if d.has_year else with_year(d.iso, header)
        if iso:
            return iso
    return None


def _types(text: str) -> list[str]:
    found = []
    for key, _s, _e in lexicon.keys_in("events", text):
        if key not in found:
            found.append(key)
    if "attack" in found and _SPECIFIC_ATTACKS & set(found):
        found.remove("attack")
    return found


def _place(text: str) -> tuple[str, str] | None:
    cities = find_cities(text)
    countries = [c for c in find_countries(text, demonyms=False) if c.kind == "country"]
    if cities:
        return cities[0].code, cities[0].name
    if countries:
        return countries[0].code, ""
    return None


def _casualties(text: str) -> Iterator[tuple[str, Quantity]]:
    taken: set[str] = set()
    for q in find_quantities(text):
        if q.min is not None and 1800 <= q.min <= 2100 and q.max == q.min:
            continue  # a year
        after = text[q.end : q.end + 60]
        before = text[max(0, q.start - 30) : q.start]
        for prop in ("killed", "wounded", "hostages"):
            pattern = lexicon.words_pattern("casualties", prop)
            near_after = pattern.search(after)
            near_before = pattern.search(before)
            words_after = len(after[: near_after.start()].split()) if near_after else 99
            if prop not in taken and (
                words_after <= 4 or (near_before and before.rstrip().endswith(near_before.group(0)))
            ):
                taken.add(prop)
                yield prop, q
                break


def _range(q: Quantity) -> str:
    lo = "" if q.min is None else str(q.min)
    hi = "" if q.max is None else str(q.max)
    return lo if lo == hi else f"{lo}-{hi}"


def _first_sentences(ctx: Context, block: Block) -> tuple[int, int]:
    end = block.start
    for _s, e in ctx.sentences_of(block):
        if e - block.start > MAX_QUOTE and end > block.start:
            break
        end = e
    return block.start, max(end, min(block.end, block.start + MAX_QUOTE))
