"""A short-lived cache for the dashboard's aggregates over a million statements.

Keys carry the newest statement and contradiction ids, so anything added shows at
once (and tests never see another test's figures); only changes to existing rows (a
review, an edit) wait up to TTL_SECONDS to show in the counts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Max, Subquery

from statements.models import Contradiction, Statement

TTL_SECONDS = 60


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
    text = repr([getattr(p, "pk", p) for p in parts])
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    key = f"dashboard:{name}:{digest}:{current or generation()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL_SECONDS)
    return value
