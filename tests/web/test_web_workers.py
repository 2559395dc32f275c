"""`dossier serve --workers 2`: a real server of two processes, each reloading after a build commits."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest
import web_corpus as corpus
from kb_helpers import build, cli_env, dossier_command, free_port


@pytest.fixture
def two_workers(db: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "tidewater.txt").write_text(corpus.TIDEWATER, encoding="utf-8")
    assert build(folder, db=db).ok
    port = free_port()
    proc = subprocess.Popen(
        [*dossier_command(), "serve", "--db", db, "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(base + "/api/groups", timeout=2).raise_for_status()
            break
        except httpx.HTTPError:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the server did not answer within 60 s"
            time.sleep(0.2)
    yield base, folder
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


def _names(client: httpx.Client) -> set[str]:
    return {g["name"] for g in client.get("/api/groups").json()["groups"]}


def test_every_worker_serves_the_new_build_once_it_commits(two_workers, db: str) -> None:  # type: ignore[no-untyped-def]
    base, folder = two_workers
    # Fresh connections each time, so that both processes answer (the kernel spreads them).
    with httpx.Client(base_url=base, timeout=10, limits=httpx.Limits(max_keepalive_connections=0)) as client:
        before = [_names(client) for _ in range(20)]
        assert all(names == {"Tidewater Rifles"} for names in before)
        page = client.get("/")
        assert page.status_code == 200 and "Tidewater Rifles" in page.text
        (folder / "amber.txt").write_text(corpus.AMBER_COAST, encoding="utf-8")
        assert build(folder, db=db).ok
        deadline = time.monotonic() + 30
        new: set[frozenset[str]] = set()
        while True:  # within a few seconds (each worker checks every 2 s), every answer is the new build whole
            seen = [_names(client) for _ in range(20)]
            new |= {frozenset(names) for names in seen if names != {"Tidewater Rifles"}}
            assert len(new) <= 1, new  # never half a build: the old knowledge base or the whole new one
            if all("Amber Coast Liberation Army" in names for names in seen):
                break
            assert time.monotonic() < deadline, seen
            time.sleep(0.5)
        assert "Amber Coast Liberation Army" in client.get("/").text  # the cached home page was replaced too


def test_workers_refuse_a_missing_knowledge_base(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db"), "--workers", "2"])
    assert result.exit_code == 2
