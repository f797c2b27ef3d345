"""compare() and find_contradictions(): which classified claims conflict, and of what kind.

Kinds follow de Marneffe, Rafferty and Manning (2008): opposite direction, negation or
denial, numeric mismatch, one actor reversing itself over time, and a claim against a later
event. What is not a contradiction: claims further apart than the topic's window (an update),
a hedge against a plain claim the other way, the same stance in other words, and claims the
speaker only relays (those carry no stance and never reach this module). A headline that
restates its article's body is left to the body's statement. Scores rank what an analyst
would accept first (see strength).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

from . import strength
from .quantities import Quantity, first_conflict
from .types import DENIES_POSSIBILITY, ClaimView, EventView, Verdict, is_denial_rule

DEFAULT_WINDOW_DAYS = 30
# A speaker turning round is news for longer than two speakers disagreeing on one day.
REVERSAL_WINDOW_DAYS = 180
EVENT_LOOKBACK_DAYS = 365
HEDGE_FACTOR = 0.75
NUMERIC_BASE = 0.6

KIND_OPPOSITE = "opposite_direction"
KIND_DENIAL = "denial"
KIND_NUMERIC = "numeric_mismatch"
KIND_REVERSAL = "reversal"
KIND_EVENT = "event"


def _actor_key(actor: str) -> str:
    return " ".join(actor.casefold().split())


def _describe(claim: ClaimView) -> str:
    when = claim.said_on.isoformat() if claim.said_on else "date unknown"
    hedge = ", hedged" if claim.hedged else ""
    return f'{claim.actor}: "{claim.phrase}" ({claim.stance or "no stance"}, {when}{hedge})'


def _rules(a: ClaimView, b: ClaimView) -> str:
    return f"rules: {a.rule or 'none'} / {b.rule or 'none'}"


def _gap(a: ClaimView, b: ClaimView) -> int | None:
    if a.said_on is None or b.said_on is None:
        return None
    return abs((a.said_on - b.said_on).days)


def _quantities(claim: ClaimView) -> list[Quantity]:
    return [q if isinstance(q, Quantity) else Quantity.from_dict(q) for q in claim.quantities]


def _numeric(a: ClaimView, b: ClaimView, *, window_days: int | None) -> Verdict | None:
    """Two counts of the same thing that cannot both be right."""
    if a.hedged or b.hedged:
        return None
    pair = first_conflict(_quantities(a), _quantities(b))
    if pair is None:
        return None
    qa, qb = pair
    if qa.change or qb.change:
        score = NUMERIC_BASE + 0.2
    else:
        spread = abs(qa.value - qb.value) / max(qa.value, qb.value)
        score = NUMERIC_BASE + min(spread, 0.35)
    if a.stance and b.stance:
        score *= strength.pair_weight(a, b)
    else:
        # The counts, not a stance phrase, are the evidence: only who said them weighs.
        score *= 0.9 * math.sqrt(strength.source(a) * strength.source(b))
    score *= strength.proximity(_gap(a, b), window_days)
    explanation = (
        f'Numeric mismatch: {a.actor}: "{qa.text}" ({_when(a)}) vs {b.actor}: "{qb.text}" '
        f"({_when(b)}); rule: intervals of the same count do not overlap"
    )
    return Verdict(KIND_NUMERIC, round(max(score, 0.001), 3), explanation, "numeric intervals")


def _order(claim: ClaimView) -> tuple:
    return (claim.said_on or date.max, str(claim.id))


def _when(claim: ClaimView) -> str:
    return claim.said_on.isoformat() if claim.said_on else "date unknown"


def compare(
    a: ClaimView,
    b: ClaimView,
    *,
    window_days: int | None = DEFAULT_WINDOW_DAYS,
    reversal_days: int | None = REVERSAL_WINDOW_DAYS,
) -> Verdict | None:
    """A Verdict when `a` and `b` conflict on one topic, else None.

    Different actors conflict only inside the topic's window: claims further apart are about
    different periods. One actor conflicts with itself only across dates, inside the longer
    reversal window (on the same day, or with a date missing, opposite stances read as nuance).
    """
    if not (a.topic and b.topic) or a.topic != b.topic:
        return None
    if a.restatement or b.restatement:
        return None
    if _order(b) < _order(a):
        # The earlier claim reads first, and the verdict does not depend on argument order.
        a, b = b, a
    gap = _gap(a, b)
    same_actor = _actor_key(a.actor) == _actor_key(b.actor)
    in_window = gap is None or window_days is None or gap <= window_days
    if not same_actor and in_window:
        numeric = _numeric(a, b, window_days=window_days)
        if numeric is not None:
            return numeric
    if not (a.stance and b.stance) or a.stance == b.stance:
        return None
    denial = is_denial_rule(a.rule) or is_denial_rule(b.rule)
    if same_actor:
        if gap is None or gap == 0:
            return None
        if reversal_days is not None and gap > reversal_days:
            return None
        if a.hedged or b.hedged:
            return None
        first, then = (a, b) if a.said_on < b.said_on else (b, a)
        # Turning round is the point here, so the time between does not weaken it.
        score = round(strength.pair_weight(a, b), 3)
        explanation = (
            f"Reversal: {_describe(first)} then {_describe(then)}, {gap} days later; "
            f"{_rules(first, then)}"
        )
        return Verdict(KIND_REVERSAL, max(score, 0.001), explanation, "same actor, later")
    if not in_window:
        return None
    hedged = a.hedged or b.hedged
    if hedged:
        # A possibility clashes only with a denial of it ("may launch an invasion" against
        # "no plans to invade"), never with a claim the other way, another possibility, or an
        # observation that it has not happened yet ("have not seen any withdrawal").
        if a.hedged and b.hedged:
            return None
        plain = b if a.hedged else a
        if plain.rule not in DENIES_POSSIBILITY:
            return None
    score = strength.pair_weight(a, b) * (HEDGE_FACTOR if hedged else 1.0)
    score *= strength.proximity(gap, window_days)
    changes = [q for q in (*_quantities(a), *_quantities(b)) if q.change]
    if changes:
        kind, rule = KIND_NUMERIC, "count change against the opposite stance"
        prefix = f'Numeric mismatch ("{changes[0].text}")'
    elif denial:
        kind, rule, prefix = KIND_DENIAL, "negation or denial of the other stance", "Denial"
    else:
        kind, rule, prefix = KIND_OPPOSITE, "opposite stances", "Opposite direction"
    explanation = f"{prefix}: {_describe(a)} vs {_describe(b)}; {_rules(a, b)}"
    return Verdict(kind, round(max(score, 0.001), 3), explanation, rule)


def find_contradictions(
    new: ClaimView,
    existing: Iterable[ClaimView],
    *,
    window_days: int | None = DEFAULT_WINDOW_DAYS,
    reversal_days: int | None = REVERSAL_WINDOW_DAYS,
) -> list[tuple[ClaimView, Verdict]]:
    """Claims in `existing` that `new` contradicts, strongest first.

    Incremental: only claims on the new claim's topic are compared, so the caller may pass a
    pre-filtered queryset or everything it has.
    """
    if not new.topic or not (new.stance or new.quantities):
        return []
    found = []
    for other in existing:
        if other.topic != new.topic or (other.id is not None and other.id == new.id):
            continue
        verdict = compare(other, new, window_days=window_days, reversal_days=reversal_days)
        if verdict is not None:
            found.append((other, verdict))
    found.sort(key=lambda pair: -pair[1].score)
    return found


def against_event(
    claim: ClaimView, event: EventView, *, lookback_days: int | None = EVENT_LOOKBACK_DAYS
) -> Verdict | None:
    """A Verdict when a later event bears out the stance opposite to `claim`'s."""
    if not (claim.topic and claim.stance and event.stance) or claim.topic != event.topic:
        return None
    if claim.stance == event.stance or claim.hedged or claim.said_on is None:
        return None
    if claim.restatement:
        return None
    if not isinstance(event.occurred_on, date) or claim.said_on >= event.occurred_on:
        return None
    gap = (event.occurred_on - claim.said_on).days
    if lookback_days is not None and gap > lookback_days:
        return None
    explanation = (
        f"Claim against a later event: {_describe(claim)} vs event "
        f'"{event.title}" ({event.occurred_on.isoformat()}, bears out {event.stance}), '
        f"{gap} days later; rule: the event confirms the opposite stance"
    )
    return Verdict(KIND_EVENT, round(strength.weight(claim), 3), explanation, "later event")
