"""Redis (the broker) down while articles are submitted: stored, answered 202, sent later.

The test runs its own redis-server on a free port; the shared Redis is never stopped.
"""

import json
from datetime import timedelta

import httpx
import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from sources.models import Article, IngestJob, OutboxMessage
from statements.models import Statement
from statements.services.tokens import api_token_create
from tests.factories import EditorFactory
from tests.faults.processes import (
    PrivateRedis,
    app_env,
    batch_lines,
    free_port,
    start_web,
    start_worker,
    wait_for,
)

SUBMISSIONS = 5


@pytest.fixture
def private_redis():
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_submissions_while_the_broker_is_down_are_kept_and_processed_later(
    catalogue, private_redis
):
    token = api_token_create(
        user=EditorFactory(username="submitter"), name="submitter", scope="read_write"
    )[1]
    # Grace 0: the re-dispatch may send what was stored a moment ago (60 s by default).
    env = app_env(broker_url=private_redis.url, GAINSAY_OUTBOX_GRACE_SECONDS=0)
    port = free_port()
    web = start_web(env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        private_redis.stop()

        with httpx.Client(base_url=base, timeout=30) as http:
            for line in batch_lines(SUBMISSIONS, tag="outage").splitlines():
                item = json.loads(line)
                response = http.post(
                    "/api/v1/articles/",
                    json={"text": item["text"], "title": item["title"]},
                    headers={"Authorization": f"Bearer {token}"},
                )
                assert response.status_code == 202, response.text
                job_url = response.json()["url"]
            # Reads keep answering with the broker gone (a job is shown to its submitter).
            for path in ("/", "/api/v1/articles/", "/api/v1/statements/", job_url):
                response = http.get(path, headers={"Authorization": f"Bearer {token}"})
                assert response.status_code == 200, path
    finally:
        web.stop()

    jobs = IngestJob.objects.all()
    assert jobs.count() == SUBMISSIONS
    assert set(jobs.values_list("status", flat=True)) == {IngestJob.Status.PENDING}
    unsent = OutboxMessage.objects.filter(sent_at__isnull=True)
    assert unsent.count() == SUBMISSIONS
    assert all(message.last_error for message in unsent)

    # Redis is back; beat (embedded in the worker) finds the re-dispatch task due at once.
    private_redis.start()
    PeriodicTask.objects.filter(task="sources.tasks.outbox_redispatch_task").update(
        last_run_at=timezone.now() - timedelta(hours=1)
    )
    worker = start_worker(env, name="worker-with-beat", beat=True)
    try:
        wait_for(
            lambda: jobs.filter(status=IngestJob.Status.DONE).count() == SUBMISSIONS,
            timeout=90,
            what="the re-dispatched jobs to finish",
            proc=worker,
        )
    finally:
        worker.stop()

    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    assert list(jobs.values_list("attempts", flat=True)) == [1] * SUBMISSIONS
    assert Article.objects.filter(status=Article.Status.DONE).count() == SUBMISSIONS
    assert Statement.objects.count() == SUBMISSIONS
