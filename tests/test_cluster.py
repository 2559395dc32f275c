"""`dossier build --cluster`: a real `dask scheduler` and two `dask worker` processes on loopback read and
extract the dev corpus; the knowledge base they give exports the same as a local build's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from kb_helpers import build, cli_env, export, free_port, run_dossier

SHARED = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[1].parent / "shared")) / "corpus"
DASK = Path(sys.executable).parent / "dask"


def _start(*args: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(DASK), *args], stdout=out, stderr=subprocess.STDOUT, env=cli_env(), start_new_session=True
        )


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[str]:
    """A scheduler and two single-threaded workers on loopback; the scheduler's address."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [_start("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard", log=tmp_path / "s.log")]
    worker = ["worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard"]
    procs += [_start(*worker, "--name", f"w{i}", log=tmp_path / f"w{i}.log") for i in (1, 2)]
    try:
        from dask.distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def test_a_build_on_a_dask_cluster_gives_the_export_of_a_local_build(cluster: str, db: str, tmp_path: Path) -> None:
    corpus = SHARED / "dev"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not here")
    started = time.monotonic()
    result = run_dossier("build", corpus, "--db", db, "--cluster", cluster, "--no-progress", timeout=600)
    assert result.returncode == 0, result.stderr
    assert f"{len(list(corpus.iterdir()))} read" in result.stderr
    local = str(tmp_path / "local.db")
    assert build(corpus, db=local, workers=2).ok
    assert export(db) == export(local), f"built on the cluster in {time.monotonic() - started:.1f} s"


def test_an_unreachable_scheduler_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Name: An Invented Front\n", encoding="utf-8")
    address = f"tcp://127.0.0.1:{free_port()}"
    result = run_dossier("build", tmp_path / "docs", "--db", tmp_path / "kb.db", "--cluster", address, timeout=120)
    assert result.returncode == 2
    assert address in result.stderr and "cannot reach the Dask scheduler" in result.stderr
