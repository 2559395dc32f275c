"""Clauses that tell something other than the happening their sentence reports."""

from __future__ import annotations

import re
from functools import lru_cache

from dossier.text import lexicon


@lru_cache(maxsize=1)
def cause_clause() -> re.Pattern[str]:
    """A cause to the end of its clause ("in retaliation for the invasion", "wegens aanslagen in X")."""
    return lexicon.regex("time", "cause_openers", r"(?<!\w)(?:{words})(?!\w)[^,;.]*")
