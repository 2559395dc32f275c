"""Compare two JSON exports of the same corpus: are their statements (and the
entities, events and merges built from them) the same?

    python bench/compare_exports.py BEFORE.json AFTER.json [--limit 20]

Used to check that a speed-up changes no output. The version stamp of the
extractors (`extracted_with`) is left out: it changes whenever their code does.
Exits with status 1 and prints the first differences when the exports differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

# Sections compared as sorted lists of canonical JSON lines.
SECTIONS = ("statements", "organizations", "persons", "events", "resolution", "judgements")
IGNORED_DOCUMENT_KEYS = ("extracted_with",)


def canonical_lines(export: dict[str, Any], section: str) -> list[str]:
    rows = export.get(section) or []
    if section == "documents":
        rows = [{k: v for k, v in row.items() if k not in IGNORED_DOCUMENT_KEYS} for row in rows]
    return sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)


def differences(before: dict[str, Any], after: dict[str, Any], limit: int) -> list[str]:
    out: list[str] = []
    for section in ("documents", *SECTIONS):
        old, new = canonical_lines(before, section), canonical_lines(after, section)
        if old == new:
            continue
        gone, added = sorted(set(old) - set(new)), sorted(set(new) - set(old))
        out.append(f"{section}: {len(old)} before, {len(new)} after; {len(gone)} gone, {len(added)} added")
        out += [f"  - {line[:300]}" for line in gone[:limit]]
        out += [f"  + {line[:300]}" for line in added[:limit]]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--limit", type=int, default=20, help="differences shown per section")
    args = parser.parse_args(argv)
    before = json.loads(args.before.read_text(encoding="utf-8"))
    after = json.loads(args.after.read_text(encoding="utf-8"))
    found = differences(before, after, args.limit)
    for line in found:
        print(line)
    if not found:
        print(f"same: {len(after.get('statements') or [])} statements")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
