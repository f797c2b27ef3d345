"""Bodies larger than the configured limit are refused before they are read."""

import json

import pytest
from django.conf import settings


def _oversized_json() -> str:
    return json.dumps({"text": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024)})


@pytest.mark.django_db
def test_an_oversized_ingest_body_is_refused_not_a_500(editor_api_client):
    response = editor_api_client.post(
        "/api/v1/articles/", _oversized_json(), content_type="application/json"
    )

    assert response.status_code in (400, 413)


@pytest.mark.django_db
def test_an_oversized_ingest_body_is_refused_for_anonymous_clients_too(api_client):
    response = api_client.post(
        "/api/v1/articles/", _oversized_json(), content_type="application/json"
    )

    assert response.status_code in (400, 401, 403, 413)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/actors/", "/api/v1/topics/", "/api/v1/statements/"])
def test_oversized_bodies_on_other_write_endpoints_are_refused(editor_api_client, url):
    response = editor_api_client.post(url, _oversized_json(), content_type="application/json")

    assert response.status_code in (400, 413)


@pytest.mark.django_db
def test_deeply_nested_json_is_not_a_500(editor_api_client):
    body = "[" * 100_000 + "]" * 100_000

    response = editor_api_client.post("/api/v1/articles/", body, content_type="application/json")

    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        '{"text": "a\\u0000b"}',
        '{"text": "\\ud800"}',
        '{"items": [{"text": "\\u0000", "url": "https://x.example/\\u0000"}]}',
        '{"url": "http://\\u0000.example/"}',
        '{"text": 12, "title": ["x"]}',
        "not json",
        '{"text": "' + "\\u202e" * 1000 + '"}',
    ],
)
def test_hostile_ingest_bodies_are_not_500(editor_api_client, body):
    response = editor_api_client.post("/api/v1/articles/", body, content_type="application/json")

    assert response.status_code < 500, response.content[:500]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [
        {"slug": "a\x00b", "name": "x\x00", "kind": "person"},
        {"slug": "ok-slug", "name": "\ud800", "kind": "person"},
        {"slug": "' OR 1=1 --", "name": "x", "kind": "person"},
        {"slug": "x" * 10_000, "name": "x" * 10_000, "kind": "person"},
        {"slug": 5, "name": None, "kind": ["person"]},
    ],
)
def test_hostile_actor_writes_are_not_500(editor_api_client, payload):
    body = json.dumps(payload)
    response = editor_api_client.post("/api/v1/actors/", body, content_type="application/json")

    assert response.status_code < 500, response.content[:500]


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["a\x00b", "\x00", "\ud800", "two words", "' OR 1=1 --"])
def test_a_slug_reference_no_slug_could_be_is_a_400_naming_the_field(editor_api_client, value):
    body = {"title": "Invasion", "occurred_on": "2022-02-24", "actors": [value], "topic": value}
    response = editor_api_client.post(
        "/api/v1/events/", json.dumps(body), content_type="application/json"
    )

    assert response.status_code == 400, response.content[:500]
    errors = response.json()
    assert "Not a slug" in str(errors["actors"]) and "Not a slug" in str(errors["topic"])
