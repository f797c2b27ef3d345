"""How strongly a flagged conflict should rank: what an analyst would accept first.

Two claims make a strong contradiction when each is firmly held (a confident stance, not a
hedge), specific (several words of substance rather than a generic cue), attributed to a
named source, and made close together in time. Each weakness lowers the score by a factor,
so a pair weak in several ways ranks below a pair weak in one.
"""

from __future__ import annotations

import math
import re

from .types import ClaimView

UNKNOWN_CONFIDENCE = 0.5  # rows saved before stance confidence was recorded hold 0.0
# A speaker the text does not name ("a senior official", "analysts") answers for nothing.
UNNAMED_FACTOR = 0.85
# Phrases of one or two words of substance ("building up") match many sentences that are
# about something else; three or more ("no plans to invade Ukraine") rarely do.
SPECIFIC_WORDS = 3
SPECIFICITY = {0: 0.8, 1: 0.88, 2: 0.95}
# Claims a few days apart speak of the same moment; near the end of the topic's window
# the later one may describe a changed situation.
NEAR_DAYS = 3
FAR_FACTOR = 0.85
UNDATED_FACTOR = 0.85
FUNCTION_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "and",
        "or",
        "its",
        "their",
        "his",
        "her",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "that",
        "it",
    }
)
_WORD = re.compile(r"[a-z0-9]+(?:[',.-][a-z0-9]+)*")


def confidence(claim: ClaimView) -> float:
    value = claim.confidence if claim.confidence and claim.confidence > 0 else UNKNOWN_CONFIDENCE
    return min(value, 1.0)


def specificity(phrase: str) -> float:
    words = [w for w in _WORD.findall((phrase or "").casefold()) if w not in FUNCTION_WORDS]
    return 1.0 if len(words) >= SPECIFIC_WORDS else SPECIFICITY[len(words)]


def source(claim: ClaimView) -> float:
    return 1.0 if claim.named else UNNAMED_FACTOR


def weight(claim: ClaimView) -> float:
    """How firmly and specifically one claim is made, by whom."""
    return confidence(claim) * specificity(claim.phrase) * source(claim)


def pair_weight(a: ClaimView, b: ClaimView) -> float:
    return math.sqrt(weight(a) * weight(b))


def proximity(gap: int | None, window_days: int | None) -> float:
    """1.0 for claims days apart, falling to FAR_FACTOR at the end of the window."""
    if gap is None:
        return UNDATED_FACTOR
    if gap <= NEAR_DAYS or not window_days or window_days <= NEAR_DAYS:
        return 1.0
    reach = min(1.0, (gap - NEAR_DAYS) / (window_days - NEAR_DAYS))
    return 1.0 - (1.0 - FAR_FACTOR) * reach
