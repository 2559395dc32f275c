"""What the web pages read: the knowledge base loaded once, with the indexes the pages need.

`KnowledgeBase.load` reads every statement, so the app loads it once and keeps
an immutable `Snapshot`; `Site.snapshot()` loads a new one when another
program (a `dossier build`) has committed to the database since. Every event
is assembled once per snapshot, so a timeline request only filters and counts.
"""

from __future__ import annotations

import threading
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from dossier.model import ACTIVITY_KINDS, Schema, Statement, activity_kind
from dossier.store import SearchHit, Store, StoredDocument
from dossier.store.editors import Account, Editors
from dossier.text.names import fold_name
from dossier.views import KnowledgeBase, event, organization, person, pictures

# How often (seconds) a request may check whether the database changed.
CHECK_EVERY = 2.0
# How many of the most common ideologies the home page offers as a filter.
FACET_VALUES = 40


def year_of(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


@dataclass
class Snapshot:
    """One load of the knowledge base and what is derived from it; never changed after `load`."""

    kb: KnowledgeBase
    documents: dict[str, StoredDocument]  # short id (as in evidence) -> document
    groups: list[dict[str, Any]]  # summaries, by name
    names: dict[str, str]  # entity id -> display name, groups and persons
    events: list[dict[str, Any]]  # every event, oldest first
    event_years: list[int | None]
    events_of: dict[str, list[int]] = field(default_factory=dict)  # group or person -> indexes into events
    event_index: dict[str, int] = field(default_factory=dict)
    folded_names: list[tuple[str, str]] = field(default_factory=list)  # (folded name or alias, entity)
    facets: dict[str, Any] = field(default_factory=dict)  # the values the filters can take
    by_doc: dict[str, list[Statement]] = field(default_factory=dict)  # document sha256 -> its statements
    columns: EventColumns | None = None
    group_index: dict[str, int] = field(default_factory=dict)  # group -> its place in `groups`
    pictures: list[dict[str, Any]] = field(default_factory=list)  # every document's pictures, by document
    pictures_of: dict[str, list[int]] = field(default_factory=dict)  # group -> indexes into pictures

    @classmethod
    def load(cls, store: Store) -> Snapshot:
        kb = KnowledgeBase.load(store)
        documents = {d.id[:12]: d for d in store.documents()}
        by_doc: dict[str, list[Statement]] = defaultdict(list)
        for s in kb.statements:
            by_doc[s.evidence.doc].append(s)
        names: dict[str, str] = {}
        folded: list[tuple[str, str]] = []
        for entity, statements in kb.by_entity.items():
            if not statements or statements[0].schema is Schema.EVENT:
                continue
            values = [s.value for s in statements if s.prop in ("name", "alias")]
            for value in dict.fromkeys(values):
                folded.append((fold_name(value), entity))
        events = sorted((event(kb, e) for e in kb.entities(Schema.EVENT)), key=lambda e: (e["date"] or "9999", e["id"]))
        for ev in events:
            ev["kind"] = activity_kind(ev["types"])  # attack, intervention or other
        events_of: dict[str, list[int]] = defaultdict(list)
        for i, ev in enumerate(events):
            for actor in ev["perpetrators"]:
                events_of[actor].append(i)
        groups = []
        for entity in kb.entities(Schema.ORGANIZATION):
            org = organization(kb, entity)
            names[entity] = org["name"]
            groups.append(_summary(org, [events[i] for i in events_of.get(entity, [])]))
        for entity in kb.entities(Schema.PERSON):
            names[entity] = _person_name(kb, entity)
        groups.sort(key=lambda g: (fold_name(g["name"]), g["id"]))
        found = pictures(kb)
        pictures_of: dict[str, list[int]] = defaultdict(list)
        for i, picture in enumerate(found):
            for owner in picture["groups"]:
                pictures_of[owner].append(i)
        event_years = [year_of(e["date"]) for e in events]
        known_years = [y for y in event_years if y is not None]
        ideologies = Counter(i for g in groups for i in g["ideology"])
        facets = {
            "countries": sorted({c for g in groups for c in g["countries"]}),
            "designated_by": sorted({d for g in groups for d in g["designated_by"]}),
            "ideology": sorted(i for i, _n in ideologies.most_common(FACET_VALUES)),
            "types": sorted({t for e in events for t in e["types"]}),
            "kinds": list(ACTIVITY_KINDS),
            "groups_per_country": dict(Counter(c for g in groups for c in g["countries"])),
            "event_countries": sorted({e["country"] for e in events if e["country"]}),
            "years": [min(known_years), max(known_years)] if known_years else None,
        }
        return cls(
            columns=EventColumns.of(events, event_years),
            kb=kb,
            documents=documents,
            groups=groups,
            names=names,
            events=events,
            event_years=event_years,
            events_of=dict(events_of),
            event_index={e["id"]: i for i, e in enumerate(events)},
            folded_names=folded,
            facets=facets,
            by_doc=dict(by_doc),
            group_index={g["id"]: i for i, g in enumerate(groups)},
            pictures=found,
            pictures_of=dict(pictures_of),
        )

    @cached_property
    def folded_summaries(self) -> list[str]:
        """Each event's summary folded (case, accents), for finding the events that name a person."""
        return [fold_name(e["summary"] or "") for e in self.events]

    def kind(self, entity: str) -> Schema | None:
        """The schema of an entity, or None when the knowledge base has no such entity."""
        statements = self.kb.by_entity.get(entity)
        return statements[0].schema if statements else None

    def entity_of(self, mention_key: str) -> str:
        return self.kb.entity(mention_key)

    def title(self, short_id: str) -> str:
        doc = self.documents.get(short_id)
        return (doc.title or Path(doc.path).name) if doc else short_id

    def full_id(self, short_id: str) -> str | None:
        doc = self.documents.get(short_id[:12])
        return doc.id if doc and doc.id.startswith(short_id) else None


def _person_name(kb: KnowledgeBase, entity: str) -> str:
    return str(person(kb, entity)["name"])


def initial(name: str) -> str:
    """The letter of the A–Z index a name is filed under: its first letter, accents and articles aside ("#" for none)."""
    words = fold_name(name).split()
    if len(words) > 1 and words[0] in ("al", "el", "ad", "an", "as", "at", "ar", "az"):
        words = words[1:]  # "al-Shabaab" under S, as indexes of Arabic names file them
    first = words[0][:1].upper() if words else ""
    return first if first.isalpha() and first.isascii() else "#"


def _summary(org: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """What the home page lists and filters a group by."""
    years = [y for y in (year_of(e["date"]) for e in events) if y]
    years += [y for y in (year_of(f["value"]) for f in org["founded"]) if y]
    return {
        "id": org["id"],
        "name": org["name"],
        "aliases": [a["value"] for a in org["aliases"]],
        "origin": [c["value"] for c in org["origin_country"]],
        "countries": sorted({c["value"] for c in org["countries"] + org["origin_country"]}),
        "ideology": [i["value"] for i in org["ideology"]],
        "designated_by": sorted({d["by"] for d in org["designations"]}),
        "active": [min(years), max(years)] if years else None,
        "events": len(events),
        "initial": initial(org["name"]),
    }


class EventColumns:
    """What the timeline filters and counts events by, one compact array per field.

    Filtering 100,000 event dicts spread over a large heap is slow (a cache miss
    or more per event); these arrays sit in a few contiguous blocks. `types` is a
    bit mask per event; `country` an index into `countries` (0: none); `year` 0
    when unknown.
    """

    YEAR_SHIFT = 1 << 48  # count keys: year * YEAR_SHIFT + type mask

    def __init__(self, types: list[str], countries: list[str]) -> None:
        self.type_names = types
        self.type_bit = {t: 1 << i for i, t in enumerate(types)}
        self.countries = countries
        self.country_index = {c: i + 1 for i, c in enumerate(countries)}
        self.types = array("Q")
        self.country = array("H")
        self.year = array("h")
        self.kind = array("B")  # index into ACTIVITY_KINDS
        self.all_counts: dict[int, dict[str, int]] = {}

    @classmethod
    def of(cls, events: list[dict[str, Any]], years: list[int | None]) -> EventColumns:
        types = sorted({t for e in events for t in e["types"] or ["other"]})[:48]
        columns = cls(types, sorted({e["country"] for e in events if e["country"]}))
        for e, year in zip(events, years, strict=True):
            columns.types.append(sum(columns.type_bit.get(t, 0) for t in set(e["types"] or ["other"])))
            columns.country.append(columns.country_index.get(e["country"] or "", 0))
            columns.year.append(year or 0)
            columns.kind.append(ACTIVITY_KINDS.index(e.get("kind") or activity_kind(e["types"])))
        columns.all_counts = columns.count(range(len(events)))
        return columns

    def select(
        self,
        indexes: Iterable[int],
        type_: str,
        country: str,
        since: int | None,
        until: int | None,
        activity: str = "",
    ) -> list[int]:
        """The events among `indexes` of type `type_`, in `country`, in the years since..until, of
        `activity` (attack, intervention, other): each if given."""
        bit = self.type_bit.get(type_, -1) if type_ else 0
        where = self.country_index.get(country, -1) if country else 0
        if bit < 0 or where < 0 or (activity and activity not in ACTIVITY_KINDS):
            return []
        if activity:
            wanted = ACTIVITY_KINDS.index(activity)
            indexes = [i for i in indexes if self.kind[i] == wanted]
        if not bit and not where and since is None and until is None:
            return list(indexes)
        types, countries, years = self.types, self.country, self.year
        lo = since if since is not None else -(1 << 15)
        hi = until if until is not None else (1 << 15)
        dated = since is not None or until is not None
        return [
            i
            for i in indexes
            if (not bit or types[i] & bit)
            and (not where or countries[i] == where)
            and (not dated or (years[i] and lo <= years[i] <= hi))
        ]

    def count(self, indexes: Iterable[int]) -> dict[int, dict[str, int]]:
        """Events per year and type (an event of two types counts for both); undated events are left out."""
        types, years, shift = self.types, self.year, self.YEAR_SHIFT
        keys = Counter(years[i] * shift + types[i] for i in indexes if years[i])
        out: dict[int, dict[str, int]] = defaultdict(dict)
        for key, n in keys.items():
            year, mask = divmod(key, shift)
            for name in self.type_names:
                if mask & self.type_bit[name]:
                    out[year][name] = out[year].get(name, 0) + n
        return dict(sorted(out.items()))


class Site:
    """The knowledge base a running app serves: a snapshot, reloaded when the database changes."""

    def __init__(self, db: Path | str, *, check_every: float = CHECK_EVERY) -> None:
        self.db = Path(db)
        self.store = Store(self.db, create=False)
        self.check_every = check_every
        self._lock = threading.Lock()
        self._db_lock = threading.Lock()  # one query at a time on the shared connection
        self._version = self.store.data_version()
        self._snapshot = self._load()
        self._checked = time.monotonic()

    def _load(self) -> Snapshot:
        # Its own connection, so searches go on meanwhile; one read transaction, so a
        # build committing meanwhile is seen whole or not at all.
        with Store(self.db, create=False) as store:
            store.db.execute("BEGIN")
            try:
                return Snapshot.load(store)
            finally:
                store.db.execute("COMMIT")

    def snapshot(self) -> Snapshot:
        now = time.monotonic()
        if now - self._checked < self.check_every:
            return self._snapshot
        with self._lock:
            if now - self._checked >= self.check_every:
                self._checked = now
                with self._db_lock:
                    version = self.store.data_version()
                if version != self._version:
                    self._snapshot = self._load()
                    self._version = version
        return self._snapshot

    def lock(self) -> threading.Lock:
        """Held around every use of the shared connection `store`."""
        return self._db_lock

    def reload(self) -> Snapshot:
        """Load again at once, after this app wrote to the database (its own commits leave
        `data_version` as it was)."""
        with self._lock:
            self._snapshot = self._load()
            with self._db_lock:
                self._version = self.store.data_version()
            self._checked = time.monotonic()
        return self._snapshot

    def account(self, name: str) -> Account | None:
        with self._db_lock:
            return Editors(self.store).account(name)

    def has_admin(self) -> bool:
        with self._db_lock:
            return Editors(self.store).has_admin()

    def image(self, sha256: str) -> tuple[str, bytes] | None:
        """(media type, bytes) of a picture the knowledge base holds."""
        with self._db_lock:
            return self.store.image_data(sha256)

    def search(self, query: str) -> tuple[list[SearchHit], list[SearchHit]]:
        """(text hits, statement hits) for `query`, from the store's full-text index."""
        with self._db_lock:
            return self.store.search_text(query), self.store.search_statements(query)

    def close(self) -> None:
        self.store.close()
