import pytest
from django.db import IntegrityError, transaction

from statements.models import Contradiction
from tests.factories import (
    ContradictionFactory,
    EventFactory,
    PropositionFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_a_claim_can_be_held_against_an_event_without_a_second_statement():
    event = EventFactory()
    claim = StatementFactory(content="Russia has no plans to invade Ukraine", stance="pulling back")

    contradiction = ContradictionFactory(
        statement_a=claim, statement_b=None, event=event, kind=Contradiction.Kind.EVENT
    )

    assert contradiction.statement_b is None
    assert "event" in str(contradiction)
    assert list(event.contradictions.all()) == [contradiction]


def test_a_claim_is_held_against_the_same_event_only_once():
    event = EventFactory()
    claim = StatementFactory()
    ContradictionFactory(statement_a=claim, statement_b=None, event=event, kind="event")

    with pytest.raises(IntegrityError), transaction.atomic():
        ContradictionFactory(statement_a=claim, statement_b=None, event=event, kind="event")


def test_a_contradiction_needs_either_a_second_statement_or_an_event():
    claim = StatementFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Contradiction.objects.create(statement_a=claim, kind="denial")


def test_a_pair_of_statements_and_an_event_together_are_refused():
    a, b = StatementFactory(), StatementFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Contradiction.objects.create(
            statement_a=a, statement_b=b, event=EventFactory(), kind="event"
        )


def test_a_topic_does_not_hold_the_same_proposition_twice():
    topic = TopicFactory()
    PropositionFactory(topic=topic, text="Russian forces are withdrawing")

    with pytest.raises(IntegrityError), transaction.atomic():
        PropositionFactory(topic=topic, text="Russian forces are withdrawing")


def test_topics_compare_claims_within_a_month_unless_told_otherwise():
    assert TopicFactory().window_days == 30
