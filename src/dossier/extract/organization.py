"""The organisation a document profiles: its name and every other name it has.

The profiled group is found from structure first (a name field, the title,
the first headings, "NAME (ACR) is a ..." openings), then chosen by how often
its name and acronym recur in the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from dossier.extract.context import Context
from dossier.model import BlockKind, Schema, Statement
from dossier.text import lexicon
from dossier.text.names import acronym_fits, is_acronym, name_at, script, split_list

EXTRACTOR = "organization"
AliasMaker = Callable[..., Iterator[Statement]]
_PAREN = re.compile(r"\s*\(([^()]{2,240})\)")
_WIKI = re.compile(r"^[=#]+\s*|\s*=+$")


@dataclass
class _Candidate:
    name: str
    start: int
    end: int
    score: float
    acronym: tuple[int, int] | None = None


def extract(ctx: Context) -> Iterator[Statement]:
    candidate = _profiled(ctx)
    if candidate is None:
        return
    subject = ctx.key(Schema.ORGANIZATION, "main")
    ctx.subject = subject
    ctx.subject_names = [candidate.name]
    yield ctx.statement(subject, "name", candidate.name, candidate.start, candidate.end, EXTRACTOR)
    seen = {_fold(candidate.name)}

    def alias(start: int, end: int, kind: str, quote: tuple[int, int] | None = None) -> Iterator[Statement]:
        value = ctx.text[start:end].strip(" \"'“”‘’.,:;")
        if not value or _fold(value) in seen or len(value) > 120 or len(value) < 2:
            return
        seen.add(_fold(value))
        ctx.subject_names.append(value)
        qs, qe = quote or ctx.sentence_at(start)
        if qe <= qs:
            qs, qe = start, end
        yield ctx.statement(subject, "alias", value, qs, qe, EXTRACTOR, kind=kind)

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
        value = ctx.text[block.value_start : block.end]
        for s, e in split_list(value, block.value_start, conjunctions=False):
            yield from alias(s, e, "former_name", (block.start, block.end))

    # Names given in parentheses right after a mention of the group's name.
    for name in list(ctx.subject_names):
        for m in re.finditer(re.escape(name), ctx.text):
            for s, e in _parenthesised(ctx.text, m.end(), min(len(ctx.text), m.end() + 260), name):
                yield from alias(s, e, _kind(ctx.text[s:e], "alias"))

    yield from _cued_names(ctx, alias)


def _profiled(ctx: Context) -> _Candidate | None:
    text = ctx.text
    candidates: list[_Candidate] = []

    def add(start: int, end: int, bonus: float) -> None:
        raw = text[start:end]
        name = _WIKI.sub("", raw).strip()
        offset = start + raw.find(name) if name else start
        acronym = None
        paren = _PAREN.match(text, offset + len(name)) if name else None
        m = re.match(r"^(.*?)\s*\(([A-Z][A-Za-z]{1,9})\)$", name)
        if m and not acronym_fits(m.group(2), m.group(1)):
            name, m = m.group(1), None
        if m:
            name = m.group(1)
            acronym = (offset + m.start(2), offset + m.end(2))
        elif paren and is_acronym(paren.group(1)) and acronym_fits(paren.group(1), name):
            acronym = (paren.start(1), paren.end(1))
        if not name or len(name) > 120 or len(name.split()) > 14:
            return
        candidates.append(_Candidate(name, offset, offset + len(name), bonus, acronym))

    for block in ctx.fields("name"):
        # The whole value up to a parenthesis: names in French or Dutch have lower-case words.
        value = re.split(r"\s*[(;]", text[block.value_start : block.end], maxsplit=1)[0].rstrip(" .")
        if value:
            add(block.value_start, block.value_start + len(value), 6.0)
    for block in ctx.blocks[:8]:
        if block.kind is BlockKind.HEADING:
            add(block.start, block.end, 2.0)
    for block in ctx.blocks[:40]:
        if block.kind is BlockKind.PARAGRAPH:
            for s, _e in ctx.sentences_of(block)[:1]:
                span = name_at(text, s)
                m = _opening().match(text, span[1]) if span else None
                if span and m:
                    candidates.append(
                        _Candidate(text[span[0] : span[1]], span[0], span[1], 4.0, (m.start("acr"), m.end("acr")))
                    )
    if not candidates:
        return None
    folded_text = _fold(text)
    for c in candidates:
        c.score += min(folded_text.count(_fold(c.name)), 20)
        if c.acronym:
            acr = text[c.acronym[0] : c.acronym[1]]
            c.score += min(len(re.findall(rf"\b{re.escape(acr)}\b", text)), 20) / 2
        if len(c.name.split()) < 2 and not c.acronym:
            c.score -= 5
    return max(candidates, key=lambda c: c.score)


@lru_cache(maxsize=1)
def _opening() -> re.Pattern[str]:
    """ "NAME (ACR) is a ...": the opening of a profile's first sentence."""
    copula = lexicon.alternation("names", "copula")
    return re.compile(rf"\s*\((?P<acr>[A-Z][A-Za-z]{{1,9}})\)\s*,?\s+(?:{copula})\b")


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
            tail = re.match(r"\s+(?:in\s+\d{4}\s+as\s+|(?:the|de|het|la|le|l'|du)\s+)*", text[pos : pos + 40])
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


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).casefold().strip()


def _name_end(ctx: Context, start: int) -> int:
    span = name_at(ctx.text, start)
    return span[1] if span else start
