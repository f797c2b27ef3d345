"""Every endpoint x {anonymous, read token, read-write token, editor session, admin}."""

import pytest
from rest_framework.test import APIClient

from tests.factories import (
    ArticleFactory,
    ContradictionFactory,
    EditorFactory,
    EventFactory,
    IngestJobFactory,
    StatementFactory,
    TopicFactory,
)

ROLES = ["anonymous", "read_token", "read_write_token", "editor_session", "admin_session"]
PUBLIC_URL = "https://93.184.215.14/hook"

# (method, path, body, expected status per role in ROLES order)
READ = (200, 200, 200, 200, 200)
SIGNED_IN_READ = (401, 200, 200, 200, 200)
WRITE_CREATE = (401, 403, 201, 201, 201)
WRITE_CHANGE = (401, 403, 200, 200, 200)
WRITE_DELETE = (401, 403, 204, 204, 204)
# Editors hold no delete permission on these; for an admin the route has no DELETE at all.
NO_DELETE = (401, 403, 403, 403, 405)
# A read-only list: writers are refused by permission first; an admin learns the method
# does not exist.
READ_ONLY_ROUTE = (401, 403, 403, 403, 405)

MATRIX = [
    ("get", "/api/v1/", None, READ),
    ("get", "/api/v1/actors/", None, READ),
    ("get", "/api/v1/actors/{actor}/", None, READ),
    ("post", "/api/v1/actors/", {"name": "New", "slug": "new", "kind": "person"}, WRITE_CREATE),
    ("patch", "/api/v1/actors/{actor}/", {"description": "Corrected"}, WRITE_CHANGE),
    (
        "patch",
        "/api/v1/actors/{actor}/",
        {"aliases": ["Another name"], "roles": [{"title": "Envoy", "start": "2020-01-01"}]},
        WRITE_CHANGE,
    ),
    ("delete", "/api/v1/actors/{actor}/", None, NO_DELETE),
    ("get", "/api/v1/topics/", None, READ),
    ("get", "/api/v1/topics/{topic}/", None, READ),
    (
        "post",
        "/api/v1/topics/",
        {"name": "Grain", "slug": "grain", "stance_a": "open", "stance_b": "closed"},
        WRITE_CREATE,
    ),
    ("patch", "/api/v1/topics/{topic}/", {"window_days": 10}, WRITE_CHANGE),
    ("get", "/api/v1/statements/", None, READ),
    ("get", "/api/v1/statements/{statement}/", None, READ),
    ("post", "/api/v1/statements/", {"article": "{article}", "content": "talks"}, WRITE_CREATE),
    ("patch", "/api/v1/statements/{statement}/", {"content": "Corrected"}, WRITE_CHANGE),
    ("delete", "/api/v1/statements/{statement}/", None, NO_DELETE),
    ("get", "/api/v1/contradictions/", None, READ),
    ("get", "/api/v1/contradictions/{contradiction}/", None, READ),
    ("post", "/api/v1/contradictions/{contradiction}/confirm/", {"note": "ok"}, WRITE_CHANGE),
    ("post", "/api/v1/contradictions/{contradiction}/dismiss/", {}, WRITE_CHANGE),
    ("get", "/api/v1/events/", None, READ),
    ("get", "/api/v1/events/{event}/", None, READ),
    ("post", "/api/v1/events/", {"title": "Talks", "occurred_on": "2022-01-01"}, WRITE_CREATE),
    ("patch", "/api/v1/events/{event}/", {"title": "Renamed"}, WRITE_CHANGE),
    ("delete", "/api/v1/events/{event}/", None, WRITE_DELETE),
    ("get", "/api/v1/articles/", None, READ),
    ("get", "/api/v1/articles/{article}/", None, READ),
    (
        "post",
        "/api/v1/articles/",
        {"text": "Officials said talks go on."},
        (401, 403, 202, 202, 202),
    ),
    ("get", "/api/v1/jobs/", None, SIGNED_IN_READ),
    ("get", "/api/v1/jobs/{job}/", None, SIGNED_IN_READ),
    # A token sees its user's jobs only; a staff session (editor, admin) sees every job.
    ("get", "/api/v1/jobs/{feed_job}/", None, (401, 404, 404, 200, 200)),
    ("get", "/api/v1/deletions/", None, READ),
    ("post", "/api/v1/deletions/", {}, READ_ONLY_ROUTE),
    ("get", "/api/v1/webhooks/", None, SIGNED_IN_READ),
    (
        "post",
        "/api/v1/webhooks/",
        {"url": PUBLIC_URL, "events": ["contradiction.detected"]},
        WRITE_CREATE,
    ),
]


@pytest.fixture
def objects(db):
    topic = TopicFactory()
    statement = StatementFactory(topic=topic)
    return {
        "actor": statement.actor.slug,
        "topic": topic.slug,
        "statement": statement.pk,
        "article": ArticleFactory(text="Officials said talks go on.").pk,
        "contradiction": ContradictionFactory().pk,
        "event": EventFactory(topic=topic).slug,
        "job": IngestJobFactory(created_by=EditorFactory(username="matrix-editor")).pk,
        "feed_job": IngestJobFactory(kind="feed").pk,
    }


def _client(role, token_client, admin_user):
    if role == "anonymous":
        return APIClient()
    editor = EditorFactory(username="matrix-editor")
    if role == "read_token":
        return token_client(editor, "read")
    if role == "read_write_token":
        return token_client(editor, "read_write")
    client = APIClient()
    client.force_login(editor if role == "editor_session" else admin_user)
    return client


def _fill(value, objects):
    if isinstance(value, str):
        filled = value.format(**objects)
        return int(filled) if filled.isdigit() and value.startswith("{") else filled
    if isinstance(value, dict):
        return {k: _fill(v, objects) for k, v in value.items()}
    return value


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    MATRIX,
    ids=[f"{m.upper()} {p}" for m, p, _, _ in MATRIX],
)
def test_the_permission_matrix(
    objects, token_client, admin_user, role_index, method, path, body, expected
):
    client = _client(ROLES[role_index], token_client, admin_user)
    url = _fill(path, objects)
    kwargs = {"format": "json"} if body is not None else {}

    response = getattr(client, method)(url, _fill(body, objects), **kwargs)

    assert response.status_code == expected[role_index], response.content[:300]


@pytest.mark.parametrize("path", ["/api/v1/actors/", "/api/v1/statements/", "/api/v1/events/"])
def test_anonymous_reading_can_be_switched_off(api_client, token_client, settings, db, path):
    settings.GAINSAY_ANONYMOUS_READ = False

    assert api_client.get(path).status_code == 401
    reader = token_client(EditorFactory(username="r"), "read")
    assert reader.get(path).status_code == 200
