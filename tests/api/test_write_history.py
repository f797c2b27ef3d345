"""Every write through the API is kept in history with its editor and shows in
`updated_since`; so are the bulk changes services make behind it."""

import datetime as dt

import pytest
from django.utils import timezone

from statements.models import Actor, Contradiction, Event, Statement, Topic
from statements.services import actors_approve
from statements.services.topics import topic_merge
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    ContradictionFactory,
    EventFactory,
    StatementFactory,
    TopicFactory,
)

# (method, path, body, model, list path)
WRITES = [
    ("post", "/api/v1/actors/", {"name": "Kaja Kallas", "slug": "kaja-kallas"}, Actor, "actors"),
    ("patch", "/api/v1/actors/{actor}/", {"aliases": ["Her"]}, Actor, "actors"),
    (
        "post",
        "/api/v1/topics/",
        {"name": "Grain", "slug": "grain", "stance_a": "open", "stance_b": "closed"},
        Topic,
        "topics",
    ),
    ("patch", "/api/v1/topics/{topic}/", {"window_days": 10}, Topic, "topics"),
    (
        "post",
        "/api/v1/statements/",
        {"article": "{article}", "content": "talks go on"},
        Statement,
        "statements",
    ),
    ("patch", "/api/v1/statements/{statement}/", {"content": "Fixed"}, Statement, "statements"),
    (
        "post",
        "/api/v1/contradictions/{contradiction}/confirm/",
        {"note": "checked"},
        Contradiction,
        "contradictions",
    ),
    (
        "post",
        "/api/v1/contradictions/{contradiction}/dismiss/",
        {},
        Contradiction,
        "contradictions",
    ),
    ("post", "/api/v1/events/", {"title": "Talks", "occurred_on": "2022-01-01"}, Event, "events"),
    ("patch", "/api/v1/events/{event}/", {"actors": ["{actor}"]}, Event, "events"),
]


def _since():
    return timezone.now() - dt.timedelta(milliseconds=1)


def _fill(value, objects):
    if isinstance(value, str) and value.startswith("{"):
        return objects[value.strip("{}")]
    if isinstance(value, str):
        return value.format(**objects)
    if isinstance(value, list):
        return [_fill(v, objects) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, objects) for k, v in value.items()}
    return value


@pytest.mark.parametrize(
    ("method", "path", "body", "model", "listing"),
    WRITES,
    ids=[f"{m.upper()} {p}" for m, p, *_ in WRITES],
)
def test_an_api_write_is_in_history_and_in_incremental_sync(
    editor_api_client, editor, method, path, body, model, listing
):
    topic = TopicFactory()
    statement = StatementFactory(topic=topic)
    objects = {
        "actor": statement.actor.slug,
        "topic": topic.slug,
        "statement": statement.pk,
        "article": ArticleFactory(text="Officials said talks go on.").pk,
        "contradiction": ContradictionFactory().pk,
        "event": EventFactory(topic=topic).slug,
    }
    since = _since()

    response = getattr(editor_api_client, method)(
        _fill(path, objects), _fill(body, objects), format="json"
    )

    assert response.status_code in (200, 201), response.content[:300]
    pk = response.json()["id"]
    changes = model.history.filter(id=pk, history_date__gte=since)
    assert changes.exists()
    assert {change.history_user for change in changes} == {editor}
    synced = editor_api_client.get(f"/api/v1/{listing}/", {"updated_since": since.isoformat()})
    assert pk in [row["id"] for row in synced.json()["results"]]


def test_an_events_actors_are_part_of_its_history(editor_api_client, editor):
    event = EventFactory()
    actor = ActorFactory(name="Volodymyr Zelenskyy")

    editor_api_client.patch(
        f"/api/v1/events/{event.slug}/", {"actors": [actor.slug]}, format="json"
    )

    latest = event.history.latest()
    assert [a.actor_id for a in latest.actors.all()] == [actor.pk]
    assert latest.history_user == editor
    assert not event.history.earliest().actors.exists()


def test_a_topic_merge_keeps_its_moves_in_history_and_sync(api_client, editor):
    source = TopicFactory(name="Troops near Ukraine", slug="troops-near-ukraine")
    target = TopicFactory(name="Troop posture", slug="troop-posture")
    event = EventFactory(topic=source)
    contradiction = ContradictionFactory(topic=source)
    since = _since()

    topic_merge(source=source, target=target, user=editor)

    for obj, listing in ((event, "events"), (contradiction, "contradictions")):
        change = type(obj).history.filter(id=obj.pk, history_date__gte=since).latest()
        assert (change.topic_id, change.history_user) == (target.pk, editor)
        synced = api_client.get(f"/api/v1/{listing}/", {"updated_since": since.isoformat()})
        assert obj.pk in [row["id"] for row in synced.json()["results"]]


def test_approving_proposed_actors_is_kept_in_history_and_sync(api_client, editor):
    proposed = ActorFactory(name="A Spokesman", status=Actor.Status.PROPOSED)
    ActorFactory(name="Already Approved")
    Actor.objects.update(updated_at=timezone.now() - dt.timedelta(days=1))
    since = _since()

    assert actors_approve(actors=Actor.objects.all(), user=editor) == 1

    change = proposed.history.latest()
    assert (change.status, change.history_user) == ("approved", editor)
    synced = api_client.get("/api/v1/actors/", {"updated_since": since.isoformat()})
    assert [row["slug"] for row in synced.json()["results"]] == [proposed.slug]


def test_a_new_appearance_moves_the_statements_updated_at(api_client, db):
    from statements.services.appearances import appearance_record, statements_counts_refresh

    statement = StatementFactory()
    appearance_record(statement=statement)
    statements_counts_refresh(statement_ids=[statement.pk])
    Statement.objects.update(updated_at=timezone.now() - dt.timedelta(days=1))
    since = _since()

    statements_counts_refresh(statement_ids=[statement.pk])
    unchanged = api_client.get("/api/v1/statements/", {"updated_since": since.isoformat()})
    assert unchanged.json()["results"] == []

    elsewhere = StatementFactory(actor=statement.actor, content=statement.content)
    appearance_record(statement=statement, source=elsewhere)
    statements_counts_refresh(statement_ids=[statement.pk])
    changed = api_client.get("/api/v1/statements/", {"updated_since": since.isoformat()})
    rows = {row["id"]: row for row in changed.json()["results"]}
    assert statement.pk in rows
    assert rows[statement.pk]["appearance_count"] == 2


def test_an_article_that_fails_extraction_shows_in_sync(api_client, db, monkeypatch):
    from sources.services import articles as source_services

    article = ArticleFactory(status="pending")
    type(article).objects.update(updated_at=timezone.now() - dt.timedelta(days=1))
    since = _since()

    def boom(**kwargs):
        raise RuntimeError("tagger crashed")

    monkeypatch.setattr(source_services, "statements_extract_for_article", boom)
    result = source_services.article_process(article_id=article.pk, resolver=None)

    assert result.status == "failed"
    synced = api_client.get("/api/v1/articles/", {"updated_since": since.isoformat()})
    assert [(row["id"], row["status"]) for row in synced.json()["results"]] == [
        (article.pk, "failed")
    ]
