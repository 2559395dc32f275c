"""Where a group comes from and where it operates, as ISO country codes.

From labelled fields first ("Land / regio (oorsprong)", "Area:", "Country:"),
then from sentences that present a country as an area of operation ("is
active in", "opereert in", "based in"). A country that is merely mentioned
(a hostage's nationality, a government that was quoted) is not an area.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from dossier.extract.context import Context
from dossier.model import Statement
from dossier.text import lexicon
from dossier.text.places import country_code, demonym_country, find_cities, find_countries

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
            for match in find_countries(value, block.value_start, demonyms=False, places_only=True):
                yield from say(prop, match.code, block.start, block.end)
            if key == "origin" and not find_countries(value, demonyms=False):
                for city in find_cities(value, block.value_start)[:1]:
                    yield from say(prop, city.code, block.start, block.end)

    for block in ctx.fields("ideology"):
        # "Type: Japanese new religious movement": a demonym before a group noun
        if lexicon.words_pattern("names", "group_nouns").search(block.value):
            for match in find_countries(ctx.text[block.value_start : block.end], block.value_start)[:1]:
                yield from say("origin_country", match.code, block.start, block.end)
    for start, end, after in _definitions(ctx):
        # "X is an Italian far-left militant group": the demonym of a definition is the origin.
        for match in find_countries(ctx.text[start:end], start):
            # "een in Mali actieve groep": a participle of operating after it says where it operates.
            operating = _operating_participle().match(ctx.text, match.end, end)
            yield from say("country" if operating else "origin_country", match.code, *ctx.sentence_at(start))
        for compound in _BASED_COMPOUND.finditer(ctx.text, start, end):  # "a Mali-based group"
            code = country_code(compound.group(1))
            if code:
                yield from say("origin_country", code, *ctx.sentence_at(start))
        for code in filter(None, map(demonym_country, after)):
            yield from say("origin_country", code, *ctx.sentence_at(start))

    cue = lexicon.words_pattern("places", "operates")
    based = lexicon.words_pattern("places", "based")
    for start, end, _block in ctx.sentences:
        sentence = ctx.text[start:end]
        if not ctx.about_subject(sentence):
            continue
        cues = sorted(
            [(m, "country") for m in cue.finditer(sentence)]
            + [(m, "origin_country") for m in based.finditer(sentence)],
            key=lambda found: found[0].start(),
        )
        for i, (m, prop) in enumerate(cues):
            # A cue's countries are those after it up to the next cue: "based in Mali and
            # operates in Niger", "Born in Algeria, the group spread to Mali".
            tail_start = start + m.end()
            tail_end = start + cues[i + 1][0].start() if i + 1 < len(cues) else end
            tail = ctx.text[tail_start:tail_end]
            for match in find_countries(tail, tail_start, demonyms=False, places_only=_only_places(tail)):
                yield from say(prop, match.code, start, end)
            if prop == "origin_country" and not any(p == prop for _m, p in cues[:i]):
                # "an Algeria-based group": the country stands before the cue.
                for match in find_countries(sentence[: m.start() + 1], start, demonyms=False)[-1:]:
                    if match.end >= start + m.start() - 1:
                        yield from say(prop, match.code, start, end)


@lru_cache(maxsize=1)
def _operating_participle() -> re.Pattern[str]:
    return lexicon.regex("places", "operating_participles", r"\s+(?:{words})(?!\w)")


# A country's name joined to "-based" ("an Algeria-based group"), which the country finder,
# reading whole words, does not see.
_BASED_COMPOUND = re.compile(r"(?<![\w-])([A-Z][\w'’]+(?: [A-Z][\w'’]+)?)-based(?!\w)")
# A cue's words that are a list of countries and nothing else: "in Mali, Niger and Chad."
_COUNTRY_LIST = re.compile(
    r"\s*(?:(?:the|de|het|le|la|les|l['’]|au|aux|en)\s+)?[A-ZÀ-Þ][\w'’ -]*(?:(?:,\s*|\s+(?:and|en|et)\s+)(?:(?:au|aux|en)\s+)?[A-ZÀ-Þ][\w'’ -]*)*\s*[.;]?\s*$"
)


def _only_places(tail: str) -> bool:
    """Are the words after a cue of place a list of capitalised names, to the sentence's end?"""
    return bool(_COUNTRY_LIST.match(tail))


_OPERATING_ADJECTIVES = r"(?:actif|active|actifs|actives|présent|présente|présents|opérant|implanté|implantée)\b"


@lru_cache(maxsize=1)
def _definition_pattern() -> re.Pattern[str]:
    """ "is a/an/een/un(e) ... group": the words of a definition up to its group noun."""
    copula = lexicon.alternation("names", "copula")
    nouns = lexicon.alternation("names", "group_nouns")
    return re.compile(
        rf"\s*(?:\([^()]*\))?\s*(?:,(?:[^,.;()]|\([^()]*\)){{0,160}},)?\s*(?:{copula})\s+(?:a|an|een|un|une)?\s*"
        rf"((?:[\w'’–-]+\s+){{0,6}}?\w*(?:{nouns})\b(?:\s+(?:in|from|based in|in het|uit|au|en)\s+[A-Z][\w-]+(?:\s[A-Z][\w-]+)?"
        # ... and after the French adjectives that follow the noun: "un groupe armé au Mali"
        # (not a cue of operating: "actif au Mali" says where it operates).
        rf"|(?:\s+(?!{_OPERATING_ADJECTIVES})[a-zà-ÿ]+){{1,2}}?\s+(?:au|aux|en)\s+[A-Z][\w-]+)?)"
        # French puts the demonym after the noun, in lower case: "un groupe jihadiste malien".
        r"((?:\s+[a-zà-ÿ]+){0,2})",
        re.IGNORECASE,
    )


def _definitions(ctx: Context) -> Iterator[tuple[int, int, list[str]]]:
    """Where a sentence defines the group ("X (ACR) is a Palestinian ... movement"): the words
    between the copula and the group noun, and the lower-case words after the noun."""
    text = ctx.text
    for s, e, _block in ctx.sentences:
        for name in ctx.subject_names[:6]:
            i = text.find(name, s, e)
            if i < 0 or i - s > 40:
                continue
            m = _definition_pattern().match(text, i + len(name), e)
            if m:
                yield m.start(1), m.end(1), m.group(2).split()
                break
