"""What every reader shares: the error type and the shape of a reader's result."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Where a reader finds the pictures a page shows beside it: the page's folder, or, for a page read
# on another machine (a Dask worker), the pictures sent with it by their path relative to that folder.
Pictures = Path | Mapping[str, bytes]


class ReadError(Exception):
    """A file that cannot be read.

    str(err) is a one-line, human message naming the problem (not the path;
    the caller prefixes the path).
    """


@dataclass(frozen=True)
class Found:
    """A picture as a reader found it in a document, before `images.finish` checks it."""

    data: bytes
    alt: str = ""
    caption: str = ""
    where: str = ""  # for a warning: "page 3", "logo.png"


@dataclass(frozen=True)
class Extracted:
    """A reader's output, before id, path and language are added."""

    text: str
    title: str = ""
    publisher: str = ""
    warnings: tuple[str, ...] = ()
    images: tuple[Found, ...] = ()


def short_reason(exc: BaseException, limit: int = 120) -> str:
    """One line from a library exception, for a ReadError message."""
    lines = str(exc).strip().splitlines()
    reason = lines[0].strip() if lines else ""
    if not reason:
        return type(exc).__name__
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        if message and message not in self.messages:
            self.messages.append(message)


@contextmanager
def captured_warnings(logger_name: str) -> Iterator[list[str]]:
    """A library's logged warnings, collected instead of printed.

    pypdf logs what it repairs ("EOF marker not found"); without logging
    configured those lines would go to stderr, once per damaged file.
    """
    logger = logging.getLogger(logger_name)
    handler = _Collect()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
