"""Language identification for ingested text. Pure: no Django, no network.

py3langid ships its model inside the wheel, so nothing is downloaded at run time.
"""

from functools import lru_cache

# Below this many letters, or this confidence, the guess is noise; the declared language
# (the source's, the page's) is kept instead.
MIN_LETTERS = 40
MIN_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "" when the text is too short to tell."""
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return ""
    code, confidence = _identifier().classify(sample)
    return code if float(confidence) >= MIN_CONFIDENCE else ""
