import datetime as dt

import pytest

from statements.models import Contradiction
from statements.services.events import event_create, event_update
from tests.factories import StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _earlier_claim(topic):
    return StatementFactory(
        topic=topic,
        content="Russian troops are returning to their bases",
        stance=topic.stance_a,
        stance_phrase="returning to their bases",
        stance_confidence=0.9,
        said_on=dt.date(2022, 2, 16),
    )


def test_recording_an_event_holds_it_against_earlier_claims_of_the_other_stance():
    topic = TopicFactory()
    claim = _earlier_claim(topic)

    event = event_create(
        title="Russia invades Ukraine",
        occurred_on=dt.date(2022, 2, 24),
        topic=topic,
        confirms_stance="b",
    )

    found = Contradiction.objects.get(event=event)
    assert found.statement_a == claim
    assert found.statement_b is None
    assert found.kind == Contradiction.Kind.EVENT


def test_an_event_moved_off_the_topic_withdraws_its_unreviewed_detections():
    topic = TopicFactory()
    _earlier_claim(topic)
    event = event_create(
        title="Russia invades Ukraine",
        occurred_on=dt.date(2022, 2, 24),
        topic=topic,
        confirms_stance="b",
    )
    assert Contradiction.objects.filter(event=event).exists()

    event_update(event=event, confirms_stance="a")

    assert not Contradiction.objects.filter(event=event).exists()
