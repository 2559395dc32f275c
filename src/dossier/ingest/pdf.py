"""PDF: the text layer of each page, pages separated by a blank line."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError

from dossier.ingest.base import Extracted, ReadError, captured_warnings, short_reason
from dossier.ingest.text import normalise, title_from_text

# Titles that authoring tools write instead of a real one.
_JUNK_TITLE_RE = re.compile(r"^(untitled|microsoft word - .*|.*\.(docx?|odt|rtf|pdf|txt|indd|qxd))$", re.IGNORECASE)


_MAX_LIBRARY_WARNINGS = 5


def read_pdf(data: bytes) -> Extracted:
    with captured_warnings("pypdf") as logged:
        extracted = _read(data)
    notes = [f"pypdf: {m}" for m in logged[:_MAX_LIBRARY_WARNINGS]]
    return Extracted(
        text=extracted.text,
        title=extracted.title,
        publisher=extracted.publisher,
        warnings=(*extracted.warnings, *notes),
    )


def _read(data: bytes) -> Extracted:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("not a readable PDF: encrypted with a password")
        pages = reader.pages
        page_count = len(pages)
    except ReadError:
        raise
    except DependencyError as exc:  # AES encryption without the 'cryptography' package
        raise ReadError(f"not a readable PDF: encrypted ({short_reason(exc)})") from exc
    except Exception as exc:  # pypdf raises many types on damaged files
        raise ReadError(f"not a readable PDF: {short_reason(exc)}") from exc

    texts: list[str] = []
    warnings: list[str] = []
    failures = 0
    for number in range(page_count):
        try:
            raw = pages[number].extract_text() or ""
        except Exception as exc:  # one bad page should not lose the others
            failures += 1
            warnings.append(f"page {number + 1}: no text extracted ({short_reason(exc)})")
            continue
        page = "\n".join(line.rstrip() for line in normalise(raw.replace("\x00", "")).split("\n"))
        if page.strip():
            texts.append(page.strip("\n"))
    if not texts:
        if page_count and failures == page_count:
            raise ReadError("not a readable PDF: text extraction failed on every page")
        raise ReadError("PDF has no extractable text (scanned images?); OCR is not supported")
    text = "\n\n".join(texts)
    title, publisher = _metadata(reader)
    return Extracted(
        text=text,
        title=title or title_from_text(text),
        publisher=publisher,
        warnings=tuple(warnings),
    )


def _metadata(reader: PdfReader) -> tuple[str, str]:
    try:
        meta = reader.metadata
        title = " ".join(str(meta.title or "").split()) if meta else ""
        author = " ".join(str(meta.author or "").split()) if meta else ""
    except (PdfReadError, ValueError, TypeError, KeyError, AttributeError):
        return "", ""  # damaged info dictionary: the text is still good
    if _JUNK_TITLE_RE.match(title):
        title = ""
    return title[:200], author[:200]
