from celery import shared_task
from django.db import InterfaceError, OperationalError

from sources.services import (
    article_process,
    article_process_fail,
    ingest_job_fail,
    ingest_job_process,
    outbox_redispatch,
)
from sources.subscriptions.scheduling import sources_enqueue_due
from sources.subscriptions.services import source_poll

# Only a lost database connection is worth retrying; bad input fails the job at once.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


def _run_retrying(task, run, fail) -> None:
    """run(); a lost database is retried with backoff, and after the last retry
    fail(error) records the terminal state."""
    try:
        run()
    except TRANSIENT_ERRORS as exc:
        if task.request.retries >= task.max_retries:
            fail(f"Gave up after retries: {exc}")
            raise
        raise task.retry(exc=exc, countdown=min(2**task.request.retries, 60)) from exc


@shared_task(bind=True, acks_late=True, max_retries=5)
def ingest_job_process_task(self, job_id: int) -> None:
    _run_retrying(
        self,
        lambda: ingest_job_process(job_id=job_id),
        lambda error: ingest_job_fail(job_id=job_id, error=error),
    )


@shared_task(bind=True, acks_late=True, max_retries=5)
def article_process_task(self, article_id: int) -> None:
    # Idempotent: article_process leaves a done article alone, under a row lock.
    _run_retrying(
        self,
        lambda: article_process(article_id=article_id),
        lambda error: article_process_fail(article_id=article_id, error=error),
    )


@shared_task(acks_late=True)
def source_poll_task(source_id: int) -> None:
    # Idempotent: source_poll skips a source that is not due or is being polled already.
    source_poll(source_id=source_id)


@shared_task(ignore_result=True)
def sources_poll_due() -> None:
    sources_enqueue_due()


@shared_task(ignore_result=True)
def outbox_redispatch_task() -> None:
    # Beat runs this every minute (see the sources migration that schedules it): it
    # publishes what could not be sent while the broker was down.
    outbox_redispatch()
