"""Plain text (.txt, .md), and the text conventions the other readers share.

The text of a plain-text file is kept as it is, apart from newlines, a BOM
and Unicode normalisation: every offset later in dossier refers to it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator, Sequence
from itertools import islice

from normality import ascii_text

from dossier.ingest.base import Extracted, ReadError
from dossier.ingest.source import source_of
from dossier.text.dates import is_dateline

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
_TITLE_SCAN_LINES = 12
_BARE_ADDRESS_RE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
# Page furniture above a title: "Read Time 2 Minute", "5 min read", "Leestijd 3 minuten".
_BANNER_RE = re.compile(
    r"^\s*(?:read(?:ing)?\s*time|leestijd|temps de lecture|\d+\s*min(?:utes?)?\s+read)\b", re.IGNORECASE
)


def normalise(text: str) -> str:
    """Newlines to "\\n" and NFC; nothing else changes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def title_from_text(text: str) -> str:
    """The page's title: the first line with words in it, without heading markup.

    A source-address or publisher line, a bare address and a reading-time banner
    are no title. Under a source address the title is the first of the opening
    lines that shares a word with the address ("/wiki/Pale_River_Movement"), so that a
    menu item or a "skip to content" link above it is passed over.
    """
    source = source_of(text)
    lines = list(islice(_title_lines(text[source.end :] if source else text), _TITLE_SCAN_LINES))
    if not lines:
        return ""
    if source is not None:
        wanted = {w for w in source.words if len(w) >= 3}
        for line in lines:
            words = set(re.findall(r"[a-z0-9]+", (ascii_text(line) or "").casefold()))
            if words & wanted and _title_like(line):
                return line
    headline = next((line for line in lines[:3] if _title_like(line)), lines[0])
    return headline[:_TITLE_MAX].strip()


def _title_like(line: str) -> bool:
    """Short, and neither running prose, a question nor an aside in parentheses."""
    return (
        len(line.split()) <= 20
        and bool(re.search(r"[^\W\d_]{2}", line))
        and not line.endswith((".", "?", ","))
        and not line.startswith("(")
    )


def _title_lines(text: str) -> Iterator[str]:
    for line in text.split("\n"):
        if not line.strip() or set(line) <= _RULE_CHARS:
            continue  # blank, or a rule / setext underline such as "====="
        if _PUBLISHER_RE.match(line) or _BARE_ADDRESS_RE.match(line) or _BANNER_RE.match(line) or is_dateline(line):
            continue
        title = _TITLE_MARKUP_RE.sub("", line)
        if title:
            yield title.strip()


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
    source = source_of(text)
    if source is not None:
        return source.publisher
    match = _PUBLISHER_RE.search(head)
    if not match:
        return ""
    first_sentence = _SENTENCE_END_RE.split(match.group(1), maxsplit=1)[0]
    return first_sentence.rstrip(".")[:_TITLE_MAX].strip()
