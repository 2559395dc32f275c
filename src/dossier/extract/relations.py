"""Relations between groups: allies, opponents, splinters, parents, units, successors.

Two sources, structure first: labelled fields whose value lists groups (an
infobox's "Allies", "Opponents", "Successor", "Clans", with periods in
parentheses and nested "*"/"**" items for units of units), then sentences with
a cue phrase between group names ("X split from Y", "X, the northern wing of
Y", "merged with A, B and C into D", "de katiba X"). Cue words are in
`text/lexicons/relations.yaml`, per language.

Every related group becomes an organisation mention of its own, with its name
and acronym, so that resolution can join it with other mentions of it. A
mention that is the profiled group itself (by a name or an acronym) is the
profiled group; a relation from a group to itself is never stated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from normality import ascii_text

from dossier.extract.context import Context, slug
from dossier.model import Block, BlockKind, Schema, Statement
from dossier.segment import field_key
from dossier.text import lexicon
from dossier.text.dates import find_dates, month_numbers
from dossier.text.names import (
    fold_name,
    french_name_end,
    is_acronym,
    looks_like_french_adjective,
    name_at,
    split_list,
    word_spans,
)
from dossier.text.places import country_code, find_cities, find_countries

EXTRACTOR = "relations"

# A field that lists groups -> (relation type, whether each listed group is the
# relation's source). "Successor: X" makes the profiled group X's predecessor;
# "Clans: X" makes X a unit of the profiled group.
FIELD_RELATIONS: dict[str, tuple[str, bool]] = {
    "allies": ("ally", False),
    "opponents": ("opponent", False),
    "predecessor": ("successor", False),
    "successor": ("predecessor", False),
    "parent": ("affiliate_of", False),
    "split_from": ("splinter_of", False),
    "merged_into": ("merged_into", False),
    "subunits": ("subunit_of", True),
    "splinters": ("splinter_of", True),
    "merger_of": ("merged_into", True),
}
CUE_TYPES = (
    "splinter_of",
    "subunit_of",
    "affiliate_of",
    "pledged_allegiance_to",
    "merged_into",
    "successor",
    "predecessor",
    "ally",
    "opponent",
)
# Relations that happen at a moment: the date nearest the cue is when they began.
DATED_TYPES = frozenset({"splinter_of", "merged_into", "pledged_allegiance_to", "affiliate_of", "successor"})
# Relations that tell where a group came from or what it became.
LINEAGE_TYPES = frozenset({"merged_into", "successor", "predecessor", "splinter_of"})
MAX_NAME_WORDS = 10
GAP = r"\s+((?:\S+\s+){0,4}?)"  # "…" in a cue: the words Dutch and French put inside a verb
_PX = re.compile(r"\d+(?:x\d+)?px\s+")  # an image size left over from a copied infobox ("20px Name", "23x15px")
_FOOTNOTES = re.compile(r"(?:\s*\[(?:[a-z]+(?:-[a-z]+)?\s*)?\d{0,3}\])+\s*$")
_NOTES = re.compile(r"(?:\[(?:[a-z]+(?:-[a-z]+)?\s*)?\d{0,3}\])+")
_PAREN = re.compile(r"\s*\(([^()]{1,80})\)")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_POSSESSIVE = re.compile(r"['’]s?$")
# A word opens a name where no letter or joiner stands before it, or right after an elided
# article ("l'Armée").
_WORD_START = re.compile(r"(?<![\w'’‘-])[\w]|(?<=(?<!\w)[dlDL]['’])[\w]")
# Patterns of the functions below, compiled once (they run at every capitalised word).
_LETTER = re.compile(r"[^\W\d_]")
_LOWER_TAIL = re.compile(r"-[a-z]+$")
_DATED_TAIL = re.compile(r"\s+(?:in|on|op|en|au|since|sinds|depuis)\s+(?:\w+\s+){0,2}\d{4}", re.IGNORECASE)
_OPENING_WORD = re.compile(r"([\w'’]+)\s+")
_ROMAN_NUMERAL = re.compile(r"[IVXLC]+\b")
_CONJUNCTION = re.compile(r"\s+(?:and|en|et)\s+")
_NOT_A_LETTER = re.compile(r"[^a-z]")
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")
_ADDRESS_OR_FILE = re.compile(r"[|/\\]|\.svg|https?:|\w\.\w{2,3}\b")


@dataclass
class _Group:
    """A group named in the text: its name's span, an acronym given with it, and a period."""

    start: int
    end: int
    acronym: tuple[int, int] | None = None
    alias: tuple[int, int] | None = None
    since: str | None = None
    until: str | None = None
    depth: int = 0  # nesting of an infobox item ("* X", "** Y")


@dataclass
class _Relations:
    """Statements of one document: the relations, and the names of the groups they link.

    A group's name and acronym are stated only once a relation links it, so that
    a name read after a cue that led nowhere does not become an organisation.
    """

    ctx: Context
    statements: list[Statement] = field(default_factory=list)
    subject_folds: set[str] = field(default_factory=set)
    pending: dict[str, list[Statement]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.subject_folds = {fold_name(n) for n in self.ctx.subject_names}

    def org(self, group: _Group, quote: tuple[int, int]) -> str | None:
        """The mention key of `group` (the profiled group's own key when it is that group)."""
        text = self.ctx.text
        name = text[group.start : group.end]
        acronym = text[group.acronym[0] : group.acronym[1]] if group.acronym else ""
        if not _plausible(name):
            return None
        if fold_name(name) in self.subject_folds or (acronym and fold_name(acronym) in self.subject_folds):
            return self.ctx.subject
        key = self.ctx.key(Schema.ORGANIZATION, "group-" + slug(name))
        qs, qe = quote
        names = self.pending.setdefault(key, [])
        names.append(self.ctx.statement(key, "name", name, qs, qe, EXTRACTOR))
        if acronym:
            names.append(self.ctx.statement(key, "alias", acronym, qs, qe, EXTRACTOR, kind="acronym"))
        if group.alias:
            alias = text[group.alias[0] : group.alias[1]]
            names.append(self.ctx.statement(key, "alias", alias, qs, qe, EXTRACTOR, kind="translation"))
        return key

    def relate(
        self,
        source: str | None,
        rel_type: str,
        target: str | None,
        quote: tuple[int, int],
        start: str | None = None,
        end: str | None = None,
        *,
        part: bool = False,
    ) -> None:
        if not source or not target or source == target:
            return
        for key in (source, target):
            self.statements.extend(self.pending.pop(key, []))
        qs, qe = quote
        statement = self.ctx.statement(source, "relation", target, qs, qe, EXTRACTOR, type=rel_type)
        # "start"/"end" name the offsets of Context.statement, so the period is added here.
        period: dict[str, str | bool] = {k: v for k, v in (("start", start), ("end", end)) if v}
        if part:
            period["part"] = True  # "split into A and B": one part may carry the group on under a name of its own
        self.statements.append(replace(statement, qualifiers={**statement.qualifiers, **period}))


def extract(ctx: Context) -> Iterator[Statement]:
    if not ctx.subject:
        return
    found = _Relations(ctx)
    _from_fields(ctx, found)
    _from_cues(ctx, found)
    _from_splinter_nouns(ctx, found)
    _from_place_units(ctx, found)
    _from_aligned(ctx, found)
    _from_fellow(ctx, found)
    _from_unit_nouns(ctx, found)
    _from_branch_names(ctx, found)
    spellings = list(_spellings(ctx, found.statements))
    for statement in (*found.statements, *spellings):
        if statement.prop in ("name", "alias") and statement.schema is Schema.ORGANIZATION:
            ctx.groups.setdefault(statement.value, statement.subject)
    yield from found.statements
    yield from spellings


# -- fields -------------------------------------------------------------------


def _from_fields(ctx: Context, found: _Relations) -> None:
    for key, (rel_type, listed_is_source) in FIELD_RELATIONS.items():
        for block in ctx.fields(key):
            quote = (block.start, block.end)
            parents: list[str | None] = []  # the key of the last item at each nesting depth
            for group in _listed_groups(ctx, block):
                org = found.org(group, quote)
                del parents[group.depth :]
                if group.depth and len(parents) == group.depth:
                    found.relate(org, "subunit_of", parents[-1], quote)
                parents.extend([None] * (group.depth - len(parents)))
                parents.append(org)
                source, target = (org, ctx.subject) if listed_is_source else (ctx.subject, org)
                found.relate(source, rel_type, target, quote, group.since, group.until)


def _listed_groups(ctx: Context, block: Block) -> list[_Group]:
    text = ctx.text
    value = text[block.value_start : block.end]
    # "Merger of A and B": there the conjunction joins two groups.
    items = split_list(value, block.value_start, conjunctions=field_key(block) == "merger_of")
    # A run of short upper-case codes that are mostly countries ("DZA, NIG, MRT")
    # lists states, not groups: drop all of them.
    codes = [(s, e) for s, e in items if re.fullmatch(r"[A-Z]{2,3}", text[s:e])]
    states = [c for c in codes if country_code(text[c[0] : c[1]])]
    drop_codes = len(codes) >= 3 and 2 * len(states) >= len(codes)
    out = []
    for s, e in items:
        if drop_codes and (s, e) in codes:
            continue
        group = _listed_group(text, s, e)
        if group:
            group.depth = _stars_before(text, s)
            out.append(group)
    return out


def _listed_group(text: str, s: int, e: int) -> _Group | None:
    px = _PX.match(text, s, e)
    if px:
        s = px.end()
    footnotes = _FOOTNOTES.search(text, s, e)
    if footnotes:
        e = footnotes.start()  # "ETA[7]", "Irish Republic[n 1]"
    group = _Group(s, e)
    # Parentheses at the end: a period "(2012–2017)", an acronym "(ABC)", a
    # place that is part of the name "(Libya)", or a note "(northern branch)".
    while True:
        m = re.search(r"\s*\(([^()]*)\)\s*$", text[s:e])
        if not m:
            break
        inner_start, inner_end = s + m.start(1), s + m.end(1)
        inner = text[inner_start:inner_end].strip()
        if _period(inner, group):
            pass
        elif is_acronym(inner) and not _is_country(inner):
            group.acronym = (inner_start, inner_end)
        elif inner and all(w[:1].isupper() for w in inner.split()):
            break  # part of the name
        e = s + m.start()
    while e > s and text[e - 1] in " .,;:":
        e -= 1
    group.end = e
    return group if e > s else None


def _period(inner: str, group: _Group) -> bool:
    years = _YEAR.findall(inner)
    if not years:
        return False
    group.since = years[0]
    open_end = lexicon.words_pattern("relations", "period_open").search(inner)
    group.until = years[1] if len(years) > 1 else (None if open_end or "–" in inner or "-" in inner else years[0])
    return True


def _stars_before(text: str, pos: int) -> int:
    depth = 0
    while pos > 0 and text[pos - 1] in " *":
        pos -= 1
        depth += text[pos] == "*"
    return depth


# -- sentences ----------------------------------------------------------------


def _from_cues(ctx: Context, found: _Relations) -> None:
    text = ctx.text
    for s, e, block in ctx.sentences:
        if not _any_cue().search(text, s, e):
            continue
        cues = [
            (rel_type, reverse, m)
            for rel_type, reverse, pattern in _cue_patterns()
            for m in pattern.finditer(text, s, e)
        ]
        for rel_type, reverse, m in cues:
            if any(
                o.start() <= m.start() and m.end() <= o.end() and o.end() - o.start() > m.end() - m.start()
                for _t, _r, o in cues
            ):
                continue  # "a splinter cell of": the longer cue says what the relation is
            if lexicon.regex("relations", "passive", r"\s+(?:{words})\b").match(text, m.end()):
                continue  # "was joined by X": X is the one who joined
            if _inside_french_name(text, max(s, m.start() - 80), m.start(), m.end(), e):
                continue  # "Mouvement pour l'unité du Sahel": "unité du" is the name's, no cue
            quote = (s, e)
            in_field = block.kind is BlockKind.FIELD and m.start() >= block.value_start
            pos = m.end() if in_field or rel_type == "subunit_of" else _past_unit_of(text, m.end(), e)
            parts = _past_parts(text, pos, e) if reverse and not in_field else pos
            pos, part = parts, parts > pos or (reverse and rel_type == "splinter_of" and _splits_into(m.group()))
            targets, after = _field_rest(text, pos, e) if in_field else _groups_after(text, pos, e)
            if not targets and rel_type == "subunit_of" and not in_field:
                targets, after = _members_of(text, pos, e)
            targets = [t for t in targets if not _a_person(ctx, t)]  # "pledged allegiance to Karim bin Tariq"
            if not targets or _inside_earlier_cue(text, s, m.start()):
                continue
            # A cue in a field of the profile ("Founded: 1970, split from X") is about the profiled group.
            source = ctx.subject if in_field else _source(ctx, found, s, m, quote, rel_type)
            if source is None and len(targets) > 1 and _fronted(text, targets[-1], e):
                # "An outgrowth of X, Y emerged in 1987": the cue is an apposition put before Y.
                *targets, last = targets
                source = found.org(last, quote)
            apposed = _apposed_after(text, s, m.start(), after, e) if source in (None, ctx.subject) else None
            if apposed is not None:
                source = found.org(apposed, quote)  # "An elite unit of X, the “Y,” is ...": Y is the unit
            since = _date_near(text, s, e, m.start()) if rel_type in DATED_TYPES else None
            target_keys = [found.org(t, quote) for t in targets]
            if rel_type == "merged_into" and not reverse:
                into = lexicon.regex("relations", "into", r"\s*,?\s*(?:{words})\s+").match(text, after, e)
                if into:
                    merged, _ = _groups_after(text, into.end(), e, many=False)
                    if merged:
                        result = found.org(merged[0], quote)
                        for key in [source, *target_keys]:
                            found.relate(key, rel_type, result, quote, since)
                        continue
            for key in target_keys:
                if reverse:
                    found.relate(key, rel_type, source, quote, since, part=part)
                else:
                    found.relate(source, rel_type, key, quote, since)


@lru_cache(maxsize=1)
def _cue_patterns() -> list[tuple[str, bool, re.Pattern[str]]]:
    """(relation type, reversed, pattern) per cue key; one pattern per cue with a "…" gap."""
    data = lexicon.load("relations")
    out = []
    for rel_type in CUE_TYPES:
        for reverse in (False, True):
            key = f"{rel_type}_reverse" if reverse else rel_type
            words = sorted({str(w) for group in data.get(key, {}).values() for w in group}, key=len, reverse=True)
            plain = [_cue_source(w) for w in words if "…" not in w]
            if plain:
                # A cue ending in an elision ("combat l'") runs on into the name.
                out.append(
                    (rel_type, reverse, re.compile(rf"(?<!\w)(?:{'|'.join(plain)})(?:(?<=['’])|(?!\w))", re.IGNORECASE))
                )
            for w in words:
                if "…" in w:
                    out.append((rel_type, reverse, re.compile(rf"(?<!\w){_cue_source(w)}(?!\w)", re.IGNORECASE)))
    return out


@lru_cache(maxsize=1)
def _any_cue() -> re.Pattern[str]:
    """The longest part of every cue ("pledged … allegiance"), anywhere: most sentences hold
    none, and this says so quickly."""
    data = lexicon.load("relations")
    keys = [key for rel_type in CUE_TYPES for key in (rel_type, f"{rel_type}_reverse")]
    words = {str(w) for key in keys for group in data.get(key, {}).values() for w in group}
    return lexicon.any_of(max((p.strip() for p in w.split("…")), key=len) for w in words)


def _cue_source(word: str) -> str:
    parts = [re.escape(p.strip()).replace(r"\ ", r"\s+").replace("'", "['’]") for p in word.split("…")]
    return GAP.join(parts)


@lru_cache(maxsize=1)
def _list_joint() -> re.Pattern[str]:
    return re.compile(r"\s*(?:,\s*(?:(?:and|en|et|or|ou|of)\s+)?|\s+(?:and|en|et|or|ou)\s+)")


def _groups_after(text: str, pos: int, end: int, *, many: bool = True) -> tuple[list[_Group], int]:
    """The group names that follow a cue: one, or a list "A, B and C"; and where they end."""
    groups: list[_Group] = []
    while pos < end:
        start = _name_start(text, pos, end)
        span = _name_span(text, start, end) if start is not None else None
        if span is None:
            break
        for s, e in _split_conjoined(text, *span):
            groups.append(_Group(s, e))
        pos = _attach_parentheses(text, groups[-1], end)
        note = _NOTES.match(text, pos, end)
        pos = note.end() if note and note.end() > pos else pos  # "X[12] and Y": a footnote ends no list
        joint = _list_joint().match(text, pos, end)
        if not many or not joint or lexicon.regex("relations", "into", r"\s*,?\s*(?:{words})\s+").match(text, pos, end):
            break
        nxt = _name_start(text, joint.end(), end, adjectives=0)
        if nxt is None or _name_span(text, nxt, end) is None:
            break
        pos = joint.end()
    return [g for g in groups if _plausible(text[g.start : g.end])], pos


def _field_rest(text: str, pos: int, end: int) -> tuple[list[_Group], int]:
    """In a field's value, the group after a cue is the rest of the item: names there keep lower-case words."""
    stop = re.search(r"[,;]", text[pos:end])
    item_end = pos + stop.start() if stop else end
    start = pos
    while start < item_end and text[start].isspace():
        start += 1
    article = _article().match(text, start, item_end)
    group = _listed_group(text, article.end() if article else start, item_end)
    return ([group] if group and _plausible(text[group.start : group.end]) else []), item_end


def _name_start(text: str, pos: int, end: int, adjectives: int = 2) -> int | None:
    """Where a name begins after `pos`: past white space, an article and (after one) a few adjectives."""
    while pos < end and text[pos].isspace():
        pos += 1
    described = _description().match(text, pos, end)
    if described and _name_span(text, described.end(), end):
        return described.end()  # "the Islamic extremist organization X", "de terreurbeweging X"
    after_adjectives = _described_in_french(text, pos, end)
    if after_adjectives is not None and _name_span(text, after_adjectives, end):
        return after_adjectives  # "le groupe jihadiste X": French puts the adjectives after the noun
    article = _article().match(text, pos, end)
    if article and not _name_span(text, pos, end):
        pos = article.end()
        for _ in range(adjectives):
            if _name_span(text, pos, end):
                break
            word = re.match(r"[a-zà-ÿ][\w-]*\s+", text[pos:end])
            if not word:
                break
            pos += word.end()
    return pos if _name_span(text, pos, end) else None


@lru_cache(maxsize=1)
def _article() -> re.Pattern[str]:
    """An article before a name, the elided ones with either apostrophe ("l'", "l’")."""
    words = lexicon.alternation("relations", "articles").replace("'", "['’]")
    return re.compile(rf"(?:{words})(?:\s+|(?<=['’]))", re.IGNORECASE)


@lru_cache(maxsize=1)
def _description() -> re.Pattern[str]:
    """An article, a few words and a group noun before a name: what the name is, not part of it."""
    article, noun = _description_parts()
    # the group noun in lower case: "Groupe Islamique Armé" is a name, "the group X" is not
    return re.compile(rf"{article}(?:[\w'’-]+\s+){{0,5}}?{noun}{_BEFORE_NAME}")


def _description_parts() -> tuple[str, str]:
    """Regex sources: an optional article, and a group noun in lower case."""
    articles = lexicon.alternation("relations", "articles")
    nouns = lexicon.alternation("names", "group_nouns")
    return rf"(?:(?i:{articles})(?:\s+|(?<=['’])))?", rf"[a-zà-ÿ]*(?:{nouns})"


# The space before a name: a capital, or the "al-" that opens an Arabic one.
_BEFORE_NAME = r"\s+(?=[A-Z]|(?:al|el)-)"


def _described_in_french(text: str, pos: int, end: int) -> int | None:
    """Where a name begins after "le groupe jihadiste", "l'organisation terroriste": an article,
    a group noun and one or two adjectives that look French, or None."""
    noun = _description_noun().match(text, pos, end)
    if noun is None:
        return None
    at = noun.end()
    for _ in range(2):
        word = _NEXT_LOWER_WORD.match(text, at, end)
        if not word or not looks_like_french_adjective(word.group(1)):
            break
        at = word.end()
    if at == noun.end():
        return None
    space = _SPACE_BEFORE_NAME.match(text, at, end)
    return space.end() if space else None


_NEXT_LOWER_WORD = re.compile(r"\s+([a-zà-ÿ][a-zà-ÿ-]+)")
_SPACE_BEFORE_NAME = re.compile(_BEFORE_NAME)


@lru_cache(maxsize=1)
def _description_noun() -> re.Pattern[str]:
    """An article and a group noun in lower case, without what follows."""
    article, noun = _description_parts()
    return re.compile(rf"{article}{noun}(?!\w)")


@lru_cache(maxsize=1)
def _lower_prefix() -> re.Pattern[str]:
    return re.compile(rf"(?:al|el|{lexicon.alternation('relations', 'earlier')})\s+(?=[A-Z])")


def _name_span(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """A name at `pos`: a capitalised name, also after a lower-case "al "/"el "."""
    # "al Sahil", "the original NF": a lower-case word that belongs to the name
    prefix = _lower_prefix().match(text, pos, end)  # not text[pos:end]: a copy of the text's rest
    span = name_at(text, prefix.end() if prefix else pos)
    if not span:
        return None
    s, e = _without_opening(text, pos, min(span[1], end))
    french = french_name_end(text, s, end)  # "Front de libération du Delta": lower case after the head
    if french is not None and french > e:
        e = french
    # "Sahil-aligned", "Nigeria-based": a lower-case last part is not part of the name.
    while True:
        m = _LOWER_TAIL.search(text[s:e])
        if not m or text[s : s + m.start()].casefold() in ("al", "el"):
            break
        e = s + m.start()
    e = s + len(_POSSESSIVE.sub("", text[s:e])) if _POSSESSIVE.search(text[s:e]) else e
    # "joined the Ridge Front in May 2004": the date is no part of the name.
    dated = _DATED_TAIL.search(text[s:e])
    if dated:
        e = s + dated.start()
    return (s, e) if e > s and _LETTER.search(text[s:e]) else None


_CAPITALISED = re.compile(r"(?<![\w'’])[A-ZÀ-Þ][\w'’-]+")


def _inside_french_name(text: str, window: int, start: int, end: int, limit: int) -> bool:
    """Does text[start:end] lie inside a French descriptive name that opens after `window`?"""
    for word in _CAPITALISED.finditer(text, window, start):
        name_end = french_name_end(text, word.start(), limit)
        if name_end is not None and end <= name_end:
            return True
    return False


def _without_opening(text: str, s: int, e: int) -> tuple[int, int]:
    """A name without the words a sentence opens with: "In March 2019 the X", "De FLN" -> "X", "FLN"."""
    while True:
        m = _OPENING_WORD.match(text[s:e])
        if not m or not name_at(text, s + m.end()):
            return s, e
        word = m.group(1)
        if _ROMAN_NUMERAL.match(text[s + m.end() : e]) and word.casefold() in month_numbers():
            return s, e  # "October XXII Circle": a month with a numeral names the group
        if not (word.isdigit() or word.casefold() in _opening_words() or word.casefold() in month_numbers()):
            return s, e
        s += m.end()


@lru_cache(maxsize=1)
def _opening_words() -> frozenset[str]:
    names = lexicon.load("names")["not_a_name_start"]
    articles = lexicon.load("relations")["articles"]
    return frozenset(str(w).casefold() for data in (names, articles) for group in data.values() for w in group)


def _split_conjoined(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """ "Jund al-Wadi and Harakat al-Sahil" is two names; "Front for Unity and Justice" is one."""
    m = _CONJUNCTION.search(text[s:e])
    if not m:
        return [(s, e)]
    head, tail = text[s : s + m.start()], text[s + m.end() : e]
    same_start = head.split()[0].casefold() == tail.split()[0].casefold() if tail.split() else False
    if re.search(r"\b(?:for|of|pour|de|voor|van|in)\b", head) and not same_start:
        return [(s, e)]  # but "al-Sahil in Yemen and al-Sahil of Oman" is two
    return [(s, s + m.start()), _without_opening(text, s + m.end(), e)]


def _attach_parentheses(text: str, group: _Group, end: int) -> int:
    """Read "(ABC)", "(“Translation”)" or "(2012–2017)" right after a name; return where it ends."""
    pos = group.end
    m = _PAREN.match(text, pos, end)
    if not m:
        return pos
    inner_s, inner_e = m.start(1), m.end(1)
    inner = text[inner_s:inner_e].strip(" “”\"'‘’")
    if _period(inner, group):
        return m.end()
    if is_acronym(inner) and not _is_country(inner):
        group.acronym = (inner_s, inner_e)
        return m.end()
    if _is_country(inner):
        group.end = m.end()  # "Harakat al-Nasr (Chad)": the place is part of the name
        return m.end()
    words = inner.split()
    if words and all(w[:1].isupper() for w in words) and len(words) <= MAX_NAME_WORDS:
        offset = text[inner_s:inner_e].find(inner)
        group.alias = (inner_s + offset, inner_s + offset + len(inner))
        return m.end()
    return m.end()  # "(formerly X)": an aside; a list goes on after it


def _source(
    ctx: Context, found: _Relations, start: int, cue: re.Match[str], quote: tuple[int, int], rel_type: str
) -> str | None:
    """Who the cue is about: a name inside the cue's gap, a name just before it, or the profiled group."""
    text = ctx.text
    if cue.lastindex:  # a "…" cue: the subject sits inside the verb
        gap = _names_in(text, cue.start(1), cue.end(1))
        if gap:
            return found.org(gap[-1], quote)
    if rel_type == "subunit_of":
        unit = _named_unit(text, start, cue)
        if unit:
            return found.org(unit, quote)
    names = _names_in(text, start, cue.start())
    if names:
        last = names[-1]
        if _adjoins(text[last.end : cue.start()]):
            if _a_person(ctx, last):
                return None  # "X was killed in clashes with Y": a person, no group
            if rel_type in _JOINING_TYPES and _person_shaped(ctx, found, text[last.start : last.end]):
                return None  # "Karim Haddad joined the group": a person joins, no group
            if last.start == _skip_space(text, start) and " " not in text[last.start : last.end]:
                word = text[last.start : last.end]
                if not is_acronym(word) and fold_name(word) not in found.subject_folds and word not in ctx.groups:
                    return None  # "Similarities in operations suggest links to": a sentence's first word
            return found.org(last, quote)
    left = text[start : cue.start()]
    if ctx.about_subject(left) or (not names and ctx.about_subject(text[quote[0] : quote[1]])):
        return ctx.subject
    pronouns = lexicon.alternation("names", "group_pronouns")
    if not names and re.search(rf"(?i)(?<!\w)(?:{pronouns})\s+(?:[a-z]+\s+)?$", left):
        return ctx.subject  # "In 1984 it split into": a sentence about the group the text is about
    possessives = lexicon.alternation("persons", "possessive_subject")
    if not names and re.search(rf"(?i)^\s*(?:{possessives})\s+(?:[a-zà-ÿ]+\s+)?$", left):
        return ctx.subject  # "Its main rival is X", "Son principal rival est X": the group's own
    return None


# Cues that persons meet as often as groups: "X joined", "X pledged allegiance to".
_JOINING_TYPES = frozenset({"affiliate_of", "pledged_allegiance_to"})


def _person_shaped(ctx: Context, found: _Relations, name: str) -> bool:
    """Does `name` read as a person's: two to four capitalised words, none an acronym or a
    head word of a group's name, and no group the page knows? ("Karim Haddad" joins a group;
    "the Copper Front", "AQ", "Jabhat al-Wadi" and a group named before do not read so.)"""
    words = name.split()
    if not 2 <= len(words) <= 4 or name in ctx.groups or fold_name(name) in found.subject_folds:
        return False
    heads = _group_head_words()
    return not any(is_acronym(w) or w.strip("'’") in heads or not w[:1].isupper() for w in words)


@lru_cache(maxsize=1)
def _group_head_words() -> frozenset[str]:
    """The head words of groups' names in every language, and the Arabic ones that open them."""
    data = lexicon.load("organizations")
    words = {str(w) for group in data["org_nouns"].values() for w in group}
    return frozenset(words | {str(w) for w in data["heads_first"]})


def _a_person(ctx: Context, group: _Group) -> bool:
    """Is the name a person the persons extractor found there?"""
    return any(ps < group.end and group.start < pe for ps, pe, _key in ctx.persons)


def _fronted(text: str, group: _Group, end: int) -> bool:
    """Is `group`, the last of a list after a cue, the subject of a verb that follows it?"""
    before = re.search(
        rf",\s+(?:(?i:{lexicon.alternation('relations', 'articles')})\s+)?$",
        text[max(0, group.start - 12) : group.start],
    )
    return bool(before and re.match(r"\s+[a-zà-ÿ]{3,}\s", text[group.end : end]))


def _members_of(text: str, pos: int, end: int) -> tuple[list[_Group], int]:
    """ "a cell of about two dozen experienced X (XY) fighters": the group whose members the unit gathers."""
    members = lexicon.alternation("organizations", "collective_nouns")
    m = re.match(
        rf"\s+(?:[a-z0-9-]+\s+){{0,4}}((?:(?:al|el)-)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,4}})(\s+\(([A-Z]{{2,6}})\))?\s+(?:{members})\b",
        text[pos:end],
    )
    if not m or not _plausible(m.group(1)):
        return [], pos
    group = _Group(pos + m.start(1), pos + m.end(1))
    if m.group(3):
        group.acronym = (pos + m.start(3), pos + m.end(3))
    return [group], pos + m.end(1)


def _apposed_after(text: str, start: int, cue: int, after: int, end: int) -> _Group | None:
    """ "An elite unit of X, the “Y,” is": a sentence that opens with the cue names its subject in
    an apposition after the cue's group."""
    articles = lexicon.alternation("relations", "articles")
    opening = re.fullmatch(rf"\s*(?:(?i:{articles})\s+)?(?:[a-zà-ÿ][\w'’-]*\s+){{0,2}}", text[start:cue])
    if not opening:
        return None
    m = re.match(
        rf",\s+(?:(?i:{articles})\s+)?[\"“«]?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,5}}),?[\"”»]?,",
        text[after:end],
    )
    if not m:
        return None
    group = _Group(after + m.start(1), after + m.end(1))
    return group if _plausible(text[group.start : group.end]) else None


def _splits_into(cue: str) -> bool:
    """A cue that divides the group into parts ("split into", "s'est scindé en"), not one that tells a part left."""
    return bool(re.search(r"(?i)(?:\binto|\bin|\ben)$", cue.strip()))


def _past_parts(text: str, pos: int, end: int) -> int:
    """ "split into two factions: A and B": past the words that count the parts, to their names."""
    parts = lexicon.alternation("relations", "parts")
    m = re.match(rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{parts})\s*[:,]?(?=\s)", text[pos:end], re.IGNORECASE)
    return pos + m.end() if m else pos


def _past_unit_of(text: str, pos: int, end: int) -> int:
    """ "an outgrowth of the Palestinian branch of X": past a described unit of X, to X."""
    article = re.match(rf"\s+(?:(?:{lexicon.alternation('relations', 'articles')})\s+)?", text[pos:end], re.IGNORECASE)
    at = pos + (article.end() if article else 0)
    units = [p for t, reverse, p in _cue_patterns() if t == "subunit_of" and not reverse]
    for _ in range(3):
        for pattern in units:
            unit = pattern.match(text, at, end)
            if unit:
                return unit.end()
        word = re.match(r"([\w'’-]+)\s+", text[at:end])
        if not word or not (word.group(1).islower() or _demonym(word.group(1))):
            break
        at += word.end()
    return pos


def _inside_earlier_cue(text: str, start: int, pos: int) -> bool:
    """ "an outgrowth of the Palestinian branch of X": a cue inside another cue's object says
    what the object is, and is no relation of its own."""
    before = text[max(start, pos - 40) : pos]
    for _type, _reverse, pattern in _cue_patterns():
        for m in pattern.finditer(before):
            between = before[m.end() :]
            words = between.split()
            if re.fullmatch(r"\s*(?:[\w'’-]+\s+){0,3}", between) and all(w.islower() or _demonym(w) for w in words):
                return True  # but "the Sahara branch of ASIM merged with": ASIM is the next cue's subject
    return False


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _named_unit(text: str, start: int, cue: re.Match[str]) -> _Group | None:
    """ "the Delta branch of X": the unit is called by a capitalised word and the cue's noun."""
    noun = re.match(r"[\w-]+", cue.group(0))
    m = re.search(r"(?:^|\s)((?:[A-Z][\w'’-]*\s+){1,3})$", text[start : cue.start()])
    if not noun or not m:
        return None
    words = m.group(1).split()
    if any(country_code(w) or _demonym(w) or lexicon.lookup("names", w) for w in words):
        return None
    return _Group(start + m.start(1), cue.start() + noun.end())


def _adjoins(between: str) -> bool:
    """Is the text between a name and a cue short enough for the name to be the cue's subject?

    "X officially split from", "X (ABC), the northern wing of", "X, which is regarded as a branch of".
    """
    between = _PAREN.sub(" ", between, count=1) if between.lstrip().startswith("(") else between
    if re.fullmatch(r"\s*(?:[a-zà-ÿ][\w'’]*\s+){0,3}", between):
        # "X officially split from", not "founded by X as the successor of" (X is no group there).
        return not lexicon.words_pattern("relations", "not_between").search(between)
    articles = lexicon.alternation("relations", "articles")
    if re.fullmatch(rf"\s*,\s*(?:{articles})\s+(?:[\w'’-]+\s+){{0,3}}", between, re.IGNORECASE):
        return True
    relative = lexicon.alternation("relations", "relative")
    return bool(re.fullmatch(rf"\s*,?\s*(?:{relative})\s+[^,.;:()]{{0,60}}", between, re.IGNORECASE))


def _names_in(text: str, start: int, end: int) -> list[_Group]:
    """The group-like names between two offsets, left to right (dates, places and opening words left out)."""
    out: list[_Group] = []
    pos = start
    while pos < end:
        m = _WORD_START.search(text, pos, end)
        if not m:
            break
        pos = m.start()
        span = _name_span(text, pos, end)
        if not span:
            pos = m.end()
            continue
        s, e = span
        article = _article().match(text, s, e)
        if article and article.end() < e:
            s = article.end()
        while e > s and text[e - 1].isspace():
            e -= 1  # "History An outgrowth of": the heading's word, not the article after it
        group = _Group(s, e)
        after = _PAREN.match(text, e, end)
        if after and is_acronym(after.group(1)):
            group.acronym = (after.start(1), after.end(1))
        if text[s].isalpha() and _plausible(text[s:e]) and not (s == start and _opening_word(text[s:e])):
            out.append(group)
        pos = after.end() if after else e
    return out


def group_names_in(text: str, start: int, end: int) -> list[_Group]:
    """The group-like names between two offsets (for the extractor of groups named in passing)."""
    return _names_in(text, start, end)


def plausible_group_name(name: str) -> bool:
    return _plausible(name)


def split_conjoined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return _split_conjoined(text, start, end)


def _opening_word(name: str) -> bool:
    """A sentence's capitalised first word that is no name ("At its peak", "Specifically")."""
    if " " in name:
        return False
    return len(name) <= 3 or name.endswith("ly") or bool(lexicon.lookup("names", name))


def _date_near(text: str, start: int, end: int, pos: int) -> str | None:
    dates = [d for d in find_dates(text[start:end]) if d.has_year]
    if not dates:
        return None
    nearest = min(dates, key=lambda d: abs(start + d.start - pos))
    return nearest.iso


# -- "the splinter group X", "de katiba X" -----------------------------------------


def _from_splinter_nouns(ctx: Context, found: _Relations) -> None:
    """ "the splinter group X", "breakaway faction later became X": X split from the profiled group."""
    text = ctx.text
    nouns = lexicon.words_pattern("relations", "splinter_nouns")
    named = re.compile(
        rf"\s*,?\s*(?:{lexicon.alternation('relations', 'then_named')})?\s*,?",
        re.IGNORECASE,
    )
    for s, e, _block in ctx.sentences:
        for m in nouns.finditer(text, s, e):
            gap = named.match(text, m.end(), e)
            pos = gap.end() if gap else m.end()
            if re.match(r"\s*(?:of|van|de|du)\b", text[pos:e]):
                continue  # "a splinter group of Y" is a cue of its own
            groups, _ = _groups_after(text, pos, e, many=False)
            if groups:
                found.relate(
                    found.org(groups[0], (s, e)), "splinter_of", ctx.subject, (s, e), _date_near(text, s, e, m.start())
                )


def _from_place_units(ctx: Context, found: _Relations) -> None:
    """ "the Belfast Brigade": a unit named after a city is a unit of the group the text is about."""
    text = ctx.text
    nouns = lexicon.alternation("relations", "unit_nouns")
    pattern = re.compile(rf"(?<![\w'’-])([A-Z][\w'’-]+)\s+(?i:{nouns})s?(?!\w)")
    for s, e, _block in ctx.sentences:
        for m in pattern.finditer(text, s, e):
            if not text[m.end(1) : m.end()].strip()[:1].isupper():
                continue  # the unit noun capitalised: "Brigade", not "brigade" (a description)
            place = m.group(1)
            cities = find_cities(place)
            if not cities or cities[0].end - cities[0].start != len(place) or country_code(place):
                continue
            group = _Group(m.start(), m.end())
            if _plausible(text[group.start : group.end]):
                found.relate(found.org(group, (s, e)), "subunit_of", ctx.subject, (s, e))


def _from_aligned(ctx: Context, found: _Relations) -> None:
    """ "X and other Y-aligned groups", "the Y-linked group X": X is Y's ally (or affiliate)."""
    text = ctx.text
    nouns = lexicon.alternation("names", "group_nouns")
    for rel_type, words in lexicon.load("relations")["aligned"].items():
        suffix = "|".join(re.escape(str(w)) for w in words)
        pattern = re.compile(rf"-(?:{suffix})\s+(?:[a-z]+\s+)?(?:{nouns})s?\b")
        for s, e, _block in ctx.sentences:
            for m in pattern.finditer(text, s, e):
                allies = [g for g in _names_in(text, s, m.start()) if g.end == m.start()]
                if not allies:
                    continue
                ally = allies[-1]
                other = re.search(r"\s+(?:and|en|et)\s+(?:other|andere|autres)\s+$", text[s : ally.start])
                if other:  # "X and other Y-aligned groups"
                    members = [g for g in _names_in(text, s, s + other.start()) if g.end <= s + other.start()]
                    member = members[-1] if members else None
                else:  # "the Y-linked group X"
                    after, _ = _groups_after(text, m.end(), e, many=False)
                    member = after[0] if after else None
                if member is not None:
                    quote = (s, e)
                    found.relate(found.org(member, quote), rel_type, found.org(ally, quote), quote)


def _from_fellow(ctx: Context, found: _Relations) -> None:
    """ "the X, a fellow leftist militant group": X is an ally of the group the text is about."""
    text = ctx.text
    nouns = lexicon.alternation("names", "group_nouns")
    fellow = lexicon.alternation("relations", "fellow")
    pattern = re.compile(rf",\s+(?:a|an|een|une?)\s+(?:{fellow})\s+(?:[\w'’-]+\s+){{0,3}}?(?:{nouns})\b", re.IGNORECASE)
    for s, e, _block in ctx.sentences:
        for m in pattern.finditer(text, s, e):
            named = [
                g
                for g in _names_in(text, s, m.start())
                if g.end == m.start() or g.acronym and g.acronym[1] + 1 == m.start()
            ]
            if named:
                quote = (s, e)
                found.relate(found.org(named[-1], quote), "ally", ctx.subject, quote)


def _from_unit_nouns(ctx: Context, found: _Relations) -> None:
    """ "de katiba (regiment) Al-Badr": a unit of the profiled group, or of the group named after it."""
    text = ctx.text
    nouns = re.compile(rf"(?<!\w)(?:{lexicon.alternation('relations', 'unit_nouns')})(?!\w)")  # lower case only
    for s, e, _block in ctx.sentences:
        for m in nouns.finditer(text, s, e):
            pos = m.end()
            paren = _PAREN.match(text, pos, e)
            pos = paren.end() if paren else pos
            link = re.match(r"\s+(?:of|van|de|du|d['’])\s*", text[pos:e])
            pos += link.end() if link else 0
            if not re.match(r"\s*(?:[A-Z]|(?:al|el)-)", text[pos:e]):
                continue
            units, _ = _groups_after(text, pos, e, many=False)
            if not units:
                continue
            unit = units[0]
            parent = ctx.subject
            # "Al-Badr in de Wilayat al-Janub": a unit's name is short; what follows
            # "in"/"of" is the larger group it belongs to (unless it is a place).
            within = re.search(r"\s+(?:in|of|van|within|binnen|de|du)\s+", text[unit.start : unit.end])
            if within:
                outer, _ = _groups_after(text, unit.start + within.end(), unit.end, many=False)
                unit = _Group(unit.start, unit.start + within.start())
                if outer and not country_code(text[outer[0].start : outer[0].end]):
                    parent = found.org(outer[0], (s, e)) or ctx.subject
            found.relate(found.org(unit, (s, e)), "subunit_of", parent, (s, e))


def _from_branch_names(ctx: Context, found: _Relations) -> None:
    """ "X in the Y Peninsula": a group named after another group and a place is that
    group's branch, when the page also names the other group on its own. Read of the
    group the page is about and of the groups it came from or became (what the page
    tells of their lineage), not of every group it lists. The quote is the sentence that
    gives the branch's name, which holds the parent's."""
    text = ctx.text
    lineage = {
        key
        for s in found.statements
        if s.prop == "relation" and s.qualifiers.get("type") in LINEAGE_TYPES
        for key in (s.subject, s.value)
    }
    names = {*ctx.subject_names}
    names.update(
        s.value
        for s in found.statements
        if s.prop == "name" and s.schema is Schema.ORGANIZATION and s.subject in lineage
    )
    for name in sorted(names):
        branch = _branch_pattern().fullmatch(name)
        if not branch:
            continue
        parent = branch.group("parent")
        if not _plausible(parent) or len(parent.split()) > 4:
            continue
        at = _standalone(text, parent)
        named = word_spans(text, name)
        if at is None or not named:
            continue
        quote = ctx.sentence_at(named[0][0])
        if quote[1] <= quote[0]:
            quote = named[0]
        key = ctx.subject if name in ctx.subject_names else found.org(_Group(*named[0]), quote)
        found.relate(key, "affiliate_of", found.org(_Group(at, at + len(parent)), quote), quote)


@lru_cache(maxsize=1)
def _branch_pattern() -> re.Pattern[str]:
    links = lexicon.alternation("relations", "branch_links")
    return re.compile(rf"(?P<parent>.+?)\s+(?:{links})\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})")


def _standalone(text: str, parent: str) -> int | None:
    """Where the text names `parent` as a name of its own: not in a branch's name, and not
    as the start of a longer name ("X of Jihad Organization")."""
    links = lexicon.alternation("relations", "branch_links")
    for start, end in word_spans(text, parent, glue_before="-", glue_after="-", any_case=True):
        if not re.match(rf"\s+(?:(?:{links})\s+)?[A-Z]", text[end : end + 40]):
            return start
    return None


# -- spellings ----------------------------------------------------------------------


def _spellings(ctx: Context, statements: list[Statement]) -> Iterator[Statement]:
    """Other spellings of a related group in the same document ("Jaish al-Adl", "Jaysh al-Adl").

    They let resolution join the group with documents that spell it one way only.
    """
    names = {(s.subject, s.value) for s in statements if s.prop == "name" and s.subject != ctx.subject}
    if not names:
        return
    wanted: dict[str, list[tuple[str, str]]] = {}
    for subject, name in names:
        skeleton = _skeleton(name)
        if len(skeleton) >= 3 and not is_acronym(name):
            wanted.setdefault(skeleton, []).append((subject, name))
    text = ctx.text
    seen: set[tuple[str, str]] = set()
    for group in _names_in(text, 0, len(text)):
        spelling = text[group.start : group.end]
        for subject, name in wanted.get(_skeleton(spelling), []):
            if spelling == name or fold_name(spelling) == fold_name(name) or (subject, spelling) in seen:
                continue
            seen.add((subject, spelling))
            qs, qe = ctx.sentence_at(group.start)
            if qe <= qs:
                qs, qe = group.start, group.end
            yield ctx.statement(subject, "alias", spelling, qs, qe, EXTRACTOR, kind="spelling")


def _skeleton(name: str) -> str:
    """The consonants of a name, in order, doubled ones once: what transliterations share."""
    letters = _NOT_A_LETTER.sub("", (ascii_text(name) or "").casefold())
    consonants = _VOWELS.sub("", letters)
    return _REPEATS.sub(r"\1", consonants)


# -- checks -------------------------------------------------------------------------


@lru_cache(maxsize=65536)  # pure, and asked again wherever a name recurs
def _plausible(name: str) -> bool:
    """Could `name` be a group's name: letters, not too long, no country, date or label."""
    name = name.strip()
    if not name or not _LETTER.search(name) or len(name.split()) > MAX_NAME_WORDS or len(name) > 120:
        return False
    earlier = lexicon.alternation("relations", "earlier")
    if not (name[0].isupper() or name[0].isdigit() or re.match(rf"(?:al|el)[- ]|(?:{earlier}) ", name)):
        return False
    if country_code(name) or lexicon.lookup("labels", name) or _demonym(name):
        return False
    words = name.split()
    if any(
        lexicon.lookup("labels", " ".join(words[i:j]))
        for i in range(len(words))
        for j in range(i + 1, min(i + 5, len(words)) + 1)
        if j - i >= 2 or i == 0
    ):
        return False  # "Subgroups State allies", "... Non-state opponents": infobox labels
    if _ADDRESS_OR_FILE.search(name):
        return False  # "Website x.org", a file name
    if len(words) == 1 and (lexicon.lookup("organizations", name) or lexicon.lookup("names", name) == "group_nouns"):
        return False  # "Group", "Front": a word, not a name
    dates = find_dates(name)
    return not (dates and sum(d.end - d.start for d in dates) >= len(name.replace(" ", "")) - 2)


def _is_country(name: str) -> bool:
    """A country, but not a two-letter code written for a group's acronym ("AQ", "BR", "SL")."""
    return bool(find_countries(name)) if re.fullmatch(r"[A-Z]{2}", name) else country_code(name) is not None


def _demonym(word: str) -> bool:
    if " " in word.strip() or not word[:1].isupper():
        return False
    if country_code(word):
        return True
    endings = lexicon.alternation("relations", "demonym_endings")
    return bool(re.fullmatch(rf"[A-Z][a-zà-ÿ]+(?:{endings})", word))
