"""Extraction alone: the CPU time of `extract_document` over documents read beforehand.

    python bench/extract_cpu.py DIR... [--profile OUT.prof] [--top 25] [--json]

Every file under the folders is read as a build reads it (`read_document`), then one
document is extracted first so that the lexicons and indexes are loaded outside the
measure; then every document is extracted once, in one process, and the CPU time of
that loop is reported with the MB of plain text it covered. `--profile` runs the loop
under cProfile instead and writes the stats (and prints the top functions by
cumulative time); its time is then not the figure to quote.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from dossier.extract import extract_document  # noqa: E402
from dossier.ingest import iter_source_files, read_document  # noqa: E402
from dossier.model import Document  # noqa: E402


def read_all(folders: list[Path]) -> list[Document]:
    return [read_document(path) for path in iter_source_files(folders)]


def extract_all(docs: list[Document]) -> int:
    return sum(len(extract_document(doc)) for doc in docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--profile", type=Path, help="write cProfile stats here")
    parser.add_argument("--top", type=int, default=25, help="functions to print with --profile")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    docs = read_all(args.folders)
    mb = sum(len(doc.text.encode()) for doc in docs) / 1e6
    extract_document(docs[0])  # loads lexicons and indexes: start-up, counted apart
    start = time.process_time()
    if args.profile:
        profiler = cProfile.Profile()
        statements = profiler.runcall(extract_all, docs)
        profiler.dump_stats(args.profile)
        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(args.top)
    else:
        statements = extract_all(docs)
    cpu = time.process_time() - start
    figures = {
        "documents": len(docs),
        "mb": round(mb, 3),
        "statements": statements,
        "cpu_s": round(cpu, 2),
        "mb_per_s": round(mb / cpu, 3),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(
            f"{len(docs)} documents, {mb:.3f} MB, {statements} statements: "
            f"extraction {cpu:.2f} s CPU, {mb / cpu:.3f} MB/s"
        )


if __name__ == "__main__":
    main()
