"""The language layer against a table of hard cases (tests/text/cases.yaml)."""

from pathlib import Path

import pytest
import yaml

from dossier.text.dates import date_after, find_relative
from dossier.text.names import french_name_end
from dossier.text.numbers import find_quantities
from dossier.text.places import demonym_country, find_cities, find_countries
from dossier.text.sentences import sentence_spans

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text("utf-8"))


@pytest.mark.parametrize(("text", "base", "iso"), CASES["relative_dates"])
def test_relative_date(text: str, base: str, iso: str | None) -> None:
    found = find_relative(text)
    assert (date_after(base, found[0]) if found else None) == iso


@pytest.mark.parametrize(("text", "lo", "hi"), CASES["numbers"])
def test_first_quantity(text: str, lo: int | None, hi: int | None) -> None:
    found = find_quantities(text)
    assert found, text
    assert (found[0].min, found[0].max) == (lo, hi)


@pytest.mark.parametrize(("text", "kind"), CASES["country_kinds"])
def test_country_kinds(text: str, kind: str) -> None:
    assert find_countries(text)[0].kind == kind


@pytest.mark.parametrize(("text", "codes"), CASES["countries"])
def test_countries(text: str, codes: list[str]) -> None:
    assert [m.code for m in find_countries(text, demonyms=False)] == codes


@pytest.mark.parametrize(("word", "code"), CASES["demonyms"])
def test_demonym_country(word: str, code: str | None) -> None:
    assert demonym_country(word) == code


@pytest.mark.parametrize(("text", "name"), CASES["french_names"])
def test_french_name_end(text: str, name: str | None) -> None:
    end = french_name_end(text, 0, len(text))
    assert (text[:end] if end else None) == name


@pytest.mark.parametrize(("text", "name", "code"), CASES["cities"])
def test_cities(text: str, name: str, code: str) -> None:
    found = find_cities(text)
    assert [(m.name, m.code) for m in found][:1] == [(name, code)]


@pytest.mark.parametrize(
    "sentences",
    [
        # abbreviations end no sentence, offsets kept
        ["The U.S. designated it in 2002.", "Gen. Smith left.", "Then it split."],
        ["The Silver Front (Frente de Plata, abbr. FP), is a rebel group.", "It holds hills."],
        ["In 1981 the cell kidnapped BGen. Tom Okello.", "Brig. Gen. Ayo was freed."],
        # a footnote marker after a full stop closes its sentence
        ["Its first attack killed 44 people.[1]", "Last attack: June 2020.", "It ended.[12][13]", "Then it split."],
        # a bullet before the next sentence's capital
        ["He was shot on 2 May 2004.", "► His deputy took over.", "• Then it split."],
    ],
)
def test_sentence_spans(sentences: list[str]) -> None:
    text = " ".join(sentences)
    assert [text[s:e] for s, e in sentence_spans(text)] == sentences


def test_sentences_glued_by_a_lost_space_are_two() -> None:
    text = "The front lost its last town.The leaders fled. The U.S. Army stayed."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The front lost its last town.",
        "The leaders fled.",
        "The U.S. Army stayed.",
    ]
    # After a year too; a decimal number ends no sentence.
    text = "The ban came in March 2004.On 2 May 2006 it was lifted. Turnout was 2.5 per cent."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The ban came in March 2004.",
        "On 2 May 2006 it was lifted.",
        "Turnout was 2.5 per cent.",
    ]


def test_a_line_break_before_a_long_unwrapped_line_ends_a_sentence() -> None:
    standfirst = "A reporter looks back at the history of the front behind this week's harbour bombing"
    body = (
        "It was the market bombing of May 2003 that made the front known across the region, a name "
        "it kept for years while its cells spread along the coast and into the hills beyond the river."
    )
    text = f"{standfirst}\n{body}"
    assert [text[s:e] for s, e in sentence_spans(text)] == [standfirst, body]
    # Wrapped text (short lines) runs on over its line breaks.
    wrapped = "The front was founded in the north by a\nPreacher who taught in the hills."
    assert [wrapped[s:e] for s, e in sentence_spans(wrapped)] == [wrapped]


def test_a_cue_ending_in_an_elision_runs_on_into_the_next_word() -> None:
    from dossier.text.lexicon import keys_in

    assert ("founding", 11, 25) in keys_in("events", "Il annonce la création d'Al-Qaida")
    assert not [k for k in keys_in("events", "une bombe") if k[0] == "founding"]


def test_a_cue_word_fires_only_in_its_own_language() -> None:
    from dossier.text.lexicon import keys_in

    # French "rapt" is a kidnapping; English "rapt" is rapt attention.
    english = "The court heard the verdict in rapt silence in May 2004."
    assert "kidnapping" in [k for k, _s, _e in keys_in("events", english)]  # every language's words
    assert "kidnapping" not in [k for k, _s, _e in keys_in("events", english, "en")]
    assert "kidnapping" in [k for k, _s, _e in keys_in("events", "Le rapt a eu lieu en mai 2004.", "fr")]
    # A language that a key gives no words for reads the words of every language.
    assert keys_in("events", "Le rapt a eu lieu.", "de") == keys_in("events", "Le rapt a eu lieu.")
