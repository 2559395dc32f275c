"""Every export format by name, for the command line: what it writes and where.

The exporters are imported when asked for, so that a command that writes JSON
does not load the STIX, FollowTheMoney and template libraries.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console

from dossier.export.json import write_atomic
from dossier.export.snapshot import Snapshot

FORMATS = ("json", "stix", "ftm", "misp", "csv", "html", "pdf")
GROUP_FORMATS = ("html", "pdf")  # one group's factsheet: need --group
FOLDER_FORMATS = ("csv", "misp")  # write a folder of files: need -o
BINARY_FORMATS = ("pdf",)  # need -o: not for a terminal


def render(snap: Snapshot, fmt: str, group: str | None = None) -> str:
    """The text of a one-file format (all but csv, misp and pdf)."""
    if fmt == "stix":
        from dossier.export.stix import write_stix

        return write_stix(snap)
    if fmt == "ftm":
        from dossier.export.ftm import write_ftm

        return write_ftm(snap)
    if fmt in GROUP_FORMATS and group:
        from dossier.export.factsheet_html import render_factsheet

        return render_factsheet(snap, group)
    raise ValueError(f"{fmt!r} has no text rendering here")


def write_format(
    snap: Snapshot, fmt: str, output: Path | None, group: str | None = None, console: Console | None = None
) -> list[Path]:
    """Write `fmt` to `output` (a file, or for csv and misp a folder; stdout when None); the paths written.

    `console` shows the progress of a long export (misp: a file per event)."""
    if fmt in FOLDER_FORMATS:
        if output is None:
            raise ValueError(f"{fmt} needs a folder")
        if fmt == "misp":
            from dossier.export.misp import write_misp

            return write_misp(snap, output, console)
        from dossier.export.csv import write_csv

        return write_csv(snap, output)
    text = render(snap, "html" if fmt == "pdf" else fmt, group)
    if fmt == "pdf":
        from dossier.export.factsheet_pdf import html_to_pdf

        if output is None:
            raise ValueError("pdf needs a file")
        html_to_pdf(text, output)
        return [output]
    if output is None:
        sys.stdout.write(text)
        return []
    write_atomic(output, text)
    return [output]
