"""The overview's figures stay exact as rows arrive, without recounting the corpus."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from statements.models import Contradiction, Statement
from statements.selectors import caching, charts
from tests.factories import ContradictionFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _chart_total(**filters) -> int:
    return sum(charts.contradictions_by_month(**filters)["totals"])


def test_new_rows_are_counted_onto_the_remembered_figures():
    topic = TopicFactory()
    ContradictionFactory(topic=topic)
    ContradictionFactory(topic=topic, status=Contradiction.Status.CONFIRMED)
    assert charts.contradiction_status_counts(topic=topic)["total"] == 2
    assert _chart_total(topic=topic) == 2
    before = charts.corpus_totals()["statements"]

    ContradictionFactory(topic=topic, status=Contradiction.Status.CONFIRMED)
    StatementFactory()

    statuses = charts.contradiction_status_counts(topic=topic)
    assert statuses["total"] == 3
    assert statuses["confirmed"] == 2
    assert statuses["detected"] == 1
    assert _chart_total(topic=topic) == 3
    assert charts.corpus_totals()["statements"] == before + 3 == Statement.objects.count()


def test_a_new_row_costs_a_look_at_the_new_rows_only():
    ContradictionFactory()
    charts.contradiction_status_counts()
    ContradictionFactory()
    with CaptureQueriesContext(connection) as ctx:
        assert charts.contradiction_status_counts()["total"] == 2
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT" in q["sql"].upper()]
    assert len(counts) == 1
    assert '"statements_contradiction"."id" >' in counts[0]


def test_it_recounts_when_the_remembered_newest_rows_are_gone():
    ContradictionFactory()
    newest = ContradictionFactory()
    assert charts.contradiction_status_counts()["total"] == 2
    newest.delete()
    ContradictionFactory()  # a higher id again: adding onto 2 would say 3
    assert charts.contradiction_status_counts()["total"] == 2
    assert _chart_total() == 2


def test_an_edit_to_an_existing_row_shows_at_the_next_full_count(monkeypatch):
    first = ContradictionFactory()
    assert charts.contradiction_status_counts()["confirmed"] == 0
    Contradiction.objects.filter(pk=first.pk).update(status=Contradiction.Status.CONFIRMED)
    ContradictionFactory()
    # Between full counts only the new row is looked at (as documented in caching).
    assert charts.contradiction_status_counts()["confirmed"] == 0
    monkeypatch.setattr(caching, "TTL_SECONDS", 0)
    ContradictionFactory()
    statuses = charts.contradiction_status_counts()
    assert statuses["confirmed"] == 1
    assert statuses["total"] == 3


def test_the_refresh_task_recounts_what_an_edit_left_stale():
    from django.core.cache import cache

    from statements.tasks import overview_figures_refresh_task

    cache.clear()
    first, _second = ContradictionFactory(), ContradictionFactory()
    assert charts.contradiction_status_counts()["confirmed"] == 0
    # A review adds no row: requests keep the remembered figure until a full recount.
    Contradiction.objects.filter(pk=first.pk).update(status=Contradiction.Status.CONFIRMED)
    assert charts.contradiction_status_counts()["confirmed"] == 0

    overview_figures_refresh_task()

    statuses = charts.contradiction_status_counts()
    assert statuses["confirmed"] == 1
    assert statuses["total"] == 2


def test_refreshed_figures_are_served_to_the_overview_without_counting():
    from django.core.cache import cache

    cache.clear()
    ContradictionFactory()
    charts.overview_figures_refresh()
    current = caching.generation()

    with CaptureQueriesContext(connection) as queries:
        charts.corpus_totals(current=current)
        charts.contradiction_status_counts(current=current)
        charts.contradictions_by_month(current=current)

    assert len(queries) == 0


def test_beat_recounts_the_overview_figures_every_half_minute():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="statements.tasks.overview_figures_refresh_task")

    assert task.enabled
    assert (task.interval.every, task.interval.period) == (30, "seconds")
