"""Where a group comes from and where it operates, as ISO country codes.

From labelled fields first ("Land / regio (oorsprong)", "Area:", "Country:"),
then from sentences that present a country as an area of operation ("is
active in", "opereert in", "based in"). A country that is merely mentioned
(a hostage's nationality, a government that was quoted) is not an area.
"""

from __future__ import annotations

from collections.abc import Iterator

from dossier.extract.context import Context
from dossier.model import Statement
from dossier.text import lexicon
from dossier.text.places import find_cities, find_countries

EXTRACTOR = "places"


def extract(ctx: Context) -> Iterator[Statement]:
    if not ctx.subject:
        return
    seen: set[tuple[str, str]] = set()

    def say(prop: str, code: str, start: int, end: int) -> Iterator[Statement]:
        if (prop, code) not in seen:
            seen.add((prop, code))
            yield ctx.statement(ctx.subject, prop, code, start, end, EXTRACTOR)

    for key, prop in (("origin", "origin_country"), ("countries", "country")):
        for block in ctx.fields(key):
            value = ctx.text[block.value_start : block.end]
            for match in find_countries(value, block.value_start, demonyms=False):
                yield from say(prop, match.code, block.start, block.end)
            if key == "origin" and not find_countries(value, demonyms=False):
                for city in find_cities(value, block.value_start)[:1]:
                    yield from say(prop, city.code, block.start, block.end)

    cue = lexicon.words_pattern("places", "operates")
    based = lexicon.words_pattern("places", "based")
    for start, end, _block in ctx.sentences:
        sentence = ctx.text[start:end]
        if not ctx.about_subject(sentence):
            continue
        for pattern, prop in ((cue, "country"), (based, "origin_country")):
            m = pattern.search(sentence)
            if not m:
                continue
            tail_start = start + m.end()
            for match in find_countries(ctx.text[tail_start:end], tail_start, demonyms=False):
                yield from say(prop, match.code, start, end)
            if prop == "origin_country":
                # "an Algeria-based group": the country stands before the cue.
                for match in find_countries(sentence[: m.start() + 1], start, demonyms=False)[-1:]:
                    if match.end >= start + m.start() - 1:
                        yield from say(prop, match.code, start, end)
