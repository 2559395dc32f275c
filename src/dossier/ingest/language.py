"""Language detection with lingua, offline, for the languages dossier reads."""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

LANGUAGES = (
    Language.ENGLISH,
    Language.DUTCH,
    Language.FRENCH,
    Language.GERMAN,
    Language.SPANISH,
    Language.ARABIC,
)
UNDETERMINED = "und"
_SAMPLE_CHARS = 5000
_MIN_LETTERS = 20  # below this, lingua guesses
_MIN_CONFIDENCE = 0.6


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Built once: building and loading the models is the slow part.
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def _sample(text: str) -> str:
    """At most ~5000 characters, from the start, middle and end of a long text."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    part = _SAMPLE_CHARS // 3
    middle = len(text) // 2 - part // 2
    return "\n".join((text[:part], text[middle : middle + part], text[-part:]))


def detect_language(text: str) -> str:
    """ISO 639-1 code ("en", "nl", ...) of the text, or "und" when unsure."""
    sample = _sample(text)
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return UNDETERMINED
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < _MIN_CONFIDENCE:
        return UNDETERMINED
    return values[0].language.iso_code_639_1.name.lower()
