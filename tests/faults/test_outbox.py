"""The outbox: one row per submission, sent after commit, re-sent by the periodic task."""

from datetime import timedelta

from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from sources.models import IngestJob, OutboxMessage
from sources.services import ingest_job_create, outbox_redispatch
from sources.tasks import ingest_job_process_task, outbox_redispatch_task

TEXT = "Russia's defense ministry said on Tuesday that units have begun to return to base."


def test_the_outbox_row_commits_with_the_job_and_is_sent_after_commit(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = ingest_job_create(kind="text", payload=TEXT, content_type="text")
    message = OutboxMessage.objects.get()
    assert (message.task, message.args, message.sent_at) == (
        ingest_job_process_task.name,
        [job.pk],
        None,
    )

    for callback in callbacks:
        callback()

    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 1
    assert IngestJob.objects.get(pk=job.pk).status == IngestJob.Status.DONE


def test_redispatch_sends_old_unsent_messages_only_and_prunes_old_sent_ones(db):
    job = IngestJob.objects.create(kind="text", payload=TEXT, content_type="text")
    now = timezone.now()
    old = OutboxMessage.objects.create(task=ingest_job_process_task.name, args=[job.pk])
    young = OutboxMessage.objects.create(task=ingest_job_process_task.name, args=[job.pk])
    stale = OutboxMessage.objects.create(task=ingest_job_process_task.name, args=[job.pk])
    OutboxMessage.objects.filter(pk=old.pk).update(created_at=now - timedelta(minutes=5))
    OutboxMessage.objects.filter(pk=stale.pk).update(
        created_at=now - timedelta(days=9), sent_at=now - timedelta(days=8)
    )

    assert outbox_redispatch(older_than=timedelta(minutes=1)) == 1

    assert OutboxMessage.objects.get(pk=old.pk).sent_at is not None
    assert OutboxMessage.objects.get(pk=young.pk).sent_at is None
    assert not OutboxMessage.objects.filter(pk=stale.pk).exists()
    assert IngestJob.objects.get(pk=job.pk).status == IngestJob.Status.DONE


def test_beat_runs_the_redispatch_every_minute(db):
    task = PeriodicTask.objects.get(task=outbox_redispatch_task.name)
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (1, "minutes")
