"""The printable factsheet as PDF, printed by headless Chromium.

Chromium lays out the same HTML page a browser shows (`factsheet_html`), so the
PDF and the page never differ. It is a program, not a Python package: when it
is missing the error says how to install it, or to print the HTML instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from dossier.export.json import write_atomic

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TIMEOUT_S = 120
# Flags for a headless Chromium that asks the network for nothing (no updates, no
# sync, no first-run pages) and runs as root in a container; the browser tests use them too.
QUIET_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


class PdfError(Exception):
    """The PDF cannot be made; the message says why and what to do."""


def find_chromium() -> str | None:
    """$DOSSIER_CHROMIUM, else the first Chromium or Chrome on PATH."""
    given = os.environ.get("DOSSIER_CHROMIUM")
    if given:
        return given if Path(given).exists() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def html_to_pdf(html: str, out: Path) -> None:
    browser = find_chromium()
    if browser is None:
        raise PdfError(
            "PDF export needs headless Chromium, which was not found: install it "
            "(Debian/Ubuntu: `apt-get install chromium`; or `playwright install chromium`) "
            "or set DOSSIER_CHROMIUM to the browser's path; `--format html` writes a page "
            "any browser can print"
        )
    with tempfile.TemporaryDirectory(prefix="dossier-pdf-") as tmp:
        page = Path(tmp) / "factsheet.html"
        page.write_text(html, encoding="utf-8")
        target = Path(tmp) / "factsheet.pdf"
        command = [
            browser,
            "--headless",
            *QUIET_FLAGS,
            "--no-pdf-header-footer",  # no date and file URL in the margins
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise PdfError(f"{browser} did not finish printing the PDF within {TIMEOUT_S} s") from None
        except OSError as err:
            raise PdfError(f"{browser} could not be started ({err})") from None
        if result.returncode != 0 or not target.exists() or target.stat().st_size == 0:
            tail = (result.stderr or "").strip().splitlines()[-3:]
            raise PdfError(f"{browser} failed to print the PDF (exit {result.returncode}): {' / '.join(tail)}")
        write_atomic(out, target.read_bytes())
