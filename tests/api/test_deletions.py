"""Incremental sync learns about deletions from /api/v1/deletions/."""

from django.utils import timezone

from statements.models import Contradiction, Statement
from statements.services import statements_merge
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    ContradictionFactory,
    EventFactory,
    StatementFactory,
)

URL = "/api/v1/deletions/"


def _since():
    # History dates come from the same clock, so "now" splits before from after exactly.
    return timezone.now().isoformat()


def _deleted(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content[:300]
    return [(row["resource"], row["id"], row["slug"]) for row in response.json()["results"]]


def test_an_event_deleted_through_the_api_is_listed_since_then(editor_api_client):
    earlier = EventFactory()
    earlier_id = earlier.pk
    earlier.delete()
    since = _since()
    event = EventFactory()

    assert editor_api_client.delete(f"/api/v1/events/{event.slug}/").status_code == 204

    assert _deleted(editor_api_client, updated_since=since) == [("event", event.pk, event.slug)]
    assert ("event", earlier_id, earlier.slug) in _deleted(editor_api_client)


def test_a_cascade_lists_every_row_it_took(editor_api_client):
    event = EventFactory()
    claim = StatementFactory(topic=event.topic)
    held = ContradictionFactory(
        statement_a=claim, statement_b=None, event=event, kind=Contradiction.Kind.EVENT
    )
    since = _since()

    editor_api_client.delete(f"/api/v1/events/{event.slug}/")

    assert sorted(_deleted(editor_api_client, updated_since=since)) == [
        ("contradiction", held.pk, None),
        ("event", event.pk, event.slug),
    ]


def test_a_merged_duplicate_is_listed(api_client, editor):
    actor = ActorFactory()
    keep = StatementFactory(actor=actor, content="Russia continues the military buildup")
    other = StatementFactory(actor=actor, content="Russia continues the military buildup.")
    other_id = other.pk
    since = _since()

    statements_merge(keep=keep, other=other, user=editor)

    assert not Statement.objects.filter(pk=other_id).exists()
    assert ("statement", other_id, None) in _deleted(api_client, updated_since=since)


def test_deletions_outside_any_service_are_listed_too(api_client, db):
    # An administrator deleting in the admin goes through the ORM like this.
    article = ArticleFactory()
    actor = ActorFactory(name="Nobody Special")
    article_id, actor_id = article.pk, actor.pk
    since = _since()

    article.delete()
    actor.delete()

    assert sorted(_deleted(api_client, updated_since=since)) == [
        ("actor", actor_id, actor.slug),
        ("article", article_id, None),
    ]
    assert _deleted(api_client, updated_since=since, resource="article") == [
        ("article", article_id, None)
    ]


def test_deletions_page_oldest_first_in_constant_queries(
    api_client, db, django_assert_max_num_queries
):
    events = EventFactory.create_batch(7)
    event_ids = [event.pk for event in events]
    for event in events:
        event.delete()

    seen, url, params = [], URL, {"page_size": 3}
    while url:
        with django_assert_max_num_queries(1):
            body = api_client.get(url, params).json()
        seen.extend(row["id"] for row in body["results"])
        url, params = body["next"], None

    assert seen == event_ids


def test_bad_parameters_are_a_400(api_client, db):
    for params in ({"resource": "webhook"}, {"updated_since": "yesterday"}, {"cursor": "%"}):
        response = api_client.get(URL, params)
        assert response.status_code == 400, params
        assert set(response.json()) == set(params)
