"""Helpers for the build, store, export and CLI tests: documents, builds, checks, the CLI.

The documents here are short group profiles written for these tests; the
groups are invented. (Kept out of conftest.py so that test modules can import
them by a name no other conftest.py shadows.)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engines import rows  # noqa: F401  (the tests import it from here)

from dossier.build import BuildReport, build_paths
from dossier.export.json import export_data
from dossier.model import Document, Evidence, Schema, Statement, subject_key
from dossier.store import open_store

# -- documents ------------------------------------------------------------------


def org_statement(doc: Document, prop: str, value: str, quote: str | None = None) -> Statement:
    """A statement about the document's main group, quoting `quote` (the value itself by default)."""
    quote = value if quote is None else quote
    start = doc.text.index(quote)
    return Statement(
        subject=subject_key(Schema.ORGANIZATION, doc.id, "main"),
        schema=Schema.ORGANIZATION,
        prop=prop,
        value=value,
        evidence=Evidence(doc.id, start, start + len(quote)),
        extractor="test",
    )


RED_DAWN = """\
GROUP PROFILE (test document written for dossier)

Name: Red Dawn Front
Also known as: RDF; Frente Amanecer Rojo
Areas of operation: Peru, Bolivia
Founded: 1984
Leaders: Tomas Quispe Huaman, Elena Vargas Rojas

Overview

The Red Dawn Front is an invented guerrilla movement used to test dossier. It began in the
highlands of southern Peru and later set up camps across the border in Bolivia.

Leaders

• Tomas Quispe Huaman (1950), alias Comrade Condor, founder and first leader of the front.
• Elena Vargas Rojas (1962), alias Comrade Luz, head of the urban wing.

Timeline

12 September 1992: Red Dawn Front fighters attacked a police post in Puno and killed 5 people.
3 March 1995: a car bomb planted by the Red Dawn Front in La Paz killed 2 people and wounded 14.
"""

SALT_ARMY = """\
GROUP PROFILE (test document written for dossier)

Name: Northern Salt Army
Also known as: NSA; Armée du Sel du Nord
Areas of operation: Chad, Niger
Leaders: Moussa Adoum Kaya

Overview

The Northern Salt Army is an invented armed group that controls smuggling routes across the
desert between northern Chad and eastern Niger.

Leaders

• Moussa Adoum Kaya (1958), alias The Camel, commander since the founding congress.

Timeline

14 June 2003: Northern Salt Army gunmen ambushed a convoy near Agadez and killed 7 people.
"""

SILVER_RIVER = """\
GROUP PROFILE (test document written for dossier)

Name: Silver River Brigades
Also known as: SRB
Areas of operation: Colombia, Ecuador
Leaders: Rosa Elvira Canto

Overview

The Silver River Brigades are an invented rebel force along the Putumayo river.

Leaders

• Rosa Elvira Canto (1971), alias Comandante Plata, leader of the brigades.

Timeline

2 February 2010: Silver River Brigades fighters kidnapped 4 engineers near Lago Agrio.
"""

SILVER_RIVER_HTML = """\
<!DOCTYPE html>
<html lang="en"><head><title>Silver River Brigades</title>
<script>var tracking = "do not read me";</script></head>
<body>
<h1>Silver River Brigades</h1>
<p>Name: Silver River Brigades</p>
<p>Also known as: SRB</p>
<p>Areas of operation: Colombia, Ecuador</p>
<p>The Silver River Brigades are an invented rebel force along the Putumayo river.</p>
<h2>Timeline</h2>
<p>2 February 2010: Silver River Brigades fighters kidnapped 4 engineers near Lago Agrio.</p>
</body></html>
"""


def generated_profile(i: int, entries: int = 30) -> str:
    """A longer, numbered profile for tests that need many files."""
    lines = [
        f"GROUP PROFILE {i} (generated for dossier tests)",
        "",
        f"Name: Mountain Column {chr(65 + i % 26)}{i}",
        f"Also known as: MC{i}",
        "Areas of operation: Peru, Bolivia",
        "",
        "Timeline",
        "",
    ]
    for j in range(entries):
        lines.append(
            f"{1 + j % 28} March {1960 + j}: fighters of the column attacked a police post in Puno "
            f"and killed {j + 1} people."
        )
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


# -- knowledge bases -----------------------------------------------------------


def build(*paths: Path, db: Path | str, **kwargs: Any) -> BuildReport:
    kwargs.setdefault("progress", False)
    kwargs.setdefault("workers", 1)
    return build_paths(list(paths), db, **kwargs)


def export(db: Path | str) -> dict[str, Any]:
    with open_store(db, create=False) as store:
        return export_data(store)


def grounded_export(root: Path, files: dict[str, str | bytes]) -> dict[str, Any]:
    """Write `files` under `root`, build them into `root/kb.db` and export it, every quote checked."""
    folder = write_corpus(root / "corpus", files)
    build(folder, db=root / "kb.db")
    data = export(root / "kb.db")
    assert_grounded(root / "kb.db", data)
    return data


def documents_of(item: dict[str, Any], data: dict[str, Any]) -> set[str]:
    """The file names of the documents an exported item's evidence quotes."""
    names = {d["id"]: Path(d["path"]).name for d in data["documents"]}
    return {names[e["doc"]] for e in item["evidence"]}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def iter_evidence(node: Any) -> Iterator[dict[str, Any]]:
    """Every evidence object anywhere in an export."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "evidence" and isinstance(value, list):
                yield from value
            else:
                yield from iter_evidence(value)
    elif isinstance(node, list):
        for item in node:
            yield from iter_evidence(item)


def assert_grounded(db: Path | str, data: dict[str, Any]) -> int:
    """Every quote in `data` is its document's text[start:end]; returns how many were checked."""
    assert data["schema"] == "dossier/1"
    docs = {d["id"]: d for d in data["documents"]}
    assert len(docs) == len(data["documents"]), "document ids are not unique"
    checked = 0
    with open_store(db, create=False) as store:
        texts = {d["id"]: store.document(d["sha256"]) for d in data["documents"]}
        for ev in iter_evidence(data):
            assert ev["doc"] in docs, f"evidence names unknown document {ev['doc']!r}"
            doc = texts[ev["doc"]]
            assert doc is not None
            assert ev["quote"], f"empty quote: {ev}"
            assert 0 <= ev["start"] < ev["end"] <= len(doc.text)
            assert doc.text[ev["start"] : ev["end"]] == ev["quote"]
            checked += 1
    return checked


@dataclass
class BuiltKB:
    folder: Path
    db: Path | str
    report: BuildReport
    data: dict[str, Any]
    files: dict[str, Path]

    def org(self, name: str) -> dict[str, Any]:
        for org in self.data["organizations"]:
            if org["name"] == name:
                return org
        raise AssertionError(f"no organization named {name!r}: {[o['name'] for o in self.data['organizations']]}")


# -- the command line ------------------------------------------------------------


def free_port() -> int:
    """A loopback port nothing listens on (for a server a test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(app: Any) -> tuple[str, Any, Any]:
    """A real uvicorn server for `app` on a free loopback port, in a thread: (base URL, server, thread).
    Stop it with `server.should_exit = True`."""
    import threading
    import time

    import uvicorn

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", srv, thread


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def dossier_command() -> list[str]:
    """How to start the installed `dossier` script (`python -m dossier.cli` has no __main__)."""
    script = Path(sys.executable).parent / "dossier"
    if script.exists():
        return [str(script)]
    found = shutil.which("dossier")
    if found:
        return [found]
    return [sys.executable, "-c", "from dossier.cli import main; main()"]


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "COLUMNS", "LINES"}}
    env.update({"NO_COLOR": "1", "COLUMNS": "1000", "PYTHONIOENCODING": "utf-8"})
    env.update(extra)
    return env


def run_dossier(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float = 120, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*dossier_command(), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=env if env is not None else cli_env(),
        cwd=cwd,
    )


def invoke(*args: str | Path) -> Any:
    """Run the CLI in this process (fast); returns click's Result with .stdout/.stderr."""
    from typer.testing import CliRunner

    from dossier.cli import app

    result = CliRunner().invoke(app, list(map(str, args)), env={"COLUMNS": "200", "NO_COLOR": "1"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def plain(text: str) -> str:
    """Output without colour codes and with runs of white space folded."""
    return " ".join(ANSI.sub("", text).split())


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
