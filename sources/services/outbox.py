"""The outbox: tasks recorded in the transaction that needs them, published after commit
and re-dispatched when the broker was down."""

import logging
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sources.models import OutboxMessage

logger = logging.getLogger(__name__)


def outbox_enqueue(*, task, args: list) -> OutboxMessage:
    """Record a task to publish once the surrounding transaction commits.

    The row commits with the job it is about; publishing happens after commit, and a
    broker outage then leaves the row for outbox_redispatch instead of failing the request.
    """
    message = OutboxMessage.objects.create(task=task.name, args=list(args))
    # robust: an unexpected error here is logged, never turned into a failed request; the
    # row stays unsent for the re-dispatch.
    transaction.on_commit(lambda: outbox_send(message_id=message.pk), robust=True)
    return message


def outbox_send(*, message_id: int, connection=None, resend: bool = False) -> bool:
    """Publish one unsent message (or, with `resend`, a sent one again); never raises for
    a broker outage (returns False)."""
    messages = OutboxMessage.objects.filter(pk=message_id)
    if not resend:
        messages = messages.filter(sent_at__isnull=True)
    message = messages.first()
    if message is None:
        return False
    try:
        if connection is None:
            with _publish_connection() as own:
                _publish(message, own)
        else:
            _publish(message, connection)
    except Exception as exc:  # noqa: BLE001 - any broker failure leaves the row for re-dispatch
        logger.warning("Could not publish %s: %s", message, exc)
        OutboxMessage.objects.filter(pk=message_id).update(
            attempts=F("attempts") + 1, last_error=f"{exc.__class__.__name__}: {exc}"[:2000]
        )
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    return True


def _publish_connection():
    # One connection attempt, no reconnect loop: by default kombu keeps retrying for
    # seconds, which a web request answering 202 must not wait for; the outbox retries.
    return current_app.connection_for_write(transport_options={"max_retries": 0})


def _publish(message: OutboxMessage, connection) -> None:
    current_app.tasks[message.task].apply_async(
        args=message.args, connection=connection, retry=False
    )


def outbox_redispatch(*, older_than: timedelta | None = None, limit: int = 1000) -> int:
    """Publish messages left unsent (broker down at commit time); returns how many went out.

    Only messages older than `older_than`, so as not to race the on-commit publish of a
    request still in flight (a race would only mean a harmless duplicate message).
    Sent messages older than a week are deleted.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.GAINSAY_OUTBOX_GRACE_SECONDS)
    now = timezone.now()
    OutboxMessage.objects.filter(sent_at__lt=now - timedelta(days=7)).delete()
    pending = OutboxMessage.objects.filter(sent_at__isnull=True, created_at__lte=now - older_than)
    ids = list(pending.order_by("id").values_list("pk", flat=True)[:limit])
    with _publish_connection() as connection:
        return sum(outbox_send(message_id=pk, connection=connection) for pk in ids)


def outbox_messages_redispatch(*, message_ids: list[int]) -> int:
    """An administrator's "re-dispatch now": publish these messages at once, sent or not.

    For a message not worth waiting a minute for, or one the broker lost after taking it
    (a Redis restarted without persistence): tasks are idempotent, so publishing a message
    twice is harmless. Returns how many were published.
    """
    ids = list(
        OutboxMessage.objects.filter(pk__in=message_ids).order_by("id").values_list("pk", flat=True)
    )
    if not ids:
        return 0
    with _publish_connection() as connection:
        return sum(outbox_send(message_id=pk, connection=connection, resend=True) for pk in ids)
