"""The `dossier` command line."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dossier.build import build_paths
from dossier.cli.factsheet import print_factsheet, print_timeline
from dossier.cli.users import users
from dossier.export.factsheet_pdf import PdfError
from dossier.export.formats import BINARY_FORMATS, FOLDER_FORMATS, FORMATS, GROUP_FORMATS, write_format
from dossier.export.json import write_json
from dossier.export.json_import import ImportProblem, read_export, store_export
from dossier.export.snapshot import Snapshot
from dossier.ingest import DEFAULT_MAX_BYTES
from dossier.model import Schema
from dossier.resolve import resolve
from dossier.store import Store, StoreError
from dossier.store.editors import Editors
from dossier.views import KnowledgeBase, document_summaries, find_organizations, organization, person, timeline

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Build a source-grounded knowledge base of armed groups from documents.",
)
app.add_typer(users, name="user")
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one line per problem, also in logs

DbOption = Annotated[Path, typer.Option("--db", help="The knowledge base file (SQLite).")]


def _error(message: str) -> None:
    """An error for a person: paths and names in it are printed as they are, never as markup."""
    err.print(f"[red]error:[/] {escape(message)}", highlight=False)


def _open(db: Path) -> Store:
    try:
        return Store(db, create=False)
    except StoreError as e:
        _error(str(e))
        raise typer.Exit(2) from None


def _size(text: str) -> int:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*", text.lower())
    if not m:
        raise typer.BadParameter(f"{text!r} is not a size such as 50MB")
    return int(float(m.group(1)) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m.group(2)])


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    db: DbOption = Path("dossier.db"),
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: one per core).")] = None,
    max_size: Annotated[str, typer.Option("--max-size", help="Skip files larger than this.")] = "25MB",
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
) -> None:
    """Read documents, extract grounded statements and resolve entities into DB."""
    limit = _size(max_size) if max_size else DEFAULT_MAX_BYTES
    try:
        report = build_paths(
            paths,
            db,
            progress=progress,
            workers=workers,
            max_bytes=limit,
            console=err,
            on_problem=lambda m: err.print(f"[red]skipped[/] {escape(m)}", highlight=False),
        )
    except StoreError as e:
        _error(str(e))
        raise typer.Exit(2) from None
    err.print(
        f"{report.read} read, {report.unchanged} unchanged, {report.skipped} skipped; "
        f"{report.statements} statements added; knowledge base: {escape(str(db))}",
        highlight=False,
    )
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def export(
    db: DbOption = Path("dossier.db"),
    fmt: Annotated[str, typer.Option("--format", help="json, stix, ftm, misp, csv, html or pdf.")] = "json",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout); for csv and misp, a folder.")
    ] = None,
    group: Annotated[
        str | None, typer.Option("--group", help="html and pdf: the group (name, alias or acronym) of the factsheet.")
    ] = None,
) -> None:
    """Export the knowledge base: dossier/1 JSON, STIX 2.1, FollowTheMoney (one entity a line), a MISP galaxy and events in a folder, CSV tables in a folder, or one group's printable factsheet (html, pdf). See docs/EXPORTS.md."""
    if fmt not in FORMATS:
        _error(f"format {fmt!r} is not supported (supported: {', '.join(FORMATS)})")
        raise typer.Exit(2)
    if fmt in GROUP_FORMATS and not group:
        _error(f"--format {fmt} makes one group's factsheet: name the group with --group NAME")
        raise typer.Exit(2)
    if group and fmt not in GROUP_FORMATS:
        _error(f"--group makes a factsheet, with --format html or pdf; --format {fmt} exports the whole knowledge base")
        raise typer.Exit(2)
    if output is None and fmt in FOLDER_FORMATS + BINARY_FORMATS:
        _error(f"--format {fmt} writes {'a folder' if fmt in FOLDER_FORMATS else 'a file'}: give it with -o")
        raise typer.Exit(2)
    with _open(db) as store:
        if fmt == "json":
            write_json(store, output if output else sys.stdout)
            written = [output] if output else []
        else:
            snap = Snapshot.load(store)
            entity = _group(snap.kb, group, db) if group else None
            try:
                written = write_format(snap, fmt, output, entity, console=err)
            except (PdfError, OSError) as e:
                _error(str(e))
                raise typer.Exit(1) from None
    if fmt in FOLDER_FORMATS and len(written) > 10:  # a MISP export has a file per event
        err.print(f"wrote {len(written)} files in {escape(str(output))}", highlight=False)
        return
    for path in written:
        err.print(f"wrote {escape(str(path))}", highlight=False)


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A dossier/1 JSON export (`dossier export --format json`).")],
    db: DbOption = Path("dossier.db"),
) -> None:
    """Read a dossier/1 export into DB (made if missing): its documents, statements and judgements, then resolve again.

    The whole file is checked first (JSON, dossier/1, every quote its document's text); nothing is written when it fails. Each document is stored in one transaction, as a build does."""
    try:
        contents = read_export(file)
    except ImportProblem as e:
        _error(str(e))
        raise typer.Exit(1) from None
    try:
        with Store(db) as store:
            report = store_export(contents, store)
    except StoreError as e:
        _error(str(e))
        raise typer.Exit(2) from None
    err.print(
        f"imported {report.documents} documents, {report.statements} statements and {report.judgements} "
        f"judgements; knowledge base: {escape(str(db))}",
        highlight=False,
    )


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A name, alias or acronym of the group.")],
    db: DbOption = Path("dossier.db"),
) -> None:
    """Print a group's factsheet, each value with markers of its sources."""
    with _open(db) as store:
        kb = KnowledgeBase.load(store)
        group = _group(kb, name, db)
        people = {e: person(kb, e) for e in kb.entities(Schema.PERSON)}
        names = {e: p["name"] for e, p in people.items()}
        names |= {e: organization(kb, e)["name"] for e in kb.entities(Schema.ORGANIZATION)}
        print_factsheet(out, organization(kb, group), names, _titles(store), people, timeline(kb, group))


@app.command("timeline")
def timeline_command(
    name: Annotated[str, typer.Argument(help="A name, alias or acronym of the group.")],
    db: DbOption = Path("dossier.db"),
    event_type: Annotated[
        list[str] | None, typer.Option("--type", help="Only events of this type (repeatable), e.g. kidnapping.")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Only events in this country (ISO code, e.g. ML).")] = None,
    since: Annotated[int | None, typer.Option(help="Only events in or after this year.")] = None,
    until: Annotated[int | None, typer.Option(help="Only events in or before this year.")] = None,
) -> None:
    """Print a group's activities in date order, each with markers of its sources."""
    with _open(db) as store:
        kb = KnowledgeBase.load(store)
        group = _group(kb, name, db)
        events = [
            e
            for e in timeline(kb, group)
            if (not event_type or set(event_type) & set(e["types"]))
            and (not country or (e["country"] or "").upper() == country.upper())
            and (since is None or (e["date"] and int(e["date"][:4]) >= since))
            and (until is None or (e["date"] and int(e["date"][:4]) <= until))
        ]
        print_timeline(out, organization(kb, group)["name"], events, _titles(store))


def _group(kb: KnowledgeBase, name: str, db: Path) -> str:
    """The group entity a name, alias or acronym answers; exits with a hint when none does."""
    found = find_organizations(kb, name)
    if not found:
        err.print(
            f"[red]no group named {escape(repr(name))}[/]; `dossier info --db {escape(str(db))}` lists the groups"
        )
        raise typer.Exit(1)
    # Several entities can answer a name; take the one with the most evidence.
    return max(found[:5], key=lambda e: len(kb.by_entity.get(e, [])))


def _titles(store: Store) -> dict[str, str]:
    return {d["id"]: d["title"] or d["path"] for d in document_summaries(store)}


@app.command()
def info(db: DbOption = Path("dossier.db")) -> None:
    """Documents, entities, statements and the last build of a knowledge base."""
    with _open(db) as store:
        kb = KnowledgeBase.load(store)
        table = Table(show_header=False, box=None)
        table.add_row("knowledge base", escape(str(db)))
        table.add_row("schema version", str(store.schema_version()))
        table.add_row("documents", str(store.count("documents")))
        table.add_row("statements", str(store.count("statements")))
        for schema, label in ((Schema.ORGANIZATION, "groups"), (Schema.PERSON, "persons"), (Schema.EVENT, "events")):
            table.add_row(label, str(len(kb.entities(schema))))
        last = store.last_build()
        if last:
            table.add_row(
                "last build",
                f"{last['finished_at']}: {last['read']} read, {last['unchanged']} unchanged, {last['skipped']} skipped",
            )
        out.print(table)
        groups = sorted(organization(kb, e)["name"] for e in kb.entities(Schema.ORGANIZATION))
        if groups:
            out.print("[bold]groups:[/] " + escape("; ".join(groups[:50])), highlight=False)


# -- resolution: merges and a person's judgements ------------------------------------


def _reresolve(store: Store) -> list[tuple[str, str, str, float]]:
    """Resolve again with every judgement, so `show` and `export` reflect a decision at once."""
    rows = resolve(store.statements(), store.judgements())
    store.replace_resolution(rows)
    return rows


def _members(rows: list[tuple[str, str, str, float]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, entity, _reason, _score in rows:
        out.setdefault(entity, []).append(key)
    return out


def _mention_keys(store: Store, ident: str) -> tuple[str, list[str]]:
    """(entity id, mention keys) for an entity id or a mention key; exits 1 when neither."""
    rows = store.resolution_rows()
    members = _members(rows)
    if ident in members:
        return ident, sorted(members[ident])
    entity = next((e for k, e, _r, _s in rows if k == ident), None)
    if entity is None:
        _error(f"{ident!r} is neither an entity id nor a mention key; `dossier merges` lists them")
        raise typer.Exit(1)
    return entity, [ident]


_KINDS = {"person": "Person", "org": "Organization", "organization": "Organization", "event": "Event"}


@app.command("merges")
def merges_command(
    db: DbOption = Path("dossier.db"),
    kind: Annotated[
        str | None, typer.Option("--kind", help="Only entities of this kind: person, org or event.")
    ] = None,
) -> None:
    """List the entities made of several mentions: each mention with its names, the reason it joined and the score of that reason."""
    if kind is not None and kind.lower() not in _KINDS:
        _error(f"unknown kind {kind!r} (person, org or event)")
        raise typer.Exit(2)
    prefix = _KINDS[kind.lower()] + ":" if kind else ""
    with _open(db) as store:
        rows = [r for r in store.resolution_rows() if r[0].startswith(prefix)]
        members = _members(rows)
        names: dict[str, list[str]] = {}
        for st in store.statements():
            # An incident has no name: its date and summary say which it is.
            shown_props = ("date", "summary") if st.schema is Schema.EVENT else ("name", "alias")
            if st.prop in shown_props and st.subject.startswith(prefix) and st.value not in names.get(st.subject, []):
                listed = names.setdefault(st.subject, [])
                listed.insert(0 if st.prop == "date" else len(listed), st.value[:120])
        shown = 0
        for entity, keys in sorted(members.items()):
            if len(keys) < 2:
                continue
            shown += 1
            out.print(f"[bold]{escape(entity)}[/] ({len(keys)} mentions)", highlight=False, soft_wrap=True)
            for key, _entity, reason, score in (r for r in rows if r[1] == entity):
                label = "; ".join(names.get(key, [])) or "(no name)"
                out.print(f"  {escape(key)}  {escape(label)}", highlight=False, soft_wrap=True)
                out.print(f"      {escape(reason)} (score {score:.2f})", highlight=False, soft_wrap=True)
        if not shown:
            out.print("no merges")


@app.command("merge")
def merge_command(
    first: Annotated[str, typer.Argument(help="An entity id or a mention key.")],
    second: Annotated[str, typer.Argument(help="Another entity id or mention key, of the same kind.")],
    db: DbOption = Path("dossier.db"),
) -> None:
    """Record that two entities (or mentions) are one, and resolve again.

    The decision is kept in the knowledge base and every later build applies it; a later `split` of the same mentions replaces it."""
    with _open(db) as store:
        e1, keys1 = _mention_keys(store, first)
        e2, keys2 = _mention_keys(store, second)
        if keys1[0].split(":", 1)[0] != keys2[0].split(":", 1)[0]:
            _error(f"{first!r} and {second!r} are different kinds of entity")
            raise typer.Exit(1)
        if e1 == e2:
            out.print(f"{escape(first)} and {escape(second)} are already one entity ({escape(e1)})")
            return
        store.judge(keys1[0], keys2[0], "positive")
        rows = _reresolve(store)
        entity = next(e for k, e, _r, _s in rows if k == keys1[0])
        out.print(f"merged: {escape(e1)} + {escape(e2)} -> {escape(entity)}", highlight=False)


@app.command("split")
def split_command(
    ident: Annotated[str, typer.Argument(help="An entity id, or a mention key to take out of its entity.")],
    db: DbOption = Path("dossier.db"),
) -> None:
    """Record that an entity is wrongly merged, and resolve again.

    With an ENTITY ID, every mention of the entity becomes an entity of its own (a negative judgement between each pair of its mentions).

    With a MENTION KEY (from `dossier merges`), only that mention leaves its entity (a negative judgement between it and each other mention); the rest stay together.

    The decision is kept and every later build applies it, overriding the rules and any earlier `merge` of the same mentions."""
    with _open(db) as store:
        entity, keys = _mention_keys(store, ident)
        members = _members(store.resolution_rows())[entity]
        if len(members) < 2:
            out.print(f"{escape(entity)} has one mention; nothing to split")
            return
        if ident == entity:
            pairs = [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
        else:
            pairs = [(keys[0], other) for other in members if other != keys[0]]
        store.judge_many(pairs, "negative")
        rows = _reresolve(store)
        after = sorted({e for k, e, _r, _s in rows if k in set(members)})
        out.print(f"split {escape(entity)} into {len(after)}: {escape(', '.join(after))}", highlight=False)


@app.command()
def serve(
    db: DbOption = Path("dossier.db"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    private: Annotated[bool, typer.Option("--private", help="Nobody reads without signing in.")] = False,
) -> None:
    """Serve the knowledge base in a browser (factsheets, timeline, map, search) with its JSON API under /api/."""
    import uvicorn  # only this command needs the web stack

    from dossier.web.app import create_app

    try:
        web = create_app(db, private=private)
    except StoreError as e:
        _error(str(e))
        raise typer.Exit(2) from None
    with Store(db, create=False) as store:
        if not Editors(store).has_admin():
            err.print(
                "no admin account yet: `dossier user add NAME --role admin --db " + escape(str(db)) + "` makes one",
                highlight=False,
            )
    err.print(f"serving {escape(str(db))} at http://{host}:{port}/ (Ctrl+C stops)", highlight=False)
    uvicorn.run(web, host=host, port=port, log_level="warning")


def main() -> None:
    app()
