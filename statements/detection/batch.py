"""Every contradiction inside one topic, without comparing every pair.

Only claims that could conflict are put side by side: opposite stances inside the window
(found by bisecting date-sorted lists), one actor's opposite stances inside the reversal
window, and claims stating counts. A full re-detection is then linear in the claims plus
the conflicts, not quadratic in the topic's size.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from .compare import DEFAULT_WINDOW_DAYS, REVERSAL_WINDOW_DAYS, _actor_key, compare
from .types import ClaimView, Verdict


def _near(items: list[ClaimView], keys: list[date], day: date, days: int) -> list[ClaimView]:
    lo = bisect_left(keys, day - timedelta(days=days))
    hi = bisect_right(keys, day + timedelta(days=days))
    return items[lo:hi]


def _sorted(claims: Iterable[ClaimView]) -> tuple[list[ClaimView], list[date]]:
    items = sorted(claims, key=lambda c: c.said_on)
    return items, [c.said_on for c in items]


def candidate_pairs(
    claims: list[ClaimView], *, window_days: int, reversal_days: int
) -> Iterator[tuple[ClaimView, ClaimView]]:
    """Pairs worth comparing, each at most once (in either order)."""
    dated = [c for c in claims if c.said_on is not None]
    undated = [c for c in claims if c.said_on is None]
    by_stance: dict[str, list[ClaimView]] = defaultdict(list)
    for claim in dated:
        if claim.stance:
            by_stance[claim.stance].append(claim)
    stances = sorted(by_stance)
    if len(stances) == 2:
        left, right = by_stance[stances[0]], by_stance[stances[1]]
        items, keys = _sorted(right)
        for claim in left:
            for other in _near(items, keys, claim.said_on, window_days):
                yield claim, other
        by_actor: dict[str, list[ClaimView]] = defaultdict(list)
        for claim in right:
            by_actor[_actor_key(claim.actor)].append(claim)
        indexed = {actor: _sorted(group) for actor, group in by_actor.items()}
        for claim in left:
            group = indexed.get(_actor_key(claim.actor))
            if group is None:
                continue
            for other in _near(*group, claim.said_on, reversal_days):
                if abs((other.said_on - claim.said_on).days) > window_days:
                    yield claim, other
    counted = [c for c in dated if c.quantities]
    items, keys = _sorted(counted)
    for n, claim in enumerate(items):
        hi = bisect_right(keys, claim.said_on + timedelta(days=window_days))
        for other in items[n + 1 : hi]:
            # Opposite stances were paired above; counts also meet within one stance.
            if not (claim.stance and other.stance and claim.stance != other.stance):
                yield claim, other
    # An undated claim cannot be placed in any window: it meets the whole topic.
    for n, claim in enumerate(undated):
        for other in dated + undated[n + 1 :]:
            if other.stance != claim.stance or (other.quantities and claim.quantities):
                yield claim, other


def find_all_contradictions(
    claims: list[ClaimView],
    *,
    window_days: int | None = DEFAULT_WINDOW_DAYS,
    reversal_days: int | None = REVERSAL_WINDOW_DAYS,
) -> list[tuple[ClaimView, ClaimView, Verdict]]:
    """Every conflicting pair among one topic's claims, with its verdict."""
    window = DEFAULT_WINDOW_DAYS if window_days is None else window_days
    reversal = REVERSAL_WINDOW_DAYS if reversal_days is None else reversal_days
    found = []
    seen: set[tuple] = set()
    for a, b in candidate_pairs(claims, window_days=window, reversal_days=reversal):
        key = (id(a), id(b)) if id(a) < id(b) else (id(b), id(a))
        if key in seen:
            continue
        seen.add(key)
        verdict = compare(a, b, window_days=window, reversal_days=reversal)
        if verdict is not None:
            found.append((a, b, verdict))
    return found
