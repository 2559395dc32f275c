"""Editors' review: decisions on values, merges and incidents (POST forms), the review queue and the history.

Every form posts here and comes back to the entity's page (303), so the pages
need no script. Each decision is stored as a judgement row (`Editors.decide`)
naming what it judges by content (`dossier.decisions`); merges also act
through the resolution's judgements, so `dossier build` keeps them as it keeps
`dossier merge` / `dossier split`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from dossier.accounts import can_edit
from dossier.decisions import CORRECTABLE, is_editors, quote_of, value_target
from dossier.model import REFERENCE_PROPS, Schema, Statement
from dossier.resolve import resolve
from dossier.store.editors import Decision, Editors
from dossier.text.names import fold_name
from dossier.views import organization_conflicts, person_conflicts
from dossier.web.auth import checked_form, user
from dossier.web.render import render
from dossier.web.routes.common import KINDS
from dossier.web.site import Site, Snapshot

PAGES = {Schema.ORGANIZATION: "/groups/", Schema.PERSON: "/persons/", Schema.EVENT: "/events/"}
QUEUE_ITEMS = 50  # per part of the queue
LABEL_CHARS = 160
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
WORD = re.compile(r"^[a-z_]{2,40}$")
# A page lists names and aliases together: a decision on one of them is on every statement of those words.
SAME_VALUE = {"alias": ("name", "alias")}


def page_of(snap: Snapshot, entity: str) -> str:
    kind = snap.kind(entity)
    return PAGES[kind] + entity if kind in PAGES else "/"


def _members(snap: Snapshot, entity: str) -> list[str]:
    return sorted(k for k, e in snap.kb.entity_of.items() if e == entity)


def _concerns(snap: Snapshot, d: Decision, entity: str) -> bool:
    return d.entity == entity or any(snap.kb.entity(k) == entity for k in d.target.get("subjects", []))


def _who(d: Decision) -> dict[str, str]:
    return {"action": d.action, "author": d.author, "when": d.created_at, "reason": d.reason}


def _label(snap: Snapshot, s: Statement) -> str:
    if s.prop in REFERENCE_PROPS:
        target = snap.kb.entity(s.value)
        return snap.names.get(target, target)
    return s.value[:LABEL_CHARS]


def describe(snap: Snapshot, d: Decision) -> dict[str, Any]:
    """A decision as the history lists it."""
    target = d.target
    what = ""
    if "prop" in target:
        value = str(target.get("value", ""))
        if target["prop"] in REFERENCE_PROPS:
            value = snap.names.get(snap.kb.entity(value), value)
        what = f"{target['prop']}: {value[:LABEL_CHARS]}"
    elif d.action == "note":
        what = str(target.get("text", ""))
    else:
        what = ", ".join(target.get("subjects", []) + target.get("others", [])[:3])
    entity = (
        d.entity
        if snap.kind(d.entity)
        else next((snap.kb.entity(k) for k in target.get("subjects", []) if snap.kind(snap.kb.entity(k))), d.entity)
    )
    return {**_who(d), "what": what, "entity": entity, "page": page_of(snap, entity), "name": _name(snap, entity)}


def _name(snap: Snapshot, entity: str) -> str:
    if entity in snap.names:
        return snap.names[entity]
    i = snap.event_index.get(entity)
    if i is not None:
        e = snap.events[i]
        return f"{e['date'] or '?'} {e['summary'][:80]}"
    return entity


def panel(site: Site, entity: str) -> dict[str, Any]:
    """What an editor sees under an entity's page: each value with its state, the merges, notes and history."""
    snap = site.snapshot()
    kb = snap.kb
    review = kb.review
    values: dict[tuple[str, str], dict[str, Any]] = {}

    def item(s: Statement) -> dict[str, Any]:
        key = (s.prop, s.value)
        if key not in values:
            values[key] = {
                "prop": s.prop,
                "value": s.value,
                "label": _label(snap, s),
                "state": "",
                "by": None,
                "statements": [],
            }
        values[key]["statements"].append(s)
        return values[key]

    for s in kb.by_entity.get(entity, []):
        entry = item(s)
        if is_editors(s):
            entry["state"] = "editor"
        elif review and s.id in review.confirmed and entry["state"] != "editor":
            entry["state"], entry["by"] = "confirmed", _who(review.confirmed[s.id])
    for s, d in review.withheld if review else []:
        if kb.entity(s.subject) == entity:
            entry = item(s)
            if not entry["state"]:
                entry["state"] = "rejected" if d.action == "reject" else "corrected"
                entry["by"] = _who(d)
    rows = []
    for entry in sorted(values.values(), key=lambda v: (v["prop"], v["label"])):
        entry["evidence"] = kb.evidence(entry.pop("statements"))
        rows.append(entry)
    with site.lock():
        resolution = [r for r in site.store.resolution_rows() if r[1] == entity]
    names: dict[str, list[str]] = defaultdict(list)
    for s in kb.by_entity.get(entity, []):
        if s.prop in ("name", "alias", "date", "summary") and s.value not in names[s.subject]:
            names[s.subject].append(s.value[:80])
    decisions = [describe(snap, d) for d in reversed(kb.decisions) if _concerns(snap, d, entity)]
    return {
        "entity": entity,
        "values": rows,
        "mentions": [
            {"key": k, "reason": reason, "score": score, "names": "; ".join(names.get(k, [])[:3])}
            for k, _e, reason, score in resolution
        ],
        "correctable": CORRECTABLE if snap.kind(entity) is Schema.EVENT else (),
        "notes": [d for d in decisions if d["action"] == "note"],
        "history": decisions,
    }


def _editor(request: Request) -> None:
    account = user(request)
    if account is None or not can_edit(account.role):
        raise HTTPException(403, "Only editors can see this page; sign in as an editor.")


def _author(request: Request) -> str:
    """The signed-in editor's name (after `checked_form`, which refuses anyone else)."""
    account = user(request)
    if account is None:
        raise HTTPException(403, "Sign in first.")
    return account.name


def _entity(snap: Snapshot, form: dict[str, str]) -> str:
    entity = form.get("entity", "")
    if snap.kind(entity) is None:
        raise HTTPException(404, f"There is no entity with id {entity!r}.")
    return entity


def _back(snap: Snapshot, entity: str) -> RedirectResponse:
    return RedirectResponse(page_of(snap, entity) + "#review", status_code=303)


def routes(site: Site) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def decide(action: str, entity: str, target: dict[str, Any], author: str, reason: str) -> Snapshot:
        with site.lock():
            Editors(site.store).decide(action, entity, target, author, reason)
        return site.reload()

    def reresolve(pairs: list[tuple[str, str]], verdict: str) -> None:
        with site.lock():
            site.store.judge_many(pairs, verdict)
            site.store.replace_resolution(resolve(site.store.statements(), site.store.judgements()))

    @router.post("/review/value")
    async def review_value(request: Request) -> Response:
        form = await checked_form(request)
        snap = site.snapshot()
        entity = _entity(snap, form)
        action, prop, value, reason = (
            form.get("action", ""),
            form.get("prop", ""),
            form.get("value", ""),
            form.get("reason", "").strip(),
        )
        if action not in ("reject", "confirm", "restore"):
            raise HTTPException(422, "action: reject, confirm or restore.")
        if action == "reject" and not reason:
            raise HTTPException(422, "A rejection needs a reason.")
        review = snap.kb.review
        candidates = list(snap.kb.by_entity.get(entity, [])) + [s for s, _d in (review.withheld if review else [])]
        props = SAME_VALUE.get(prop, (prop,))
        found: dict[str, list[Statement]] = defaultdict(list)
        for s in candidates:
            if s.prop in props and s.value == value and snap.kb.entity(s.subject) == entity and not is_editors(s):
                found[s.prop].append(s)
        if not found:
            raise HTTPException(404, f"The entity has no value {value!r} of {prop!r}.")
        members = _members(snap, entity)
        with site.lock():
            for group in found.values():  # one decision per property: a name and an alias of the same words
                Editors(site.store).decide(
                    action, entity, value_target(group, snap.kb.texts, members), _author(request), reason
                )
        site.reload()
        return _back(snap, entity)

    @router.post("/review/merge")
    async def review_merge(request: Request) -> Response:
        """Undo one mention's merge into the entity (it leaves), or confirm it."""
        form = await checked_form(request)
        snap = site.snapshot()
        entity = _entity(snap, form)
        mention, action = form.get("mention", ""), form.get("action", "")
        members = _members(snap, entity)
        if mention not in members or len(members) < 2:
            raise HTTPException(404, f"{mention!r} is not one of several mentions of this entity.")
        if action not in ("unmerge", "confirm_merge"):
            raise HTTPException(422, "action: unmerge or confirm_merge.")
        others = [k for k in members if k != mention]
        reresolve([(mention, k) for k in others], "negative" if action == "unmerge" else "positive")
        after = decide(
            action, entity, {"subjects": [mention], "others": others}, _author(request), form.get("reason", "").strip()
        )
        return _back(after, after.kb.entity(others[0]))

    @router.post("/review/merge-with")
    async def merge_with(request: Request) -> Response:
        """Merge this entity with another of its kind, named by id or by a name or alias."""
        form = await checked_form(request)
        snap = site.snapshot()
        entity = _entity(snap, form)
        wanted = form.get("other", "").strip()
        kind = snap.kind(entity)
        if snap.kind(wanted) is kind:
            other = wanted
        else:
            folded = fold_name(wanted)
            found = {e for n, e in snap.folded_names if n == folded and snap.kind(e) is kind and e != entity}
            if len(found) != 1:
                which = "no" if not found else "more than one"
                raise HTTPException(
                    404, f"There is {which} {KINDS.get(kind, 'entity') if kind else 'entity'} named {wanted!r}."
                )
            other = found.pop()
        if other == entity:
            raise HTTPException(422, "An entity is already one with itself.")
        mine, theirs = _members(snap, entity), _members(snap, other)
        reresolve([(mine[0], theirs[0])], "positive")
        after = decide(
            "merge", entity, {"subjects": mine, "others": theirs}, _author(request), form.get("reason", "").strip()
        )
        return _back(after, after.kb.entity(mine[0]))

    @router.post("/review/correct")
    async def correct(request: Request) -> Response:
        """An editor's value for an incident's type, date, place, country or toll, beside the extracted one."""
        form = await checked_form(request)
        snap = site.snapshot()
        entity = _entity(snap, form)
        if snap.kind(entity) is not Schema.EVENT:
            raise HTTPException(422, "Only an incident's type, date, place, country or toll can be corrected.")
        prop, value = form.get("prop", ""), form.get("value", "").strip()
        qualifiers: dict[str, Any] = {}
        if prop == "date" and not DATE.match(value):
            raise HTTPException(422, "date: YYYY, YYYY-MM or YYYY-MM-DD.")
        if prop == "country":
            value = value.upper()
            if not COUNTRY.match(value):
                raise HTTPException(422, "country: a two-letter ISO 3166-1 code.")
        if prop == "type" and not WORD.match(value):
            raise HTTPException(422, "type: a word of the event types, such as kidnapping.")
        if prop == "killed":
            if not value.isdigit():
                raise HTTPException(422, "killed: a whole number.")
            qualifiers = {"min": int(value), "max": int(value)}
        if prop not in CORRECTABLE or not value:
            raise HTTPException(422, f"prop: one of {', '.join(CORRECTABLE)}, with a value.")
        statements = snap.kb.by_entity.get(entity, [])
        review = snap.kb.review
        extracted = [s for s in statements if s.prop == prop and not is_editors(s)]
        extracted += [
            s for s, _d in (review.withheld if review else []) if s.prop == prop and snap.kb.entity(s.subject) == entity
        ]
        read = (extracted or [s for s in statements if s.prop == "summary"] or statements)[0]
        target = {
            "prop": prop,
            "value": value,
            "qualifiers": qualifiers,
            "subjects": _members(snap, entity),
            "quotes": sorted({(s.evidence.doc, quote_of(snap.kb.texts, s)) for s in extracted}),
            # The editor's evidence: the quote they read the value in (the extracted value's own).
            "evidence": {
                "doc": read.evidence.doc,
                "start": read.evidence.start,
                "end": read.evidence.end,
                "text": quote_of(snap.kb.texts, read),
            },
        }
        decide("correct", entity, target, _author(request), form.get("reason", "").strip())
        return _back(snap, entity)

    @router.post("/review/note")
    async def note(request: Request) -> Response:
        form = await checked_form(request)
        snap = site.snapshot()
        entity = _entity(snap, form)
        text = form.get("text", "").strip()
        if not text:
            raise HTTPException(422, "A note needs some text.")
        decide("note", entity, {"subjects": _members(snap, entity), "text": text}, _author(request), "")
        return _back(snap, entity)

    def queue_data(group: str) -> dict[str, Any]:
        snap = site.snapshot()
        return review_queue(site, snap, group)

    @router.get("/review")
    def queue_page(request: Request, group: str = "") -> Response:
        _editor(request)
        return render(request, "review.html", queue_data(group))

    @router.get("/api/review")
    def queue_json(request: Request, group: str = "") -> Response:
        _editor(request)
        return JSONResponse(queue_data(group))

    def history_data() -> dict[str, Any]:
        snap = site.snapshot()
        return {"decisions": [describe(snap, d) for d in reversed(snap.kb.decisions)]}

    @router.get("/history")
    def history_page(request: Request) -> Response:
        _editor(request)
        return render(request, "history.html", history_data())

    @router.get("/api/history")
    def history_json(request: Request) -> Response:
        _editor(request)
        return JSONResponse(history_data())

    return router


def review_queue(site: Site, snap: Snapshot, group: str = "") -> dict[str, Any]:
    """What most needs a person: merges on the weakest evidence, disputed values, incidents without a type
    or a country, and entities new since the last build; only those of `group` when given."""
    kb = snap.kb
    if group and snap.kind(group) is not Schema.ORGANIZATION:
        raise HTTPException(404, f"There is no group with id {group!r}.")
    scope: set[str] | None = None
    if group:
        scope = {group, *(snap.events[i]["id"] for i in snap.events_of.get(group, []))}
        scope.update(kb.entity(s.value) for s in kb.by_entity.get(group, []) if s.prop in ("leader", "founder"))

    def wanted(entity: str) -> bool:
        return snap.kind(entity) is not None and (scope is None or entity in scope)

    with site.lock():
        rows = site.store.resolution_rows()
        since = Editors(site.store).last_reading_build()
    sizes: dict[str, int] = defaultdict(int)
    for _k, e, _r, _s in rows:
        sizes[e] += 1
    merges = sorted(
        (r for r in rows if sizes[r[1]] > 1 and r[2] != "only mention" and wanted(r[1])),
        key=lambda r: (r[3], r[1], r[0]),
    )[:QUEUE_ITEMS]
    by_subject: dict[str, list[Statement]] = defaultdict(list)
    for e in {r[1] for r in merges}:
        for s in kb.by_entity.get(e, []):
            by_subject[s.subject].append(s)
    disputed: list[dict[str, Any]] = []
    for e in (e for e in kb.by_entity if wanted(e)):
        kind = snap.kind(e)
        if kind is Schema.ORGANIZATION:
            found = organization_conflicts(kb, e)
        elif kind is Schema.PERSON:
            found = person_conflicts(kb, e)
        else:
            continue
        disputed.extend({"entity": e, "name": _name(snap, e), "page": page_of(snap, e), "conflict": c} for c in found)
    incomplete = [
        {
            "entity": ev["id"],
            "name": _name(snap, ev["id"]),
            "page": page_of(snap, ev["id"]),
            "missing": [k for k in ("types", "country") if not ev[k]],
            "evidence": ev["evidence"][:3],
        }
        for ev in snap.events
        if (not ev["types"] or not ev["country"]) and wanted(ev["id"])
    ][:QUEUE_ITEMS]
    new = sorted(
        (
            {"entity": e, "name": _name(snap, e), "page": page_of(snap, e), "kind": KINDS[kind]}
            for e, (created, _m) in kb.versions.items()
            if since and created >= since and wanted(e) and (kind := snap.kind(e)) is not None
        ),
        key=lambda x: (x["kind"], x["name"]),
    )[:QUEUE_ITEMS]
    return {
        "group": group,
        "groups": [{"id": g["id"], "name": g["name"]} for g in snap.groups],
        "merges": [
            {
                "entity": e,
                "name": _name(snap, e),
                "page": page_of(snap, e),
                "mention": k,
                "reason": reason,
                "score": score,
                "evidence": kb.evidence(
                    [s for s in by_subject.get(k, []) if s.prop in ("name", "alias", "date", "summary")][:3]
                ),
            }
            for k, e, reason, score in merges
        ],
        "disputed": disputed[:QUEUE_ITEMS],
        "incomplete": incomplete,
        "new": new,
        "since": since,
    }
