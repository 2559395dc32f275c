"""`dossier user`: accounts made, listed, given another role and removed; passwords never on the command line."""

from __future__ import annotations

from pathlib import Path

from kb_helpers import RED_DAWN, build, invoke, write_corpus
from typer.testing import CliRunner

from dossier.accounts import FREE_FAILURES, LOCKOUT_SECONDS, add_account, sign_in
from dossier.cli import app
from dossier.store import Store
from dossier.store.editors import Editors


def _kb(tmp_path: Path) -> Path:
    db = tmp_path / "kb.db"
    build(write_corpus(tmp_path / "docs", {"red.txt": RED_DAWN}), db=db)
    return db


def test_user_add_list_set_role_and_remove(tmp_path: Path) -> None:
    db = _kb(tmp_path)
    assert "no accounts" in invoke("user", "list", "--db", db).stdout
    runner = CliRunner()
    done = runner.invoke(app, ["user", "add", "ada", "--role", "admin", "--db", str(db)], input="long enough pw\n")
    assert done.exit_code == 0, done.output
    short = runner.invoke(app, ["user", "add", "bo", "--role", "editor", "--db", str(db)], input="short\n")
    assert short.exit_code == 1 and "at least 8" in short.output
    again = runner.invoke(app, ["user", "add", "ada", "--db", str(db)], input="long enough pw\n")
    assert again.exit_code == 1 and "already" in again.output
    bad_role = runner.invoke(app, ["user", "add", "cy", "--role", "owner", "--db", str(db)], input="long enough pw\n")
    assert bad_role.exit_code == 2
    listed = invoke("user", "list", "--db", db).stdout
    assert "ada" in listed and "admin" in listed and "long enough" not in listed
    with Store(db) as store:
        account = Editors(store).account("ada")
        assert account is not None and account.password_hash.startswith("$argon2")
        assert sign_in(store, "ada", "long enough pw").account is not None
        assert sign_in(store, "ada", "wrong password").account is None
    assert invoke("user", "set-role", "ada", "reader", "--db", db).exit_code == 0
    assert invoke("user", "set-role", "nobody", "reader", "--db", db).exit_code == 1
    with Store(db) as store:
        assert Editors(store).account("ada").role == "reader"  # type: ignore[union-attr]
    assert invoke("user", "remove", "ada", "--db", db).exit_code == 0
    assert "no accounts" in invoke("user", "list", "--db", db).stdout


def test_sign_ins_are_slowed_after_five_failures_and_the_lock_ends(tmp_path: Path) -> None:
    db = _kb(tmp_path)
    with Store(db) as store:
        add_account(store, "ed", "editor", "the right one")
        for i in range(FREE_FAILURES):
            outcome = sign_in(store, "ed", "a wrong one", at=1000.0 + i)
            assert outcome.account is None and not outcome.locked
        locked = sign_in(store, "ed", "the right one", at=1000.0 + FREE_FAILURES)
        assert locked.account is None and locked.locked and 0 < locked.wait <= LOCKOUT_SECONDS
        assert sign_in(store, "ed", "the right one", at=1005.0 + LOCKOUT_SECONDS).account is not None
        # A name nobody has is counted and locked the same way, so trying names tells nothing.
        for i in range(FREE_FAILURES):
            sign_in(store, "ghost", "whatever", at=2000.0 + i)
        assert sign_in(store, "ghost", "whatever", at=2000.0 + FREE_FAILURES).locked


def test_a_server_without_an_admin_says_how_to_make_one(tmp_path: Path) -> None:
    import socket
    import subprocess

    from kb_helpers import cli_env, dossier_command

    db = _kb(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [*dossier_command(), "serve", "--db", str(db), "--port", str(port)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=cli_env(),
    )
    try:
        assert server.stderr is not None
        first = server.stderr.readline()
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "no admin account yet" in first and "dossier user add NAME --role admin" in first
