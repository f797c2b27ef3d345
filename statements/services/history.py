"""Bulk writes that keep what QuerySet.update skips: a history row per changed row, and
a new `updated_at`, so incremental sync (`?updated_since=`) sees the change."""

from django.db.models import QuerySet
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

BATCH = 500


def rows_reassign(queryset: QuerySet, *, user=None, **changes) -> int:
    """Set `changes` on every row of `queryset`; returns how many rows changed."""
    rows = list(queryset)
    if not rows:
        return 0
    now = timezone.now()
    for row in rows:
        for name, value in changes.items():
            setattr(row, name, value)
        row.updated_at = now
    bulk_update_with_history(
        rows, queryset.model, [*changes, "updated_at"], batch_size=BATCH, default_user=user
    )
    return len(rows)
