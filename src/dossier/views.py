"""Views computed from statements: organisations, persons and events as the user sees them.

Nothing here is stored: a view is assembled from the statements and the id
mapping each time, so it always agrees with the truth in the store. The JSON
export, the terminal factsheet and (later) the web pages all read these views.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, NamedTuple

from dossier.decisions import Applied, apply_decisions
from dossier.model import DEATH_STATUSES, Schema, Statement
from dossier.resolve.names import raw_words
from dossier.resolve.organizations import initials_of, name_key
from dossier.store import Store, StoredImage
from dossier.store.editors import Decision, Editors
from dossier.text.names import fold_name, is_acronym

Evidence = dict[str, Any]

# Organisation properties exported as lists of {"value", ..., "evidence"}.
ORG_VALUE_PROPS = {
    "origin_country": "origin_country",
    "country": "countries",
    "ideology": "ideology",
    "goal": "goals",
    "funding": "funding",
    "method": "methods",
    "colours": "colours",
    "media": "media",
}


@dataclass
class KnowledgeBase:
    """Everything the views need, loaded once from a store."""

    statements: list[Statement]
    entity_of: dict[str, str]
    texts: dict[str, str]
    doc_ids: dict[str, str]  # document sha256 -> export id
    by_entity: dict[str, list[Statement]] = field(default_factory=dict)
    images: list[StoredImage] = field(default_factory=list)  # the documents' pictures, without their bytes
    versions: dict[str, tuple[str, str]] = field(default_factory=dict)  # entity -> (first stored, last changed)
    decisions: list[Decision] = field(default_factory=list)  # editors' decisions, oldest first
    review: Applied | None = None  # what the decisions withheld, confirmed or could not apply (for editors)
    _related: dict[str, set[str]] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, store: Store) -> KnowledgeBase:
        entity_of = store.resolution()
        texts = store.texts()
        decisions = Editors(store).decisions()
        # Editors' decisions first: a rejected value is in no view and no export.
        review = apply_decisions(list(store.statements()), decisions, entity_of, texts)
        statements = review.statements
        docs = store.documents()
        kb = cls(
            statements,
            entity_of,
            texts,
            {d.id: d.id[:12] for d in docs},
            images=store.images(),
            versions=store.entity_versions(),
            decisions=decisions,
            review=review,
        )
        # An entity a decision changed is changed then (STIX `modified`), as a build dates what it changes.
        for subject, at in review.changed.items():
            entity = kb.entity(subject)
            if entity in kb.versions and kb.versions[entity][1] < at:
                kb.versions[entity] = (kb.versions[entity][0], at)
        grouped: dict[str, list[Statement]] = defaultdict(list)
        for s in statements:
            grouped[kb.entity(s.subject)].append(s)
        # An undated report (a founding, a death) that joined no dated incident has no
        # place on a timeline: its statements stay stored, and are not shown.
        undated = {e for e, ss in grouped.items() if ss[0].schema is Schema.EVENT and all(s.prop != "date" for s in ss)}
        kb.by_entity = {e: ss for e, ss in grouped.items() if e not in undated}
        if undated:
            kb.statements = [s for s in statements if kb.entity(s.subject) not in undated]
        return kb

    def entity(self, key: str) -> str:
        return self.entity_of.get(key, key)

    def related_names(self, entity: str) -> set[str]:
        """The own names of the groups a relation ties to `entity`, either way."""
        if self._related is None:
            related: dict[str, set[str]] = defaultdict(set)
            for s in self.statements:
                if s.prop == "relation" and s.schema is Schema.ORGANIZATION:
                    a, b = self.entity(s.subject), self.entity(s.value)
                    if a != b:
                        related[a].add(b)
                        related[b].add(a)
            self._related = {
                e: {s.value for other in others for s in self.of(other, "name")} for e, others in related.items()
            }
        return self._related.get(entity, set())

    def evidence(self, statements: Iterable[Statement]) -> list[Evidence]:
        out, seen = [], set()
        for s in statements:
            ev = s.evidence
            marker = (ev.doc, ev.start, ev.end)
            if marker in seen:
                continue
            seen.add(marker)
            out.append(
                {
                    "doc": self.doc_ids.get(ev.doc, ev.doc[:12]),
                    "quote": self.texts.get(ev.doc, "")[ev.start : ev.end],
                    "start": ev.start,
                    "end": ev.end,
                }
            )
        return out

    def entities(self, schema: Schema) -> list[str]:
        return sorted(e for e, ss in self.by_entity.items() if ss and ss[0].schema is schema)

    def of(self, entity: str, prop: str) -> list[Statement]:
        return [s for s in self.by_entity.get(entity, []) if s.prop == prop]


def _grouped_values(kb: KnowledgeBase, statements: list[Statement], *qualifier_keys: str) -> list[dict[str, Any]]:
    """One item per distinct value (and qualifiers), with the evidence of every statement saying it."""
    groups: dict[tuple[Any, ...], list[Statement]] = defaultdict(list)
    for s in statements:
        key = (s.value, *(str(s.qualifiers.get(k, "")) for k in qualifier_keys))
        groups[key].append(s)
    out = []
    for (value, *_rest), group in groups.items():
        item: dict[str, Any] = {"value": value}
        for k in qualifier_keys:
            item[k] = group[0].qualifiers.get(k)
        item["evidence"] = kb.evidence(group)
        out.append(item)
    return out


# Extractors that read a group's name where a page mentions it in passing, not where it
# profiles it: a group's own pages name it best.
_PASSING_MENTIONS = frozenset({"relations", "groups"})


def _best_name(kb: KnowledgeBase, entity: str) -> str:
    stated = kb.of(entity, "name")
    profiled = [s for s in stated if s.extractor not in _PASSING_MENTIONS]
    names = Counter(s.value for s in profiled or stated)
    if not names:
        aliases = [s.value for s in kb.of(entity, "alias")]
        return aliases[0] if aliases else entity
    return sorted(names.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def _aliases(kb: KnowledgeBase, entity: str, name: str) -> list[dict[str, Any]]:
    groups: dict[str, list[Statement]] = defaultdict(list)
    first: dict[str, Statement] = {}
    others = _others_names(kb, entity)
    for s in kb.of(entity, "name") + kb.of(entity, "alias"):
        if s.value == name or (s.prop == "alias" and _names_other(s.value, others)):
            continue
        groups[s.value].append(s)
        first.setdefault(s.value, s)
    return [
        {
            "value": value,
            "kind": first[value].qualifiers.get("kind", "alias" if first[value].prop == "alias" else "variant"),
            "evidence": kb.evidence(group),
        }
        for value, group in groups.items()
    ]


def _others_names(kb: KnowledgeBase, entity: str) -> tuple[set[tuple[str, ...]], set[str]]:
    """The names (spelling keys), and their initials, of the groups related to `entity` that
    are none of its own names.

    A list of aliases can hold the name of a predecessor or a unit the documents
    profile apart ("aka ... Y; YZ"); shown with both groups, it would make them one.
    """
    own_names = [s.value for s in kb.of(entity, "name")]
    own = {name_key(n) for n in own_names}
    others = [n for n in kb.related_names(entity) if not is_acronym(n)]
    keys = {name_key(n) for n in others} - own - {()}
    own_initials = {i for n in own_names for i in initials_of(n)}
    return keys, {i for n in others if name_key(n) in keys for i in initials_of(n) if len(i) >= 3} - own_initials


def _names_other(alias: str, others: tuple[set[tuple[str, ...]], set[str]]) -> bool:
    if is_acronym(alias):
        return "".join(raw_words(alias)) in others[1]
    return name_key(alias) in others[0]


def organization(kb: KnowledgeBase, entity: str) -> dict[str, Any]:
    name = _best_name(kb, entity)
    org: dict[str, Any] = {"id": entity, "name": name, "aliases": _aliases(kb, entity, name)}
    for prop, out_key in ORG_VALUE_PROPS.items():
        org.setdefault(out_key, [])
        org[out_key].extend(_grouped_values(kb, kb.of(entity, prop)))
    org["founded"] = _grouped_values(kb, kb.of(entity, "founded"), "kind")
    org["size"] = [
        {
            "min": s.qualifiers.get("min"),
            "max": s.qualifiers.get("max"),
            "as_of": s.qualifiers.get("as_of", ""),
            "scope": s.qualifiers.get("scope", ""),
            "qualifier": s.qualifiers.get("qualifier", ""),
            "evidence": kb.evidence([s]),
        }
        for s in kb.of(entity, "size")
    ]
    org["leaders"] = _links(kb, kb.of(entity, "leader") + kb.of(entity, "founder"), "person", "role")
    # A relation whose two ends resolved to one entity (a former name of the group) says nothing.
    relations = [s for s in kb.of(entity, "relation") if kb.entity(s.value) != entity]
    org["relations"] = [{**item, "type": item["type"] or "related"} for item in _links(kb, relations, "target", "type")]
    org["designations"] = [
        {"by": item["value"], "date": item.get("date"), "evidence": item["evidence"]}
        for item in _grouped_values(kb, kb.of(entity, "designation"), "date")
    ]
    org["conflicts"] = organization_conflicts(kb, entity)
    return org


def _links(kb: KnowledgeBase, statements: list[Statement], target_key: str, kind_key: str) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str, str, str], list[Statement]] = defaultdict(list)
    for s in statements:
        kind = str(s.qualifiers.get(kind_key) or s.qualifiers.get("role") or "")
        key = (kb.entity(s.value), kind, str(s.qualifiers.get("start", "")), str(s.qualifiers.get("end", "")))
        groups[key].append(s)
    out = []
    for (target, kind, start, end), group in groups.items():
        item: dict[str, Any] = {
            target_key: target,
            kind_key: kind or None,
            "start": start or None,
            "end": end or None,
            "evidence": kb.evidence(group),
        }
        out.append(item)
    return out


def person(kb: KnowledgeBase, entity: str) -> dict[str, Any]:
    name = _best_name(kb, entity)
    return {
        "id": entity,
        "name": name,
        "aliases": _aliases(kb, entity, name),
        "born": _grouped_values(kb, kb.of(entity, "born")),
        "nationality": _grouped_values(kb, kb.of(entity, "nationality")),
        "status": _grouped_values(kb, kb.of(entity, "status"), "date"),
        "roles": _links(kb, kb.of(entity, "role"), "org", "role"),
        "conflicts": person_conflicts(kb, entity),
    }


# -- disagreements --------------------------------------------------------------------
#
# A conflict is two documents saying incompatible things about something that has one
# true value: where a group comes from, when it was founded (for each kind of founding),
# how many fighters it had in a given year, when a person was born or died, when a
# leader took over. Everything else that merely differs is not a conflict:
#
# - multi-valued properties (areas, aliases, ideology, funding, nationality) add up;
# - values that agree at the precision both give ("2007" and "2007-01");
# - sizes for different years form a series; a peak is not compared with a current
#   estimate, nor an estimate for one region with one for the whole group;
# - statuses other than death are events that can repeat (arrested twice, sentenced
#   by two courts), so only the date of death, and being alive after it, can clash;
# - a document that gives both values is not in dispute with itself: it usually
#   means two things (a predecessor's founding and the renaming), and taking it for
#   a dispute would mostly show extraction noise. Events keep their alternatives
#   (`alt_dates`, number ranges) in the event view and are left out here.
#
# Each conflict names the property, what distinguishes its values, a note for a
# person, and the contested values, each with the evidence of every statement
# that gives it.

# Size qualifiers that describe an estimate at one moment, compared with each other.
CURRENT_QUALIFIERS = frozenset({"", "approximate", "about", "current", "estimate"})
# Two size estimates whose ranges miss each other by less than this factor still
# agree: "800-1000" and "1,200" are the spread of any two estimates, not a dispute.
SIZE_TOLERANCE = 1.25


@dataclass(eq=False)  # compared by identity: two claims are never the same value
class _Claim:
    """One distinct value of a property and the statements (from any document) that give it."""

    key: Any
    statements: list[Statement]

    @property
    def docs(self) -> set[str]:
        return {s.evidence.doc for s in self.statements}


def _claims(statements: Iterable[Statement], key: Callable[[Statement], Any]) -> list[_Claim]:
    groups: dict[Any, list[Statement]] = defaultdict(list)
    for s in statements:
        groups[key(s)].append(s)
    return [_Claim(k, ss) for k, ss in groups.items()]


def _contested(claims: list[_Claim], agree: Callable[[Any, Any], bool]) -> list[_Claim]:
    """The claims that one document makes and another document contradicts.

    Claims x and y are in dispute when they do not `agree`, some document says x and
    nothing that agrees with y, and another document says y and nothing that agrees
    with x. `agree` must hold for a value and itself. Claims come back in their order.
    """
    said: dict[str, list[_Claim]] = defaultdict(list)
    for c in claims:
        for doc in c.docs:
            said[doc].append(c)

    def only(doc: str, x: _Claim, y: _Claim) -> bool:  # doc says x and nothing that agrees with y
        return x in said[doc] and not any(agree(z.key, y.key) for z in said[doc])

    hit: set[int] = set()
    for (i, x), (j, y) in combinations(enumerate(claims), 2):
        if agree(x.key, y.key):
            continue
        if any(only(a, x, y) and only(b, y, x) for a in x.docs for b in y.docs if a != b):
            hit.update((i, j))
    return [c for i, c in enumerate(claims) if i in hit]


def _dates_agree(a: str, b: str) -> bool:
    """ISO dates agree when they are equal at the precision both give: "2007" and "2007-01" do."""
    pa, pb = str(a).split("-"), str(b).split("-")
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]


def _after(a: str, b: str) -> bool:
    """Date `a` is later than `b` at the precision both give ("2012-08" is not after "2012")."""
    pa, pb = str(a).split("-"), str(b).split("-")
    n = min(len(pa), len(pb))
    return pa[:n] > pb[:n]


def _sizes_agree(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> bool:
    """Two estimates agree when their ranges meet, allowing the `SIZE_TOLERANCE` gap; open ends are open."""
    lo_a, hi_a = a[0] or 0, math.inf if a[1] is None else a[1]
    lo_b, hi_b = b[0] or 0, math.inf if b[1] is None else b[1]
    return hi_a * SIZE_TOLERANCE >= lo_b and hi_b * SIZE_TOLERANCE >= lo_a


def _listing(values: Iterable[str]) -> str:
    return ", ".join(values)


def _sides(values: list[str], agree: Callable[[str, str], bool]) -> str:
    """The contested values as the sides of the dispute: "1991 or 1991-05 versus 1993".

    Values that agree are one side; where agreement does not split them into sides
    ("2007" agrees with both "2007-01" and "2007-03") they are simply listed.
    """
    sides: list[list[str]] = []
    for v in values:
        joined = [side for side in sides if any(agree(v, w) for w in side)]
        merged = [v] + [w for side in joined for w in side]
        sides = [side for side in sides if side not in joined] + [sorted(merged)]
    if len(sides) < 2:
        return _listing(values)
    return " versus ".join(" or ".join(side) for side in sorted(sides))


def _docs_phrase(claims: list[_Claim]) -> str:
    n = len(set().union(*(c.docs for c in claims)))
    return f"{n} documents" if n != 1 else "1 document"


def _conflict(
    kb: KnowledgeBase, prop: str, note: str, claims: list[_Claim], item: Callable[[_Claim], dict[str, Any]], **keys: Any
) -> dict[str, Any]:
    return {
        "property": prop,
        **keys,
        "note": note,
        "values": [{**item(c), "evidence": kb.evidence(c.statements)} for c in claims],
    }


def _single_valued(
    kb: KnowledgeBase,
    prop: str,
    statements: list[Statement],
    agree: Callable[[Any, Any], bool],
    what: str,
    **keys: Any,
) -> dict[str, Any] | None:
    """A property with one true value: the values different documents give that do not agree."""
    contested = sorted(_contested(_claims(statements, lambda s: s.value), agree), key=lambda c: str(c.key))
    if not contested:
        return None
    note = (
        f"Sources give different {what}: {_sides([str(c.key) for c in contested], agree)} ({_docs_phrase(contested)})."
    )
    return _conflict(kb, prop, note, contested, lambda c: {"value": c.key}, **keys)


def organization_conflicts(kb: KnowledgeBase, entity: str) -> list[dict[str, Any]]:
    """Where the documents about a group disagree: origin, founding (per kind), size, leaders' periods."""
    out: list[dict[str, Any]] = []
    origin = _single_valued(
        kb, "origin_country", kb.of(entity, "origin_country"), lambda a, b: a == b, "countries of origin"
    )
    if origin:
        out.append(origin)
    out.extend(_founded_conflicts(kb, kb.of(entity, "founded")))
    out.extend(_size_conflicts(kb, kb.of(entity, "size")))
    out.extend(_period_conflicts(kb, kb.of(entity, "leader") + kb.of(entity, "founder"), "leaders", "person"))
    return out


def _founded_conflicts(kb: KnowledgeBase, statements: list[Statement]) -> list[dict[str, Any]]:
    """Founding dates disagree within one kind (founded, renamed, split, merged), never across kinds.

    When a contested date agrees with the date another kind has (a source that says
    "founded 2007" where others say "renamed 2007"), the note says so: that is often
    what separates the values, one source counting from the predecessor and another
    from the renaming.
    """
    by_kind: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        by_kind[str(s.qualifiers.get("kind") or "founded")].append(s)
    out = []
    for kind, group in by_kind.items():
        conflict = _single_valued(kb, "founded", group, _dates_agree, f"dates for when it was {kind}", kind=kind)
        if not conflict:
            continue
        hints = []
        for item in conflict["values"]:
            others = sorted(
                {
                    other
                    for other, those in by_kind.items()
                    if other != kind and any(_dates_agree(item["value"], s.value) for s in those)
                }
            )
            if others:
                hints.append(f"{item['value']} is also given as the date it was {' or '.join(others)}")
                item["also"] = others
        if hints:
            conflict["note"] += " " + "; ".join(hints) + "."
        out.append(conflict)
    return out


def _size_class(qualifier: str) -> str:
    """ "" for an estimate at one moment (plain, approximate, current), else the qualifier ("peak")."""
    q = qualifier.strip().lower()
    return "" if q in CURRENT_QUALIFIERS else q


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class _SizeKey(NamedTuple):
    """What two estimates must share to be compared: year, scope (folded) and kind."""

    as_of: str
    scope: str
    kind: str


def _size_conflicts(kb: KnowledgeBase, statements: list[Statement]) -> list[dict[str, Any]]:
    """Size estimates disagree only when they are for the same year (or both have none),
    the same scope (one region, or the whole group) and the same kind (a peak, or an
    estimate at one moment), come from different documents and do not overlap.

    Each conflict's note says which other estimates were not compared and what
    distinguishes them: other years (a series over time, not a contradiction), a
    peak versus a current figure, a region versus the whole group.
    """
    groups: dict[_SizeKey, list[Statement]] = defaultdict(list)
    for s in statements:
        q = s.qualifiers
        groups[
            _SizeKey(
                str(q.get("as_of") or ""),
                str(q.get("scope") or "").casefold(),
                _size_class(str(q.get("qualifier") or "")),
            )
        ].append(s)
    out = []
    for key, group in groups.items():
        claims = _claims(group, lambda s: (s.qualifiers.get("min"), s.qualifiers.get("max")))
        contested = _contested(claims, _sizes_agree)
        if not contested:
            continue
        contested.sort(key=lambda c: (c.key[0] or 0, math.inf if c.key[1] is None else c.key[1]))
        scope = str(group[0].qualifiers.get("scope") or "")
        what = " ".join(
            (
                f"{key.kind.capitalize()} estimates" if key.kind else "Estimates",
                f"for {scope}" if scope else "of the whole group",
                f"for {key.as_of}" if key.as_of else "with no year",
            )
        )
        note = f"{what} do not overlap ({_plural(len(contested), 'estimate')} from {_docs_phrase(contested)})."
        left_out = _size_left_out(groups, key)
        if left_out:
            note += " Not compared with them: " + "; ".join(left_out) + "."
        out.append(
            _conflict(
                kb,
                "size",
                note,
                contested,
                lambda c: {
                    "min": c.key[0],
                    "max": c.key[1],
                    "as_of": str(c.statements[0].qualifiers.get("as_of") or ""),
                    "scope": str(c.statements[0].qualifiers.get("scope") or ""),
                    "qualifier": str(c.statements[0].qualifiers.get("qualifier") or ""),
                },
                as_of=key.as_of,
                scope=scope,
                qualifier=key.kind,
            )
        )
    return out


def _size_left_out(groups: dict[_SizeKey, list[Statement]], this: _SizeKey) -> list[str]:
    """The other estimates, by what distinguishes them from the group `this` compares."""
    years: set[str] = set()
    undated: set[tuple[Any, ...]] = set()
    kinds: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    regions: dict[str, str] = {}
    for key, group in groups.items():
        estimates = {(s.qualifiers.get("min"), s.qualifiers.get("max"), key.as_of) for s in group}
        if key.scope != this.scope:
            regions[key.scope] = str(group[0].qualifiers.get("scope") or "") or "the whole group"
        elif key.kind != this.kind:
            kinds[key.kind or "current"] |= estimates
        elif key.as_of != this.as_of:
            if key.as_of:
                years.add(key.as_of)
            else:
                undated |= estimates
    out = []
    if years:
        out.append(f"estimates for {_listing(sorted(years))}, a series over time")
    if undated:
        out.append(f"{_plural(len(undated), 'estimate')} with no year")
    out.extend(f"{_plural(len(found), kind + ' estimate')}" for kind, found in sorted(kinds.items()))
    if regions:
        out.append(f"estimates for {_listing(sorted(regions.values()))}")
    return out


def _period_conflicts(
    kb: KnowledgeBase, statements: list[Statement], prop: str, target_key: str
) -> list[dict[str, Any]]:
    """A leadership (one person, one role, one group) has one start and one end: different
    dates from different documents for either are a conflict. Statements without a
    period say nothing about it and are left out.
    """
    by_link: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for s in statements:
        by_link[(kb.entity(s.value), str(s.qualifiers.get("role") or s.prop))].append(s)
    out = []
    for (target, role), group in sorted(by_link.items()):
        for bound in ("start", "end"):
            dated = [s for s in group if s.qualifiers.get(bound)]
            contested = _contested(_claims(dated, _qualifier(bound)), _dates_agree)
            if not contested:
                continue
            contested.sort(key=lambda c: str(c.key))
            note = (
                f"Sources give different {bound} dates for {_best_name(kb, target)} as {role}: "
                f"{_sides([str(c.key) for c in contested], _dates_agree)} ({_docs_phrase(contested)})."
            )
            out.append(
                _conflict(
                    kb,
                    prop,
                    note,
                    contested,
                    lambda c: {"value": c.key},
                    **{target_key: target},
                    role=role,
                    field=bound,
                )
            )
    return out


def _qualifier(key: str) -> Callable[[Statement], str]:
    return lambda s: str(s.qualifiers.get(key) or "")


def person_conflicts(kb: KnowledgeBase, entity: str) -> list[dict[str, Any]]:
    """Where the documents about a person disagree: year of birth, death, and periods in a role."""
    out: list[dict[str, Any]] = []
    born = _single_valued(kb, "born", kb.of(entity, "born"), _dates_agree, "dates of birth")
    if born:
        out.append(born)
    death = _death_conflict(kb, kb.of(entity, "status"))
    if death:
        out.append(death)
    out.extend(_period_conflicts(kb, kb.of(entity, "role"), "roles", "org"))
    return out


def _death_conflict(kb: KnowledgeBase, statements: list[Statement]) -> dict[str, Any] | None:
    """A person dies once: dated deaths that do not agree, or being alive after a dated
    death, are a conflict. Undated statuses cannot clash with a date and are left out;
    the other statuses (arrested, sentenced, released) can happen more than once.
    """
    dated = [s for s in statements if s.qualifiers.get("date") and (s.value in DEATH_STATUSES or s.value == "alive")]
    claims = _claims(dated, lambda s: (s.value, str(s.qualifiers["date"])))

    def agree(a: tuple[str, str], b: tuple[str, str]) -> bool:
        if a[0] == "alive" and b[0] == "alive":
            return True
        if a[0] == "alive":
            return not _after(a[1], b[1])
        if b[0] == "alive":
            return not _after(b[1], a[1])
        return _dates_agree(a[1], b[1])

    contested = sorted(_contested(claims, agree), key=lambda c: c.key[1])
    if not contested:
        return None
    deaths = [c.key[1] for c in contested if c.key[0] != "alive"]
    alive = [c.key[1] for c in contested if c.key[0] == "alive"]
    parts = []
    if any(not _dates_agree(d, e) for d, e in combinations(deaths, 2)):
        parts.append(f"Sources give different dates of death: {_sides(deaths, _dates_agree)}")
    if alive:
        parts.append(f"reported alive on {_listing(alive)} after a reported death on {_listing(deaths)}")
    note = "; ".join(parts)
    note = note[:1].upper() + note[1:] + f" ({_docs_phrase(contested)})."
    return _conflict(kb, "status", note, contested, lambda c: {"value": c.key[0], "date": c.key[1]}, field="date")


def event(kb: KnowledgeBase, entity: str) -> dict[str, Any]:
    statements = kb.by_entity.get(entity, [])
    dates = [s.value for s in kb.of(entity, "date")]
    date = max(dates, key=lambda d: (len(d), dates.count(d))) if dates else None
    types: list[str] = []
    for s in kb.of(entity, "type"):
        if s.value not in types:
            types.append(s.value)
    countries = Counter(s.value for s in kb.of(entity, "country"))
    places = Counter(s.value for s in kb.of(entity, "place"))
    summaries = [s.value for s in kb.of(entity, "summary")]
    return {
        "id": entity,
        "date": date,
        "alt_dates": sorted({d for d in dates if d != date and not date.startswith(d)}) if date else [],
        "end_date": next((s.value for s in kb.of(entity, "end_date")), None),
        "types": types,
        "country": countries.most_common(1)[0][0] if countries else None,
        "place": places.most_common(1)[0][0] if places else None,
        "killed": _span(kb.of(entity, "killed")),
        "wounded": _span(kb.of(entity, "wounded")),
        "hostages": _span(kb.of(entity, "hostages")),
        "perpetrators": sorted({kb.entity(s.value) for s in kb.of(entity, "perpetrator")}),
        "summary": summaries[0] if summaries else "",
        "evidence": kb.evidence(statements),
    }


def timeline(kb: KnowledgeBase, org_entity: str) -> list[dict[str, Any]]:
    """The events a group is named perpetrator of (or that its profiles list), oldest first."""
    entities = {
        kb.entity(s.subject) for s in kb.statements if s.prop == "perpetrator" and kb.entity(s.value) == org_entity
    }
    events = [event(kb, e) for e in entities]
    return sorted(events, key=lambda e: (e["date"] or "9999", e["id"]))


def _span(statements: list[Statement]) -> dict[str, int | None] | None:
    """The range all sources give for a number: the lowest minimum and the highest maximum."""
    if not statements:
        return None
    mins = [s.qualifiers.get("min") for s in statements]
    maxs = [s.qualifiers.get("max") for s in statements]
    lo = min((m for m in mins if m is not None), default=None)
    hi = None if any(m is None for m in maxs) else max(m for m in maxs if m is not None)
    if lo is not None and hi is not None and hi < lo:
        hi = lo
    return {"min": lo, "max": hi}


def find_organizations(kb: KnowledgeBase, query: str) -> list[str]:
    """Organisation entities whose name or alias matches `query` (folded), best first."""
    wanted = fold_name(query)
    exact, partial = [], []
    for entity in kb.entities(Schema.ORGANIZATION):
        names = {fold_name(s.value) for s in kb.of(entity, "name") + kb.of(entity, "alias")}
        if wanted in names:
            exact.append(entity)
        elif any(wanted in n for n in names):
            partial.append(entity)
    return exact + partial


def document_summaries(store: Store) -> list[dict[str, Any]]:
    return [
        {
            "id": d.id[:12],
            "path": d.path,
            "title": d.title,
            "lang": d.lang,
            "publisher": d.publisher,
            "sha256": d.id,
            "format": d.format,
        }
        for d in store.documents()
    ]


# -- what an analyst reads first ---------------------------------------------------------
#
# A factsheet opens with its key facts in the order of the NCTV's knowledge base
# (name and aliases, origin and areas, classification and ideology, goals, size,
# leader, colours and symbols, last activity, last change). Each is the value the
# most documents give (then the most quotes), with its evidence; the count of the
# others it was chosen from; and whether sources disagree about it (a conflict of
# `organization_conflicts`), so the page can send the reader to both sides.

# How many aliases and areas the header names; the full lists follow in the sheet.
HEADER_ALIASES = 3
HEADER_AREAS = 6


def _support(item: dict[str, Any]) -> tuple[int, int]:
    evidence = item.get("evidence") or []
    return len({ev["doc"] for ev in evidence}), len(evidence)


def best_supported(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items, the best-supported first (most documents, then most quotes); ties keep their order."""
    return sorted(items, key=_support, reverse=True)


def current_status(statuses: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A person's status now: the latest dated one; without dates, the best-supported."""
    dated = [s for s in statuses if s.get("date")]
    if dated:
        return max(dated, key=lambda s: (str(s["date"]), _support(s)))
    ranked = best_supported(statuses)
    return ranked[0] if ranked else None


def relation_rows(relations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per relation type and related group, with every period sources give and all their quotes."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for rel in relations:
        row = rows.setdefault(
            (rel["type"], rel["target"]), {"type": rel["type"], "target": rel["target"], "periods": [], "evidence": []}
        )
        if rel.get("start") or rel.get("end"):
            row["periods"].append({"start": rel.get("start"), "end": rel.get("end"), "evidence": rel["evidence"]})
        seen = {(e["doc"], e["start"], e["end"]) for e in row["evidence"]}
        row["evidence"].extend(e for e in rel["evidence"] if (e["doc"], e["start"], e["end"]) not in seen)
    for row in rows.values():
        row["periods"].sort(key=lambda p: (str(p["start"] or ""), str(p["end"] or "")))
    return sorted(rows.values(), key=lambda r: (r["type"], r["target"]))


def _fact(items: list[dict[str, Any]], disagree: bool = False) -> dict[str, Any] | None:
    ranked = best_supported(items)
    if not ranked:
        return None
    return {**ranked[0], "others": len(ranked) - 1, "disagree": disagree}


def _latest_size(sizes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The latest estimate of the whole group at one moment (a peak or a region's only when there is no other)."""

    def rank(s: dict[str, Any]) -> tuple[bool, bool, str, tuple[int, int]]:
        current = _size_class(str(s.get("qualifier") or "")) == ""
        return (not s.get("scope") and current, bool(s.get("as_of")), str(s.get("as_of") or ""), _support(s))

    return max(sizes, key=rank) if sizes else None


def _current_leader(kb: KnowledgeBase, leaders: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The leader now: one whose period has not ended and who is not reported dead, the latest to start;
    failing that, the latest to start. A founder counts only when no one else is named leader."""
    named = [item for item in leaders if (item.get("role") or "") != "founder"] or leaders
    if not named:
        return None
    status = {p: current_status(person(kb, p)["status"]) for p in {item["person"] for item in named}}

    def rank(item: dict[str, Any]) -> tuple[bool, str, tuple[int, int]]:
        now = status.get(item["person"])
        gone = bool(item.get("end")) or bool(now and now["value"] in DEATH_STATUSES)
        return (not gone, str(item.get("start") or ""), _support(item))

    chosen = max(named, key=rank)
    return {**chosen, "status": status.get(chosen["person"]), "others": len({i["person"] for i in named}) - 1}


def key_facts(kb: KnowledgeBase, org: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """The header of a group's factsheet (see above); `events` are the group's, any order."""
    disputed = {c["property"] for c in org["conflicts"]}
    size = _latest_size(org["size"])
    if size is not None:
        size_disputed = any(
            c["property"] == "size" and c.get("as_of") == (size.get("as_of") or "") for c in org["conflicts"]
        )
        size = {**size, "others": len(org["size"]) - 1, "disagree": size_disputed}
    founded = [f for f in org["founded"] if (f.get("kind") or "founded") == "founded"] or org["founded"]
    dated = [e for e in events if e.get("date")]
    last = max(dated, key=lambda e: (e["date"], e["id"])) if dated else None
    leader = _current_leader(kb, org["leaders"])
    if leader is not None:
        leader["disagree"] = "leaders" in disputed
    involved = [org["id"], *(e["id"] for e in events), *(item["person"] for item in org["leaders"])]
    changes = [kb.versions[e][1] for e in involved if e in kb.versions]
    return {
        "name": {
            "value": org["name"],
            "evidence": kb.evidence(s for s in kb.of(org["id"], "name") if s.value == org["name"]),
        },
        "aliases": best_supported(org["aliases"])[:HEADER_ALIASES],
        "aliases_total": len(org["aliases"]),
        "origin": _fact(org["origin_country"], "origin_country" in disputed),
        "founded": _fact(founded, "founded" in disputed),
        "areas": best_supported(org["countries"])[:HEADER_AREAS],
        "areas_total": len(org["countries"]),
        "designations": sorted(org["designations"], key=lambda d: (str(d["by"]), str(d.get("date") or ""))),
        "ideology": _fact(org["ideology"]),
        "goals": _fact(org["goals"]),
        "size": size,
        "leader": leader,
        "colours": _fact(org["colours"]),
        "last_activity": last,
        "changed": max(changes) if changes else None,
    }


# -- pictures ----------------------------------------------------------------------------


def pictures(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every document's pictures, each with its evidence and the groups it belongs to.

    A picture belongs to the groups its caption or alt text names; one whose words
    name no group belongs to its document's group (the one most of the document's
    statements are about), as a logo at the head of a profile does.
    """
    if not kb.images:
        return []
    names: list[tuple[str, str]] = []  # (" folded name ", entity)
    for entity in kb.entities(Schema.ORGANIZATION):
        for value in {s.value for s in kb.of(entity, "name") + kb.of(entity, "alias")}:
            folded = fold_name(value)
            if len(folded) >= 3:
                names.append((f" {folded} ", entity))
    with_images = {im.doc_id for im in kb.images}
    per_doc: dict[str, Counter[str]] = defaultdict(Counter)
    for entity, statements in kb.by_entity.items():
        if statements and statements[0].schema is Schema.ORGANIZATION:
            for s in statements:
                if s.evidence.doc in with_images:
                    per_doc[s.evidence.doc][entity] += 1
    out = []
    for im in kb.images:
        words = f" {fold_name(im.caption + ' ' + im.alt)} "
        groups = sorted({entity for name, entity in names if name in words})
        if not groups and per_doc.get(im.doc_id):
            groups = [per_doc[im.doc_id].most_common(1)[0][0]]
        quoted = 0 <= im.start < im.end
        out.append(
            {
                "id": im.sha256,
                "media_type": im.media_type,
                "width": im.width,
                "height": im.height,
                "alt": im.alt,
                "caption": im.caption,
                "doc": kb.doc_ids.get(im.doc_id, im.doc_id[:12]),
                "evidence": [
                    {
                        "doc": kb.doc_ids.get(im.doc_id, im.doc_id[:12]),
                        "quote": kb.texts.get(im.doc_id, "")[im.start : im.end],
                        "start": im.start,
                        "end": im.end,
                    }
                ]
                if quoted
                else [],
                "groups": groups,
            }
        )
    return out
