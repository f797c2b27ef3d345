"""A short-lived cache for the dashboard's aggregates over a million statements.

Keys carry the newest statement and contradiction ids, so anything added shows at
once (and tests never see another test's figures); only changes to existing rows (a
review, an edit) wait up to TTL_SECONDS to show in the counts, or until beat's refresh
(charts.overview_figures_refresh, every 30 s) recounts the unfiltered overview's figures.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db.models import Max, Subquery

from statements.models import Contradiction, Statement

TTL_SECONDS = 60

_refreshing: ContextVar[bool] = ContextVar("dashboard_refreshing", default=False)


@contextmanager
def refreshing() -> Iterator[None]:
    """Within it, remembered figures are computed afresh and stored, whatever is cached.

    A worker does this ahead of time (charts.overview_figures_refresh), so that the full
    recount an edit or a deletion needs is not paid inside an analyst's request.
    """
    token = _refreshing.set(True)
    try:
        yield
    finally:
        _refreshing.reset(token)


def generation() -> str:
    """The newest statement and contradiction ids, in one query (two index lookups)."""
    newest_contradiction = Contradiction.objects.order_by("-id").values("id")[:1]
    row = Statement.objects.aggregate(s=Max("id"), c=Max(Subquery(newest_contradiction)))
    return f"{row['s'] or 0}.{row['c'] or 0}"


def newest_contradiction_id(current: str) -> int:
    """The newest contradiction's id (0 if none), read from a generation()."""
    return int(current.rpartition(".")[2])


def remember(name: str, parts, compute: Callable, *, current: str | None = None):
    """compute() once per minute per (name, parts) and corpus generation."""
    key = f"dashboard:{name}:{_digest(parts)}:{current or generation()}"
    value = None if _refreshing.get() else cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL_SECONDS)
    return value


def remember_growing(
    name: str,
    parts,
    compute: Callable,
    *,
    since: Callable[[int, int], object],
    merge: Callable,
    current: str | None = None,
):
    """Like remember(), but a new row costs a look at the new rows only, not a recount.

    since(statement_id, contradiction_id) computes the figure over the rows newer than
    those ids; merge(old, new) adds it to the figure remembered for that generation. A
    full compute() still runs once per TTL_SECONDS, which is as late as edits and
    deletions of existing rows show (as with remember()). The remembered generation's
    newest rows must still exist: if they were deleted (or rolled back, as between
    tests), the old figure counted rows that are gone and is recomputed.
    """
    current = current or generation()
    key = f"dashboard:{name}:{_digest(parts)}:growing"
    entry = None if _refreshing.get() else cache.get(key)  # (generation, computed at, value)
    if entry is not None and entry[0] == current:
        return entry[2]
    now = time.time()
    old = _ids(entry[0]) if entry is not None else None
    if old is not None and now - entry[1] < TTL_SECONDS and _grew_from(old, _ids(current)):
        value, born = merge(entry[2], since(*old)), entry[1]
    else:
        value, born = compute(), now
    cache.set(key, (current, born, value), TTL_SECONDS)
    return value


def _digest(parts) -> str:
    text = repr([getattr(p, "pk", p) for p in parts])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _ids(current: str) -> tuple[int, int]:
    s, _, c = current.partition(".")
    return int(s), int(c)


def _grew_from(old: tuple[int, int], new: tuple[int, int]) -> bool:
    """Whether the corpus at new is the one at old plus rows with higher ids.

    Answered once per pair of generations: the overview's figures all ask it.
    """
    if new[0] < old[0] or new[1] < old[1]:
        return False
    key = f"dashboard:grew:{old[0]}.{old[1]}:{new[0]}.{new[1]}"
    grew = cache.get(key)
    if grew is None:
        kept = (
            Statement.objects.filter(pk=old[0])
            .values("pk")
            .union(Contradiction.objects.filter(pk=old[1]).values("pk"), all=True)
        )
        grew = len(kept) == (old[0] > 0) + (old[1] > 0)
        cache.set(key, grew, TTL_SECONDS)
    return grew
