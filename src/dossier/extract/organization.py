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
from dossier.text.names import acronym_fits, is_acronym, language_names, name_at, name_pieces, script, split_list

EXTRACTOR = "organization"
AliasMaker = Callable[..., Iterator[Statement]]
_PAREN = re.compile(r"\s*\(([^()]{2,240})\)")


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

    yield from _cued_names(ctx, alias)
    yield from _named_lists(ctx, alias)
    yield from _language_lines(ctx, alias)
    yield from _acronym_expansions(ctx, alias)
    yield from _acronyms_spelled(ctx, alias)
    yield from _spelling_variants(ctx, alias)
    # Names given in parentheses right after a mention of any of the group's
    # names, including those just found (the list grows as it is read).
    done = 0
    while done < len(ctx.subject_names):
        name = ctx.subject_names[done]
        done += 1
        for m in _spelled_loosely(name).finditer(ctx.text):
            for s, e in _parenthesised(ctx.text, m.end(), min(len(ctx.text), m.end() + 260), name):
                yield from alias(s, e, _kind(ctx.text[s:e], "alias"))


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
    m = _PAREN.match(text, start)
    if not m or m.end() > limit + 1:
        return []
    inner_start = m.start(1)
    out = []
    names_here = [name or text[max(0, start - 120) : start], m.group(1)]
    for s, e in split_list(m.group(1), inner_start, conjunctions=False):
        s = _skip_language_prefix(text, s, e)
        piece = text[s:e]
        if re.search(r"\d{3,}", piece) or not piece[:1].strip():
            continue
        if not (piece[0].isupper() or script(piece) != "Latin" or piece.startswith(("al-", "al ", "l'", "el-"))):
            continue
        if is_acronym(piece) and not acronym_fits(piece, *names_here):
            continue  # "(NCTC)": a publisher or a source, not a name of the group
        out.append((s, e))
    return out


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
            if not span or span[1] - span[0] < 4 or len(text[span[0] : span[1]].split()) < 2:
                if span and is_acronym(text[span[0] : span[1]]):
                    yield from alias(*span, "acronym")
                continue
            s, e = ctx.sentence_at(m.start())
            if not ctx.about_subject(ctx.text[s:e]):
                continue
            yield from alias(*span, kind)
            for s, e in _parenthesised(text, span[1], span[1] + 200, text[span[0] : span[1]]):
                yield from alias(s, e, _kind(text[s:e], kind))


@lru_cache(maxsize=1)
def _also_called() -> re.Pattern[str]:
    """ "also transliterated as", "translated from Urdu as", "aussi désigné sous le nom de", ", or"."""
    cue = lexicon.alternation("names", "also_called")
    return re.compile(
        rf"(?<!\w)(?:(?:{cue})(?:\s+from\s+[A-Z]\w+\s+as)?|(?:variously|also)?\s*translated\s+from\s+[A-Z]\w+\s+as)(?!\w)\s*:?\s*"
        rf"|,\s+(?:or|of|ou)\s+(?=[A-Z\"“«])",
        re.IGNORECASE,
    )


_NAME_GAP = re.compile(r"[\s,;:–—-]*(?:(?:which|who|that|qui|die|dat)\s+)?(?:[a-z]\w*\s+){0,3}")
_QUOTES = "\"“”‘’'«» "


def _named_lists(ctx: Context, alias: AliasMaker) -> Iterator[Statement]:
    """ "X (...) – also transliterated as A, B or C –", "X, or Y, is", "L'X, aussi désigné sous le nom de Y, est":
    the names a cue introduces right after one of the group's names (or after "the group's name")."""
    text = ctx.text
    for s, e, _block in ctx.sentences:
        for m in _also_called().finditer(text, s, e):
            if not _cue_follows_subject(ctx, s, m.start()):
                continue
            quote = (s, e)
            for span in _listed_names(text, m.end(), e):
                yield from alias(*span, "alias", quote)


def _cue_follows_subject(ctx: Context, s: int, cue: int) -> bool:
    """Does the cue at `cue` come right after one of the group's names, or in a sentence
    that opens with the group ("The group's Arabic name is transliterated as")?"""
    text = ctx.text
    before = re.sub(r"\([^()]*\)|\[[^\]]*\]", " ", text[s:cue])
    for name in ctx.subject_names:
        for m in _spelled_loosely(name).finditer(before):
            if _NAME_GAP.fullmatch(before[m.end() :]):
                return True
    return bool(
        re.match(r"\s*(?:the|its|de|het|la|le|son|sa)\s+(?:\w+['’]s\s+)?(?:\w+\s+)?(?:name|naam|nom)\b", before, re.I)
    ) or (bool(ctx.about_subject(before)) and len(before) < 60 and not re.search(r"\s[A-Z]\w+\s+[A-Z]", before))


def _listed_names(text: str, pos: int, end: int) -> Iterator[tuple[int, int]]:
    """The names one after the other from `pos`: quoted or capitalised, split by commas and "or"."""
    while pos < end:
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


def _acronym_expansions(ctx: Context, alias: AliasMaker) -> Iterator[Statement]:
    """ "Front voor de Bevrijding (FLN)" and "FLN (Front de Libération)" where FLN is one
    of the group's acronyms: the name spelled out next to it is one of its names too,
    when the acronym fits it or it reads like a name already known."""
    text = ctx.text
    for acronym in [n for n in ctx.subject_names if is_acronym(n)]:
        for m in re.finditer(rf"\(\s*{re.escape(acronym)}\s*\)", text):
            span = _name_before(text, m.start())
            if span and _expands(acronym, text[span[0] : span[1]], ctx.subject_names):
                yield from alias(*span, "alias")
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


def _expands(acronym: str, name: str, known: list[str]) -> bool:
    if len(name.split()) < 2:
        return False
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
    m = re.match(r"(?:the|The|de|De|het|Het|la|La|le|Le|les|Les)\s+", text[span[0] : span[1]])
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
    return normalize(re.sub(r"['’‘ʼ`]", "", name)) or ""


@lru_cache(maxsize=1024)
def _spelled_loosely(name: str) -> re.Pattern[str]:
    """A name in any case, with spaces, hyphens and apostrophes written any way."""
    parts = [re.escape(p) for p in re.split(r"[\s\-'’‘ʼ`]+", name) if p]
    return re.compile(r"[\s\-'’‘ʼ`]*".join(parts), re.IGNORECASE)


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
    return [start] + [start + m.start(1) for m in re.finditer(r"\s([A-Z])", text[start:end])]


def _with_arabic_article(text: str, start: int) -> int:
    """Include an Arabic article written apart before a name ("al Qaida ...")."""
    article = re.search(r"(?<!\w)(?:al|el|Al|El)[ -]$", text[max(0, start - 3) : start])
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
