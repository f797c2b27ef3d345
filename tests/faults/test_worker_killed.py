"""A worker SIGKILLed in the middle of a batch: a new worker finishes it, nothing twice."""

import pytest
from django.db import transaction
from django.db.models import Count

from sources.models import Article, IngestJob
from sources.services import ingest_job_create
from statements.models import Statement
from tests.support.processes import app_env, batch_lines, start_worker, wait_for

BATCH = 200
# The dead worker's message is delivered again once this many seconds have passed.
VISIBILITY_TIMEOUT = 2


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_batch_survives_its_worker_being_killed_mid_way(catalogue, broker_url, not_eager):
    env = app_env(broker_url=broker_url, CELERY_VISIBILITY_TIMEOUT=VISIBILITY_TIMEOUT)
    with transaction.atomic():
        job = ingest_job_create(
            kind="batch",
            source="batch.jsonl",
            payload=batch_lines(BATCH, tag="kill"),
            content_type="jsonl",
        )

    first = start_worker(env, name="first-worker")
    try:
        done = Article.objects.filter(status=Article.Status.DONE)
        wait_for(lambda: done.count() >= 20, timeout=90, what="20 articles done", proc=first)
        first.kill()
    finally:
        first.stop()
    killed_at = done.count()
    assert 0 < killed_at < BATCH, "the worker must die in the middle of the batch"
    assert IngestJob.objects.get(pk=job.pk).status == IngestJob.Status.RUNNING

    second = start_worker(env, name="second-worker")
    try:
        job.refresh_from_db()
        wait_for(
            lambda: IngestJob.objects.filter(pk=job.pk, status=IngestJob.Status.DONE).exists(),
            timeout=120,
            what="the job to finish on the new worker",
            proc=second,
        )
    finally:
        second.stop()

    job.refresh_from_db()
    assert job.attempts == 2, "the second worker resumed the same message"
    assert Article.objects.count() == BATCH
    assert not Article.objects.exclude(status=Article.Status.DONE).exists()
    per_article = Statement.objects.values("article").annotate(n=Count("id"))
    assert sorted({row["n"] for row in per_article}) == [1], "one statement per article"
    assert Statement.objects.count() == BATCH
    assert (job.articles_total, job.articles_created) == (BATCH, BATCH)
    assert (job.articles_duplicate, job.articles_failed) == (0, 0)
    assert job.statements_found == BATCH
    assert job.payload == ""
