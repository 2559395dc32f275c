"""Inline SVG drawn on the server: the map of a group's countries, its relations graph, and charts.

No script and nothing fetched: country shapes come from the `pygal_maps_world`
package (its world map SVG, countries keyed by ISO 3166-1 alpha-2 code), read
once. Every text placed in the markup goes through `escape`, and numbers are
formatted by Python, so the result can be marked safe as a whole.
"""

from __future__ import annotations

import importlib.util
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

# Colours by role, readable on white and for most colour-blind readers.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
RELATION_COLOURS = {
    "ally": "#2ca02c",
    "affiliate_of": "#1f77b4",
    "pledged_allegiance_to": "#1f77b4",
    "subunit_of": "#17becf",
    "splinter_of": "#ff7f0e",
    "predecessor": "#9467bd",
    "successor": "#9467bd",
    "merged_into": "#8c564b",
    "opponent": "#d62728",
}


# -- the world map ----------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    code: str  # upper case alpha-2
    paths: tuple[str, ...]
    box: tuple[float, float, float, float]  # min x, min y, max x, max y


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_COMMAND = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|" + _NUMBER.pattern)
# Coordinates each path command takes per segment; the last pair is the new current point.
_ARITY = {"m": 2, "l": 2, "t": 2, "c": 6, "s": 4, "q": 4, "h": 1, "v": 1, "a": 7}


def path_box(d: str) -> tuple[float, float, float, float]:
    """The bounding box of an SVG path's points (control points included: close enough for a view box)."""
    tokens = _COMMAND.findall(d)
    xs: list[float] = []
    ys: list[float] = []
    x = y = start_x = start_y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "zZ":
                x, y = start_x, start_y
            continue
        n = _ARITY.get(command.lower(), 0)
        try:
            args = [float(t) for t in tokens[i : i + n]]
        except ValueError:  # a command with too few numbers: the path is broken here
            break
        if not n or len(args) < n:
            break
        i += n
        relative, kind = command.islower(), command.lower()
        if kind == "h":
            x = x + args[0] if relative else args[0]
        elif kind == "v":
            y = y + args[0] if relative else args[0]
        else:
            points = [(args[5], args[6])] if kind == "a" else list(zip(args[0::2], args[1::2], strict=True))
            for px, py in points:
                xs.append(x + px if relative else px)
                ys.append(y + py if relative else py)
            end_x, end_y = points[-1]
            x, y = (x + end_x, y + end_y) if relative else (end_x, end_y)
            if kind == "m":
                start_x, start_y = x, y
                command = "l" if relative else "L"  # further pairs after a moveto are lines
        xs.append(x)
        ys.append(y)
    if not xs:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(xs), min(ys), max(xs), max(ys))


@lru_cache(maxsize=1)
def world() -> tuple[tuple[float, float, float, float], dict[str, Country]]:
    """(view box, countries by code) of the world map that `pygal_maps_world` ships."""
    spec = importlib.util.find_spec("pygal_maps_world")  # found, not imported: only its data is needed
    if spec is None or not spec.submodule_search_locations:
        return (0.0, 0.0, 1.0, 1.0), {}
    root = ET.parse(Path(next(iter(spec.submodule_search_locations))) / "worldmap.svg").getroot()
    x, y, w, h = (float(v) for v in root.attrib.get("viewBox", "0 0 2475 1388").split())
    countries: dict[str, Country] = {}
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        classes = g.attrib.get("class", "").split()
        if "country" not in classes:
            continue
        code = classes[0].upper()
        paths = tuple(p.attrib["d"] for p in g.iter("{http://www.w3.org/2000/svg}path") if p.attrib.get("d"))
        if not paths:
            continue
        boxes = [path_box(d) for d in paths]
        box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        countries[code] = Country(code, paths, box)
    return (x, y, x + w, y + h), countries


def world_map(origin: Sequence[str], areas: Sequence[str], name: Callable[[str], str], label: str) -> Markup:
    """The part of the world around a group's countries: origin darkest, operational areas lighter."""
    bounds, countries = world()
    shown = {c.upper() for c in [*origin, *areas]} & set(countries)
    if not shown:
        return Markup("")
    x0 = min(countries[c].box[0] for c in shown)
    y0 = min(countries[c].box[1] for c in shown)
    x1 = max(countries[c].box[2] for c in shown)
    y1 = max(countries[c].box[3] for c in shown)
    # Pad around the countries, at least a region's width, at a 2:1 aspect ratio, inside the world.
    w = max((x1 - x0) * 1.6, 260.0)
    h = max((y1 - y0) * 1.6, 130.0)
    w, h = max(w, 2 * h), max(h, w / 2)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    vx = min(max(cx - w / 2, bounds[0]), max(bounds[2] - w, bounds[0]))
    vy = min(max(cy - h / 2, bounds[1]), max(bounds[3] - h, bounds[1]))
    origins = {c.upper() for c in origin}
    parts = [
        f'<svg class="map" viewBox="{vx:.0f} {vy:.0f} {w:.0f} {h:.0f}" role="img" aria-label="{escape(label)}"'
        ' xmlns="http://www.w3.org/2000/svg">'
    ]
    # Land first, then the origin, then the areas: an enclave area stays visible inside its neighbour.
    order = {"land": 0, "origin": 1, "area": 2}

    def kind_of(code: str) -> str:
        return "origin" if code in origins else "area" if code in shown else "land"

    for code, country in sorted(countries.items(), key=lambda kv: (order[kind_of(kv[0])], kv[0])):
        b = country.box
        if b[2] < vx or b[0] > vx + w or b[3] < vy or b[1] > vy + h:
            continue
        kind = kind_of(code)
        parts.append(f'<g class="{kind}" data-country="{escape(code)}"><title>{escape(name(code))}</title>')
        parts.extend(f'<path d="{escape(d)}"/>' for d in country.paths)
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


# -- the relations graph ----------------------------------------------------------------


def relations_graph(
    center: str, relations: Sequence[dict[str, Any]], names: dict[str, dict[str, str]], href: str
) -> Markup:
    """The group in the middle, each related group on a circle around it; edges coloured and labelled by type.

    `relations` are the factsheet's items (target, type, start, end); `names` maps
    entity ids to {"name": ...}; `href` is a link pattern with `{id}`. The layout is
    deterministic: targets by type, then name.
    """

    def name(entity: str) -> str:
        return names.get(entity, {}).get("name", entity)

    items = sorted(relations, key=lambda r: (r["type"], name(r["target"])))[:24]
    if not items:
        return Markup("")
    size, radius = 560, 200 if len(items) > 2 else 120
    c = size / 2
    parts: list[str] = []
    nodes = []
    xs, ys = [c], [c]
    for i, rel in enumerate(items):
        angle = 2 * math.pi * i / len(items) - math.pi / 2
        x, y = c + radius * math.cos(angle), c + radius * math.sin(angle)
        xs.append(x)
        ys.append(y)
        colour = RELATION_COLOURS.get(rel["type"], "#7f7f7f")
        period = _period(rel)
        label = rel["type"].replace("_", " ") + (f" {period}" if period else "")
        mx, my = (c + x) / 2, (c + y) / 2
        parts.append(f'<line x1="{c:.0f}" y1="{c:.0f}" x2="{x:.0f}" y2="{y:.0f}" stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<text class="edge" x="{mx:.0f}" y="{my:.0f}" fill="{colour}">{escape(label)}</text>')
        target = escape(name(rel["target"]))
        link = escape(href.format(id=rel["target"]))
        nodes.append(
            f'<a href="{link}"><circle cx="{x:.0f}" cy="{y:.0f}" r="9" fill="{colour}"/>'
            f'<text class="node" x="{x:.0f}" y="{y + 24:.0f}">{_short(target)}</text></a>'
        )
    parts.extend(nodes)
    parts.append(f'<circle cx="{c:.0f}" cy="{c:.0f}" r="14" fill="#333"/>')
    parts.append(f'<text class="node center" x="{c:.0f}" y="{c + 32:.0f}">{_short(escape(center))}</text>')
    # The view box fits the nodes and their labels, however few there are.
    x0, y0, x1, y1 = min(xs) - 100, min(ys) - 30, max(xs) + 100, max(ys) + 45
    head = (
        f'<svg class="graph" viewBox="{x0:.0f} {y0:.0f} {x1 - x0:.0f} {y1 - y0:.0f}" width="{x1 - x0:.0f}" role="img"'
        f' aria-label="{escape(center)}" xmlns="http://www.w3.org/2000/svg">'
    )
    return Markup(head + "".join(parts) + "</svg>")


def _period(item: dict[str, Any]) -> str:
    start, end = item.get("start"), item.get("end")
    return f"({start or '?'}–{end or ''})" if start or end else ""


def _short(text: Markup, limit: int = 28) -> Markup:
    plain = text.unescape()
    return text if len(plain) <= limit else escape(plain[: limit - 1] + "…")


# -- charts -------------------------------------------------------------------------------


def size_chart(sizes: Sequence[dict[str, Any]], label: str) -> Markup:
    """Each dated size estimate as a bar from its minimum to its maximum, by year; empty below two years."""
    dated = [s for s in sizes if str(s.get("as_of") or "")[:4].isdigit() and (s.get("min") or s.get("max"))]
    if len({s["as_of"][:4] for s in dated}) < 2:
        return Markup("")
    years = sorted({int(s["as_of"][:4]) for s in dated})
    top = max(max(s.get("min") or 0, s.get("max") or 0) for s in dated) or 1
    width, height, left, bottom = 480, 200, 56, 24
    step = (width - left - 50) / max(len(years) - 1, 1)

    def px(year: int) -> float:
        return left + 20 + years.index(year) * step

    def py(value: float) -> float:
        return height - bottom - (height - bottom - 10) * value / top

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" class="axis"/>',
        f'<text x="{left - 4}" y="14" class="tick" text-anchor="end">{top:,}</text>',
        f'<text x="{left - 4}" y="{height - bottom}" class="tick" text-anchor="end">0</text>',
    ]
    for year in years:
        parts.append(f'<text x="{px(year):.0f}" y="{height - 6}" class="tick" text-anchor="middle">{year}</text>')
    for i, s in enumerate(dated):
        year = int(s["as_of"][:4])
        lo = int(s.get("min") or 0)
        hi = int(s["max"]) if s.get("max") is not None else lo
        x = px(year) + (i % 3 - 1) * 6  # estimates of one year side by side
        title = escape(f"{s['as_of']}: {lo:,}–{hi:,}" + (f" ({s['scope']})" if s.get("scope") else ""))
        # A range is a bar from its minimum to its maximum; a single figure is a dot.
        mark = (
            f'<circle cx="{x:.0f}" cy="{py(hi):.0f}" r="5" fill="{PALETTE[0]}"/>'
            if lo == hi
            else f'<rect x="{x - 4:.0f}" y="{py(hi):.0f}" width="8" height="{py(lo) - py(hi):.0f}" fill="{PALETTE[0]}"/>'
        )
        parts.append(f"<g><title>{title}</title>{mark}</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def events_chart(counts: dict[int, dict[str, int]], label: str) -> Markup:
    """Events per year as stacked bars, one colour per type, with a legend."""
    if not counts:
        return Markup("")
    years = list(range(min(counts), max(counts) + 1))
    types = sorted({t for per_year in counts.values() for t in per_year})
    colour = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(types)}
    top = max(sum(per_year.values()) for per_year in counts.values()) or 1
    width, height, left, bottom = 720, 180, 48, 22
    bar = (width - left - 10) / len(years)
    legend_height = 16 * math.ceil(len(types) / 5)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height + legend_height}" role="img" aria-label="{escape(label)}"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" class="axis"/>',
        f'<text x="{left - 4}" y="14" class="tick" text-anchor="end">{top:,}</text>',
    ]
    tick_every = max(1, math.ceil(len(years) / 12))
    for i, year in enumerate(years):
        x = left + i * bar
        if i % tick_every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - 6}" class="tick" text-anchor="middle">{year}</text>'
            )
        y = float(height - bottom)
        for t in types:
            n = counts.get(year, {}).get(t, 0)
            if not n:
                continue
            h = (height - bottom - 10) * n / top
            y -= h
            parts.append(
                f'<rect x="{x + 0.5:.1f}" y="{y:.1f}" width="{max(bar - 1, 1):.1f}" height="{h:.1f}"'
                f' fill="{colour[t]}"><title>{year} {escape(t)}: {n}</title></rect>'
            )
    for i, t in enumerate(types):
        x, y = left + (i % 5) * 130, height + 4 + 16 * (i // 5)
        parts.append(
            f'<rect x="{x}" y="{y}" width="10" height="10" fill="{colour[t]}"/>'
            f'<text x="{x + 14}" y="{y + 9}" class="tick">{escape(t)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
