"""A factsheet in the terminal: every value followed by a marker of its sources."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dossier.export.snapshot import number as _number
from dossier.export.snapshot import period as _period


class Sources:
    """Numbers quotes in the order they are first shown: [1], [2], ..."""

    def __init__(self, titles: dict[str, str]) -> None:
        self.titles = titles
        self.numbers: dict[tuple[str, int, int], int] = {}
        self.quotes: list[tuple[int, str, str]] = []

    def marker(self, evidence: list[dict[str, Any]]) -> str:
        refs = []
        for ev in evidence:
            key = (ev["doc"], ev["start"], ev["end"])
            if key not in self.numbers:
                self.numbers[key] = len(self.numbers) + 1
                self.quotes.append((self.numbers[key], ev["doc"], ev["quote"]))
            refs.append(self.numbers[key])
        return "[dim]" + "".join(f"[{n}]" for n in sorted(set(refs))).replace("[", "\\[") + "[/]"


def print_factsheet(
    console: Console,
    org: dict[str, Any],
    names: dict[str, str],
    titles: dict[str, str],
    people: dict[str, dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
) -> None:
    """Every field of a group's factsheet; `people` adds each leader's fate, `events` the latest activities."""
    src = Sources(titles)
    people = people or {}
    console.rule(f"[bold]{escape(org['name'])}[/]")
    table = Table(show_header=False, box=None, padding=(0, 1))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()

    def row(label: str, items: list[dict[str, Any]], fmt: Callable[[dict[str, Any]], str]) -> None:
        if items:
            table.add_row(label, "\n".join(f"{fmt(i)} {src.marker(i['evidence'])}" for i in items))

    row("Aliases", org["aliases"], lambda i: f"{escape(i['value'])} [dim]({escape(i.get('kind') or '')})[/]")
    row("Origin", org["origin_country"], lambda i: escape(i["value"]))
    row("Areas", org["countries"], lambda i: escape(i["value"]))
    row("Founded", org["founded"], lambda i: f"{escape(i['value'])} [dim]{escape(i.get('kind') or '')}[/]")
    row("Ideology", org["ideology"], lambda i: escape(i["value"]))
    row("Goals", org.get("goals", []), lambda i: escape(i["value"]))
    row(
        "Size",
        org["size"],
        lambda i: escape(
            _number(i)
            + (f" (as of {i['as_of']})" if i.get("as_of") else "")
            + (f" {i['qualifier']}" if i.get("qualifier") else "")
            + (f" in {i['scope']}" if i.get("scope") else "")
        ),
    )

    def leader(item: dict[str, Any]) -> str:
        text = escape(f"{names.get(item['person'], item['person'])}, {item.get('role') or ''}" + _period(item))
        for status in people.get(item["person"], {}).get("status", []):
            when = f" {status['date']}" if status.get("date") else ""
            text += f" [dim]·[/] {escape(status['value'] + when)} {src.marker(status['evidence'])}"
        return text

    row("Leaders", org["leaders"], leader)
    row(
        "Relations",
        org["relations"],
        lambda i: escape(f"{i['type']}: {names.get(i['target'], i['target'])}" + _period(i)),
    )
    row("Designated by", org["designations"], lambda i: escape(i["by"] + (f" ({i['date']})" if i.get("date") else "")))
    row("Funding", org["funding"], lambda i: escape(i["value"]))
    row("Methods", org.get("methods", []), lambda i: escape(i["value"]))
    row("Colours", org.get("colours", []), lambda i: escape(i["value"]))
    row("Media", org.get("media", []), lambda i: escape(i["value"]))
    if events:
        latest = sorted(events, key=lambda e: e["date"] or "", reverse=True)[:5]
        row(
            f"Activities ({len(events)})",
            latest,
            lambda e: escape(f"{e['date'] or '?'} {', '.join(e['types'])}: {_short(e['summary'], 90)}"),
        )
    console.print(table)
    if events and len(events) > 5:
        console.print(f"[dim]all {len(events)} activities: dossier timeline {escape(repr(org['name']))}[/]")
    _print_conflicts(console, src, org, names, people)
    _print_sources(console, src, titles)


def _print_conflicts(
    console: Console, src: Sources, org: dict[str, Any], names: dict[str, str], people: dict[str, dict[str, Any]]
) -> None:
    """Where sources disagree: the group's own conflicts, then those about its leaders.

    One block per conflict: what is disputed, then each value on its own line with
    what distinguishes it and the markers of its sources, then the note.
    """
    blocks = [(_conflict_label(c, names), c) for c in org.get("conflicts", [])]
    leaders = dict.fromkeys(item["person"] for item in org.get("leaders", []))
    for p in leaders:
        person = people.get(p, {})
        for c in person.get("conflicts", []):
            blocks.append((f"{names.get(p, person.get('name', p))}: {_conflict_label(c, names)}", c))
    if not blocks:
        return
    console.print("\n[bold yellow]Sources disagree[/]")
    table = Table(show_header=False, box=None, padding=(0, 1))
    table.add_column(style="yellow", no_wrap=True)
    table.add_column()
    for label, conflict in blocks:
        lines = [f"{escape(_conflict_value(conflict, v))} {src.marker(v['evidence'])}" for v in conflict["values"]]
        lines.append(f"[dim]{escape(conflict.get('note') or '')}[/]")
        table.add_row(escape(label), "\n".join(lines))
    console.print(table)


def _conflict_label(conflict: dict[str, Any], names: dict[str, str]) -> str:
    """What is disputed: "Founded", "Size (peak, whole group, no year)", "NAME: start as emir", "death"."""
    prop = conflict["property"]
    if prop == "size":
        parts = [conflict.get("qualifier") or "", conflict.get("scope") or "whole group"]
        parts.append(f"as of {conflict['as_of']}" if conflict.get("as_of") else "no year")
        return "Size (" + ", ".join(p for p in parts if p) + ")"
    if prop == "founded":
        kind = conflict.get("kind") or "founded"
        return "Founded" if kind == "founded" else f"Founded ({kind})"
    if prop in ("leaders", "roles"):
        target = conflict.get("person") or conflict.get("org") or ""
        return f"{names.get(target, target)}: {conflict.get('field')} as {conflict.get('role')}"
    return {"status": "death", "born": "born", "origin_country": "Origin"}.get(prop, str(prop).replace("_", " "))


def _conflict_value(conflict: dict[str, Any], value: dict[str, Any]) -> str:
    """One competing value with what sets it apart: its year, kind, scope, or the kind of founding it matches."""
    if conflict["property"] == "size":
        # Year, scope and kind are the conflict's own (in its label); an "approximate" is not.
        qualifier = value.get("qualifier") or ""
        return _number(value) + (f" ({qualifier})" if qualifier and qualifier != conflict.get("qualifier") else "")
    text = str(value.get("value", ""))
    if value.get("date"):
        text += f" {value['date']}"
    if value.get("also"):
        text += f" (also given as the date it was {' or '.join(value['also'])})"
    return text


def _print_sources(console: Console, src: Sources, titles: dict[str, str]) -> None:
    if src.quotes:
        console.print("\n[bold]Sources[/]")
        for number, doc, quote in src.quotes:
            title = titles.get(doc, doc)
            short = " ".join(quote.split())
            short = short if len(short) <= 160 else short[:157] + "..."
            console.print(f"[dim]\\[{number}][/] {escape(title)}: “{escape(short)}”", highlight=False)


def print_timeline(console: Console, group: str, events: list[dict[str, Any]], titles: dict[str, str]) -> None:
    """A group's events in date order: date, type, place, casualties, summary and source markers."""
    src = Sources(titles)
    console.rule(f"[bold]{escape(group)}[/]: {len(events)} events")
    table = Table(box=None, padding=(0, 1), show_edge=False)
    for column in ("Date", "Type", "Where", "Killed", "What happened"):
        table.add_column(column, style="bold cyan" if column == "Date" else None, no_wrap=column == "Date")
    for e in events:
        where = ", ".join(x for x in (e.get("place"), e.get("country")) if x)
        table.add_row(
            escape(e["date"] or "?"),
            escape(", ".join(e["types"])),
            escape(where),
            escape(_number(e.get("killed"))),
            f"{escape(e['summary'])} {src.marker(e['evidence'])}",
        )
    console.print(table)
    _print_sources(console, src, titles)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
