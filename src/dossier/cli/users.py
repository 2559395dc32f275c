"""`dossier user ...`: the accounts of a knowledge base. A password is asked for, never given on the command line."""

from __future__ import annotations

import getpass
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dossier.cli.options import DEFAULT_DB, DbOption
from dossier.store import Store, StoreError, open_store
from dossier.store.editors import ROLES, Editors

users = typer.Typer(no_args_is_help=True, help="Accounts: readers, editors and admins of the knowledge base.")
out = Console()
err = Console(stderr=True, soft_wrap=True)

RoleOption = Annotated[str, typer.Option("--role", help=f"One of {', '.join(ROLES)}.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/] {escape(message)}", highlight=False)
    return typer.Exit(code)


def _open(db: str) -> Store:
    try:
        return open_store(db, create=False)
    except StoreError as e:
        raise _fail(str(e), 2) from None


def _password() -> str:
    """Asked twice at a terminal; read from the first line of standard input otherwise (scripts, tests)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("password again: ") != first:
        raise _fail("the two passwords differ")
    return first


@users.command("add")
def add(name: str, role: RoleOption = "editor", db: DbOption = DEFAULT_DB) -> None:
    """Add an account (or give a new password to one an import brought, which has none)."""
    if role not in ROLES:
        raise _fail(f"unknown role {role!r} (one of {', '.join(ROLES)})", 2)
    with _open(db) as store:
        known = Editors(store).account(name)
        if known is not None and known.password_hash:
            raise _fail(f"there is already an account {name!r}; `dossier user set-role` changes its role")
        try:
            from dossier.accounts import add_account  # hashes a password at import: only for this command

            add_account(store, name, role, _password())
        except ValueError as e:
            raise _fail(str(e)) from None
    out.print(f"added {escape(name)} ({role})", highlight=False)


@users.command("list")
def list_accounts(db: DbOption = DEFAULT_DB) -> None:
    """Every account with its role."""
    with _open(db) as store:
        accounts = Editors(store).accounts()
    if not accounts:
        out.print("no accounts; `dossier user add NAME --role admin` makes the first admin")
        return
    table = Table("name", "role", "since", "signs in")
    for a in accounts:
        table.add_row(escape(a.name), a.role, a.created_at, "yes" if a.password_hash else "no password yet")
    out.print(table)


@users.command("set-role")
def set_role(
    name: str,
    role: Annotated[str, typer.Argument(help=f"One of {', '.join(ROLES)}.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Give an account another role."""
    if role not in ROLES:
        raise _fail(f"unknown role {role!r} (one of {', '.join(ROLES)})", 2)
    with _open(db) as store:
        if not Editors(store).set_role(name, role):
            raise _fail(f"no account {name!r}")
    out.print(f"{escape(name)} is now {role}", highlight=False)


@users.command("remove")
def remove(name: str, db: DbOption = DEFAULT_DB) -> None:
    """Remove an account; its decisions stay, with its name."""
    with _open(db) as store:
        if not Editors(store).remove_account(name):
            raise _fail(f"no account {name!r}")
    out.print(f"removed {escape(name)}", highlight=False)
