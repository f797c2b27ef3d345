"""How a classified statement bears on a proposition of its topic.

A proposition is agreed by one of the topic's stances: a statement of that stance supports
it, one of the other stance refutes it, and a statement without a stance of its own (off
topic, or only relaying someone else's claim) is neutral. The phrase and rule that decided
the stance decide the relation too; a hedge lowers the confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

SUPPORTS = "supports"
REFUTES = "refutes"
NEUTRAL = "neutral"
HEDGE_FACTOR = 0.6


@dataclass(frozen=True)
class Assessment:
    relation: str
    confidence: float
    phrase: str
    rule: str


def assess(
    *,
    stance: str,
    proposition_stance: str,
    confidence: float,
    phrase: str,
    rule: str,
    hedged: bool = False,
) -> Assessment:
    """The relation of a statement of `stance` to a proposition agreed by `proposition_stance`."""
    if not stance:
        return Assessment(NEUTRAL, 0.0, phrase, rule or "no stance")
    relation = SUPPORTS if stance == proposition_stance else REFUTES
    value = (confidence if confidence > 0 else 0.5) * (HEDGE_FACTOR if hedged else 1.0)
    return Assessment(relation, round(min(value, 1.0), 3), phrase, rule)
