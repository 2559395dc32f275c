"""The organisation a document profiles: its name and every other name it has.

Which group that is, `subject` tells; here are the other names the page gives
it: alias fields and lists, an acronym beside a name, "also known as",
"formerly", "renamed", renderings in parentheses and other spellings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from normality import normalize
from rapidfuzz import fuzz

from dossier.extract.context import Context
from dossier.extract.subject import profiled
from dossier.model import Schema, Statement
from dossier.text import lexicon
from dossier.text.names import (
    acronym_fits,
    fold_name,
    is_acronym,
    language_names,
    lower_alike,
    name_at,
    name_pieces,
    plain_case,
    script,
    split_list,
)
from dossier.text.places import demonym_of_a_country

EXTRACTOR = "organization"
AliasMaker = Callable[..., Iterator[Statement]]
_PAREN = re.compile(r"\s*\(([^()]{2,240})\)")
# Patterns of the functions below, compiled once (they run for every name read).
_CAPITAL_WORD = re.compile(r"\s([A-Z])")
_ARABIC_ARTICLE_BEFORE = re.compile(r"(?<!\w)(?:al|el|Al|El)[ -]$")
_LEADING_ARTICLE = re.compile(r"(?:the|The|de|De|het|Het|la|La|le|Le|les|Les)\s+")
_APOSTROPHES = re.compile(r"['’‘ʼ`]")


def extract(ctx: Context) -> Iterator[Statement]:
    candidate = profiled(ctx)
    if candidate is None:
        return
    subject = ctx.key(Schema.ORGANIZATION, "main")
    ctx.subject = subject
    ctx.subject_names = [candidate.name]
    yield ctx.statement(subject, "name", candidate.name, candidate.start, candidate.end, EXTRACTOR)
    seen = {lexicon.fold(candidate.name)}
    taken = [(candidate.start, candidate.end)]  # where names of the group were read
    others = _relation_values(ctx)  # where the page lists other groups

    def alias(start: int, end: int, kind: str, quote: tuple[int, int] | None = None) -> Iterator[Statement]:
        if kind == "variant" and any(ts <= start and end <= te for ts, te in taken):
            return  # a piece of a name already read is no other spelling of it
        if any(ts <= start < te for ts, te in others):
            return  # "Successor: X": another group
        for s, e in name_pieces(ctx.text, start, end):
            value = ctx.text[s:e]
            taken.append((s, e))
            if lexicon.fold(value) in seen or len(value) > 120 or len(value) < 2:
                continue
            seen.add(lexicon.fold(value))
            ctx.subject_names.append(value)
            qs, qe = quote or ctx.sentence_at(s)
            if qe <= qs:
                qs, qe = s, e
            yield ctx.statement(subject, "alias", value, qs, qe, EXTRACTOR, kind=_kind(value, kind))

    if candidate.acronym:
        yield from alias(*candidate.acronym, "acronym", _line_of(ctx, candidate.acronym[0]))

    for block in ctx.fields("name"):
        for s, e in _parenthesised(ctx.text, _name_end(ctx, block.value_start), block.end):
            yield from alias(s, e, _kind(ctx.text[s:e], "translation"), (block.start, block.end))
    for key in ("aliases", "native_name"):
        for block in ctx.fields(key):
            value = ctx.text[block.value_start : block.end]
            for s, e in split_list(value, block.value_start, conjunctions=False):
                if len(ctx.text[s:e]) <= 3 and ctx.text[s:e].islower():
                    continue  # a language code ("Native Name Lang: ar")
                yield from alias(s, e, _kind(ctx.text[s:e], "alias"), (block.start, block.end))
    for block in ctx.fields("predecessor"):
        # One predecessor is the group's former name; several are groups that merged into it.
        items = split_list(ctx.text[block.value_start : block.end], block.value_start, conjunctions=False)
        for s, e in items[:1] if len(items) == 1 else []:
            yield from alias(s, e, "former_name", (block.start, block.end))

    yield from _title_demonym(ctx, alias, candidate.name)
    yield from _title_pair(ctx, alias, candidate.start, candidate.end)
    yield from _cued_names(ctx, alias)
    yield from _named_lists(ctx, alias)
    yield from _language_lines(ctx, alias)
    yield from _script_lines(ctx, alias)
    own = ctx.text[candidate.acronym[0] : candidate.acronym[1]] if candidate.acronym else ""
    own = own or (candidate.name if is_acronym(candidate.name) and " " not in candidate.name else "")
    yield from _acronym_expansions(ctx, alias, own)
    yield from _acronyms_spelled(ctx, alias)
    yield from _spelling_variants(ctx, alias)
    # Names given in parentheses right after a mention of any of the group's
    # names, including those just found (the list grows as it is read).
    done = 0
    while done < len(ctx.subject_names):
        name = ctx.subject_names[done]
        done += 1
        for end in _loosely_spelled_ends(name, ctx.text):
            for s, e in _parenthesised(ctx.text, end, min(len(ctx.text), end + 260), name):
                yield from alias(s, e, _kind(ctx.text[s:e], "alias"))


def _title_demonym(ctx: Context, alias: AliasMaker, name: str) -> Iterator[Statement]:
    """ "The Kenyan Falcons" as the page's title: the group's name with the adjective of its people,
    as sources write it, is one of its names (elsewhere the adjective may tell another group)."""
    title = ctx.doc.title or ""
    if name not in title:  # no regex compiled for the name where it cannot match
        return
    m = re.search(rf"(?<!\w)([\w'’-]+)\s+{re.escape(name)}(?!\w)", title)
    if not m or not demonym_of_a_country(m.group(1)):
        return
    found = ctx.text.find(m.group(0))
    if found >= 0:
        yield from alias(found, found + len(m.group(0)), "alias", _line_of(ctx, found))


def _title_pair(ctx: Context, alias: AliasMaker, start: int, end: int) -> Iterator[Statement]:
    """ "Brigate Rosse / Red Brigades" as a heading: a title of two names joined by a slash
    gives the group's name in two languages (a site's name follows a bar or a dash)."""
    line_start = ctx.text.rfind("\n", 0, start) + 1
    line_end = ctx.text.find("\n", end)
    line_end = len(ctx.text) if line_end < 0 else line_end
    m = _SLASHED.fullmatch(ctx.text, line_start, line_end)
    if not m:
        return
    publisher = fold_name(ctx.doc.publisher or "")
    for side in (1, 2):
        s, e = m.span(side)
        if not (s <= start and end <= e) and fold_name(ctx.text[s:e]) != publisher:
            yield from alias(s, e, "translation", (line_start, line_end))


# "A / B" alone on its line, each side a capitalised name of a few words.
_SLASHED = re.compile(r"\s*([A-ZÀ-Þ][\w’'-]*(?:\s+[\w’'-]+){0,5})\s+/\s+([A-ZÀ-Þ][\w’'-]*(?:\s+[\w’'-]+){0,5})\s*")


# Fields that list other groups, not the group's own names.
_RELATION_FIELDS = (
    "allies",
    "opponents",
    "successor",
    "parent",
    "split_from",
    "splinters",
    "merged_into",
    "subunits",
    "merger_of",
)


def _relation_values(ctx: Context) -> list[tuple[int, int]]:
    spans = [(b.value_start, b.end) for key in _RELATION_FIELDS for b in ctx.fields(key)]
    for block in ctx.fields("predecessor"):
        if len(split_list(ctx.text[block.value_start : block.end], block.value_start, conjunctions=False)) > 1:
            spans.append((block.value_start, block.end))  # several predecessors: groups that merged
    return spans


def _parenthesised(text: str, start: int, limit: int, name: str = "") -> list[tuple[int, int]]:
    """Names inside the parentheses that open at `start`: "(NLF)", "(ar-name, fr-name)"."""
    notes = _NOTES.match(text, start)  # "Jemaah Sahiliyah[lower-alpha 1] (Arabic: ...)"
    m = _PAREN.match(text, notes.end() if notes else start)
    if not m or m.end() > limit + 1:
        return []
    inner_start = m.start(1)
    out = []
    names_here = [name or text[max(0, start - 120) : start], m.group(1)]
    for s, e in _renderings(text, split_list(m.group(1), inner_start, conjunctions=False)):
        s = _skip_language_prefix(text, s, e)
        piece = text[s:e]
        if re.search(r"\d{3,}", piece) or not piece[:1].strip():
            continue
        quoted = text[s - 1 : s] in _OPENING_QUOTES and len(piece.split()) >= 2  # "(ou “communauté islamique”)"
        if not (
            quoted or piece[0].isupper() or script(piece) != "Latin" or piece.startswith(("al-", "al ", "l'", "el-"))
        ):
            continue
        if is_acronym(piece) and not acronym_fits(piece, *names_here):
            continue  # "(NCTC)": a publisher or a source, not a name of the group
        out.append((s, e))
    return out


_NOTES = re.compile(r"(?:\[(?:[a-z]+(?:-[a-z]+)?\s*)?\d{0,3}\])+")


def _renderings(text: str, pieces: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The names in the pieces of a parenthesis: "an Arabic acronym for <Arabic> <romanised>
    literally <translation>" gives the Arabic and the romanised name (the translation is read
    by its cue); "or “X”" gives X; a piece in two scripts gives each."""
    short_for = lexicon.regex("names", "short_for", r"(?<!\w)(?:{words})\s+")
    gloss = lexicon.regex("names", "gloss", r"\s+(?:{words})(?!\w)")
    for s, e in pieces:
        notes = _NOTES.match(text, s)
        s = notes.end() if notes else s
        while s < e and text[s] == " ":
            s += 1
        quoted = [q for q in re.finditer(r"[\"“«„]([^\"”»“\n]{2,100})[\"”»]", text[s:e])]
        if quoted and text[s] in _OPENING_QUOTES:
            # '"Organisation for X" or "X Committee"': each quoted rendering
            for q in quoted:
                if len(q.group(1).split()) >= 2:
                    yield s + q.start(1), s + q.end(1)
            continue
        if text[s : s + 1].islower():
            cue = short_for.search(text, s, e)
            either = re.match(r"(?:or|ou|of)\s+(?=[\"“«„‘'])", text[s:e])
            if cue:
                s = cue.end()
            elif either:
                span = _quoted_at(text, s + either.end(), e)
                if span and len(text[span[0] : span[1]].split()) >= 2:
                    yield span
                continue
            else:
                yield s, e
                continue
            meant = gloss.search(text, s, e)
            e = meant.start() if meant else e
        first = script(text[s:e])
        change = next(
            (m for m in re.finditer(r"[^\W\d_]+", text[s:e]) if script(m.group()) not in (first, "Unknown")), None
        )
        if change and first != "Latin":
            yield s, s + change.start()
            yield s + change.start(), e
        else:
            yield s, e


def _skip_language_prefix(text: str, s: int, e: int) -> int:
    pattern = lexicon.words_pattern("names", "language_prefix")
    m = pattern.match(text, s)
    if m:
        s = m.end()
        while s < e and text[s] in " :":
            s += 1
    return s


def _cued_names(ctx: Context, alias: AliasMaker) -> Iterator[Statement]:
    """ "originated as the X (ABC)", "renamed ... X": former and current names."""
    text = ctx.text
    for key, kind in (("former", "former_name"), ("renamed", "alias")):
        for m in lexicon.words_pattern("names", key).finditer(text):
            pos = m.end()
            tail = re.match(
                r"\s+(?:(?:in\s+)?\d{4}\s+(?:as|in|tot|en)\s+|(?:the|de|het|la|le|l'|du)\s+)*", text[pos : pos + 40]
            )
            pos += tail.end() if tail else 0
            span = name_at(text, pos)
            # One word will do after "renamed itself", "changed its name to": the cue names the group.
            one_word = key == "renamed" and bool(re.search(r"(?i)(?:itself|its name to)\s*$", m.group()))
            if not span or span[1] - span[0] < 4 or (len(text[span[0] : span[1]].split()) < 2 and not one_word):
                if span and is_acronym(text[span[0] : span[1]]):
                    yield from alias(*span, "acronym")
                continue
            s, e = ctx.sentence_at(m.start())
            if not ctx.about_subject(ctx.text[s:e]):
                continue
            new_name = lexicon.fold(text[span[0] : span[1]])
            before = _name_ending_at(text, s, m.start()) if key == "renamed" else None
            known = any(lexicon.fold(n) == new_name for n in ctx.subject_names)
            if before and (known or set(new_name.split()) & set(lexicon.fold(text[before[0] : before[1]]).split())):
                # "at which point X became known as Y", "X is renamed X Y": Y is the group's name, X the one it had
                yield from alias(*before, "former_name")
            yield from alias(*span, kind)
            for s, e in _parenthesised(text, span[1], span[1] + 200, text[span[0] : span[1]]):
                yield from alias(s, e, _kind(text[s:e], kind))


def _name_ending_at(text: str, start: int, pos: int) -> tuple[int, int] | None:
    """The name that ends right before `pos` (past white space): capitalised words, an Arabic
    article in lower case on them and connectors between them ("al-Tawhid wal-Jihad")."""
    head = text[start:pos].rstrip()
    word = r"(?:(?:al|el|wal|wa|ad|ash)-)?[A-Z][\w'’-]*"
    # between its words, short connectors of any language ("of the", "del", "no"), but no "and" joining two names
    joint = r"(?:(?!(?:and|en|et|or|ou|of)\s+[A-Z][\w'’-]*\s*$)(?:of\s+the|[a-z]{1,3})\s+)?"
    m = re.search(rf"{word}(?:\s+{joint}{word}){{0,6}}$", head)
    if not m:
        return None
    s = start + m.start()
    opening = lexicon.words_pattern("names", "not_a_name_start")
    while (w := re.match(r"\S+\s+", text[s : start + len(head)])) and opening.fullmatch(w.group().strip()):
        s += w.end()  # "In X": a sentence's opening word is no part of the name
    return (s, start + len(head)) if start + len(head) - s >= 4 else None


@lru_cache(maxsize=1)
def _also_called() -> re.Pattern[str]:
    """ "also transliterated as", "translated from Urdu as", "aussi désigné sous le nom de", ", or"."""
    cue = lexicon.alternation("names", "also_called") + "|" + lexicon.alternation("names", "gloss")
    return re.compile(
        rf"(?<!\w)(?:(?:{cue})(?:\s+from\s+[A-Z]\w+\s+as)?|(?:variously|also)?\s*translated\s+from\s+[A-Z]\w+\s+as)(?!\w)\s*:?\s*"
        rf"|,\s+(?:or|of|ou)\s+(?=[A-Z\"“«])"
        # "X, “Y Z”, is ...": a quoted phrase set beside the name renders it
        rf"|,\s*(?=[\"“«„][A-Z][^\"”»\n]{{3,80}}[\"”»]\s*[,)])",
        re.IGNORECASE,
    )


_NAME_GAP = re.compile(r"[\s,;:–—-]*(?:(?:which|who|that|qui|die|dat)\s+)?(?:[a-z]\w*\s+){0,3}")
_QUOTES = "\"“”‘’'«» "


def _named_lists(ctx: Context, alias: AliasMaker) -> Iterator[Statement]:
    """ "X (...) – also transliterated as A, B or C –", "X, or Y, is", "L'X, aussi désigné sous le nom de Y, est":
    the names a cue introduces right after one of the group's names (or after "the group's name")."""
    text = ctx.text
    gloss = lexicon.regex("names", "gloss", r"(?:{words})\s*:?\s*$")
    for s, e, _block in ctx.sentences:
        for m in _also_called().finditer(text, s, e):
            if not _cue_follows_subject(ctx, s, m.start()):
                continue
            quote = (s, e)
            if gloss.search(m.group(0)):
                span = _gloss_at(text, m.end(), e)
                if span:
                    yield from alias(*span, "translation", quote)
                continue
            for span in _listed_names(text, m.end(), e):
                yield from alias(*_known_extent(ctx, span), "alias", quote)


def _known_extent(ctx: Context, span: tuple[int, int]) -> tuple[int, int]:
    """A name read short of a known name that goes on in lower case ("État" of "État islamique")."""
    for name in ctx.subject_names:
        end = next(_loosely_spelled_ends(name, ctx.text, span[0], here=True), None)
        if end is not None and end > span[1] and not re.match(r"\w", ctx.text[end : end + 1]):
            return span[0], end
    return span


_OPENING_QUOTES = "\"“«„‘'"


def _quoted_at(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """The phrase inside the quotes that open at `pos`: ("X Y Z")."""
    if pos >= end or text[pos] not in _OPENING_QUOTES:
        return None
    m = re.match(r"[\"“«„‘']\s*([^\"”»“\n]{2,100}?)\s*(?:[\"”»“]|['’](?!\w))", text[pos:end])
    return (pos + m.start(1), pos + m.end(1)) if m else None


def _gloss_at(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """What a name means, after "meaning"/"letterlijk"/"signifie": a quoted phrase or the words up
    to the clause's end, in any case, when it has two words or more ("islamitische gemeenschap";
    not "'students'", which says what a one-word name means)."""
    while pos < end and text[pos] in " \t:":
        pos += 1
    span = _quoted_at(text, pos, end)
    if span is None:
        m = re.match(
            r"[^\W\d_][\w'’-]*(?:[ \t]+[\w'’-]+){0,7}?(?=\s*(?:[,;.()\]\n\"”»]|\s(?:or|of|ou)\s|$))", text[pos:end]
        )
        span = (pos, pos + m.end()) if m else None
    if span is None or len(text[span[0] : span[1]].split()) < 2:
        return None
    return span


def _cue_follows_subject(ctx: Context, s: int, cue: int) -> bool:
    """Does the cue at `cue` come right after one of the group's names, or in a sentence
    that opens with the group ("The group's Arabic name is transliterated as")?"""
    text = ctx.text
    before = re.sub(r"\([^()]*\)|\[[^\]]*\]", " ", text[s:cue])
    before = re.sub(r"\([^()]*$", " ", before)  # a cue inside an aside opened after the name
    for name in ctx.subject_names:
        for end in _loosely_spelled_ends(name, before):
            if _NAME_GAP.fullmatch(before[end:]):
                return True
    whose = lexicon.regex("names", "whose_name", r"(?<!\w)(?:{words})\s*$")
    return (
        bool(
            re.match(
                r"\s*(?:the|its|de|het|la|le|son|sa)\s+(?:\w+['’]s\s+)?(?:\w+\s+)?(?:name|naam|nom)\b", before, re.I
            )
        )
        or (bool(whose.search(before)) and bool(ctx.about_subject(text[s:cue])))
        or (bool(ctx.about_subject(before)) and len(before) < 60 and not _another_name(ctx, before))
    )


def _another_name(ctx: Context, before: str) -> bool:
    """Do two capitalised words stand in `before` that are no name of the group's ("X is a
    group, also known as Y" names the group; "X joined the Copper Army, also known as Y" not)?"""
    for name in sorted(ctx.subject_names, key=len, reverse=True):
        before = before.replace(name, " ")
    return bool(re.search(r"\s[A-Z]\w+\s+[A-Z]", before))


def _listed_names(text: str, pos: int, end: int) -> Iterator[tuple[int, int]]:
    """The names one after the other from `pos`: quoted or capitalised, split by commas and "or"."""
    while pos < end:
        quoted = _quoted_at(text, pos, end)
        if quoted and len(text[quoted[0] : quoted[1]].split()) >= 2 and text[quoted[0]].isupper():
            yield quoted  # "“Organisation for the Freeing of the Coast”": every word of it
            pos = quoted[1]
            while pos < end and text[pos] in _QUOTES:
                pos += 1
            joint = re.match(r"\s*(?:,\s*(?:(?:or|ou|of|and|en|et)\s+)?|\s+(?:or|ou|of)\s+)", text[pos:end])
            if not joint:
                return
            pos += joint.end()
            continue
        while pos < end and text[pos] in _QUOTES:
            pos += 1
        article = re.match(r"(?:the|de|het|la|le|les|l['’])\s*(?=[A-Z])", text[pos:end])
        start = pos + (article.end() if article else 0)
        span = name_at(text, start)
        if span is None and text[start : start + 1] and script(text[start:]) not in ("Latin", "Unknown"):
            other = re.match(r"[^\s,;()\[\]]+(?:\s[^\s,;()\[\]a-zA-Z]+)*", text[start:end])
            span = (start, start + other.end()) if other else None
        if span is None:
            return
        yield span
        joint = re.match(
            r"[\"”’'»\s]*(?:\[[^\]]*\])?[\"”’'»]*\s*(?:,\s*(?:(?:or|ou|of|and|en|et)\s+)?|\s+(?:or|ou|of)\s+)",
            text[span[1] : end],
        )
        if not joint:
            return
        pos = span[1] + joint.end()


def _language_lines(ctx: Context, alias: AliasMaker) -> Iterator[Statement]:
    """ "anglais : X", "Tamil: X": a line of the page's opening that gives the name in a language."""
    text = ctx.text
    limit = min(len(text), 2500)
    for m in re.finditer(r"(?m)^[ \t]*([^\W\d_][\w ]{1,24}?)\s*:\s*(\S[^\n]{1,120})$", text[:limit]):
        if m.group(1).casefold() in language_names():
            yield from alias(m.start(2), m.end(2), "translation", (m.start(), m.end()))


# A romanised name writes letters plain English has not ("Tanẓīm al-Qā‘idah").
_ROMANISED = re.compile(r"[āīūēōḥṣṭẓḍʿʾ‘ʼ]")


def _script_lines(ctx: Context, alias: AliasMaker) -> Iterator[Statement]:
    """The lines just under a line of the page's head that names the group, in another script,
    and the romanised line after one ("X / <Arabic> / Tanẓīm ..."): the group's name there."""
    text = ctx.text
    folds = {lexicon.fold(n) for n in ctx.subject_names}
    for m in re.finditer(r"(?m)^[ \t=#]*(.+?)[ \t=#]*$", text[:2500]):
        if lexicon.fold(m.group(1)) in folds:
            yield from _script_lines_after(ctx, alias, m.end() + 1)


def _script_lines_after(ctx: Context, alias: AliasMaker, pos: int) -> Iterator[Statement]:
    text = ctx.text
    after_script = False
    for _ in range(4):
        end = text.find("\n", pos)
        end = end if end >= 0 else len(text)
        line = text[pos:end].strip(" \t,;")
        if line:
            start = pos + text[pos:end].find(line)
            letters = re.findall(r"[^\W\d_]", line)
            if letters and len(line) <= 80 and all(script(ch) not in ("Latin", "Unknown") for ch in letters):
                yield from alias(start, start + len(line), "native_script", (start, start + len(line)))
                after_script = True
            elif after_script and _ROMANISED.search(line) and len(line.split()) <= 8 and line[:1].isupper():
                yield from alias(start, start + len(line), "alias", (start, start + len(line)))
                after_script = False
            elif len(line) > 80:
                return
        pos = end + 1
        if pos >= len(text):
            return


def _acronyms_spelled(ctx: Context, alias: AliasMaker) -> Iterator[Statement]:
    """An acronym the page uses again and again whose letters are the initials of one of the
    group's names ("LT" beside "Lashkar-e Tayyiba") is one of its names."""
    text = ctx.text
    names = [n for n in ctx.subject_names if not is_acronym(n) and len(n.split()) >= 2]
    counts: dict[str, list[int]] = {}
    for m in re.finditer(r"(?<![\w.-])[A-Z]{2,6}(?![\w-])", text):
        counts.setdefault(m.group(0), []).append(m.start())
    for acronym, starts in counts.items():
        if len(starts) >= 3 and any(_initials_are(acronym, n) for n in names):
            yield from alias(starts[0], starts[0] + len(acronym), "acronym", _line_of(ctx, starts[0]))


def _initials_are(acronym: str, name: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w[0].isupper() or len(w) == 1]
    return "".join(w[0] for w in words).casefold() == acronym.casefold()


def _acronym_expansions(ctx: Context, alias: AliasMaker, own: str) -> Iterator[Statement]:
    """ "Front voor de Bevrijding (FLN)" and "FLN (Front de Libération)" where FLN is one
    of the group's acronyms: the name spelled out next to it is one of its names too,
    when the acronym fits it or it reads like a name already known."""
    text = ctx.text
    for acronym in [n for n in ctx.subject_names if is_acronym(n)]:
        dotted = r"\.?".join(re.escape(c) for c in acronym.replace(".", "")) + r"\.?"
        for m in re.finditer(rf"\(\s*(?:{re.escape(acronym)}|{dotted})\s*\)", text):
            span = _name_before(text, m.start())
            if span and _expands(acronym, text[span[0] : span[1]], ctx.subject_names, own):
                yield from alias(*span, "alias")
                continue
            # "l'Armée républicaine du Nord (A.R.N.)": a French name writes its adjectives in lower case
            lower = re.search(
                r"(?<!\w)([A-ZÀ-Þ][\w'’-]+(?:\s+[a-zà-ÿ][\w'’-]+){1,4})\s*$", text[max(0, m.start() - 120) : m.start()]
            )
            letters = len(re.sub(r"\W", "", acronym))
            if (
                lower
                and len(lower.group(1).split()) == letters
                and acronym_fits(acronym.replace(".", ""), lower.group(1))
            ):
                start = max(0, m.start() - 120) + lower.start(1)
                yield from alias(start, start + len(lower.group(1)), "alias")
        # "NAME (...), or ACR, is ...": the name the acronym stands for, named first.
        for m in re.finditer(rf"(?:\([^()]{{0,240}}\))?\s*,?\s+(?:{_OR})\s+{re.escape(acronym)}\b", text):
            span = _name_before(text, m.start())
            if span and _expands(acronym, text[span[0] : span[1]], ctx.subject_names):
                yield from alias(*span, "alias")
        for m in re.finditer(rf"(?<!\w){re.escape(acronym)}\s*\(", text):
            span = name_at(text, m.end())
            if (
                span
                and text[span[1] : span[1] + 1] == ")"
                and _expands(acronym, text[span[0] : span[1]], ctx.subject_names)
            ):
                yield from alias(*span, "alias")


_OR = "or|of|ou"
# Next to one of the group's acronyms a name may differ more from the names
# already known ("Salafist Group for Call and Combat" beside "... for Preaching
# and Combat"): the acronym itself says whose name it is.
EXPANSION_LIKENESS = 75


def _expands(acronym: str, name: str, known: list[str], own: str = "") -> bool:
    """Is `name`, written beside one of the group's acronyms, a name of the group? It is when the
    acronym fits it, it reads like a known name, or (a translation: "Al Sahil op het Arabisch
    Schiereiland (AQAP)") the acronym is the one the page gave the group first."""
    if len(name.split()) < 2:
        return False
    letters = len(re.sub(r"\W", "", acronym))
    if own and acronym == own and letters >= 3 and name[:1].isupper() and len(name.split()) >= letters - 1:
        return True  # not "al Sahil in teh Islamic Maghreb (ASIM)" read from "Islamic"
    return acronym_fits(acronym, name) or _like_a_known_name(name, known, EXPANSION_LIKENESS)


def _name_before(text: str, end: int) -> tuple[int, int] | None:
    """The longest proper name that ends just before `end` (skipping spaces), with an
    Arabic article written apart ("al Qaida ...")."""
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    line_start = max(text.rfind("\n", 0, end), text.rfind(". ", 0, end) + 1, end - 160)
    best = None
    for m in re.finditer(r"(?<![\w'’-])\w", text[line_start:end]):
        start = line_start + m.start()
        span = name_at(text, start)
        if span and span[1] == end:
            best = span
            break  # the first (leftmost) start that reaches `end` is the longest name
    if best:
        best = _without_leading_article(text, (_with_arabic_article(text, best[0]), best[1]))
        label = re.match(r"(\S+)\s+", text[best[0] : best[1]])
        if label and lexicon.lookup("labels", label.group(1)):
            best = (best[0] + label.end(), best[1])  # "Aliassen X (ACR)": the label glued to the name
    return best


def _without_leading_article(text: str, span: tuple[int, int]) -> tuple[int, int]:
    m = _LEADING_ARTICLE.match(text[span[0] : span[1]])
    return (span[0] + m.end(), span[1]) if m else span


# How alike two spellings of one name must be (rapidfuzz token-sort ratio, 0-100):
# "Jaish al-Adl in de Sahel" and "Jaysh al-Adl in the Sahel" are; two sister
# groups that differ in their region word ("... in the Eastern Desert") are not.
VARIANT_LIKENESS = 88


def _like_a_known_name(name: str, known: list[str], likeness: int = VARIANT_LIKENESS) -> bool:
    """Another spelling of a known name of three words or more, or that name with one
    word added ("Jaysh Organisation of al-Adl in ...")."""
    folded = _fold_for_likeness(name)
    for other in (_fold_for_likeness(k) for k in known if len(k.split()) >= 3):
        if max(fuzz.ratio(folded, other), fuzz.token_sort_ratio(folded, other)) >= likeness:
            return True
        if _one_word_added(other.split(), folded.split()):
            return True
    return False


def _one_word_added(known: list[str], words: list[str]) -> bool:
    """Every word of `known` (spelled alike) is in `words`, and one word more."""
    rest = list(words)
    for word in known:
        match = next((w for w in rest if fuzz.ratio(w, word) >= WORD_LIKENESS), None)
        if match is None:
            return False
        rest.remove(match)
    return len(rest) == 1


# Two spellings of one word ("jaish", "jaysh"), rapidfuzz ratio 0-100.
WORD_LIKENESS = 75


@lru_cache(maxsize=4096)
def _fold_for_likeness(name: str) -> str:
    """Case, accents and punctuation folded; apostrophes dropped so that "Da'wa" is one word."""
    return normalize(_APOSTROPHES.sub("", name)) or ""


@lru_cache(maxsize=1024)
def _spelled_loosely(name: str) -> re.Pattern[str]:
    """A name in any case, with spaces, hyphens and apostrophes written any way."""
    parts = [re.escape(p) for p in _LOOSE_GAP.split(name) if p]
    return re.compile(r"[\s\-'’‘ʼ`]*".join(parts), re.IGNORECASE)


_LOOSE_GAP = re.compile(r"[\s\-'’‘ʼ`]+")
_LOOSE_GAP_MARKS = "-'’‘ʼ`"


def _loosely_spelled_ends(name: str, text: str, pos: int = 0, *, here: bool = False) -> Iterator[int]:
    """Where `_spelled_loosely(name)` matches end, from `pos` on (`here`: only a match at `pos`).

    Found with `str.find` in the lowered text where that finds the same (a document's
    every name would be compiled once each, with re.IGNORECASE's costly tables)."""
    parts = [p.lower() for p in _LOOSE_GAP.split(name) if p]
    lowered = lower_alike(text) if parts and plain_case("".join(parts)) else None
    if lowered is None:
        pattern = _spelled_loosely(name)
        matches = [pattern.match(text, pos)] if here else pattern.finditer(text, pos)
        yield from (m.end() for m in matches if m)
        return
    if here:
        end = _loose_end(text, lowered, pos, parts)
        if end is not None:
            yield end
        return
    start = lowered.find(parts[0], pos)
    while start >= 0:
        end = _loose_end(text, lowered, start, parts)
        if end is None:
            start = lowered.find(parts[0], start + 1)
        else:
            yield end
            start = lowered.find(parts[0], end)


def _loose_end(text: str, lowered: str, pos: int, parts: list[str]) -> int | None:
    """Where the lowered parts, any gap between them, end when they start at `pos` (a part
    never starts with a gap's character, so the regex's greedy gap is its only way to match)."""
    for i, part in enumerate(parts):
        while i and pos < len(text) and (text[pos].isspace() or text[pos] in _LOOSE_GAP_MARKS):
            pos += 1
        if not lowered.startswith(part, pos):
            return None
        pos += len(part)
    return pos


def _spelling_variants(ctx: Context, alias: AliasMaker) -> Iterator[Statement]:
    """Other spellings of a known name anywhere in the text (a typo, a translation
    with one more word): the longest stretch of each proper name, from its start or
    from one of its capitalised words, that reads like a known name of three words."""
    text = ctx.text
    known = [n for n in ctx.subject_names if len(n.split()) >= 3]
    if not known:
        return
    folded_known = {normalize(k) for k in known}
    pos = 0
    for m in re.finditer(r"(?<![\w'’-])[A-Z]", text):
        if m.start() < pos:
            continue  # inside the name just read
        span = name_at(text, m.start())
        if not span:
            continue
        pos = span[1]
        if lexicon.lookup("labels", text[span[0] : span[1]].split()[0]):
            continue  # "Aliassen Jaysh al-Adl ...": a field label glued to a name
        for start in _word_starts(text, *span):
            part = _without_leading_article(text, (_with_arabic_article(text, start), span[1]))
            value = text[part[0] : part[1]]
            if normalize(value) in folded_known:
                break  # a known name, not a new spelling
            if len(value.split()) >= 3 and _like_a_known_name(value, known):
                yield from alias(*part, "variant")
                break


def _word_starts(text: str, start: int, end: int) -> list[int]:
    """Where the name's capitalised words start: the longest stretch is tried first."""
    return [start] + [start + m.start(1) for m in _CAPITAL_WORD.finditer(text[start:end])]


def _with_arabic_article(text: str, start: int) -> int:
    """Include an Arabic article written apart before a name ("al Qaida ...")."""
    article = _ARABIC_ARTICLE_BEFORE.search(text[max(0, start - 3) : start])
    return start - len(article.group(0)) if article else start


def _kind(value: str, default: str) -> str:
    if script(value) not in ("Latin", "Unknown"):
        return "native_script"
    if is_acronym(value):
        return "acronym"
    return default


def _line_of(ctx: Context, pos: int) -> tuple[int, int]:
    start = ctx.text.rfind("\n", 0, pos) + 1
    end = ctx.text.find("\n", pos)
    return start, (end if end >= 0 else len(ctx.text))


def _name_end(ctx: Context, start: int) -> int:
    span = name_at(ctx.text, start)
    return span[1] if span else start
