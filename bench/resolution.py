"""Resolution speed: synthetic person and organisation mentions with realistic
spelling variation, resolved with `dossier.resolve.resolve`, at several sizes.

    python bench/resolution.py [--n 10000 100000] [--seed 0] [--json]

A third of the mentions each are persons, organisations and incidents; each
invented entity is mentioned about four times, in a different document each
time. Incidents are reported with their date at the precision a source gives
(day, month or year; now and then a day or two off), their country, sometimes
their city, related types ("bombing" / "suicide_attack" / "attack") and tolls
that differ by a few. Names are spelt as sources spell them: Abu/Abou, ou/u, ee/i, ai/ei/ay, doubled letters, al-/el-,
hyphens or spaces, one slip in a long word, name order, a surname alone, an
acronym alone, a unit word ("Battalion"), a stated alias. The script reports,
per size, the time `resolve()` takes, the time per mention, how far the
mentions of one invented entity were split and how many entities mix two (per
kind), and the growth factor between sizes (10x the mentions in ~10x the time
is linear).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from babel import Locale

BENCH = Path(__file__).resolve().parent
try:
    from dossier.model import Evidence, Schema, Statement
    from dossier.resolve import resolve
except ImportError:
    sys.path.insert(0, str(BENCH.parent / "src"))
    from dossier.model import Evidence, Schema, Statement
    from dossier.resolve import resolve

ONSETS = ["b", "d", "f", "g", "h", "j", "k", "kh", "l", "m", "n", "r", "s", "sh", "t", "w", "z", "dj", "q"]
VOWELS = ["a", "i", "ou", "e", "a", "o", "ai"]
CODAS = ["", "", "r", "n", "m", "l", "d", "b", "k", "t", "s"]
ORG_WORDS = ["Movement", "Front", "Council", "Union", "Army", "League", "Brigades", "Alliance"]
ORG_THEMES = [
    "Justice",
    "Renewal",
    "Liberation",
    "Unity",
    "Resistance",
    "Victory",
    "Faith",
    "Defence",
    "Dawn",
    "Honour",
]
ORG_PLACES = ["Hills", "Valleys", "Coast", "Desert", "Plateau", "Lakes", "Marches", "Highlands", "Delta", "Steppe"]
ORG_QUALIFIERS = ["Eastern", "Western", "Northern", "Southern", "Upper", "Lower", "Central", "Greater"]
# Two-letter territory codes (CLDR, via Babel); incidents spread over more of them as
# the corpus grows, so that a month holds about as many incidents per country at every size.
COUNTRIES = sorted(code for code in Locale("en").territories if len(code) == 2 and code.isalpha())
INCIDENTS_PER_COUNTRY = 50
CITIES = [syllable.capitalize() + "ville" for syllable in ("ba", "do", "ke", "lu", "mi", "no", "ra", "si", "tu", "za")]
INCIDENT_TYPES = [
    ("bombing", "suicide_attack", "attack"),
    ("kidnapping", "hostage_taking"),
    ("armed_assault", "attack", "ambush"),
    ("military_operation", "leader_killed"),
    ("arrest",),
    ("execution", "hostage_taking"),
]


def syllables(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(n))


def word(rng: random.Random, lo: int = 2, hi: int = 3) -> str:
    return syllables(rng, rng.randint(lo, hi)).capitalize()


def vary_word(rng: random.Random, w: str) -> str:
    """One spelling variant of a word, as another source might write it."""
    ops = [
        lambda s: s.replace("ou", "u", 1),
        lambda s: s.replace("u", "ou", 1) if "ou" not in s else s,
        lambda s: s.replace("ai", "ei", 1),
        lambda s: s.replace("ai", "ay", 1),
        lambda s: s.replace("dj", "j", 1),
        lambda s: s.replace("q", "k", 1),
        lambda s: s[:-1] + s[-1] * 2 if s[-1].isalpha() and s[-1] not in "aeiou" else s,
    ]
    if len(w) >= 7:  # a slip: two neighbours swapped inside a long word
        i = rng.randint(2, len(w) - 3)
        ops.append(lambda s: s[:i] + s[i + 1] + s[i] + s[i + 2 :])
    out = rng.choice(ops)(w)
    return out[:1].upper() + out[1:]


def person_variant(rng: random.Random, given: str, kunya: str | None, family: str) -> tuple[str, list[tuple[str, str]]]:
    """(name, aliases) of one person mention."""
    article = rng.choice(["al-", "el-", "al ", "El-", ""])
    abu = rng.choice(["Abu", "Abou", "Abu", "Abu"])
    g = vary_word(rng, given) if rng.random() < 0.3 else given
    f = vary_word(rng, family) if rng.random() < 0.3 else family
    parts = [g] + ([f"{abu} {kunya}"] if kunya and rng.random() < 0.6 else []) + [f"{article}{f}"]
    if rng.random() < 0.1:
        parts = parts[::-1]  # name order
    aliases = []
    if rng.random() < 0.2:
        aliases.append((f, "surname"))
    if kunya and rng.random() < 0.2:
        aliases.append((f"{abu} {kunya}", "alias"))
    if rng.random() < 0.08:
        return f, []  # a surname alone
    return " ".join(parts), aliases


def org_variant(
    rng: random.Random, kind: int, parts: tuple[str, ...], acronym: str
) -> tuple[str, list[tuple[str, str]]]:
    if kind == 0:  # "Movement for Justice and Renewal in the Eastern Hills"
        head, a, b, q, place = parts
        if rng.random() < 0.1:
            return acronym, []
        name = f"{head} for {a} and {b} in the {q} {place}"
        return name, [(acronym, "acronym")] if rng.random() < 0.4 else []
    # "Al-Mourasiloun": an Arabic name in several transliterations, with or without a unit word
    (stem,) = parts
    ending = rng.choice(["oun", "un", "een", "in"])
    name = f"Al-{stem}{ending}" if rng.random() < 0.7 else f"al-{vary_word(rng, stem).lower()}{ending}"
    if rng.random() < 0.3:
        name += " " + rng.choice(["Battalion", "Brigade"])
    return name, []


def incident_variant(rng: random.Random, incident: tuple[Any, ...]) -> list[tuple[str, str]]:
    """(prop, value) of one report of an incident, as a source would give it."""
    day, country, city, types, killed = incident
    date = dt.date.fromordinal(day + (rng.choice((-2, -1, 1, 2)) if rng.random() < 0.1 else 0)).isoformat()
    precision = rng.random()
    date = date if precision < 0.6 else date[:7] if precision < 0.9 else date[:4]
    props = [("date", date), ("type", types[0])]
    if len(types) > 1 and rng.random() < 0.5:
        props.append(("type", rng.choice(types[1:])))
    if rng.random() < 0.85:
        props.append(("country", country))
    if city and rng.random() < 0.6:
        props.append(("place", city))
    if killed and rng.random() < 0.7:
        props.append(("killed", str(max(0, killed + rng.choice((-2, -1, 0, 0, 1, 3))))))
    return props


def generate(n: int, seed: int) -> tuple[list[Statement], dict[str, str]]:
    """`n` mentions as statements, and the invented entity behind each mention key."""
    rng = random.Random(seed)
    truth: dict[str, str] = {}
    statements: list[Statement] = []
    n_persons = max(1, n // 12)
    n_orgs = max(1, n // 12)
    n_incidents = max(1, n // 12)
    first_day = dt.date(2000, 1, 1).toordinal()
    countries = COUNTRIES[: max(16, min(len(COUNTRIES), n_incidents // INCIDENTS_PER_COUNTRY))]
    incidents = [
        (
            first_day + rng.randrange(20 * 365),
            rng.choice(countries),
            rng.choice(CITIES) + str(rng.randrange(50)) if rng.random() < 0.7 else "",
            rng.choice(INCIDENT_TYPES),
            rng.randrange(1, 80) if rng.random() < 0.6 else 0,
        )
        for _ in range(n_incidents)
    ]
    persons = [(word(rng), word(rng, 1, 2) if rng.random() < 0.5 else None, word(rng, 3, 4)) for _ in range(n_persons)]
    orgs: list[tuple[int, tuple[str, ...], str]] = []
    for _ in range(n_orgs):
        if rng.random() < 0.6:
            parts = (
                rng.choice(ORG_WORDS),
                rng.choice(ORG_THEMES),
                rng.choice(ORG_THEMES),
                rng.choice(ORG_QUALIFIERS),
                rng.choice(ORG_PLACES) + " of " + word(rng),
            )
            acronym = "".join(p[0] for p in parts[:3]) + "".join(
                w[0] for w in parts[3].split() + parts[4].split() if w[0].isupper()
            )
            orgs.append((0, parts, acronym))
        else:
            orgs.append((1, (syllables(rng, 3).capitalize(),), ""))

    def add(key: str, schema: Schema, name: str, aliases: list[tuple[str, str]]) -> None:
        doc = key.split(":")[1]
        statements.append(Statement(key, schema, "name", name, Evidence(doc, 0, len(name)), "bench"))
        for value, kind in aliases:
            statements.append(Statement(key, schema, "alias", value, Evidence(doc, 0, 1), "bench", {"kind": kind}))

    for i in range(n):
        doc = f"{rng.getrandbits(48):012x}"
        if i % 3 == 2:
            e = rng.randrange(n_incidents)
            key = f"Event:{doc}:m{i}"
            for prop, value in incident_variant(rng, incidents[e]):
                statements.append(Statement(key, Schema.EVENT, prop, value, Evidence(doc, 0, 1), "bench"))
            truth[key] = f"e{e}"
        elif i % 3 == 0:
            p = rng.randrange(n_persons)
            name, aliases = person_variant(rng, *persons[p])
            key = f"Person:{doc}:m{i}"
            add(key, Schema.PERSON, name, aliases)
            truth[key] = f"p{p}"
        else:
            o = rng.randrange(n_orgs)
            name, aliases = org_variant(rng, *orgs[o])
            key = f"Organization:{doc}:m{i}"
            add(key, Schema.ORGANIZATION, name, aliases)
            truth[key] = f"o{o}"
    return statements, truth


def quality(rows: list[tuple[str, str, str, float]], truth: dict[str, str]) -> dict[str, float]:
    """Splits: invented entities spread over more than one entity; mixed: entities holding two.
    Per kind: persons (p), organisations (o), incidents (e)."""
    out: dict[str, float] = {}
    for kind in ("p", "o", "e"):
        kept = {k: t for k, t in truth.items() if t[0] == kind}
        for name, value in _quality([r for r in rows if r[0] in kept], kept).items():
            out[f"{kind}_{name}"] = value
    return out


def _quality(rows: list[tuple[str, str, str, float]], truth: dict[str, str]) -> dict[str, float]:
    by_truth: dict[str, set[str]] = defaultdict(set)
    by_entity: dict[str, set[str]] = defaultdict(set)
    for key, entity, _reason, _score in rows:
        if key in truth:
            by_truth[truth[key]].add(entity)
            by_entity[entity].add(truth[key])
    largest = Counter()
    for key, entity, _r, _s in rows:
        if key in truth:
            largest[(truth[key], entity)] += 1
    best: dict[str, int] = defaultdict(int)
    for (t, _e), c in largest.items():
        best[t] = max(best[t], c)
    return {
        "split_share": sum(1 for s in by_truth.values() if len(s) > 1) / len(by_truth),
        "mentions_in_main_entity": sum(best.values()) / len(truth),
        "mixed_entities": sum(1 for s in by_entity.values() if len(s) > 1),
    }


def run(n: int, seed: int) -> dict[str, Any]:
    statements, truth = generate(n, seed)
    start, cpu_start = time.perf_counter(), time.process_time()
    rows = resolve(statements)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {
        "mentions": len(truth),
        "statements": len(statements),
        "entities": len({e for _k, e, _r, _s in rows}),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),  # beside the wall time: other work on the machine slows the latter
        "us_per_mention": round(1e6 * seconds / len(truth), 1),
        **{k: round(v, 4) if isinstance(v, float) else v for k, v in quality(rows, truth).items()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000], help="mention counts to time")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    results = [run(n, args.seed) for n in args.n]
    for prev, cur in zip(results, results[1:], strict=False):
        cur["growth"] = round(cur["seconds"] / prev["seconds"], 2) if prev["seconds"] else None
        cur["cpu_growth"] = round(cur["cpu_seconds"] / prev["cpu_seconds"], 2) if prev["cpu_seconds"] else None
        cur["size_factor"] = round(cur["mentions"] / prev["mentions"], 2)
    if args.json:
        print(json.dumps({"python": platform.python_version(), "results": results}, indent=2))
        return 0
    for r in results:
        line = (
            f"{r['mentions']:>7} mentions: {r['seconds']:7.2f} s ({r['cpu_seconds']:.2f} s CPU), "
            f"{r['us_per_mention']:6.1f} µs/mention, {r['entities']} entities"
        )
        for kind, label in (("p", "persons"), ("o", "organisations"), ("e", "incidents")):
            line += (
                f"\n    {label}: {100 * r[kind + '_split_share']:.1f}% of invented ones split, "
                f"{100 * r[kind + '_mentions_in_main_entity']:.1f}% of mentions in their main entity, "
                f"{r[kind + '_mixed_entities']} entities mixing two"
            )
        if "growth" in r:
            line += f"; {r['size_factor']}x mentions -> {r['growth']}x time ({r['cpu_growth']}x CPU)"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
