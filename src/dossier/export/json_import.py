"""`dossier import`: a `dossier/1` export read into another knowledge base.

The truth of a knowledge base is its documents, their statements and a person's
judgements; organisations, persons and events are views computed from them and
from the resolution of mentions into entities. So import stores exactly those,
through the same `Store` calls a build makes, one transaction per document, and
keeps the file's resolution (its entity ids) when the knowledge base held nothing
else, or else resolves again: exporting a knowledge base made by import gives the
same JSON as the file that was imported.

The whole file is checked before anything is written: it is JSON, it is a
`dossier/1` export with texts and statements, every statement's offsets lie in
its document's text and every quote of the views is `text[start:end]`. A
problem stops the import with a message that names the file and the place in it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.export.json import SCHEMA
from dossier.model import Document, Evidence, Schema, Statement
from dossier.resolve import resolve
from dossier.store import Store
from dossier.store.editors import ACTIONS, ROLES, Decision, Editors
from dossier.store.sqlite import now

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
JUDGEMENTS = ("positive", "negative")


class ImportProblem(Exception):
    """The file cannot be imported; the message says where and why."""


@dataclass
class ImportReport:
    documents: int
    statements: int
    judgements: int


@dataclass
class ExportContents:
    """A checked export: what import stores."""

    path: Path
    documents: list[tuple[Document, str]]  # (document, version of the extractors that made its statements)
    statements: dict[str, list[Statement]]  # document sha256 -> its statements
    judgements: list[tuple[str, str, str]]
    resolution: list[tuple[str, str, str, float]]
    decisions: list[Decision] = field(default_factory=list)
    accounts: list[tuple[str, str]] = field(default_factory=list)  # (name, role); no password travels


def read_export(path: Path) -> ExportContents:
    """Read and check `path` whole; raises ImportProblem naming the file and the place in it."""
    data = _load(path)
    documents, statements = _checked(path, data)
    return ExportContents(
        path,
        documents,
        statements,
        _judgements(path, data),
        _resolution(path, data),
        _decisions(path, data),
        _accounts(path, data),
    )


def store_export(contents: ExportContents, store: Store) -> ImportReport:
    """Store a checked export's documents (one transaction each) and judgements, and resolve again."""
    started = now()
    for doc, extracted_with in contents.documents:
        store.put_document(doc, contents.statements.get(doc.id, []), extracted_with)
    for verdict in JUDGEMENTS:
        store.judge_many([(a, b) for a, b, j in contents.judgements if j == verdict], verdict)
    _store_editors(contents, Editors(store))
    count = sum(len(v) for v in contents.statements.values())
    # The file's own resolution keeps its entity ids as they were, even when this dossier
    # would resolve differently; it is used when it covers everything the store now holds.
    subjects = {s.subject for s in store.statements()}
    covered = {row[0] for row in contents.resolution}
    if contents.resolution and store.count("statements") == count and subjects <= covered:
        store.replace_resolution(contents.resolution)
    else:
        store.replace_resolution(resolve(store.statements(), store.judgements()))
    store.record_build(started, len(contents.documents), 0, 0, count)
    return ImportReport(len(contents.documents), count, len(contents.judgements))


def import_file(path: Path, store: Store) -> ImportReport:
    """Check `path` whole, then store its documents, statements and judgements and resolve again."""
    return store_export(read_export(path), store)


def _load(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportProblem(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ImportProblem(f"{path}: cannot be read ({err})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise ImportProblem(
            f"{path}: not JSON (line {err.lineno}, column {err.colno}: {err.msg}); "
            f"import reads a file written by `dossier export --format json`"
        ) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise ImportProblem(
            f"{path}: not a {SCHEMA} export (schema: {found!r}); "
            f"import reads a file written by `dossier export --format json`"
        )
    return data


def _fail(path: Path, where: str, problem: str) -> ImportProblem:
    return ImportProblem(f"{path}: {where}: {problem}")


def _checked(path: Path, data: dict[str, Any]) -> tuple[list[tuple[Document, str]], dict[str, list[Statement]]]:
    docs = data.get("documents")
    if not isinstance(docs, list) or not isinstance(data.get("statements"), list):
        raise ImportProblem(
            f"{path}: has no list of documents and statements; import needs the texts and statements "
            "that `dossier export --format json` writes since this version: export the knowledge base again"
        )
    out: list[tuple[Document, str]] = []
    texts: dict[str, tuple[str, str]] = {}  # export id -> (sha256, text)
    for i, d in enumerate(docs):
        where = f"documents[{i}]"
        if not isinstance(d, dict):
            raise _fail(path, where, "not an object")
        if not isinstance(d.get("text"), str):
            raise _fail(
                path,
                where,
                "has no text; import needs the document texts that `dossier export --format json` "
                "writes since this version: export the knowledge base again",
            )
        sha = d.get("sha256")
        if not isinstance(sha, str) or not _SHA256.match(sha):
            raise _fail(path, where, f"sha256 {sha!r} is not a sha256 in hex")
        if d.get("id") != sha[:12]:
            raise _fail(path, where, f"id {d.get('id')!r} is not the first 12 characters of its sha256")
        for key in ("path", "title", "lang", "publisher", "format", "extracted_with"):
            if not isinstance(d.get(key, ""), str):
                raise _fail(path, where, f"{key} is not a string")
        if d["id"] in texts:
            raise _fail(path, where, f"document {d['id']!r} is listed twice")
        texts[d["id"]] = (sha, d["text"])
        doc = Document(
            id=sha,
            path=str(d.get("path") or d["id"]),
            text=d["text"],
            lang=str(d.get("lang") or "und"),
            title=str(d.get("title") or ""),
            publisher=str(d.get("publisher") or ""),
            format=str(d.get("format") or "text"),
            warnings=tuple(str(w) for w in d.get("warnings") or ()),
        )
        out.append((doc, str(d.get("extracted_with") or "imported")))

    statements: dict[str, list[Statement]] = defaultdict(list)
    for i, s in enumerate(data["statements"]):
        st = _statement(path, f"statements[{i}]", s, texts)
        statements[st.evidence.doc].append(st)

    for where, ev in _evidence(data):
        _check_quote(path, where, ev, texts)
    return out, dict(statements)


def _statement(path: Path, where: str, s: Any, texts: dict[str, tuple[str, str]]) -> Statement:
    if not isinstance(s, dict):
        raise _fail(path, where, "not an object")
    for key in ("subject", "prop", "value", "extractor"):
        if not isinstance(s.get(key), str):
            raise _fail(path, where, f"{key} is missing or not a string")
    if not isinstance(s.get("qualifiers", {}), dict):
        raise _fail(path, where, "qualifiers is not an object")
    try:
        schema = Schema(s["subject"].split(":", 1)[0])
    except ValueError:
        raise _fail(
            path, where, f"subject {s['subject']!r} is not a mention key (Organization|Person|Event:...)"
        ) from None
    sha, text = _span(path, where, s, texts)
    return Statement(
        subject=s["subject"],
        schema=schema,
        prop=s["prop"],
        value=s["value"],
        evidence=Evidence(sha, s["start"], s["end"]),
        extractor=s["extractor"],
        qualifiers=s.get("qualifiers") or {},
    )


def _span(path: Path, where: str, ev: dict[str, Any], texts: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The document (sha256, text) that `ev` points into; its offsets checked against the text."""
    if ev.get("doc") not in texts:
        raise _fail(path, where, f"names document {ev.get('doc')!r}, which is not in documents")
    sha, text = texts[ev["doc"]]
    start, end = ev.get("start"), ev.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise _fail(
            path,
            where,
            f"offsets {start!r}..{end!r} do not lie in the text of document {ev['doc']!r} ({len(text)} characters)",
        )
    return sha, text


def _check_quote(path: Path, where: str, ev: Any, texts: dict[str, tuple[str, str]]) -> None:
    if not isinstance(ev, dict):
        raise _fail(path, where, "not an evidence object")
    _sha, text = _span(path, where, ev, texts)
    if text[ev["start"] : ev["end"]] != ev.get("quote"):
        raise _fail(
            path,
            where,
            f"quote {ev.get('quote')!r} is not text[{ev['start']}:{ev['end']}] of document {ev['doc']!r} "
            f"({text[ev['start'] : ev['end']]!r}); the file was changed after export",
        )


def _evidence(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(place in the file, evidence object) for every evidence list in the views."""

    def walk(node: Any, where: str) -> Iterator[tuple[str, Any]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "evidence" and isinstance(value, list):
                    yield from ((f"{where}.evidence[{i}]", ev) for i, ev in enumerate(value))
                else:
                    yield from walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                yield from walk(item, f"{where}[{i}]")

    for section in ("organizations", "persons", "events"):
        yield from walk(data.get(section, []), section)


def _resolution(path: Path, data: dict[str, Any]) -> list[tuple[str, str, str, float]]:
    out = []
    for i, r in enumerate(data.get("resolution") or []):
        if (
            not isinstance(r, dict)
            or not all(isinstance(r.get(k), str) for k in ("subject", "entity", "reason"))
            or not isinstance(r.get("score"), int | float)
        ):
            raise _fail(path, f"resolution[{i}]", "not an object {subject, entity, reason, score}")
        out.append((r["subject"], r["entity"], r["reason"], float(r["score"])))
    return out


def _decisions(path: Path, data: dict[str, Any]) -> list[Decision]:
    out = []
    for i, d in enumerate(data.get("decisions") or []):
        if (
            not isinstance(d, dict)
            or d.get("action") not in ACTIONS
            or not isinstance(d.get("target"), dict)
            or not all(isinstance(d.get(k), str) for k in ("entity", "author", "reason", "created_at"))
        ):
            raise _fail(path, f"decisions[{i}]", "not an object {action, entity, target, author, reason, created_at}")
        out.append(Decision(0, d["action"], d["entity"], d["target"], d["author"], d["reason"], d["created_at"]))
    return out


def _accounts(path: Path, data: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(data.get("accounts") or []):
        if not isinstance(a, dict) or not isinstance(a.get("name"), str) or a.get("role") not in ROLES:
            raise _fail(path, f"accounts[{i}]", f"not an object {{name, role: {'|'.join(ROLES)}}}")
        out.append((a["name"], a["role"]))
    return out


def _store_editors(contents: ExportContents, editors: Editors) -> None:
    """The export's decisions (those not already here) and accounts; an account new here has no
    password, and signs in once `dossier user add` gives it one."""
    known = {
        (d.action, d.entity, json.dumps(d.target, sort_keys=True), d.author, d.created_at) for d in editors.decisions()
    }
    for d in contents.decisions:
        if (d.action, d.entity, json.dumps(d.target, sort_keys=True), d.author, d.created_at) not in known:
            editors.decide(d.action, d.entity, d.target, d.author, d.reason, at=d.created_at)
    for name, role in contents.accounts:
        if editors.account(name) is None:
            editors.put_account(name, role, "")


def _judgements(path: Path, data: dict[str, Any]) -> list[tuple[str, str, str]]:
    out = []
    for i, j in enumerate(data.get("judgements") or []):
        if (
            not isinstance(j, dict)
            or not isinstance(j.get("left"), str)
            or not isinstance(j.get("right"), str)
            or j.get("judgement") not in JUDGEMENTS
        ):
            raise _fail(path, f"judgements[{i}]", "not an object {left, right, judgement: positive|negative}")
        out.append((j["left"], j["right"], j["judgement"]))
    return out
