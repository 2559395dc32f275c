"""Sentence boundaries with offsets.

A regex splitter rather than a model: documents here are profiles whose
sentences are plain, and offsets must be exact. It knows the abbreviations
and initials that end with a full stop without ending a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dossier.text import lexicon

# A full stop and a capital with space between, or glued where a page lost the space
# after a word of three small letters or more, or a year ("stonden.De realiteit", "in 2004.The").
# Closing quotes, brackets and footnote markers ("killed.[1] Then") belong to the sentence before;
# a bullet may stand before the next one's capital ("in 2004. ► Then").
_CLOSERS = r"(?:[\"”’)\]]|\[\w{1,4}\])*"
_BOUNDARY = re.compile(
    rf"(?<=[.!?]){_CLOSERS}\s+(?=(?:[►▶•▪■◆]\s*)?[\"“‘(\[]?[A-Z0-9À-ÖØ-Þ])|(?:(?<=[a-zà-ÿ]{{3}}[.!?])|(?<=\d{{4}}[.!?]))(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])"
)


# A line break before a long line that opens with a capital, after a line that ends with
# no mark that runs on ("...embassy bombing\nIt was the ..."): where lines run this long
# the text is not wrapped, so each line is a paragraph and the break ends a sentence.
_UNWRAPPED_LINE = 160  # characters: longer than any line of wrapped text
_LINE_BREAK = re.compile(rf"(?<=[\w\"”’)\]])[ \t]*\n(?=[\"“‘(]?[A-ZÀ-ÖØ-Þ][^\n]{{{_UNWRAPPED_LINE}}})")

_CLOSING = re.compile(_CLOSERS)
_LAST_WORD = re.compile(r"([\w.]+)\.$")
_INITIALS = re.compile(r"(\w\.)+\w")


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, shifted by `offset`."""
    spans: list[tuple[int, int]] = []
    start = 0
    boundaries = sorted([*_BOUNDARY.finditer(text), *_LINE_BREAK.finditer(text)], key=lambda m: m.start())
    for m in boundaries:
        before = text[start : m.start()].rstrip('"”’)]')
        last_word = _LAST_WORD.search(before)
        if last_word:
            word = last_word.group(1).casefold()
            # "U.S." / "J." / "Gen." end no sentence.
            if word in _abbreviations() or len(word) == 1 or _INITIALS.fullmatch(word):
                continue
        spans.append(_trim(text, start, m.start() + _closing(m.group(0)), offset))
        start = m.end()
    if start < len(text):
        spans.append(_trim(text, start, len(text), offset))
    return [s for s in spans if s[1] > s[0]]


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Abbreviations that end with a full stop without ending a sentence (lexicons/abbreviations.yaml)."""
    return frozenset(lexicon.fold(w).rstrip(".") for w in lexicon.index("abbreviations"))


def _closing(gap: str) -> int:
    """Length of the closing quotes, brackets and footnote markers that belong to the sentence before a boundary."""
    m = _CLOSING.match(gap)
    return m.end() if m else 0


def _trim(text: str, start: int, end: int, offset: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start + offset, end + offset
