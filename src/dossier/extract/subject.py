"""Which group a page is about: the candidate names of a document, scored.

A page names many groups; the one it profiles is told by structure and by how
the page speaks of it, in any layout and language:

- where a name stands: a name field, the title and first headings (without a
  site name after a dash: "X – Wikipedia"), the opening sentence ("X (ACR) is a
  militant group ...", "X, also called Y, est un groupe ..."), and the page's
  own address ("/profiles/silver-river-front");
- how often it is named, counting the acronym given beside it ("X (ACR)") and
  not counting the times it is part of a longer name;
- whether it is spoken of as a group: an organisation's head word ("Front"),
  a group noun or an article before it ("the group X", "de X", "les X"), an
  acronym. A person's name (a title before it, a role after a comma, an age), a
  place, the publisher's own name and words the page writes in lower case are
  no candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from normality import ascii_text

from dossier.extract.context import Context
from dossier.ingest.source import Source, source_of
from dossier.model import Block, BlockKind
from dossier.segment import field_key
from dossier.text import lexicon
from dossier.text.dates import find_dates
from dossier.text.names import (
    acronym_fits,
    fold_name,
    holds_word,
    initials,
    is_acronym,
    language_names,
    name_at,
    script,
    word_spans,
)
from dossier.text.places import country_code, find_countries, lowercase_words

# Structure's weight, in mentions: a name field says it outright; a title or the
# opening sentence nearly so; the address is written by the publisher.
FIELD_BONUS = 8.0
OPENING_BONUS = 4.0
TITLE_BONUS = 3.0
ALIASES_BONUS = 6.0  # a heading with an alias field below it names the group the aliases are of
ADDRESS_BONUS = 5.0
GROUP_EVIDENCE = 2.0
MAX_MENTIONS = 15
EVIDENCE_READ = 12
# A name nothing shows to be a group's counts for half; a person's or the publisher's hardly.
NO_EVIDENCE_FACTOR = 0.5
PERSON_FACTOR = 0.1
# The best candidate must reach this to be the profiled group: a page that only
# mentions groups in passing profiles none.
LOWER_CASE_BONUS = 2.0  # a word in lower case that the page speaks of as a group, again and again
MIN_SCORE = 4.0
UNSTRUCTURED_MIN_SCORE = 6.0
_ACRONYM = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,6}|(?<![\w'’-])[A-Z][A-Za-z]{0,2}[A-Z][A-Za-z]{0,5}(?![\w'’]|\.\d)")
_TITLE_SPLIT = re.compile(r"\s+[–—|-]\s+|:\s+|\s*/\s+")
_PROFILE_FIELDS = frozenset(
    {"founded", "founder", "leaders", "countries", "origin", "ideology", "size", "goals", "aliases"}
)
# Footnote marks: "[12]", "[n 1]", "[lower-alpha 1]", "[a]" (not "[/]" or other brackets).
_FOOTNOTE_END = re.compile(r"(?:\s*\[(?:[a-z]+(?:-[a-z]+)?\s*)?\d{0,3}\]|\s*\[\d+)+$")
_ARTICLE_NAME = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az)[-‘’'ʼ][A-Z]")
_URL = re.compile(r"\S*(?:https?://|www\.|\.\w{2,4}/)\S*")
_ARTICLE = re.compile(r"(?:the|The|THE|de|De|het|Het|la|La|le|Le|les|Les)\s+(?=\S)|(?:l|L)['’]\s*(?=\S)")
# Patterns of the functions below, compiled once (they run for every candidate name).
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z.\-]{1,9})[),;]")
_ACRONYM_BESIDE = re.compile(r"\s*\(([A-Z][A-Za-z.\-]{1,9})\)")
_ACRONYM_END = re.compile(r"\s*\([A-Z][A-Za-z.]{1,9}\)\s*$")
_POSSESSIVE_S = re.compile(r"(?<=[a-z])'s\b")
_INNER_APOSTROPHE = re.compile(r"(?<=[a-z0-9])['`](?=[a-z0-9])")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_NO_NAME_MARK = re.compile(r"[^\w\s'’.-]|\n")


@dataclass
class Candidate:
    name: str
    start: int
    end: int
    acronym: tuple[int, int] | None = None
    bonus: float = 0.0
    score: float = 0.0
    mentions: int = 0
    why: list[str] = field(default_factory=list)


def profiled(ctx: Context) -> Candidate | None:
    """The name of the group the document profiles, with the acronym given beside it."""
    found = list(candidates(ctx))
    if not found:
        return None
    best = max(found, key=lambda c: (c.score, c.mentions, len(c.name)))
    if is_acronym(best.name) and " " not in best.name:
        # An acronym alone: the name it stands beside or spells, if the page writes it out.
        acronym = best
        spelled = [
            c
            for c in found
            if c.acronym
            and fold_name(ctx.text[c.acronym[0] : c.acronym[1]]) == fold_name(acronym.name)
            or not c.acronym
            and c is not acronym
            and _exact_initials(acronym.name, c.name)
        ]
        if spelled:
            best = max(spelled, key=lambda c: (c.score, c.mentions, len(c.name)))
            best.acronym = best.acronym or (acronym.start, acronym.end)
            best.score = max(best.score, acronym.score)
    if best.acronym is None:
        # "X (...), or XYZ, is ...": an acronym of the page that spells the name is its acronym.
        spelling = [c for c in found if is_acronym(c.name) and " " not in c.name and _exact_initials(c.name, best.name)]
        if spelling:
            acronym = max(spelling, key=lambda c: c.mentions)
            best.acronym = (acronym.start, acronym.end)
    # Named often but nowhere in the page's structure: only a clear favourite is its subject.
    structural = any(w in best.why for w in ("field", "title", "opening", "address", "aliases below"))
    return best if best.score >= (MIN_SCORE if structural else UNSTRUCTURED_MIN_SCORE) else None


def candidates(ctx: Context) -> list[Candidate]:
    text = ctx.text
    source = source_of(text)
    body = source.end if source else 0
    by_fold: dict[str, Candidate] = {}
    common = lowercase_words(_URL.sub(" ", text[body:]))
    words = _Words(text[body:])

    def add(start: int, end: int, bonus: float, why: str, acronym: tuple[int, int] | None = None) -> None:
        trim_start, trim_end = _extent(text[start:end])
        start, end = start + trim_start, start + trim_end
        name = text[start:end]
        if why in ("field", "spoken of"):  # a name field says so, whatever the name looks like
            if not re.search(r"[^\W\d_]", name):
                return
        elif not _plausible(name, words, common, loose=why in ("expansion", "address", "title")):
            return
        key = fold_name(name)
        known = by_fold.get(key)
        if known is None:
            known = by_fold[key] = Candidate(name, start, end)
        known.acronym = known.acronym or acronym or _acronym_beside(text, end, name)
        if bonus > 0 and why not in known.why:
            known.bonus += bonus
            known.why.append(why)

    for block in ctx.fields("name"):
        value = re.split(r"\s*[(;\n]", text[block.value_start : block.end], maxsplit=1)[0].rstrip(" .")
        add(block.value_start, block.value_start + len(value), FIELD_BONUS, "field")
    for s, e, whole, named in _title_spans(ctx, body):
        add(s, e, TITLE_BONUS if whole else TITLE_BONUS / 2, "title")
        if named and whole:
            add(s, e, ALIASES_BONUS, "aliases below")
    for s, e, acr in _openings(ctx, body):
        add(s, e, OPENING_BONUS, "opening", acr)
    for s, e, acr in _expansions(text, body):
        add(s, e, 0.0, "expansion", acr)
    for s, e, whole in _lower_case_groups(ctx, body, words):
        add(s, e, LOWER_CASE_BONUS if whole else 0.0, "spoken of")
    for s, e in _name_spans(text, body):
        add(s, e, 0.0, "")
    for s, e in _acronyms(text, body):
        add(s, e, 0.0, "")
    if source is not None:
        for s, e in _address_spans(text, body, source.words):
            add(s, e, ADDRESS_BONUS, "address")

    found = list(by_fold.values())
    _score(ctx, found, body, source, words)
    return found


# -- where names stand ----------------------------------------------------------------


def _title_spans(ctx: Context, body: int) -> Iterator[tuple[int, int, bool, bool]]:
    """Pieces of the title and of the first headings ("X – Wikipedia", "Report 2016 - Chapter 6 - X"),
    and the names inside them ("Terroristennetwerk X"): (start, end, a whole piece?, an alias field below?)."""
    seen = 0
    heads = [b for b in ctx.blocks if b.end > body][:12]
    for n, block in enumerate(heads):
        if block.kind is BlockKind.HEADING or (seen == 0 and len(block.text) <= 120 and "\n" not in block.text):
            seen += 1
            aliases = _alias_field_below(heads[n + 1 : n + 4])
            infobox = _profile_fields_below(heads[n + 1 : n + 6])
            line = re.sub(r"^[=#\s]+|[=#\s]+$", "", block.text)
            offset = block.start + block.text.find(line)
            pieces = [m for m in [*_TITLE_SPLIT.finditer(line), None]]
            named_field = any(b.kind is BlockKind.FIELD and field_key(b) == "name" for b in heads)
            if named_field:
                named_piece = -1  # a name field names the group itself
            elif aliases:
                named_piece = _piece_named(line, pieces, aliases)
            else:
                named_piece = 0 if infobox and len(pieces) == 1 else -1
            pos = 0
            for p, m in enumerate(pieces):
                named = p == named_piece
                piece_end = m.start() if m else len(line)
                yield offset + pos, offset + piece_end, True, named
                for w in re.finditer(r"(?<=\s)[A-ZÀ-ÖØ-Þ]", line[pos:piece_end]):
                    span = name_at(ctx.text, offset + pos + w.start())
                    if span and span[1] <= offset + piece_end:
                        # "Terroristennetwerk X": after a group noun, X is the piece's name
                        head = line[pos : w.start() + pos]
                        after_noun = not head.isupper() and bool(_context_patterns()["noun_before"].fullmatch(head))
                        yield span[0], span[1], after_noun, named
                pos = m.end() if m else pos
        if seen >= 8 or block.start - body > 1500:
            break


def _alias_field_below(blocks: list[Block]) -> str:
    """The value of an alias field among the blocks under a heading, before the next heading
    (and with no name field before it, which names the group itself)."""
    for b in blocks:
        if b.kind is BlockKind.HEADING:
            return ""
        if b.kind is BlockKind.FIELD and field_key(b) == "name":
            return ""
        if b.kind is BlockKind.FIELD and field_key(b) == "aliases":
            return b.value
    return ""


def _profile_fields_below(blocks: list[Block]) -> bool:
    """Do profile fields (founding, leaders, areas, ideology, size, ...) follow, before the next heading?"""
    keys = set()
    for b in blocks:
        if b.kind is BlockKind.HEADING:
            break
        if b.kind is BlockKind.FIELD:
            keys.add(field_key(b))
    return len(keys & _PROFILE_FIELDS) >= 2


def _piece_named(line: str, pieces: list[re.Match[str] | None], aliases: str) -> int:
    """Which piece of a heading the alias list below it names: the one sharing words with it, else the last."""
    alias_words = {w for w in _folded(aliases).split() if len(w) >= 4}
    shared, pos = [], 0
    for m in pieces:
        end = m.start() if m else len(line)
        shared.append(len({w for w in _folded(line[pos:end]).split() if len(w) >= 4} & alias_words))
        pos = m.end() if m else pos
    best = max(range(len(pieces)), key=lambda p: (shared[p], p))
    return best


@lru_cache(maxsize=1)
def _opening_pattern() -> re.Pattern[str]:
    """After a name: "(ACR)", notes, an aside (", also called Y,") and the copula of a definition."""
    copula = lexicon.alternation("names", "copula")
    note = r"(?:\s*\[[^\]\n]{0,20}\])*"
    return re.compile(
        rf"{note}(?:\s*\((?P<acr>[A-Z][A-Za-z.]{{1,9}})[;)])?[^()\n]{{0,3}}?{note}(?:\s*\([^()\n]{{0,400}}\))?{note}"
        rf"\s*(?:[,–—-][^,.;\n]{{0,160}}[,–—-]|\s[–—]\s[^–—\n]{{0,240}}\s[–—])?\s*(?:{copula})\s",
    )


def _openings(ctx: Context, body: int) -> Iterator[tuple[int, int, tuple[int, int] | None]]:
    """The subject of a paragraph's first sentence when it is defined: "X (ACR) is a ...", "L'X, dit Y, est un ..."."""
    text = ctx.text
    for block in ctx.blocks[:60]:
        if block.kind is not BlockKind.PARAGRAPH or block.end <= body:
            continue
        for s, _e in ctx.sentences_of(block)[:1]:
            lead = re.match(r"\s*(?:date\s+\S+\s+)?", text[s : s + 30])
            start = s + (lead.end() if lead else 0)
            article = _ARTICLE.match(text, start)
            span = name_at(text, article.end() if article else start)
            if not span:
                continue
            opening = _opening_pattern().match(text, span[1])
            if opening:
                acr = (opening.start("acr"), opening.end("acr")) if opening.group("acr") else None
                yield span[0], span[1], acr


def _expansions(text: str, body: int) -> Iterator[tuple[int, int, tuple[int, int]]]:
    """ "Al-Qaida dans la péninsule arabique (Aqpa)": the words before an acronym in
    parentheses that it abbreviates, lower-case ones too, from a capitalised word."""
    for m in re.finditer(r"\(([A-Z][A-Za-z.]{1,8})\)", text[body:]):
        acronym = m.group(1)
        letters = re.sub(r"[^A-Za-z]", "", acronym)
        if len(letters) < 2:
            continue
        end = body + m.start()
        while end > body and text[end - 1] in " \t":
            end -= 1
        base = max(body, end - 120, text.rfind("\n", 0, end) + 1)
        words = list(re.finditer(r"[^\s()]+", text[base:end]))
        best = None
        for w in reversed(words[-(len(letters) + 4) :]):
            if re.search(r"[.;:!?,]$|^[–—-]$", w.group(0)) and base + w.end() < end:
                break  # the sentence or clause before
            start = base + w.start()
            piece = text[start:end]
            if piece[:1].isupper() and acronym_fits(acronym, piece) and len(initials(piece)) <= len(letters) + 3:
                best = start
        if best is not None:
            yield best, end, (body + m.start(1), body + m.end(1))


def _name_spans(text: str, body: int) -> Iterator[tuple[int, int]]:
    """Every proper name of the text, and the names that start inside a longer one
    ("Liberation Falcons of ..." inside "Northern Falconsbyname of Liberation Falcons of ...")."""
    pos = body
    for m in re.finditer(r"(?<![\w'’-])(?:[A-ZÀ-ÖØ-Þ]|(?:al|el)-[A-Z])", text[body:]):
        start = body + m.start()
        span = name_at(text, start)
        if span and (start >= pos or span[1] == pos):
            yield span
            pos = max(pos, span[1])


def _acronyms(text: str, body: int) -> Iterator[tuple[int, int]]:
    for m in _ACRONYM.finditer(text, body):
        if is_acronym(m.group(0)):
            yield m.start(), m.end()


@lru_cache(maxsize=1)
def _spoken_of_pattern() -> re.Pattern[str]:
    """ "the leader of the (Kenyan) falcons", "le mouvement des faucons": a role or a group noun, "of"
    and a word in lower case (with an adjective before it) that the page writes for a group."""
    heads = lexicon.alternation("roles") + "|" + lexicon.alternation("names", "group_nouns")
    return re.compile(
        rf"(?i:(?<!\w)(?:{heads})\s+(?:of|van|des|du|de|d['’])\s+(?:(?:the|de|het|la|le|les|l['’])\s*)?)"
        rf"(?:[A-ZÀ-Þ][\w-]+\s+)?([a-zà-ÿ][a-zà-ÿ'’-]{{3,}})(?![\w-])"
    )


def _lower_case_groups(ctx: Context, body: int, words: _Words) -> Iterator[tuple[int, int, bool]]:
    """Words the page writes in lower case for its group ("de leider van de valken"): spoken of so
    twice, or once in the title or address, and named three times; each such place, and whether
    the word passed (a word before a group noun is an adjective: "the leader of the armed group")."""
    text = ctx.text
    found: dict[str, list[tuple[int, int]]] = {}
    nouns = lexicon.words_pattern("names", "group_nouns")
    for m in _spoken_of_pattern().finditer(text, body):
        word = m.group(1)
        after = re.match(r"\s+([\w-]+)", text[m.end(1) : m.end(1) + 30])
        if after and (nouns.fullmatch(after.group(1)) or lexicon.lookup("roles", after.group(1))):
            continue
        if (
            lexicon.fold(word) in _function_words()
            or lexicon.lookup("organizations", word)
            or lexicon.lookup("roles", word)
            or lexicon.lookup("names", word) == "group_nouns"
        ):
            continue
        found.setdefault(_folded(word), []).append(m.span(1))
    source = source_of(text)
    address = " ".join(source.words) if source else ""
    head = text[body : body + 400].casefold()
    for folded, spans in found.items():
        titled = folded in address.split() or holds_word(head, folded)
        whole = (len(spans) >= 2 or titled) and len(words.occurrences(folded)) >= 3
        for s, e in spans:
            yield s, e, whole


def _address_spans(text: str, body: int, words: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """The longest stretches of the text spelled by the page's address, from a capital
    ("/front-du-nord-chronologie" -> "Front du Nord", "/l-f-d-n-" -> "F.D.N.")."""
    if not words:
        return
    joined = _joined_letters(words)
    tokens = list(re.finditer(r"[^\W_]+(?:['’.-][^\W_]+)*\.?", text[body:]))
    i = 0
    while i < len(tokens):
        best = None
        if tokens[i].group(0)[:1].isupper():
            for j in range(i, min(i + 8, len(tokens))):
                start, end = body + tokens[i].start(), body + tokens[j].end()
                piece = text[start:end]
                if _NO_NAME_MARK.search(piece):
                    break
                folded = _folded(piece)
                if not (_in_order(folded.split(), words) or folded.replace(" ", "") in joined):
                    break
                best = (start, end, j)
        if best and not re.match(r"[ -][A-ZÀ-ÖØ-Þ]", text[best[1] : best[1] + 2]):
            yield best[0], best[1]  # not the start of a longer name ("Sri" of "Sri Lankaanse")
            i = best[2] + 1
        elif best:
            i = best[2] + 1
        else:
            i += 1


def _joined_letters(words: tuple[str, ...]) -> set[str]:
    """Runs of one-letter words joined: "f d n" in an address is "fdn"."""
    out, run = set(), ""
    for w in (*words, ""):
        if len(w) == 1:
            run += w
        else:
            if len(run) >= 2:
                out.add(run)
            run = ""
    return out


def _in_order(folded: list[str], words: tuple[str, ...]) -> bool:
    """Are these words a run of consecutive words of the address?"""
    n = len(folded)
    if not n:
        return False
    return any(list(words[i : i + n]) == folded for i in range(len(words) - n + 1))


# -- how a name is spoken of --------------------------------------------------------------


class _Words:
    """The words of a text, read once: folded for matching, with their case, by first word."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Words as `_folded` splits them: an apostrophe inside a word keeps it one word.
        self.tokens = [m.group(0) for m in re.finditer(r"[^\W_]+(?:['’ʼ‘`][^\W_]+)*", text)]
        self.folded = [_folded(t) for t in self.tokens]
        self.at: dict[str, list[int]] = {}
        for i, word in enumerate(self.folded):
            self.at.setdefault(word, []).append(i)

    def occurrences(self, name: str) -> list[tuple[int, int]]:
        """(first, last + 1) word index of every occurrence of `name`, in any case."""
        words = _folded(name).split()
        if not words:
            return []
        n = len(words)
        return [(i, i + n) for i in self.at.get(words[0], []) if self.folded[i : i + n] == words]

    def written_lower(self, name: str) -> bool:
        """Does the text write the name in lower case at least as often as capitalised?"""
        spans = self.occurrences(name)
        lower = sum(1 for i, _j in spans if self.tokens[i][:1].islower())
        return lower >= max(1, len(spans) - lower)

    def count_exact(self, word: str) -> int:
        """How often a one-word name (an acronym) stands as written, case and all."""
        if not re.fullmatch(r"[^\W_]+", word):
            return len(re.findall(rf"(?<![\w.]){re.escape(word)}(?!\w)", self.text))
        return sum(1 for i in self.at.get(_folded(word), []) if self.tokens[i] == word)


def _score(ctx: Context, found: list[Candidate], body: int, source: Source | None, words: _Words) -> None:
    occurrences = {id(c): words.occurrences(c.name) for c in found}
    # An occurrence inside a longer candidate's occurrence is that longer name's.
    reach: dict[int, int] = {}  # first word -> furthest last word of a longer name's occurrence there
    for c in sorted(found, key=lambda c: -len(_folded(c.name).split())):
        spans = occurrences[id(c)]
        occurrences[id(c)] = [
            (i, j)
            for i, j in spans
            if not any(reach.get(k, -1) >= j and (k, reach[k]) != (i, j) for k in range(max(0, i - 12), i + 1))
        ]
        # A phrase named once claims only as a group's name ("al-Sahil Group of Jihad in the Hills"),
        # not as a caption or headline ("Logo of X", "What is known about the X army").
        if len(spans) >= 2 or _org_head(c.name):
            for i, j in spans:
                reach[i] = max(reach.get(i, -1), j)
    host = set(re.split(r"[^a-z0-9]+", source.publisher)) if source else set()
    for c in found:
        mentions = len(occurrences[id(c)])
        if " " not in c.name and not is_acronym(c.name) and 2 * mentions < len(words.occurrences(c.name)):
            c.why.append("part of names")  # "Jihad" of many names with "Jihad" in them
        acronym = ctx.text[c.acronym[0] : c.acronym[1]] if c.acronym else ""
        if acronym and fold_name(acronym) != fold_name(c.name):
            mentions += words.count_exact(acronym)
        if is_acronym(c.name) and " " not in c.name:
            mentions = words.count_exact(c.name)
        c.mentions = mentions
        c.score = min(mentions, MAX_MENTIONS) + c.bonus
        c.why.append(f"mentions={mentions}")
    # What is said of a name is read for the likeliest ones only.
    for c in sorted(found, key=lambda c: -c.score)[:EVIDENCE_READ]:
        acronym = ctx.text[c.acronym[0] : c.acronym[1]] if c.acronym else ""
        if acronym and _exact_initials(acronym, c.name):
            c.score += 2
        group = _group_evidence(ctx, c, acronym, words)
        if group:
            c.score += GROUP_EVIDENCE * min(group, 2)
            c.why.append(f"group={group}")
        elif "field" not in c.why and "aliases below" not in c.why:
            c.score *= NO_EVIDENCE_FACTOR
        if "part of names" in c.why:
            c.score *= NO_EVIDENCE_FACTOR
        if _person_evidence(ctx.text, c.name) or _folded(c.name).replace(" ", "") in host:
            c.score *= PERSON_FACTOR
            c.why.append("person/publisher")
        c.why.append("read")
    for c in found:
        if "read" not in c.why:
            c.score *= NO_EVIDENCE_FACTOR


@lru_cache(maxsize=1)
def _org_heads_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{lexicon.alternation('organizations', 'org_nouns')})(?!\w)")


def _org_head(name: str) -> bool:
    """Does the name hold an organisation's head word, capitalised ("Front", "Army")?"""
    return bool(_org_heads_pattern().search(name))


def _exact_initials(acronym: str, name: str) -> bool:
    capitals = re.sub(r"[^A-Z]", "", acronym)
    # "LeT": a mixed-case acronym writes a connector's letter in lower case
    letters = capitals.casefold() if len(capitals) >= 2 else re.sub(r"[^a-z]", "", acronym.casefold())
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w[0].isupper()]
    return "".join(w[0] for w in words).casefold() == letters


@lru_cache(maxsize=1)
def _context_patterns() -> dict[str, re.Pattern[str]]:
    """What stands before or after a name that shows it is a group's or a person's, compiled once."""
    nouns = lexicon.alternation("names", "group_nouns")
    heads = lexicon.alternation("organizations", "org_nouns")
    copula = lexicon.alternation("names", "copula")
    articles = lexicon.alternation("names", "group_articles") + r"|les|du|des|au|aux|l['’]"
    roles = lexicon.alternation("roles")
    titles = lexicon.alternation("names", "person_titles")
    person_articles = lexicon.alternation("persons", "definite") + "|" + lexicon.alternation("persons", "indefinite")
    return {
        # "de terreurgroep X", "the militant group X"
        "noun_before": re.compile(rf"(?i)\w*(?:{nouns})\w*\s+(?:\w+\s+)?$"),
        # whether "noun_before" ends a text, found quicker from where the noun starts
        "noun_ends": lexicon.regex("names", "group_nouns", r"(?:{words})\w*\s+(?:\w+\s+)?$"),
        # "X group", "X is a militant organisation", "X (ACR), also Y, est un réseau", "declared X a terrorist organisation"
        "noun_after": re.compile(
            rf"(?i)\s+(?:{nouns})\b"
            rf"|(?:\s*\[[^\]]*\])*\s*(?:\([^)]*\))?\s*(?:,[^,.;]{{0,60}},?)?\s*(?:{copula})\s+(?:\w+\s+){{0,8}}?\w*(?:{nouns}|{heads})\w*"
            rf"|\s+(?:a|an|een|un|une)\s+(?:\w+\s+){{0,3}}?\w*(?:{nouns}|{heads})\w*"
        ),
        "article_before": re.compile(rf"(?i)(?<!\w)(?:{articles})\s*$"),
        "title_before": re.compile(rf"(?<!\w)(?:{titles})\s+$"),
        "role_after": re.compile(rf"\s*,\s*(?i:(?:(?:{person_articles})\s+)?(?:[\w-]+\s+){{0,3}}?(?:{roles}))\b"),
        "age_after": re.compile(r"\s*\(\d{1,2}\)"),
    }


def _spans_of(text: str, name: str) -> list[tuple[int, int]]:
    """Where `name` stands in the text as a whole word (in any case when it is written in capitals)."""
    if not (name.isupper() and len(name) > 3):
        return word_spans(text, name)
    return word_spans(text, name, any_case=True)


def _group_evidence(ctx: Context, c: Candidate, acronym: str, words: _Words) -> int:
    """How many kinds of sign say the name is a group's."""
    text = ctx.text
    patterns = _context_patterns()
    signs = 0
    if lexicon.words_pattern("organizations", "org_nouns").search(c.name):
        signs += 1
    spans = _spans_of(text, c.name)
    # an acronym beside it, fitting or not ("Noordelijke Valken (NF)": a translated name)
    beside = any(_ACRONYM_BESIDE.match(text[e : e + 14]) for _s, e in spans)
    if acronym or beside or (is_acronym(c.name) and " " not in c.name and words.count_exact(c.name) >= 2):
        signs += 1
    if any(
        patterns["noun_ends"].search(text, max(0, s - 60), s) or patterns["noun_after"].match(text, e) for s, e in spans
    ):
        signs += 1
    if sum(1 for s, _e in spans if patterns["article_before"].search(text, max(0, s - 8), s)) >= 2:
        signs += 1
    return signs


def _person_evidence(text: str, name: str) -> bool:
    """A person's name: a title before it, a role after a comma ("X, de leider van"), an age ("X (47)")."""
    if is_acronym(name) or len(name.split()) < 2:
        return False
    patterns = _context_patterns()
    return any(
        patterns["title_before"].search(text, max(0, s - 20), s)
        or patterns["role_after"].match(text, e)
        or patterns["age_after"].match(text, e)
        for s, e in _spans_of(text, name)
    )


# -- checks ---------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _extent(piece: str) -> tuple[int, int]:
    """Where the name that `piece` holds runs in it: trimmed, in one script, trimmed again
    (each step reads only the piece; names recur, so the answers are kept)."""
    return _trimmed(piece, *_one_script(piece, *_trimmed(piece, 0, len(piece))))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Without quotes, footnote marks, a trailing acronym in parentheses or a leading article."""
    piece = text[start:end]
    m = _ACRONYM_END.search(piece)
    if m:
        end = start + m.start()
    end = start + len(_FOOTNOTE_END.sub("", text[start:end]).rstrip(" \t\"'“”‘’,:;|"))
    if end > start and text[end - 1] == "." and not re.search(r"(?:^|[\s.])[A-Z]\.$", text[start:end]):
        end -= 1  # the sentence's full stop, not an initial's
    while start < end and text[start] in " \t\"'“”‘’([":
        start += 1
    article = _ARTICLE.match(text, start, end)
    if article and article.end() < end:
        start = article.end()
    return start, end


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Articles, connectors, pronouns and copulas: a "name" of only these is none."""
    words: set[str] = set()
    for name, keys in (
        ("names", ("group_articles", "group_pronouns", "not_a_name_start", "copula")),
        ("persons", ("relative", "definite", "indefinite", "subject_pronoun", "object_pronoun", "of", "within")),
    ):
        data = lexicon.load(name)
        for key in keys:
            for group in data[key].values():
                words |= {lexicon.fold(str(w)) for w in group}
    for lang, group in lexicon.load("names")["connectors"].items():
        if lang != "ar":  # "Al Sahil" opens with an article that is part of the name
            words |= {lexicon.fold(str(w)) for w in group}
    return frozenset(words)


def _plausible(name: str, words: _Words, common: frozenset[str], *, loose: bool = False) -> bool:
    if not _could_name_a_group(name, loose):
        return False
    if _generic(name, words, common):
        return False
    return is_acronym(name) or not words.written_lower(name)


@lru_cache(maxsize=65536)
def _could_name_a_group(name: str, loose: bool) -> bool:
    """What a name alone tells: not a word of the lexicons, a place, a date, a headline."""
    words = name.split()
    if not words or len(words) > 12 or len(name) > 100 or len(name) < 2:
        return False
    if not _LETTER.search(name) or name[0].isdigit():
        return False
    if not (name[0].isupper() or _ARTICLE_NAME.match(name)):
        return False  # but "al-Sahil in Mali" opens with its article
    folded = [lexicon.fold(w) for w in words]
    if all(w in _function_words() for w in folded) or folded[0] in _function_words() and len(words) > 1:
        return False
    if lexicon.lookup("labels", name) or lexicon.lookup("sections", name) or lexicon.lookup("names", name):
        return False
    if lexicon.lookup("organizations", name) or lexicon.lookup("roles", name):
        return False  # "Group", "Front", "Leader": a word, not a name
    if lexicon.words_pattern("names", "publication_nouns").search(name):
        return False  # "Historical Dictionary of Terrorism": a book's title
    if len(words) == 1 and re.sub(r"(?:e?s|en)$", "", folded[0]) in language_names():
        return False  # "Tamils", "Kurds": a people, named after its language
    if is_acronym(name) and " " not in name:
        if find_countries(name):
            return False  # "US", "UK"; but "BR", "SL" are written for groups more than for countries
    elif (
        country_code(name)
        or _demonym(words[-1])
        and not lexicon.words_pattern("organizations", "org_nouns").search(name)
    ):
        return False
    if find_dates(name):
        return False
    letters = [w for w in words if w[:1].isalpha()]
    lower = sum(1 for w in letters if w[:1].islower() and lexicon.fold(w) not in _function_words())
    # A sentence or headline, not a name; an acronym's expansion may have more lower-case words.
    return lower <= max(1, len(letters) // (2 if loose else 3))


def _generic(name: str, words: _Words, common: frozenset[str]) -> bool:
    """ "Terrorist Group": group words and words the page writes in lower case, named once or twice."""
    parts = name.split()
    if len(parts) < 2 or is_acronym(name):
        return False
    heads = lexicon.words_pattern("organizations", "org_nouns")
    if not all(w.casefold() in common or heads.fullmatch(w) for w in parts):
        return False
    return len(words.occurrences(name)) <= 2


def _demonym(word: str) -> bool:
    return bool(_demonym_pattern().fullmatch(word))


@lru_cache(maxsize=1)
def _demonym_pattern() -> re.Pattern[str]:
    endings = lexicon.alternation("relations", "demonym_endings")
    return re.compile(rf"[A-Z][a-zà-ÿ]+(?:{endings})")


def _acronym_beside(text: str, end: int, name: str) -> tuple[int, int] | None:
    m = _ACRONYM_AFTER.match(text[end : end + 16])
    if m and is_acronym(m.group(1)) and acronym_fits(m.group(1), name):
        return end + m.start(1), end + m.end(1)
    return None


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    """Case, accents and punctuation folded; an apostrophe inside a word dropped ("Hay’at" = "Hayat")."""
    folded = (ascii_text(text) or "").casefold()
    folded = _POSSESSIVE_S.sub("", folded)  # a possessive: "Sahil's" is "Sahil"
    folded = _INNER_APOSTROPHE.sub("", folded)
    return _NOT_ALPHANUMERIC.sub(" ", folded).strip()


def _one_script(text: str, start: int, end: int) -> tuple[int, int]:
    """A name runs in one script: "Group X جماعة" is the name "Group X" beside its name in
    another script (read as an alias where the text gives it as one)."""
    first = script(text[start:end])
    for m in _LETTERS.finditer(text[start:end]):
        if script(m.group()) not in (first, "Unknown"):
            return start, start + m.start()
    return start, end
