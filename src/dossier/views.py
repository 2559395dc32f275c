"""Views computed from statements: organisations, persons and events as the user sees them.

Nothing here is stored: a view is assembled from the statements and the id
mapping each time, so it always agrees with the truth in the store. The JSON
export, the terminal factsheet and (later) the web pages all read these views.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dossier.model import Schema, Statement
from dossier.resolve.names import fold_name
from dossier.store import Store

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

    @classmethod
    def load(cls, store: Store) -> KnowledgeBase:
        statements = list(store.statements())
        entity_of = store.resolution()
        docs = store.documents()
        kb = cls(statements, entity_of, store.texts(), {d.id: d.id[:12] for d in docs})
        grouped: dict[str, list[Statement]] = defaultdict(list)
        for s in statements:
            grouped[kb.entity(s.subject)].append(s)
        kb.by_entity = dict(grouped)
        return kb

    def entity(self, key: str) -> str:
        return self.entity_of.get(key, key)

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


def _best_name(kb: KnowledgeBase, entity: str) -> str:
    names = Counter(s.value for s in kb.of(entity, "name"))
    if not names:
        aliases = [s.value for s in kb.of(entity, "alias")]
        return aliases[0] if aliases else entity
    return sorted(names.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def _aliases(kb: KnowledgeBase, entity: str, name: str) -> list[dict[str, Any]]:
    groups: dict[str, list[Statement]] = defaultdict(list)
    first: dict[str, Statement] = {}
    for s in kb.of(entity, "name") + kb.of(entity, "alias"):
        if s.value == name:
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
    org["conflicts"] = []
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
    }


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
