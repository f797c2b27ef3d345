"""A crash on one article, and a message delivered twice, are both harmless."""

import pytest
from celery import current_app
from django.db import transaction
from django.db.models import Count

from sources.models import Article, IngestJob, OutboxMessage
from sources.services import ingest_job_create
from sources.tasks import ingest_job_process_task
from statements.models import Statement
from tests.support.processes import app_env, batch_lines, start_worker, wait_for


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_extraction_crash_fails_only_its_article_and_the_batch_goes_on(catalogue, monkeypatch):
    # Simulates a bug in the extraction code reached by one input only: the real
    # extractor runs for every other article, this one raises as a bug would.
    import statements.services.statements as statement_services

    real_extract = statement_services.extract_statements

    def extract_with_a_bug(text, **kwargs):
        if "sector crash-3 " in text:
            raise IndexError("list index out of range")
        return real_extract(text, **kwargs)

    monkeypatch.setattr(statement_services, "extract_statements", extract_with_a_bug)
    with transaction.atomic():
        job = ingest_job_create(
            kind="batch", payload=batch_lines(6, tag="crash"), content_type="jsonl"
        )

    job.refresh_from_db()
    broken = Article.objects.get(title="Sector crash-3")
    assert broken.status == Article.Status.FAILED
    assert "IndexError: list index out of range" in broken.error
    assert not broken.statements.exists()
    assert Article.objects.filter(status=Article.Status.DONE).count() == 5
    assert Statement.objects.count() == 5
    assert job.status == IngestJob.Status.DONE
    assert (job.articles_created, job.articles_failed, job.statements_found) == (6, 1, 5)
    assert job.error == f"{broken.url}: {broken.error}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_message_delivered_again_after_the_job_finished_changes_nothing(catalogue):
    with transaction.atomic():
        job = ingest_job_create(
            kind="batch", payload=batch_lines(3, tag="again"), content_type="jsonl"
        )
    job.refresh_from_db()
    before = (job.status, job.attempts, job.finished_at, job.statements_found)

    ingest_job_process_task.apply(args=[job.pk])

    job.refresh_from_db()
    assert (job.status, job.attempts, job.finished_at, job.statements_found) == before
    assert (Article.objects.count(), Statement.objects.count()) == (3, 3)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_message_on_two_workers_at_once_stores_everything_once(
    catalogue, broker_url, not_eager
):
    """As when the visibility timeout ends while the first worker is still busy."""
    batch = 40
    env = app_env(broker_url=broker_url)
    workers = [start_worker(env, name=f"worker-{n}") for n in (1, 2)]
    try:
        with transaction.atomic():
            job = ingest_job_create(
                kind="batch", payload=batch_lines(batch, tag="twice"), content_type="jsonl"
            )
        wait_for(
            lambda: OutboxMessage.objects.filter(sent_at__isnull=False).exists(),
            timeout=10,
            what="the first publish",
        )
        # The duplicate: the same task message published a second time.
        with current_app.connection_for_write() as connection:
            ingest_job_process_task.apply_async(args=[job.pk], connection=connection)
        wait_for(
            lambda: IngestJob.objects.filter(pk=job.pk, attempts=2).exists(),
            timeout=60,
            what="both workers to take the job",
        )
        for worker in workers:
            wait_for(
                lambda w=worker: "succeeded" in w.output(), timeout=90, what="each run", proc=worker
            )
    finally:
        for worker in workers:
            worker.stop()

    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE
    assert Article.objects.count() == batch
    assert not Article.objects.exclude(status=Article.Status.DONE).exists()
    per_article = Statement.objects.values("article").annotate(n=Count("id"))
    assert {row["n"] for row in per_article} == {1}
    assert Statement.objects.count() == batch
    assert (job.articles_created, job.articles_duplicate, job.articles_failed) == (batch, 0, 0)
    assert job.statements_found == batch
