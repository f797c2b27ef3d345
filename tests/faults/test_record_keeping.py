"""Every change to actors, topics, statements and contradictions is kept with who and when;
an article cannot be deleted from under its statements."""

import pytest
from django.db.models import ProtectedError
from django.utils import timezone
from rest_framework.test import APIClient

from sources.models import Article
from statements.models import Actor, Contradiction, Statement, Topic
from statements.services.tokens import api_token_create
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    ContradictionFactory,
    EditorFactory,
    StatementFactory,
    UserFactory,
)


@pytest.fixture
def token_client(db):
    # A real token header, not force_authenticate: DRF authenticates inside the view,
    # after the history middleware has run, and the history must still name the user.
    editor = EditorFactory(username="recorder")
    client = APIClient()
    key = api_token_create(user=editor, name="editor", scope="read_write")[1]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client, editor


def _latest(obj):
    return obj.history.order_by("-history_id").first()


def _assert_recorded(obj, user, kind, since):
    row = _latest(obj)
    assert row is not None, f"no history for {obj!r}"
    assert (row.history_type, row.history_user) == (kind, user)
    assert row.history_date >= since


def test_api_changes_to_all_four_record_types_are_kept_with_who_and_when(token_client):
    client, editor = token_client
    since = timezone.now()
    article = ArticleFactory(text="The minister said that the talks would resume soon.")

    response = client.post(
        "/api/v1/actors/", {"name": "Anna Berg", "slug": "anna-berg"}, format="json"
    )
    assert response.status_code == 201, response.json()
    actor = Actor.objects.get(slug=response.json()["slug"])
    _assert_recorded(actor, editor, "+", since)
    assert (
        client.patch(
            f"/api/v1/actors/{actor.slug}/", {"description": "Minister"}, format="json"
        ).status_code
        == 200
    )
    _assert_recorded(actor, editor, "~", since)

    response = client.post(
        "/api/v1/topics/",
        {"name": "Peace talks", "slug": "talks", "stance_a": "resuming", "stance_b": "stalled"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    topic = Topic.objects.get(slug=response.json()["slug"])
    _assert_recorded(topic, editor, "+", since)
    assert (
        client.patch(
            f"/api/v1/topics/{topic.slug}/", {"description": "Talks"}, format="json"
        ).status_code
        == 200
    )
    _assert_recorded(topic, editor, "~", since)

    response = client.post(
        "/api/v1/statements/",
        {"article": article.pk, "content": "the talks would resume soon", "actor": actor.slug},
        format="json",
    )
    assert response.status_code == 201, response.json()
    statement = Statement.objects.get(pk=response.json()["id"])
    _assert_recorded(statement, editor, "+", since)
    assert (
        client.patch(
            f"/api/v1/statements/{statement.pk}/", {"stance": "resuming"}, format="json"
        ).status_code
        == 200
    )
    _assert_recorded(statement, editor, "~", since)

    contradiction = ContradictionFactory()
    response = client.post(f"/api/v1/contradictions/{contradiction.pk}/confirm/", {})
    assert response.status_code == 200, response.json()
    _assert_recorded(contradiction, editor, "~", since)
    assert _latest(contradiction).status == Contradiction.Status.CONFIRMED


def test_admin_deletes_are_kept_with_who_and_when(db, client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    since = timezone.now()
    actor = ActorFactory(name="Short Lived")
    actor_pk = actor.pk

    response = client.post(f"/admin/statements/actor/{actor_pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Actor.objects.filter(pk=actor_pk).exists()
    row = Actor.history.filter(id=actor_pk).order_by("-history_id").first()
    assert (row.history_type, row.history_user, row.name) == ("-", admin, "Short Lived")
    assert row.history_date >= since


def test_deleting_an_article_keeps_its_statements_and_their_provenance(db, client):
    statement = StatementFactory()
    article = statement.article

    with pytest.raises(ProtectedError):
        article.delete()

    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(f"/admin/sources/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200  # the admin explains that statements protect it
    assert b"protected" in response.content.lower()
    assert Article.objects.filter(pk=article.pk).exists()
    statement.refresh_from_db()
    assert statement.article_id == article.pk
