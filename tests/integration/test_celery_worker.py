"""A real Celery worker process ingests the seed article through the real Redis."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from config.celery import app as celery_app
from sources.models import IngestJob
from sources.services import ingest_job_create
from statements.models import Contradiction

ROOT = Path(settings.BASE_DIR)
SEED = ROOT / "seeds" / "upi-2022-02-16-nato-russia-buildup.txt"


@pytest.fixture
def broker_url():
    url = settings.CELERY_BROKER_URL
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"Redis is not reachable at {url}: {exc} (make test starts it)")
    client.flushdb()  # no stale messages from earlier runs
    return url


@pytest.fixture
def worker(broker_url):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "TEST_CELERY_BROKER_URL": broker_url,
        "GAINSAY_EAGER": "0",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "solo", "-l", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def not_eager():
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


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

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in (IngestJob.Status.DONE, IngestJob.Status.FAILED):
            break
        assert worker.poll() is None, worker.stdout.read().decode()
        time.sleep(0.5)

    assert job.status == IngestJob.Status.DONE, job.error
    assert job.attempts == 1
    assert job.statements_found >= 12
    assert job.contradictions_found >= 2
    assert Contradiction.objects.count() >= 2
