"""Mentions: what the statements say about each mention key, gathered for resolution."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from dossier.model import REFERENCE_PROPS, Schema, Statement, schema_of


@dataclass
class Mention:
    key: str
    schema: Schema
    names: set[str] = field(default_factory=set)
    props: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # name -> the kinds its statements give it ("" for a name, "acronym", "surname", ...)
    kinds: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # (type, other mention key) for every relation this mention states (but for a part it split into)
    relations: set[tuple[str, str]] = field(default_factory=set)

    @property
    def doc(self) -> str:
        """The (short) id of the document the mention comes from."""
        return self.key.split(":", 2)[1] if self.key.count(":") >= 2 else ""


def mentions(statements: Iterable[Statement]) -> dict[str, Mention]:
    out: dict[str, Mention] = {}
    for s in statements:
        m = out.setdefault(s.subject, Mention(s.subject, s.schema))
        if s.prop in ("name", "alias"):
            m.names.add(s.value)
            m.kinds[s.value].add(str(s.qualifiers.get("kind", "")) if s.prop == "alias" else "")
        m.props[s.prop].add(s.value)
        if s.prop == "date" and s.qualifiers.get("basis"):
            m.props["date_basis"].add(str(s.qualifiers["basis"]))
        if s.prop in REFERENCE_PROPS and s.value not in out:
            out[s.value] = Mention(s.value, schema_of(s.value))
        if s.prop in REFERENCE_PROPS and not s.qualifiers.get("part"):
            # A part a group split into may be the group itself under another name: it tells no two apart.
            m.relations.add((str(s.qualifiers.get("type", s.prop)), s.value))
    return out
