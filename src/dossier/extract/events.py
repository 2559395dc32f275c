"""Dated incidents: timeline entries, activity lists under month headers, dated prose.

Each incident is an Event subject with its date, types, place, casualty
numbers and summary; every value carries the entry or sentence it was read in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

from dossier.extract.context import Context
from dossier.model import ATTACK_TYPES, FORMATION, KINDS_OF_OTHER, Block, BlockKind, Schema, Statement
from dossier.segment import field_key, section_key
from dossier.text import lexicon
from dossier.text.clauses import cause_clause, without_held_areas
from dossier.text.dates import (
    DateMatch,
    RelativeMatch,
    date_after,
    find_dates,
    find_relative,
    weekday_numbers,
    with_year,
)
from dossier.text.names import is_acronym
from dossier.text.numbers import Quantity, find_quantities
from dossier.text.places import PlaceMatch, find_cities, find_countries

EXTRACTOR = "events"
# A clause this short with no word of its own after a dated one shares its happening.
ELLIPSIS_WORDS = 12
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
# Sections whose dated lines describe the group (its methods "since 2018", its size)
# or cite sources, not incidents. (Funding sections do report arrests.)
_NOT_INCIDENTS = frozenset({"methods", "size", "sources"})
# Fields whose values tell incidents: a label no lexicon knows ("Notable attacks | ...",
# "Joined al-Sahil October 2004" in an infobox) and the last activity; the profile's
# own fields (founded, size, leaders ...) are read by their extractors.
_INCIDENT_FIELDS = frozenset({None, "last_activity", "battles"})
_PERIOD = re.compile(r"^\s*(?:1[6-9]|20)\d\d\s*[-–—]\s*(?:(?:1[6-9]|20)\d\d|present|heden)")


def extract(ctx: Context) -> Iterator[Statement]:
    entries = {b.start: b for b in ctx.blocks if b.kind is BlockKind.DATED_ENTRY and not _PERIOD.match(b.label or "")}
    for block in entries.values():
        yield from _entry(ctx, block)
    yield from _founding_fields(ctx)
    yield from _designation_fields(ctx)
    yield from _field_ceasefires(ctx)
    # A day or month without a year ("on 3 June", "in June of the same year") takes
    # the year of the last date an earlier sentence of its paragraph gave (or its
    # entry's, or else the page's own date), and "three weeks later" counts from that
    # last date.
    last: tuple[int, str] = (-1, "")  # (block start, date)
    previous_end = -1  # where the last sentence with a date of its own ended
    previous_event: list[Statement] = []  # the one incident that sentence told, outside a list's entry
    # ... and a paragraph that gives none yet, the year its section told last ("2014" in the
    # paragraph before: "in juni de steden ... in").
    section_year: tuple[str, str] = ("", "")
    for index, (start, end, block) in enumerate(ctx.sentences):
        if (block.kind is BlockKind.FIELD and field_key(block) not in _INCIDENT_FIELDS) or section_key(
            block
        ) in _NOT_INCIDENTS:
            continue
        entry = entries.get(block.start)
        # The entry's opening clause is the entry's own event.
        opening = entry is not None and ctx.sentences_of(entry)[0][0] == start
        earlier = last[1] if last[0] == block.start else ""
        in_section = section_year[1] if section_year[0] == block.section and block.kind is BlockKind.PARAGRAPH else ""
        # "A year before the attack in Tokyo": a time counted back or on from the date its
        # section told last, even where that date is too old to lend its year.
        since = earlier or in_section
        if in_section and _long_before_page(ctx, in_section):
            in_section = ""  # a news page's "begin juli" is of its own time, not of a past year it recalled
        context = entry.date if entry else _year_ahead(ctx, index) or earlier or in_section[:4]
        dates = _incident_dates(ctx, start, end, context, since)
        named = list(_named_incidents(ctx, start, end, alone=not dates))
        yield from named
        if dates:
            reported = list(_dated_sentence(ctx, start, end, context, skip_first=opening, since=since))
            yield from reported
            single = entry is None and len({t.subject for t in reported}) == 1
            previous_event = reported if single else []
            if single and block.kind is BlockKind.LIST_ITEM:
                yield from _toll_cells(ctx, block, reported)  # "| 12 May 2019 | Gao | ... | 14 |" under "Killed"
            last = (block.start, dates[-1][1])
            previous_end = end
        else:
            told_before = previous_end == start or not ctx.text[previous_end:start].strip()
            if told_before and previous_event and _toll_told_after(ctx, start, end):
                # "On 12 May the front attacked a barracks. Fourteen soldiers died in the attack."
                yield from _toll_of(ctx, previous_event, start, end)
                previous_event = []
                continue
            if entry is None and told_before and earlier and _goes_on(ctx, start, end):
                # "The guerrillas then killed eight soldiers": of the month told just before.
                yield from _event(ctx, f"c{start}", earlier[:7], start, end, (start, end), basis="relative")
                continue
            if entry is None and _in_lead(ctx, block) and ctx.page_date and len(ctx.page_date.iso) >= 7:
                # A news page's lead tells what happened just before it was written: "police
                # have arrested 15 suspects", dated by the page (its month: the day may be before).
                text = ctx.text[start:end]
                types = _types(text, ctx)
                own_dates = [d for d in find_dates(text) if not ctx.in_dateline(start + d.start, start + d.end)]
                described = lexicon.words_pattern("time", "descriptions").search(text)
                if not own_dates and "://" not in text and not described and set(types) - {"statement", "other"}:
                    yield from _event(
                        ctx, f"l{start}", ctx.page_date.iso[:7], start, end, (start, end), basis="page", types=types
                    )
                    continue
            if entry is None and not named:  # a sentence about an incident it names by its year tells that one
                yield from _undated_sentence(ctx, start, end)
            # "Gedurende 2014 ...": a year that dates no incident still tells the paragraph's year.
            told = [d.iso for d in find_dates(ctx.text[start:end], lang=ctx.doc.lang) if d.has_year and not d.is_period]
            if told and not (entry and entry.date):
                last = (block.start, told[-1])
        if last[0] == block.start and block.kind is BlockKind.PARAGRAPH and last[1][:1].isdigit():
            section_year = (block.section, last[1])


_CELL = re.compile(r"[^|]+")


def _toll_cells(ctx: Context, row: Block, told: list[Statement]) -> Iterator[Statement]:
    """The toll a table row gives in the columns its header names ("Killed", "Doden",
    "Morts", "Wounded"), for the one incident the row told, where its words gave none."""
    header = _table_header(ctx, row)
    if not header:
        return
    given = {t.prop for t in told}
    cells = list(_CELL.finditer(ctx.text, row.start, row.end))
    for prop, cell in zip(header, cells, strict=False):
        if prop and prop not in given:
            found = [q for q in find_quantities(cell.group(), cell.start()) if q.min is not None]
            if len(found) == 1 and cell.group().strip()[:1].isdigit():
                yield _toll_statement(ctx, told[0].subject, prop, found[0], (row.start, row.end))


def _table_header(ctx: Context, row: Block) -> list[str]:
    """What each column of the table `row` is in counts (killed, wounded or ""), from the
    table's first row when that row is labels (no digits)."""
    top = ctx.table_tops.get(row.start)
    if top is None or top.start == row.start or any(ch.isdigit() for ch in top.text):
        return []
    labels = [cell.group().strip() for cell in _CELL.finditer(top.text)]
    props = [next((p for p in ("killed", "wounded") if _toll_label(p).fullmatch(label)), "") for label in labels]
    return props if any(props) else []


@lru_cache(maxsize=2)
def _toll_label(prop: str) -> re.Pattern[str]:
    return lexicon.regex("casualties", f"{prop}_columns", r"(?:{words})")


def _toll_told_after(ctx: Context, start: int, end: int) -> bool:
    """Does the sentence tell a toll of the incident told just before, by referring back to
    it ("in the attack", "daarbij", "lors de l'attentat") without a date or incident of its own?"""
    text = ctx.text[start:end]
    if not _anaphora(ctx.doc.lang).search(text) or find_dates(text):
        return False
    return any(prop == "killed" or prop == "wounded" for prop, _q in _casualties(text))


@lru_cache(maxsize=4)
def _anaphora(lang: str | None) -> re.Pattern[str]:
    return lexicon.words_pattern("casualties", "incident_before", lang)


def _toll_of(
    ctx: Context, told: list[Statement], start: int, end: int, quote: tuple[int, int] | None = None
) -> Iterator[Statement]:
    """The toll of text[start:end] for the incident `told`, where that one gave none; quoted
    by `quote` (else by that text)."""
    given = {t.prop for t in told}
    for prop, q in _casualties(ctx.text[start:end]):
        if prop not in given:
            yield _toll_statement(ctx, told[0].subject, prop, q, quote or (start, end))


def _toll_statement(ctx: Context, subject: str, prop: str, q: Quantity, quote: tuple[int, int]) -> Statement:
    return ctx.statement(subject, prop, _range(q), *quote, EXTRACTOR, min=q.min, max=q.max)


def _year_ahead(ctx: Context, index: int) -> str:
    """The year of the next sentence's date when it is of the same month as a day this
    sentence gives without a year ("it had taken the city on 10 June. On 29 June 2014, it
    proclaimed ..."): that year, not the one a sentence before recalled."""
    start, end, block = ctx.sentences[index]
    if index + 1 >= len(ctx.sentences) or ctx.sentences[index + 1][2] is not block:
        return ""
    months = {d.iso[2:4] for d in find_dates(ctx.text[start:end], lang=ctx.doc.lang) if d.iso.startswith("--")}
    if not months:
        return ""
    after_start, after_end, _block = ctx.sentences[index + 1]
    for d in find_dates(ctx.text[after_start:after_end], lang=ctx.doc.lang):
        if d.has_year and not d.is_period and len(d.iso) >= len("YYYY-MM"):
            return d.iso[:4] if d.iso[5:7] in months else ""
    return ""


# Being held: its end ("held them until ...") is a release.
CAPTIVITY = frozenset({"kidnapping", "hostage_taking"})
# " - " between the dated steps of a flattened infobox.
_STEP = re.compile(r"(?<=[\d\]]) - (?=[A-Z])")


def _goes_on(ctx: Context, start: int, end: int) -> bool:
    """Does the sentence go on from the one before ("then", "daarna", "ensuite") to tell
    an incident of a kind its words name, or, opening with the pronoun of the one before's
    actor ("He renamed the group"), what a group made of itself?"""
    text = ctx.text[start:end]
    if lexicon.words_pattern("time", "sequence", ctx.doc.lang).search(text[:80]):
        return bool(set(_types(text, ctx)) - {"other", "statement"})
    return bool(_same_actor(ctx.doc.lang).match(text)) and bool(FORMATION_ACTS.intersection(_types(text, ctx)))


@lru_cache(maxsize=8)
def _same_actor(lang: str | None) -> re.Pattern[str]:
    """A sentence opening with a personal pronoun: its actor is the one the sentence before named."""
    return lexicon.regex("time", "same_actor", r"\W*(?:{words})\s", lang)


def _long_before_page(ctx: Context, iso: str) -> bool:
    """A date years before the month a page was written in."""
    page = ctx.page_date.iso if ctx.page_date else ""
    return len(page) >= len("YYYY-MM") and int(iso[:4]) < int(page[:4]) - 1


def _designation_fields(ctx: Context) -> Iterator[Statement]:
    """ "Designated by: India (since 1992), United States (since 1997), Sri Lanka (1998-2002,
    since 2009)": each dated item of a designations field is a listing, at its date (a
    span's first year). Where is no place: the designating state says who, not where."""
    for block in ctx.fields("designations"):
        for m in re.finditer(r"[^\n,;]+", ctx.text[block.value_start : block.end]):
            s, e = block.value_start + m.start(), block.value_start + m.end()
            for d in find_dates(ctx.text[s:e], lang=ctx.doc.lang):
                if d.has_year and d.part != "decade":
                    yield from _event(
                        ctx, f"d{s + d.start}", d.iso, s, e, (s, e), basis="entry", types=["designation"], place=False
                    )


_ASIDE = re.compile(r"\(([^()]{4,120})\)")
_ASIDE_LINE = re.compile(r"^\(([^()\n]{4,120})\)$", re.M)
_ANY_ASIDE = re.compile(r"\([^()]*\)")
_SPACES = re.compile(r"\s+")


def _field_ceasefires(ctx: Context) -> Iterator[Statement]:
    """ "Active 1969–2005 (on ceasefire from 1997)": a field's aside, or an aside alone on its
    line below one, that dates a ceasefire tells that incident (the field itself says what
    the group is, not what it did)."""
    cue = lexicon.words_pattern("events", "ceasefire")
    for block in ctx.blocks:
        if block.kind is BlockKind.FIELD:
            asides = _ASIDE.finditer(ctx.text, block.value_start, block.end)
        else:
            asides = _ASIDE_LINE.finditer(ctx.text, block.start, block.end)
        for aside in asides:
            s, e = aside.start(1), aside.end(1)
            told = cue.search(ctx.text, s, e)
            dates = [d for d in find_dates(ctx.text[s:e], lang=ctx.doc.lang) if d.has_year and not d.is_period]
            after = [d for d in dates if told and s + d.start >= told.end()]
            if after:
                yield from _event(ctx, f"f{s}", after[0].iso, s, e, (s, e), basis="entry", place=False)


def _in_lead(ctx: Context, block: Block) -> bool:
    """Is `block` one of the first two paragraphs of prose, where a news page says what it is about?"""
    paragraphs = [b.start for b in ctx.blocks if b.kind is BlockKind.PARAGRAPH and len(b.text) >= 80][:2]
    return block.start in paragraphs


def _founding_fields(ctx: Context) -> Iterator[Statement]:
    """ "Founded: 1994", "Formation 1999", "Active 28 January 2017 - present": a profile's
    founding field dates the group's founding, an incident of its history."""
    for block in ctx.fields("founded"):
        # "Formation 1999 - Joined X October 2004 - Declaration of Y 13 October 2006": an
        # infobox's dated steps, flattened onto one line: the founding, then what followed.
        steps = [m.end() for m in _STEP.finditer(ctx.text, block.value_start, block.end)]
        for s, e in zip([block.value_start, *steps], [*(x - 1 for x in steps), block.end], strict=True):
            step = [d for d in find_dates(ctx.text[s:e], lang=ctx.doc.lang) if d.has_year and d.part != "decade"]
            if step and s > block.value_start:
                types = _types(ctx.text[s:e], ctx) or ["other"]
                yield from _event(ctx, f"f{s}", step[0].iso, s, e, (s, e), basis="entry", types=types)
        value = ctx.text[block.value_start : steps[0] - 1 if steps else block.end]
        dates = [d for d in find_dates(value, lang=ctx.doc.lang) if d.has_year and d.part != "decade"]
        if dates:
            yield from _event(
                ctx,
                f"f{block.start}",
                dates[0].iso,
                block.start,
                block.end,
                (block.start, block.end),
                basis="entry",
                types=["founding"],
            )


def _entry(ctx: Context, block: Block) -> Iterator[Statement]:
    text = ctx.text
    body_start = block.value_start if block.value_start >= 0 else block.start
    body = text[body_start : block.end]
    date, basis = block.date, "header" if block.date_from_header else "entry"
    if block.date_from_header or len(block.date) == len("YYYY"):
        # A month header's entry may give its day; a year's entry, its month or day
        # ("2004: ... killed in late March").
        own = _own_date(body, block.date)
        if own and (block.date_from_header or (own.startswith(block.date) and own != block.date)):
            date, basis = own, "entry"
    first_end = ctx.sentences_of(block)[0][1] if ctx.sentences_of(block) else block.end
    # An entry's later sentences that state their own date are events of their own,
    # and so is one that moves elsewhere ("200 km to the north, ..."), at the entry's date.
    for i, (start, end) in enumerate(_incidents_of_entry(ctx, block, date)):
        if i == 0:
            start, end = body_start, max(end, first_end)
            quote = (block.start, end) if end - block.start <= MAX_QUOTE else _first_sentences(ctx, block, end)
        else:
            quote = (start, end) if end - start <= MAX_QUOTE else (start, ctx.sentence_at(start)[1])
        slug = f"e{block.start}" if i == 0 else f"e{block.start}.{start}"
        yield from _event(ctx, slug, date, start, end, quote, reported=block.date, basis=basis)


def _incidents_of_entry(ctx: Context, block: Block, date: str) -> list[tuple[int, int]]:
    """(start, end) of each incident an entry tells at its own date: its opening run of
    sentences, then each run that a sentence moving elsewhere opens. They stop at the
    first sentence with a date of its own, which is an event of its own."""
    runs = [block.start]
    sentences = ctx.sentences_of(block)
    formation = bool(sentences) and _tells_formation(ctx, *sentences[0])
    for s, e in sentences[1:]:
        if _incident_dates(ctx, s, e, date):
            return list(zip(runs, [*runs[1:], s], strict=True))
        if _displaced().match(ctx.text, s):
            runs.append(s)
        elif not formation and _tells_formation(ctx, s, e):
            # "JUNE 2014: X seizes a city. The group declares a caliphate and renames
            # itself": what a group makes of itself, after what it did, is a step of its own.
            runs.append(s)
            formation = True
    return list(zip(runs, [*runs[1:], block.end], strict=True))


def _tells_formation(ctx: Context, start: int, end: int) -> bool:
    """Does the sentence tell a group's founding, renaming, merger, split or allegiance?"""
    return bool(FORMATION_ACTS.intersection(_types(ctx.text[start:end], ctx)))


# What a group makes of itself: founded, renamed, merged, split off, pledged to another.
FORMATION_ACTS = FORMATION | {"allegiance"}


@lru_cache(maxsize=1)
def _displaced() -> re.Pattern[str]:
    """A sentence opening with a distance and a direction ("200 km to the north,")."""
    units = lexicon.alternation("places", "distance_units")
    directions = lexicon.alternation("places", "directions")
    return re.compile(
        rf"\W*(?:\w+\s+){{0,2}}\d[\d,.]*\s*(?:{units})\s+(?:\w+\s+){{0,2}}(?:{directions})(?!\w)", re.IGNORECASE
    )


def _dated_sentence(
    ctx: Context, start: int, end: int, context_date: str, skip_first: bool = False, since: str = ""
) -> Iterator[Statement]:
    """One event per clause that has its own incident date and reports a happening (a
    cue word of a type, or a verb of `actions.yaml`); a date without a year takes the
    year of `context_date` (its entry's or paragraph's), and a relative one counts from
    `since` (the last date before it), else from that."""
    previous: list[str] = []
    clauses = _dated_clauses(ctx, start, end, context_date, since)
    for i, (s, e, date) in enumerate(clauses):
        clause = ctx.text[s:e]
        happening = not _private_life(ctx, clause) and (_acts(ctx, clause) or _tells_happening(ctx, clause))
        types = _types(clause, ctx) or (["other"] if happening else [])
        if _founding_dated(ctx.text[s:e]):
            types = ["founding"]  # "The front, founded in 1987, had fighters ...": the date is the founding's
        if not types and previous and len(clause.split()) <= ELLIPSIS_WORDS:
            types = previous  # "the attacks of 13 November 2015 in Paris and of 14 July 2016 in Nice"
        shared = not types and i + 1 < len(clauses) and _coordinated_with_next(ctx, s, e, clauses[i + 1][0])
        if shared:
            # "in 2011 and 2014 two envoys were killed": the year shares the happening told after the
            # next, and its words (the toll is of both years: it stays with neither).
            e = clauses[i + 1][1]
            types = _types(ctx.text[s:e], ctx)
        own = _own_words(clause)
        if set(types) & CAPTIVITY and lexicon.regex("actions", "bounds", _ENDING).search(own[: _first_date_at(own)]):
            types = ["release"]  # "abducted 13 nuns ... and held them until 9 March 2014": freed then
        previous = types
        if i == 0 and skip_first:
            continue
        if types and _activity_since(clause, ctx.doc.lang):
            continue  # "has carried out numerous attacks since 2003": a period's activity
        if types and _campaign_starts(ctx, clause):
            continue  # "began kidnapping executives in 1971": a campaign's start
        if types:
            # A date counted from an earlier one ("a month later") says so: its quote holds no date.
            relative = find_relative(clause) and not find_dates(clause)
            basis = "relative" if relative else "sentence"
            parts = [(s, e, types, True)] if shared else _participle_parts(ctx, s, e, types)
            for part_start, part_end, part_types, dated in parts:
                slug = f"s{s}" if part_start == s else f"s{s}.{part_start}"
                yield from _event(
                    ctx,
                    slug,
                    date if dated else "",
                    part_start,
                    part_end,
                    (s, e),
                    context_date,
                    basis,
                    part_types,
                    tolls=not shared,
                )


def _private_life(ctx: Context, text: str) -> bool:
    """Does the text's own wording tell a step of a private life ("was born", "studeerde")?"""
    return bool(lexicon.words_pattern("actions", "private_life", ctx.doc.lang).search(_own_words(text)))


def _activity_since(clause: str, lang: str) -> bool:
    """Is the clause dated by "since" and tells many acts, or none ("a number of
    operations since 1993", "have not struck since 1988", "depuis 1993 ... de nombreux
    attentats")?"""
    first = _first_date_at(clause)
    if first == len(clause) or not lexicon.regex("time", "since", _ENDING, lang).search(clause[:first]):
        return False
    return bool(lexicon.words_pattern("time", "many_acts", lang).search(clause))


def _campaign_starts(ctx: Context, clause: str) -> bool:
    """Does a verb of beginning stand just before every cue of the clause's acts, each in
    the plural or a gerund ("began kidnapping executives", "a commencé les enlèvements")?"""
    cues = [(s, e) for key, s, e in lexicon.keys_in("events", clause, ctx.doc.lang) if key not in KINDS_OF_OTHER]
    starts = _campaign_start(ctx.doc.lang)
    return bool(cues) and all(
        starts.search(clause, max(0, s - 40), s) and clause[s:e].casefold().endswith(("s", "x", "en", "ing"))
        for s, e in cues
    )


@lru_cache(maxsize=4)
def _campaign_start(lang: str | None) -> re.Pattern[str]:
    """A verb of beginning, then at most two words, ending the text: just before a cue."""
    return lexicon.regex("time", "campaign_starts", r"(?<!\w)(?:{words})\s+(?:[\w'’-]+\s+){0,2}$", lang)


def _coordinated_with_next(ctx: Context, start: int, end: int, next_start: int) -> bool:
    """Does the clause end with its date, the next opening with a bare coordinator and its
    own date ("in 2011 | and 2014 two envoys were killed")?"""
    dates = find_dates(ctx.text[start:end], lang=ctx.doc.lang)
    if not dates or ctx.text[start + dates[-1].end : end].strip():
        return False
    joint = _bare_coordinator().match(" " + ctx.text[next_start : next_start + 12])
    after = ctx.text[next_start + joint.end() - 1 :] if joint else ""
    return bool(joint) and any(d.start == 0 for d in find_dates(after[:40], lang=ctx.doc.lang))


# A part of a clause: (start, end, types, whether the clause's date is its date).
_Part = tuple[int, int, list[str], bool]


def _participle_parts(ctx: Context, start: int, end: int, types: list[str]) -> list[_Part]:
    """A clause and a participle after its comma that announces the group's new form,
    at the same date ("X assumed leadership, announcing a new coalition under the name
    Y", "..., en annonçant la création de ..."): two incidents. Else the clause as one.
    (A participle of anything else may tell what followed later.)"""
    clause = ctx.text[start:end]
    succession = _death_and_succession(ctx, start, end, types)
    if succession:
        return succession
    joint = _participle().search(clause)
    if joint:
        first, second = _types(clause[: joint.start()], ctx), _types(clause[joint.start() :], ctx)
        main = set(first) - {"other", "statement"}
        if main and not main & FORMATION and set(second) & FORMATION:
            return [(start, start + joint.start(), first, True), (start + joint.start() + 1, end, second, True)]
    return [(start, end, types, True)]


def _death_and_succession(ctx: Context, start: int, end: int, types: list[str]) -> list[_Part]:
    """A leader's death and his successor's taking over, two incidents (as timelines keep
    them): "X died in November 1999 and was succeeded by Y", cut at the coordinator
    between the two, of one date; "Y became emir, on the death of X in 1999, ...", the
    death an aside between commas, of the clause's date only if the aside gives it ("Y
    was named leader in July 2015, after the death of X": X died before, on a day other
    reports tell)."""
    deaths = [(s - start, e - start) for s, e, _key in ctx.deaths if start <= s and e <= end]
    cue = _succession_cue(ctx.doc.lang).search(ctx.text, start, end) if deaths else None
    if not cue:
        return []
    clause, at = ctx.text[start:end], cue.start() - start
    (death_start, death_end), others = deaths[0], [t for t in types if t != "leadership_change"]
    if at > death_end:
        joints = list(_bare_coordinator().finditer(clause, death_end, at))
        if not joints:
            return []
        cut = start + joints[-1].start()
        return [(start, cut, others, True), (cut + 1, end, ["leadership_change"], True)]
    opens = clause.rfind(", ", cue.end() - start, death_start)
    if opens < 0:
        return []
    closes = clause.find(",", death_end)
    closes = len(clause) if closes < 0 else closes
    aside = (start + opens + 2, start + closes)
    dated = bool(find_dates(ctx.text[aside[0] : aside[1]], lang=ctx.doc.lang))
    return [(start, start + opens, ["leadership_change"], True), (*aside, others, dated)]


@lru_cache(maxsize=3)
def _succession_cue(lang: str) -> re.Pattern[str]:
    """A word of succession, or "became" and a leader's title ("est devenu « l'émir »")."""
    became = lexicon.alternation("persons", "became_title", lang)
    title = lexicon.alternation("roles", "leader", lang)
    quotes = r"[\s«»“”\"'‘’]*"
    own_title = rf"(?:{became}){quotes}(?:(?:the|its|de|het|le|la|l['’]){quotes})?(?:{title})\b"
    return re.compile(
        rf"{lexicon.words_pattern('events', 'leadership_change', lang).pattern}|{own_title}", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def _participle() -> re.Pattern[str]:
    return re.compile(r",\s+(?:(?:and|en)\s+)?(?!(?:according|including|following|during)\b)(?:[a-z]+ing|[a-zé]+ant)\b")


def _undated_sentence(ctx: Context, start: int, end: int) -> Iterator[Statement]:
    """A sentence without a date that tells a named group's founding, split or merger,
    a named person's death ("The front was formed to ...", "troops killed its
    commander, X, in an airstrike") or an attack by a name of its own ("the attack on
    the Seabreeze hotel"). A group is founded once, a person dies once and few attacks
    bear one rare name, so resolution may join it to the one dated report of that;
    alone it is not shown."""
    # (The groups a formation names are found by resolution, in every document's names.)
    text = ctx.text[start:end]
    types = set(_types(text, ctx))
    named_attack = bool(types & ATTACK_TYPES) and bool(_INNER_CAPITAL.search(text))
    if types & FORMATION or ctx.deaths_told(start, end) or named_attack:
        yield from _event(ctx, f"u{start}", "", start, end, (start, end))


# A capitalised word inside a sentence: the name an attack may go by.
_INNER_CAPITAL = re.compile(r"(?<=[\w,;)] )[A-ZÀ-Þ][\w’'-]{3,}")


def _dated_clauses(
    ctx: Context, start: int, end: int, context_date: str, since: str = ""
) -> list[tuple[int, int, str]]:
    """(start, end, date) of each clause of the sentence text[start:end] with its own date.

    "X, founded in 2013 by A, and Y, formed in 2012 by B" holds two. A clause
    ends at a coordinating ", and" or ";" between two dates, else at the last
    comma before the later date.
    """
    sentence = ctx.text[start:end]
    dates = _incident_dates(ctx, start, end, context_date, since)
    if not dates:
        return []
    clauses: list[tuple[int, int, str]] = []
    clause_start, (prev_pos, prev_iso) = 0, (dates[0][0] - start, dates[0][1])
    for pos, iso in ((p - start, d) for p, d in dates[1:]):
        if iso == prev_iso:
            continue
        between = sentence[prev_pos:pos]
        joints = list(_clause_joint().finditer(between))
        joint = joints[0] if joints else None
        # Not the comma of "1,200", nor the one that closes the earlier date ("On 7 October 2023, ...").
        # The comma after a date that leads its clause ("On 7 October 2023, X ...") ends no clause.
        opening = find_dates(between)
        leads = len(sentence[clause_start:prev_pos].split()) <= 2
        closes = opening[0].end if opening and opening[0].start == 0 and leads else -1
        within = opening[0].end if opening and opening[0].start == 0 else 0  # "December 26, 2001"
        commas = [m.start() for m in re.finditer(r",\s", between) if m.start() >= within and m.start() != closes]
        if joint is None and not commas:
            # "in Paris and on 14 July 2016 in Nice": a bare "and" between the two dates
            bare = list(_bare_coordinator().finditer(between))
            joint = bare[-1] if bare else None
        cut = prev_pos + (joint.start() if joint else commas[-1] if commas else -1)
        if cut < prev_pos:
            continue
        clauses.append((start + clause_start, start + cut + 1, prev_iso))
        clause_start, prev_pos, prev_iso = cut + 1, pos, iso
    clauses.append((start + clause_start, end, prev_iso))
    return clauses


@lru_cache(maxsize=1)
def _bare_coordinator() -> re.Pattern[str]:
    return re.compile(rf"\s(?:{lexicon.alternation('time', 'clause_coordinators')})\s")


@lru_cache(maxsize=1)
def _clause_joint() -> re.Pattern[str]:
    """ ";", ", and" or a subordinator ("after", "nadat"): where one dated clause ends."""
    coordinators = lexicon.alternation("time", "clause_coordinators")
    subordinators = lexicon.alternation("time", "clause_subordinators")
    return re.compile(rf"(?:;|,\s+(?:{coordinators})\s|,?\s+(?:{subordinators})\s|\s[-–—]\s|(?<=[\w)])—(?=\w))")


def _incident_dates(ctx: Context, start: int, end: int, context_date: str, since: str = "") -> list[tuple[int, str]]:
    """(offset, iso) of each date the sentence text[start:end] gives an incident: a day
    or month with a year (or the year told last before it, in the sentence or its
    paragraph, or else the page's own date's), a year after a preposition ("In 2006,
    ..."), a part of a year ("late 2004"), a time told from the page's date
    ("yesterday", "on Saturday"), a time counted from the date told before it ("two
    years earlier"); never a period ("between 2017 and 2020", "the 1990s"), the date
    of a report or of a cited source, or the page's own dateline."""
    out: list[tuple[int, str]] = []
    sentence = _own_words(ctx.text[start:end], asides=False)  # "... in retaliation for the raid of May 2010"
    told = context_date  # the last date told before the current one
    dates = find_dates(sentence, reference=ctx.page_date.iso if ctx.page_date else "", lang=ctx.doc.lang)
    relatives = find_relative(sentence)
    for d in dates:
        # "two years earlier" after a date: counted from it.
        for rel in [r for r in relatives if r.start < d.start]:
            relatives.remove(rel)
            counted = _counted(rel, since if not out else told, told)
            if counted:
                out.append((start + rel.start, counted))
        if d.is_period or ctx.in_dateline(start + d.start, start + d.end):
            continue
        before = sentence[max(0, d.start - 40) : d.start]
        after = sentence[d.end : d.end + 16]
        opened = lexicon.regex("time", "period_openers", _BEFORE_DATE).search(before[-12:])
        if (opened and _PERIOD_END.match(after)) or _DASH_TO_YEAR.match(after):
            continue  # "from 1 September 1994 to February 1996", "June 1994 – 1996": a span
        cited = _CITATION.search(sentence, 0, d.start)
        if lexicon.regex("time", "reporting", _BEFORE_DATE).search(before[-30:]) or cited:
            continue
        if d.kind == "deictic":
            if d.iso:
                out.append((start + d.start, d.iso))
                told = d.iso
            continue
        if d.precision == "year":
            if d.part or _year_after_cue(sentence, d, ctx.doc.lang):
                out.append((start + d.start, d.iso))
            told = d.iso  # "numerous attacks in 2001, including one in January"
            continue
        iso = _completed(ctx, d, told, sentence[d.start : d.end])
        if iso:
            out.append((start + d.start, iso))
            told = iso
    # A time counted from an earlier date ("five months later", "drie weken later"):
    # from the date the sentence told before it, else the paragraph's last, else the
    # entry's ("na drie weken" only from a date told before: an entry may be dated by
    # when its story ended).
    for rel in relatives[:1] if not out else [r for r in relatives if r.start > out[-1][0] - start]:
        counted = _counted(rel, since if not out else told, told if out else context_date)
        if counted:
            out.append((start + rel.start, counted))
    return out


def _counted(rel: RelativeMatch, since: str, fallback: str) -> str | None:
    """The date `rel` counts to from `since` (a date told before), else from `fallback`."""
    if rel.from_start and rel.unit == "year" and rel.low > 1:
        return None  # "na zeventien jaar": how long something lasted, not a date counted from the last
    base = since if rel.from_start else since or fallback
    return date_after(base, rel) if base and not base.startswith("--") else None


def _completed(ctx: Context, d: DateMatch, context_date: str, written: str = "") -> str:
    """A date with its missing year (and month) from the context; without context, from
    the page's own date: a month after the page's is of the year before; without one,
    a weekday's day and month ("Thursday 9 September") of the first year that fits it
    from the last year the page recalls on."""
    if d.has_year:
        return d.iso
    if context_date and not context_date.startswith("-"):
        # A weekday that the context's year does not give its day to tells a later year.
        year = int(context_date[:4])
        near = [year + step * sign for step in range(WEEKDAY_YEARS_AFTER + 1) for sign in (1, -1)]
        return _year_of_weekday(d.iso, written, near) or with_year(d.iso, context_date)
    page = ctx.page_date.iso if ctx.page_date else ""
    if not page and len(d.iso) == len("--MM-DD"):
        years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", ctx.text)]
        later = range(max(years), max(years) + WEEKDAY_YEARS_AFTER + 1) if years else range(0)
        return _year_of_weekday(d.iso, written, list(later))
    if not page or d.iso.startswith("---"):
        return ""
    iso = with_year(d.iso, page)
    if iso[:7] > page[:7] and len(page) >= 7:
        iso = with_year(d.iso, f"{int(page[:4]) - 1:04d}")
    return iso


# Years from the one a context gives (or after the last one an undated page recalls)
# that a "Thursday 9 September" may be in.
WEEKDAY_YEARS_AFTER = 3


def _year_of_weekday(iso: str, written: str, years: list[int]) -> str:
    """ "donderdag 9 september": the first of `years` whose 9 September is a Thursday;
    "" when the date names no weekday or none fits."""
    if len(iso) != len("--MM-DD") or not written.split():
        return ""
    weekday = weekday_numbers().get(written.split()[0].strip(",").lower())
    if not weekday:
        return ""
    month, day = int(iso[2:4]), int(iso[5:7])
    for year in years:
        try:
            if dt.date(year, month, day).isoweekday() == weekday:
                return f"{year:04d}-{month:02d}-{day:02d}"
        except ValueError:
            return ""
    return ""


def _named_incidents(ctx: Context, start: int, end: int, alone: bool = False) -> Iterator[Statement]:
    """ "the 2002 Lamu bombings", "2008 Garissa attacks": an incident a sentence names by its
    year, an event of its own (with the sentence as its quote) beside what the sentence
    tells at its own dates. `alone`: the sentence has no date of its own, so what follows
    the one name it gives is told of that incident ("..., which killed 20 people")."""
    sentence = ctx.text[start:end]
    found = []
    for d in find_dates(sentence, lang=ctx.doc.lang):
        if d.precision != "year" or d.kind != "point" or d.part:
            continue
        m = _named_incident().match(sentence, d.end)
        if m and not _year_after_cue(sentence, d, ctx.doc.lang):
            found.append((d, start + d.start, start + m.end()))
            continue
        # "l'attentat de Bamako de 2014", "de aanslagen van 2014 op Gao": the noun first. Such
        # a name reads as a reference in a sentence of its own dates ("condamné en 2004 pour
        # les attentats de 2002"), so it is an incident only in a sentence without them.
        noun = _named_incident_before().search(sentence, max(0, d.start - 60), d.start) if alone else None
        if noun:
            after = _PLACE_AFTER_YEAR.match(sentence, d.end)
            found.append((d, start + noun.start(), start + (after.end() if after else d.end)))
    for d, s, e in found:
        toll = _toll_clause().match(ctx.text, e, end) if alone and len(found) == 1 else None
        told = list(_event(ctx, f"n{s}", d.iso, s, e, (start, end), basis="sentence", types=_types(ctx.text[s:e], ctx)))
        yield from told
        if told and toll:  # its toll, told in the clause right after its name
            yield from _toll_of(ctx, told, s, toll.end(), (start, end))


@lru_cache(maxsize=1)
def _toll_clause() -> re.Pattern[str]:
    """A clause right after an incident's name that tells what it did, to the clause's end."""
    return lexicon.regex("casualties", "toll_openers", r",?\s+(?:{words})(?!\w)[^,;.()]*")


def _founding_dated(clause: str) -> bool:
    """The clause's only date follows a founding word and a preposition at most
    ("founded in 1987", "opgericht in 1987", "fondé en 1987")."""
    dates = [d for d in find_dates(clause) if not d.is_period]
    return len(dates) == 1 and bool(_founding_before().search(clause[max(0, dates[0].start - 40) : dates[0].start]))


@lru_cache(maxsize=1)
def _founding_before() -> re.Pattern[str]:
    founding = lexicon.alternation("events", "founding")
    prepositions = lexicon.alternation("time", "date_prepositions")
    return re.compile(rf"(?<!\w)(?:{founding})\s+(?:(?:{prepositions})\s+)?$", re.IGNORECASE)


def _year_after_cue(sentence: str, d: DateMatch, lang: str | None = None) -> bool:
    """A bare year dates an incident after a preposition ("in 2006", "sinds 2007") or
    right after a founding word ("founded 1994")."""
    before = sentence[max(0, d.start - 40) : d.start]
    if lexicon.regex("time", "year_prepositions", _ENDING, lang).search(before):
        return True
    if _coordinated_year().search(before):
        return True  # "en 2006 et 2018", "in 2001 and 2005": a year beside one after a preposition
    if _delayed_until().search(before):
        return True  # "was not outlawed until 2011": outlawed in 2011
    if _when_after_year(lang).match(sentence, d.end):
        return True  # "led the group until 2016, when he was succeeded": the clause's year
    return bool(lexicon.regex("events", "founding", r"(?<!\w)(?:{words})[\s,(]+$").search(before))


@lru_cache(maxsize=4)
def _when_after_year(lang: str | None) -> re.Pattern[str]:
    return lexicon.regex("time", "when_after_year", r",\s*(?:{words})(?!\w)", lang)


@lru_cache(maxsize=1)
def _coordinated_year() -> re.Pattern[str]:
    prepositions = lexicon.alternation("time", "year_prepositions")
    coordinators = lexicon.alternation("time", "clause_coordinators")
    return re.compile(
        rf"(?<!\w)(?:{prepositions})\s+(?:1[6-9]|20)\d\d(?:\s*,\s*(?:1[6-9]|20)\d\d)*\s*(?:,|(?:{coordinators}))\s+$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _delayed_until() -> re.Pattern[str]:
    """A negation, up to five words of its clause, and "until" ending the text before a year."""
    negations = lexicon.alternation("time", "delay_negations")
    until = lexicon.alternation("time", "delay_until")
    return re.compile(
        rf"(?:(?<!\w)|(?=n['’]t))(?:{negations})(?!\w)(?:\s+[^\s,;.]+){{0,5}}?\s+(?:{until})\s+$", re.IGNORECASE
    )


def _incident_nouns() -> str:
    """The words of the attacks an incident's name is made with ("bombings", "attentat")."""
    keys = ("bombing", "suicide_attack", "attack", "armed_assault", "assassination")
    return "|".join(lexicon.alternation("events", key) for key in keys)


@lru_cache(maxsize=1)
def _named_incident_before() -> re.Pattern[str]:
    """An incident's noun (and where: "de Bamako", "op Gao"), then "de" or "van", ending the
    text before a year: the French and Dutch order of "the 2014 Bamako attack"."""
    nouns = _incident_nouns()
    place = r"(?:\s+(?:de|du|d['’]|à|van|in|op|te)\s*[A-ZÀ-Þ][\w'’-]*)?"
    return re.compile(rf"(?<!\w)(?i:{nouns}){place}\s+(?:de|van)\s+$")


# After the year of a named incident, where it was, in the Dutch order: "van 2014 op Gao".
_PLACE_AFTER_YEAR = re.compile(r"\s+(?:op|in|te)\s+[A-ZÀ-Þ][\w'’-]*")


@lru_cache(maxsize=1)
def _named_incident() -> re.Pattern[str]:
    """After a year: a capitalised word, up to three more (no verb of a state, no
    preposition) and an incident noun ("Lamu bombings", "Nairobi embassy bombing")."""
    nouns = _incident_nouns()
    small = r"(?!(?:was|were|is|are|has|had|by|in|on|of|the|and|to|for)\s)[a-z][\w'’-]*"
    return re.compile(rf"\s+(?:[A-Z][\w'’.-]*\s+(?:(?:[A-Z][\w'’.-]*|{small})\s+){{0,3}})?(?i:{nouns})(?!\w)")


# A cited source's date: the last item of a parenthesis after a title or a publisher
# ("('Title', Some Paper, 10/09/2007)", "(Reuters, 3 May 2004)").
_CITATION = re.compile(r"[(\[][^()\[\]]*[A-Za-z\"”’'][^()\[\]]*,\s*$")
# Lexicon regex templates: one of the words ending the text before a date or place,
# or one of them anywhere in the current sentence before it.
_ENDING = r"(?<!\w)(?:{words})\s+$"
_BEFORE_DATE = r"(?<!\w)(?:{words})(?!\w)[^.]*$"
_DASH_TO_YEAR = re.compile(r"^\s*[-–—/]\s*(?:\w+\s+)?(?:1[6-9]|20)\d\d")
_PERIOD_END = re.compile(
    r"^\s*(?:[-–—/]|and|to|until|till|through|en|tot|et|à|au|jusqu)\s*(?:\w+\s+)?(?:1[6-9]|20)\d\d"
)


def _event(
    ctx: Context,
    slug: str,
    date: str,
    start: int,
    end: int,
    quote: tuple[int, int],
    reported: str = "",
    basis: str = "sentence",
    types: list[str] | None = None,
    place: bool = True,
    tolls: bool = True,
) -> Iterator[Statement]:
    """The statements of one incident. Its types are those its words name; a timeline
    entry (its place in a dated list says it is an incident), a death told or a
    happening that no type names is of type "other"."""
    text = ctx.text
    body = text[start:end]
    if lexicon.words_pattern("persons", "retracted").search(body):
        return  # "his death was reported in May, but that proved untrue": no incident
    types = types or _types(body, ctx)
    victims = ctx.deaths_told(start, end)
    if not types and not victims and basis == "entry" and _private_life(ctx, body):
        return  # "1955: X is born in Y": a life's step of no incident, even in a timeline
    if not types and (victims or basis == "entry" or _acts(ctx, body)):
        types = ["other"]
    if not types:
        return
    subject = ctx.key(Schema.EVENT, slug)
    qs, qe = quote

    def say(prop: str, value: str, **qualifiers: object) -> Statement:
        return ctx.statement(subject, prop, value, qs, qe, EXTRACTOR, **qualifiers)

    # Where the date comes from: a list entry's own, only a month header above it (weaker
    # evidence, which resolution may let yield), or a sentence. (Without one, see _undated_sentence.)
    if date:
        yield say("date", date, reported=reported if reported != date else None, basis=basis)
    for t in dict.fromkeys("other" if t in KINDS_OF_OTHER else t for t in types):
        yield say("type", t)
    for kind in KINDS_OF_OTHER.intersection(types):
        yield say("kind", kind)  # exported as "other"; resolution tells foundings and ceasefires apart
    summary_end = ctx.sentence_at(start)[1] if ctx.sentence_at(start)[1] > start else end
    yield say("summary", _SPACES.sub(" ", text[start : min(summary_end, end)]).strip(" -•*–")[:300])
    # Where the first sentence puts it: later ones tell what followed ("later captured in ...").
    where = (_place(ctx, text[start : min(summary_end, end)]) or _place(ctx, body, cities_only=True)) if place else None
    if where:
        country, city = where
        if country:
            yield say("country", country)
        if city:
            yield say("place", city)
    for prop, q in _casualties(body) if tolls else ():
        yield say(prop, _range(q), min=q.min, max=q.max)
    if ctx.subject:
        yield say("perpetrator", ctx.subject)
    # The groups and persons the event's own words name: a founding of one group is not
    # another's split, and two reports naming one person are likelier one incident.
    for participant in [*ctx.groups_named(start, end), *ctx.persons_named(start, end)]:
        yield say("participant", participant)
    for person in victims:  # whose death it tells (read by the persons extractor)
        yield say("victim", person)


def _own_date(body: str, header: str) -> str | None:
    """The date an entry states for itself in its first sentence ("Op 11 april 2007 ...")."""
    first = _own_words(re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0], asides=False)
    for d in find_dates(first):
        if d.precision == "year" or not lexicon.regex("time", "date_prepositions", _ENDING).search(first[: d.start]):
            continue  # "the attacks of May 2010" refer to another incident
        if lexicon.regex("time", "example_openers", _BEFORE_DATE).search(first[: d.start]):
            continue  # "..., including those in Mombasa in May 2010": an example's date
        iso = d.iso if d.has_year else with_year(d.iso, header)
        if iso:
            return iso
    return None


def _types(text: str, ctx: Context | None = None) -> list[str]:
    """The event types `text` names; with `ctx`, not in the names of the groups the
    document knows ("Liberation Falcons", "Front de libération" free no one)."""
    written = text
    text = _own_words(text if ctx is None else _without_group_names(ctx, text))
    # "the group, founded by X, released gas ...": an apposition without a date of its own
    # describes the group; it tells no founding.
    text = _described_group().sub(lambda m: m.group() if find_dates(m.group()) else " " * len(m.group()), text)
    found = []
    cues: dict[str, list[tuple[int, int]]] = {}
    for key, start, end in lexicon.keys_in("events", text, ctx.doc.lang if ctx else None):
        if not _in_a_name(text, start) and not _pending(text, start):
            cues.setdefault(key, []).append((start, end))
            if key not in found:
                found.append(key)
    for key in _TAKES_PEOPLE_OR_GROUND:
        # "captured the town of Gao", "seized Timbuktu": ground taken, no one kidnapped or arrested.
        if key in found and all(_ground_taken(text, start, end) for start, end in cues[key]):
            found[found.index(key)] = "military_operation"
            found = list(dict.fromkeys(found))
    if not found and lexicon.words_pattern("casualties", "killed").search(text):
        # A death with no other cue: a leader's when the text names a role ("the emir").
        found.append("leader_killed" if lexicon.words_pattern("roles").search(text) else "other")
    if "designation" in found and ctx is not None and _only_a_ban(text) and not _names_a_group(ctx, written):
        found.remove("designation")  # "kites and cinemas were banned": no group listed
    if "release" in found and _agent_released().search(text):
        found[found.index("release")] = "attack"  # "released sarin": an attack, no one freed
        found = list(dict.fromkeys(found))
    if "execution" not in found and _captive_killed().search(_without_intent(text)):
        found.append("execution")
    if "attack" in found and _SPECIFIC_ATTACKS & set(found):
        found.remove("attack")
    if "other" in found and len(found) > 1:
        found.remove("other")
    if "founding" in found and set(found) - FORMATION:
        found.remove("founding")  # a founding word beside an attack's: the attack (one formed by a merger stays both)
    return found


# The types whose words ("captured", "seized") also take a town or a base.
_TAKES_PEOPLE_OR_GROUND = ("kidnapping", "arrest", "hostage_taking")


def _ground_taken(text: str, start: int, end: int) -> bool:
    """Is the cue at text[start:end] a word of taking ("captured", "siege") with ground after
    it: a noun of a place ("the town of", "la base de") or a town named there and its clause
    going on ("seized Timbuktu on 1 April"; not "kidnapped Swiss nuns")?"""
    if not _takes_ground().fullmatch(text, start, end):
        return False
    m = _ground().match(text, end)
    if m is None:
        return False
    if m.group("noun"):
        return True
    rest = text[m.end() : m.end() + 60]
    town = next((c for c in find_cities(rest) if c.start == 0), None)
    return town is not None and bool(_after_ground().match(rest, town.end))


@lru_cache(maxsize=1)
def _takes_ground() -> re.Pattern[str]:
    return lexicon.words_pattern("actions", "takes_ground")


@lru_cache(maxsize=1)
def _after_ground() -> re.Pattern[str]:
    return lexicon.regex("actions", "after_ground", r"\s*(?:[,.;:()]|$)|\s+(?:{words})(?!\w)")


@lru_cache(maxsize=1)
def _ground() -> re.Pattern[str]:
    directions = lexicon.alternation("places", "directions")
    nouns = lexicon.alternation("places", "ground_nouns")
    return re.compile(
        rf"(?:\s+(?:to|of|on))?\s+(?:(?:the|a|an|de|het|een|la|le|les|l['’]|une?)\s*)?"
        rf"(?:(?:{directions})\w*\s+)?(?P<noun>(?:{nouns})(?!\w))?",
        re.IGNORECASE,
    )


def _only_a_ban(text: str) -> bool:
    """Is every designation word of `text` one that also bans things ("banned", "verboden")?"""
    bans = lexicon.words_pattern("actions", "bans")
    words = lexicon.words_pattern("events", "designation").finditer(text)
    return all(bans.fullmatch(m.group()) for m in words)


def _names_a_group(ctx: Context, text: str) -> bool:
    """Does `text` name a group: the profiled one, one the document knows, "the group", a
    group's noun ("Front", "Army") or an acronym?"""
    if ctx.about_subject(text) or any(name in text for name in ctx.groups if len(name) >= 3):
        return True
    if any(is_acronym(word) for word in text.split()):
        return True
    return bool(lexicon.words_pattern("organizations", "org_nouns").search(text))


def _pending(text: str, start: int) -> bool:
    """Does a word that tells a step still to come stand just before the cue at `start`
    ("awaiting their sentence", "in afwachting van hun vonnis")? Then it names no incident."""
    before = _pending_end().search(text, max(0, start - 60), start)
    return before is not None


@lru_cache(maxsize=1)
def _pending_end() -> re.Pattern[str]:
    """A pending word, then at most two words (an article, a possessive), up to the cue."""
    return lexicon.regex("time", "pending", r"(?<!\w)(?:{words})(?:\s+[\w'’]+){0,2}\s+$")


# Capitalised words, with the small words a name holds between them ("Faucons de Libération du Nord").
_CAPITALISED = re.compile(r"[A-ZÀ-Ý][\w'’-]*")
# The small words a name holds between its capitalised ones, before and after a word.
_LINKS = r"(?<!\w)(?:de|du|des|la|le|l['’]|d['’]|of|the|van|der|het)\s*"
_LINKS_BEFORE = re.compile(rf"(?:{_LINKS})*$", re.IGNORECASE)
_LINKS_AFTER = re.compile(rf"\s*(?:{_LINKS})*", re.IGNORECASE)


def _in_a_name(text: str, start: int) -> bool:
    """Is the cue at `start` a word of a proper name, capitalised beside another
    capitalised word inside a sentence ("les Faucons de Libération", "Liberation Falcons")?
    Not in a headline, whose words are all capitalised."""
    word = _CAPITALISED.match(text, start)
    if not word or not text[:start].strip() or text[:start].rstrip()[-1:] in ".!?:•—–-|":
        return False
    words = text.split()
    if sum(w[:1].isupper() for w in words) > len(words) * 0.6:
        return False  # a headline in title case
    before = text[max(0, start - 40) : start].rstrip()
    links = _LINKS_BEFORE.search(before)
    before = before[: links.start()] if links else before
    after = text[word.end() : word.end() + 40]
    links = _LINKS_AFTER.match(after)
    after = after[links.end() :] if links else after
    previous = before.split()[-1:]
    return bool((previous and _CAPITALISED.fullmatch(previous[0].strip(",;()"))) or _CAPITALISED.match(after))


@lru_cache(maxsize=1)
def _described_group() -> re.Pattern[str]:
    founding = lexicon.alternation("events", "founding")
    by = lexicon.alternation("actions", "agent_by")
    return re.compile(rf",\s*(?:{founding})\s+(?:{by})\s[^,;.()]*(?=,)", re.IGNORECASE)


def _acts(ctx: Context, text: str) -> bool:
    """Does `text` report a happening (a verb of actions.yaml in the document's language)?"""
    return bool(lexicon.words_pattern("actions", "took_place", ctx.doc.lang).search(_own_words(text)))


def _tells_happening(ctx: Context, clause: str) -> bool:
    """A dated clause that no word names as a happening still tells one when it reads as
    a sentence of its own (three words of prose or more, not a source's stamp such as
    "5 June 2020 | Reuters") and no verb of a state says it describes what was."""
    own = _own_words(clause)
    for rel in find_relative(own):  # "Un an plus tard," alone tells nothing
        own = own[: rel.start] + " " * (rel.end - rel.start) + own[rel.end :]
    words = [w for w in re.findall(r"(?<![\w'’-])[a-zà-ÿ][a-zà-ÿ'’-]{2,}", own) if not find_dates(w)]
    if len(words) < 2:
        return False
    if lexicon.words_pattern("actions", "states", ctx.doc.lang).search(own) and not _PASSIVE.search(own):
        return False
    return not lexicon.regex("actions", "bounds", _ENDING).search(own[: _first_date_at(own)])


# A verb of a state before a participle is a passive happening ("was overturned", "werd
# ... gearresteerd", "a été condamné"), not a state.
_PASSIVE = re.compile(
    r"\b(?:is|was|are|were|been)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b"
    r"|\b(?:is|was|werd|werden|zijn|waren)\b[^.,;]{0,40}?\bge\w+(?:d|t|en)\b"
    r"|\b(?:a|ont|avait|avaient)\s+été\s+\w+|\b(?:est|sont|fut|furent)\s+\w+(?:é|ée|és|ées)\b",
    re.IGNORECASE,
)


def _first_date_at(text: str) -> int:
    dates = find_dates(text)
    return dates[0].start if dates else len(text)


@lru_cache(maxsize=16384)  # pure, and asked about the same sentence by several checks
def _own_words(text: str, asides: bool = True) -> str:
    """The text without what names other happenings: causes ("in retaliation for the
    intervention", "wegens aanslagen in Mombasa") to the end of their clause and, with
    `asides`, asides in parentheses ("(in which the group claims the kidnapping)").
    Blanked, so that offsets stay."""
    if asides:
        outside = _ANY_ASIDE.sub(lambda m: " " * len(m.group()), text)
        # An aside that holds the only date is what the text dates ("(founded 1994)").
        if outside != text and not (not find_dates(outside) and find_dates(text)):
            text = outside
    return without_held_areas(cause_clause().sub(lambda m: " " * len(m.group()), text))


@lru_cache(maxsize=1)
def _flight() -> re.Pattern[str]:
    """A flight word to the end of its clause."""
    return lexicon.regex("actions", "fled", r"(?<!\w)(?:{words})(?!\w)[^,;.]*")


@lru_cache(maxsize=1)
def _agent_released() -> re.Pattern[str]:
    """A release word a few words before or after a gas or poison ("released sarin", "gifgas vrijgelaten")."""
    release = lexicon.alternation("events", "release")
    agents = lexicon.alternation("actions", "released_agents")
    gap = r"(?:\s+[^\s,;.]+){0,3}?\s+"
    return re.compile(
        rf"(?<!\w)(?:{release}){gap}(?:{agents})(?!\w)|(?<!\w)(?:{agents}){gap}(?:{release})(?!\w)", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def _captive_killed() -> re.Pattern[str]:
    """A killing word a few words before a captive ("killed one Italian hostage"), or a
    captive a few words before one, in one clause ("the hostage was later killed")."""
    killed = lexicon.alternation("casualties", "killed")
    captive = lexicon.alternation("casualties", "captives")
    gap = r"(?:\s+[^\s,;.]+){0,3}\s+"
    return re.compile(
        rf"(?<!\w)(?:{killed}){gap}(?:{captive})(?!\w)|(?<!\w)(?:{captive}){gap}(?:{killed})(?!\w)", re.IGNORECASE
    )


def _place(ctx: Context, text: str, cities_only: bool = False) -> tuple[str, str] | None:
    """(country, city) where the text puts the incident.

    A place after "in", "near", "à" ... comes first, then a city in a country the
    text names, then the first place. A demonym counts only before a place noun
    ("the Malian city of ..."): "French troops" says nothing about where.
    """
    lang = ctx.doc.lang
    text = _own_words(text, asides=False)  # "(Algerije)" says where; a ground does not
    text = _without_group_names(ctx, text)  # "al-Sahil in Mali" says nothing of where
    text = _flight().sub(lambda m: " " * len(m.group()), text)  # "its leaders fled to Pakistan": went there
    text = _without_time_anchors(text)  # "a year before the attack in Tokyo": that one was there
    text, asides = _without_other_acts(text, lang)  # "X, who planned attacks on Y": those were aimed there
    large = {(c.start, c.name) for c in find_cities(text, min_population=LARGE_CITY, common_words=ctx.common_words)}
    cities = [
        c
        for c in find_cities(text, common_words=ctx.common_words)
        if c.code in ctx.countries_named or (c.start, c.name) in large
    ]
    countries = [
        c
        for c in find_countries(text)
        if (c.kind == "country" or lexicon.regex("places", "place_nouns", r"\s+(?:{words})\b").match(text, c.end))
        and _says_where(text, c, lang)
    ]
    cities = [c for c in cities if not _NAME_ACRONYM.match(text, c.end)]
    named = {c.code for c in countries}
    candidates = [*cities, *([] if cities_only else countries)]
    if not candidates:
        return None
    # A place in a clause about someone named before ("supporters, several of whom planned
    # attacks in X, were arrested in Y") is where the sentence's incident was only when none
    # outside such a clause is.
    best = min(
        candidates,
        key=lambda c: (
            not _after_locative(text, c.start, lang),
            any(a <= c.start < b for a, b in asides),
            not (c.kind == "city" and c.code in named),
            c.start,
        ),
    )
    if best.kind == "city":
        return best.code, best.name
    city = next((c for c in cities if c.code == best.code), None)
    return best.code, city.name if city else ""


def _without_other_acts(text: str, lang: str | None) -> tuple[str, list[tuple[int, int]]]:
    """The text without clauses about someone or something named before that tell an act of
    another time ("since the 2019 arrest of X, who planned the 2011 bombings in Y"), blanked
    so that offsets stay, and the spans of the clauses left. A clause of no date of its own
    ("the gunmen who attacked a hotel in Z") tells the sentence's own incident, and stays."""
    kept: list[tuple[int, int]] = []
    for m in _other_clause(lang).finditer(text):
        clause = m.group("clause")
        if find_dates(clause) and find_dates(text[: m.start("clause")] + text[m.end("clause") :]):
            text = text[: m.start("clause")] + " " * len(clause) + text[m.end("clause") :]
        else:
            kept.append((m.start("clause"), m.end("clause")))
    return text, kept


@lru_cache(maxsize=8)
def _other_clause(lang: str | None) -> re.Pattern[str]:
    """A clause about someone or something named before: "who ...", ", die ...", "dont ..."."""
    words = lexicon.alternation("places", "other_clauses", lang)
    after_comma = lexicon.alternation("places", "other_clauses_after_comma", lang)
    # To the clause's comma or end ("U.S. and" goes on: a full stop before a lower-case word ends nothing).
    rest = r"\s(?:[^,;.]|\.(?!\s+(?-i:[A-Z])|\s*$))*"
    return re.compile(rf"(?:,\s*|\s(?!(?:{after_comma})\s))(?P<clause>(?:{words}|{after_comma}){rest})", re.IGNORECASE)


def _without_time_anchors(text: str) -> str:
    """The text without the happening a counted time is told from ("a year before the
    attack in X", "deux ans après la prise de Y"): its article, noun and the place
    that noun has, blanked, so that offsets stay."""
    for rel in find_relative(text):
        if _anchored().search(text, rel.start, rel.end):
            anchor = _time_anchor().match(text, rel.end)
            if anchor:
                text = text[: rel.start] + " " * (anchor.end() - rel.start) + text[anchor.end() :]
    return text


@lru_cache(maxsize=1)
def _anchored() -> re.Pattern[str]:
    """A counted time's last word that a happening follows ("a year before", "deux ans après")."""
    return lexicon.regex("relative", "anchored", r"(?<!\w)(?:{words})$")


@lru_cache(maxsize=1)
def _time_anchor() -> re.Pattern[str]:
    """After "a year before": an article, a noun, and a place it has ("the attack in Tokyo")."""
    places = r"\s+(?:in|at|near|on|of|op|bij|van|à|de|du|près\s+de)\s+(?-i:[A-ZÀ-Ý][\w-]*(?:\s+[A-ZÀ-Ý][\w-]*)*)"
    return lexicon.regex(
        "relative", "anchor_articles", rf"\s+(?:(?:{{words}})(?<=['’])|(?:{{words}})\s)\s*[\w-]+(?:{places})?"
    )


# A town abroad that the document names no country of is meant only when it is a large one
# ("Bali" is also a small town in India).
LARGE_CITY = 1_000_000


# "al-Sahil in Mali (ASM)": a place followed by an acronym ends a group's name.
_NAME_ACRONYM = re.compile(r"\s*\(\s*(?=[A-Za-z-]*[A-Z][A-Za-z-]*[A-Z])[A-Za-z-]{2,9}\s*\)")


def _says_where(text: str, place: PlaceMatch, lang: str | None = None) -> bool:
    """Does a country's name tell where the incident was: after a locative ("in Mali",
    "à Paris") or a target ("against Israel"), or before a place noun ("the Malian town
    of")? Not as an actor ("backed by Turkey", "US forces"), nor ending a group's name."""
    before = text[max(0, place.start - 24) : place.start]
    if lexicon.regex("places", "agents", _ENDING).search(before) or _NAME_ACRONYM.match(text, place.end):
        return False
    if (
        place.code == "ZZ"
        or re.match(r"\s+[A-Za-z]", text[place.end : place.end + 2])
        and text[place.start : place.end].isupper()
    ):
        return False  # "US air strike", "the US Airbase in Aviano": a code used as an adjective
    return (
        _after_locative(text, place.start, lang)
        or _after_a_located_place(text, place.start, lang)
        or bool(lexicon.regex("places", "targets", _ENDING).search(before))
        or place.kind == "demonym"
    )


# A place's name (up to four capitalised words) and a comma: "Bielefeld, " of "in Bielefeld, Germany".
_PLACE_AND_COMMA = re.compile(r"[A-ZÀ-Ý][\w'’.-]*(?:\s+[A-ZÀ-Ý][\w'’.-]*){0,3},\s*$")


def _after_a_located_place(text: str, start: int, lang: str | None = None) -> bool:
    """Does the country at `start` say where a place after a locative lies ("in Bielefeld,
    Germany", "à Kidal, Mali")? Then it says where, as the place would."""
    place = _PLACE_AND_COMMA.search(text, max(0, start - 60), start)
    return place is not None and _after_locative(text, place.start(), lang)


def _without_group_names(ctx: Context, text: str) -> str:
    """`text` with the names of the groups the document knows blanked (offsets kept)."""
    names = [n for n in [*ctx.subject_names, *ctx.groups] if len(n) >= 4 and " " in n]
    for name in sorted(names, key=len, reverse=True):
        if name in text:
            text = text.replace(name, " " * len(name))
    return text


def _after_locative(text: str, start: int, lang: str | None = None) -> bool:
    """Does a locative of the text's language end the text before `start` ("in", "à")?
    ("Mosoel en Tikrit": Dutch "en" is "and", not the French "en".)"""
    return bool(lexicon.regex("places", "locative", _ENDING, lang).search(text[max(0, start - 24) : start]))


def _casualties(text: str) -> Iterator[tuple[str, Quantity]]:
    """(killed|wounded|hostages, number): each number counts what the nearest cue word
    says ("took more than 100 hostage, killing 19": 100 hostages, 19 killed)."""
    taken: set[str] = set()
    dates = [(d.start, d.end) for d in find_dates(text)]
    counts = _summed(text, find_quantities(text))
    text = _without_intent(text)  # "threatened to kill four hostages": none dead
    for q in counts:
        if q.min is not None and 1800 <= q.min <= 2100 and q.max == q.min:
            continue  # a year
        if any(s < q.end and q.start < e for s, e in dates):
            continue  # the day of a date ("seized on 22 January 2009 and held")
        if lexicon.regex("casualties", "not_people", r"\s*(?:\w+\s+)?(?:{words})(?!\w)").match(text, q.end):
            continue  # "18 (different) nationalities", "200 km"
        if _counts_incidents().match(text, q.end) and not _casualty_cue_next().match(text, q.end):
            continue  # "two suicide bombings": incidents, not people ("20 doden vielen" are people)
        after = text[q.end : q.end + 90]
        before = text[max(0, q.start - 30) : q.start]
        best: tuple[int, str] | None = None
        for prop in ("killed", "wounded", "hostages"):
            if prop in taken:
                continue
            pattern = lexicon.words_pattern("casualties", prop)
            near_before = pattern.search(before)
            if near_before and _OF_BEFORE_COUNT.sub("", before.rstrip()).endswith(near_before.group(0)):
                distance = 0  # "killing 19", "the killing of 13 soldiers"
            else:
                near_after = pattern.search(after)
                # A parenthesis between number and cue is an aside: "Two men (A and B) were kidnapped".
                between = re.sub(r"\([^()]*\)", " ", after[: near_after.start()]) if near_after else ""
                distance = len(between.split()) if near_after else 99
                if near_after and any(
                    other.start > q.end for other in counts if other.start < q.end + near_after.start()
                ):
                    distance = 99  # "rescued 17, however one was killed": the cue is the nearer count's
            if distance <= (1 if _an_article(text, q) else 4) and (best is None or distance < best[0]):
                best = (distance, prop)
        for prop in () if _an_article(text, q) else ("killed", "hostages"):
            if best is None and prop not in taken and _verb_before(prop).search(text, max(0, q.start - 80), q.start):
                best = (0, prop)  # "Zaterdag doodden strijders van het front twaalf dorpelingen"
        if best:
            taken.add(best[1])
            yield best[1], q


_STEP_WORDS = re.compile(r"[^\W\d]+")


@lru_cache(maxsize=2)
def _verb_before(prop: str) -> re.Pattern[str]:
    """A finite verb of killing (or kidnapping) that its subject may follow ("doodden
    strijders van het front"), then at most six words of its clause, ending the text: the
    count is of its dead (or captives)."""
    return lexicon.regex("casualties", f"{prop}_verbs", r"(?<!\w)(?:{words})(?:\s+[^\s,;.:()\d]+){0,6}\s+$")


# "kill" after a word of intent or ability tells no death (the words of casualties hold "kill"
# for the present of headlines: "Seven car bombs kill six").
_INTENT_TO_KILL = re.compile(r"\b(?:to|will|would|could|may|might|shall|can)\s+kill\b", re.IGNORECASE)


def _without_intent(text: str) -> str:
    """The text with "to kill", "will kill" ... blanked, so that offsets stay."""
    return _INTENT_TO_KILL.sub(lambda m: " " * len(m.group()), text)


# "of" between a word of casualties and its count: "the killing of 13", "la mort de 3".
_OF_BEFORE_COUNT = re.compile(r"\s+(?:of|van|de|d['’])$", re.IGNORECASE)


def _an_article(text: str, q: Quantity) -> bool:
    """Is the count the word that is also an indefinite article ("een", "un")? Then it counts
    only the word right after it ("een dode", "un mort"), not "een hotel aan, waarbij 20 doden"."""
    return q.min == 1 and bool(lexicon.words_pattern("persons", "indefinite").fullmatch(text, q.start, q.end))


# Between the counts of one list: a few words and a comma or "and" ("Five attackers, six
# police officers and one civilian killed").
_LIST_STEP = re.compile(r"\s+(?:[^\W\d]+\s+){0,2}?[^\W\d]+\s*(?:,\s*(?:and\s+|en\s+|et\s+)?|\s+(?:and|en|et)\s+)$")


@lru_cache(maxsize=1)
def _casualty_cue() -> re.Pattern[str]:
    return re.compile(
        "|".join(lexicon.words_pattern("casualties", k).pattern for k in ("killed", "wounded", "hostages")),
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _casualty_cue_next() -> re.Pattern[str]:
    """A casualty cue right after a count, past its space ("20 doden")."""
    return re.compile(rf"\s*(?:{_casualty_cue().pattern})", re.IGNORECASE)


def _summed(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """The quantities of `text`, where a list of exact counts stands before one cue as
    their sum (ending where the list's last count ends, where the cue looks)."""
    out: list[Quantity] = []
    run: list[Quantity] = []

    def close() -> None:
        if len(run) > 1:
            total = sum(x.min or 0 for x in run)
            out.append(Quantity(run[-1].start, run[-1].end, total, total))
        else:
            out.extend(run)
        run.clear()

    for q in quantities:
        exact = q.min is not None and q.min == q.max and not 1800 <= q.min <= 2100
        step = text[run[-1].end : q.start] if run else ""
        # "un soldat et deux civils" is a list; "een markt in Kaboel, 20 doden" is an article and a count.
        loose = bool(run) and _an_article(text, run[-1]) and len(_STEP_WORDS.findall(step)) > 2
        if exact and run and _LIST_STEP.match(step) and not _casualty_cue().search(step) and not loose:
            run.append(q)
            continue
        close()
        if exact:
            run.append(q)
        else:
            out.append(q)
    close()
    return sorted(out, key=lambda x: x.start)


@lru_cache(maxsize=1)
def _counts_incidents() -> re.Pattern[str]:
    """A number right before a word of an attack ("two car bombs", "twee zelfmoordaanslagen")."""
    words = "|".join(lexicon.alternation("events", k) for k in ("bombing", "suicide_attack", "attack", "armed_assault"))
    return re.compile(rf"\s+(?:[^\W\d]+\s+)?(?:{words})", re.IGNORECASE)


def _range(q: Quantity) -> str:
    lo = "" if q.min is None else str(q.min)
    hi = "" if q.max is None else str(q.max)
    return lo if lo == hi else f"{lo}-{hi}"


def _first_sentences(ctx: Context, block: Block, limit: int) -> tuple[int, int]:
    end = block.start
    for _s, e in ctx.sentences_of(block):
        if e > limit or (e - block.start > MAX_QUOTE and end > block.start):
            break
        end = e
    return block.start, max(end, min(limit, block.start + MAX_QUOTE))
