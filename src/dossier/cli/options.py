"""Options that several commands share."""

from __future__ import annotations

from typing import Annotated

import typer

DbOption = Annotated[
    str,
    typer.Option(
        "--db", help="The knowledge base: a SQLite file, or a PostgreSQL URL (postgresql://user@host/dbname)."
    ),
]
DEFAULT_DB = "dossier.db"
