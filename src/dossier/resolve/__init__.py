"""Resolution: mentions of the same group, person or incident become one entity.

Decisions are data: every mention key gets an entity id and the reason it
joined its cluster, and a person's judgements (merge / split) override the
rules on every rebuild. This first cut joins mentions that share a folded
name (organisations and persons) or an exact day and country (events).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from dossier.model import REFERENCE_PROPS, Schema, Statement, schema_of
from dossier.resolve.events import join_events
from dossier.resolve.names import fold_name

PREFIX = {Schema.ORGANIZATION: "o", Schema.PERSON: "p", Schema.EVENT: "e"}


@dataclass
class Mention:
    key: str
    schema: Schema
    names: set[str] = field(default_factory=set)
    props: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


class _Clusters:
    """Union-find over mention keys that remembers why two keys were joined."""

    def __init__(self, keys: Iterable[str], negatives: set[frozenset[str]]) -> None:
        self.parent = {k: k for k in keys}
        self.members = {k: {k} for k in self.parent}
        self.reason: dict[str, tuple[str, float]] = {}
        self.negatives = negatives

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str, reason: str, score: float = 1.0) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if any(frozenset((x, y)) in self.negatives for x in self.members[ra] for y in self.members[rb]):
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self.reason.setdefault(a, (reason, score))
        self.reason.setdefault(b, (reason, score))
        return True


def mentions(statements: Iterable[Statement]) -> dict[str, Mention]:
    out: dict[str, Mention] = {}
    for s in statements:
        m = out.setdefault(s.subject, Mention(s.subject, s.schema))
        if s.prop in ("name", "alias"):
            m.names.add(s.value)
        m.props[s.prop].add(s.value)
        if s.prop in REFERENCE_PROPS and s.value not in out:
            out[s.value] = Mention(s.value, schema_of(s.value))
    return out


def resolve(
    statements: Iterable[Statement], judgements: Iterable[tuple[str, str, str]] = ()
) -> list[tuple[str, str, str, float]]:
    """(mention key, entity id, reason, score) for every mention."""
    found = mentions(statements)
    judged = list(judgements)
    negatives = {frozenset((a, b)) for a, b, j in judged if j == "negative"}
    clusters = _Clusters(sorted(found), negatives)
    for a, b, j in judged:
        if j == "positive" and a in found and b in found:
            clusters.union(a, b, "judged the same by a person")

    by_name: dict[tuple[Schema, str], list[str]] = defaultdict(list)
    for m in found.values():
        if m.schema is Schema.EVENT:
            continue
        for name in m.names:
            folded = fold_name(name)
            if folded:
                by_name[(m.schema, folded)].append(m.key)
    for (_schema, folded), keys in sorted(by_name.items()):
        for other in keys[1:]:
            clusters.union(keys[0], other, f"same name: {folded}")

    # Events (resolve/events.py): the same incident across documents.
    join_events([m for m in found.values() if m.schema is Schema.EVENT], clusters)

    rows = []
    for key in sorted(found):
        root = clusters.find(key)
        first = min(clusters.members[root])
        entity = PREFIX[found[key].schema] + hashlib.sha1(first.encode()).hexdigest()[:10]
        reason, score = clusters.reason.get(key, ("only mention", 1.0))
        rows.append((key, entity, reason, score))
    return rows
