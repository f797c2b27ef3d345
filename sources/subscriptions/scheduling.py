"""Writes for scheduling polls: the dispatcher beat runs, and the admin's pause/resume."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sources.models import Source
from sources.subscriptions.services import STALE_CLAIM


def sources_enqueue_due(*, limit: int = 500) -> list[int]:
    """Enqueue a poll for each enabled source that is due; returns the ids enqueued.

    Each source is claimed with a compare-and-set on enqueued_at first, so a backlog of
    workers does not receive the same source again every minute. Not atomic on purpose:
    each claim commits before its task is sent, so the worker sees it.
    """
    from sources.tasks import source_poll_task

    now = timezone.now()
    due = (
        Source.objects.filter(enabled=True)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .filter(Q(polling_started_at__isnull=True) | Q(polling_started_at__lt=now - STALE_CLAIM))
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - STALE_CLAIM))
        .order_by("next_poll_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    enqueued = []
    for source_id in list(due):
        claimed = (
            Source.objects.filter(pk=source_id)
            .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - STALE_CLAIM))
            .update(enqueued_at=now)
        )
        if claimed:
            enqueued.append(source_id)
            source_poll_task.delay(source_id)
    return enqueued


@transaction.atomic
def source_pause(*, source_id: int, reason: str = "Paused by an editor.") -> None:
    Source.objects.filter(pk=source_id).update(
        enabled=False, disabled_reason=reason, updated_at=timezone.now()
    )


@transaction.atomic
def source_resume(*, source_id: int) -> None:
    """Enable again with a clean slate: a resumed source is due at once."""
    Source.objects.filter(pk=source_id).update(
        enabled=True,
        disabled_reason="",
        error_streak=0,
        next_poll_at=timezone.now(),
        enqueued_at=None,
        updated_at=timezone.now(),
    )


@transaction.atomic
def source_poll_now(*, source_id: int) -> None:
    """Make an enabled source due now and enqueue its poll once this transaction commits."""
    from sources.tasks import source_poll_task

    updated = Source.objects.filter(pk=source_id, enabled=True).update(
        next_poll_at=timezone.now(), updated_at=timezone.now()
    )
    if updated:
        source_poll_task.delay_on_commit(source_id)
