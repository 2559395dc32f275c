"""The fast scans of the text layer find what the plain scans find.

Cue words are found by one trie scan for where any word starts, then each key
tried only there; long word lists of the date forms are guarded by a trie of
their words. Both must change nothing: these tests compare them with the plain
per-key scan and with the unguarded date forms, on every sentence of the shared
corpora (and on sentences written here).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.ingest import iter_source_files, read_document
from dossier.text import dates, lexicon
from dossier.text.names import holds_word, lower_alike, person_name_spans, plain_case, word_spans
from dossier.text.sentences import sentence_spans

SHARED = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
OWN = [
    "Two days later the group claimed the kidnapping of three aid workers near the border.",
    "Na de aanslag van 12 maart 2014 werden vier leden gearresteerd; de ontvoering volgde later.",
    "Le groupe a revendiqué l'attentat du 3 juin, puis la création d'une nouvelle branche.",
    "KIDNAPPED: the hostages were released on Saturday, the day before yesterday.",
    "Militants attacked, bombed and ambushed convoys between 2010 and 2012 (the 1990s saw fewer).",
]
CUE_LEXICONS = ("events", "status", "casualties", "roles", "actions", "relations")


def _sentences() -> Iterator[str]:
    yield from OWN
    for corpus in ("seeds", "dev"):
        folder = SHARED / "corpus" / corpus
        if not folder.is_dir():
            continue
        for path in iter_source_files([folder]):
            text = read_document(path).text
            for start, end in sentence_spans(text):
                yield text[start:end]


SENTENCES = list(_sentences())


def _plain_keys_in(name: str, text: str, lang: str | None = None) -> list[tuple[str, int, int]]:
    found = []
    for key in lexicon.load(name):
        for m in lexicon.words_pattern(name, str(key), lang).finditer(text):
            found.append((str(key), m.start(), m.end()))
        # Separable verbs ("nemen … in") are scanned apart, by their own patterns.
        for pattern in lexicon.gapped_patterns(name, str(key), clause_end=True, lang=lang):
            found.extend((str(key), m.start(), m.end()) for m in pattern.finditer(text))
    return sorted(found, key=lambda t: t[1])


@pytest.mark.parametrize("lang", [None, "en", "nl", "fr"])
@pytest.mark.parametrize("name", CUE_LEXICONS)
def test_cue_words_as_the_plain_scan_finds_them(name: str, lang: str | None) -> None:
    found_any = False
    for sentence in SENTENCES:
        expected = _plain_keys_in(name, sentence, lang)
        assert lexicon.keys_in(name, sentence, lang) == expected, sentence
        found_any = found_any or bool(expected)
    assert found_any


def test_a_word_ending_in_an_elision_runs_on() -> None:
    keys = [key for key, _s, _e in lexicon.keys_in("events", "Ils annoncent la création d'une branche.")]
    assert "founding" in keys


def test_guarded_date_forms_find_what_unguarded_ones_find(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [(s, ref, lang) for s in SENTENCES for ref, lang in ((None, ""), ("2015-06-03", "nl"), ("2020-01-01", "fr"))]
    guarded = [dates._find_dates.__wrapped__(*case) for case in cases]
    guarded_source = dates._month_word().pattern
    cached = (dates._rules, dates._month_word, dates._deictic_rules, dates._any_deictic)
    cached += (dates._forms_in, dates._deictic_in)  # the scans kept, read again unguarded
    for function in cached:
        function.cache_clear()
    monkeypatch.setattr(dates, "_GUARDED_LIST", 10**9)  # no list guarded
    try:
        unguarded = [dates._find_dates.__wrapped__(*case) for case in cases]
        assert len(dates._month_word().pattern) < len(guarded_source)  # the guard is gone
    finally:
        for function in cached:
            function.cache_clear()
    assert guarded == unguarded
    assert any(guarded)


@pytest.mark.parametrize("name", (*CUE_LEXICONS, "time", "organizations"))
def test_guarded_lexicon_patterns_match_what_the_plain_ones_match(name: str) -> None:
    keys: list[str | None] = [None, *map(str, lexicon.load(name))]
    compared = 0
    for key in keys:
        guarded = lexicon.words_pattern(name, key)
        plain = re.compile(rf"(?<!\w)(?:{lexicon.alternation(name, key)}){lexicon._WORD_END}", re.IGNORECASE)
        compared += guarded.pattern != plain.pattern
        for sentence in SENTENCES:
            assert [m.span() for m in guarded.finditer(sentence)] == [m.span() for m in plain.finditer(sentence)]
    assert compared  # some list is long enough to be guarded


# (glue before, glue after, any case): the regexes of the names `word_spans` finds.
WORD_FORMS = [("", "", False), ("-", "", False), ("-", "-", True), ("", "", True)]
TRICKY_TEXT = (
    "Karim Haddad, KARIM HADDAD and karim haddad; al-Karim Haddad-Ali, _Karim Haddad, Karim Haddad2, "
    "2Karim Haddad, ÉCOLE Rouge and école rouge, Straße, STRASSE, Pale River Pale River Pale, "
    "aaa aa-aa aa Kızıl Ordu, Kizil Ordu, ſaint Pale, İnci Pale, Ünal Pale"
)
TRICKY_NAMES = ["Karim Haddad", "karim haddad", "École rouge", "Straße", "Pale River Pale", "aa", "a", "Pale", "ordu"]
TRICKY_NAMES += ["Kizil", "saint pale", "inci", "ÜNAL", "2Karim", "Haddad-", "-", "_", "İ", "µ"]


def _word_regex_spans(text: str, name: str, before: str, after: str, any_case: bool) -> list[tuple[int, int]]:
    pattern = rf"(?<![\w{before}]){re.escape(name)}(?![\w{after}])"
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE if any_case else 0)]


@pytest.mark.parametrize(("before", "after", "any_case"), WORD_FORMS)
def test_word_spans_are_the_regex_spans(before: str, after: str, any_case: bool) -> None:
    text = "\n".join(SENTENCES)
    read = SENTENCES[:120] if (before, after, any_case) == WORD_FORMS[0] else SENTENCES[:40]
    names = {text[s:e] for sentence in read for s, e in person_name_spans(sentence)}
    names |= {"", "a", "al-", "_x", "Front", "2014", "é"}
    cases = [(text, name) for name in names] + [(TRICKY_TEXT, name) for name in TRICKY_NAMES]
    cases += [(TRICKY_TEXT[i:], "Karim Haddad") for i in range(12)] + [(TRICKY_TEXT[:-i], "Pale") for i in range(1, 6)]
    for within, name in cases:
        expected = _word_regex_spans(within, name, before, after, any_case)
        found = word_spans(within, name, glue_before=before, glue_after=after, any_case=any_case)
        assert found == expected, name
        held = holds_word(within, name, glue_before=before, glue_after=after, any_case=any_case)
        assert held == bool(expected), name


EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


def test_lowered_strings_compare_as_ignorecase_matches() -> None:
    """What `word_spans(any_case=True)` and the loose spelling of names rely on, character by character."""
    assert {m.group() for m in re.finditer(r"\w", EVERY_CHARACTER)} == {
        c for c in EVERY_CHARACTER if c.isalnum() or c == "_"
    }
    assert {m.group() for m in re.finditer(r"\s", EVERY_CHARACTER)} == {c for c in EVERY_CHARACTER if c.isspace()}
    assert [c for c in EVERY_CHARACTER if len(c.lower()) != 1] == ["İ"]  # lowering keeps every other offset
    # A pattern's character matches with re.IGNORECASE only characters that case changes,
    # itself, its lower and upper case (and the odd ones): those are the ones compared.
    cased = {c for c in EVERY_CHARACTER if c.lower() != c or c.upper() != c or c.casefold() != c}
    for pattern in (c for c in EVERY_CHARACTER[:0x300] if plain_case(c)):
        among = sorted((cased | {pattern, pattern.lower(), *pattern.upper()}) - set("İıſµ"))
        matched = [m.group() for m in re.finditer(re.escape(pattern), "".join(among), re.IGNORECASE)]
        assert matched == [c for c in among if c.lower() == pattern.lower()], pattern
    assert lower_alike("Kızıl") is None and lower_alike("Kizil Ordu") == "kizil ordu"


def test_quick_tests_of_date_forms_skip_only_texts_without_a_match(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [(s, day_first) for s in SENTENCES for day_first in (False, True)]
    quick = [dates._forms_in.__wrapped__(*case)[0] for case in cases]
    assert any(rule.needs is not None for rule in dates._rules())
    untested = [dataclasses.replace(rule, needs=None) for rule in dates._rules()]
    monkeypatch.setattr(dates, "_rules", lambda: untested)
    assert [dates._forms_in.__wrapped__(*case)[0] for case in cases] == quick
    assert any(d.kind == "period" and d.iso.endswith("0") for found in quick for d in found)  # decades among them
