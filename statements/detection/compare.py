"""compare() and find_contradictions(): which classified claims conflict."""

from __future__ import annotations

import math
from collections.abc import Iterable

from .types import ClaimView, Verdict, is_denial_rule

UNKNOWN_CONFIDENCE = 0.5  # rows saved before stance confidence was recorded hold 0.0


def _actor_key(actor: str) -> str:
    return " ".join(actor.casefold().split())


def _confidence(claim: ClaimView) -> float:
    value = claim.confidence if claim.confidence and claim.confidence > 0 else UNKNOWN_CONFIDENCE
    return min(value, 1.0)


def _describe(claim: ClaimView) -> str:
    when = claim.said_on.isoformat() if claim.said_on else "date unknown"
    return f'{claim.actor}: "{claim.phrase}" ({claim.stance}, {when})'


def compare(a: ClaimView, b: ClaimView) -> Verdict | None:
    """A Verdict when `a` and `b` take opposite stances on one topic, else None.

    Different actors conflict outright. One actor conflicts with itself only across dates
    (a reversal); on the same day, or with a date missing, opposite stances read as nuance.
    """
    if not (a.topic and b.topic and a.stance and b.stance) or a.topic != b.topic:
        return None
    if a.stance == b.stance:
        return None
    same_actor = _actor_key(a.actor) == _actor_key(b.actor)
    if same_actor and (a.said_on is None or b.said_on is None or a.said_on == b.said_on):
        return None
    kind = "denial" if is_denial_rule(a.rule) or is_denial_rule(b.rule) else "opposite_direction"
    score = round(math.sqrt(_confidence(a) * _confidence(b)), 3)
    explanation = f"{_describe(a)} vs {_describe(b)}"
    if same_actor:
        explanation = f"Reversal: {explanation}"
    return Verdict(kind=kind, score=max(score, 0.001), explanation=explanation)


def find_contradictions(
    new: ClaimView, existing: Iterable[ClaimView]
) -> list[tuple[ClaimView, Verdict]]:
    """Claims in `existing` that `new` contradicts, strongest first.

    Incremental: only claims on the new claim's topic are compared, so the caller may pass a
    pre-filtered queryset or everything it has.
    """
    if not new.topic or not new.stance:
        return []
    found = []
    for other in existing:
        if other.topic != new.topic or (other.id is not None and other.id == new.id):
            continue
        verdict = compare(other, new)
        if verdict is not None:
            found.append((other, verdict))
    found.sort(key=lambda pair: -pair[1].score)
    return found
