"""The list pages built from plain rows match the serializers exactly."""

import datetime as dt

import orjson

from statements.models import Contradiction
from statements.serializers import ContradictionSerializer, StatementSerializer
from tests.factories import ContradictionFactory, EventFactory, StatementFactory, TopicFactory


def _rendered(data):
    from statements.api.renderers import OrjsonRenderer

    return orjson.loads(OrjsonRenderer().render(data))


def test_statement_rows_match_the_serializer(api_client, db):
    StatementFactory(topic=TopicFactory(), stance="building up", segments=[[1, 5]])
    StatementFactory(actor=None, said_on=None)

    listed = api_client.get("/api/v1/statements/").json()["results"]

    from statements.selectors.api import statement_list

    expected = _rendered(StatementSerializer(statement_list().order_by("id"), many=True).data)
    assert listed == expected
    assert listed[1]["actor"] is None


def test_contradiction_rows_match_the_serializer(api_client, editor, db):
    reviewed = ContradictionFactory()
    reviewed.reviewer, reviewed.reviewed_at = editor, dt.datetime(2022, 3, 1, tzinfo=dt.UTC)
    reviewed.save()
    event = EventFactory()
    Contradiction.objects.create(
        statement_a=StatementFactory(), event=event, kind="event", topic=None
    )

    listed = api_client.get("/api/v1/contradictions/").json()["results"]

    from statements.selectors.api import contradiction_list

    expected = _rendered(ContradictionSerializer(contradiction_list(), many=True).data)
    assert listed == expected
    assert {row["reviewer"] for row in listed} == {editor.username, None}
