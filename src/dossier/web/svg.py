"""Inline SVG drawn on the server: a group's relations graph, and charts (the maps are in `maps.py`).

No script and nothing fetched. Every text placed in the markup goes through
`escape`, and numbers are formatted by Python, so the result can be marked
safe as a whole.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
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


# -- the relations graph ----------------------------------------------------------------


# Rows of the relations graph: one per relation type (its heading) and one per related group.
ROW = 22
GRAPH_WIDTH = 760
MAX_TARGETS = 40


def relations_graph(
    center: str,
    rows: Sequence[dict[str, Any]],
    names: dict[str, dict[str, str]],
    href: str,
    type_label: Callable[[str], str],
) -> Markup:
    """The group on the left, the related groups on the right in one band per relation type.

    `rows` are the factsheet's relation rows (type, target, periods); `names` maps
    entity ids to {"name": ...}; `href` is a link pattern with `{id}`. Every label
    has a row of its own, so no two labels can overlap however many relations
    there are, and the text is 13px at the width of a printed page. The layout is
    deterministic: types in order, targets by name.
    """

    def name(entity: str) -> str:
        return names.get(entity, {}).get("name", entity)

    shown = sorted(rows, key=lambda r: (r["type"], name(r["target"]).casefold()))[:MAX_TARGETS]
    if not shown:
        return Markup("")
    lines: list[tuple[str, dict[str, Any]]] = []
    for rel in shown:
        if not lines or lines[-1][1]["type"] != rel["type"]:
            lines.append(("type", rel))
        lines.append(("target", rel))
    height = ROW * len(lines) + 16
    cx, cy, nx = 110, height / 2, 300
    edges, texts = [], []
    for i, (what, rel) in enumerate(lines):
        y = 16 + ROW * i + ROW / 2
        colour = RELATION_COLOURS.get(rel["type"], "#7f7f7f")
        if what == "type":
            texts.append(
                f'<text class="type" x="{nx - 6}" y="{y + 4:.0f}" fill="{colour}">{escape(type_label(rel["type"]))}</text>'
            )
            continue
        periods = ", ".join(p for p in (_period(p) for p in rel.get("periods", [])) if p)
        target = name(rel["target"])
        link = escape(href.format(id=rel["target"]))
        edges.append(f'<line x1="{cx}" y1="{cy:.0f}" x2="{nx}" y2="{y:.0f}" stroke="{colour}" stroke-width="1.5"/>')
        texts.append(
            f'<a href="{link}"><circle cx="{nx}" cy="{y:.0f}" r="5" fill="{colour}"/>'
            f'<text class="node" x="{nx + 10}" y="{y + 4:.0f}"><title>{escape(target)}</title>{_short(escape(target), 42)}'
            f"{escape(' ' + periods) if periods else ''}</text></a>"
        )
    centre = (
        f'<circle cx="{cx}" cy="{cy:.0f}" r="12" fill="#333"/>'
        f'<text class="node center" x="{cx}" y="{cy + 30:.0f}">{_short(escape(center), 26)}</text>'
    )
    head = (
        f'<svg class="graph" viewBox="0 0 {GRAPH_WIDTH} {height}" width="{GRAPH_WIDTH}" role="img"'
        f' aria-label="{escape(center)}" xmlns="http://www.w3.org/2000/svg">'
    )
    return Markup(head + "".join(edges) + centre + "".join(texts) + "</svg>")


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


def events_chart(counts: dict[int, dict[str, int]], label: str, type_label: Callable[[str], str] = str) -> Markup:
    """Events per year as stacked bars, one colour per type, with a legend (`type_label` names a type)."""
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
                f' fill="{colour[t]}"><title>{year} {escape(type_label(t))}: {n}</title></rect>'
            )
    for i, t in enumerate(types):
        x, y = left + (i % 5) * 130, height + 4 + 16 * (i // 5)
        parts.append(
            f'<rect x="{x}" y="{y}" width="10" height="10" fill="{colour[t]}"/>'
            f'<text x="{x + 14}" y="{y + 9}" class="tick">{escape(type_label(t))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
