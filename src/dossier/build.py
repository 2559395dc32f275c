"""The build: files -> documents -> statements -> store, then resolution.

Incremental and idempotent: a file whose bytes and extractor version are
already stored is skipped, a changed file replaces its own document and
nothing else, and each document is written in one transaction. Reading and
extraction are pure functions of a file, so they run in worker processes.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import socket
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from dossier.extract import extract_document, extraction_version
from dossier.ingest import (
    DEFAULT_MAX_BYTES,
    ReadError,
    document_from_bytes,
    iter_source_files,
    load_file,
    pictures_beside,
    read_document,
)
from dossier.model import Document, Statement
from dossier.resolve import resolve
from dossier.store import now, open_store
from dossier.warm_up import warm_up

PROGRESS_MIN_FILES = 5
# Workers that each start cold (spawned) cost a second or two apiece before their first
# document: worth it for many files only. Workers forked from this process once it is
# warmed up start at once: worth it as soon as there is more than about a second of
# extraction to share (some 40 KB of text).
PARALLEL_MIN_FILES = 16
PARALLEL_MIN_BYTES = 40_000


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
    return _extract(path, doc)


def _process_sent(path: str, data: bytes, pictures: dict[str, bytes]) -> _Outcome:
    """`_process` on a Dask worker: the file's bytes (and the pictures beside it) were sent, not its path."""
    try:
        doc = document_from_bytes(path, data, pictures)
    except ReadError as err:
        return _Outcome(path, problem=str(err))
    return _extract(path, doc)


def _extract(path: str, doc: Document) -> _Outcome:
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
    cluster: str | None = None,
) -> BuildReport:
    """Build `paths` into `db_path`; with `cluster` (a Dask scheduler's address, tcp://HOST:8786), reading and
    extraction run on its workers, and the results are stored here as they come back."""
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

        for outcome in _run(todo, max_bytes, workers, console if progress else None, cluster):
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


class ClusterError(Exception):
    """The Dask cluster cannot be reached or used."""


def _run(
    todo: list[Path], max_bytes: int, workers: int | None, console: Console | None, cluster: str | None = None
) -> Iterator[_Outcome]:
    if not todo:
        return
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
        for outcome in _outcomes(todo, max_bytes, workers, cluster):
            bar.update(task, advance=1, description=Path(outcome.path).name[:40])
            yield outcome


def _outcomes(todo: list[Path], max_bytes: int, workers: int | None, cluster: str | None) -> Iterator[_Outcome]:
    if cluster:
        yield from _on_cluster(todo, max_bytes, cluster)
        return
    workers = workers if workers is not None else min(os.cpu_count() or 1, 8)
    fork = _fork_context()
    if workers > 1 and _worth_a_pool(todo, warm=fork is not None):
        if fork is not None:
            _warm_once()
            gc.freeze()  # what the workers inherit: their collector need not walk it (nor copy its pages)
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=fork) as pool:
                chunk = max(1, min(32, len(todo) // (workers * 4)))
                if chunk > 1:
                    yield from pool.map(_process, [str(p) for p in todo], [max_bytes] * len(todo), chunksize=chunk)
                else:
                    yield from _largest_first(pool, todo, max_bytes)
        finally:
            if fork is not None:
                gc.unfreeze()
    else:
        for path in todo:
            yield _process(str(path), max_bytes)
            _WARM.set()  # this process has extracted a document itself: warming up again is no use


def _largest_first(pool: ProcessPoolExecutor, todo: list[Path], max_bytes: int) -> Iterator[_Outcome]:
    """A few files, the largest handed out first and the outcomes given in `todo`'s order:
    a large file left for last would keep one worker busy while the others wait."""
    sizes = [_size(path) for path in todo]
    futures: dict[int, Future[_Outcome]] = {}
    for i in sorted(range(len(todo)), key=lambda i: -sizes[i]):
        futures[i] = pool.submit(_process, str(todo[i]), max_bytes)
    for i in range(len(todo)):
        yield futures.pop(i).result()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # unreadable: reading it will say so
        return 0


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Where workers can be forked from this process (not on macOS, where forking is unsafe)."""
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _worth_a_pool(todo: list[Path], *, warm: bool) -> bool:
    if len(todo) >= PARALLEL_MIN_FILES:
        return True
    if not warm or len(todo) < 2:
        return False
    return sum(_size(path) for path in todo) >= PARALLEL_MIN_BYTES


# Set once this process is warm: it has warmed up, or extracted a document itself.
_WARM = threading.Event()


def _warm_once() -> None:
    """Warm this process up before its first pool forks (`warm_up`), unless it is warm
    already; later pools inherit it as well."""
    if not _WARM.is_set():
        warm_up()
        _WARM.set()


def _reachable(address: str) -> None:
    """Fail at once when nothing listens at a tcp:// address (Dask would retry until its time-out)."""
    parts = urlsplit(address)
    if parts.scheme == "tcp" and parts.hostname and parts.port:
        socket.create_connection((parts.hostname, parts.port), timeout=10).close()


def _on_cluster(todo: list[Path], max_bytes: int, address: str) -> Iterator[_Outcome]:
    """Read each file here, send its bytes to the cluster's workers, yield each result as it comes back.

    A few documents per worker thread are in flight at a time, so neither this
    process nor the scheduler holds a whole corpus in memory."""
    from dask.distributed import Client, as_completed  # only a build on a cluster needs Dask

    try:
        _reachable(address)
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as err:
        raise ClusterError(f"{address}: cannot reach the Dask scheduler ({err})") from err
    with client:
        window = max(8, 4 * sum(client.nthreads().values()))
        running = as_completed()
        files = iter(todo)
        listings: dict[Path, list[Path]] = {}
        path_of: dict[object, str] = {}  # task key -> file

        def submit() -> Iterator[_Outcome]:
            """Top the work in flight up to `window`; files that cannot be read here are problems at once."""
            while running.count() < window:
                path = next(files, None)
                if path is None:
                    return
                try:
                    data = load_file(path, max_bytes)
                except ReadError as err:
                    yield _Outcome(str(path), problem=str(err))
                    continue
                pictures = pictures_beside(path, data, listings)
                future = client.submit(_process_sent, str(path), data, pictures, pure=False)
                path_of[future.key] = str(path)
                running.add(future)

        yield from submit()
        for future in running:
            path = path_of.pop(future.key)
            try:
                outcome = future.result()
            except Exception as err:  # a worker lost, or killed by the task: that file is a problem, not the build
                outcome = _Outcome(path, problem=f"failed on the cluster ({type(err).__name__}: {err})")
            future.release()
            yield outcome
            yield from submit()
