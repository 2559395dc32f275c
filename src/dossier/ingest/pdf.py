"""PDF: the text layer of each page, pages separated by a blank line."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError

from dossier.ingest.base import Extracted, Found, ReadError, captured_warnings, short_reason
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
        images=extracted.images,
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
        images=_images(reader, warnings),
    )


def _images(reader: PdfReader, warnings: list[str]) -> tuple[Found, ...]:
    """The pictures of every page, in page order, with the alt texts a tagged PDF gives its figures.

    A tagged PDF (PDF/UA, what accessibility tools write) lists its figures in its
    structure tree with an /Alt text. The tree links figures to marked content,
    not to image objects, so the alt texts are given to the pictures in order,
    and only when there are as many of them as pictures.
    """
    found: list[tuple[bytes, str]] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            found.extend((image.data, f"page {number}") for image in page.images)
        except Exception as exc:  # a damaged or unsupported image stream: the text is still good
            warnings.append(f"page {number}: images not read ({short_reason(exc)})")
    alts = _figure_alts(reader) if found else []
    if len(alts) != len(found):
        alts = [""] * len(found)
    return tuple(Found(data, alt=alt, where=where) for (data, where), alt in zip(found, alts, strict=True))


def _figure_alts(reader: PdfReader) -> list[str]:
    """The /Alt texts of the structure tree's /Figure elements, in document order."""
    out: list[str] = []
    try:
        root = reader.root_object.get("/StructTreeRoot")
    except (PdfReadError, KeyError, TypeError, AttributeError):
        return out
    todo = [root] if root is not None else []
    seen: set[int] = set()
    while todo:
        node = todo.pop()
        try:
            node = node.get_object()
        except (PdfReadError, AttributeError, ValueError):
            continue
        if id(node) in seen or len(seen) > 100_000:
            continue
        seen.add(id(node))
        if isinstance(node, list):
            todo.extend(reversed(node))
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure":
                out.append(" ".join(str(node.get("/Alt") or "").split()))
            kids = node.get("/K")
            if kids is not None:
                todo.append(kids)
    return out


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
