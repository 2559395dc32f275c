from __future__ import annotations

import pytest

from dossier.ingest.language import detect_language

FRENCH = (
    "Le Front de libération nationale corse est une organisation clandestine fondée en 1976. "
    "Elle a revendiqué des centaines d'attentats contre des bâtiments publics sur l'île."
)
GERMAN = (
    "Die Rote Armee Fraktion war eine linksextremistische Gruppe, die in der Bundesrepublik "
    "Deutschland zahlreiche Anschläge verübte und sich im Jahr 1998 auflöste."
)
SPANISH = (
    "El Ejército de Liberación Nacional es una guerrilla colombiana fundada en 1964 que sigue "
    "activa en varias regiones fronterizas con Venezuela."
)


def test_languages(english, dutch):
    assert detect_language(english) == "en"
    assert detect_language(dutch) == "nl"
    assert detect_language(FRENCH) == "fr"
    assert detect_language(GERMAN) == "de"
    assert detect_language(SPANISH) == "es"


@pytest.mark.parametrize("text", ["", "   ", "ok", "1969 - 2009", "ETA", "12/05/2019 14:00"])
def test_too_little_text_is_undetermined(text):
    assert detect_language(text) == "und"


def test_long_text_is_sampled(english, dutch):
    # Mostly Dutch with an English passage: sampling start, middle and end still says Dutch.
    text = (dutch + "\n") * 40 + english + "\n" + (dutch + "\n") * 40
    assert detect_language(text) == "nl"
