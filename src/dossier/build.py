"""The build: files -> documents -> statements -> store, then resolution.

Incremental and idempotent: a file whose bytes and extractor version are
already stored is skipped, a changed file replaces its own document and
nothing else, and each document is written in one transaction. Reading and
extraction are pure functions of a file, so they run in worker processes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from dossier.extract import extract_document, extraction_version
from dossier.ingest import DEFAULT_MAX_BYTES, ReadError, iter_source_files, read_document
from dossier.model import Document, Statement
from dossier.resolve import resolve
from dossier.store import now, open_store

PROGRESS_MIN_FILES = 5
PARALLEL_MIN_FILES = 16


@dataclass
class BuildReport:
    read: int = 0
    skipped: int = 0
    unchanged: int = 0
    statements: int = 0
    chars: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.skipped == 0


@dataclass(frozen=True)
class _Outcome:
    path: str
    document: Document | None = None
    statements: tuple[Statement, ...] = ()
    problem: str = ""


def _process(path: str, max_bytes: int) -> _Outcome:
    """Read and extract one file; every failure becomes a one-line problem."""
    try:
        doc = read_document(Path(path), max_bytes=max_bytes)
    except ReadError as err:
        return _Outcome(path, problem=str(err))
    try:
        statements = extract_document(doc)
    except Exception as err:  # an extractor bug must not stop the build of the other files
        return _Outcome(
            path, problem=f"internal error while extracting ({type(err).__name__}: {err}); please report it"
        )
    return _Outcome(path, doc, tuple(statements))


def _digest(path: Path, max_bytes: int) -> str | None:
    try:
        if path.stat().st_size > max_bytes:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def build_paths(
    paths: Iterable[Path],
    db_path: Path | str,
    *,
    progress: bool = True,
    workers: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    console: Console | None = None,
    on_problem: Callable[[str], None] | None = None,
) -> BuildReport:
    console = console or Console(stderr=True)
    report = BuildReport()
    started = now()

    def problem(message: str) -> None:
        report.skipped += 1
        report.problems.append(message)
        if on_problem:
            on_problem(message)

    files: list[Path] = []
    for given in paths:
        if not Path(given).exists():
            problem(f"{given}: no such file or folder")
            continue
        files.extend(iter_source_files([Path(given)]))

    version = extraction_version()
    with open_store(db_path) as store:
        todo: list[Path] = []
        for path in files:
            digest = _digest(path, max_bytes)
            stored = store.document_at(str(path))
            if digest and stored and stored.id == digest and stored.extracted_with == version:
                report.unchanged += 1
            elif digest and store.has_document(digest, version):
                store.link_path(str(path), digest)  # a copy of a file already built
                report.unchanged += 1
            else:
                todo.append(path)

        for outcome in _run(todo, max_bytes, workers, console if progress else None):
            if outcome.document is None:
                problem(f"{outcome.path}: {outcome.problem}")
                continue
            for warning in outcome.document.warnings:
                console.print(f"[yellow]warning[/] {escape(f'{outcome.path}: {warning}')}", highlight=False)
            store.put_document(outcome.document, outcome.statements, version)
            report.read += 1
            report.statements += len(outcome.statements)
            report.chars += len(outcome.document.text)

        if report.read or not store.count("resolution"):
            with store.exclusive("resolution"):  # another build's documents are resolved with these
                store.replace_resolution(resolve(store.statements(), store.judgements()))
        store.record_build(started, report.read, report.skipped, report.unchanged, report.statements)
    return report


def _run(todo: list[Path], max_bytes: int, workers: int | None, console: Console | None) -> Iterator[_Outcome]:
    if not todo:
        return
    workers = workers if workers is not None else min(os.cpu_count() or 1, 8)
    parallel = workers > 1 and len(todo) >= PARALLEL_MIN_FILES
    show = console is not None and len(todo) > PROGRESS_MIN_FILES
    with Progress(
        TextColumn("[bold]building[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
        console=console,
        disable=not show,
        transient=False,
    ) as bar:
        task = bar.add_task("", total=len(todo))
        if parallel:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                chunk = max(1, min(32, len(todo) // (workers * 4)))
                results = pool.map(_process, [str(p) for p in todo], [max_bytes] * len(todo), chunksize=chunk)
                for outcome in results:
                    bar.update(task, advance=1, description=Path(outcome.path).name[:40])
                    yield outcome
        else:
            for path in todo:
                bar.update(task, description=path.name[:40])
                yield _process(str(path), max_bytes)
                bar.advance(task)
