"""Plain text (.txt, .md), and the text conventions the other readers share.

The text of a plain-text file is kept as it is, apart from newlines, a BOM
and Unicode normalisation: every offset later in dossier refers to it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence

from dossier.ingest.base import Extracted, ReadError

_SNIFF_BYTES = 8192
# Control bytes that never occur in text (tab, LF, VT, FF, CR and ESC can).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_MAX_CONTROL_SHARE = 0.10
_TITLE_MAX = 200
# "Publisher: X", also as Markdown ("*Uitgever: X*", "**Source:** X").
_PUBLISHER_RE = re.compile(
    r"^[ \t>*_-]*(?:publisher|source|bron|uitgever)[*_]*[ \t]*:[*_]*[ \t]*(\S.*?)[ \t*_]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A publisher line may go on with more sentences ("... 2020. Bijgewerkt: ...").
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_PUBLISHER_SCAN_LINES = 15
# Markup around a title line: "# Title", "= Title =", "== Title ==".
_TITLE_MARKUP_RE = re.compile(r"^[#=\s]+|[#=\s]+$")
_RULE_CHARS = frozenset("-=*_~#+ \t")


def normalise(text: str) -> str:
    """Newlines to "\\n" and NFC; nothing else changes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def title_from_text(text: str) -> str:
    """The first line with words in it, without heading markup."""
    for line in text.split("\n"):
        if not line.strip() or set(line) <= _RULE_CHARS:
            continue  # blank, or a rule / setext underline such as "====="
        title = _TITLE_MARKUP_RE.sub("", line)
        if title:
            return title[:_TITLE_MAX].strip()
    return ""


def row_line(cells: Sequence[str]) -> str:
    """One table row as one line: "Label: value" for two cells, else " | "."""
    cells = [c for c in (" ".join(c.split()) for c in cells) if c]
    if len(cells) == 2:
        label, value = cells
        return f"{label} {value}" if label.endswith(":") else f"{label}: {value}"
    return " | ".join(cells)


def looks_binary(data: bytes) -> bool:
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b in _CONTROL)
    return control > len(sample) * _MAX_CONTROL_SHARE


def decode_bytes(data: bytes, encoding: str = "utf-8", *, offset: int = 0) -> tuple[str, list[str]]:
    """Decode, replacing bad bytes rather than failing, and say where.

    `offset` is where `data` starts in the file (after a BOM), so the
    warning names the byte in the file.
    """
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError as exc:
        where = f"invalid {_encoding_label(encoding)} at byte {exc.start + offset}"
        warning = f"{where}; decoded with replacement characters"
        return data.decode(encoding, errors="replace"), [warning]


def _encoding_label(encoding: str) -> str:
    return "UTF-8" if encoding.replace("_", "-").lower() in {"utf-8", "utf8"} else encoding


def read_text(data: bytes) -> Extracted:
    if not data:
        raise ReadError("no text in this file (empty)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 with a BOM (Windows "Unicode" text): its NUL bytes are not binary.
        text, warnings = decode_bytes(data, "utf-16")
    else:
        if looks_binary(data):
            raise ReadError("looks like binary data, not text")
        skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        text, warnings = decode_bytes(data[skip:], offset=skip)
    text = normalise(text.lstrip("\ufeff"))
    if not text.strip():
        raise ReadError("no text in this file (only whitespace)")
    return Extracted(
        text=text,
        title=title_from_text(text),
        publisher=_publisher(text),
        warnings=tuple(warnings),
    )


def _publisher(text: str) -> str:
    """A "Publisher:" / "Source:" / "Bron:" line near the top, if any."""
    head = "\n".join(text.split("\n", _PUBLISHER_SCAN_LINES)[:_PUBLISHER_SCAN_LINES])
    match = _PUBLISHER_RE.search(head)
    if not match:
        return ""
    first_sentence = _SENTENCE_END_RE.split(match.group(1), maxsplit=1)[0]
    return first_sentence.rstrip(".")[:_TITLE_MAX].strip()
