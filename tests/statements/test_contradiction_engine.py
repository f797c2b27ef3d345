"""The engine over stored statements: windows, kinds, events, propositions, re-detection."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from statements.models import Contradiction, Event, Proposition, Statement, StatementProposition
from statements.services import (
    contradiction_review,
    contradictions_detect_all,
    contradictions_detect_for_statement,
    statement_create,
    statement_update,
    topic_update,
    topics_load_catalogue,
)
from statements.services.contradictions import (
    candidate_queryset,
    claim_view,
    contradictions_detect_for_event,
)
from statements.services.seed_events import events_load_catalogue
from statements.services.topics import topic_merge
from tests.factories import ActorFactory, ArticleFactory, EventFactory, TopicFactory

pytestmark = pytest.mark.django_db
FEB = dt.date(2022, 2, 15)


@pytest.fixture
def topics(settings):
    topics_load_catalogue(path=settings.BASE_DIR / "seeds" / "topics.json")


def say(actor_name, content, said_on=FEB):
    article = ArticleFactory(text=f"Officials said {content}.")
    return statement_create(
        article=article, content=content, actor=ActorFactory(name=actor_name), said_on=said_on
    )


def pairs():
    return {
        (c.kind, frozenset({c.statement_a_id, c.statement_b_id}))
        for c in Contradiction.objects.all()
    }


def test_claims_outside_the_topics_window_are_an_update_not_a_contradiction(topics):
    buildup = say("Pentagon", "Russia continues the military buildup", FEB)
    pullback = say("Kremlin", "troops are returning to their bases", FEB + dt.timedelta(days=45))
    assert not Contradiction.objects.exists()

    topic_update(topic=buildup.topic, window_days=60)
    pullback.refresh_from_db()
    contradictions_detect_for_statement(statement=pullback)

    assert pairs() == {("opposite_direction", frozenset({buildup.pk, pullback.pk}))}


def test_one_actor_reversing_itself_months_later_is_a_reversal(topics):
    before = say("Kremlin", "troops are returning to their bases", FEB)
    after = say(
        "Kremlin", "Russia will send more troops to the border", FEB + dt.timedelta(days=90)
    )
    contradiction = Contradiction.objects.get()
    assert contradiction.kind == "reversal"
    assert {contradiction.statement_a, contradiction.statement_b} == {before, after}
    assert "90 days later" in contradiction.explanation


def test_two_counts_of_the_same_troops_are_a_numeric_mismatch(topics):
    us = say(
        "Pentagon",
        "Russia has massed 130,000 troops near Ukraine's borders and is adding more forces",
    )
    ru = say("Kremlin", "Russia has 100,000 troops in the border regions and is adding more forces")
    assert us.quantities[0]["value"] == 130_000
    contradiction = Contradiction.objects.get()
    assert contradiction.kind == "numeric_mismatch"
    assert '"130,000 troops"' in contradiction.explanation
    assert {contradiction.statement_a, contradiction.statement_b} == {us, ru}


def test_an_event_contradicts_earlier_denials_and_new_denials_meet_old_events(topics):
    denial = say("Kremlin", "there are no plans to invade Ukraine", FEB)
    warning = say("Kyiv", "Russia will launch an invasion on Wednesday", FEB)
    event = EventFactory(topic=denial.topic, confirms_stance="a", occurred_on=dt.date(2022, 2, 24))

    [found] = contradictions_detect_for_event(event=event)
    assert (found.statement_a, found.statement_b, found.event) == (denial, None, event)
    assert found.kind == "event" and found.phrase_b == event.title

    later_denial = say("Lavrov", "Russia is not going to invade anyone", dt.date(2022, 2, 20))
    assert Contradiction.objects.filter(statement_a=later_denial, event=event).exists()
    assert not Contradiction.objects.filter(statement_a=warning, event=event).exists()


def test_an_event_reaches_back_only_as_far_as_its_topics_event_window(topics):
    invasion = dt.date(2022, 2, 24)
    recent = say("Kremlin", "there are no plans to invade", invasion - dt.timedelta(days=20))
    old = say("Lavrov", "Russia is not going to invade anyone", invasion - dt.timedelta(days=75))
    topic = recent.topic
    topic_update(topic=topic, event_window_days=30)
    event = EventFactory(topic=topic, confirms_stance="a", occurred_on=invasion)

    held = {c.statement_a_id for c in contradictions_detect_for_event(event=event)}
    assert held == {recent.pk}

    # The same reach from the statement's side and in a full re-detection.
    Contradiction.objects.all().delete()
    for statement in (recent, old):
        statement.refresh_from_db()
        contradictions_detect_for_statement(statement=statement)
    assert set(Contradiction.objects.values_list("statement_a_id", flat=True)) == {recent.pk}
    contradictions_detect_all()
    assert set(Contradiction.objects.values_list("statement_a_id", flat=True)) == {recent.pk}

    # Months of denials before an invasion count where the topic says so.
    topic_update(topic=topic, event_window_days=90)
    contradictions_detect_all()
    assert set(Contradiction.objects.values_list("statement_a_id", flat=True)) == {
        recent.pk,
        old.pk,
    }


def test_a_reviewed_event_detection_survives_redetection(topics, editor):
    denial = say("Kremlin", "there are no plans to invade Ukraine", FEB)
    event = EventFactory(topic=denial.topic, confirms_stance="a")
    [found] = contradictions_detect_for_event(event=event)
    contradiction_review(contradiction=found, status="dismissed", user=editor)

    event.confirms_stance = "b"
    event.save()
    contradictions_detect_for_event(event=event)
    contradictions_detect_all()

    found.refresh_from_db()
    assert found.status == "dismissed"


def test_statements_link_to_their_topics_propositions(topics):
    denial = say("Kremlin", "there are no plans to invade Ukraine", FEB)
    links = {
        link.proposition.text: link
        for link in StatementProposition.objects.filter(statement=denial)
    }
    assert links["Russia has no plans to invade Ukraine."].relation == "supports"
    refuted = links["Russia intends to invade Ukraine."]
    assert refuted.relation == "refutes"
    assert refuted.phrase == "no plans to invade" and refuted.confidence > 0


def test_a_statement_moved_to_another_topic_or_side_keeps_only_its_new_links(topics):
    from statements.models import Topic

    denial = say("Kremlin", "there are no plans to invade Ukraine", FEB)
    intent = Topic.objects.get(slug="russian-invasion-intent")
    posture = Topic.objects.get(slug="russian-troop-posture")

    def links():
        rows = StatementProposition.objects.filter(statement=denial).select_related("proposition")
        return {(link.proposition.topic_id, link.proposition.text, link.relation) for link in rows}

    before = links()
    assert before and {topic for topic, _, _ in before} == {intent.pk}
    statement_update(statement=denial, topic=intent, stance=intent.stance_a)
    flipped = links()
    assert {text for _, text, _ in flipped} == {text for _, text, _ in before}
    assert {(t, r) for _, t, r in flipped} != {(t, r) for _, t, r in before}

    statement_update(statement=denial, topic=posture, stance=posture.stance_b)
    assert links() and {topic for topic, _, _ in links()} == {posture.pk}

    statement_update(statement=denial, topic=None, stance="")
    assert links() == set()


def test_the_embedded_modes_way_of_writing_links_stores_the_same_links(topics):
    from statements.services.propositions import _links_write_portable

    denial = say("Kremlin", "there are no plans to invade Ukraine", FEB)

    def stored():
        return set(
            StatementProposition.objects.filter(statement=denial).values_list(
                "proposition_id", "relation", "confidence", "phrase", "rule"
            )
        )

    written = stored()
    StatementProposition.objects.filter(statement=denial).delete()
    _links_write_portable(denial)
    assert written and stored() == written


def test_a_relayed_claim_has_a_topic_but_no_stance_and_is_neutral(topics):
    relayed = say("Jens Stoltenberg", "Moscow claims its troops are pulling back from the border")
    assert relayed.topic.slug == "russian-troop-posture"
    assert relayed.stance == "" and relayed.stance_rule.startswith("reported claim")
    relations = set(
        StatementProposition.objects.filter(statement=relayed).values_list("relation", flat=True)
    )
    assert relations == {"neutral"}


def test_full_redetection_matches_one_by_one_detection_and_is_idempotent(topics, editor):
    say("Pentagon", "Russia continues the military buildup", FEB)
    say("Kremlin", "troops are returning to their bases", FEB)
    say("Kremlin", "Russia will send more troops", FEB + dt.timedelta(days=60))
    say("NATO", "we have not seen any de-escalation", FEB + dt.timedelta(days=2))
    before = pairs()
    assert {kind for kind, _ in before} == {"opposite_direction", "denial", "reversal"}
    dismissed = Contradiction.objects.first()
    contradiction_review(contradiction=dismissed, status="dismissed", user=editor)
    Contradiction.objects.exclude(pk=dismissed.pk).delete()

    contradictions_detect_all()
    contradictions_detect_all()

    assert pairs() == before
    dismissed.refresh_from_db()
    assert dismissed.status == "dismissed"
    assert Contradiction.objects.get(pk=dismissed.pk).history.count() == 2


def test_detection_reads_the_topics_window_through_the_index(topics):
    statement = say("Pentagon", "Russia continues the military buildup", FEB)
    queryset = candidate_queryset(statement, claim_view(statement))
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # On a near-empty table the planner prefers a scan; forbid it to see the index serves
        # the query's shape (benchmark_detection prints the plan on a million rows).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index" in plan and "topic_id" in plan and "said_on" in plan, plan


def test_merging_a_topic_moves_its_statements_and_rechecks_them(topics):
    posture = TopicFactory()
    duplicate = TopicFactory(
        name="Russian forces near Ukraine",
        slug="russian-forces",
        stance_a="pulling back",
        stance_a_cues="drawdown",
        stance_b="building up",
        stance_b_cues="reinforcements",
    )
    a = say("Pentagon", "Russia continues the military buildup", FEB)
    b = Statement.objects.create(
        article=ArticleFactory(),
        actor=ActorFactory(name="Kremlin"),
        content="a drawdown has begun",
        topic=duplicate,
        stance="pulling back",
        stance_phrase="drawdown",
        said_on=FEB,
    )
    assert not Contradiction.objects.exists()

    moved = topic_merge(source=duplicate, target=posture)

    assert moved == 1
    b.refresh_from_db()
    assert b.topic == posture
    posture.refresh_from_db()
    assert "drawdown" in posture.stance_a_cues.splitlines()
    assert pairs() == {("opposite_direction", frozenset({a.pk, b.pk}))}


def test_the_event_catalogue_loads_once_and_detects(topics, tmp_path):
    denial = say("Kremlin", "there are no plans to invade Ukraine", FEB)
    path = tmp_path / "events.json"
    path.write_text(
        json.dumps(
            [
                {
                    "title": "Russia invades Ukraine",
                    "occurred_on": "2022-02-24",
                    "topic": "russian-invasion-intent",
                    "confirms": "invasion expected",
                }
            ]
        )
    )
    events_load_catalogue(path=path)
    events_load_catalogue(path=path)
    event = Event.objects.get()
    assert event.confirms_stance == "a"
    assert Contradiction.objects.get().statement_a == denial


def test_the_seed_catalogue_gives_every_topic_propositions(topics):
    assert Proposition.objects.values("topic").distinct().count() == 6
    assert set(Proposition.objects.values_list("supported_by_stance", flat=True)) == {"a", "b"}


def test_proposed_topics_are_not_used_for_classification(topics):
    TopicFactory(
        name="Gas supply",
        slug="gas",
        stance_a="cut",
        stance_a_cues="cut off gas",
        stance_b="flowing",
        stance_b_cues="gas keeps flowing",
        status="proposed",
    )
    statement = say("Gazprom", "Russia threatened to cut off gas to Europe")
    assert statement.topic is None
    call_command("detect_contradictions", "--all")


def test_the_command_detects_for_one_event_and_refuses_an_unknown_one(topics, capsys):
    say("Kremlin", "there are no plans to invade Ukraine", FEB)
    event = EventFactory(topic=Statement.objects.get().topic, confirms_stance="a")
    call_command("detect_contradictions", "--event", str(event.pk))
    assert f"Event {event.pk}: 1 earlier claim(s) contradicted." in capsys.readouterr().out
    with pytest.raises(CommandError, match="No event with id 999999"):
        call_command("detect_contradictions", "--event", "999999")
