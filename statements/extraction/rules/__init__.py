"""Dependency rules over the spaCy parse: attribution candidates, one sentence at a time.

All offsets produced here are token character offsets within the spaCy Doc;
the caller shifts them to article offsets.
"""

from .content import lent_subjects
from .cues import is_cue
from .sentence import candidates_for_sentence
from .speakers import find_speaker, speaker_tokens
from .tokens import Candidate

__all__ = [
    "Candidate",
    "candidates_for_sentence",
    "find_speaker",
    "is_cue",
    "lent_subjects",
    "speaker_tokens",
]
