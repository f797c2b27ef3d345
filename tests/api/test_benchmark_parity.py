"""The raw side of benchmark_api must build the very rows the API returns, or the ratio lies."""

import orjson
import pytest
from django.db import connection
from django.test import Client

from statements.api.benchmark.measure import raw_contradictions, raw_statements
from tests.factories import ContradictionFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _api(url):
    response = Client(HTTP_HOST="localhost").get(url)
    assert response.status_code == 200
    return orjson.loads(response.content)["results"]


def _raw(page):
    with connection.cursor() as cursor:
        body, _ = page(cursor.connection.cursor(), None)
    return orjson.loads(body)["results"]


def test_raw_statements_match_the_api_rows_field_for_field():
    StatementFactory.create_batch(3)

    assert _raw(raw_statements) == _api("/api/v1/statements/")


def test_raw_statements_of_one_topic_match_the_filtered_api_rows():
    first = StatementFactory(topic=TopicFactory())
    StatementFactory(topic=TopicFactory(slug="gas-deliveries", name="Gas deliveries"))

    raw = _raw(lambda cursor, state: raw_statements(cursor, state, topic_id=first.topic_id))

    assert raw == _api(f"/api/v1/statements/?topic={first.topic.slug}")
    assert [row["id"] for row in raw] == [first.pk]


def test_raw_contradictions_match_the_api_rows_field_for_field():
    ContradictionFactory.create_batch(2)

    assert _raw(raw_contradictions) == _api("/api/v1/contradictions/")
