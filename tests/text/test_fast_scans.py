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
from dossier.text.names import person_name_spans, word_spans
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


def test_word_spans_are_the_regex_spans() -> None:
    text = "\n".join(SENTENCES)
    names = {text[s:e] for sentence in SENTENCES[:120] for s, e in person_name_spans(sentence)}
    names |= {"", "a", "al-", "_x", "Front", "2014", "é"}
    for name in names:
        expected = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
        assert word_spans(text, name) == expected, name


def test_quick_tests_of_date_forms_skip_only_texts_without_a_match(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [(s, day_first) for s in SENTENCES for day_first in (False, True)]
    quick = [dates._forms_in.__wrapped__(*case)[0] for case in cases]
    assert any(rule.needs is not None for rule in dates._rules())
    untested = [dataclasses.replace(rule, needs=None) for rule in dates._rules()]
    monkeypatch.setattr(dates, "_rules", lambda: untested)
    assert [dates._forms_in.__wrapped__(*case)[0] for case in cases] == quick
    assert any(d.kind == "period" and d.iso.endswith("0") for found in quick for d in found)  # decades among them
