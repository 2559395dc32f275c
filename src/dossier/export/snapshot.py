"""What every export reads: the views of a whole knowledge base, loaded once, and the
factsheet fields of each entity as short texts with their evidence.

Exports never derive facts of their own: they take the organisation, person and
event views of `dossier.views` and only change how those look. The `*_fields`
functions below say, once for all formats, how a view's values read to a person
("1991 (founded)", "emir, Some Name (2004–2020)"): the STIX descriptions, the
FollowTheMoney notes and the printable factsheet all show the same lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from babel import Locale

from dossier.model import ATTACK_TYPES, Schema
from dossier.store import Store
from dossier.views import KnowledgeBase, document_summaries, event, organization, person

View = dict[str, Any]
Evidence = list[dict[str, Any]]


@dataclass
class Snapshot:
    """The views of one knowledge base: documents, organisations, persons, events."""

    kb: KnowledgeBase
    documents: list[View]
    organizations: list[View]
    persons: list[View]
    events: list[View]
    texts: dict[str, str] = field(default_factory=dict)  # export document id -> plain text
    changed_at: str | None = None  # when the knowledge base last changed (ISO 8601, UTC): see Store.last_change
    versions: dict[str, tuple[str, str]] = field(default_factory=dict)  # entity -> (first stored, last changed)

    @classmethod
    def load(cls, store: Store) -> Snapshot:
        kb = KnowledgeBase.load(store)
        events = [event(kb, e) for e in kb.entities(Schema.EVENT)]
        events.sort(key=lambda e: (e["date"] or "", e["id"]))
        documents = document_summaries(store)
        texts = kb.texts  # document sha256 -> plain text
        return cls(
            kb,
            documents,
            [organization(kb, e) for e in kb.entities(Schema.ORGANIZATION)],
            [person(kb, e) for e in kb.entities(Schema.PERSON)],
            events,
            {d["id"]: texts.get(d["sha256"], "") for d in documents},
            store.last_change(),
            kb.versions,  # as the store keeps them, and later where an editor's decision changed an entity
        )

    @cached_property
    def names(self) -> dict[str, str]:
        """Entity id -> the name a person reads (events: date and types)."""
        out = {v["id"]: v["name"] for v in self.organizations + self.persons}
        out |= {e["id"]: event_name(e) for e in self.events}
        return out

    def name_evidence(self, view: View) -> Evidence:
        """The quotes that give an entity's name (the views carry none for the name itself)."""
        entity, name = view["id"], view["name"]
        statements = [s for s in self.kb.of(entity, "name") + self.kb.of(entity, "alias") if s.value == name]
        return self.kb.evidence(statements)

    def org_fields(self, org: View) -> list[Field]:
        """An organisation's factsheet lines, its name (with the quotes that give it) first."""
        return organization_fields(org, self.names, self.name_evidence(org))

    def person_fields(self, p: View) -> list[Field]:
        return person_fields(p, self.names, self.name_evidence(p))

    @cached_property
    def document(self) -> dict[str, View]:
        return {d["id"]: d for d in self.documents}

    def terrorist(self) -> set[str]:
        """Organisations designated by someone, or named perpetrator of an attack."""
        out = {o["id"] for o in self.organizations if o["designations"]}
        for e in self.events:
            if ATTACK_TYPES & set(e["types"]):
                out.update(e["perpetrators"])
        return out

    def members_of_terrorist(self) -> set[str]:
        """Persons who hold a role in (or lead) an organisation of `terrorist()`."""
        groups = self.terrorist()
        out = {p["id"] for p in self.persons if any(r["org"] in groups for r in p["roles"])}
        for o in self.organizations:
            if o["id"] in groups:
                out.update(leader["person"] for leader in o["leaders"])
        return out


def document_label(doc: View) -> str:
    return str(doc.get("title") or doc.get("path") or doc["id"])


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """ "Mali" for "ML"; the code itself when CLDR has no English name for it ("UN", "EU")."""
    special = {"UN": "United Nations", "EU": "European Union"}
    if code in special:
        return special[code]
    name = Locale("en").territories.get(code.upper())
    return str(name) if name else code


def period(item: View) -> str:
    start, end = item.get("start"), item.get("end")
    if start or end:
        return f" ({start or '?'}–{end or ''})"
    return ""


def number(span: View | None) -> str:
    """ "28", "100–1000", "at most 2000", "at least 30"."""
    if not span:
        return ""
    lo, hi = span.get("min"), span.get("max")
    if lo == hi:
        return str(lo)
    if lo is None:
        return f"at most {hi}"
    if hi is None:
        return f"at least {lo}"
    return f"{lo}–{hi}"


def size_text(item: View) -> str:
    return (
        number(item)
        + (f" (as of {item['as_of']})" if item.get("as_of") else "")
        + (f" {item['qualifier']}" if item.get("qualifier") else "")
        + (f" in {item['scope']}" if item.get("scope") else "")
    )


def event_name(e: View) -> str:
    where = e.get("place") or (country_name(e["country"]) if e.get("country") else "")
    what = ", ".join(t.replace("_", " ") for t in e["types"]) or "event"
    return f"{e['date'] or 'undated'} {what}" + (f" in {where}" if where else "")


@dataclass(frozen=True)
class Line:
    """One value of a field as a person reads it, with the evidence for it."""

    text: str
    evidence: Evidence


@dataclass(frozen=True)
class Field:
    key: str  # the view's key ("countries")
    label: str  # what a person reads ("Areas")
    lines: list[Line]


def _field(key: str, label: str, items: list[View], fmt: Callable[[View], str]) -> Field:
    return Field(key, label, [Line(fmt(i), i["evidence"]) for i in items])


def _name(view: View, evidence: Evidence | None) -> list[Field]:
    return [Field("name", "Name", [Line(view["name"], evidence)])] if evidence else []


def organization_fields(org: View, names: dict[str, str], name_evidence: Evidence | None = None) -> list[Field]:
    """The factsheet's lines; with `name_evidence`, the name first (an export of the group itself)."""

    def named(entity: str) -> str:
        return names.get(entity, entity)

    fields = _name(org, name_evidence) + [
        _field(
            "aliases",
            "Aliases",
            org["aliases"],
            lambda i: f"{i['value']} ({(i.get('kind') or 'alias').replace('_', ' ')})",
        ),
        _field("origin_country", "Origin", org["origin_country"], lambda i: country_name(i["value"])),
        _field("countries", "Areas", org["countries"], lambda i: country_name(i["value"])),
        _field("founded", "Founded", org["founded"], lambda i: f"{i['value']} ({i.get('kind') or 'founded'})"),
        _field("ideology", "Ideology", org["ideology"], lambda i: i["value"]),
        _field("goals", "Goals", org.get("goals", []), lambda i: i["value"]),
        _field("size", "Size", org["size"], size_text),
        _field(
            "leaders",
            "Leaders",
            org["leaders"],
            lambda i: f"{named(i['person'])}, {i.get('role') or 'leader'}{period(i)}",
        ),
        _field(
            "relations",
            "Relations",
            org["relations"],
            lambda i: f"{i['type'].replace('_', ' ')}: {named(i['target'])}{period(i)}",
        ),
        _field(
            "designations",
            "Designated by",
            org["designations"],
            lambda i: country_name(i["by"]) + (f" ({i['date']})" if i.get("date") else ""),
        ),
        _field("funding", "Funding", org["funding"], lambda i: i["value"]),
        _field("methods", "Methods", org.get("methods", []), lambda i: i["value"]),
        _field("colours", "Colours", org.get("colours", []), lambda i: i["value"]),
        _field("media", "Media", org.get("media", []), lambda i: i["value"]),
    ]
    return [f for f in fields if f.lines]


def person_fields(p: View, names: dict[str, str], name_evidence: Evidence | None = None) -> list[Field]:
    fields = _name(p, name_evidence) + [
        _field("aliases", "Aliases", p["aliases"], lambda i: i["value"]),
        _field("born", "Born", p["born"], lambda i: i["value"]),
        _field("nationality", "Nationality", p["nationality"], lambda i: country_name(i["value"])),
        _field("status", "Status", p["status"], lambda i: i["value"] + (f" {i['date']}" if i.get("date") else "")),
        _field(
            "roles",
            "Roles",
            p["roles"],
            lambda i: f"{i.get('role') or 'member'}, {names.get(i['org'], i['org'])}{period(i)}",
        ),
    ]
    return [f for f in fields if f.lines]


def event_fields(e: View, names: dict[str, str]) -> list[Field]:
    """An event's evidence is the event's own (the quotes that report it), for every line."""
    rows = [
        ("date", "Date", (e["date"] or "") + (f" (also given: {', '.join(e['alt_dates'])})" if e["alt_dates"] else "")),
        ("end_date", "Until", e.get("end_date") or ""),
        ("types", "Type", ", ".join(e["types"])),
        ("place", "Where", ", ".join(x for x in (e.get("place"), e.get("country")) if x)),
        ("killed", "Killed", number(e.get("killed"))),
        ("wounded", "Wounded", number(e.get("wounded"))),
        ("hostages", "Hostages", number(e.get("hostages"))),
        ("perpetrators", "Perpetrators", "; ".join(names.get(p, p) for p in e["perpetrators"])),
        ("summary", "Summary", e["summary"]),
    ]
    return [Field(key, label, [Line(text, e["evidence"])]) for key, label, text in rows if text]


def conflict_lines(conflict: View) -> Iterator[Line]:
    """The competing values of a conflict, each with its evidence."""
    for value in conflict["values"]:
        if conflict["property"] == "size":
            text = size_text(value)
        else:
            text = str(value.get("value", "")) + (f" {value['date']}" if value.get("date") else "")
        yield Line(text, value["evidence"])


def evidence_of(fields: list[Field]) -> Evidence:
    """Every distinct evidence object of some fields, in order."""
    out, seen = [], set()
    for f in fields:
        for line in f.lines:
            for ev in line.evidence:
                key = (ev["doc"], ev["start"], ev["end"])
                if key not in seen:
                    seen.add(key)
                    out.append(ev)
    return out


def memberships(snap: Snapshot) -> list[View]:
    """Each (person, organisation, role, period) once, from both ends: a group's leaders
    and a person's roles, with the evidence of every statement that gives it."""
    found: dict[tuple[str, str, str, str, str], Evidence] = {}
    items = [(leader["person"], o["id"], leader) for o in snap.organizations for leader in o["leaders"]]
    items += [(p["id"], role["org"], role) for p in snap.persons for role in p["roles"]]
    for person_id, org_id, item in items:
        key = (person_id, org_id, item.get("role") or "", item.get("start") or "", item.get("end") or "")
        evidence = found.setdefault(key, [])
        seen = {(ev["doc"], ev["start"], ev["end"]) for ev in evidence}
        evidence.extend(ev for ev in item["evidence"] if (ev["doc"], ev["start"], ev["end"]) not in seen)
    return [
        {"person": p, "org": o, "role": role or None, "start": start or None, "end": end or None, "evidence": ev}
        for (p, o, role, start, end), ev in sorted(found.items())
    ]
