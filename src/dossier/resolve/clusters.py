"""Union-find over mention keys that remembers why two keys were joined.

Two kinds of "cannot link": a person's negative judgement, which no rule
overrides, and what the documents imply (a group is a sub-unit, splinter or
ally of another, so the two are different), which rules that join on looser
evidence than an identical name must respect (`strict=True`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


class Clusters:
    def __init__(
        self,
        keys: Iterable[str],
        negatives: Iterable[frozenset[str]] = (),
        apart: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.parent = {k: k for k in keys}
        self.members: dict[str, set[str]] = {k: {k} for k in self.parent}
        self.reason: dict[str, tuple[str, float]] = {}
        self.negatives = set(negatives)
        self._judged_apart: dict[str, set[str]] = defaultdict(set)
        for pair in self.negatives:
            if len(pair) == 2:
                a, b = tuple(pair)
                self._judged_apart[a].add(b)
                self._judged_apart[b].add(a)
        self._implied_apart: dict[str, set[str]] = defaultdict(set)
        for a, b in apart:
            if a != b:
                self._implied_apart[a].add(b)
                self._implied_apart[b].add(a)

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def _blocked(self, ra: str, rb: str, table: dict[str, set[str]]) -> bool:
        small, other = (ra, rb) if len(self.members[ra]) <= len(self.members[rb]) else (rb, ra)
        return any(self.find(y) == other for x in self.members[small] for y in table.get(x, ()))

    def apart(self, a: str, b: str, *, strict: bool = True) -> bool:
        """Whether joining a's and b's clusters would break a negative judgement
        (or, with `strict`, what the documents imply)."""
        ra, rb = self.find(a), self.find(b)
        return ra != rb and self._roots_apart(ra, rb, strict)

    def _roots_apart(self, ra: str, rb: str, strict: bool) -> bool:
        """`apart`, of two different roots: `union` has found them already."""
        if self._judged_apart and self._blocked(ra, rb, self._judged_apart):
            return True
        return strict and bool(self._implied_apart) and self._blocked(ra, rb, self._implied_apart)

    def union(self, a: str, b: str, reason: str, score: float = 1.0, *, strict: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self._roots_apart(ra, rb, strict):
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self.reason.setdefault(a, (reason, score))
        self.reason.setdefault(b, (reason, score))
        return True
