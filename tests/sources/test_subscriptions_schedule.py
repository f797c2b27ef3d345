"""The beat dispatcher, the poll task, the stored schedule and the admin actions."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from sources.models import Source
from sources.subscriptions.scheduling import sources_enqueue_due
from sources.tasks import source_poll_task, sources_poll_due
from tests.sources.feedsite import item, rss


@pytest.fixture
def sources(db, feed_site):
    now = timezone.now()
    feed_site.serve("/feed.xml", rss(item(1)))
    url = f"{feed_site.base}/feed.xml"

    def make(name, **fields):
        return Source.objects.create(name=name, url=f"{url}?{name}", **fields)

    feed_site.routes.update({f"/feed.xml?{n}": feed_site.routes["/feed.xml"] for n in "abcdef"})
    return {
        "due": make("a", next_poll_at=now - dt.timedelta(minutes=1)),
        "new": make("b"),
        "later": make("c", next_poll_at=now + dt.timedelta(minutes=5)),
        "paused": make("d", enabled=False),
        "polling": make("e", polling_started_at=now),
        "queued": make("f", enqueued_at=now),
    }


def test_the_dispatcher_enqueues_only_due_enabled_idle_sources(feed_site, sources):  # noqa: F811
    enqueued = sources_enqueue_due()

    assert sorted(enqueued) == sorted([sources["due"].pk, sources["new"].pk])
    # Tasks run in-process here, so the enqueued polls have happened.
    polled = Source.objects.filter(last_polled_at__isnull=False)
    assert set(polled.values_list("name", flat=True)) == {"a", "b"}
    assert Source.objects.get(name="a").items_seen == 1
    assert sources_enqueue_due() == []  # both are now not due


def test_the_beat_task_dispatches(feed_site, sources):  # noqa: F811
    sources_poll_due.delay()

    assert Source.objects.filter(last_polled_at__isnull=False).count() == 2


def test_the_poll_task_is_idempotent(feed_site, sources):  # noqa: F811
    source = sources["due"]
    source_poll_task.delay(source.pk)
    source_poll_task.delay(source.pk)  # a duplicate delivery

    assert len(feed_site.asked(f"/feed.xml?{source.name}")) == 1


def test_a_migration_schedules_the_dispatcher_every_minute(db):
    task = PeriodicTask.objects.get(task="sources.tasks.sources_poll_due")
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (1, "minutes")


def _act(client, action, *sources):
    return client.post(
        reverse("admin:sources_source_changelist"),
        {"action": action, "_selected_action": [s.pk for s in sources]},
        follow=True,
    )


def test_admin_pause_resume_and_poll_now(
    admin_client,
    feed_site,
    sources,
    django_capture_on_commit_callbacks,  # noqa: F811
):
    later = sources["later"]
    _act(admin_client, "pause", later)
    later.refresh_from_db()
    assert not later.enabled and "Paused by admin" in later.disabled_reason

    Source.objects.filter(pk=later.pk).update(error_streak=4)
    _act(admin_client, "resume", later)
    later.refresh_from_db()
    assert later.enabled and later.error_streak == 0 and later.disabled_reason == ""

    Source.objects.filter(pk=later.pk).update(next_poll_at=timezone.now() + dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = _act(admin_client, "poll_now", later)
    assert response.status_code == 200
    later.refresh_from_db()
    assert later.last_polled_at is not None and later.items_seen == 1


def test_admin_lists_sources_with_health_columns(admin_client, sources):
    Source.objects.filter(pk=sources["due"].pk).update(error_streak=3, last_error="HTTP 500")

    response = admin_client.get(reverse("admin:sources_source_changelist") + "?enabled__exact=1")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Error streak" in content and "Last new item at" in content
