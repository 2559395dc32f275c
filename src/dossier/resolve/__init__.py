"""Resolution: mentions of the same group, person or incident become one entity.

Decisions are data: every mention key gets an entity id and the reason it
joined its cluster, with a score, and a person's judgements (merge / split)
override the rules on every rebuild. Organisations are joined by name,
transliteration, translation and acronym (`organizations.py`), persons by
transliteration, slips, name order and stated aliases (`persons.py`), events
by date, place and type (`events.py`).
"""

from __future__ import annotations

import gc
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from dossier.model import Schema, Statement
from dossier.resolve.clusters import Clusters
from dossier.resolve.events import join_events
from dossier.resolve.mentions import Mention, mentions
from dossier.resolve.organizations import apart_pairs, join_by_founder, join_organizations
from dossier.resolve.persons import join_persons
from dossier.text.names import fold_name

__all__ = ["PREFIX", "Clusters", "Mention", "entity_id", "mentions", "resolve"]

PREFIX = {Schema.ORGANIZATION: "o", Schema.PERSON: "p", Schema.EVENT: "e"}


def entity_id(schema: Schema, members: Iterable[str]) -> str:
    """An entity's id: derived from its first mention key, so a rebuild gives the same ids."""
    return PREFIX[schema] + hashlib.sha1(min(members).encode()).hexdigest()[:10]


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Resolution makes millions of small sets, tuples and dicts that all live to its end:
    the cycle collector would walk them again and again (a fifth of the time of 100,000
    mentions, and more the more there are) and find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def resolve(
    statements: Iterable[Statement], judgements: Iterable[tuple[str, str, str]] = ()
) -> list[tuple[str, str, str, float]]:
    """(mention key, entity id, reason, score) for every mention."""
    with _without_cycle_collection():
        return _resolve(statements, judgements)


def _resolve(
    statements: Iterable[Statement], judgements: Iterable[tuple[str, str, str]]
) -> list[tuple[str, str, str, float]]:
    found = mentions(statements)
    judged = list(judgements)
    negatives = {frozenset((a, b)) for a, b, j in judged if j == "negative"}
    orgs = [m for m in found.values() if m.schema is Schema.ORGANIZATION]
    persons = [m for m in found.values() if m.schema is Schema.PERSON]
    ordered = sorted(found)  # once: the clusters and the rows both go by it
    clusters = Clusters(ordered, negatives, apart_pairs(orgs))
    for a, b, j in sorted(judged):
        if j == "positive" and a in found and b in found and found[a].schema is found[b].schema:
            clusters.union(a, b, "judged the same by a person")

    # Organisations: an identical folded name (or acronym) first, then the looser rules.
    by_name: dict[str, list[str]] = defaultdict(list)
    for m in sorted(orgs, key=lambda m: m.key):
        for name in sorted(m.names):
            folded = fold_name(name)
            if folded:
                by_name[folded].append(m.key)
    for folded, keys in sorted(by_name.items()):
        for other in keys[1:]:
            clusters.union(keys[0], other, f"same name: {folded}")
    join_organizations(orgs, clusters)
    join_persons(persons, clusters)
    join_by_founder(orgs, clusters)  # after the persons: it reads whom they are

    # Events (resolve/events.py): the same incident across documents.
    group_names = [(n, m.key) for m in orgs for n in m.names]
    person_names = [n for m in persons for n in m.names]
    join_events([m for m in found.values() if m.schema is Schema.EVENT], clusters, group_names, person_names)

    rows = []
    ids: dict[tuple[Schema, str], str] = {}  # per cluster, by its root: its mentions share one id
    for key in ordered:
        cluster = (found[key].schema, clusters.find(key))
        entity = ids.get(cluster) or ids.setdefault(cluster, entity_id(cluster[0], clusters.members[cluster[1]]))
        reason, score = clusters.reason.get(key, ("only mention", 1.0))
        rows.append((key, entity, reason, score))
    return rows
