"""The analyst flows in a real browser: the overview's chart and live updates, a topic
timeline point to the claim it stands for, an event claim side by side, and an editor
ingesting a pasted article until its contradiction appears."""

import datetime as dt
import re

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from sources.services import ingest_job_create
from tests.factories import (
    ActorFactory,
    ContradictionFactory,
    EventFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def _login(page, live_server, user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_overview_chart_is_keyboard_reachable_and_new_contradictions_arrive_live(page, settings):
    settings.GAINSAY_LIVE_POLL_SECONDS = 1
    topic = TopicFactory()
    ContradictionFactory(topic=topic)
    page.goto("/")
    chart = page.get_by_role("group", name=re.compile("Contradictions per month by topic"))
    expect(chart).to_be_visible()
    bar = page.locator(".chart-svg a").first
    expect(bar).to_have_attribute("aria-label", re.compile(r"1 contradiction$"))
    bar.focus()
    expect(bar).to_be_focused()
    page.get_by_text("The chart's figures as a table").click()
    expect(page.locator(".chart-table tbody tr")).to_have_count(1)
    expect(page.locator("#results article.contradiction")).to_have_count(1)

    fresh = ContradictionFactory(
        topic=topic,
        statement_a=StatementFactory(content="Newly detected " + SCRIPT),
    )
    arrived = page.locator("#results article.contradiction.new")
    expect(arrived).to_have_count(1, timeout=8000)
    expect(arrived.get_by_role("link", name=f"#{fresh.pk} ·")).to_be_visible()
    expect(arrived.get_by_text(SCRIPT)).to_be_visible()
    # The next polls ask only for newer rows: nothing is added twice.
    page.wait_for_timeout(1500)
    expect(page.locator("#results article.contradiction")).to_have_count(2)
    page.problems.assert_none()


def test_timeline_point_leads_to_the_claim(page):
    topic = TopicFactory()
    speaker = ActorFactory(name="Sergei Shoigu", slug="sergei-shoigu")
    pulling = StatementFactory(
        topic=topic,
        actor=speaker,
        stance=topic.stance_a,
        said_on=dt.date(2022, 2, 15),
        content="Units return to their bases " + IMG,
    )
    StatementFactory(topic=topic, stance=topic.stance_b, said_on=dt.date(2022, 2, 17))
    EventFactory(topic=topic, title="Russia invades Ukraine", occurred_on=dt.date(2022, 2, 24))
    page.goto(f"/topics/{topic.slug}/")
    expect(page.locator(".timeline-svg a.point")).to_have_count(2)
    expect(page.locator(".timeline-svg .event")).to_have_count(1)
    point = page.locator(".timeline-svg a.point-a")
    expect(point).to_have_attribute("aria-label", re.compile("^Sergei Shoigu, 15 February 2022"))
    point.click()
    expect(page).to_have_url(re.compile(rf"/statements/{pulling.pk}/$"))
    expect(page.get_by_role("heading", name=f"Statement #{pulling.pk}")).to_be_visible()
    expect(page.get_by_text(IMG).first).to_be_visible()
    assert page.locator("main img").count() == 0
    page.problems.assert_none()


def test_a_claim_against_an_event_is_shown_side_by_side(page):
    topic = TopicFactory()
    claim = StatementFactory(topic=topic, stance=topic.stance_a)
    event = EventFactory(topic=topic, title="Satellite images show new field hospitals")
    contradiction = ContradictionFactory(
        statement_a=claim, statement_b=None, event=event, topic=topic, kind="event"
    )
    page.goto(f"/contradictions/{contradiction.pk}/")
    expect(
        page.get_by_role("heading", name=re.compile("Claim against a later event"))
    ).to_be_visible()
    expect(page.get_by_role("region", name="Event")).to_contain_text(event.title)
    expect(page.get_by_role("region", name="Claim A")).to_be_visible()
    page.problems.assert_none()


ARTICLE_A = (
    "Moscow pulls back\n\n"
    "Feb. 15 (Wire) -- Russia's defense ministry said on Tuesday that some units have "
    "begun to return to their bases after drills near the border.\n"
)
ARTICLE_B = (
    "NATO sees no pullback\n\n"
    "Feb. 16 (Wire) -- NATO Secretary-General Jens Stoltenberg said on Wednesday that "
    "Russia continues the military buildup near Ukraine.\n"
)


def _ingest_editor():
    # The permission itself rather than the editors group: a flush by an earlier
    # transactional test removes the group (a data migration) but post_migrate
    # recreates permissions, so this does not depend on test order.
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(username="desk")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="sources", codename="add_ingestjob")
    )
    return user


def test_editor_ingests_a_pasted_article_and_sees_its_contradiction(page, live_server):
    from statements.services import actors_load_catalogue, topics_load_catalogue

    actors_load_catalogue(path=django_settings.GAINSAY_ACTOR_CATALOGUE)
    topics_load_catalogue(path=django_settings.GAINSAY_TOPIC_CATALOGUE)
    ingest_job_create(
        kind="text",
        payload=ARTICLE_A,
        content_type="text",
        options={"outlet": "Wire", "published": "2022-02-15"},
    )
    _login(page, live_server, _ingest_editor())
    page.goto("/")
    page.get_by_role("link", name="Ingest").click()
    expect(page).to_have_url(re.compile(r"/ingest/$"))
    page.get_by_label("Paste an article").fill(ARTICLE_B)
    page.get_by_label("Outlet").fill("Wire")
    page.get_by_role("button", name="Ingest").click()
    expect(page).to_have_url(re.compile(r"/ingest/jobs/\d+/$"))
    expect(page.locator(".job-status")).to_have_text("Done", timeout=15000)
    contradiction = page.locator("#job-progress article.contradiction").first
    expect(contradiction).to_be_visible()
    contradiction.get_by_role("link", name=re.compile(r"^#\d+ ·")).click()
    expect(page).to_have_url(re.compile(r"/contradictions/\d+/$"))
    expect(page.locator(".claim")).to_have_count(2)
    page.problems.assert_none()


def test_readers_cannot_open_the_ingest_page(page, live_server):
    from tests.factories import UserFactory

    _login(page, live_server, UserFactory(username="reader"))
    response = page.goto("/ingest/")
    assert response.status == 403
    expect(page.get_by_role("link", name="Ingest")).to_have_count(0)
