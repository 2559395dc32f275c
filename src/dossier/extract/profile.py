"""Profile fields of the profiled group: founding, ideology, size, designations, funding.

Labelled fields first; then sentences about the group, found by the cue
words of `lexicons/profile.yaml`. Every value keeps the field line or the
sentence it was read in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from dossier.extract.context import Context
from dossier.model import Block, BlockKind, Statement
from dossier.segment import section_key
from dossier.text import lexicon
from dossier.text.dates import find_dates
from dossier.text.names import split_list
from dossier.text.numbers import Quantity, find_quantities
from dossier.text.places import country_code, find_countries

EXTRACTOR = "profile"
_FOUNDING_KINDS = ("founded", "renamed", "split", "merged")
_AS_OF = re.compile(
    r"\((?:[^()]*?\b)?((?:19|20)\d\d)(?:\s*(?:estimate|est\.?|schatting|estimation))?\)|\bin ((?:19|20)\d\d)\b|\bIn ((?:19|20)\d\d)\b"
)
_MONEY = re.compile(r"[$€£]|\b(?:dollars?|euros?|million|miljoen|USD|EUR)\b", re.IGNORECASE)


def extract(ctx: Context) -> Iterator[Statement]:
    if not ctx.subject:
        return
    yield from _founded(ctx)
    yield from _simple_fields(ctx)
    yield from _size(ctx)
    yield from _designations(ctx)


def _say(ctx: Context, prop: str, value: str, quote: tuple[int, int], **q: object) -> Statement:
    return ctx.statement(ctx.subject, prop, value, quote[0], quote[1], EXTRACTOR, **q)


def _founded(ctx: Context) -> Iterator[Statement]:
    for block in ctx.fields("founded"):
        value = ctx.text[block.value_start : block.end]
        for d in find_dates(value)[:1]:
            if d.has_year:
                yield _say(ctx, "founded", d.iso, (block.start, block.end), kind="founded")
    for block in ctx.blocks:
        # "Date of Founding" as a heading over "1998: Formed as ...".
        if block.kind is BlockKind.DATED_ENTRY and section_key(block) == "founded":
            yield _say(ctx, "founded", block.date, (block.start, block.end), kind="founded")
    for start, end, block in ctx.sentences:
        sentence = ctx.text[start:end]
        if not ctx.about_subject(sentence):
            continue
        for kind in _FOUNDING_KINDS:
            for cue_start, cue_end in _founding_cues(kind, sentence):
                if _describes_another(sentence[:cue_start]):
                    continue  # "un mouvement créé en 1967": another group, described
                date = _founding_date(sentence, cue_start, cue_end)
                if date is None and block.kind is BlockKind.DATED_ENTRY and not block.date_from_header:
                    date = block.date  # "APRIL 2013: ... will now be known as X"
                if date:
                    yield _say(ctx, "founded", date, (start, end), kind=kind)
                    break


def _founding_cues(kind: str, sentence: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each cue of a kind of founding in `sentence`. The end of a separable
    verb's cue ("richtte in 1973 de groep op") is that of its first word: a date inside the
    verb comes after the cue."""
    for m in lexicon.words_pattern("profile", kind).finditer(sentence):
        yield m.start(), m.end()
    for verb in lexicon.gapped_patterns("profile", kind):
        for m in verb.finditer(sentence):
            yield m.start(), m.end("first")


def _founding_date(sentence: str, cue_start: int, cue_end: int) -> str | None:
    """The year of a founding cue: the nearest date after it in its clause ("was established in
    1987"), else the nearest before it ("Designated in 1997, X was established" is not it)."""
    window_start = max(0, cue_start - 40)
    dates = [d for d in find_dates(sentence[window_start : cue_end + 60]) if d.has_year and d.part != "decade"]
    after = [d for d in dates if window_start + d.start >= cue_end]
    before = [
        d
        for d in dates
        if window_start + d.end <= cue_start and not _CLAUSE_BREAK.search(sentence[window_start + d.end : cue_start])
    ]
    chosen = after[0] if after else (before[-1] if before else None)
    return chosen.iso if chosen else None


# Between a date and a founding cue: the date belongs to another clause.
_CLAUSE_BREAK = re.compile(r",\s+(?:[A-Z]|\w+\s+(?:was|were|is|werd|est|a été))|;")


def _describes_another(before: str) -> bool:
    """ "un mouvement créé en", "a group formed in": a group noun with an indefinite article
    right before the cue describes some other group."""
    indefinite = lexicon.alternation("persons", "indefinite")
    nouns = lexicon.alternation("names", "group_nouns")
    return bool(re.search(rf"(?i)(?<!\w)(?:{indefinite})\s+(?:\w+\s+)?(?:{nouns})\s*,?\s*$", before))


def _simple_fields(ctx: Context) -> Iterator[Statement]:
    for key, prop, splitter in (
        ("ideology", "ideology", r"[/,;]"),
        ("goals", "goal", None),
        ("colours", "colours", None),
        ("funding", "funding", r"[,;]"),
        ("methods", "method", r"[,;]"),
        ("media", "media", r"[,;]"),
    ):
        for block in ctx.fields(key):
            yield from _values(ctx, block, prop, splitter)
    for block in ctx.blocks:
        key = section_key(block)
        if block.kind is BlockKind.LIST_ITEM and key in ("funding", "methods"):
            first = re.split(r"(?<=[a-z])\.\s", block.value, maxsplit=1)[0].strip().rstrip(".")
            if first:
                yield _say(ctx, "funding" if key == "funding" else "method", first, (block.start, block.end))


def _values(ctx: Context, block: Block, prop: str, splitter: str | None) -> Iterator[Statement]:
    value = block.value.strip()
    if not value or lexicon.lookup("profile", value) == "no_value":
        return
    parts = [p.strip(" .") for p in re.split(splitter, value)] if splitter else [value.rstrip(".")]
    for part in parts:
        if part:
            yield _say(ctx, prop, part, (block.start, block.end))


_NOTE_MARK = re.compile(r"\[(?:[a-z]+(?:-[a-z]+)?\s*)?\d{1,3}\]")


def _befallen(text: str, q: Quantity) -> bool:
    """Are the members counted there ones something befell (arrested, killed, escaped)?"""
    s, e = q.start, q.end
    clause = text[max(0, s - 60) : e + 60]
    return bool(
        lexicon.words_pattern("status").search(clause) or lexicon.words_pattern("profile", "befallen").search(clause)
    )


def _member_count(text: str, q: Quantity) -> bool:
    after = text[q.end : q.end + 40]
    words = lexicon.words_pattern("profile", "members")
    m = words.search(after)
    if m and len(after[: m.start()].split()) <= 3:
        return True
    # "its strength of 300", "Ses effectifs sont estimés à 3 000", "Het aantal leden wordt geschat op 500"
    return bool(_strength_before().search(text, max(0, q.start - 60), q.start))


@lru_cache(maxsize=1)
def _strength_before() -> re.Pattern[str]:
    """A noun of a group's strength, then up to six words, ending right before a count."""
    nouns = lexicon.alternation("profile", "strength_nouns")
    return re.compile(rf"(?<!\w)(?:{nouns})(?:\s+[^\W\d]+){{0,6}}\s*$", re.IGNORECASE)


def _size(ctx: Context) -> Iterator[Statement]:
    seen: set[tuple[int, int]] = set()
    for block in ctx.fields("size"):
        yield from _quantities(ctx, block.value_start, block.end, (block.start, block.end), seen, field=True)
    for start, end, block in ctx.sentences:
        in_size_section = section_key(block) == "size"
        bulleted = block.kind is BlockKind.LIST_ITEM and block.text[:1] in "•-*–·▪◦"
        if block.kind is not BlockKind.PARAGRAPH and not (bulleted and in_size_section):
            continue  # fields are read above; entries and other list items are incidents and people
        sentence = ctx.text[start:end]
        if in_size_section or ctx.about_subject(sentence) or _possessive_opening().match(sentence):
            yield from _quantities(ctx, start, end, (start, end), seen, field=in_size_section)


@lru_cache(maxsize=1)
def _possessive_opening() -> re.Pattern[str]:
    """ "Its ranks ...", "Ses effectifs ...": a sentence about the group's own, told after its name."""
    return re.compile(rf"\s*(?:{lexicon.alternation('persons', 'possessive_subject')})\s", re.IGNORECASE)


def _quantities(
    ctx: Context, start: int, end: int, quote: tuple[int, int], seen: set[tuple[int, int]], *, field: bool
) -> Iterator[Statement]:
    # Footnote marks ("60,000[25]") are no numbers of the text.
    for q in _estimates(ctx.text, _counts(ctx, start, end, field=field)):
        lo, hi = q.min, q.max
        if (q.start, q.end) in seen:
            continue
        seen.add((q.start, q.end))
        # The year and "at its peak" of an estimate are in its own sentence.
        s_start, s_end = ctx.sentence_at(q.start)
        if s_end <= s_start:
            s_start, s_end = start, end
        s_start, s_end = max(start, s_start), min(end, s_end)
        tail = ctx.text[q.end : min(q.end + 40, s_end)]
        head = ctx.text[s_start : q.start]
        as_of = _as_of(tail) or _as_of(head)
        scope = ""
        scope_match = re.match(r"\s*(?:\w+\s+){0,2}?(?:in|en)\s+([A-Z][\w-]+)", tail)
        if scope_match and country_code(scope_match.group(1)):
            scope = scope_match.group(1)
        c_start, c_end = _clause(ctx.text, s_start, s_end, q.start)
        peak = lexicon.words_pattern("profile", "peak").search(ctx.text[c_start:c_end])
        yield _say(
            ctx,
            "size",
            _span_text(lo, hi),
            quote,
            min=lo,
            max=hi,
            as_of=as_of,
            scope=scope,
            qualifier="peak" if peak else ("approximate" if q.bound == "about" else None),
        )


def _counts(ctx: Context, start: int, end: int, *, field: bool) -> list[Quantity]:
    """The counts of members in text[start:end]. Outside a size field a count says whom it
    counts ("50 militants"), or follows such a count in a list ("50 militants at first; 1,000
    at its height")."""
    # Footnote marks ("60,000[25]") are no numbers of the text.
    text = _NOTE_MARK.sub(lambda m: " " * len(m.group()), ctx.text[start:end])
    dates = find_dates(text)
    out: list[Quantity] = []
    for q in find_quantities(text, start):
        lo, hi = q.min, q.max
        written = ctx.text[q.start : q.end]
        if q.bound == "vague" or (
            lo is not None and 1800 <= lo <= 2100 and (hi == lo or hi is None) and _year_like(written)
        ):
            continue
        if _MONEY.search(ctx.text[max(0, q.start - 2) : q.end + 10]) or "%" in ctx.text[q.end : q.end + 2]:
            continue
        if not field and not (_member_count(ctx.text, q) or out and _listed_after(ctx.text, q)):
            continue
        if not field and _befallen(ctx.text, q):
            continue  # "100 suspected members in custody", "23 members escaped": not the group's size
        if not field and _sent_against_the_group(ctx, q, end):
            continue  # "the army deployed 500 men against the SF": the army's, not the group's
        if any(d.start < q.end - start and q.start - start < d.end for d in dates):
            continue  # the day of a date, not a count
        if max(lo or 0, hi or 0) < 20 or not text[q.start - start : q.end - start]:
            continue  # "two leaders": too small to be the size of a group
        out.append(q)
    return out


def _sent_against_the_group(ctx: Context, q: Quantity, end: int) -> bool:
    """Is the count followed, in its sentence, by a word of opposition and then the group
    ("500 men against the SF", "500 hommes contre le FA")? Then it counts the other side."""
    after = _against().search(ctx.text, q.end, end)
    return after is not None and ctx.about_subject(ctx.text[after.end() : end])


@lru_cache(maxsize=1)
def _against() -> re.Pattern[str]:
    return lexicon.words_pattern("profile", "against")


def _year_like(written: str) -> bool:
    """Could a count's words be a year? "2000" could; "2,000", "2.000" and "2 000" could not."""
    return not re.search(r"\d[,.\s\u00a0\u202f]\d{3}(?!\d)", written)


# A count that follows another in a list, with no noun of its own: "; 1,000 at its height".
_LISTED_BEFORE = re.compile(r"[;,]\s*(?:(?:and|en|et|plus)\s+)?(?:(?:some|about|around|ongeveer|environ)\s+)?$")
_LISTED_AFTER = re.compile(r"\s+(?:at|in|by|when|during|op|bij|tijdens|à|au|en|lors|pendant)\b")


def _listed_after(text: str, q: Quantity) -> bool:
    return bool(_LISTED_BEFORE.search(text, max(0, q.start - 16), q.start) and _LISTED_AFTER.match(text, q.end))


def _estimates(text: str, counts: list[Quantity]) -> Iterator[Quantity]:
    """The counts, where "the lowest estimate was 8,000, the highest 30,000" is one range."""
    low: Quantity | None = None
    for q in counts:
        if low is not None and q.max is not None and _marked(text, q, "highest"):
            yield Quantity(low.start, q.end, low.min, q.max, "range")
            low = None
            continue
        if low is not None:
            yield low
            low = None
        if _marked(text, q, "lowest"):
            low = q
        else:
            yield q
    if low is not None:
        yield low


def _marked(text: str, q: Quantity, key: str) -> bool:
    """Do the few words before the count call it the lowest (or highest) estimate?"""
    return bool(lexicon.words_pattern("profile", key).search(text, max(0, q.start - 30), q.start))


# Where a sentence turns to another statement: "30,000 at its height, but fewer than 1,000 now".
_CLAUSE_TURN = re.compile(r",\s+(?:but|maar|mais|whereas|terwijl|alors que)\s|;")


def _clause(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """The clause of the sentence text[start:end] that holds `pos`."""
    for m in _CLAUSE_TURN.finditer(text, start, end):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            return start, m.start()
    return start, end


def _as_of(text: str) -> str | None:
    m = _AS_OF.search(text)
    if not m:
        return None
    return next(g for g in m.groups() if g)


def _span_text(lo: int | None, hi: int | None) -> str:
    if lo == hi:
        return str(lo)
    return f"{'' if lo is None else lo}-{'' if hi is None else hi}"


def _designations(ctx: Context) -> Iterator[Statement]:
    for block in ctx.fields("designations"):
        value = ctx.text[block.value_start : block.end]
        yield from _designators(ctx, value, block.value_start, (block.start, block.end))
    cue = lexicon.words_pattern("profile", "designation")
    for start, end, block in ctx.sentences:
        if block.kind is BlockKind.FIELD:
            continue
        sentence = ctx.text[start:end]
        m = cue.search(sentence)
        if m and ctx.about_subject(sentence):
            yield from _designators(ctx, sentence, start, (start, end), after=m.start())


def _designators(ctx: Context, text: str, offset: int, quote: tuple[int, int], after: int = 0) -> Iterator[Statement]:
    found: list[str] = []
    tail = text[after:]
    # "the European Union's list of ...": the body may stand just before the cue too.
    before = text[max(0, after - 40) : after] if after else ""
    for key, body in (("international", "UN"), ("european", "EU")):
        if lexicon.words_pattern("profile", key).search(tail) or lexicon.words_pattern("profile", key).search(before):
            found.append(body)
    own = set(ctx.subject_names)  # "BRB" is the group's name, not Barbados's code
    for s, e in split_list(tail, 0):
        item = tail[s:e].strip(" |*")
        listed = country_code(item) if item and item not in own else None
        if listed and listed not in found:
            found.append(listed)
    for match in find_countries(tail, demonyms=False):
        if match.code not in found and tail[match.start : match.end] not in own:
            found.append(match.code)
    # "the United States' designated terrorism list": the country before the cue.
    if after:
        for match in [m for m in find_countries(before, demonyms=False) if before[m.start : m.end] not in own][-1:]:
            if match.code not in found:
                found.append(match.code)
    dates = [d for d in find_dates(text) if d.has_year]
    for code in found:
        yield _say(ctx, "designation", code, quote, date=dates[0].iso if len(dates) == 1 else None)
