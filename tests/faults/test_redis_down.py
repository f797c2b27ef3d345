"""Redis down while articles are submitted: pages and API reads answer, submissions are
stored, answered 202 and sent later.

Redis is the broker, the cache (throttle counts, dashboard aggregates) and the fetch rate
limiter at once, as deployed. The test runs its own redis-server on a free port; the
shared Redis is never stopped.
"""

import json
from datetime import timedelta

import httpx
import pytest
import redis
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from sources.models import Article, IngestJob, OutboxMessage
from statements.models import Statement
from statements.services.tokens import api_token_create
from tests.factories import ContradictionFactory, EditorFactory
from tests.support.processes import (
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


def _cached_keys(server: PrivateRedis) -> list[bytes]:
    return list(redis.Redis.from_url(server.url).scan_iter("gainsay:*"))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_redis_down_reads_answer_and_submissions_are_kept_and_processed_later(
    catalogue, private_redis
):
    token = api_token_create(
        user=EditorFactory(username="submitter"), name="submitter", scope="read_write"
    )[1]
    earlier = ContradictionFactory()
    statement, actor, topic = earlier.statement_a, earlier.statement_a.actor, earlier.topic
    reads = [
        "/",
        f"/statements/{statement.pk}/",
        f"/contradictions/{earlier.pk}/",
        f"/actors/{actor.slug}/",
        f"/topics/{topic.slug}/",
        "/search?q=buildup",
        "/api/v1/articles/",
        "/api/v1/statements/",
        f"/api/v1/statements/{statement.pk}/",
        "/api/v1/contradictions/",
        "/api/v1/actors/",
    ]
    # Grace 0: the re-dispatch may send what was stored a moment ago (60 s by default).
    env = app_env(
        broker_url=private_redis.url,
        TEST_CACHE_URL=private_redis.url,
        GAINSAY_POLITENESS_REDIS_URL=private_redis.url,
        GAINSAY_OUTBOX_GRACE_SECONDS=0,
    )
    port = free_port()
    web = start_web(env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as http:
            for path in reads:
                assert http.get(path).status_code == 200, path
            # The pages did use this Redis (throttle history, the overview's counts).
            assert _cached_keys(private_redis)

            private_redis.stop()

            for line in batch_lines(SUBMISSIONS, tag="outage").splitlines():
                item = json.loads(line)
                response = http.post(
                    "/api/v1/articles/",
                    json={"text": item["text"], "title": item["title"]},
                    headers={"Authorization": f"Bearer {token}"},
                )
                assert response.status_code == 202, response.text
                job_url = response.json()["url"]
            # Reads keep answering with the broker and the cache gone (a job is shown to its
            # submitter).
            for path in [*reads, job_url]:
                response = http.get(path, headers={"Authorization": f"Bearer {token}"})
                assert response.status_code == 200, (path, response.text[:500])
            assert "Cache unavailable" in web.output()

            jobs = IngestJob.objects.all()
            assert jobs.count() == SUBMISSIONS
            assert set(jobs.values_list("status", flat=True)) == {IngestJob.Status.PENDING}
            unsent = OutboxMessage.objects.filter(sent_at__isnull=True)
            assert unsent.count() == SUBMISSIONS
            assert all(message.last_error for message in unsent)

            # Redis is back; beat (embedded in the worker) finds the re-dispatch task due.
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
            # The web process goes back to the cache by itself.
            wait_for(
                lambda: http.get("/").status_code == 200 and bool(_cached_keys(private_redis)),
                timeout=30,
                what="the web process to use the cache again",
                proc=web,
            )
    finally:
        web.stop()

    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    assert list(jobs.values_list("attempts", flat=True)) == [1] * SUBMISSIONS
    assert Article.objects.filter(status=Article.Status.DONE, job__isnull=False).count() == (
        SUBMISSIONS
    )
    assert Statement.objects.exclude(pk__in=[statement.pk, earlier.statement_b_id]).count() == (
        SUBMISSIONS
    )
