"""The page itself: the address a saved page came from, its publisher and the words of its address.

Pages saved as text often open with a "Source: https://..." line. The host
names the publisher ("nl.wikipedia.org"); the path usually spells the page's
subject ("/wiki/Pale_River_Movement", "/profiles/northern-front"), which tells the
title apart from menus and banners and, later, the group a page is about.
Parsing is `urllib.parse`; only finding the line is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlsplit

from normality import ascii_text

# "Source: https://...", "Bron: http://...", also as Markdown ("**Source:** https://...").
_SOURCE_LINE = re.compile(
    r"^[ \t>*_-]*(?:source|bron|url|address|adresse)[*_]*[ \t]*:[*_]*[ \t]*(?P<url>https?://\S+)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_SCAN_CHARS = 2000
# Path words that name no subject: file endings and the parts of a site's own layout.
_NOT_SUBJECT = re.compile(r"^(?:\d+|html?|php|aspx?|jsp|cgi|www|https?|[0-9a-f]*\d[0-9a-f]*)$")


@dataclass(frozen=True)
class Source:
    start: int  # the "Source: URL" line, offsets in the document's text
    end: int
    url: str

    @property
    def publisher(self) -> str:
        """The host without "www.": "nl.wikipedia.org"."""
        host = (urlsplit(self.url).hostname or "").lower()
        return host.removeprefix("www.")

    @property
    def words(self) -> tuple[str, ...]:
        return address_words(self.url)


def source_of(text: str) -> Source | None:
    """The source-address line near the top of a page, if there is one."""
    m = _SOURCE_LINE.search(text[:_SCAN_CHARS])
    if not m:
        return None
    return Source(m.start(), m.end(), m.group("url"))


@lru_cache(maxsize=256)
def address_words(url: str) -> tuple[str, ...]:
    """The folded words of an address's path and query values, in order: a wrapped
    address ("?q=https%3A%2F%2Ffr.wikipedia.org%2Fwiki%2FTigres_tamouls") is read too."""
    parts = urlsplit(url)
    texts = [unquote(parts.path)]
    for _key, value in parse_qsl(parts.query):
        inner = urlsplit(value)
        texts.append(unquote(inner.path) if inner.scheme else value)
    words: list[str] = []
    for piece in texts:
        folded = (ascii_text(piece) or "").casefold()
        words += [w for w in re.split(r"[^a-z0-9]+", folded) if w and not _NOT_SUBJECT.match(w)]
    return tuple(words)
