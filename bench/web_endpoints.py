"""Time the web app's factsheet, timeline and search endpoints on a large synthetic knowledge base.

    python bench/web_endpoints.py                        # 1,000 groups, 100,000 events
    python bench/web_endpoints.py --groups 200 --events 20000 --requests 100 --json

The knowledge base is generated directly as statements (one profile document per
group, with its events as dated lines, every statement's evidence pointing at
its line) and written through `Store.put_document`, so the full-text index is
filled as a build would fill it; no extraction is run. Group, person and town
names are invented from syllables. The app is driven in-process with FastAPI's
TestClient; each endpoint gets `--requests` requests with varied parameters,
and the median and 95th percentile of their times are printed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    from dossier.model import Document, Evidence, Schema, Statement, subject_key
except ImportError:  # not installed: use the source tree
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from dossier.model import Document, Evidence, Schema, Statement, subject_key
from dossier.store import open_store

SYLLABLES = ["ka", "lo", "mi", "ra", "sen", "du", "tal", "bor", "vi", "nem", "zu", "ar", "ok", "fel", "dri", "ma", "no", "sa", "tu", "ri"]
WORDS = ("Front", "Army", "Brigades", "Movement", "Legion", "Column", "Union", "Guard")
COUNTRIES = ["ML", "NE", "BF", "TD", "NG", "CM", "SO", "KE", "CO", "PE", "PH", "ID", "IQ", "SY", "YE", "LY", "DZ", "AF", "PK", "IN"]
TYPES = ("armed_assault", "bombing", "kidnapping", "ambush", "assassination")
VERBS = {
    "armed_assault": "attacked a police post",
    "bombing": "set off a bomb in the market",
    "kidnapping": "kidnapped travellers on the road",
    "ambush": "ambushed an army convoy",
    "assassination": "shot a local official",
}
IDEOLOGIES = ("separatism", "revolutionary socialism", "religious nationalism", "ethnic nationalism", "anarchism")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def invented(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class Profile:
    """One generated document and its statements; lines are appended with their offsets."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lines: list[str] = []
        self.length = 0
        self.pending: list[tuple[str, Schema, str, str, dict[str, Any], int, int]] = []

    def line(self, text: str) -> tuple[int, int]:
        start = self.length
        self.lines.append(text)
        self.length += len(text) + 1
        return start, start + len(text)

    def say(self, slug: str, schema: Schema, prop: str, value: str, span: tuple[int, int], **qualifiers: Any) -> None:
        self.pending.append((slug, schema, prop, value, qualifiers, *span))

    def finish(self) -> tuple[Document, list[Statement]]:
        text = "\n".join(self.lines) + "\n"
        doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), path=self.path, text=text, lang="en")
        statements = [
            Statement(
                subject=subject_key(schema, doc.id, slug),
                schema=schema,
                prop=prop,
                value=subject_key(Schema.PERSON, doc.id, value[1:]) if value.startswith("@") else value,
                evidence=Evidence(doc.id, start, end),
                extractor="bench",
                qualifiers=qualifiers,
            )
            for slug, schema, prop, value, qualifiers, start, end in self.pending
        ]
        return doc, statements


class _Nowhere:
    """A store that keeps nothing: `generate` without a database gives only the ids and names."""

    def put_document(self, *args: Any) -> None:
        pass

    def replace_resolution(self, rows: Any) -> None:
        pass

    def __enter__(self) -> _Nowhere:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def generate(db: Path | None, groups: int, events: int, seed: int) -> dict[str, Any]:
    """Write the knowledge base (when `db` is given); what the requests choose from (entity ids, words)."""
    rng = random.Random(seed)
    names = []
    for _ in range(groups):
        names.append(f"{invented(rng, 2)} {invented(rng, 3)} {rng.choice(WORDS)}")
    per_group = events // groups
    resolution: list[tuple[str, str, str, float]] = []
    group_ids: list[str] = []
    towns = [invented(rng, 2) for _ in range(500)]
    with open_store(db) if db else _Nowhere() as store:
        for i, name in enumerate(names):
            p = Profile(f"group-{i:05d}.txt")
            p.say("org", Schema.ORGANIZATION, "name", name, p.line(f"Name: {name}"))
            acronym = "".join(w[0] for w in name.split()).upper()
            p.say("org", Schema.ORGANIZATION, "alias", acronym, p.line(f"Also known as: {acronym}"))
            home, *areas = rng.sample(COUNTRIES, 3)
            p.say("org", Schema.ORGANIZATION, "origin_country", home, p.line(f"Country of origin: {home}"))
            span = p.line(f"Areas of operation: {home}, {', '.join(areas)}")
            for c in [home, *areas]:
                p.say("org", Schema.ORGANIZATION, "country", c, span)
            founded = rng.randint(1970, 2010)
            p.say("org", Schema.ORGANIZATION, "founded", str(founded), p.line(f"Founded: {founded}"), kind="founded")
            ideology = rng.choice(IDEOLOGIES)
            p.say("org", Schema.ORGANIZATION, "ideology", ideology, p.line(f"Ideology: {ideology}"))
            for year in (founded + 5, founded + 12):
                n = rng.randint(1, 60) * 50
                p.say("org", Schema.ORGANIZATION, "size", str(n), p.line(f"In {year} it had about {n} fighters."),
                      min=n, max=n, as_of=str(year))
            leader = f"{invented(rng, 2)} {invented(rng, 2)} {invented(rng, 3)}"
            span = p.line(f"Leader: {leader}, emir since {founded}")
            p.say("org", Schema.ORGANIZATION, "leader", "@leader", span, role="emir", start=str(founded))
            p.say("leader", Schema.PERSON, "name", leader, span)
            p.say("leader", Schema.PERSON, "role", "", span, role="emir", start=str(founded))
            p.line("")
            p.line("Timeline")
            for j in range(per_group):
                year = rng.randint(founded, 2024)
                month, day = rng.randint(1, 12), rng.randint(1, 28)
                kind = rng.choice(TYPES)
                country, town, killed = rng.choice([home, *areas]), rng.choice(towns), rng.randint(0, 40)
                span = p.line(
                    f"{day} {MONTHS[month - 1]} {year}: {name} fighters {VERBS[kind]} in {town} and killed {killed} people."
                )
                slug = f"e{j}"
                p.say(slug, Schema.EVENT, "date", f"{year}-{month:02d}-{day:02d}", span)
                p.say(slug, Schema.EVENT, "type", kind, span)
                p.say(slug, Schema.EVENT, "country", country, span)
                p.say(slug, Schema.EVENT, "place", town, span)
                p.say(slug, Schema.EVENT, "killed", str(killed), span, min=killed, max=killed)
                p.say(slug, Schema.EVENT, "summary", p.lines[-1].split(": ", 1)[1], span)
                p.say(slug, Schema.EVENT, "perpetrator", "org", span)
            doc, statements = p.finish()
            org_key = subject_key(Schema.ORGANIZATION, doc.id, "org")
            # Events and the leader's role point at the group's mention key.
            statements = [
                Statement(s.subject, s.schema, s.prop, org_key if s.prop in ("perpetrator", "role") else s.value,
                          s.evidence, s.extractor, s.qualifiers)
                for s in statements
            ]
            store.put_document(doc, statements, "bench")
            resolution.extend((key, entity_id(key), "bench", 1.0) for key in dict.fromkeys(s.subject for s in statements))
            group_ids.append(entity_id(org_key))
        store.replace_resolution(resolution)
    return {"groups": group_ids, "names": names, "towns": towns}


def entity_id(key: str) -> str:
    """A resolved entity id as resolution makes them: short, and the same for the same mention key."""
    return "x" + hashlib.sha1(key.encode()).hexdigest()[:11]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(client: Any, urls: list[str]) -> dict[str, float]:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:200]}")
    return {"median_ms": statistics.median(times), "p95_ms": percentile(times, 0.95), "requests": len(urls)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="keep the knowledge base here (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--reuse", action="store_true", help="time the knowledge base already in --workdir")
    args = parser.parse_args()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

        from dossier.web.app import create_app

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="dossier-web-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "web-bench.db"
    t0 = time.perf_counter()
    if args.reuse and args.workdir and db.exists():
        pool = generate(None, args.groups, args.events, args.seed)  # the same names and ids, nothing written
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        pool = generate(db, args.groups, args.events, args.seed)
    generated = time.perf_counter() - t0
    t0 = time.perf_counter()
    client = TestClient(create_app(db))
    loaded = time.perf_counter() - t0

    rng = random.Random(args.seed + 1)
    n = args.requests
    groups = pool["groups"]

    def urls(make: Callable[[], str]) -> list[str]:
        return [make() for _ in range(n)]

    def timeline_url(prefix: str) -> str:
        choice = rng.randrange(5)
        if choice == 0:
            return f"{prefix}?group={rng.choice(groups)}"
        if choice == 1:
            return f"{prefix}?type={rng.choice(TYPES)}&page={rng.randint(1, 20)}"
        if choice == 2:
            since = rng.randint(1975, 2020)
            return f"{prefix}?since={since}&until={since + rng.randint(0, 5)}"
        if choice == 3:
            return f"{prefix}?country={rng.choice(COUNTRIES)}&type={rng.choice(TYPES)}"
        return f"{prefix}?page={rng.randint(1, 100)}"

    def search_url(prefix: str) -> str:
        word = rng.choice([rng.choice(pool["names"]).split()[1], rng.choice(pool["towns"]), rng.choice(TYPES)[:6]])
        return f"{prefix}?q={word.lower()}"

    for warm in ("/", "/timeline", "/search?q=army", f"/groups/{groups[0]}"):  # first renders compile templates
        client.get(warm)
    results = {
        "factsheet (HTML)": timed(client, urls(lambda: f"/groups/{rng.choice(groups)}")),
        "factsheet (API)": timed(client, urls(lambda: f"/api/groups/{rng.choice(groups)}")),
        "timeline (HTML)": timed(client, urls(lambda: timeline_url("/timeline"))),
        "timeline (API)": timed(client, urls(lambda: timeline_url("/api/events"))),
        "search (HTML)": timed(client, urls(lambda: search_url("/search"))),
        "search (API)": timed(client, urls(lambda: search_url("/api/search"))),
    }
    with open_store(db) as store:
        statements = store.count("statements")
    summary = {
        "groups": args.groups,
        "events": args.groups * (args.events // args.groups),
        "statements": statements,
        "generate_s": round(generated, 1),
        "load_s": round(loaded, 1),
        "endpoints": {k: {m: round(v, 1) for m, v in r.items()} for k, r in results.items()},
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(
            f"{summary['groups']:,} groups, {summary['events']:,} events, {statements:,} statements; "
            f"generated in {generated:.1f} s, app loaded in {loaded:.1f} s"
        )
        print(f"{'endpoint':<20} {'median ms':>10} {'p95 ms':>8} {'requests':>9}")
        for name, r in results.items():
            print(f"{name:<20} {r['median_ms']:>10.1f} {r['p95_ms']:>8.1f} {r['requests']:>9}")
    if not args.workdir:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        workdir.rmdir()


if __name__ == "__main__":
    main()
