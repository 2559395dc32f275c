"""A knowledge base of its own for the editors' tests (they change it), with an editor and a reader.

The accounts are made with `dossier user add` as a person would, the password on
standard input (the command asks for it at a terminal).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import web_corpus as corpus

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb_helpers import cli_env, dossier_command  # noqa: E402

from dossier.build import build_paths  # noqa: E402

PASSWORD = "tide and salt 42"
EDITOR, READER = "edith", "reto"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class EditorsKB:
    db: Path
    folder: Path


def add_user(db: Path, name: str, role: str, password: str = PASSWORD) -> str:
    import subprocess

    done = subprocess.run(
        [*dossier_command(), "user", "add", name, "--role", role, "--db", str(db)],
        input=password + "\n",
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def make_kb(root: Path) -> EditorsKB:
    folder = corpus.write(root / "docs")
    db = root / "kb.db"
    report = build_paths([folder], db, progress=False, workers=1)
    assert report.ok, report
    add_user(db, EDITOR, "editor")
    add_user(db, READER, "reader")
    return EditorsKB(db, folder)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: Any, name: str, password: str = PASSWORD) -> Any:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"csrf": token, "name": name, "password": password, "next": "/"}, follow_redirects=False
    )
