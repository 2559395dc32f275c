"""Names in text: the extent of a proper name, list splitting, acronyms, scripts.

Hand-written because it is about offsets in running text: a name's extent
("Movement for the Liberation of the North", "Front voor de Bevrijding van
het Noorden") follows capitalisation and the connector words of the lexicon.
Comparing names (folding, transliteration) lives in `dossier.resolve`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache

from normality import ascii_text

from dossier.text import lexicon

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_WORD = rf"(?:[{_UPPER}0-9][\w'’‘ʼ\-]*(?:\.\w+)*|(?:al|el|ad|ash|as|an|ar|at|az|ibn|bin|bint|ul)[-‘’'ʼ][{_UPPER}][\w'’‘ʼ\-]*)"


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    connectors = sorted(
        {w for group in lexicon.load("names")["connectors"].values() for w in group}, key=len, reverse=True
    )
    conn = "|".join(re.escape(c) for c in connectors)
    # A French elision joins its word with no space: "Front d'Argent", "Armée de l'Ouest".
    elided = r"(?:[dl]|qu)['’]"
    return re.compile(
        rf"{_WORD}(?:(?:[ \t\u00a0]+|-)(?:(?:{conn})[ \t\u00a0]+|{elided}(?=[{_UPPER}]))*{_WORD})*", re.UNICODE
    )


def name_at(text: str, pos: int) -> tuple[int, int] | None:
    """The proper name that starts at `pos`, if one does: (start, end)."""
    m = _name_pattern().match(text, pos)
    if not m:
        return None
    end = m.end()
    # A trailing full stop belongs to the sentence, not the name (unless "Jr.").
    while end > pos and text[end - 1] in ".-’'":
        end -= 1
    return (pos, end) if end > pos else None


# Quotes and dashes written one way, for comparing names.
QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "–": "-", "—": "-"})


_PUNCTUATION = re.compile(r"[^\w\s]")
_LEADING_ARTICLE = re.compile(r"^(?:the|de|het|la|le|les|l)\s+")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]")
_POSSESSIVE = re.compile(r"['’]s?$")
_NAME_GAP = re.compile(r"[\s\u00a0]+")
_WORD_JOINS = re.compile(r"[-‘’'ʼ]")


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """Case, accents, quotes, punctuation and a leading article folded away.

    "Al-Jabha’t in the Northern Hills" and "al Jabha't in the northern hills"
    fold to the same string; transliteration variants are matched elsewhere.
    """
    text = ascii_text(name.translate(QUOTES)) or ""
    text = text.casefold()
    text = _PUNCTUATION.sub(" ", text)
    text = _LEADING_ARTICLE.sub("", text.strip())
    return _SPACES.sub(" ", text).strip()


def word_spans(
    text: str, name: str, *, glue_before: str = "", glue_after: str = "", any_case: bool = False
) -> list[tuple[int, int]]:
    r"""Where `name` stands in `text` as written, not inside a longer word: the spans of
    `re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)`, found with `str.find`
    (one name of hundreds a document asks about costs no regex compiled for it).

    Glue: characters that, like a word's, join the name to what stands before or after
    it ("-": `(?<![\w-])`, `(?![\w-])`). `any_case`: as with re.IGNORECASE."""
    return list(_word_spans(text, name, glue_before, glue_after, any_case))


def holds_word(text: str, name: str, *, glue_before: str = "", glue_after: str = "", any_case: bool = False) -> bool:
    """Does `name` stand in `text` as a word of its own (see `word_spans`)?"""
    return next(_word_spans(text, name, glue_before, glue_after, any_case), None) is not None


def _word_spans(text: str, name: str, glue_before: str, glue_after: str, any_case: bool) -> Iterator[tuple[int, int]]:
    r"""The spans of `(?<![\w{glue_before}])NAME(?![\w{glue_after}])`, left to right, apart."""
    seen: str | None = text
    if any_case:
        seen = lower_alike(text) if name and plain_case(name) else None
    if not name or seen is None:  # an empty name, or case the lowered strings do not tell
        flags = re.IGNORECASE if any_case else 0
        yield from (m.span() for m in _word_regex(name, glue_before, glue_after, flags).finditer(text))
        return
    if any_case:
        name = name.lower()
    pos = seen.find(name)
    while pos >= 0:
        end = pos + len(name)
        if (pos == 0 or not _joins(text[pos - 1], glue_before)) and (
            end == len(text) or not _joins(text[end], glue_after)
        ):
            yield pos, end
            pos = seen.find(name, end)
        else:
            pos = seen.find(name, pos + 1)


@lru_cache(maxsize=1024)
def _word_regex(name: str, glue_before: str, glue_after: str, flags: int) -> re.Pattern[str]:
    before, after = (rf"[\w{re.escape(glue)}]" if glue else r"\w" for glue in (glue_before, glue_after))
    return re.compile(rf"(?<!{before}){re.escape(name)}(?!{after})", flags)


def _joins(ch: str, glue: str) -> bool:
    return ch.isalnum() or ch == "_" or ch in glue  # a regex's \w in a str pattern, or glue


# Where re.IGNORECASE is not str.lower(): "İ" lowers to two characters, "ı" and "ſ" match
# "i" and "s", "µ" matches Greek letters (tests/text/test_fast_scans.py checks every character).
_ODD_CASE = "İıſµ"
_PLAIN_CASE_END = "\u0250"  # below it, the other characters match as they lower


def plain_case(name: str) -> bool:
    """Does re.IGNORECASE match each character of `name` to those that lower as it does?"""
    return not name or (max(name) < _PLAIN_CASE_END and lower_alike(name) is not None)


def lower_alike(text: str) -> str | None:
    """`text` lowered, where its lowered characters match a `plain_case` name's lowered
    ones exactly where re.IGNORECASE matches them; None where the text holds an odd one."""
    if any(ch in text for ch in _ODD_CASE):
        return None
    return text.lower()


def split_list(text: str, start: int = 0, *, conjunctions: bool = True) -> list[tuple[int, int]]:
    """Items of a list value ("A, B and C"; "A; B"; "A / B"; one per line), outside parentheses.

    With `conjunctions` off, "and"/"en"/"et" do not split (they occur inside names).
    """
    items: list[tuple[int, int]] = []
    depth = 0
    item_start = 0
    i = 0
    words = (
        r"|\s+(?:and|en|et|or|of|ou)\s+(?=[A-Z\u0600-\u06ff])|\s+(?:and|en|et)\s+(?=(?:al|el)-[A-Z])"
        if conjunctions
        else ""
    )
    separators = re.compile(r",|;|\n|\s\|\s?|\|\s|\s/\s" + words)
    while i < len(text):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = separators.match(text, i)
            if m:
                items.append((item_start, i))
                item_start = m.end()
                i = m.end()
                continue
        i += 1
    items.append((item_start, len(text)))
    out = []
    for s, e in items:
        while s < e and (text[s].isspace() or text[s] in "*|•-"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ".|"):
            e -= 1
        if e > s:
            out.append((start + s, start + e))
    return out


def is_acronym(name: str) -> bool:
    letters = _NON_WORD.sub("", name)
    return 2 <= len(letters) <= 10 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def script(name: str) -> str:
    """ "Latin", "Arabic", ... : the script of a name's first letter."""
    for ch in name:
        if ch.isalpha():
            return _script_of(ch)
    return "Unknown"


@lru_cache(maxsize=4096)
def _script_of(letter: str) -> str:
    try:
        return unicodedata.name(letter).split()[0].title()
    except ValueError:
        return "Unknown"


def initials(name: str) -> str:
    """Initials of every word and word part: "Al-Jabha in the North" -> "ajitn"."""
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", name.casefold()) if len(w) > 1 or w.isupper())


def acronym_fits(acronym: str, *names: str) -> bool:
    """Could `acronym` abbreviate one of `names` (in any word order or language)?"""
    # "LeT", "JaN": a mixed-case acronym writes the connector's letter in lower case.
    capitals = [c for c in acronym if c.isupper()]
    letters = [c.casefold() for c in capitals] if len(capitals) >= 2 else [c for c in acronym.casefold() if c.isalpha()]
    for name in names:
        pool = list(initials(name))
        if all(c in pool and not pool.remove(c) for c in letters):  # type: ignore[func-returns-value]
            return True
    return False


_PERSON_WORD = (
    rf"(?:(?<![\w.])[{_UPPER}]\.(?=[ \t\u00a0]+[{_UPPER}])"  # an initial: "S. P. Thamilselvan", not "U.S."
    rf"|[{_UPPER}][\w'’‘ʼ\-]*"
    rf"|(?:al|el|ad|ash|as|an|ar|at|az|ibn|bin|bint|ul)[-‘’'ʼ][{_UPPER}][\w'’‘ʼ\-]*)"
)


@lru_cache(maxsize=1)
def _person_pattern() -> re.Pattern[str]:
    joiners = lexicon.alternation("names", "person_joiners")
    gap = r"[ \t\u00a0]+"
    return re.compile(rf"{_PERSON_WORD}(?:(?:{gap}|-)(?:(?:{joiners}){gap})*{_PERSON_WORD}){{0,7}}")


def person_name_at(text: str, pos: int) -> tuple[int, int] | None:
    """The extent of a person's name that starts at `pos`: capitalised words and the
    particles between them ("Musa ag Ibrahim", "Karim bin Tahir"), without a possessive "'s"."""
    m = _person_pattern().match(text, pos)
    if not m:
        return None
    end = m.end()
    possessive = _POSSESSIVE.search(text, pos, end)  # at the end of the name, not of the text
    if possessive:
        end = possessive.start()
    while end > pos and text[end - 1] in "-’'":
        end -= 1
    return (pos, end) if end > pos else None


def person_name_spans(text: str) -> list[tuple[int, int]]:
    """Every stretch of `text` shaped like a person's name (a candidate, not a verdict)."""
    return list(_person_name_spans(text))


# Extractors ask about the same sentences many times: the answers are kept.
@lru_cache(maxsize=16384)
def _person_name_spans(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    for m in _person_pattern().finditer(text):
        span = person_name_at(text, m.start())
        if span:
            out.append(span)
    return tuple(out)


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(lexicon.fold(w) for group in lexicon.load("names")["person_particles"].values() for w in group)


@lru_cache(maxsize=65536)
def name_core(name: str) -> tuple[str, ...]:
    """The words of a person's name that are no particle, folded:
    "Salim Abou El-Hakam" -> ("salim", "hakam")."""
    words = []
    for word in _NAME_GAP.split(name.strip()):
        parts = [p for p in _WORD_JOINS.split(word) if p]
        while len(parts) > 1 and parts[0].casefold() in _particles():
            parts = parts[1:]  # "El-Hakam" -> "Hakam", "al-Masri" -> "Masri"
        folded = (ascii_text("-".join(parts)) or "").casefold().strip(".")
        if folded and folded not in _particles():
            words.append(folded)
    return tuple(words)


# Footnote marks copied with a name ("Tigers[1]", "Army[n 1]", "Islamiyah[lower-alpha 1]").
_FOOTNOTES = re.compile(r"(?:\s*\[(?:[a-z]+(?:-[a-z]+)?\s*)?\d{0,3}\])+")
# Pronunciations and language tags: "/ˈtɑːlɪbɑːn/", "Brigate Rosse /it/".
_IPA = re.compile(r"[ˈˌːəɪɛʃʊʌɔæɑθðŋʒ]")
_SPOKEN = re.compile(r"\s*\[[^\]]*[ˈˌːəɪɛʃʊʌɔæɑθðŋʒ][^\]]*\]\s*$")
_SLASHED = re.compile(r"\s*/[^/\s]{1,12}/\s*$")
_LEADING_JOINER = re.compile(r"^(?:and|en|et|or|ou|of)\s+", re.IGNORECASE)
# "Jamaat al-Noor and Al Fodhireen": two names of two capitalised words or more each, joined
# by "and". Not "Army of the Pure and Righteous" nor "Front for Unity and Jihad", where a
# lower-case word before "and" makes what follows it part of one name, nor "The Unity and
# Jihad Group", whose article is no word of a name.
_CAPITALISED = r"(?:[a-z]{1,3}-)?[A-ZÀ-Þ][\w’'-]*"
_CAPITALISED_WORDS = rf"{_CAPITALISED}(?:\s+{_CAPITALISED})+"
_TWO_NAMES = re.compile(rf"(?!(?:The|De|Het|Le|La|Les)\s){_CAPITALISED_WORDS}(\s+(?:and|en|et)\s+){_CAPITALISED_WORDS}")


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """Language names in English, Dutch and French (CLDR via Babel), and the words
    dictionaries put before a rendering: a prefix "Irish:" or "tamoul :" is no name."""
    from babel import Locale

    names = {n.casefold() for lang in ("en", "nl", "fr") for n in Locale(lang).languages.values()}
    names |= {lexicon.fold(w).rstrip(":").strip() for g in lexicon.load("names")["language_prefix"].values() for w in g}
    return frozenset(names)


def name_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names in one list item of names, as spans: without footnote marks, a language
    prefix ("Irish: X"), a pronunciation or a lower-case note in parentheses ("X (official)");
    "X (ACR)" and "X (Y)" are two names, "X or Y" too."""
    while start < end and text[start] in " \t\n\"'“”‘’*•|-":
        start += 1
    while end > start and text[end - 1] in " \t\n\"'“”‘’.,:;|":
        end -= 1
    piece = text[start:end]
    footnote = re.search(rf"{_FOOTNOTES.pattern}$", piece)
    if footnote:
        end = start + footnote.start()
    prefix = re.match(r"([^\W\d_][\w.]*(?:\s[^\W\d_][\w.]*)?)\s*:\s*", text[start:end])
    if prefix and prefix.group(1).casefold() in language_names():
        start += prefix.end()
    spoken = _SPOKEN.search(text[start:end])
    if spoken:
        end = start + spoken.start()  # "X [ˈləʃkər eː]": the name, not how it is said
    slashed = _SLASHED.search(text[start:end])
    if slashed:
        end = start + slashed.start()
    joiner = _LEADING_JOINER.match(text[start:end])
    if joiner and start + joiner.end() < end and text[start + joiner.end()].isupper():
        start += joiner.end()
    piece = text[start:end]
    if not re.search(r"[^\W\d_]", piece) or _IPA.search(piece) or piece.startswith("/") or piece.endswith("/"):
        return []
    if piece.casefold() in language_names():
        return []  # "Native name lang: Italian"
    if re.fullmatch(r"[\W\d_]*(?:1[89]|20)\d\d[\W\d_]*", piece):
        return []  # "(1984–2007)": a period, not a name
    inner = re.search(r"\s*\(([^()]+)\)$", piece)
    if inner:
        out = name_pieces(text, start, start + inner.start())
        note = inner.group(1).strip()
        if note[:1].isupper() or is_acronym(note) or script(note) not in ("Latin", "Unknown"):
            out += name_pieces(text, start + inner.start(1), start + inner.end(1))
        return out
    either = re.search(r"\s+(?:or|ou)\s+(?=[A-Z])|\s+of\s+(?=[A-Z]{2,}\b)", piece)
    if either and (" of " not in either.group(0) or is_acronym(piece[: either.start()])):
        return name_pieces(text, start, start + either.start()) + name_pieces(text, start + either.end(), end)
    joined = _TWO_NAMES.fullmatch(piece)
    if joined:
        return [(start, start + joined.start(1)), (start + joined.end(1), end)]
    return [(start, end)]


# -- French descriptive names -------------------------------------------------------
#
# French writes a group's name in lower case after its head noun ("Front de libération du
# Delta", "Groupe islamique armé"), so capitalisation alone ends it at its first word.

# An adjective right after the head looks French: an accent or a French ending ("islamique",
# "armé", "révolutionnaire", "national"), which "Organisation name" or "Forces loyal" lack.
_FRENCH_ADJECTIVE = re.compile(
    r"[éèêàçôîûë]|(?:ique|aire|ale?s?|if|ive|iste|ien(?:ne)?|ais|aise|ain|aine|el|elle|eur)s?$"
)
_FRENCH_TOKEN = re.compile(r"[ \t\u00a0]*([dl]['’](?=[^\W\d_])|[^\W\d_][\w’'-]*)")


def looks_like_french_adjective(word: str) -> bool:
    """Does a lower-case word look like a French adjective ("jihadiste", "armé", "islamique")?"""
    return bool(_FRENCH_ADJECTIVE.search(word))


def french_name_end(text: str, start: int, end: int) -> int | None:
    """Where a French descriptive name that opens with a head noun at `start` ends, or None.

    After the head come up to two adjectives that look French; after a connector ("de",
    "du", "pour la", "l'"), any word. A lower-case word after a capitalised one needs a
    connector ("du Delta combat" ends at "Delta"), but for one last adjective ("de l'Ouest
    oriental."). The name ends in a capitalised word, or in a lower-case one that punctuation,
    an acronym in brackets, a relative pronoun or a preposition follows ("Groupe islamique
    armé (GIA)"): a lower-case word that runs on may be the sentence's verb. An English
    connector ends it ("Front for the ...": capitals end English names)."""
    head = _french_head().match(text, start, end)
    if head is None:
        return None
    pos, best, adjectives, last, connector = head.end(), None, 0, "head", ""
    for _ in range(14):
        token = _FRENCH_TOKEN.match(text, pos, end)
        if token is None:
            break
        word = token.group(1)
        folded = word.casefold().replace("’", "'")
        if folded in _english_connectors():
            break  # "Front for the Liberation of ...": an English name, which capitals end
        if last == "upper" and not connector and best is not None and word[0].islower() and len(word) >= 3:
            # "de Queliland oriental.": an adjective after the place, where the name ends
            if _french_stop().match(text, token.end(), end) and _FRENCH_ADJECTIVE.search(word):
                best = token.end()
            break
        if folded in _french_words("connectors") and not connector.endswith(("la", "le", "les", "l'")):
            connector, pos = folded, token.end()
            continue
        after_connector = bool(connector) and connector not in _french_words("clause_connectors")
        if word[0].isupper():
            if best is not None and word in _french_heads():
                break  # "... pour former le Mouvement X": another group's name begins
            best, last = token.end(), "upper"
        elif after_connector or (
            not connector and last in ("head", "adjective") and adjectives < 2 and _FRENCH_ADJECTIVE.search(word)
        ):
            if not after_connector:
                adjectives += 1
            last = "adjective" if not after_connector else "lower"
            if _french_stop().match(text, token.end(), end):
                best = token.end()
        else:
            break
        connector, pos = "", token.end()
    return best


@lru_cache(maxsize=1)
def _english_connectors() -> frozenset[str]:
    return frozenset(lexicon.load("names")["connectors"]["en"])


@cache
def _french_words(key: str) -> frozenset[str]:
    """The French words of `key`: a name's connectors ("de", "l'", names.yaml), those after
    which a bare word is a clause's ("pour former") and those after which a name ends ("qui",
    name_extents.yaml)."""
    data = lexicon.load("names") if key == "connectors" else lexicon.load("name_extents")
    return frozenset(str(w) for w in data[key]["fr"])


@lru_cache(maxsize=1)
def _french_stop() -> re.Pattern[str]:
    """What may follow a French name that ends in a lower-case word: punctuation, an acronym
    in brackets, the end, or a word that opens another clause or phrase."""
    words = "|".join(re.escape(w) for w in sorted(_french_words("name_stops"), key=len, reverse=True))
    return re.compile(rf"\s*(?:[,.;:)]|\([A-Z]|$)|\s+(?:{words})(?!\w)")


@lru_cache(maxsize=1)
def _french_heads() -> frozenset[str]:
    return frozenset(lexicon.load("organizations")["org_nouns"]["fr"])


@lru_cache(maxsize=1)
def _french_head() -> re.Pattern[str]:
    """A French head noun of a group's name, before a word in lower case."""
    heads = sorted(_french_heads(), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, heads))})(?=[ \t\u00a0]+(?:[a-zà-ÿ]|[dl]['’]))")
