"""Build throughput: generate a synthetic corpus, build it into a fresh SQLite
file (or an empty PostgreSQL database) with `dossier.build.build_paths`, then
build it again (incremental: every document should come back unchanged).

    python bench/build_throughput.py [--n 1000] [--seed 0] [--workers W]
                                     [--db postgresql://...] [--cluster tcp://HOST:8786]
                                     [--workdir DIR] [--keep] [--json]
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from corpus import generate_corpus  # noqa: E402


class BuildReport(Protocol):
    read: int  # documents read
    skipped: int
    unchanged: int
    statements: int
    chars: int  # plain-text characters read


class BuildPaths(Protocol):
    """The interface of `dossier.build.build_paths` this benchmark relies on."""

    def __call__(
        self,
        paths: list[Path],
        db_path: Path | str,
        *,
        progress: bool = True,
        workers: int | None = None,
        cluster: str | None = None,
    ) -> BuildReport: ...


def import_build_paths() -> BuildPaths:
    """`dossier.build.build_paths`, from the installed package or from ./src."""
    try:
        from dossier.build import build_paths
    except ImportError:
        src = BENCH.parent / "src"
        if str(src) not in sys.path:
            sys.path.insert(0, str(src))
        for name in [m for m in sys.modules if m == "dossier" or m.startswith("dossier.")]:
            del sys.modules[name]  # retry from ./src, not a half-imported package
        try:
            from dossier.build import build_paths
        except ImportError as exc:
            sys.exit(
                f"error: cannot import dossier.build.build_paths ({exc}).\n"
                "Install the project (pip install -e .) in the active environment, "
                "or check that src/dossier/build.py exists and its dependencies are installed."
            )
    return cast(BuildPaths, build_paths)


T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def run(args: argparse.Namespace) -> dict[str, Any]:
    build_paths = import_build_paths()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    corpus_dir, db_path = workdir / "corpus", workdir / "build.sqlite"
    db: Path | str = args.db or db_path
    try:
        if corpus_dir.exists():
            shutil.rmtree(corpus_dir)
        paths, gen_s = timed(lambda: generate_corpus(corpus_dir, args.n, args.seed, args.html_share))
        if args.db:
            _require_empty(args.db)
        for p in (db_path, *db_path.parent.glob(db_path.name + "-*")):  # the db and its -wal/-shm
            p.unlink(missing_ok=True)

        def build() -> BuildReport:
            return build_paths(
                paths, db, progress=not args.no_progress, workers=args.workers, cluster=args.cluster
            )

        first, build_s = timed(build)
        second, rerun_s = timed(build)

        mb = first.chars / 1e6
        return {
            "n": len(paths),
            "seed": args.seed,
            "workers": args.workers,
            "store": "postgresql" if args.db else "sqlite",
            "cluster": args.cluster,
            "corpus_bytes": sum(p.stat().st_size for p in paths),
            "generate_s": round(gen_s, 3),
            "plain_text_chars": first.chars,
            "plain_text_mb": round(mb, 3),
            "build_s": round(build_s, 3),
            "docs_per_s": round(len(paths) / build_s, 2) if build_s else None,
            "mb_per_s": round(mb / build_s, 3) if build_s else None,
            "read": first.read,
            "skipped": first.skipped,
            "unchanged": first.unchanged,
            "statements": first.statements,
            "db_bytes": _size_of(db),
            "rerun_s": round(rerun_s, 3),
            "rerun_read": second.read,
            "rerun_unchanged": second.unchanged,
            "rerun_skipped": second.skipped,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "workdir": str(workdir) if args.keep or args.workdir else None,
        }
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


def _require_empty(db: str) -> None:
    """A benchmark measures a first build: the PostgreSQL database must hold no documents yet."""
    from dossier.store import open_store

    with open_store(db) as store:
        if store.count("documents"):
            sys.exit(f"error: {db} already holds documents; give the benchmark an empty database")


def _size_of(db: Path | str) -> int | None:
    if isinstance(db, Path):
        return db.stat().st_size if db.exists() else None
    import psycopg

    with psycopg.connect(db) as con:
        return int(con.execute("SELECT pg_database_size(current_database())").fetchone()[0])


def report(r: dict[str, Any]) -> str:
    lines = [
        f"documents        {r['n']} (seed {r['seed']}, {r['corpus_bytes'] / 1e6:.2f} MB on disk, "
        f"generated in {r['generate_s']:.2f} s)",
        f"plain text       {r['plain_text_mb']:.2f} MB ({r['plain_text_chars']:,} characters)",
        f"build            {r['build_s']:.2f} s wall, {r['store']}, "
        + (f"on the Dask cluster {r['cluster']}" if r["cluster"] else f"workers={r['workers'] or 'default'}"),
        f"throughput       {r['docs_per_s']} documents/s, {r['mb_per_s']} MB/s of plain text",
        f"read / skipped   {r['read']} / {r['skipped']}",
        f"statements       {r['statements']:,}",
        f"rebuild          {r['rerun_s']:.2f} s ({r['rerun_unchanged']} of {r['n']} unchanged, {r['rerun_read']} read)",
    ]
    if r["rerun_unchanged"] != r["n"] - r["rerun_skipped"]:
        lines.append("warning: the rebuild did not find every document unchanged")
    if r["workdir"]:
        lines.append(f"kept             {r['workdir']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Measure dossier's build throughput on a synthetic corpus.")
    ap.add_argument("--n", type=int, default=1000, help="number of documents (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--html-share", type=float, default=0.1, help="share of .html documents")
    ap.add_argument("--workers", type=int, default=None, help="passed to build_paths (default: its own)")
    ap.add_argument("--db", default=None, help="an empty PostgreSQL database (postgresql://...) instead of SQLite")
    ap.add_argument("--cluster", default=None, help="build on this Dask scheduler (tcp://HOST:8786)")
    ap.add_argument("--workdir", type=Path, default=None, help="keep corpus and database here")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--no-progress", action="store_true", help="no progress output from the build")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
    r = run(args)
    print(json.dumps(r, indent=2) if args.json else report(r))


if __name__ == "__main__":
    main()
