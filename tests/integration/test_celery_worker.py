"""A real Celery worker process ingests the seed article through the real Redis."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from sources.models import IngestJob
from sources.services import ingest_job_create
from statements.models import Contradiction
from tests.support.processes import app_env, start_worker, wait_for

SEED = Path(settings.BASE_DIR) / "seeds" / "upi-2022-02-16-nato-russia-buildup.txt"


@pytest.fixture
def worker(broker_url):
    process = start_worker(app_env(broker_url=broker_url))
    yield process
    process.stop()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_process_ingests_the_seed_article_through_redis(worker, not_eager):
    call_command("load_seeds", no_articles=True)

    with transaction.atomic():
        job = ingest_job_create(
            kind="file",
            source=SEED.name,
            payload=SEED.read_text(encoding="utf-8"),
            content_type="text",
            options={"outlet": "UPI"},
        )
    assert IngestJob.objects.get(pk=job.pk).status == IngestJob.Status.PENDING

    finished = (IngestJob.Status.DONE, IngestJob.Status.FAILED)
    wait_for(
        lambda: IngestJob.objects.get(pk=job.pk).status in finished,
        timeout=120,
        what="the worker to finish the job",
        proc=worker,
        every=0.5,
    )

    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE, job.error
    assert job.attempts == 1
    assert job.statements_found >= 12
    assert job.contradictions_found >= 2
    assert Contradiction.objects.count() >= 2
