"""Schemathesis against the live schema, through the WSGI app: anonymous, read and
read-write tokens.

Every operation gets generated requests (valid and invalid); none may answer 5xx, and
every documented answer must match its schema.
"""

import pytest
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis import openapi as schemathesis_openapi
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from tests.factories import ContradictionFactory, EditorFactory, EventFactory, IngestJobFactory

EXAMPLES_PER_OPERATION = {GenerationMode.POSITIVE: 8, GenerationMode.NEGATIVE: 2}
MIN_REQUESTS = 1000
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def schema(db):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from config.wsgi import application

    # As Django's test client does: a request must not close the test's connection (and
    # with it the transaction the test runs in).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis_openapi.from_wsgi("/api/schema/?format=json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_generated_requests_never_break_the_server_or_the_schema(schema, token_client, settings):
    # Registering a webhook resolves its host; generated hosts must not reach real DNS.
    settings.GAINSAY_FETCH_ALLOW_PRIVATE = True
    ContradictionFactory()
    EventFactory()
    IngestJobFactory()
    editor = EditorFactory(username="fuzz-editor")
    identities = [{}] + [
        {"Authorization": f"Bearer {token_client(editor, scope).key}"}
        for scope in ("read", "read_write")
    ]
    sent = []
    operations = [result.ok() for result in schema.get_all_operations()]

    for operation in operations:
        for mode, examples in EXAMPLES_PER_OPERATION.items():

            @given(case=operation.as_strategy(generation_mode=mode))
            @hypothesis_settings(
                max_examples=examples,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def send(case):
                for headers in identities:
                    response = case.call(headers=dict(headers))
                    sent.append(response.status_code)
                    case.validate_response(response, checks=CHECKS)

            send()

    assert len(operations) >= 30
    assert len(sent) >= MIN_REQUESTS
    assert not [code for code in sent if code >= 500]


def test_every_format_of_every_read_matches_the_schema(schema, token_client):
    """Generated requests rarely ask for CSV or JSON-LD; here every read is asked in every
    format it documents, and each answer is checked against that format's schema."""
    from tests.factories import ActorAliasFactory, ActorRoleFactory, IngestJobFactory

    contradiction = ContradictionFactory()
    statement = contradiction.statement_a
    ActorAliasFactory(actor=statement.actor, text="Another name")
    ActorRoleFactory(person=statement.actor)
    event = EventFactory(topic=contradiction.topic)
    editor = EditorFactory(username="format-editor")
    job = IngestJobFactory(created_by=editor)
    deleted = EventFactory()
    deleted.delete()
    path_values = {
        "/api/v1/actors/{slug}/": {"slug": statement.actor.slug},
        "/api/v1/topics/{slug}/": {"slug": contradiction.topic.slug},
        "/api/v1/statements/{id}/": {"id": statement.pk},
        "/api/v1/contradictions/{id}/": {"id": contradiction.pk},
        "/api/v1/events/{slug}/": {"slug": event.slug},
        "/api/v1/articles/{id}/": {"id": statement.article_id},
        "/api/v1/jobs/{id}/": {"id": job.pk},
    }
    headers = {"Authorization": f"Bearer {token_client(editor, 'read').key}"}
    checked = set()

    for result in schema.get_all_operations():
        operation = result.ok()
        formats = [
            p.definition["schema"]["enum"]
            for p in operation.query
            if p.name == "format" and "enum" in p.definition.get("schema", {})
        ]
        if operation.method.upper() != "GET" or not formats:
            continue
        for fmt in formats[0]:
            case = operation.Case(
                path_parameters=path_values.get(operation.path, {}), query={"format": fmt}
            )
            response = case.call(headers=dict(headers))
            assert response.status_code == 200, (operation.path, fmt, response.text[:300])
            case.validate_response(response, checks=CHECKS)
            checked.add((operation.path, fmt))

    assert {
        ("/api/v1/statements/", "jsonld"),
        ("/api/v1/statements/{id}/", "jsonld"),
        ("/api/v1/contradictions/", "jsonld"),
        ("/api/v1/contradictions/{id}/", "jsonld"),
        ("/api/v1/deletions/", "csv"),
        ("/api/v1/jobs/", "csv"),
    } <= checked
    assert len(checked) >= 30
