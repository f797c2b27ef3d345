import datetime as dt

import pytest

from statements.models import Contradiction
from statements.selectors import catalogue
from statements.selectors import dashboard as selectors
from tests.factories import (
    ActorAliasFactory,
    ActorFactory,
    ActorRoleFactory,
    ContradictionFactory,
    EventFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def _said(day_a, day_b, **kwargs):
    return ContradictionFactory(
        statement_a=StatementFactory(said_on=day_a),
        statement_b=StatementFactory(said_on=day_b),
        **kwargs,
    )


def test_contradiction_list_is_newest_first():
    older, newer = ContradictionFactory(), ContradictionFactory()
    assert list(selectors.contradiction_list()) == [newer, older]


def test_contradiction_list_actor_filter_matches_either_side():
    actor = ActorFactory()
    as_a = ContradictionFactory(statement_a=StatementFactory(actor=actor))
    as_b = ContradictionFactory(statement_b=StatementFactory(actor=actor))
    ContradictionFactory()
    assert set(selectors.contradiction_list(actor=actor)) == {as_a, as_b}


def test_contradiction_list_topic_and_status_filters():
    other_topic = TopicFactory(name="Gas transit", slug="gas-transit")
    confirmed = ContradictionFactory(status=Contradiction.Status.CONFIRMED)
    gas = ContradictionFactory(topic=other_topic)
    assert list(selectors.contradiction_list(topic=other_topic)) == [gas]
    assert list(selectors.contradiction_list(status="confirmed")) == [confirmed]


def test_contradiction_list_date_range_matches_either_statement():
    straddling = _said(dt.date(2022, 2, 15), dt.date(2022, 2, 16))
    early = _said(dt.date(2021, 1, 1), dt.date(2021, 1, 2))
    undated = _said(None, None)
    assert list(selectors.contradiction_list(date_from=dt.date(2022, 2, 16))) == [straddling]
    assert list(selectors.contradiction_list(date_to=dt.date(2022, 2, 15))) == [
        early,
        straddling,
    ]
    found = selectors.contradiction_list(
        date_from=dt.date(2021, 1, 2), date_to=dt.date(2021, 12, 31)
    )
    assert list(found) == [early]
    assert undated in selectors.contradiction_list()


def test_contradiction_get_returns_none_for_unknown_id():
    assert selectors.contradiction_get(pk=987654) is None


def test_actor_statements_are_in_date_order_with_undated_last():
    actor = ActorFactory()
    undated = StatementFactory(actor=actor, said_on=None)
    late = StatementFactory(actor=actor, said_on=dt.date(2022, 3, 1))
    early = StatementFactory(actor=actor, said_on=dt.date(2022, 1, 1))
    StatementFactory()  # someone else's
    assert list(catalogue.actor_statements(actor=actor)) == [early, late, undated]


def test_actor_get_prefetches_aliases_and_roles(django_assert_num_queries):
    actor = ActorFactory(slug="jens-stoltenberg")
    ActorAliasFactory(actor=actor, text="Stoltenberg")
    nato = ActorFactory(name="NATO")
    ActorRoleFactory(person=actor, organisation=nato)
    with django_assert_num_queries(3):
        found = catalogue.actor_get(slug="jens-stoltenberg")
        assert [a.text for a in found.aliases.all()] == ["Stoltenberg"]
        assert [r.organisation.name for r in found.roles.all()] == ["NATO"]
    assert catalogue.actor_get(slug="nobody") is None


def test_topic_statements_filter_by_stance_and_counts():
    topic = TopicFactory()
    pulling = StatementFactory(topic=topic, stance=topic.stance_a)
    building = StatementFactory(topic=topic, stance=topic.stance_b)
    neither = StatementFactory(topic=topic, stance="")
    assert list(catalogue.topic_statements(topic=topic, stance="a")) == [pulling]
    assert list(catalogue.topic_statements(topic=topic, stance="b")) == [building]
    assert list(catalogue.topic_statements(topic=topic, stance="none")) == [neither]
    assert len(catalogue.topic_statements(topic=topic)) == 3
    assert catalogue.topic_stance_counts(topic=topic) == {"a": 1, "b": 1, "none": 1}


def test_topic_list_counts_statements_and_contradictions():
    c = ContradictionFactory()
    c.statement_a.topic = c.topic
    c.statement_a.save()
    counts = catalogue.topic_counts(topics=catalogue.topic_list())
    assert counts[c.topic.pk] == {"statements": 1, "contradictions": 1}


def test_with_contradictions_pairs_each_statement_with_the_other_side_in_one_query(
    django_assert_num_queries,
):
    actor = ActorFactory()
    someone = StatementFactory()  # the lower id: side a of its pair with `second`
    first = StatementFactory(actor=actor, said_on=dt.date(2022, 1, 1))
    second = StatementFactory(actor=actor, said_on=dt.date(2022, 2, 1))
    quiet = StatementFactory(actor=actor, said_on=dt.date(2022, 3, 1))
    as_a = ContradictionFactory(statement_a=first)
    as_b = ContradictionFactory(statement_a=someone, statement_b=second)
    against_event = ContradictionFactory(
        statement_a=second, statement_b=None, event=EventFactory(), kind=Contradiction.Kind.EVENT
    )
    page = catalogue.actor_statements(actor=actor)
    with django_assert_num_queries(2):  # the statements, then every pair of them
        rows = catalogue.with_contradictions(page)
        pairs = {s.pk: [(c.pk, o and o.pk) for c, o in s.contradiction_pairs] for s in rows}
        names = [o.actor.name for s in rows for _c, o in s.contradiction_pairs if o]
        titles = [c.event.title for s in rows for c, o in s.contradiction_pairs if o is None]
    assert [s.pk for s in rows] == [first.pk, second.pk, quiet.pk]
    assert pairs[first.pk] == [(as_a.pk, as_a.statement_b_id)]
    assert pairs[second.pk] == [(as_b.pk, someone.pk), (against_event.pk, None)]
    assert pairs[quiet.pk] == []
    assert len(names) == 2 and titles == [against_event.event.title]


def test_with_claims_loads_both_claims_of_several_lists_in_one_query(django_assert_num_queries):
    pair = ContradictionFactory()
    against_event = ContradictionFactory(
        statement_b=None, event=EventFactory(), kind=Contradiction.Kind.EVENT
    )
    lists = [
        list(selectors.contradiction_list().filter(pk=pair.pk).prefetch_related(None)),
        list(selectors.contradiction_list().filter(pk=against_event.pk).prefetch_related(None)),
    ]
    with django_assert_num_queries(1):
        selectors.with_claims(lists[0] + lists[1])
        loaded = lists[0][0]
        speakers = [loaded.statement_a.actor.name, loaded.statement_b.actor.name]
        outlet = loaded.statement_a.article.outlet_id
        assert lists[1][0].statement_b is None
        assert lists[1][0].statement_a.content == against_event.statement_a.content
    assert speakers == [pair.statement_a.actor.name, pair.statement_b.actor.name]
    assert outlet == pair.statement_a.article.outlet_id


def test_actor_topics_are_busiest_first_then_by_name_and_only_those_spoken_on():
    from statements.selectors.profiles import actor_topics

    actor = ActorFactory()
    grain = TopicFactory(slug="grain", name="Grain exports")
    gas = TopicFactory(slug="gas", name="Gas transit")
    troops = TopicFactory(slug="troops", name="Troops")
    TopicFactory(slug="quiet", name="Quiet topic")  # nobody spoke on it
    for topic, n in ((grain, 2), (gas, 2), (troops, 3)):
        for _ in range(n):
            StatementFactory(actor=actor, topic=topic)
    StatementFactory(actor=actor, topic=None)
    StatementFactory(topic=grain)  # someone else's
    assert actor_topics(actor=actor) == [
        {"topic__name": "Troops", "topic__slug": "troops", "n": 3},
        {"topic__name": "Gas transit", "topic__slug": "gas", "n": 2},
        {"topic__name": "Grain exports", "topic__slug": "grain", "n": 2},
    ]
