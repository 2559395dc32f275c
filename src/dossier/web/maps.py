"""Maps drawn on the server as inline SVG: a group's countries, and all groups by country.

Country shapes come from the `pygal_maps_world` package (its world map SVG,
countries keyed by ISO 3166-1 alpha-2 code), read once. Its outlines are far
finer than a page shows (the full world is 760 KB), so each map draws them
simplified to what its scale can show (shapely's Douglas–Peucker, keeping
topology), at a precision the scale needs: a factsheet's map of a region stays
a few tens of kilobytes. Every text placed in the markup goes through `escape`.
"""

from __future__ import annotations

import importlib.util
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import shapely
from markupsafe import Markup, escape

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # min x, min y, max x, max y

# How finely a map draws: a tolerance of its view's width over this (about half a
# pixel on a page-wide map), and shades of the overview map by number of groups.
DETAIL = 1500
SHADES = 5


@dataclass(frozen=True)
class Country:
    code: str  # upper case alpha-2
    rings: tuple[tuple[Point, ...], ...]  # each outline's points, absolute
    box: Box


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_COMMAND = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|" + _NUMBER.pattern)
# Coordinates each path command takes per segment; the last pair is the new current point.
_ARITY = {"m": 2, "l": 2, "t": 2, "c": 6, "s": 4, "q": 4, "h": 1, "v": 1, "a": 7}


def path_rings(d: str) -> list[list[Point]]:
    """The outlines of an SVG path: for each subpath, the points its segments end on (curves as their chords).

    Hand-written because the only need is the end points of the commands (no
    curve is evaluated), which a path library would give only after building
    every segment object of the 2,000 paths of the world map.
    """
    tokens = _COMMAND.findall(d)
    rings: list[list[Point]] = []
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
            end_x, end_y = args[-2], args[-1]
            x, y = (x + end_x, y + end_y) if relative else (end_x, end_y)
        if kind == "m":
            start_x, start_y = x, y
            rings.append([])
            command = "l" if relative else "L"  # further pairs after a moveto are lines
        if not rings:
            rings.append([])
        rings[-1].append((x, y))
    return [r for r in rings if r]


def path_box(d: str) -> Box:
    """The bounding box of an SVG path's points."""
    points = [p for ring in path_rings(d) for p in ring]
    if not points:
        return (0.0, 0.0, 0.0, 0.0)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


@lru_cache(maxsize=1)
def world() -> tuple[Box, dict[str, Country]]:
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
        rings = tuple(
            tuple(ring)
            for p in g.iter("{http://www.w3.org/2000/svg}path")
            for ring in path_rings(p.attrib.get("d", ""))
            if len(ring) >= 3
        )
        if not rings:
            continue
        xs = [px for ring in rings for px, _ in ring]
        ys = [py for ring in rings for _, py in ring]
        countries[code] = Country(code, rings, (min(xs), min(ys), max(xs), max(ys)))
    return (x, y, x + w, y + h), countries


def _number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=4096)
def outline(code: str, tolerance: float) -> str:
    """A country's path data simplified to `tolerance` (map units); islands smaller than it left out."""
    country = world()[1].get(code)
    if country is None:
        return ""
    decimals = 0 if tolerance >= 1 else 1
    biggest = max(country.rings, key=lambda r: _extent(r))
    parts = []
    for ring in country.rings:
        if ring is not biggest and _extent(ring) < tolerance:
            continue  # too small to see at this scale; the country's largest outline always stays
        line = shapely.LineString([*ring, ring[0]])
        points = list(shapely.simplify(line, tolerance, preserve_topology=True).coords)
        rounded = [(round(px, decimals), round(py, decimals)) for px, py in points]
        # Relative moves between rounded points: short numbers, and no error adds up.
        cells = [f"M{_number(rounded[0][0], decimals)} {_number(rounded[0][1], decimals)}"]
        steps = []
        for (ax, ay), (bx, by) in zip(rounded, rounded[1:], strict=False):
            if (ax, ay) != (bx, by):
                steps.append(f"{_number(bx - ax, decimals)} {_number(by - ay, decimals)}")
        if len(steps) < 2:
            continue
        parts.append(cells[0] + "l" + " ".join(steps) + "z")
    return "".join(parts)


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _extent(ring: Sequence[Point]) -> float:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def _tolerance(width: float) -> float:
    # Buckets, so that the outlines of one scale are simplified once and cached.
    raw = width / DETAIL
    return 2 ** round(math.log2(raw)) if raw > 0 else 1.0


def _visible(box: Box, view: Box) -> bool:
    return not (box[2] < view[0] or box[0] > view[2] or box[3] < view[1] or box[1] > view[3])


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
    tolerance = _tolerance(w)
    parts = [
        f'<svg class="map" viewBox="{vx:.0f} {vy:.0f} {w:.0f} {h:.0f}" role="img" aria-label="{escape(label)}"'
        ' xmlns="http://www.w3.org/2000/svg">'
    ]
    # Land first, then the origin, then the areas: an enclave area stays visible inside its neighbour.
    order = {"land": 0, "origin": 1, "area": 2}

    def kind_of(code: str) -> str:
        return "origin" if code in origins else "area" if code in shown else "land"

    view = (vx, vy, vx + w, vy + h)
    for code, country in sorted(countries.items(), key=lambda kv: (order[kind_of(kv[0])], kv[0])):
        if not _visible(country.box, view):
            continue
        d = outline(code, tolerance)
        if d:
            parts.append(
                f'<g class="{kind_of(code)}" data-country="{escape(code)}"><title>{escape(name(code))}</title>'
                f'<path d="{d}"/></g>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def shade(count: int, top: int) -> int:
    """The shade (1..SHADES) of a country with `count` groups when the most any country has is `top`.

    On a log scale, so that one group and a few stay apart however many the busiest country has.
    """
    if count <= 0:
        return 0
    if top <= 1:
        return 1
    return 1 + round((SHADES - 1) * math.log(min(count, top)) / math.log(top))


def overview_map(
    rows: Sequence[Mapping[str, Any]], name: Callable[[str], str], groups_word: str, href: str, label: str
) -> Markup:
    """The world, each country shaded by the number of groups active there and linking to them.

    `rows` are {"code", "groups"}; a country's tooltip is its `name` and its
    number of groups (`groups_word`: "groups"); `href` a link pattern with `{code}`.
    """
    bounds, countries = world()
    counts = {str(r["code"]).upper(): int(r["groups"]) for r in rows}
    top = max(counts.values(), default=0)
    x0, y0, x1, y1 = bounds
    tolerance = _tolerance(x1 - x0)
    parts = [
        f'<svg class="map overview" viewBox="{x0:.0f} {y0:.0f} {x1 - x0:.0f} {y1 - y0:.0f}" role="img"'
        f' aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    # The largest first: an enclave (the Gambia in Senegal) is drawn over its neighbour, and can be clicked.
    for code in sorted(countries, key=lambda c: (-_area(countries[c].box), c)):
        d = outline(code, tolerance)
        if not d:
            continue
        n = counts.get(code, 0)
        if n:
            parts.append(
                f'<a href="{escape(href.format(code=code))}"><g class="shade{shade(n, top)}"'
                f' data-country="{escape(code)}" data-groups="{n}"><title>{escape(f"{name(code)}: {n} {groups_word}")}</title>'
                f'<path d="{d}"/></g></a>'
            )
        else:
            parts.append(
                f'<g class="land" data-country="{escape(code)}"><title>{escape(name(code))}</title><path d="{d}"/></g>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
