"""Editors' decisions applied to the statements, on every load of the knowledge base.

A decision names what it judges by content, never by a row id: the mention
keys of the entity (derived from the document's hash and the name, so a
rebuild gives the same), the property and value, and each quote as the
document's hash and the quote's text. A decision made before a rebuild, even
one with new extractors, so still finds its statements: through a mention key
of the entity, or else through a quote that says the same value.

- reject / confirm / restore: of one value of an entity; the latest that
  matches a statement holds, and a rejected statement is withheld from every
  view and export (editors still see it, struck through);
- correct: an editor's value for one property of an incident (its type, date,
  place, country or toll), stored as an editor's statement whose evidence is
  the quote the editor read; the extracted statements of that property are
  withheld and stay in the history;
- note, merge, unmerge, confirm_merge: history only (merges act through the
  resolution's judgements, which every build applies).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dossier.model import Evidence, Statement
from dossier.store.editors import Decision

VALUE_ACTIONS = frozenset({"reject", "confirm", "restore"})
# What an editor may correct on an incident, and how a typed value becomes a statement's qualifiers.
CORRECTABLE = ("type", "date", "place", "country", "killed")
EDITOR = "editor"  # an editor's statements have extractor "editor:NAME"


def is_editors(statement: Statement) -> bool:
    return statement.extractor.startswith(EDITOR + ":")


def quote_of(texts: Mapping[str, str], s: Statement) -> str:
    return texts.get(s.evidence.doc, "")[s.evidence.start : s.evidence.end]


def value_target(statements: Iterable[Statement], texts: Mapping[str, str], subjects: Iterable[str]) -> dict[str, Any]:
    """What a decision on one value of an entity names: its mention keys, property, value and quotes."""
    group = list(statements)
    first = group[0]
    return {
        "prop": first.prop,
        "value": first.value,
        "subjects": sorted(set(subjects)),
        "quotes": sorted({(s.evidence.doc, quote_of(texts, s)) for s in group}),
    }


def relocate(texts: Mapping[str, str], doc: str, start: int, end: int, quote: str) -> Evidence | None:
    """The evidence of `quote` in document `doc` now: where it was, else where the text holds it."""
    text = texts.get(doc)
    if text is None or not quote:
        return None
    if text[start:end] == quote:
        return Evidence(doc, start, end)
    at = text.find(quote)
    return Evidence(doc, at, at + len(quote)) if at >= 0 else None


@dataclass
class Applied:
    statements: list[Statement]  # what the views read
    withheld: list[tuple[Statement, Decision]] = field(default_factory=list)  # rejected or corrected, for editors
    confirmed: dict[str, Decision] = field(default_factory=dict)  # statement id -> the confirmation that holds
    unapplied: list[Decision] = field(default_factory=list)  # corrections whose quote no document holds now
    changed: dict[str, str] = field(default_factory=dict)  # mention key -> when a decision last changed what it says


def apply_decisions(
    statements: list[Statement], decisions: list[Decision], entity_of: Mapping[str, str], texts: Mapping[str, str]
) -> Applied:
    if not decisions:
        return Applied(statements)

    def entity(key: str) -> str:
        return entity_of.get(key, key)

    by_quote: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    by_entity: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        by_quote[(s.evidence.doc, quote_of(texts, s))].append(s)
        by_entity[entity(s.subject)].append(s)

    def entities(d: Decision) -> set[str]:
        found = {entity(k) for k in d.target.get("subjects", []) if entity(k) in by_entity}
        prop = d.target.get("prop")
        for doc, quote in d.target.get("quotes", []):
            found.update(entity(s.subject) for s in by_quote.get((doc, quote), []) if s.prop == prop)
        return found

    verdict: dict[str, Decision] = {}  # statement id -> the latest value decision on it
    corrections: dict[tuple[str, str], Decision] = {}  # (entity, prop) -> the latest correction
    for d in decisions:  # oldest first: a later decision replaces an earlier one
        if d.action in VALUE_ACTIONS:
            prop, value = d.target.get("prop"), d.target.get("value")
            for e in entities(d):
                for s in by_entity[e]:
                    if s.prop == prop and s.value == value:
                        verdict[s.id] = d
        elif d.action == "correct":
            for e in entities(d):
                corrections[(e, str(d.target.get("prop")))] = d

    applied = Applied([])
    corrected: dict[str, Decision] = {}
    added: list[Statement] = []
    for (e, prop), d in sorted(corrections.items()):
        ev = d.target.get("evidence", {})
        where = relocate(
            texts, str(ev.get("doc", "")), int(ev.get("start", -1)), int(ev.get("end", -1)), ev.get("text", "")
        )
        if where is None:
            applied.unapplied.append(d)
            continue
        extracted = [s for s in by_entity[e] if s.prop == prop]
        subject = next((k for k in d.target.get("subjects", []) if entity(k) == e), by_entity[e][0].subject)
        for s in extracted:
            corrected[s.id] = d
        applied.changed[subject] = max(applied.changed.get(subject, ""), d.created_at)
        added.append(
            Statement(
                subject=subject,
                schema=by_entity[e][0].schema,
                prop=prop,
                value=str(d.target.get("value", "")),
                evidence=where,
                extractor=f"{EDITOR}:{d.author}",
                qualifiers=dict(d.target.get("qualifiers", {})),
            )
        )
    for s in statements:
        held = corrected.get(s.id) or (verdict[s.id] if s.id in verdict and verdict[s.id].action == "reject" else None)
        if held is not None:
            applied.withheld.append((s, held))
            applied.changed[s.subject] = max(applied.changed.get(s.subject, ""), held.created_at)
            continue
        if s.id in verdict and verdict[s.id].action == "confirm":
            applied.confirmed[s.id] = verdict[s.id]
        applied.statements.append(s)
    applied.statements.extend(added)
    return applied
