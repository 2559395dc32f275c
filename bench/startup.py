"""A build's start-up, counted apart from the build itself.

    python bench/startup.py ../shared/corpus/seeds [--runs 3] [--workers N] [--json]

Each run times, in fresh processes (one after the other):

- `command`: `dossier build DIR --db NEW --no-progress`, as a user runs it: wall time and
  CPU time (the process and its build workers);
- `imports`: `import dossier.cli` alone;
- `after start-up`: `build_paths(DIR)` in a process that has first built a few synthetic
  documents (`bench/corpus.py`, seed 1) into another database: its imports done, its
  indexes and lexicons loaded, its patterns compiled, none of DIR's own texts seen.

`start-up` is `command` less `after start-up`: what a build pays before it extracts at
full speed. Run it from the repository root with the project's environment; with
PYTHONPATH=OTHER/src it measures another checkout's code with this script.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WARM_DOCUMENTS = 6

# Run in a fresh process: argv = DIR, DB, WARM_DIR, WARM_DB, WORKERS; prints JSON.
_AFTER_START_UP = """
import json, resource, sys, time
from pathlib import Path
from dossier.build import build_paths
folder, db, warm_folder, warm_db, workers = sys.argv[1:6]
workers = int(workers) if workers else None
build_paths([Path(warm_folder)], warm_db, progress=False, workers=1)
def cpu():
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
wall, used = time.perf_counter(), cpu()
report = build_paths([Path(folder)], db, progress=False, workers=workers)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": cpu() - used, "read": report.read}))
"""

_IMPORTS = """
import json, time
wall, cpu = time.perf_counter(), time.process_time()
import dossier.cli
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}))
"""


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _python(source: str, *args: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", source, *args], capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _command(folder: Path, db: Path, workers: int | None) -> dict[str, float]:
    dossier = Path(sys.executable).parent / "dossier"
    args = [str(dossier), "build", str(folder), "--db", str(db), "--no-progress"]
    if workers is not None:
        args += ["--workers", str(workers)]
    wall, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(args, capture_output=True, check=True)
    return {"wall": time.perf_counter() - wall, "cpu": _children_cpu() - cpu}


def one_run(folder: Path, work: Path, workers: int | None, warm_folder: Path) -> dict[str, Any]:
    load = os.getloadavg()[0]
    command = _command(folder, work / "command.db", workers)
    imports = _python(_IMPORTS)
    after = _python(
        _AFTER_START_UP,
        str(folder),
        str(work / "after.db"),
        str(warm_folder),
        str(work / "warm.db"),
        "" if workers is None else str(workers),
    )
    for name in ("command.db", "after.db", "warm.db"):
        (work / name).unlink(missing_ok=True)
    return {
        "load": round(load, 2),
        "command_wall": round(command["wall"], 2),
        "command_cpu": round(command["cpu"], 2),
        "imports_wall": round(imports["wall"], 2),
        "after_wall": round(after["wall"], 2),
        "after_cpu": round(after["cpu"], 2),
        "startup_wall": round(command["wall"] - after["wall"], 2),
        "startup_cpu": round(command["cpu"] - after["cpu"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, help="as `dossier build --workers` (its default if not given)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    sys.path.insert(0, str(HERE))
    from corpus import generate_corpus

    runs = []
    with tempfile.TemporaryDirectory(prefix="dossier-startup-") as tmp:
        work = Path(tmp)
        warm_folder = work / "warm"
        generate_corpus(warm_folder, WARM_DOCUMENTS, 1)
        for _ in range(args.runs):
            runs.append(one_run(args.folder.resolve(), work, args.workers, warm_folder))
    if args.json:
        print(json.dumps(runs))
        return
    print("load | command wall / CPU | imports | after start-up wall / CPU | start-up wall / CPU")
    for r in runs:
        print(
            f"{r['load']:4.2f} | {r['command_wall']:5.2f} s / {r['command_cpu']:5.2f} s | {r['imports_wall']:4.2f} s"
            f" | {r['after_wall']:5.2f} s / {r['after_cpu']:5.2f} s | {r['startup_wall']:5.2f} s / {r['startup_cpu']:5.2f} s"
        )
    if len(runs) > 1:
        median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(
            f"median: command {median['command_wall']:.2f} s wall, after start-up {median['after_wall']:.2f} s wall, "
            f"start-up {median['startup_wall']:.2f} s wall / {median['startup_cpu']:.2f} s CPU"
        )


if __name__ == "__main__":
    main()
