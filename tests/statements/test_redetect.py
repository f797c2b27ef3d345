"""Storing detections: announcements of new ones, bulk writes with history, refreshes."""

import datetime as dt

import orjson
import pytest

from statements.models import Contradiction, Statement
from statements.services import (
    contradiction_review,
    contradictions_detect_all,
    contradictions_detect_for_statement,
    statement_create,
    topic_update,
    topics_load_catalogue,
)
from statements.webhooks import services as webhook_services
from statements.webhooks import transport
from tests.api.test_webhooks import PUBLIC_URL, Recorder
from tests.factories import ActorFactory, ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
FEB = dt.date(2022, 2, 15)


@pytest.fixture
def topics(settings):
    topics_load_catalogue(path=settings.BASE_DIR / "seeds" / "topics.json")


@pytest.fixture
def recorder(monkeypatch):
    """A subscriber to every event, with the network replaced at the transport function."""
    webhook_services.webhook_create(
        owner=UserFactory(username="subscriber"),
        url=PUBLIC_URL,
        events=["contradiction.detected", "contradiction.confirmed", "contradiction.dismissed"],
    )
    recorder = Recorder()
    monkeypatch.setattr(transport, "webhook_transport", recorder)
    return recorder


def say(actor_name, content, said_on=FEB):
    article = ArticleFactory(text=f"On {said_on}, {actor_name} said {content}.")
    return statement_create(
        article=article, content=content, actor=ActorFactory(name=actor_name), said_on=said_on
    )


def announced(recorder) -> list[tuple[str, int]]:
    return [
        (headers["Gainsay-Event"], orjson.loads(body)["contradiction"]["id"])
        for _, body, headers in recorder.calls
    ]


def test_redetection_announces_each_new_detection_once_after_commit(
    topics, recorder, editor, django_capture_on_commit_callbacks
):
    # Statements stored with their detections; the test transaction never commits, so
    # nothing has been announced yet.
    say("Pentagon", "Russia continues the military buildup", FEB)
    say("NATO", "Russia continues the military buildup", FEB)
    say("Kremlin", "troops are returning to their bases", FEB)
    late = say("Kremlin", "troops are returning to their bases", FEB + dt.timedelta(days=45))
    reviewed, kept = Contradiction.objects.order_by("pk")
    contradiction_review(contradiction=reviewed, status="confirmed", user=editor)
    # Wider window: the late claim now meets the buildup claims 45 days before it.
    topic_update(topic=late.topic, window_days=60)
    assert recorder.calls == []

    with django_capture_on_commit_callbacks(execute=True):
        contradictions_detect_all()

    new = Contradiction.objects.exclude(pk__in=[reviewed.pk, kept.pk])
    assert new.count() == 2
    assert sorted(announced(recorder)) == [
        ("contradiction.detected", pk) for pk in sorted(new.values_list("pk", flat=True))
    ]

    recorder.calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contradictions_detect_all()

    assert recorder.calls == []


def test_redetection_announces_nothing_when_it_rolls_back(topics, recorder):
    say("Pentagon", "Russia continues the military buildup", FEB)
    say("Kremlin", "troops are returning to their bases", FEB)
    Contradiction.objects.all().delete()

    # No commit callbacks run: the test's transaction is rolled back at the end.
    contradictions_detect_all()

    assert Contradiction.objects.count() == 1
    assert recorder.calls == []
    assert not webhook_services.WebhookDelivery.objects.exists()


def test_redetection_announces_many_new_detections_with_bounded_queries(
    topics,
    recorder,
    monkeypatch,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    from statements.tasks import webhook_deliver_task

    queued = []
    monkeypatch.setattr(webhook_deliver_task, "delay", queued.append)
    for n in range(12):
        say(f"Western official {n}", "Russia continues the military buildup", FEB)
    say("Kremlin", "troops are returning to their bases", FEB)
    say("Kremlin spokesman", "troops are returning to their bases", FEB)
    Contradiction.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        contradictions_detect_all()
    ids = set(Contradiction.objects.values_list("pk", flat=True))
    assert len(ids) == 24

    # One subscriber lookup and one serialisation for the whole batch, not one per row.
    with django_assert_max_num_queries(5):
        for callback in callbacks:
            callback()
    deliveries = webhook_services.WebhookDelivery.objects.filter(pk__in=queued)
    assert sorted(d.payload["contradiction"]["id"] for d in deliveries) == sorted(ids)
    assert {d.event for d in deliveries} == {"contradiction.detected"}


def test_one_statement_against_many_is_stored_in_a_few_queries_with_history(
    topics, recorder, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    others = [
        say(f"Western official {n}", "Russia continues the military buildup", FEB)
        for n in range(25)
    ]
    pullback = say("Kremlin", "troops are returning to their bases", FEB)
    Contradiction.objects.all().delete()
    # As ingestion holds it: topic, actor and article loaded with the statement.
    pullback = Statement.objects.select_related("topic", "actor", "article").get(pk=pullback.pk)

    # Pairs, history, events, the claims' copies and proposition links in a fixed number of
    # statements (one INSERT for all 25 detections with their claims' copies, one for their
    # history, one for the proposition links), not two per pair.
    with django_assert_max_num_queries(8):
        found = contradictions_detect_for_statement(statement=pullback)

    assert len(found) == len(others) == Contradiction.objects.count()
    assert all(c.pk and c.history.get().history_type == "+" for c in found)
    with django_capture_on_commit_callbacks(execute=True):
        contradictions_detect_for_statement(statement=pullback)
    assert recorder.calls == []  # the same pairs are not news twice


def test_changed_evidence_refreshes_an_unreviewed_detection_with_history(topics):
    buildup = say("Pentagon", "Russia continues the military buildup", FEB)
    say("Kremlin", "troops are returning to their bases", FEB)
    contradiction = Contradiction.objects.get()
    Contradiction.objects.filter(pk=contradiction.pk).update(
        score=0.01, explanation="stale", updated_at=dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    )

    contradictions_detect_for_statement(statement=buildup)

    contradiction.refresh_from_db()
    assert contradiction.explanation != "stale" and contradiction.score > 0.01
    assert contradiction.updated_at.year > 2022
    assert [h.history_type for h in contradiction.history.order_by("history_id")] == ["+", "~"]


def test_an_event_announces_the_claims_it_contradicts_once(
    topics, recorder, django_capture_on_commit_callbacks
):
    from statements.services import contradictions_detect_for_event
    from tests.factories import EventFactory

    denial = say("Kremlin", "there are no plans to invade Ukraine", FEB)
    event = EventFactory(topic=denial.topic, confirms_stance="a", occurred_on=dt.date(2022, 2, 24))

    with django_capture_on_commit_callbacks(execute=True):
        [found] = contradictions_detect_for_event(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        contradictions_detect_for_event(event=event)
        contradictions_detect_all()

    assert found.event == event and found.statement_a == denial
    assert announced(recorder) == [("contradiction.detected", found.pk)]
