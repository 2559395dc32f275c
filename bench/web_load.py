"""Hold C concurrent clients on a real `dossier serve` for T seconds, on loopback only.

    python bench/web_load.py                                   # 200 clients, 30 s, --workers 2, SQLite
    python bench/web_load.py --db postgresql://me@localhost/kb --clients 50 --seconds 10 --json

The knowledge base is the seeds and the dev corpus (`../shared/corpus/`, or
the folders given with --corpus), built into --db first (a temporary SQLite
file by default; a build of files already there reads nothing). The server is
`dossier serve --workers N` on a free loopback port, in processes of its own.
Each client (an asyncio task; aiohttp, one connection each) asks, one request
after the other, for a page drawn at random from a fixed mix: group
factsheets (every group, the largest included), timelines (of all events and
of one group), searches (words of the documents) and API pages (a group, its
events, the group list). A request that takes longer than --timeout counts as
a time-out, one that answers other than 200 as an error. It prints, per kind
of page and in all, requests per second and the 50th, 95th and 99th
percentile of the answer times. The clients run on the same machine as the
server, so they share its cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import uvloop

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared")) / "corpus"
KINDS = ("factsheet", "timeline", "search", "api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _dossier() -> list[str]:
    script = Path(sys.executable).parent / "dossier"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from dossier.cli import main; main()"]


def _wait_until_up(base: str, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped (exit {proc.returncode})")
        try:
            if httpx.get(base + "/api/groups", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not answer in time")


def page_mix(base: str, rng: random.Random) -> dict[str, list[str]]:
    """The addresses each kind of request draws from, read from the running server."""
    with httpx.Client(base_url=base, timeout=60) as client:
        groups, page, pages = [], 1, 1
        while page <= pages:
            data = client.get("/api/groups", params={"page": page}).json()
            groups += [g["id"] for g in data["groups"]]
            pages, page = int(data["pages"]), page + 1
        docs = client.get("/api/documents").json()["documents"][:20]
        words: Counter[str] = Counter()
        for d in docs:
            text = client.get(f"/api/documents/{d['id']}").json().get("text", "")
            words.update(w.lower() for w in re.findall(r"[^\W\d_]{5,}", text))
    common = [w for w, _ in words.most_common(200)]
    queries = rng.sample(common, min(40, len(common))) if common else ["group"]
    return {
        "factsheet": [f"/groups/{g}" for g in groups],
        "timeline": ["/timeline"] + [f"/timeline?group={g}" for g in groups[:50]],
        "search": [f"/search?q={q}" for q in queries],
        "api": [f"/api/groups/{g}" for g in groups]
        + [f"/api/events?group={g}" for g in groups[:50]]
        + ["/api/groups", "/api/map"],
    }


@dataclass
class Load:
    """What every client shares: the addresses, the measured window, the time-out, the tally."""

    base: str
    mix: dict[str, list[str]]
    since: float  # monotonic time the measured window opens (after the warm-up)
    until: float
    timeout: float
    out: dict[str, Any]


async def client_loop(load: Load, seed: int) -> None:
    """One client: a request, its answer, the next request; counted from `load.since` (after the warm-up) on.

    After a time-out or an error the client starts over on a new connection, as a browser would, so
    that nothing a cancelled request left behind is used again. (httpx's pool, used here before, could
    keep a cancelled request's connection ACTIVE for good, encode/httpcore#1093: that client then timed
    out every 2 s, a request the server never saw, which read as time-outs every 2.05 s.)"""
    rng = random.Random(seed)
    while time.monotonic() < load.until:
        connector = aiohttp.TCPConnector(limit=1)  # one connection, kept alive between requests
        async with aiohttp.ClientSession(load.base, connector=connector) as session:
            await _requests(session, rng, load)


async def _requests(session: aiohttp.ClientSession, rng: random.Random, load: Load) -> None:
    """Requests one after the other on `session` until `load.until`, or until one times out or fails."""
    out = load.out
    while time.monotonic() < load.until:
        kind = rng.choice(KINDS)
        url = rng.choice(load.mix[kind])
        started = time.monotonic()
        counted = started >= load.since
        try:
            async with asyncio.timeout(load.timeout):  # the whole request, not each read
                async with session.get(url) as response:
                    await response.read()
        except TimeoutError:
            out["timeouts"][kind] += counted
            if counted:
                out.setdefault("timed_out_at", []).append(round(started - load.since, 1))
            return
        except aiohttp.ClientError:
            out["errors"][kind] += counted
            return
        if response.status != 200:
            out["errors"][kind] += counted
        elif counted:
            out["times"][kind].append(time.monotonic() - started)


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


async def hold(
    base: str, mix: dict[str, list[str]], clients: int, seconds: float, warmup: float, timeout: float
) -> dict[str, Any]:
    """`clients` clients for `warmup` + `seconds`; what they met in the last `seconds`."""
    out: dict[str, Any] = {"times": defaultdict(list), "errors": Counter(), "timeouts": Counter()}
    since = time.monotonic() + warmup
    load = Load(base, mix, since, since + seconds, timeout, out)
    await asyncio.gather(*(client_loop(load, i) for i in range(clients)))
    out["elapsed"] = time.monotonic() - since
    return out


def report(out: dict[str, Any]) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    elapsed = out["elapsed"]
    every: list[float] = []
    for kind in (*KINDS, "all"):
        times = every if kind == "all" else out["times"][kind]
        if kind != "all":
            every += times
        errors = sum(out["errors"].values()) if kind == "all" else out["errors"][kind]
        timeouts = sum(out["timeouts"].values()) if kind == "all" else out["timeouts"][kind]
        rows[kind] = {
            "requests": len(times),
            "per_second": round(len(times) / elapsed, 1),
            "p50_ms": round(_percentile(times, 50) * 1000, 1),
            "p95_ms": round(_percentile(times, 95) * 1000, 1),
            "p99_ms": round(_percentile(times, 99) * 1000, 1),
            "errors": errors,
            "timeouts": timeouts,
        }
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="knowledge base: a SQLite file or a postgresql:// URL (default: a temp file)")
    parser.add_argument("--corpus", nargs="*", type=Path, default=[SHARED / "seeds", SHARED / "dev"])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2, help="server processes (dossier serve --workers)")
    parser.add_argument("--timeout", type=float, default=2.0, help="seconds before a request counts as timed out")
    parser.add_argument(
        "--warmup",
        type=float,
        default=10.0,
        help="seconds of load before measuring (each worker renders each page once)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "kb.db")
        folders = [str(f) for f in args.corpus if f.is_dir()]
        if folders:
            subprocess.run([*_dossier(), "build", *folders, "--db", db, "--no-progress"], check=False)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [*_dossier(), "serve", "--db", db, "--port", str(port), "--workers", str(args.workers)],
            start_new_session=True,
        )
        try:
            _wait_until_up(base, server)
            mix = page_mix(base, random.Random(args.seed))
            # uvloop: the clients, not the server, are the busier side of this machine.
            with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
                out = runner.run(hold(base, mix, args.clients, args.seconds, args.warmup, args.timeout))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    rows = report(out)
    figures = {
        "clients": args.clients,
        "seconds": args.seconds,
        "workers": args.workers,
        "store": "postgresql" if db.startswith("postgres") else "sqlite",
        "groups": len(mix["factsheet"]),
        "pages": rows,
        "timeouts_at_s": sorted(out.get("timed_out_at", []))[:50],  # seconds into the measured run
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(
        f"{args.clients} clients for {args.seconds:g} s, dossier serve --workers {args.workers} "
        f"({figures['store']}, {figures['groups']} groups)"
    )
    print(
        f"{'page':<10} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'timeouts':>9}"
    )
    for kind, r in rows.items():
        print(
            f"{kind:<10} {r['requests']:>9} {r['per_second']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8} "
            f"{r['p99_ms']:>8} {r['errors']:>7} {r['timeouts']:>9}"
        )


if __name__ == "__main__":
    main()
