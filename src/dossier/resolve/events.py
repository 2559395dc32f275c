"""Events: one incident reported by several documents becomes one event.

Two event mentions from different documents are the same incident when their
dates agree at the precision both give (at least the month), their countries
and places do not contradict each other, their types belong together, and
their death tolls overlap. Candidates are compared only within the same month
(blocking), so the cost grows with the number of events reported per month,
not with the square of all events.

Joining is greedy, best pair first, and a join must leave every pair in the
new cluster compatible: a month-only mention ("in November 2011") can join one
of two incidents on different days of that month, never both.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any, Protocol

# Types that describe the same kind of happening; a pair of mentions must share
# a type or a family. "other" is a founding; "statement" fits anything claimed.
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
    "organisation": {"split", "merger", "renaming", "other", "allegiance", "leadership_change", "leader_killed"},
}
# Types too vague to join two year-only mentions on.
VAGUE_TYPES = frozenset({"other", "attack", "statement"})
# Precision a shared date must reach to join without a shared specific type.
DAY, MONTH, YEAR = 10, 7, 4


class Clusters(Protocol):
    members: dict[str, set[str]]

    def find(self, key: str) -> str: ...

    def union(self, a: str, b: str, reason: str, score: float = 1.0) -> bool: ...


class EventMention(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def props(self) -> Mapping[str, set[str]]: ...


def join_events(mentions: Iterable[EventMention], clusters: Clusters) -> None:
    """Union the event mentions that report one incident, best pairs first."""
    events = [_Event.of(m) for m in mentions]
    events = [e for e in events if e.date]
    by_month: dict[str, list[_Event]] = defaultdict(list)
    for e in events:
        by_month[e.date[:MONTH] if len(e.date) >= MONTH else e.date[:YEAR]].append(e)
    # A year-only mention is compared with every mention of its year.
    by_year: dict[str, list[_Event]] = defaultdict(list)
    for e in events:
        by_year[e.date[:YEAR]].append(e)
    pairs: list[tuple[float, str, _Event, _Event]] = []
    seen: set[tuple[str, str]] = set()
    blocks = list(by_month.values()) + [
        [e for e in group if len(e.date) == YEAR] + [e for e in group if len(e.date) > YEAR]
        for group in by_year.values()
        if any(len(e.date) == YEAR for e in group)
    ]
    for block in blocks:
        for a, b in combinations(block, 2):
            key = (a.key, b.key) if a.key < b.key else (b.key, a.key)
            if key in seen or a.doc == b.doc:
                continue
            seen.add(key)
            judged = _score(a, b)
            if judged:
                pairs.append((judged[0], judged[1], a, b))
    by_key = {e.key: e for e in events}
    for score, reason, a, b in sorted(pairs, key=lambda p: (-p[0], p[2].key, p[3].key)):
        left, right = clusters.members[clusters.find(a.key)], clusters.members[clusters.find(b.key)]
        if left is right:
            continue
        merged = [by_key[k] for k in left | right if k in by_key]
        docs = [e.doc for e in merged]
        if len(docs) != len(set(docs)):
            continue  # one document reports an incident once
        if all(_score(x, y) for x, y in combinations(merged, 2)):
            clusters.union(a.key, b.key, reason, score)


class _Event:
    __slots__ = ("key", "doc", "date", "country", "place", "types", "killed")

    def __init__(self, key: str, props: Mapping[str, set[str]]) -> None:
        self.key = key
        self.doc = key.split(":")[1] if key.count(":") >= 2 else key
        dates = sorted(props.get("date", ()), key=len, reverse=True)
        self.date = dates[0] if dates else ""
        self.country = min(props.get("country", ()), default="")
        self.place = min(props.get("place", ()), default="")
        self.types = set(props.get("type", ()))
        self.killed = _range(props.get("killed", ()))

    @classmethod
    def of(cls, mention: Any) -> _Event:
        return cls(mention.key, mention.props)


def _score(a: _Event, b: _Event) -> tuple[float, str] | None:
    """(score, reason) when `a` and `b` can be one incident, else None."""
    shared = min(len(a.date), len(b.date))
    if a.date[:shared] != b.date[:shared]:
        return None
    if a.country and b.country and a.country != b.country:
        return None
    if len(a.date) != len(b.date) and bool(a.country) != bool(b.country):
        return None  # "in November 2011", nowhere, could be any incident of that month
    if a.place and b.place and a.place != b.place:
        return None
    if a.killed and b.killed and not _overlap(a.killed, b.killed):
        return None
    common = a.types & b.types
    specific = common - VAGUE_TYPES
    if not common and not any(a.types & family and b.types & family for family in TYPE_FAMILIES.values()):
        return None
    if shared < MONTH and (not specific or len(a.date) != len(b.date)):
        return None  # only two year-only mentions join on a year, and on a specific type
    if shared == MONTH and not (specific or (a.place and a.place == b.place) or (a.killed and b.killed)):
        return None
    score = {DAY: 3.0, MONTH: 2.0}.get(shared, 1.0)
    score += bool(a.country and a.country == b.country) + bool(a.place and a.place == b.place)
    score += len(specific) / max(1, len(a.types | b.types)) + bool(a.killed and b.killed)
    where = a.place or a.country or b.place or b.country or "?"
    return score, f"same incident: {a.date[:shared]} {where} {','.join(sorted(common)) or 'related types'}"


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
