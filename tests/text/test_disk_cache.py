"""Indexes kept on disk: read back as built, built again when stale or damaged, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.text import disk_cache
from dossier.text.disk_cache import cached


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(where))
    return where


class Builder:
    """A build function that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


INDEX = {"aldmoor": ("Aldmoor", "ZZ", 120_000), "vessing": ("Vessing", "ZY", 16_000)}


def test_built_once_then_read_back_equal(folder: Path) -> None:
    build = Builder(INDEX)
    assert cached("towns", ("v1",), build) == INDEX
    assert cached("towns", ("v1",), build) == INDEX
    assert build.calls == 1
    assert len(list(folder.glob("towns-*.bin"))) == 1


def test_another_key_is_built_apart(folder: Path) -> None:
    old, new = Builder({"a": 1}), Builder({"a": 2})
    assert cached("towns", ("v1",), old) == {"a": 1}
    assert cached("towns", ("v2",), new) == {"a": 2}
    assert cached("towns", ("v1",), old) == {"a": 1}
    assert (old.calls, new.calls) == (1, 1)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit of the payload
        lambda data: data[:20] + bytes([data[20] ^ 1]) + data[21:],  # one bit of the digest
        lambda data: b"not a cache file at all",
        lambda data: b"\x00" * len(data),
    ],
    ids=["empty", "truncated", "payload-bit", "digest-bit", "foreign", "zeros"],
)
def test_a_damaged_file_is_built_again_and_replaced(folder: Path, damage: object) -> None:
    cached("towns", ("v1",), Builder(INDEX))
    (path,) = folder.glob("towns-*.bin")
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    build = Builder(INDEX)
    assert cached("towns", ("v1",), build) == INDEX
    assert build.calls == 1
    again = Builder(INDEX)
    assert cached("towns", ("v1",), again) == INDEX
    assert again.calls == 0  # the rebuilt file is whole


def test_a_file_of_another_key_under_this_name_is_not_used(folder: Path) -> None:
    cached("towns", ("v1",), Builder({"a": 1}))
    (path,) = folder.glob("towns-*.bin")
    cached("towns", ("v2",), Builder({"a": 2}))
    (other,) = set(folder.glob("towns-*.bin")) - {path}
    other.replace(path)  # v2's file where v1's should be (as a name collision would leave it)
    build = Builder({"a": 1})
    assert cached("towns", ("v1",), build) == {"a": 1}
    assert build.calls == 1


def test_no_folder_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_CACHE_DIR", "")
    build = Builder(INDEX)
    assert cached("towns", ("v1",), build) == cached("towns", ("v1",), build) == INDEX
    assert build.calls == 2


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(blocked / "cache"))
    build = Builder(INDEX)
    assert cached("towns", ("v1",), build) == INDEX
    assert cached("towns", ("v1",), build) == INDEX
    assert build.calls == 2


def test_a_value_marshal_cannot_write_is_still_returned(folder: Path) -> None:
    value = {"a": object()}
    assert cached("odd", ("v1",), lambda: value) is value
    assert not list(folder.glob("odd-*.bin"))


def test_no_temporary_file_is_left_behind(folder: Path) -> None:
    cached("towns", ("v1",), Builder(INDEX))
    assert [p.name.startswith("towns-") for p in folder.iterdir()] == [True]


def test_the_default_folder_is_the_users_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DOSSIER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(disk_cache.sys, "platform", "linux")
    assert disk_cache.cache_dir() == tmp_path / "dossier"


def test_no_home_folder_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> None:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("DOSSIER_CACHE_DIR", raising=False)
    monkeypatch.setattr(disk_cache, "cache_dir", no_home)
    build = Builder(INDEX)
    assert cached("towns", ("v1",), build) == INDEX
    assert build.calls == 1
