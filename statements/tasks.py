from celery import shared_task
from django.db import InterfaceError, OperationalError

from statements.webhooks.services import (
    MAX_ATTEMPTS,
    delivery_backoff,
    webhook_delivery_attempt,
    webhook_delivery_fail,
)


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS)
def webhook_deliver_task(self, delivery_id: int) -> str:
    """Send one delivery; a network error or 5xx is retried with exponential backoff."""
    try:
        outcome = webhook_delivery_attempt(delivery_id=delivery_id)
    except (OperationalError, InterfaceError) as exc:
        if self.request.retries >= self.max_retries:
            webhook_delivery_fail(delivery_id=delivery_id)
            raise
        raise self.retry(exc=exc, countdown=delivery_backoff(self.request.retries + 1)) from exc
    if outcome == "retry":
        if self.request.retries >= self.max_retries:
            webhook_delivery_fail(delivery_id=delivery_id)
            return "failed"
        raise self.retry(countdown=delivery_backoff(self.request.retries + 1))
    return outcome


@shared_task(ignore_result=True, soft_time_limit=600, time_limit=660)
def topics_propose_task() -> int:
    """Beat runs this hourly (see the statements migration that schedules it). Idempotent:
    statements filed under a proposal are not clustered again, and those that fall in with
    an open proposal join it. Bounded: at most MAX_STATEMENTS statements and MAX_NEW_TOPICS
    proposals per run, one run at a time."""
    from statements.services.topic_proposals import topics_propose

    return len(topics_propose())


# expires: a run that waited past the next one's start is pointless, so a backlog
# (a worker that was down) does not replay every missed half-minute.
@shared_task(ignore_result=True, soft_time_limit=25, time_limit=30, expires=30)
def overview_figures_refresh_task() -> None:
    """Beat runs this every 30 seconds (see the statements migration that schedules it):
    the overview's figures are recounted here rather than in a request. Idempotent."""
    from statements.selectors.charts import overview_figures_refresh

    overview_figures_refresh()
