"""Clauses that tell something other than the happening their sentence reports."""

from __future__ import annotations

import re
from functools import lru_cache

from dossier.text import lexicon


@lru_cache(maxsize=1)
def cause_clause() -> re.Pattern[str]:
    """A cause to the end of its clause ("in retaliation for the invasion", "wegens aanslagen in X")."""
    return lexicon.regex("time", "cause_openers", r"(?<!\w)(?:{words})(?!\w)[^,;.]*")


@lru_cache(maxsize=1)
def held_area() -> re.Pattern[str]:
    """An area a group holds, described by how it took it ("the territory it has seized",
    "les régions conquises", "de veroverde gebieden"): no capture of that moment."""
    areas = lexicon.alternation("places", "held_areas")
    taken = lexicon.alternation("places", "held_participles")
    return re.compile(
        rf"(?<!\w)(?:{areas})(?:\s+[\w'’]+){{0,3}}?\s+(?:{taken})(?!\w)|(?<!\w)(?:{taken})\s+(?:{areas})(?!\w)",
        re.IGNORECASE,
    )


def without_held_areas(text: str) -> str:
    """The text with each held area's description blanked, so that offsets stay."""
    return held_area().sub(lambda m: " " * len(m.group()), text)
