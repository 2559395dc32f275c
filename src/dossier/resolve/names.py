"""Comparing names: the folded form two spellings of one name share."""

from __future__ import annotations

import re

from normality import ascii_text

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "–": "-", "—": "-"})


def fold_name(name: str) -> str:
    """Case, accents, quotes, punctuation and a leading article folded away.

    "Al-Jabha’t in the Northern Hills" and "al Jabha't in the northern hills"
    fold to the same string; transliteration variants are matched elsewhere.
    """
    text = ascii_text(name.translate(_QUOTES)) or ""
    text = text.casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^(?:the|de|het|la|le|les|l)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()
