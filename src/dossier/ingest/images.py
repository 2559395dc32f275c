"""The pictures a document holds (logos, flags, photos): checked, typed and placed in its text.

Readers hand over what they found (`base.Found`: the bytes, the alt text and the
caption the document gives); `finish` keeps only real pictures, tells their
type from their bytes (never from a file name or a declared type: a page can
call anything "logo.png"), and finds the caption or alt text in the plain text,
whose offsets are then the picture's evidence. Nothing is ever fetched: an HTML
page's pictures are read from inside the page (data: URLs) or from files beside
it, and a picture on the web stays there.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable

from PIL import Image as PILImage

from dossier.ingest.base import Found
from dossier.model import Image

# Raster formats a browser shows, by Pillow's name for them.
RASTER_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
SVG_TYPE = "image/svg+xml"
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGES = 100  # per document: a catalogue of thumbnails is not a factsheet
# Below this (in both directions) a picture is a spacer, a bullet or a tracking pixel.
MIN_SIDE = 16
MAX_PIXELS = 40_000_000  # larger is a decompression bomb, not a logo
_SVG_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]", re.DOTALL)


def media_type(data: bytes) -> tuple[str, int, int] | None:
    """(media type, width, height) of a picture a browser can show, from its bytes; None otherwise."""
    if _SVG_START.match(data[:4096]):
        return SVG_TYPE, 0, 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as img:  # reads the header only
                kind = RASTER_TYPES.get(img.format or "")
                width, height = img.size
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
        return None
    if kind is None or width * height > MAX_PIXELS:
        return None
    return kind, width, height


def _words_pattern(text: str) -> re.Pattern[str] | None:
    words = text.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def place(text: str, label: str, after: int) -> tuple[int, int]:
    """Where `text` quotes `label` (spacing may differ): the first time after `after`, else the first; (-1, -1)."""
    pattern = _words_pattern(label)
    if pattern is None:
        return -1, -1
    m = pattern.search(text, after) or pattern.search(text)
    return m.span() if m else (-1, -1)


def finish(found: Iterable[Found], text: str) -> tuple[tuple[Image, ...], list[str]]:
    """The pictures worth keeping, each placed in `text`, and a warning per one left out."""
    out: list[Image] = []
    notes: list[str] = []
    seen: set[bytes] = set()
    after = 0
    for f in found:
        where = f" ({f.where})" if f.where else ""
        if len(f.data) > MAX_IMAGE_BYTES:
            notes.append(f"image{where} over {MAX_IMAGE_BYTES // (1024 * 1024)} MB: left out")
            continue
        typed = media_type(f.data)
        if typed is None:
            notes.append(f"image{where} is not a PNG, JPEG, GIF, WebP or SVG picture: left out")
            continue
        kind, width, height = typed
        if kind != SVG_TYPE and width < MIN_SIDE and height < MIN_SIDE:
            continue  # a spacer or a tracking pixel: not worth a warning
        if f.data in seen:
            continue
        if len(out) == MAX_IMAGES:
            notes.append(f"more than {MAX_IMAGES} images: the rest are left out")
            break
        seen.add(f.data)
        alt, caption = " ".join(f.alt.split()), " ".join(f.caption.split())
        start, end = place(text, caption, after) if caption else (-1, -1)
        if start < 0 and alt:
            start, end = place(text, alt, after)
        if start >= 0:
            after = end
        out.append(Image(f.data, kind, alt[:500], caption[:500], start, end, width, height))
    return tuple(out), notes
