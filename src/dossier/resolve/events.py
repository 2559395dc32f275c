"""Events: one incident reported by several documents becomes one event.

Two event mentions from different documents are the same incident when their
dates agree at the precision both give, their countries and places do not
contradict each other, their types belong together, and their death tolls
overlap. Such a pair is *strong* when the agreement is specific (the same day,
or the same month and city, or the same month, kind and toll) and *weak*
otherwise:

- the same period with a shared specific type: a month holds many bombings, and
  "in 2003" beside "February 2003" or one side without a country says less;
- two organisational events (founding, split, merger, renaming) of the same
  period that name no disjoint groups;
- two days at most a week apart with a shared specific type, or a related one and a
  person both name (sources date an execution by its announcement, a raid by its
  end, a commander's death by the operation that killed him);
- a date read from a month header over a list (lists of activities are often
  scraped with their own dates lost), beside another document's incident at the
  same city, or in the same country with the same toll or a person both name.

A weak pair joins only when it is unambiguous: neither side has a rival, a
candidate that scores as well and cannot be the same incident as the other
side (on a year, one that shares the pair's specific types; on a list header,
any). So "in 2003 the group kidnapped tourists" joins the one kidnapping another
source dates February 2003, and joins neither when the sources report two. Dates
that differ are kept: the event shows the most precise one and the others as
alternatives.

Last, what happens once: a group is founded once and a person dies once. A report
of a named group's founding or a named person's death that gives no date, or only
a list header's, joins the one incident dated reports give of it, and is not shown
when there is none or more than one.

One document may tell an incident twice (in its prose and in its timeline):
such repeats are joined first, and count as one candidate.

Candidates are compared only within blocks: the same day, month, year (for a
year-only date) or city, each by kind of incident and then by country, and for
a header's date the same city or country and toll. A day within a week of a
month's end is in both months' blocks. A mention without a country, or with only
a year, is left alone in a crowded block (many reports, or for one without a country,
many countries' reports): it could be any incident there. So the
cost grows with the number of mentions, not its square. Joining is greedy,
strong pairs first and best first, and a join must leave every pair in the new
cluster compatible: a month-only mention can join one of two incidents on
different days of that month, never both.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence, Set
from functools import lru_cache
from itertools import chain, combinations, islice
from operator import itemgetter
from typing import NamedTuple, Protocol

from dossier.model import FORMATION, KINDS_OF_OTHER, Schema, schema_of
from dossier.resolve.names import articles, raw_words, translit
from dossier.text import lexicon
from dossier.text.clauses import cause_clause, without_held_areas
from dossier.text.dates import date_span, month_numbers, weekday_numbers
from dossier.text.places import country_code

# Types that describe the same kind of happening; a pair of mentions must share
# a type or a family. "founding" is an "other" the extractor knows is one;
# "statement" fits anything claimed.
TYPE_FAMILIES = {
    "violence": {
        "attack",
        "bombing",
        "suicide_attack",
        "armed_assault",
        "ambush",
        "assassination",
        "execution",
        "hostage_taking",
        "kidnapping",
    },
    "state_action": {"military_operation", "arrest", "conviction", "rescue", "leader_killed"},
    "captivity": {"kidnapping", "hostage_taking", "release", "rescue", "execution"},
    "organisation": {"split", "merger", "renaming", "founding", "allegiance", "leadership_change", "leader_killed"},
}
# Acts whose reports other sources type: a group that proclaims a state under a name
# renames itself (or is founded); one that joins another pledges allegiance or merges;
# one that breaks with another splits from it.
ACT_TYPES = {
    "proclamation": frozenset({"renaming", "founding"}),
    "joining": frozenset({"allegiance", "merger"}),
    "break_with": frozenset({"split"}),
}
# Years apart that two sources may date one group's founding.
FOUNDING_YEARS_APART = 3
# Types too vague to join on by themselves.
VAGUE_TYPES = frozenset({"other", "attack", "statement"})
# Lengths of ISO dates at each precision.
DAY, MONTH, YEAR = 10, 7, 4
# Days apart that two day-precise reports of one incident may be.
NEAR_DAYS = 7
# Days apart that two reports of a city's capture may date it (sources disagree by a season).
TAKEN_DAYS = 92
# A year-only mention, or one without a country, with more candidates than this
# in its block is left alone: it could be any of them (and would need to be the
# sole one to join), and comparing it with every one would make the cost grow
# with the square of a period's reports.
MAX_CANDIDATES = 64
# A mention without a country, in a block of reports from more countries than this, is
# left alone too: it could have happened in any of them, and the pairs it would add grow
# with the number of countries a corpus covers.
MAX_COUNTRIES = 8
# A name (a hotel, a parliament, a city, a nerve agent) that so few reports use is
# evidence that two of them, in one period, tell one incident.
RARE_NAME_REPORTS = 6


class Clusters(Protocol):
    members: dict[str, set[str]]

    def find(self, key: str) -> str: ...

    def union(self, a: str, b: str, reason: str, score: float = 1.0) -> bool: ...


class EventMention(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def props(self) -> Mapping[str, set[str]]: ...


class Judgement(NamedTuple):
    score: float
    reason: str
    strong: bool
    # A weak pair on a year or a list header joins only with no rival candidate at
    # all; one on a month or day, with no rival that scores as well.
    sole: bool = False


def join_events(
    mentions: Iterable[EventMention],
    clusters: Clusters,
    group_names: Iterable[tuple[str, str]] = (),
    person_names: Iterable[str] = (),
) -> None:
    """Union the event mentions that report one incident, strong and best pairs first.

    `group_names` are (name, organisation mention key) of every group found:
    an event whose words name a group is about that group's history. The words of
    `person_names` name persons, whom resolution compares as persons, not as names.
    """
    index = _NameIndex((name, clusters.find(key)) for name, key in group_names)
    every = [_Event.of(m, clusters.find, index) for m in mentions]
    events = [e for e in every if e.date]
    _keep_rare_names(events, person_names)
    by_key = {e.key: e for e in events}
    _join_repeats(events, clusters)
    for number, e in enumerate(events):
        e.number = number
    judged: list[tuple[Judgement, _Event, _Event]] = []
    # Per report, by number: the reports judged beside it and whether the two can be one
    # incident. Asked of the candidates here, and again and again of a candidate's rivals
    # below. Whether `judge` finds a pair one incident does not depend on the order of the
    # two, so one answer serves both orders.
    met: list[dict[int, bool]] = [{} for _ in events]
    for a, same_country, countryless in _candidates(events):
        first, doc, mine = a.number, a.doc, met[a.number]
        for others in (same_country, countryless):
            for b in others:
                second = b.number
                if second in mine or b.doc == doc:
                    continue  # judged already; or itself, or a report of its own document
                judgement = judge(a, b)
                mine[second] = met[second][first] = judgement is not None
                if judgement:
                    judged.append((judgement, a, b))
    # A weak pair joins only when neither side has a rival: another candidate
    # that cannot be the same incident as the partner and scores as well (for a
    # pair on a year or a header: any such candidate). A document's repeats of
    # one incident, joined above, are one candidate.
    # Per report, by number: its candidates, the best first (a rival must score as well as
    # the pair), and the negatives of their scores, to find where that ends.
    candidates: list[list[tuple[float, _Event]]] = [[] for _ in events]
    for j, a, b in judged:
        candidates[a.number].append((-j.score, b))
        candidates[b.number].append((-j.score, a))
    for pool in candidates:
        pool.sort(key=itemgetter(0))
    least = [[negative for negative, _c in pool] for pool in candidates]

    def compatible(x: _Event, y: _Event) -> bool:
        """Whether two reports may be in one cluster: asked of every pair of two clusters
        that would join, and of each candidate's rivals."""
        answer = met[x.number].get(y.number)
        if answer is None:
            answer = met[x.number][y.number] = met[y.number][x.number] = judge(x, y) is not None
        return answer or _no_objection(x, y)

    # The clusters as the repeats left them (nothing joins until every pair is weighed).
    roots = [clusters.find(e.key) for e in events]

    def unrivalled(x: _Event, y: _Event, j: Judgement) -> bool:
        """No candidate of `x` but `y` that scores as well (on a year or a header: or that
        fits `x` as well as `y` does) and cannot be the same incident as `y`."""
        pool = candidates[x.number]
        better = bisect_right(least[x.number], -j.score)  # those that score as well
        rivals: Iterable[tuple[float, _Event]] = islice(pool, better)
        if j.sole:
            rivals = chain(rivals, (p for p in islice(pool, better, None) if _as_like(x, p[1], y)))
        root, doc = roots[y.number], y.doc
        for _score, c in rivals:
            if c is not y and roots[c.number] != root and (c.doc == doc or not compatible(y, c)):
                return False
        return True

    accepted = [(j, a, b) for j, a, b in judged if j.strong or (unrivalled(a, b, j) and unrivalled(b, a, j))]

    accepted.sort(key=lambda p: (not p[0].strong, -p[0].score, p[1].key, p[2].key))
    for j, a, b in accepted:
        left, right = clusters.members[clusters.find(a.key)], clusters.members[clusters.find(b.key)]
        if left is right:
            continue
        xs, ys = [by_key[k] for k in left if k in by_key], [by_key[k] for k in right if k in by_key]
        if {x.doc for x in xs} & {y.doc for y in ys}:
            continue  # a document's own repeats were joined already; two of its reports are two incidents
        if all(compatible(x, y) for x in xs for y in ys):
            clusters.union(a.key, b.key, j.reason, j.score)
    _join_foundings(events, clusters)
    _join_one_of_a_kind(every, clusters)


def _no_objection(x: _Event, y: _Event) -> bool:
    """A header's month, or one group's year, that agrees with a report of a like kind: no
    evidence that the two are one incident, but no objection either (the pair that joins
    gives the evidence)."""
    if not (_same_period(x, y) and _consistent(x, y)) or _other_histories(x, y):
        return False
    one_group = bool(x.perpetrators & y.perpetrators)
    return bool((x.header or y.header) and _related(x, y) or one_group and _kin(x, y))


def _as_like(x: _Event, c: _Event, y: _Event) -> bool:
    """`c` fits `x` as well as `y` does: on a header's date, any candidate; on a shared
    period, one with every specific type that `x` and `y` share, and of a kind as near
    (a designation is no rival to an attack's report)."""
    if not _same_period(x, y):
        return True
    pair, other = _kinds(x.typing, y.typing), _kinds(x.typing, c.typing)
    return pair.specific <= other.specific and (not pair.kin or other.kin)


def _join_foundings(events: list[_Event], clusters: Clusters) -> None:
    """A group is founded once: where documents each tell one founding of a group (its
    own, naming no other group) a few years apart, the sources date one founding
    differently ("formed in 1969" / "in 1970" / "in November 1970"). The documents
    whose years lie closest together join; a document is left out where it may tell
    another beginning: two foundings years apart (founded in 1996, formed anew in
    1998), or a split, merger or renaming in those years, not in its founding's."""
    by_group: dict[str, list[_Event]] = defaultdict(list)
    # Foundings that name other groups too ("formed after a split within X"): they join
    # the window that the group's own foundings give, and make none.
    naming_others: dict[str, list[_Event]] = defaultdict(list)
    other_origins: dict[tuple[str, str], set[int]] = defaultdict(set)  # (group, document): years
    for e in events:
        if e.header or len(e.perpetrators) != 1:
            continue
        group = next(iter(e.perpetrators))
        if "founding" in e.types and e.groups <= e.perpetrators:
            by_group[group].append(e)
        elif e.types & FORMATION:
            other_origins[(group, e.doc)].add(int(e.date[:YEAR]))
            if "founding" in e.types:
                naming_others[group].append(e)
    for group, found in sorted(by_group.items()):
        years_by_doc: dict[str, set[int]] = defaultdict(set)
        for e in found:
            years_by_doc[e.doc].add(int(e.date[:YEAR]))
        every_year = {y for years in years_by_doc.values() for y in years}
        plain = {
            doc: years
            for doc, years in years_by_doc.items()
            if not any(  # another beginning, in a year others date a founding
                abs(y - f) <= 1 and y not in years for y in other_origins.get((group, doc), ()) for f in every_year
            )
        }
        single = {doc: min(years) for doc, years in plain.items() if max(years) - min(years) <= 1}
        # The window of years that holds the most documents (the earliest of equals) ...
        best: tuple[int, list[str]] = (0, [])
        for low in sorted(set(single.values())):
            inside = [doc for doc, year in single.items() if low <= year <= low + FOUNDING_YEARS_APART]
            if len(inside) > len(best[1]):
                best = (low, inside)
        low, docs = best
        window = range(low, low + FOUNDING_YEARS_APART + 1)
        # ... and of a document telling two foundings, the one in that window (when only one is).
        docs += [
            doc for doc, years in plain.items() if doc not in single and len({y for y in years if y in window}) == 1
        ]
        chosen = [e for e in found if e.doc in docs and int(e.date[:YEAR]) in window]
        if docs:
            naming = [e for e in naming_others[group] if e.doc not in years_by_doc and int(e.date[:YEAR]) in window]
            by_doc = {e.doc: e for e in naming}
            if len(by_doc) == len(naming):  # one such founding in each document
                chosen += naming
                docs += list(by_doc)
        if len(docs) < 2:
            continue
        # No country is compared: sources that place the founding in two countries still tell one.
        first = chosen[0]
        for e in chosen[1:]:
            clusters.union(first.key, e.key, f"the one founding of the group: {first.date} / {e.date}", 0.5)


def _join_one_of_a_kind(events: list[_Event], clusters: Clusters) -> None:
    """A group is founded once and a person dies once. A report of such a happening
    that gives no date, or only a list header's, joins the one incident that other
    reports date of it: the same kind of formation of a group it names (of the same
    groups, for a split or merger), or the death of the same persons. With two dated
    incidents it could be (a death reported twice, months apart) it joins neither."""
    by_key = {e.key: e for e in events}
    dated: dict[tuple[str, frozenset[str]], set[str]] = defaultdict(set)
    for e in events:
        if e.date and not e.header:
            for anchor in (*_anchors(e), *_named_attack(e)):
                dated[anchor].add(clusters.find(e.key))
    for e in events:
        if e.date and not e.header:
            continue
        anchors = [a for a in _anchors(e) if a in dated]
        roots = {root for a in anchors for root in dated[a]}
        if not roots:
            # "a gas attack on Matsumoto": the one dated attack of that rare name, not one
            # the page itself dates (that is another incident the page compares it with)
            anchors = [a for a in _named_attack(e) if a in dated]
            roots = {
                root
                for a in anchors
                for root in dated[a]
                if not any(by_key[k].doc == e.doc for k in clusters.members[clusters.find(root)] if k in by_key)
            }
        if len(roots) != 1:
            continue
        root = roots.pop()
        members = [by_key[k] for k in clusters.members[clusters.find(root)] if k in by_key]
        if any(not _consistent(e, m) or (m.doc == e.doc and m.entry and e.entry) for m in members):
            continue
        kind = anchors[0][0]
        reason = {
            "death": "the death of the same person",
            "attack": f"the one attack named {', '.join(sorted(anchors[0][1]))}",
        }.get(kind, f"the one {kind} of a group it names")
        basis = "dated only by a list header" if e.date else "undated"
        clusters.union(e.key, root, f"{basis}: {reason}", 0.5)


def _named_attack(e: _Event) -> list[tuple[str, frozenset[str]]]:
    """("attack", a name) for each rare name of an attack's report (dated reports keep only
    their rare names, `_keep_rare_names`: an undated one meets them there)."""
    if "violence" not in e.families and "chemical" not in e.acts:
        return []
    return [("attack", frozenset({name})) for name in sorted(e.names)]


def _anchors(e: _Event) -> list[tuple[str, frozenset[str]]]:
    """What makes an incident one of a kind: (founding or renaming, a group named),
    (split or merger, the groups named: two at least) or ("death", its victims)."""
    out = [(t, frozenset({g})) for t in sorted(e.types & {"founding", "renaming"}) for g in sorted(e.groups)]
    if len(e.groups) >= 2:
        out += [(t, frozenset(e.groups)) for t in sorted(e.types & {"split", "merger"})]
    return out + ([("death", frozenset(e.victims))] if e.victims else [])


def _join_repeats(events: list[_Event], clusters: Clusters) -> None:
    """One document telling one incident twice (in its prose and in its timeline):
    dates that agree, a shared specific type (or the same founding date), nothing
    contradicting, and not two entries of one list, which are two incidents."""
    by_doc_year: dict[tuple[str, str], list[_Event]] = defaultdict(list)
    for e in events:
        by_doc_year[(e.doc, e.date[:YEAR])].append(e)
    for block in by_doc_year.values():
        # How many of a document's mentions of one year share each specific type: a year-only
        # mention is a repeat of a dated one only when that one is the year's only other such.
        per_type: dict[str, int] = defaultdict(int)
        for e in block:
            for t in e.types - VAGUE_TYPES:
                per_type[t] += 1
        for a, b in combinations(block, 2):
            if (a.entry and b.entry) or a.relative or b.relative:
                continue  # two entries of a list, or "a month later": two incidents
            shared = min(len(a.date), len(b.date))
            if a.date[:shared] != b.date[:shared] or not _consistent(a, b):
                continue
            specific = _specific(a, b)
            formation = bool(a.types & FORMATION and b.types & FORMATION)
            other_persons = _other_persons(a, b)
            death = a.date == b.date and bool(a.victims & b.victims)
            # One day's violence that a news page tells in its lead and again below ("today's
            # embassy bombing" / "today, an attack on the embassy"), in words of one family.
            same_day = len(a.date) == DAY and a.date == b.date and not (a.entry or b.entry)
            violence = same_day and "violence" in a.families & b.families and not other_persons
            sole_of_year = shared == YEAR and any(per_type[t] == 2 for t in specific) and not other_persons
            if (
                (specific and (shared >= MONTH or sole_of_year))
                or (formation and not _other_groups(a, b))
                or death
                or violence
            ):
                what = ",".join(sorted(specific)) or "founding"
                clusters.union(a.key, b.key, f"told twice in one document: {a.date[:shared]} {what}", 1.0)


def _other_persons(a: _Event, b: _Event) -> bool:
    """Both name persons, and none in common."""
    return bool(a.persons and b.persons and not a.persons & b.persons)


# A mention and two lists of the mentions it meets (`_meetings`): a list of pairs per mention,
# not a generator per pair, for there are millions of pairs.
_Meeting = tuple["_Event", Sequence["_Event"], Sequence["_Event"]]


def _candidates(events: list[_Event]) -> Iterator[_Meeting]:
    """Pairs worth judging, block by block: by period and kind of incident, then by country.
    Each comes as a mention and two lists of those it meets (among which it may be itself)."""
    blocks: dict[tuple[str, ...], list[_Event]] = defaultdict(list)
    for e in events:
        for kind in e.kinds:
            blocks[("month", e.date[:MONTH] if len(e.date) >= MONTH else e.date[:YEAR], kind)].append(e)
            if e.day:
                # A day near a month's end meets the neighbouring month too ("May 2009" / "3 June 2009").
                for near in {_month_of(e.day - NEAR_DAYS), _month_of(e.day + NEAR_DAYS)} - {e.date[:MONTH]}:
                    blocks[("month", near, kind)].append(e)
            blocks[("year", e.date[:YEAR], kind)].append(e)
            if e.day:
                blocks[("day", e.date, kind)].append(e)
            if e.place:
                blocks[("city", e.place, e.date[:YEAR], kind)].append(e)
        for person in e.persons | e.victims:  # "X assassinated" / "qui est abattu" (X the victim)
            blocks[("person", person)].append(e)
        # A happening no word typed may be any kind of incident: it meets every mention of
        # its day, and of its month while they are few.
        if e.day:
            blocks[("untyped day", e.date)].append(e)
        if len(e.date) >= MONTH:
            blocks[("untyped month", e.date[:MONTH])].append(e)

        if e.header:
            if e.place:
                blocks[("place", e.place)].append(e)
            if e.country and e.killed:
                blocks[("toll", e.country, str(e.killed[0]))].append(e)
    # A header-dated mention meets the others of its city or its country and toll.
    for e in events:
        if not e.header:
            if e.place and ("place", e.place) in blocks:
                blocks[("place", e.place)].append(e)
            if e.country and e.killed and ("toll", e.country, str(e.killed[0])) in blocks:
                blocks[("toll", e.country, str(e.killed[0]))].append(e)
    for name, block in blocks.items():
        if name[0] == "year":
            # A year-only mention meets every mention of its year; the others met by month.
            yield from _meetings(block, [e for e in block if len(e.date) == YEAR], limit=MAX_CANDIDATES)
        elif name[0] in ("place", "toll"):
            yield from _meetings(block, [e for e in block if e.header])
        elif name[0] == "person":
            # Every report naming one person, unless the person is in too many to tell apart.
            yield from _meetings(block, block) if len(block) <= MAX_CANDIDATES else ()
        elif name[0] == "month":
            yield from _meetings(block, block, limit=MAX_CANDIDATES)
        elif name[0] in ("untyped day", "untyped month"):
            yield from _meetings(block, [e for e in block if _untyped(e)], limit=MAX_CANDIDATES)
        else:
            yield from _meetings(block, block)


def _meetings(block: list[_Event], firsts: list[_Event], limit: int = 0) -> Iterator[_Meeting]:
    """Pairs of a mention of `firsts` with another of `block` that a country does not
    keep apart: the same country, or one side without one. Sub-blocking by country
    keeps the pairs per block near the number of mentions. With `limit`, mentions
    without a country meet each other and the rest only while the block holds no more
    than `limit` and its reports are of no more than `MAX_COUNTRIES` countries: in a busy
    month, or one of many countries' incidents, such a mention could be any incident
    (the same day or city still meet in their own blocks), and a pair is one pair from either side, so
    a busy block's mentions with a country do not meet them either. Each comes as a
    mention of `firsts` and two lists of those it meets: of its own country (or all of
    the block), and without a country."""
    by_country: dict[str, list[_Event]] = defaultdict(list)
    for e in block:
        by_country[e.country].append(e)
    nowhere = by_country.get("", [])
    countries = len(by_country) - bool(nowhere)
    crowded = bool(limit) and (len(block) > limit or countries > MAX_COUNTRIES)
    for a in firsts:
        if not a.country:
            if not crowded:
                yield a, block, ()
        else:
            same = by_country[a.country]
            if crowded:
                if len(a.date) == YEAR and len(same) > limit:
                    continue  # a year-only mention among many: it could be any of them
                yield a, same, ()
            else:
                yield a, same, nowhere


# One empty set for every report's empty ones: most name no group, person or victim, and
# 100,000 mentions' reports would make, hold and free 150,000 empty sets.
_NONE: frozenset[str] = frozenset()


class _Event:
    __slots__ = (
        "key",
        "number",
        "doc",
        "date",
        "day",
        "header",
        "entry",
        "relative",
        "country",
        "place",
        "types",
        "typing",
        "kinds",
        "killed",
        "hostages",
        "groups",
        "persons",
        "victims",
        "perpetrators",
        "names",
        "families",
        "acts",
        "death",
    )

    def __init__(self, key: str, props: Mapping[str, set[str]], root: Callable[[str], str], index: _NameIndex) -> None:
        self.key = key
        self.number = 0  # its place among the reports resolved together (`join_events`)
        self.doc = key.split(":")[1] if key.count(":") >= 2 else key
        dates = sorted(props.get("date", ()), key=lambda d: (-len(d), d))
        self.date = dates[0] if dates else ""
        span = date_span(self.date) if len(self.date) == DAY else None
        self.day = span[0] if span else None  # the day's ordinal, for days apart
        # Only a month header dates it: the entry itself says nothing of when.
        basis = props.get("date_basis", set())
        self.header = "header" in basis
        self.entry = bool(basis & {"header", "entry"})  # an entry of a dated list
        self.relative = "relative" in basis  # "a month later": dated from what came before
        self.country = min(props.get("country", ()), default="")
        self.place = min(props.get("place", ()), default="")
        self.types = set(props.get("type", ())) | (set(props.get("kind", set())) & KINDS_OF_OTHER)
        # The blocks it is compared in: its types and their families.
        self.families = frozenset(name for name, family in TYPE_FAMILIES.items() if self.types & family)
        self.kinds = self.types | self.families
        if self.types & FORMATION:
            self.kinds.add("formation")
        # The kinds of act its words tell that no type names ("took the city", "élections"),
        # in any language: blocks, and kin, of their own.
        self.acts = frozenset(key for summary in props.get("summary", ()) for key in _acts_told(summary))
        self.kinds |= {f"act:{act}" for act in self.acts}
        self.kinds |= {kind for act in self.acts for kind in ACT_TYPES.get(act, ())}
        self.typing = (frozenset(self.types), self.acts)  # what `_kinds` compares
        self.killed = _range(props.get("killed", ()))
        self.hostages = _range(props.get("hostages", ()))
        # The groups the mention's own words name (a perpetrator may be only the profiled
        # group): those its document knew, and any group's name found in other documents.
        participants = props.get("participant", set())
        self.groups: Set[str] = {root(k) for k in participants if schema_of(k) is Schema.ORGANIZATION}
        # The group whose history the document tells (its profiled group), as resolved.
        self.perpetrators: Set[str] = {root(k) for k in props.get("perpetrator", ())} or _NONE
        # The persons it names, as resolved: whom it befell, who did it or judged it;
        # and those whose death it tells.
        self.persons: Set[str] = {root(k) for k in participants if schema_of(k) is Schema.PERSON} or _NONE
        self.victims: Set[str] = {root(k) for k in props.get("victim", ())} or _NONE
        # Whether it tells someone's death, named or not ("il avait été tué lundi").
        self.death = bool(self.victims) or any(_tells_death(summary) for summary in props.get("summary", ()))
        if self.types & FORMATION:
            for summary in props.get("summary", ()):
                self.groups |= index.named_in(summary)
        # The names its words give that are no group's, country's or month's ("Seabreeze",
        # "Parliament", "Kitwe"); only the rare ones are kept (`_keep_rare_names`).
        self.names: Set[str] = {n for summary in props.get("summary", ()) for n in _proper_names(summary)} - index.words
        self.groups, self.names = self.groups or _NONE, self.names or _NONE

    @classmethod
    def of(cls, mention: EventMention, root: Callable[[str], str], index: _NameIndex) -> _Event:
        return cls(mention.key, mention.props, root, index)


@lru_cache(maxsize=65536)
def _tells_death(summary: str) -> bool:
    return bool(
        lexicon.words_pattern("status", "killed").search(summary)
        or lexicon.words_pattern("status", "dead").search(summary)
    )


@lru_cache(maxsize=65536)
def _acts_told(summary: str) -> frozenset[str]:
    """The acts a report's own words tell: not those of a cause ("in retaliation for the
    invasion") or an aside."""
    own = without_held_areas(cause_clause().sub(" ", re.sub(r"\([^()]*\)", " ", summary)))
    return frozenset(key for key, _s, _e in lexicon.keys_in("acts", own))


@lru_cache(maxsize=262144)
def _name_words(text: str) -> tuple[str, ...]:
    """Transliteration keys of the words that are no article: "Jund al-Sahil" and "Jund Al Sahil" agree."""
    return tuple(translit(w, org=True) for w in raw_words(text) if w not in articles())


def _proper_names(text: str) -> set[str]:
    """Folded capitalised words of four letters or more inside a sentence (not its first
    word), that name no month, weekday or country."""
    found = set()
    for m in re.finditer(r"(?<=[\w,;()'’\"] )[^\W\d_][\w’']{3,}", text):
        word = m.group()
        if not word[0].isupper() or word.isupper():
            continue  # acronyms name groups and states more often than places
        folded = _name_words(word)
        if folded and folded[0] not in _calendar_words() and not country_code(word):
            found.add(folded[0])
    return found


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    return frozenset(w for word in [*month_numbers(), *weekday_numbers()] for w in _name_words(word))


def _keep_rare_names(events: list[_Event], person_names: Iterable[str]) -> None:
    """Each report keeps the names that few reports give (`RARE_NAME_REPORTS`), and no
    word of a person's name."""
    reports: dict[str, int] = defaultdict(int)
    for e in events:
        for name in e.names:
            reports[name] += 1
    if not reports:
        return  # no report gives a name: the persons' names need not be read
    persons = {w for name in person_names for w in _name_words(name)}
    for e in events:
        e.names = {n for n in e.names if reports[n] <= RARE_NAME_REPORTS and n not in persons} or _NONE


class _NameIndex:
    """Group names by their first word, to find every known name in a text in one pass."""

    MAX_WORDS = 10

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for name, root in names:
            words = _name_words(name)
            if words and len(words) <= self.MAX_WORDS and len("".join(words)) >= 3:
                owners[words].add(root)
        self.by_words = dict(owners)  # a name two groups answer stands for either
        self.firsts = {w[0] for w in self.by_words}
        self.words = {w for name in self.by_words for w in name}

    def named_in(self, text: str) -> set[str]:
        words = _name_words(text)
        found: set[str] = set()
        i = 0
        while i < len(words):
            # The longest name at each word: "Copper Ridge Movement" is not also "Copper Ridge".
            for n in range(min(self.MAX_WORDS, len(words) - i), 0, -1):
                owners = self.by_words.get(tuple(words[i : i + n])) if words[i] in self.firsts else None
                if owners:
                    found |= owners
                    i += n
                    break
            else:
                i += 1
        return found


def _consistent(a: _Event, b: _Event) -> bool:
    """Nothing the two say contradicts: country, place, toll, hostages."""
    if a.country and b.country and a.country != b.country:
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if a.killed and b.killed and not _overlap(a.killed, b.killed):
        return False
    return not (a.hostages and b.hostages and not _overlap(a.hostages, b.hostages))


class _Kinds(NamedTuple):
    """What the types and acts of two reports say of each other: the same for every pair
    of reports typed alike, so worked out once per pair of typings (`_kinds`)."""

    common: frozenset[str]  # the types both give
    specific: frozenset[str]  # those not too vague to join on
    specific_share: float  # the specific ones' share of all the types either gives
    formation: bool  # both tell a formation (founding, split, merger, renaming)
    formation_shared: bool  # ... of the same type
    related: bool  # of one family
    unnamed: bool  # one side typed by no word
    same_act: bool  # one act told by both
    kin: bool  # a type in common (but "other"), a family or an act
    kindred: bool  # a type in common (but "other" or "statement"), a family or an act
    vague_only: bool  # one side untyped, and nothing but vague types on either
    capture: bool  # both tell a capture
    what: str  # the shared types, as a reason tells them


@lru_cache(maxsize=65536)
def _kinds(x: tuple[frozenset[str], frozenset[str]], y: tuple[frozenset[str], frozenset[str]]) -> _Kinds:
    """`_Kinds` of two typings, each (types, acts) as `_Event.typing` gives it."""
    (x_types, x_acts), (y_types, y_acts) = x, y
    common = x_types & y_types
    specific = common - VAGUE_TYPES
    related = bool(_families(x_types) & _families(y_types))
    same_act = bool(x_acts & y_acts) or any(
        ACT_TYPES.get(act, frozenset()) & types
        for acts, types in ((x_acts, y_types), (y_acts, x_types))
        for act in acts
    )
    unnamed = _untyped_typing(x_types, x_acts) or _untyped_typing(y_types, y_acts)
    kindred = bool(common - {"other", "statement"}) or related or same_act
    return _Kinds(
        common=common,
        specific=specific,
        specific_share=len(specific) / max(1, len(x_types | y_types)),
        formation=bool(x_types & FORMATION and y_types & FORMATION),
        formation_shared=bool(common & FORMATION),
        related=related,
        unnamed=unnamed,
        same_act=same_act,
        kin=bool(common - {"other"}) or related or same_act,
        kindred=kindred,
        vague_only=unnamed and not kindred and (x_types | y_types) <= VAGUE_TYPES,
        capture="capture" in x_acts & y_acts,
        what=",".join(sorted(common)) or "related types",
    )


def _families(types: Iterable[str]) -> frozenset[str]:
    """The families (`TYPE_FAMILIES`) of a report's types."""
    kept = set(types)
    return frozenset(name for name, family in TYPE_FAMILIES.items() if kept & family)


_DATE_SCORES = {DAY: 3.0, MONTH: 2.0}  # a year, 1.0


def _score(a: _Event, b: _Event, shared: int, kinds: _Kinds) -> float:
    """How surely a pair is one incident: the precision of the date both give, then every
    detail that agrees."""
    score = _DATE_SCORES.get(shared, 1.0)
    score += bool(a.country and a.country == b.country) + bool(a.place and a.place == b.place)
    score += kinds.specific_share + bool(a.killed and b.killed)
    score += 0.5 * (a.death and b.death)  # two reports of a death, beside one of a death and one of none
    return score


def _where(a: _Event, b: _Event) -> str:
    return a.place or a.country or b.place or b.country or "?"


def judge(a: _Event, b: _Event) -> Judgement | None:
    """Whether `a` and `b` can be one incident, and how surely; None when they cannot.

    Each rule is weighed only when the ones before it gave no answer, and what the two
    reports' types say of each other is looked up (`_kinds`): resolution asks this of
    every candidate pair, most of which no rule joins."""
    if _days_too_far(a, b):
        return None
    if not _consistent(a, b) or _other_histories(a, b):
        return None
    shared = min(len(a.date), len(b.date))
    same_period = a.date[:shared] == b.date[:shared]
    if a.victims & b.victims and (same_period or _days_apart(a, b) <= NEAR_DAYS):
        # A person dies once: two reports of the same person's death are one incident,
        # whatever words each uses ("was killed", "the army reported the death of").
        return Judgement(4.0, f"the death of the same person: {a.date} / {b.date}", True)
    kinds = _kinds(a.typing, b.typing)
    specific = kinds.specific
    formation = kinds.formation
    if formation and _other_groups(a, b):
        return None  # two groups' own histories: a founding of one is not the other's
    if formation and a.perpetrators != b.perpetrators and not kinds.formation_shared:
        formation = False  # in two groups' histories, one group's renaming is not the other's split
    same_group = bool(a.perpetrators & b.perpetrators)
    unnamed = kinds.unnamed
    # One group's day: sources type one incident in other words ("released chlorine gas" /
    # "a gas attack"); two of its incidents on one day are rare.
    same_day = shared == DAY and a.date == b.date and same_group
    same_act = kinds.same_act
    if not kinds.common and not formation and not kinds.related and not unnamed and not same_day and not same_act:
        return None
    what = kinds.what
    if same_period and _strong(a, b, shared, specific):
        return Judgement(_score(a, b, shared, kinds), f"same incident: {a.date[:shared]} {_where(a, b)} {what}", True)
    same_person = bool(a.persons & b.persons)
    if a.header != b.header and not same_period:
        # A header's month is no evidence of its own: the city, the country and toll, or
        # the country and a person named must agree ... and the kind of incident: a shared
        # specific type, or a related one and the same toll.
        same_toll = bool(a.killed and a.killed == b.killed)
        same_country = bool(a.country and a.country == b.country)
        located = (a.place and a.place == b.place) or (same_country and (a.killed and b.killed or same_person))
        if located and (specific or (same_toll and kinds.related)):
            return Judgement(
                _score(a, b, shared, kinds) - 2,
                f"same incident, dated only by a list header: {_where(a, b)} {what}",
                False,
                True,
            )
        return None
    if same_period and (specific or formation):
        sole = shared < MONTH or a.header or b.header  # a header's month may agree by chance
        return Judgement(
            _score(a, b, shared, kinds) - 1,
            f"the one such incident of {a.date[:shared]}: {_where(a, b)} {what}",
            False,
            sole,
        )
    kindred = kinds.kindred
    named = sorted(a.names & b.names) if a.names and b.names else []  # a rare name both give: "the Seabreeze hotel"
    # A report of no group's history (a news page) that tells the same act: as good as one group's.
    one_history = same_group or (same_act and not (a.perpetrators and b.perpetrators))
    if same_period and one_history and not (a.header or b.header) and (kindred or unnamed):
        # One group's history: an attack of a month (or a city's happening of a year) that two
        # sources tell in vaguer or other words, when it is the only such one.
        # One group's year: the one report of an act that no type names ("won the elections
        # in 2006" / "the elections of January 2006").
        located = bool(a.place and a.place == b.place) or same_act
        # An untyped report beside another, or beside one only a vague word types ("strike",
        # "said"), is too little to go on by the month alone.
        if located or (shared >= MONTH and not kinds.vague_only):
            return Judgement(
                _score(a, b, shared, kinds) - 1.5,
                f"the one such happening of {a.date[:shared]}: {_where(a, b)} {what}",
                False,
                True,
            )
    if same_period and named and not (a.header or b.header) and (kindred or unnamed or kinds.common):
        # Few reports give that name: in one period and of a like kind, they tell one incident.
        return Judgement(
            _score(a, b, shared, kinds) + len(named) - 1,
            f"the same names in {a.date[:shared]}: {', '.join(named)} {what}",
            False,
        )
    same_city = bool(a.place and a.place == b.place)
    if shared >= MONTH and (specific or same_person or (same_city and same_group)) and _days_apart(a, b) <= NEAR_DAYS:
        # Days apart: the same kind of incident, or a related one befalling the same person
        # ("killed by troops on 25 February" / "killed in an operation on 2 March").
        who = f" ({len(a.persons & b.persons)} person named in both)" if same_person and not specific else ""
        return Judgement(
            _score(a, b, shared, kinds) - 1.5,
            f"days apart, same incident: {a.date} / {b.date} {_where(a, b)} {what}{who}",
            False,
        )
    if kinds.capture and same_city and one_history and _days_apart(a, b) <= TAKEN_DAYS:
        # A city falls to a group once in a season: sources that date its capture a month or two
        # apart ("August 1994" / "octobre 1994") tell one incident, when it is the only such one.
        return Judgement(
            _score(a, b, shared, kinds) - 2, f"the one capture of {_where(a, b)}: {a.date} / {b.date}", False, True
        )
    return None


def _days_too_far(a: _Event, b: _Event) -> bool:
    """Two days more than a week apart, neither alone dated by a list header: no rule of
    `judge` joins them (a header's day is a list's, weighed on other grounds). Asked first,
    and of the candidates before they are judged: a month's block holds many such pairs."""
    return a.day is not None and b.day is not None and abs(a.day - b.day) > NEAR_DAYS and a.header == b.header


def _untyped(e: _Event) -> bool:
    """A happening no word typed, nor an act that sources type ("proclaimed a caliphate")."""
    return _untyped_typing(*e.typing)


def _untyped_typing(types: frozenset[str], acts: frozenset[str]) -> bool:
    return not types - {"other"} and not acts & ACT_TYPES.keys()


def _specific(a: _Event, b: _Event) -> set[str]:
    return (a.types & b.types) - VAGUE_TYPES


def _strong(a: _Event, b: _Event, shared: int, specific: Collection[str]) -> bool:
    """Agreement specific enough to join without looking for other candidates: the
    same day, or the same month and the same city or toll. A shared type alone is
    not: a month holds many bombings."""
    if shared == DAY:
        return True
    if shared == MONTH:
        return bool((a.place and a.place == b.place) or (a.killed and b.killed and specific))
    return False


def _same_period(a: _Event, b: _Event) -> bool:
    shared = min(len(a.date), len(b.date))
    return a.date[:shared] == b.date[:shared]


def _kin(a: _Event, b: _Event) -> bool:
    """Of one kind: a type in common (but "other"), a family or an act no type names."""
    return bool((a.types & b.types) - {"other"}) or _related(a, b) or _same_act(a, b)


def _same_act(a: _Event, b: _Event) -> bool:
    """One act told by both: in the same words' kind, or one by its act and one by a type."""
    if a.acts & b.acts:
        return True
    return any(ACT_TYPES.get(act, frozenset()) & y.types for x, y in ((a, b), (b, a)) for act in x.acts)


def _related(a: _Event, b: _Event) -> bool:
    return bool(a.families & b.families)


def _other_histories(a: _Event, b: _Event) -> bool:
    """Reports from the histories of two different groups, neither naming the other's
    group: two groups designated on one day, or founded in one month, are two incidents."""
    if not (a.perpetrators and b.perpetrators) or a.perpetrators & b.perpetrators:
        return False
    return not (a.perpetrators & b.groups or b.perpetrators & a.groups)


def _other_groups(a: _Event, b: _Event) -> bool:
    """Both name the groups involved, and none in common: two groups' own histories."""
    return bool(a.groups and b.groups and not a.groups & b.groups)


def _days_apart(a: _Event, b: _Event) -> int:
    """Days between the two dates, each a span at its precision (a month is its 28 to 31 days)."""
    (a_lo, a_hi), (b_lo, b_hi) = _span(a.date), _span(b.date)
    return max(0, a_lo - b_hi, b_lo - a_hi)


@lru_cache(maxsize=65536)
def _span(iso: str) -> tuple[int, int]:
    """`date_span`, once per date: pairs ask it of the same few thousand dates."""
    return date_span(iso) or (0, 0)


def _month_of(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()[:MONTH]


def _range(values: Iterable[str]) -> tuple[int, int] | None:
    """ "30-33" or "30" (as the events extractor writes them) -> (30, 33)."""
    lows, highs = [], []
    for value in values:
        m = re.fullmatch(r"(\d*)-?(\d*)", value)
        if not m or not (m.group(1) or m.group(2)):
            continue
        lo = int(m.group(1)) if m.group(1) else 0
        hi = int(m.group(2)) if m.group(2) else (lo if "-" not in value else 10**9)
        lows.append(lo)
        highs.append(hi)
    return (min(lows), max(highs)) if lows else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlapping, or close: sources round and count differently (30 and 33)."""
    return a[0] <= b[1] * 1.25 and b[0] <= a[1] * 1.25
