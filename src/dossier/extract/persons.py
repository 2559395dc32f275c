"""Persons: who leads, founded, commands or belongs to the profiled group, their aliases and fates.

A person is found where structure or language says a person is named: a
Leaders or Founder field, the opening name of an item in a leaders section,
a role word before a name ("NLF commander X", "the leader of the RCF is X"), an
apposition or a copula after one ("X, a senior leader of the group,"; "X was
the group's leader"), "led by X", "founded in 1990 by X", "named X", a
sentence about "He" that gives a role, or a name with an Arabic nasab
("bin", "ould", "ag"). Capitalised words alone make no person, so hostages and
quoted officials do not turn into members of the group.

Every later mention of a person found this way (the full name, a spelling
with the same surname, the surname alone, "He" opening the next sentence)
then carries aliases ("X, alias Y") and fates ("Y was killed in 2013").

Only a claim about the profiled group makes someone its leader or founder:
"the leader of another group", "the emir of a katiba" (a unit: a commander),
"a senior leader" or "one of the leaders" (one of several) do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from normality import ascii_text

from dossier.extract.context import Context, slug
from dossier.model import DEATH_STATUSES, Block, BlockKind, Schema, Statement
from dossier.segment import section_key
from dossier.text import lexicon
from dossier.text.dates import find_dates, month_numbers, with_year
from dossier.text.names import (
    is_acronym,
    name_at,
    name_core,
    person_name_at,
    person_name_spans,
    split_list,
    word_spans,
)
from dossier.text.places import country_code, demonym_of_a_country

EXTRACTOR = "persons"

SUBJECT, UNIT, OTHER = "subject", "unit", "other"
_HEAD_ROLES = ("leader", "founder")


@dataclass
class _Claim:
    role: str  # a roles.yaml key, or "perpetrator"
    scope: str  # SUBJECT, UNIT, OTHER, or "" where the text does not say whose
    weak: bool  # one of several: "a leader of", "a senior leader", "leader for finance"
    quote: tuple[int, int]
    stated: bool = False  # a Leaders / Founder field or leaders-section item says so


@dataclass
class _Person:
    key: str
    names: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> quote; the first is the name
    folded: set[str] = field(default_factory=set)  # the names folded (`_fold`): written with them only
    kinds: dict[str, str] = field(default_factory=dict)  # alias name -> kind
    claims: list[_Claim] = field(default_factory=list)
    statuses: list[tuple[str, str | None, tuple[int, int]]] = field(default_factory=list)
    fate_words: list[tuple[str, int, int]] = field(default_factory=list)  # (status, where its word stands)
    born: list[tuple[str, tuple[int, int]]] = field(default_factory=list)


# -- lexicon patterns -----------------------------------------------------------


def _words(name: str, key: str) -> str:
    return lexicon.alternation(name, key)


@cache
def _re(name: str, key: str, *, anchored: str = "", flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Lexicon words of one key as a whole-word pattern; `anchored` "^" or "$" pins it."""
    body = rf"(?<!\w)(?:{_words(name, key)})(?!\w)"
    if anchored == "^":
        body = rf"^\s*{body}"
    elif anchored == "$":
        body = rf"{body}\s*$"
    return re.compile(body, flags)


@cache
def _words_at_end(key: str) -> re.Pattern[str]:
    """Words of one key of persons.yaml that end the text (read before every role word)."""
    return re.compile(rf"(?i)(?<!\w)(?:{_words('persons', key)})\s+$")


@cache
def _words_after_space(key: str) -> re.Pattern[str]:
    """Words of one key of persons.yaml after a space, and a space (read after every role word)."""
    return re.compile(rf"\s+(?:{_words('persons', key)})\s+", re.IGNORECASE)


@cache
def _person_markers() -> re.Pattern[str]:
    """ "bin", "ag" between a name's words: a person's name."""
    return re.compile(rf"\s(?:{_words('names', 'person_markers')})\s")


@lru_cache(maxsize=1)
def _roles() -> re.Pattern[str]:
    """Every role word (roles.yaml) and perpetrator word (persons.yaml), longest first."""
    words = sorted(
        {
            str(w)
            for name, keys in (("roles", None), ("persons", "perpetrator"), ("persons", "members"))
            for k, by_lang in lexicon.load(name).items()
            if keys is None or k == keys
            for group in by_lang.values()
            for w in group
        },
        key=len,
        reverse=True,
    )
    # A Dutch compound joins a group's name to a role: "BRB-leider", "Zilveren Front-commandant".
    # The hyphen is tested first: most places have none before them, and then no lookbehind of
    # the twelve lengths is tried.
    compound = "|".join(rf"(?<=(?<!\w)(?-i:[A-Z])\w{{{n}}}-)" for n in range(12))
    return re.compile(
        rf"(?:(?<![\w-])|(?<=-)(?:{compound}))(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])",
        re.IGNORECASE,
    )


def _role_key(word: str) -> str:
    key = lexicon.lookup("roles", word) or lexicon.lookup("persons", word) or "member"
    return "member" if key == "members" else key


@lru_cache(maxsize=1)
def _alias_after() -> re.Pattern[str]:
    """ ", alias Y", " (alias Y", ", who also uses the name "Y"" right after a name."""
    cue = _words("names", "person_alias")
    return re.compile(rf"\s*(?:,\s*|\(\s*)?(?:[a-z]+ly\s+)?(?:{cue})\s+(?:the\s+name\s+)?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _alias_before() -> re.Pattern[str]:
    """ "Y [pronunciation], known as X", "Y (widely known as X": the cue right before a name."""
    cue = _words("names", "person_alias")
    return re.compile(rf"\s*(?:\[[^\]]{{0,40}}\])?\s*(?:,|\()\s*(?:[a-z]+ly\s+)?(?:{cue})\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _born_after() -> re.Pattern[str]:
    born = _words("names", "born")
    return re.compile(rf"\s*\(\s*(?:(?:{born})\s*)?((?:1[89]|20)\d\d)\s*\)", re.IGNORECASE)


# A name in quotes, without the comma or full stop that English puts inside them ("Red,").
_QUOTED = re.compile(r"[\"“«‘']\s*([^\"”»’']{2,60}?)\s*[,.;:]?[\"”»’']")
_PARENTHESISED_QUOTE = re.compile(r"\s*\(\s*[\"“«]\s*([^\"”»)]{2,60}?)\s*[,.;:]?[\"”»]\s*\)")
_POSSESSIVE = re.compile(r"([\w’'-]+)['’]s?\s+$")
# Patterns of the functions below, compiled once (they run for every name and sentence).
_NON_SPACE = re.compile(r"\S+")
_VOWELS = re.compile(r"[aeiouy]")
_NON_WORDS = re.compile(r"\W+")
_PLURAL_S = re.compile(r"(?<=\w{4})s\b")
_LAST_WORD = re.compile(r"([\w’'-]+)\s+$")
_ASIDE = re.compile(r"\([^)]*\)")
_APPOSITION = re.compile(r",[^,]{1,80},")
_MARKS_ONLY = re.compile(r"[\s,|:;–\"”’'-]*")
_NEXT_CELL = re.compile(r"[\s,]*\|\s*(?:[a-zà-ÿ-]+\s+){0,3}")
_LOWER_WORD_AFTER = re.compile(r"\s+[a-z]{3,}\s*(?:[|,.;]|$)")


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    return _NON_WORDS.sub(" ", (ascii_text(text) or "").casefold()).strip()


# -- the reader -----------------------------------------------------------------


class _Reader:
    """The persons of one document, as they are found."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.persons: list[_Person] = []
        self.mentions: list[tuple[int, int, _Person]] = []
        self.subject_folded = [f for f in (_fold(n) for n in ctx.subject_names) if len(f) >= 2]
        # (person, item block) for every leaders-section item that opens with a name
        self.items: list[tuple[_Person, Block]] = []
        self.aliased: set[tuple[int, int]] = set()  # mentions whose surroundings were read for aliases
        # What `link` answered per name, while no person or name has been added since: a
        # document names its persons again and again.
        self._linked: dict[str, _Person | None] = {}

    # -- names ------------------------------------------------------------------

    def register(self, start: int, end: int, quote: tuple[int, int], *, single: bool = False) -> _Person | None:
        """The person named at text[start:end] (found or new), if it can be a person's name."""
        titled = start
        start, end = self._without_title(start, end)
        name = self.text[start:end]
        if not self._plausible(name, single=single):
            return None
        person = self.link(name)
        if person is None:
            person = _Person(self.ctx.key(Schema.PERSON, slug(name)))
            self.persons.append(person)
            self._linked.clear()
        self._add_name(person, name, quote, "variant")
        titled = _title_before(self.text, titled) if titled == start else titled
        if titled < start and _honorific(self.text[titled:start]):
            self._add_name(person, self.text[titled:end], quote, "variant")  # "Sheikh X": how sources call X
        self.mentions.append((start, end, person))
        return person

    def _add_name(self, person: _Person, name: str, quote: tuple[int, int], kind: str) -> None:
        if _fold(name) in person.folded:
            return
        person.kinds[name] = "surname" if len(name.split()) == 1 and person.names else kind
        person.names[name] = quote
        person.folded.add(_fold(name))
        self._linked.clear()

    def add_alias(self, person: _Person, name: str, quote: tuple[int, int]) -> None:
        """`name` is another name of `person`, as the text says: whoever was found under it is them."""
        other = self.link(name)
        if other is not None and other is not person:
            self.merge(person, other)
        self._add_name(person, name, quote, "alias")

    def merge(self, keep: _Person, gone: _Person) -> None:
        for name, quote in gone.names.items():
            self._add_name(keep, name, quote, gone.kinds.get(name, "variant"))
        keep.claims += gone.claims
        keep.statuses += gone.statuses
        keep.born += gone.born
        self.mentions = [(s, e, keep if p is gone else p) for s, e, p in self.mentions]
        self.items = [(keep if p is gone else p, b) for p, b in self.items]
        self.persons.remove(gone)
        self._linked.clear()

    def link(self, name: str) -> _Person | None:
        """The one person already found whom `name` can only mean, if there is one."""
        if name not in self._linked:
            self._linked[name] = self._link(name)
        return self._linked[name]

    def _link(self, name: str) -> _Person | None:
        folded = _fold(name)
        for p in self.persons:
            if folded in p.folded:
                return p
        found = None
        for p in self.persons:
            if any(_same_person(name, n) for n in p.names):
                if found is not None:
                    return None  # two can be meant
                found = p
        return found

    def _without_title(self, start: int, end: int) -> tuple[int, int]:
        start = self._past_description(start, end)
        # "le Péruvien Pablo Quispe", "Jordanian militant X": a demonym before a name is no part of it
        articles = f"{_words('persons', 'definite')}|{_words('persons', 'indefinite')}"
        opening = re.match(rf"(?i:{articles})\s+(?=[A-ZÀ-Þ][\w-]+\s+\S+\s+\S)", self.text[start:end])
        if opening and demonym_of_a_country(self.text[start + opening.end() :].split()[0]):
            start += opening.end()  # "Le Péruvien X Y" opening a sentence: the article is in the span
        first = re.match(r"([A-ZÀ-Þ][\w-]+)\s+", self.text[start:end])
        article = re.search(
            r"(?i)(?<!\w)(?:the|a|an|le|la|du|de|het|een|un|une|l['’])\s*$", self.text[max(0, start - 6) : start]
        )
        if first and article and demonym_of_a_country(first.group(1)) and len(self.text[start:end].split()) >= 3:
            start += first.end()
        title = _re("names", "person_titles", anchored="^").match(self.text[start:end])
        if (
            title
            and start + title.end() < end
            and person_name_at(self.text, _skip_space(self.text, start + title.end()))
        ):
            return _skip_space(self.text, start + title.end()), end
        return start, end

    def _past_description(self, start: int, end: int) -> int:
        """ "Specially Designated Global Terrorist X Y": capitalised words that end in a word for
        someone describe the person named after them."""
        words = list(_NON_SPACE.finditer(self.text[start:end]))
        for i in range(len(words) - 3, -1, -1):
            if _re("persons", "person_nouns").fullmatch(words[i].group()):
                return start + words[i + 1].start()
        return start

    def _plausible(self, name: str, *, single: bool, known: bool = False) -> bool:
        words = name.split()
        if not words or len(words) > 7 or (len(words) == 1 and not (single and len(name) >= 3)):
            return False
        # A name in capitals is a heading's or an acronym's, but for a full name ("OLAV LOWRYSON").
        shouting = name.isupper() and not (len(words) >= 2 and len(re.sub(r"\W", "", name)) >= 9)
        if is_acronym(name) or any(ch.isdigit() for ch in name) or shouting:
            return False
        if _re("names", "not_a_name_start", anchored="^", flags=0).match(name):
            return False
        if lexicon.lookup("labels", name) or country_code(name) or find_dates(name):
            return False
        if _re("organizations", "org_nouns", flags=0).fullmatch(words[-1]):
            return False  # "al-Sahil Front": a group's name ends in a word for a group
        if _re("persons", "group_heads_first", flags=0).fullmatch(words[0]):
            return False  # "Jabhat X", "Jaysh Y": the Arabic head word opens a group's name
        if any(_re("persons", "not_a_person_word", flags=0).fullmatch(w) for w in words):
            return False
        if len(words) == 1 and (
            re.fullmatch(r"[A-Z][a-z]+ists?|[A-Z][a-z]+istes?", name) or name.casefold() in month_numbers()
        ):
            return False  # "Islamist", "Maoist": an adjective opening a sentence; "December"
        for word in words:
            if lexicon.lookup("names", word) == "group_nouns" or _re("persons", "unit_nouns").fullmatch(word):
                return False
            if _roles().fullmatch(word):
                return False
        # The group's own name, or a piece of it ("Heron Brigades"), is no person's, unless it is
        # the surname of someone already named ("X" of "the X Network", a group named after him).
        folded = f" {_fold(name)} "
        return not any(f" {f} " in folded or (folded in f" {f} " and not known) for f in self.subject_folded)

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, _Person]]:
        return sorted(((s, e, p) for s, e, p in self.mentions if start <= s and e <= end), key=lambda m: m[:2])

    def find_mentions(self) -> None:
        """Every later mention of a person found: the same name, a spelling with the same
        surname ("Abou Karim", "Aboud Karim"), the surname alone ("Benyamar’s")."""
        taken = {(s, e) for s, e, _ in self.mentions}
        for start, end in person_name_spans(self.text):
            words = list(_NON_SPACE.finditer(self.text[start:end]))
            for w in words:  # the longest tail that names a known person
                s = start + w.start()
                name = self.text[s:end]
                if _re("names", "person_titles", anchored="^").match(name):
                    continue
                person = self.link(name)
                if person is None:
                    continue
                if (s, end) not in taken and not any(a <= s < b for a, b in taken):
                    taken.add((s, end))
                    self.mentions.append((s, end, person))
                    if self._plausible(name, single=True, known=True) and not is_acronym(name):
                        self._add_name(person, name, self.ctx.sentence_at(s), "variant")
                        titled = _title_before(self.text, s) if s == start else start
                        if titled < s and _honorific(self.text[titled:s]):
                            self._add_name(person, self.text[titled:end], self.ctx.sentence_at(s), "variant")
                break

    # -- what is said -------------------------------------------------------------

    def claim(
        self, person: _Person | None, role: str, scope: str, weak: bool, quote: tuple[int, int], stated: bool = False
    ) -> None:
        if person is not None:
            person.claims.append(_Claim(role, scope, weak, quote, stated))

    def about_subject(self, phrase: str) -> bool:
        """Does `phrase` name the profiled group: one of its names, its head noun alone ("the
        Brigades", "the Front"), or "the group"?"""
        folded = f" {_singular(_fold(phrase))} "
        if any(f" {_singular(f)} " in folded for f in self.subject_folded):
            return True
        heads = {_singular(f.split()[-1]) for f in self.subject_folded if " " in f and len(f.split()[-1]) >= 4}
        articles = _re("names", "group_articles", anchored="^")
        if _singular(_fold(articles.sub("", phrase))) in heads:
            return True
        return bool(
            _re("names", "group_nouns").search(phrase)
            and re.search(rf"(?i)(?<!\w)(?:{_words('names', 'group_articles')})\b", phrase)
        )

    def subject_named_at(self, pos: int, end: int) -> int | None:
        """Where a name of the profiled group ends that `pos` opens, past articles and a few
        lower-case words that say what it is ("de verzetsbeweging X", "la guérilla maoïste du X")."""
        names = [n.casefold() for n in self.ctx.subject_names if len(n) >= 3]
        for _ in range(5):
            pos = _skip_space(self.text, pos)
            head = self.text[pos : min(end, pos + 120)].casefold()
            lengths = [len(n) for n in names if head.startswith(n) and not re.match(r"\w", head[len(n) : len(n) + 1])]
            if lengths:
                return pos + max(lengths)
            word = re.match(r"[a-zà-ÿ][\w'’-]*\s+|(?i:l['’])", self.text[pos:end])
            if not word or _re("persons", "not_a_copula_tail").fullmatch(word.group().strip()):
                return None  # "leader of the talks with X": X is no one's group here
            pos += word.end()
        return None

    def whose(self, phrase: str) -> str:
        """SUBJECT, UNIT or OTHER: whose role "of PHRASE" is."""
        head = re.sub(r"^\s*(?:(?:" + _words("persons", "definite") + r")\s+)?", "", phrase, flags=re.IGNORECASE)
        first = head.split()[0] if head.split() else ""
        if self.about_subject(phrase) or _re("names", "group_nouns").fullmatch(first):
            return SUBJECT  # "the Brigades", "le fondateur du mouvement"
        if any(_re("persons", "unit_nouns").fullmatch(w) for w in head.split()[:3]):
            return UNIT  # "de katiba", "the Sahel battalion"
        if first[:1].isupper():
            return OTHER
        return ""


def _singular(folded: str) -> str:
    """Folded words without a plural -s ("black brigades" = "black brigade")."""
    return _PLURAL_S.sub("", folded)


def _title_before(text: str, start: int) -> int:
    """Where an honorific right before `start` begins ("le mollah X": the title in lower case
    is outside the name's span), or `start`."""
    before = re.search(r"(?<!\S)\S+\s+$", text[max(0, start - 12) : start])
    return start - len(before.group()) if before and _honorific(before.group()) else start


def _honorific(words: str) -> bool:
    """Are `words` one title that sources write as part of a name ("Sheikh", "Mullah")?"""
    m = _re("names", "name_honorifics", anchored="^").match(words)
    return bool(m and not words[m.end() :].strip())


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    return pos


@lru_cache(maxsize=65536)  # pure, and asked for every pair of names in a document
def _same_person(a: str, b: str) -> bool:
    """Can `a`, met later in a document, be another spelling of the person named `b`?

    Same surname (the last word that is no particle) and either `a` is the
    surname alone or the given names agree ("Abdelkader"/"Abdelkarim",
    "Abu"/"Abou"); or one name is the start of the other, three words or more.
    """
    wa, wb = a.split(), b.split()
    short, long = sorted((wa, wb), key=len)
    if len(short) >= 3 and [_fold(w) for w in long[: len(short)]] == [_fold(w) for w in short]:
        return True
    ca, cb = name_core(a), name_core(b)
    if not ca or not cb or not _same_surname(ca[-1], cb[-1]):
        return False
    if len(ca) == 1 and len(cb) >= 2:
        return True
    return _given_names_agree(_fold(wa[0]), _fold(wb[0])) if len(wa) > 1 and len(wb) > 1 else False


def _skeleton(word: str) -> str:
    """A word's consonants: transliterations differ mostly in their vowels ("Benyamer"/"Benyamar")."""
    return _VOWELS.sub("", word)


def _same_surname(a: str, b: str) -> bool:
    """Equal, or one vowel apart in a long name ("Benyamer"/"Benyamar", "Mahmoud"/"Mahmud"),
    or, in a longer one, one letter dropped inside it (a typo: "Manour" for "Mansour")."""
    if a == b:
        return len(a) >= 3
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if _skeleton(a) != _skeleton(b):
        return min(len(a), len(b)) >= 6 and len(a) != len(b) and _one_deletion(a, b, inside=True)
    return sum(x != y for x, y in zip(a, b, strict=False)) <= 1 if len(a) == len(b) else _one_deletion(a, b)


def _one_deletion(a: str, b: str, *, inside: bool = False) -> bool:
    """Is the shorter word the longer one less a letter (not its first or last, if `inside`)?"""
    short, long = sorted((a, b), key=len)
    where = range(1, len(long) - 1) if inside else range(len(long))
    return any(long[:i] + long[i + 1 :] == short for i in where)


def _given_names_agree(a: str, b: str) -> bool:
    return a[:3] == b[:3] or (_skeleton(a) == _skeleton(b) and bool(_skeleton(a)))


# -- extraction -------------------------------------------------------------------


def extract(ctx: Context) -> Iterator[Statement]:
    if not ctx.subject:
        return
    reader = _Reader(ctx)
    _structure(reader)
    for s, e, block in ctx.sentences:
        _prose_cues(reader, s, e, block)
        _named_twice(reader, s, e)
    _names_and_aliases(reader)
    for s, e, block in ctx.sentences:
        _roles_in(reader, s, e, block)
    _section_leaders(reader)
    _names_and_aliases(reader)
    for s, e, block in ctx.sentences:
        _fates(reader, s, e, block)
    ctx.persons = sorted((s, e, p.key) for s, e, p in reader.mentions if p.names)
    ctx.deaths = sorted(
        (ws, we, p.key) for p in reader.persons if p.names for st, ws, we in p.fate_words if st in DEATH_STATUSES
    )
    for person in reader.persons:
        yield from _statements(ctx, person)


def _structure(reader: _Reader) -> None:
    """Leaders and Founder fields, and the opening name of each leaders-section item."""
    ctx, text = reader.ctx, reader.text
    for key, role in (("leaders", "leader"), ("founder", "founder")):
        for block in ctx.fields(key):
            value = text[block.value_start : block.end]
            first_sentence = re.split(r"(?<=[a-z])\.\s", value, maxsplit=1)[0]
            quote = (block.start, block.end)
            for s, e in _field_items(text, first_sentence, block.value_start):
                footnote = re.search(r"\[[^\]\s]{0,6}\]", text[s:e])
                e = s + footnote.start() if footnote else e  # "X[16] Establishment": the item ends at its note
                span = person_name_at(text, _name_start_in_item(text, s, e))
                if span:
                    person = reader.register(*span, quote)
                    reader.claim(person, role, SUBJECT, False, quote, stated=True)
            # "Current leader who succeeded X": X led the group before.
            rest_start = block.value_start + len(first_sentence)
            for m in _re("persons", "predecessor").finditer(text, rest_start, block.end):
                span = person_name_at(text, _skip_space(text, m.end()))
                if span:
                    reader.claim(reader.register(*span, quote), role, SUBJECT, False, quote, stated=True)
    for block in ctx.blocks:
        if block.kind is BlockKind.LIST_ITEM and section_key(block) == "leaders":
            span = person_name_at(text, _skip_space(text, block.value_start))
            if span:
                person = reader.register(*span, ctx.sentence_at(span[0]))
                if person is not None:
                    reader.items.append((person, block))


def _field_items(text: str, value: str, offset: int) -> Iterator[tuple[int, int]]:
    """A field's items: split at commas, semicolons, lines and " - " (a flattened infobox list)."""
    for s, e in split_list(value, offset):
        pos = s
        for m in re.finditer(r"\s+[-–]\s+", text[s:e]):
            yield pos, s + m.start()
            pos = s + m.end()
        yield pos, e


def _name_start_in_item(text: str, s: int, e: int) -> int:
    """Where the name begins in "Deputy leader in Iraq Abu X", "Spokesman Abu Y", "Field commander Z":
    after the last role word, lower-case word or country before it."""
    start = s
    kunya = re.search(r"(?<!\w)(?:Abu|Abou|Abi|Umm|Ibn)\s+[A-Z]", text[s:e])
    if kunya and any(w[:1].islower() or _roles().fullmatch(w) for w in text[s : s + kunya.start()].split()):
        return s + kunya.start()  # "Field commander Abu X": the words before describe the post
    for m in _NON_SPACE.finditer(text[s:e]):
        if kunya and m.start() == kunya.start():
            return s + m.start()  # "Head of Military Shura Abu X": a kunya opens the name
        word = m.group(0)
        rest = text[s + m.end() : e]
        if not rest.strip() or not re.match(r"\s+[A-ZÀ-Þ]", rest):
            if word[:1].islower() or _roles().fullmatch(word) or country_code(word):
                continue
            break
        if (
            word[:1].islower()
            and not re.match(r"(?:al|el|ad|bin|ibn|ould|ag)[-‘’'ʼ]?", word)
            or _roles().fullmatch(word)
            or country_code(word)
        ):
            start = s + m.end()
    return _skip_space(text, start)


def _pronoun_aliases(reader: _Reader) -> None:
    """ "He is also known as Y": Y is another name of the person named just before."""
    text = reader.text
    pronoun, cue = _words("persons", "subject_pronoun"), _words("names", "person_alias")
    pattern = re.compile(rf"\s*(?:{pronoun})\s+(?:\w+\s+){{0,2}}?(?:{cue})\s+", re.IGNORECASE)
    for s, e, block in reader.ctx.sentences:
        m = pattern.match(text[s:e])
        if not m:
            continue
        quoted = _QUOTED.match(text, s + m.end())
        span = (quoted.start(1), quoted.end(1)) if quoted else person_name_at(text, s + m.end())
        if span is None or not (quoted or reader._plausible(text[span[0] : span[1]], single=False)):
            continue
        person = _antecedent(reader, s, block) or _field_person(reader, block)
        if person is not None:
            reader.add_alias(person, text[span[0] : span[1]], (s, e))
            if not quoted:
                reader.mentions.append((span[0], span[1], person))


def _field_person(reader: _Reader, block: Block) -> _Person | None:
    found = reader.mentions_in(block.start, block.end)
    return found[0][2] if block.kind is BlockKind.FIELD and found else None


def _named_twice(reader: _Reader, s: int, e: int) -> None:
    """ "X (widely known as Y)", "X, alias Y,": two names a person's alias ties together name
    one person, whose other name is a nom de guerre; groups are named so too, so both must
    read as a person's name."""
    text = reader.text
    for m in _named_twice_cue().finditer(text, s, e):
        before = [span for span in person_name_spans(text[s : m.start()]) if s + span[1] == m.start()]
        after = person_name_at(text, m.end())
        if not before or not after or after[1] > e:
            continue
        first = (s + before[-1][0], s + before[-1][1])
        names = [text[first[0] : first[1]], text[after[0] : after[1]]]
        if any(reader.about_subject(n) or not reader._plausible(n, single=True) for n in names):
            continue
        person = reader.register(*first, (s, e), single=len(names[0].split()) == 1)
        if person is not None:
            reader.add_alias(person, names[1], (s, e))
            reader.mentions.append((after[0], after[1], person))


@lru_cache(maxsize=1)
def _named_twice_cue() -> re.Pattern[str]:
    cue = _words("names", "person_alias")
    return re.compile(rf"\s*(?:,|\()\s*(?:[a-z]+ly\s+)?(?:{cue})\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _founded_by() -> re.Pattern[str]:
    verbs, agent = _words("persons", "founded_by"), _words("persons", "agent")
    return re.compile(rf"(?<!\w)(?:{verbs})\b[^.;:()]{{0,100}}?\b(?:{agent})\s+", re.IGNORECASE)


def _prose_cues(reader: _Reader, s: int, e: int, block: Block) -> None:
    """Persons that "led by", "founded by", "named", "succeeded" or a nasab introduce."""
    text, sentence = reader.text, reader.text[s:e]
    quote = (s, e)
    for m in _re("persons", "led_by").finditer(text, s, e):
        name_start = _skip_space(text, m.end())
        span = person_name_at(text, name_start)
        if span is None or _roles().match(text, name_start):
            continue  # "led by former battalion leader X": the role word says more
        scope = _scope_before(reader, text[s : m.start()])
        if not scope and not text[s : m.start()].strip() and _leads_the_subject(reader, span[1], e, verb_first=True):
            scope = SUBJECT  # "Under the leadership of X, the group grew"
        reader.claim(reader.register(*span, quote), "commander" if scope == UNIT else "leader", scope, False, quote)
    for m in _founded_by().finditer(sentence):
        scope = _scope_before(reader, sentence[: m.start()])
        # "founded in 1987 by A, B and C", "by Indonesian clerics A and B"
        founders = list(_listed_persons(text, _past_description(text, s + m.end(), e), e))
        for span in founders:  # one of several founders is no leader by that alone
            reader.claim(reader.register(*span, quote), "founder", scope, len(founders) > 1, quote)
    _founded_named(reader, s, e, quote)
    for key in ("predecessor", "successor"):
        for m in _re("persons", key).finditer(text, s, e):
            span = person_name_at(text, _skip_space(text, m.end()))
            if not span:
                continue
            person = reader.register(*span, quote)
            # "a new leader chosen to replace X": X led the group.
            if reader.about_subject(sentence) and _names_the_head_post(sentence):
                reader.claim(person, "leader", SUBJECT, False, quote)
                # "X died in 1999 and was succeeded by Y as its emir": X held the post before Y.
                first = person_name_at(text, _skip_space(text, s)) if key == "successor" else None
                if first and first[1] < m.start():
                    reader.claim(reader.register(*first, quote, single=True), "leader", SUBJECT, False, quote)
                # "Y succeeded X as the head of the group": Y holds the post after X.
                after = _named_before(reader, s, m.start(), quote) if key == "predecessor" else None
                if after is not None and after is not person:
                    reader.claim(after, "leader", SUBJECT, False, quote)
    _successor_around(reader, s, e, quote)
    _separable_succession(reader, s, e, quote)
    for m in _re("persons", "named").finditer(text, s, e):
        span = person_name_at(text, _skip_space(text, m.end()))
        if span and _describes_someone(reader, s, e, block):
            reader.register(*span, quote)
    for m in _re("persons", "took_lead").finditer(text, s, e):
        # "X assumed leadership", "X a pris la tête du mouvement": X led the group from then
        person = _named_before(reader, s, m.start(), quote)
        if person is not None:
            reader.claim(person, "leader", _scope_before(reader, text[m.end() : e]) or SUBJECT, False, quote)
    for m in _re("persons", "leads").finditer(text, s, e):
        # "X leads the group (since 2010)": the group must follow the verb, or it is some act X led.
        if _leads_the_subject(reader, m.end(), e):
            person = _named_before(reader, s, m.start(), quote)
            if person is not None:
                reader.claim(person, "leader", SUBJECT, False, quote)
    _group_person_nouns(reader, s, e, quote)
    _role_lists(reader, s, e, quote)
    spans = person_name_spans(sentence)
    for start, end in spans:
        name = sentence[start:end]
        if _person_markers().search(name):  # "Karim bin Tahir", "Musa ag Ibrahim"
            reader.register(s + start, s + end, quote)
    for start, end in _aged_names(sentence, spans):
        reader.register(s + start, s + end, quote)


def _names_the_head_post(words: str) -> bool:
    """A leader's role word, or the post without one ("à la tête du mouvement")."""
    return any(_role_key(r.group()) == "leader" for r in _roles().finditer(words)) or bool(
        _re("persons", "head_post").search(words)
    )


def _separable_succession(reader: _Reader, s: int, e: int, quote: tuple[int, int]) -> None:
    """The Dutch separable "volgde … op" around the predecessor, with the head post in the
    sentence: "In 2016 volgde A B op als leider" (the verb first, then the successor and the
    one succeeded) and "A volgde in 2016 B op als leider" (the successor before the verb)."""
    text = reader.text
    sentence = text[s:e]
    if not (reader.about_subject(sentence) and _names_the_head_post(sentence)):
        return
    for pattern in lexicon.gapped_patterns("persons", "predecessor_around"):
        m = pattern.search(text, s, e)
        if not m:
            continue
        gap = m.end("first")
        # Full names only: a capitalised first word of the sentence ("In") is none, and two
        # names side by side read as one ("volgde A B op") cannot be told apart.
        inside = [
            (gap + a, gap + b) for a, b in person_name_spans(text[gap : m.end()]) if _full_name(text[gap + a : gap + b])
        ]
        before = [(s + a, s + b) for a, b in person_name_spans(text[s : m.start()]) if _full_name(text[s + a : s + b])]
        if len(inside) == 2:
            successor, predecessor = inside
        elif len(inside) == 1 and before:
            successor, predecessor = before[-1], inside[0]
        else:
            continue
        for span in (successor, predecessor):
            reader.claim(reader.register(*span, quote), "leader", SUBJECT, False, quote)


def _full_name(name: str) -> bool:
    return 2 <= len(name.split()) <= 3


def _successor_around(reader: _Reader, s: int, e: int, quote: tuple[int, int]) -> None:
    """ "X was succeeded at the head of the group by Y", "X est suivi à la tête du mouvement
    par Y", "X werd als leider opgevolgd door Y": Y led the group after X, and X before."""
    text = reader.text
    if not reader.about_subject(text[s:e]):
        return
    for pattern in lexicon.gapped_patterns("persons", "successor_around"):
        for m in pattern.finditer(text, s, e):
            inside = text[m.end("first") : m.end()]
            if not _names_the_head_post(inside):
                continue  # "followed in May by a bombing": no post between the words
            span = person_name_at(text, _skip_space(text, m.end()))
            if not span:
                continue
            reader.claim(reader.register(*span, quote), "leader", SUBJECT, False, quote)
            first = person_name_at(text, _skip_space(text, s))
            if first and first[1] < m.start():
                reader.claim(reader.register(*first, quote), "leader", SUBJECT, False, quote)


def _leads_the_subject(reader: _Reader, pos: int, e: int, verb_first: bool = False) -> bool:
    """Does the profiled group open the words at `pos`: its name or "the group", maybe after
    a date ("leidt sinds 2010 de BRB") or, with `verb_first`, a verb ("groeide de BRB")?
    A group further on is what the act concerns ("led the attack on the PRM camp")."""
    text = reader.text
    date = next((d for d in find_dates(text[pos : min(e, pos + 40)]) if d.start <= 8), None)
    if date is not None:
        pos += date.end
    if _group_opens(reader, pos, e):
        return True
    verb = re.match(r"\s*[a-zà-ÿ]+(?=\s)", text[pos:e]) if verb_first else None
    return verb is not None and _group_opens(reader, pos + verb.end(), e)


def _group_opens(reader: _Reader, pos: int, e: int) -> bool:
    """Do the words at `pos` open with the profiled group's name, or a group noun ("de groep")?"""
    words = _group_opening().match(reader.text, pos, e)
    if words is None:
        return False
    if _re("names", "group_nouns").fullmatch(words.group("head")):
        return True
    head = reader.text[words.start("head") : e]
    folded = head.casefold()
    # A name of two letters is an acronym, compared in its case ("IS" is not "is").
    return any(
        (folded.startswith(name.casefold()) if len(name) >= 3 else head.startswith(name))
        and not head[len(name) : len(name) + 1].isalnum()
        for name in reader.ctx.subject_names
        if len(name) >= 2
    )


@lru_cache(maxsize=1)
def _group_opening() -> re.Pattern[str]:
    """An article (or none) and the next word, the group noun or name that may follow."""
    return re.compile(rf"[\s,]*(?:(?:{_words('persons', 'definite')})\s+)?(?P<head>[\w’'-]+)", re.IGNORECASE)


# A person's age after a name, as news reports in every language give it: "(34)". (Not
# ", 34,": a journal's title and volume read so too.)
_AGE_AFTER = re.compile(r"\s*\((1[4-9]|[2-9]\d)\)")


def _aged_names(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names of two words or more, each followed by an age, where a sentence lists two or more
    ("X Y (41) en Z W (29)"): one name and number in brackets may be a place's or a count's."""
    aged = [
        (a, b)
        for a, b in spans
        if _AGE_AFTER.match(sentence, b)
        and len(sentence[a:b].split()) >= 2
        and not any(country_code(w) or demonym_of_a_country(w) for w in (sentence[a:b], *sentence[a:b].split()))
    ]
    return aged if len(aged) >= 2 else []


@lru_cache(maxsize=1)
def _founded_pattern() -> re.Pattern[str]:
    verbs = "|".join(
        re.escape(w).replace(r"\ …\ ", r"\s+(?:\S+\s+){0,3}?").replace(r"\ ", r"\s+")
        for w in sorted(
            {str(w) for ws in lexicon.load("persons")["founded_active"].values() for w in ws}, key=len, reverse=True
        )
    )
    articles = f"{_words('persons', 'definite')}|{_words('persons', 'indefinite')}"
    described = rf"(?:(?:{articles})\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_words('persons', 'called')})\s+)?"
    return re.compile(rf"(?<!\w)(?:{verbs})\s+{described}")


def _founded_named(reader: _Reader, s: int, e: int, quote: tuple[int, int]) -> None:
    """ "X organized a terrorist group called NAME", "X forms NAME": X founded the profiled group."""
    text = reader.text
    for m in _founded_pattern().finditer(text[s:e]):
        if reader.subject_named_at(s + m.end(), e) is None:
            continue
        founder = _named_before(reader, s, s + m.start(), quote)
        if founder is not None:
            reader.claim(founder, "founder", SUBJECT, False, quote)
    for pattern in _founded_around():
        for m in pattern.finditer(text[s:e]):
            # "X richtte de groep in 1994 op": the group stands inside the separable verb
            inside = m.group("inside")
            if not (reader.about_subject(inside) or _re("names", "group_nouns").search(inside)):
                continue
            founder = _named_before(reader, s, s + m.start(), quote)
            if founder is not None:
                reader.claim(founder, "founder", SUBJECT, False, quote)


@lru_cache(maxsize=1)
def _founded_around() -> tuple[re.Pattern[str], ...]:
    """The founding verbs written with "…" (persons.yaml `founded_active`), their inside captured."""
    verbs = [
        str(w).split("…") for ws in lexicon.load("persons")["founded_active"].values() for w in ws if "…" in str(w)
    ]
    return tuple(
        re.compile(rf"(?<!\w){re.escape(a.strip())}\s+(?P<inside>(?:\S+\s+){{1,6}}?){re.escape(b.strip())}(?!\w)", re.I)
        for a, b in verbs
    )


def _listed_persons(text: str, pos: int, end: int) -> Iterator[tuple[int, int]]:
    """The names one after another from `pos`: "A, B and C", "A, alias "X," and B"."""
    while pos < end:
        while pos < end and text[pos] in "‘’'\"“":
            pos += 1  # "‘Abd al-Aziz X"
        span = person_name_at(text, pos)
        if span is None:
            return
        yield span
        rest = text[span[1] : end]
        alias = re.match(
            rf"\s*(?:,\s*)?(?:\(|(?:{_words('names', 'person_alias')})\s+)[^,;()]{{0,40}}\)?[\"”’']*", rest
        )
        if alias and re.search(rf"(?i)^\s*,?\s*\(?(?:{_words('names', 'person_alias')})", rest):
            rest_start = span[1] + alias.end()
        else:
            rest_start = span[1]
        joint = re.match(r"[\"”’'\s]*(?:,[\"”’'\s]*(?:(?:and|en|et)\s+)?|\s+(?:and|en|et)\s+)", text[rest_start:end])
        # "by A, a cleric from the north, head of a school, and B": past A's description to B
        described = re.match(r",\s*(?=[a-zà-ÿ])[^;()\n]{3,120}?,\s*(?:and|en|et)\s+", text[rest_start:end])
        if described and person_name_at(text, rest_start + described.end()):
            joint = described
        if not joint:
            return
        pos = rest_start + joint.end()


def _past_description(text: str, pos: int, end: int) -> int:
    """Past lower-case words before a name ("by Indonesian clerics X", "by the cleric X")."""
    m = re.match(
        r"(?:(?:the|de|le|la|les|het)\s+)?(?:[A-Z][a-z]+(?:an|ese|ian|ais|aise|se)\s+)?(?:[a-zà-ÿ-]+\s+){0,2}(?=[A-Z])",
        text[pos:end],
    )
    if m and m.end() and person_name_at(text, pos + m.end()):
        return pos + m.end()
    return pos


@lru_cache(maxsize=1)
def _group_noun_pattern() -> re.Pattern[str]:
    """ "<group> man X", "<group> fugitives X and Y", "<group> commanders: X": a person noun after a group's name."""
    nouns = _words("persons", "person_nouns") + "|" + _words("persons", "members") + "|" + _roles().pattern
    return re.compile(rf"\s+(?:{nouns})s?\s*:?\s+(?=[‘’'\"“]?[A-Z])", re.IGNORECASE)


def _group_person_nouns(reader: _Reader, s: int, e: int, quote: tuple[int, int]) -> None:
    text = reader.text
    for name in reader.ctx.subject_names:
        if len(name) < 2:
            continue
        for _start, end in word_spans(text[s:e], name, glue_before="-"):
            after = _group_noun_pattern().match(text, s + end, e)
            if not after:
                continue
            role = _role_key(text[s + end : after.end()].strip(" :s").split()[-1])
            for span in _listed_persons(text, after.end(), e):
                reader.claim(
                    reader.register(*span, quote), role if role != "leader" else "member", SUBJECT, True, quote
                )


@lru_cache(maxsize=1)
def _role_list_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """For `_role_lists`: a plural role and a list; "members ..., including"; "who led"."""
    copula = _words("persons", "copula")
    plural = _plural_source()
    listed = re.compile(
        rf"(?i)(?<!\w){plural}(?:\s+[\w'’-]+){{0,2}}\s+(?:of|van|de|du|des|d['’])\s+([^,.;:]{{2,60}}?)\s+(?:{copula}|:)\s+(?=[‘’'\"“]?[A-Z])"
    )
    including = re.compile(
        rf"(?i)(?<!\w){plural}(?:\s+[\w'’-]+){{0,2}}\s+(?:{_words('persons', 'of')})\s+([^,.;:]{{2,60}}?)\s*,?\s+"
        rf"(?:{_words('persons', 'including')})\s+(?=[‘’'\"“]?[A-Z])"
    )
    led = re.compile(
        rf"(?i),?\s*(?:{_words('persons', 'relative')})\s+(?:{_words('persons', 'led_verb')})\s+([^,.;:]{{2,80}})"
    )
    return listed, including, led


def _plural_source() -> str:
    return rf"(?:{_roles().pattern}|{_words('persons', 'members')})s?"


@lru_cache(maxsize=1)
def _plural_role() -> re.Pattern[str]:
    """How `_role_lists`' first two patterns open: where none does, neither is tried at each place."""
    return re.compile(rf"(?i)(?<!\w){_plural_source()}\s")


def _role_lists(reader: _Reader, s: int, e: int, quote: tuple[int, int]) -> None:
    """ "The seven founding members of the group are A, B, ... and G", "les membres fondateurs
    du X sont A, B et C": a plural role, the group's, and a list."""
    text = reader.text
    pattern, including, led = _role_list_patterns()
    opening = _plural_role().search(text, s, e)
    first = opening.start() if opening else e  # no match of either starts before it
    for m in pattern.finditer(text, first, e):
        if reader.whose(m.group(1)) != SUBJECT:
            continue
        names = list(_listed_persons(text, m.end(), e))
        if len(names) >= 2:
            for span in names:
                reader.claim(reader.register(*span, quote), "member", SUBJECT, True, quote)
    _among(reader, s, e, quote)
    # "prominent members of the group, including A and B": some of its members, named.
    for m in including.finditer(text, first, e):
        if reader.whose(m.group(1)) == SUBJECT:
            for span in _listed_persons(text, m.end(), e):
                reader.claim(reader.register(*span, quote), "member", SUBJECT, True, quote)
    # "X, alias Y, who led the southern branch of the group": X led it.
    for m in led.finditer(text, s, e):
        if reader.about_subject(m.group(1)):
            reader.claim(_named_before(reader, s, m.start(), quote), "leader", SUBJECT, False, quote)


_OWNER = re.compile(r"([\w’'-]+)['’]s?\s")


@lru_cache(maxsize=1)
def _among_pattern() -> re.Pattern[str]:
    """ "Among the group's first members was", "Parmi les fondateurs du mouvement figure aussi":
    the owner of the plural role (group 1, up to the verb) and the plural role (group 2)."""
    owner = rf"(?:{_words('persons', 'definite')}|les|{_words('persons', 'possessive_subject')})"
    return re.compile(
        rf"(?i)\W*(?:{_words('persons', 'among')})\s+((?:{owner}\s+)?(?:[\w'’-]+\s+){{0,3}}?"
        rf"((?:{lexicon.alternation('roles')}|{_words('persons', 'members')})s?)(?:\s+[^,.;:]{{2,60}}?)?)\s*,?\s+(?:{_words('persons', 'among_verbs')})"
        rf"(?:\s+(?:{_words('persons', 'among_adverbs')}))?\s+(?:d['’](?=[A-ZÀ-Þ]))?(?=[‘’'\"“]?[A-ZÀ-Þ])"
    )


def _among(reader: _Reader, s: int, e: int, quote: tuple[int, int]) -> None:
    """ "Among its founders were A and B", "Parmi les membres du mouvement se trouve d'A",
    "Tot de leden van de groep behoorde A": the names after the verb hold the plural role."""
    text = reader.text
    m = _among_pattern().match(text, s, e)
    if m is None:
        return
    phrase = m.group(1)
    role_end = m.end(2) - m.start(1)
    possessive = re.match(rf"(?i)(?:{_words('persons', 'possessive_subject')})\s", phrase)
    owner = phrase[role_end:].strip()
    owned = _OWNER.search(phrase[: m.start(2) - m.start(1)])  # "the group's first members"
    if not (
        possessive
        or (owner and reader.whose(re.sub(rf"(?i)^(?:{_words('persons', 'of')})\s*", "", owner)) == SUBJECT)
        or (not owner and owned and reader.about_subject(owned.group(1)))
    ):
        return  # "Among the victims were", "among the members of parliament": not the group's
    plural = m.group(2)
    role = _role_key(plural if lexicon.lookup("roles", plural) else re.sub(r"s$", "", plural))
    role = role if role == "founder" else "member"  # one of several leaders is a member here
    for span in _listed_persons(text, m.end(), e):
        reader.claim(reader.register(*span, quote), role, SUBJECT, True, quote)


def _describes_someone(reader: _Reader, s: int, e: int, block: Block) -> bool:
    """Does this sentence or the one before it in its block speak of someone ("a senior jihadist")?"""
    nouns = _re("persons", "person_nouns")
    before = [span for span in reader.ctx.sentences_of(block) if span[1] <= s]
    window = reader.text[before[-1][0] : e] if before else reader.text[s:e]
    return bool(nouns.search(window) or _roles().search(window))


def _scope_before(reader: _Reader, clause: str) -> str:
    """Whose leader "led by" / "founded by" names: what the clause before it is about."""
    clause = re.split(r"[;:]", clause)[-1]
    lead = len(clause) - len(clause.lstrip())
    dates = [(d.start, d.end) for d in find_dates(clause)]
    names = [
        (a, b)
        for a, b in person_name_spans(clause)
        if not (a == lead and " " not in clause[a:b])  # a capitalised first word
        and not any(ds <= a < de for ds, de in dates)
    ]
    units = _words("persons", "unit_nouns")
    if names:
        a, b = names[-1]
        if reader.about_subject(clause[a:b]):
            return SUBJECT
        return UNIT if re.search(rf"(?i)(?<!\w)(?:{units})\s+$", clause[:a]) else OTHER
    if re.search(rf"(?i)(?<!\w)(?:{units})(?!\w)", clause):
        return UNIT
    if reader.about_subject(clause) or reader.ctx.about_subject(clause.strip()):
        return SUBJECT
    return ""


# -- roles ------------------------------------------------------------------------


def _roles_in(reader: _Reader, s: int, e: int, block: Block) -> None:
    """Role words in one sentence, each tied to the person it describes and to whose role it is."""
    text = reader.text
    # (end, weak, scope, person) of the role word before
    previous: tuple[int, bool, str, _Person | None] | None = None
    for m in _roles().finditer(text, s, e):
        if _after_group_noun().search(text, max(s, m.start() - 30), m.start()):
            continue  # "le groupe jihadiste X": the word describes a group, not a person
        role = _role_key(m.group())
        phrase_start, weak, scope = _before_role(reader, s, m.start())
        paired = previous if previous and re.fullmatch(r"\s+(?:and|en|et)\s+", text[previous[0] : m.start()]) else None
        if paired:
            weak, scope = paired[1], paired[2] or scope  # "a senior leader and founder"
        tail_end, tail_scope, tail_weak = _after_role(reader, m.end(), e)
        scope = tail_scope or scope
        weak = weak or tail_weak
        if scope == UNIT and role == "leader":
            role = "commander"
        person = _named_after(reader, m.start(), m.end(), tail_end, e, (s, e))
        person = person or (paired[3] if paired else None) or _named_before(reader, s, phrase_start, (s, e))
        if person is None:
            person = _pronoun_subject(reader, s, phrase_start, block)
        reader.claim(person, role, scope, weak, (s, e))
        previous = (m.end(), weak, scope, person)


@lru_cache(maxsize=1)
def _after_group_noun() -> re.Pattern[str]:
    """A group noun and a space ending the text: what follows it qualifies the group."""
    return re.compile(rf"(?<!\w)(?:{_words('names', 'group_nouns')})\s+$", re.IGNORECASE)


def _before_role(reader: _Reader, s: int, start: int) -> tuple[int, bool, str]:
    """(where the role phrase starts, one of several?, whose) from the words before a role word.

    "a leader", "one of the leaders", "the most radical leader", "the Tuareg leader"
    are one of several; "the (first, current, former) leader", "the NLF's leader",
    "NLF leader" are not.
    """
    text = reader.text
    pos, scope, adjectives, role_at = start, "", 0, start
    modifiers = _re("persons", "leader_modifiers")
    joined = re.search(r"(?<!\w)([A-Z][\w’']*)-$", text[s:start])
    if joined:  # "BRB-leider": the compound's first part says whose
        if not reader.about_subject(joined.group(1)):
            return start, False, OTHER
        pos = start = s + joined.start()
        scope = SUBJECT
    for _ in range(4):
        before = text[s:pos]
        for key, weak_if_found in (("indefinite", True), ("definite", False)):
            m = _words_at_end(key).search(before)
            if m:
                relative = _words_at_end("whose").search(before[: m.start()])
                if relative and not scope:  # "les faucons, dont le chef": the leader of what comes before
                    scope = _scope_before(reader, before[: relative.start()])
                return s + m.start(), weak_if_found or adjectives > 0, scope
        possessive = _POSSESSIVE.search(before)
        if possessive:
            owner = possessive.group(1)
            mine = reader.about_subject(owner) or _re("names", "group_nouns").fullmatch(owner)
            article = _words_at_end("definite").search(before[: possessive.start()])
            phrase_start = s + (article.start() if article else possessive.start())  # "the group's leader"
            return phrase_start, adjectives > 0, scope or (SUBJECT if mine else OTHER)
        for key, whose in (("possessive_subject", SUBJECT), ("possessive_other", OTHER)):
            m = _words_at_end(key).search(before)
            if m:
                return s + m.start(), adjectives > 0, scope or whose
        word = _LAST_WORD.search(before)
        if not word:
            break
        token = word.group(1)
        if modifiers.fullmatch(token):
            pass
        elif token[:1].isupper() and (
            reader.about_subject(token) or (scope == SUBJECT and reader.about_subject(text[s + word.start() : role_at]))
        ):
            scope = scope or SUBJECT  # "NLF commander X", "former NLF battalion leader X", "Red Hand leader X"
            start = s + word.start()
        else:
            adjectives += 1
        pos = s + word.start()
    # Without an article the words before say nothing of one or several ("Salafi movement leader").
    return start, bool(scope) and adjectives > 0, scope


def _after_role(reader: _Reader, pos: int, e: int) -> tuple[int, str, bool]:
    """(end of the role phrase, whose, one of several?) from "of X", "within X", "for X" after a role word."""
    text = reader.text
    rest = text[pos:e]
    compound = _LOWER_WORD_AFTER.match(rest)
    if compound and not re.match(r"\s+(?:" + _words("persons", "copula") + r")\b", rest, re.IGNORECASE):
        return pos, "", True  # "chief negotiator": another role
    for key in ("of", "within", "purpose"):
        m = _words_after_space(key).match(rest)
        if not m:
            continue
        end = _org_phrase_end(text, pos + m.end(), e)
        named_end = reader.subject_named_at(pos + m.end(), e)
        if named_end is not None:
            end = max(end, named_end)  # "fondateur du Sentier doré": a name in lower case after its first word
        phrase = text[pos + m.end() : end]
        whose = SUBJECT if named_end is not None else reader.whose(phrase)
        if key == "purpose" and not (phrase[:1].isupper() or whose):
            return end, "", True  # "leader for financing"
        if key == "within":
            if whose == SUBJECT:
                return end, SUBJECT, True  # "the most extreme leader within the group"
            # "commander in the south, X", "leader in the 1980s": whose it is stays unsaid,
            # and a name may follow the phrase.
            return end, "", False
        return end, whose, False
    return pos, "", False


def _org_phrase_end(text: str, pos: int, e: int) -> int:
    """Where "the terror group", "de katiba", "Front voor de Bevrijding van het Zuiden" after "of" ends."""
    articles = rf"(?:(?:{_words('persons', 'definite')}|{_words('persons', 'indefinite')})\s+)*"
    m = re.match(articles, text[pos:e], re.IGNORECASE)
    start = pos + (m.end() if m else 0)
    span = name_at(text, start) if text[start : start + 1].isupper() else None
    if span and demonym_of_a_country(text[span[0] : span[1]]):
        # "de leider van de Keniaanse valken": a demonym before a group written in lower case
        tail = re.match(r"\s+[a-zà-ÿ'’-]{3,}", text[span[1] : e])
        return span[1] + tail.end() if tail else span[1]
    if span:
        unit = re.match(rf"\s+(?:{_words('persons', 'unit_nouns')})(?!\w)", text[span[1] : e], re.IGNORECASE)
        return span[1] + (unit.end() if unit else 0)  # "the Sahel battalion"
    # "the leader of the group is X": the phrase's words end before a copula.
    words = _lower_case_phrase().match(text, start, e)
    return words.end() if words else start


@lru_cache(maxsize=1)
def _lower_case_phrase() -> re.Pattern[str]:
    """Up to three lower-case words, none of them a copula's first word."""
    copula = rf"(?!(?i:{_words('persons', 'copula')})(?!\w))"
    return re.compile(rf"{copula}[a-zà-ÿ'’-]+(?:\s+{copula}[a-zà-ÿ'’-]+){{0,2}}")


def _named_after(
    reader: _Reader, role_start: int, role_end: int, tail_end: int, e: int, quote: tuple[int, int]
) -> _Person | None:
    """ "commander X", "the leader of the RCF is X", "a leader of the group, named X", "the attacker; X"."""
    text = reader.text
    pos = tail_end
    paren = re.match(r"\s*\([^)]{0,60}\)", text[pos:e])
    if paren:
        pos += paren.end()
    # "son chef historique et spirituel est X": adjectives of the role before the copula
    described = _role_adjectives().match(text, pos, e)
    if described:
        pos = described.end()
    gap = re.match(
        rf"\s*([,;:]?)\s*((?:{_words('persons', 'copula')}|{_words('persons', 'named')})\s+)?",
        text[pos:e],
        re.IGNORECASE,
    )
    if gap is None or (tail_end > role_end and not (gap.group(1) or gap.group(2))):
        return None  # "emir of the katiba Umar ibn-Salim": the unit's name, no person's
    start = pos + gap.end()
    if gap.group(1) or gap.group(2):  # "le chef, le mollah X", "le chef est le cheikh X": an
        # article and a title before the name, or what the person is ("its leader, radical
        # cleric X"), and maybe a bullet ("► X")
        lead = re.match(
            rf"(?:(?:{_words('persons', 'definite')})\s+)?(?:(?-i:[a-zà-ÿ][\w-]*\s+)?(?:{_words('persons', 'descriptors')})"
            rf"\s+)?(?:(?:{_words('names', 'person_titles')})\s+)?(?:[►•▸→]\s*)?(?=[A-ZÀ-Þ])",
            text[start:e],
            re.IGNORECASE,
        )
        start += lead.end() if lead else 0
    span = person_name_at(text, start)
    if not span:
        return None
    # "commander Selim": one word will do right after a role word in running text (not "Militant X").
    adjacent = start == _skip_space(text, role_end) and tail_end == role_end and text[role_start].islower()
    return reader.register(*span, quote, single=adjacent)


@lru_cache(maxsize=1)
def _role_adjectives() -> re.Pattern[str]:
    """One or two lower-case words after a role word, maybe joined by "and", then a copula."""
    copula = _words("persons", "copula")
    return re.compile(rf"(?:\s+[a-zà-ÿ]{{3,}}){{1,2}}(?:\s+(?:and|en|et)\s+[a-zà-ÿ]{{3,}})?(?=\s+(?i:{copula})\s)")


def _named_before(reader: _Reader, s: int, phrase_start: int, quote: tuple[int, int]) -> _Person | None:
    """ "X, the group's leader", "X was de eerste leider van", "X, who served as a senior leader of"."""
    text = reader.text
    region = text[s:phrase_start]
    bracketed = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", region)]
    for a, b in reversed(person_name_spans(region)):
        if any(ps <= a < pe for ps, pe in bracketed):
            continue  # "X (real name Y), spokesman": the role is X's
        a, b = s + a, s + b
        if not _joins(text[b:phrase_start]):
            return None
        known = [p for ms, me, p in reader.mentions if ms == a and me == b]
        if known:
            return known[0]
        name = text[a:b]
        person = reader.link(name) if " " not in name else None  # "Le mollah X avait pris la tête"
        if person is None and not (a == s and " " not in name):
            # "Tariqan, its operational chief": one word will do in an apposition
            person = reader.register(a, b, quote, single=bool(re.fullmatch(r"\s*,\s*", text[b:phrase_start])))
        if person is not None:
            return person
    return None


def _joins(between: str) -> bool:
    """Does the text between a name and a role phrase tie the two: an apposition or a copula?"""
    between = _ASIDE.sub(" ", between)
    between = re.sub(rf"(?i),\s*(?:{_words('names', 'person_alias')})\s+[^,]+,", ",", between)
    between = _APPOSITION.sub(",", between)  # one apposition: ", voormalig commandant voor de FBZ,"
    if _MARKS_ONLY.fullmatch(between) or _NEXT_CELL.fullmatch(between):
        return True  # an apposition, or the next cell of a table row: "| X | eastern commander |"
    relative = _words("persons", "relative")
    # "X was (until recently) the leader", "X, who served as", "X, the man police describe as"
    for key, words_before in (("copula", "??"), ("described_as", "{0,4}?")):
        tied = re.fullmatch(
            rf"\s*,?\s*(?:(?:{relative})\s+)?(?:[a-zà-ÿ]+\s+){words_before}(?:{_words('persons', key)})"
            rf"((?:\s+[a-zà-ÿ]+){{0,3}})\s*",
            between,
            re.IGNORECASE,
        )
        if tied and not _re("persons", "not_a_copula_tail").search(tied.group(1)):
            return True
    return False


def _pronoun_subject(reader: _Reader, s: int, phrase_start: int, block: Block) -> _Person | None:
    """ "He is one of the oldest members": the person who opens the sentence before."""
    text = reader.text
    pronoun = re.match(rf"\s*(?:{_words('persons', 'subject_pronoun')})\b", text[s:phrase_start])
    if not pronoun or not _joins(text[s + pronoun.end() : phrase_start]):
        return None
    return _antecedent(reader, s, block, register=True)


def _antecedent(reader: _Reader, s: int, block: Block, *, register: bool = False) -> _Person | None:
    """The person "He" at `s` refers to: the first one named in the nearest sentence before, in the
    block; in a Leaders field, the leader it names."""
    if block.kind is BlockKind.FIELD:
        found = reader.mentions_in(block.start, s)
        return found[0][2] if found else None
    for ps, pe in reversed([span for span in reader.ctx.sentences_of(block) if span[1] <= s]):
        found = reader.mentions_in(ps, pe)
        if found:
            return found[0][2]
        if register:
            span = person_name_at(reader.text, ps)
            if span and len(reader.text[span[0] : span[1]].split()) >= 2:
                return reader.register(*span, (ps, pe))
        return None
    # A paragraph that opens with "He": the paragraph before, of which it goes on, names him
    # (its one person, in its last sentences).
    before = [b for b in reader.ctx.blocks if b.end <= block.start and b.kind is BlockKind.PARAGRAPH][-1:]
    if before and block.kind is BlockKind.PARAGRAPH:
        named = {p.key: p for _a, _b, p in reader.mentions_in(before[0].start, before[0].end)}
        if len(named) == 1:
            return next(iter(named.values()))
    return None


def _section_leaders(reader: _Reader) -> None:
    """An item of a leaders section names a leader of the group, unless it gives the person
    another role ("emir of the katiba X", "one of the leaders")."""
    for person, block in reader.items:
        inside = [c for c in person.claims if block.start <= c.quote[0] < block.end]
        for c in inside:
            if not c.scope:
                c.scope = SUBJECT
        if not inside:
            first = reader.ctx.sentences_of(block)
            quote = first[0] if first else (block.start, block.end)
            reader.claim(person, "leader", SUBJECT, False, quote, stated=True)


def _names_and_aliases(reader: _Reader) -> None:
    """Every mention of the persons found so far, and the other names given beside them."""
    reader.find_mentions()
    _aliases(reader)
    _pronoun_aliases(reader)
    reader.find_mentions()


def _aliases(reader: _Reader) -> None:
    """ "X, alias Y", "X (alias Y)", "X, also known as Y", "X (« Y »)", "X (1970)" after a mention."""
    text = reader.text
    for start, end, person in list(reader.mentions):
        if (start, end) in reader.aliased:
            continue
        reader.aliased.add((start, end))
        quote = reader.ctx.sentence_at(start)
        if quote[1] <= quote[0]:
            quote = (start, end)
        before = _alias_before().search(text[max(0, start - 120) : start])
        if before:
            head = max(0, start - 120)
            names = [(a, b) for a, b in person_name_spans(text[head : head + before.start()]) if b == before.start()]
            if names and reader._plausible(text[head + names[-1][0] : head + names[-1][1]], single=False):
                reader.add_alias(person, text[head + names[-1][0] : head + names[-1][1]], quote)
        pos = end
        born = _born_after().match(text, pos)
        if born:
            person.born.append((born.group(1), quote))
            pos = born.end()
        quoted = _PARENTHESISED_QUOTE.match(text, pos)
        if quoted:
            reader.add_alias(person, quoted.group(1), quote)
            continue
        cue = _alias_after().match(text, pos)
        if not cue:
            continue
        within_quotes = _QUOTED.match(text, cue.end())
        if within_quotes:
            reader.add_alias(person, within_quotes.group(1), quote)
            continue
        span = person_name_at(text, cue.end())
        if span and reader._plausible(text[span[0] : span[1]], single=True):
            reader.add_alias(person, text[span[0] : span[1]], quote)
            reader.mentions.append((span[0], span[1], person))


# -- fates --------------------------------------------------------------------------


def _fates(reader: _Reader, s: int, e: int, block: Block) -> None:
    """ "X was killed in 2013", "Hij werd gedood", "the death of X", "A senior leader ... is
    arrested. X, ...": each fate word goes to the person the sentence says it befell."""
    text = reader.text
    sentence = text[s:e]
    masked = _re("persons", "not_a_status").sub(lambda m: " " * len(m.group()), sentence)
    mentions = reader.mentions_in(s, e)
    seen: set[tuple[str, str]] = set()
    for key, ms, me in lexicon.keys_in("status", masked, reader.ctx.doc.lang):
        if _re("persons", "negation").search(masked[max(0, ms - 40) : ms]):
            continue
        if _re("persons", "retracted").search(masked, me):
            continue  # "his death was reported, but that proved untrue"
        person = _fated(reader, s, e, ms, me, mentions, block)
        if person is None or (person.key, key) in seen:
            continue
        seen.add((person.key, key))
        person.statuses.append((key, _date(sentence, block), (s, e)))
        person.fate_words.append((key, s + ms, s + me))


@lru_cache(maxsize=1)
def _someone() -> re.Pattern[str]:
    """ "a senior leader": someone not named yet (a big pattern: compiled once, not per sentence)."""
    return re.compile(
        rf"(?i)(?<!\w)(?:{_words('persons', 'indefinite')})\s+(?:[\w-]+\s+){{0,2}}?"
        rf"(?:{_words('persons', 'person_nouns')}|{_roles().pattern})"
    )


def _fated(
    reader: _Reader, s: int, e: int, ms: int, me: int, mentions: list[tuple[int, int, _Person]], block: Block
) -> _Person | None:
    text = reader.text
    # "Varga's splinter group ... released": the fate of what is his, not his own.
    before = [p for a, b, p in mentions if b <= s + ms and not _owns_something(text, b, s + ms)]
    after = [p for a, _b, p in mentions if a >= s + me]
    # "X became emir on the death of Y" / "à la mort de Y": a fate noun tied by "of" befalls
    # whom it names next, a name the reader may not know; never the one before it.
    tied = re.match(rf"\s*(?:{_words('persons', 'of')})(?:(?<=['’])|(?!\w))\s*", text[s + me : e], re.IGNORECASE)
    # Whom it names next in its clause ("the deaths of two Front commanders: X"), or no one
    # the reader knows when a name stands there ("de dood van de vorige leider moellah X");
    # "died of cancer" names no one and goes on below.
    if tied:
        clause = _CLAUSE_AFTER_OF.match(text, s + me + tied.end(), e)
        stop = clause.end() if clause else s + me + tied.end()
        next_named = [p for a, _b, p in mentions if s + me <= a < stop]
        if next_named:
            return next_named[0]
        # "le cadavre de son fils, X": a full name the reader meets there for the first time
        first = re.search(r"(?<![\w'’-])[A-ZÀ-Þ]", text[s + me + tied.end() : stop])
        span = person_name_at(text, s + me + tied.end() + first.start()) if first else None
        if span and len(text[span[0] : span[1]].split()) >= 2:
            return reader.register(*span, (s, e))
        noun = _determiner_before().search(text, max(s, s + ms - 12), s + ms)  # "the death of a fighter"
        if noun or first:
            return None
    if before:
        return before[-1]
    if _POSSESSOR_BEFORE.search(text, max(s, s + ms - 40), s + ms):
        return None  # "After Y's death, X became leader": the death is of Y, whom the reader does not know
    # "He was killed ...", and "That he died on 11 September ..." (a pronoun its second word)
    he = _words("persons", "subject_pronoun")
    # ... and "An official said that he had been killed", "a indiqué qu'il avait été tué"
    pronoun = re.match(rf"\s*(?:(?:{he})|[\w'’]+\s+(?i:{he}))\b", text[s : s + ms]) or _reported_pronoun().search(
        text[s : s + ms]
    )
    obj = re.match(rf"\s+(?:{_words('persons', 'object_pronoun')})\b", text[s + me : e], re.IGNORECASE)
    if pronoun or obj:
        return _antecedent(reader, s, block)
    if after:
        return after[0]
    # "A senior leader of the group ... is arrested. X, ..." / "... het gaat om X."
    someone = _someone().search(text[s : s + ms])
    if not someone:
        return None
    for ns, ne in reader.ctx.sentences_of(block):
        if ns < e:
            continue
        for a, _b, p in reader.mentions_in(ns, ne):
            named = _re("persons", "named", anchored="$").search(text[ns:a])
            if a == _skip_space(text, ns) or named:
                return p
    return None


# What follows "the death of" up to the clause's end: the one it befell is named there.
_CLAUSE_AFTER_OF = re.compile(r"[^.;!?\"“”«»()]{0,60}")


@lru_cache(maxsize=1)
def _determiner_before() -> re.Pattern[str]:
    """An article or possessive right before a fate word: the word is a noun ("the death")."""
    words = "|".join(
        _words("persons", key) for key in ("definite", "indefinite", "possessive_subject", "possessive_other")
    )
    return re.compile(rf"(?<!\w)(?:{words})\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _reported_pronoun() -> re.Pattern[str]:
    """A subject pronoun after a word of reported speech: the person named before, as a
    sentence opening with it is."""
    he = _words("persons", "subject_pronoun")
    return re.compile(rf"(?<!\w)(?:that|dat|que|qu['’])\s*(?i:{he})(?!\w)")


# A capitalised word and a possessive just before a fate word ("Haddad's death", "Omar’s arrest").
_POSSESSOR_BEFORE = re.compile(r"(?<![\w'’-])[A-ZÀ-Þ][\w-]*['’]s?\s+$")


def _owns_something(text: str, end: int, cue: int) -> bool:
    """Is the mention ending at `end` a possessive ("X's group") whose noun is not the fate word itself?"""
    possessive = re.match(r"['’]s?\s+", text[end : cue + 1])
    return possessive is not None and end + possessive.end() < cue


def _date(sentence: str, block: Block) -> str | None:
    for d in find_dates(sentence):
        if d.has_year:
            return d.iso
        if block.date and not block.date_from_header:
            return with_year(d.iso, block.date) or None
    if block.kind is BlockKind.DATED_ENTRY and block.date and not block.date_from_header:
        return block.date
    return None


# -- statements -----------------------------------------------------------------------


def _statements(ctx: Context, person: _Person) -> Iterator[Statement]:
    names = list(person.names)
    if not names:
        return
    subject = person.key
    name = next((n for n in names if len(n.split()) > 1), names[0])
    yield ctx.statement(subject, "name", name, *person.names[name], EXTRACTOR)
    for alias in names:
        if alias != name:
            yield ctx.statement(subject, "alias", alias, *person.names[alias], EXTRACTOR, kind=person.kinds.get(alias))
    for year, quote in person.born:
        yield ctx.statement(subject, "born", year, *quote, EXTRACTOR)
    # One document calling someone "a leader" and "the leader" of the group: the lesser
    # claim is the one both readings share (news items say "the leader" loosely).
    one_of_several = {c.role for c in person.claims if c.role in _HEAD_ROLES and c.scope == SUBJECT and c.weak}
    for c in person.claims:
        if c.scope not in (SUBJECT, UNIT):
            continue
        head = (
            c.role in _HEAD_ROLES and c.scope == SUBJECT and not c.weak and (c.stated or c.role not in one_of_several)
        )
        role = c.role if head or c.role not in _HEAD_ROLES else ("commander" if c.scope == UNIT else "leader")
        yield ctx.statement(subject, "role", ctx.subject, *c.quote, EXTRACTOR, role=role)
        if head:
            yield ctx.statement(ctx.subject, c.role, subject, *c.quote, EXTRACTOR, role=c.role)
    for key, date, quote in person.statuses:
        yield ctx.statement(subject, "status", key, *quote, EXTRACTOR, date=date)
