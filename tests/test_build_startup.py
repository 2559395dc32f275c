"""A build's start-up: indexes kept on disk, workers forked from a warmed-up process.

Neither may change what a build stores: a build whose indexes are built in the
process (cache cold), read from disk (warm) or rebuilt over damaged files
exports the same knowledge base.
"""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
from kb_helpers import RED_DAWN, SALT_ARMY, SILVER_RIVER_HTML, cli_env, dossier_command, write_corpus

from dossier import build as build_module
from dossier.ingest import document_from_bytes
from dossier.warm_up import PROFILES, warm_up

CORPUS = {"red-dawn.txt": RED_DAWN, "salt-army.md": SALT_ARMY, "silver-river.html": SILVER_RIVER_HTML}


def _build_and_export(folder: Path, db: Path, cache: Path) -> dict[str, Any]:
    env = cli_env(DOSSIER_CACHE_DIR=str(cache))
    for args in (
        ["build", str(folder), "--db", str(db), "--no-progress"],
        ["export", "--db", str(db), "-o", f"{db}.json"],
    ):
        done = subprocess.run([*dossier_command(), *args], capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(Path(f"{db}.json").read_text("utf-8"))
    return data


def test_a_build_stores_the_same_with_its_indexes_cold_warm_or_damaged(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "corpus", CORPUS)
    cache = tmp_path / "cache"
    cold = _build_and_export(folder, tmp_path / "cold.db", cache)
    kept = sorted(cache.glob("*.bin"))
    assert {p.name.split("-")[0] for p in kept} == {"cities", "countrynames"}
    warm = _build_and_export(folder, tmp_path / "warm.db", cache)
    assert sorted(cache.glob("*.bin")) == kept  # read, not written again under other names
    for path in kept:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    damaged = _build_and_export(folder, tmp_path / "damaged.db", cache)
    assert cold["statements"]
    for section in ("documents", "statements", "organizations", "persons", "events", "resolution"):
        assert cold[section] == warm[section] == damaged[section], section
    assert all(len(p.read_bytes()) > 1000 for p in kept)  # rebuilt whole


def test_the_place_indexes_read_from_disk_are_the_ones_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import countrynames

    from dossier.text import places

    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path))
    places._cities.cache_clear()
    try:
        first = places._cities()  # built and written
        places._cities.cache_clear()
        again = places._cities()  # read back
    finally:
        places._cities.cache_clear()
    fresh = places._city_index()
    assert list(first.items()) == list(again.items()) == list(fresh.items())
    assert places._countrynames_table() == places._countrynames_table() == countrynames._load_data()


def test_the_warm_up_profiles_are_read_in_their_languages_and_extracted() -> None:
    for name, text in PROFILES.items():
        doc = document_from_bytes(name, text.encode("utf-8"), {})
        assert doc.lang == name.removesuffix(".txt").rsplit("-", 1)[1]
    warm_up()  # no error, and again when already warm
    warm_up()


def test_a_pool_when_there_is_enough_to_share(tmp_path: Path) -> None:
    def files(*sizes: int) -> list[Path]:
        paths = []
        for i, size in enumerate(sizes):
            path = tmp_path / f"f{len(sizes)}-{i}.txt"
            path.write_bytes(b"x" * size)
            paths.append(path)
        return paths

    half = build_module.PARALLEL_MIN_BYTES // 2
    assert build_module._worth_a_pool(files(half, half), warm=True)
    assert not build_module._worth_a_pool(files(half, half), warm=False)  # spawned workers start cold
    assert not build_module._worth_a_pool(files(half, half - 1), warm=True)
    assert not build_module._worth_a_pool(files(2 * half), warm=True)  # one file is one worker's
    assert build_module._worth_a_pool(files(*[10] * build_module.PARALLEL_MIN_FILES), warm=False)


def test_a_process_warms_up_once_and_not_after_extracting_its_own_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(build_module, "warm_up", lambda: calls.append(1))
    monkeypatch.setattr(build_module, "_WARM", threading.Event())
    build_module._warm_once()
    build_module._warm_once()
    assert calls == [1]
    # A process that has just built documents without a pool has loaded what warming would.
    monkeypatch.setattr(build_module, "_WARM", threading.Event())
    folder = write_corpus(tmp_path / "corpus", CORPUS)
    build_module.build_paths([folder], tmp_path / "kb.db", progress=False, workers=1)
    build_module._warm_once()
    assert calls == [1]
