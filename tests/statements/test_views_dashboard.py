"""Dashboard pages added for issue #5: overview figures and live rows, event claims,
roles at the time, timelines, actor profiles and the editors' ingest page."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sources.models import IngestJob
from statements.models import Contradiction
from statements.services import contradiction_review
from tests.factories import (
    ActorFactory,
    ActorRoleFactory,
    ContradictionFactory,
    EventFactory,
    IngestJobFactory,
    OutletFactory,
    PropositionFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("statements:overview")
LIVE = reverse("statements:overview_live")
INGEST = reverse("statements:ingest")


def _ids(html):
    return list(dict.fromkeys(int(i) for i in re.findall(r'href="/contradictions/(\d+)/"', html)))


def _event_contradiction(**kwargs):
    topic = kwargs.pop("topic", None) or TopicFactory()
    return ContradictionFactory(
        statement_a=StatementFactory(topic=topic, stance=topic.stance_a),
        statement_b=None,
        event=EventFactory(topic=topic, title="Troops cross the border"),
        topic=topic,
        kind=Contradiction.Kind.EVENT,
        phrase_b="",
        **kwargs,
    )


# --- Overview ---------------------------------------------------------------


def test_overview_shows_counts_chart_and_highest_scored(client):
    low = ContradictionFactory(score=0.2)
    high = ContradictionFactory(score=0.95, status="confirmed")
    html = client.get(OVERVIEW).content.decode()
    assert re.search(r"<dt>Contradictions</dt><dd>2</dd>", html)
    assert re.search(r"<dt>Confirmed</dt><dd>1</dd>", html)
    assert "<svg" in html and "<title" in html and "<desc" in html
    assert "The chart's figures as a table" in html
    top = html.split('class="top"', 1)[1]
    assert _ids(top) == [high.pk, low.pk]


def test_overview_filters_by_kind_outlet_and_affiliation(client):
    ministry = ActorFactory(name="Ministry of Defence", slug="mod")
    spokesman = ActorFactory(name="Igor Konashenkov", parent=ministry)
    by_member = ContradictionFactory(statement_a=StatementFactory(actor=spokesman))
    wire = OutletFactory(name="Wire")
    in_wire = ContradictionFactory(statement_b=StatementFactory(article__outlet=wire))
    reversal = ContradictionFactory(kind=Contradiction.Kind.REVERSAL)
    event = _event_contradiction()
    cases = {
        "affiliation=mod": [by_member.pk],
        f"outlet={wire.pk}": [in_wire.pk],
        "kind=reversal": [reversal.pk],
        "kind=event": [event.pk],
    }
    for query, expected in cases.items():
        html = client.get(f"{OVERVIEW}?{query}").content.decode()
        listed = html.split('id="results"', 1)[1].split('class="top"', 1)[0]
        assert _ids(listed) == expected, query


def test_an_unknown_affiliation_is_a_message_not_an_error(client):
    ContradictionFactory()
    response = client.get(f"{OVERVIEW}?affiliation=nobody&outlet=999999")
    assert response.status_code == 200
    assert "Unknown affiliation" in response.content.decode()
    assert "Unknown outlet" in response.content.decode()


def test_overview_polls_for_newer_rows_with_its_filters(client):
    old = ContradictionFactory()
    html = client.get(f"{OVERVIEW}?status=detected").content.decode()
    poller = re.search(r'hx-get="([^"]+)" hx-trigger="every 15s"', html)
    assert poller, "the overview must poll for new rows"
    url = poller.group(1).replace("&amp;", "&")
    assert f"after={old.pk}" in url and "status=detected" in url
    assert _ids(client.get(url).content.decode()) == []
    new = ContradictionFactory()
    ContradictionFactory(status="dismissed")  # newer, but filtered out
    answer = client.get(url).content.decode()
    assert _ids(answer) == [new.pk]
    assert "<html" not in answer
    # The answer carries the next poller, which resumes after what it just sent.
    next_url = re.search(r'hx-get="([^"]+)"', answer).group(1).replace("&amp;", "&")
    assert f"after={new.pk}" in next_url and "status=detected" in next_url
    assert _ids(client.get(next_url).content.decode()) == []


@pytest.mark.parametrize("after", ["", "abc", "-1", "1e9"])
def test_live_rows_need_a_whole_number(client, after):
    response = client.get(f"{LIVE}?after={after}")
    assert response.status_code == 400
    assert b"whole number" in response.content


def test_live_rows_query_count_does_not_grow(client, django_assert_max_num_queries):
    ContradictionFactory()
    with django_assert_max_num_queries(6):
        client.get(f"{LIVE}?after=0")
    ContradictionFactory.create_batch(15)
    with django_assert_max_num_queries(6):
        assert len(_ids(client.get(f"{LIVE}?after=0").content.decode())) == 16


def test_event_contradictions_show_in_lists_exports_and_feeds(client):
    c = _event_contradiction()
    html = client.get(OVERVIEW).content.decode()
    assert "Event: Troops cross the border" in html
    response = client.get(reverse("statements:export_csv"))
    rows = b"".join(response.streaming_content).decode()
    assert "Troops cross the border" in rows
    feed = client.get(reverse("statements:feed")).content.decode()
    assert "Troops cross the border" in feed
    actor_page = client.get(
        reverse("statements:actor_detail", args=[c.statement_a.actor.slug])
    ).content.decode()
    assert "vs event: Troops cross the border" in actor_page


# --- Side by side -----------------------------------------------------------


def test_detail_shows_the_role_held_on_the_day_said(client):
    person = ActorFactory(name="Dmitry Peskov")
    kremlin = ActorFactory(name="Kremlin")
    ActorRoleFactory(
        person=person,
        organisation=kremlin,
        title="Deputy spokesman",
        start=dt.date(2010, 1, 1),
        end=dt.date(2012, 5, 1),
    )
    ActorRoleFactory(
        person=person, organisation=kremlin, title="Press Secretary", start=dt.date(2012, 5, 2)
    )
    c = ContradictionFactory(
        statement_a=StatementFactory(actor=person, said_on=dt.date(2011, 3, 1)),
        statement_b=StatementFactory(actor=person, said_on=dt.date(2022, 2, 16)),
    )
    html = client.get(reverse("statements:contradiction_detail", args=[c.pk])).content.decode()
    claim_a, claim_b = html.split('aria-label="Claim B"', 1)
    assert "Deputy spokesman" in claim_a and "Press Secretary" not in claim_a
    assert "Press Secretary" in claim_b and "Deputy spokesman" not in claim_b


def test_detail_links_other_claims_and_records_review_history(client, editor):
    topic = TopicFactory()
    c = ContradictionFactory(topic=topic)
    other = StatementFactory(
        actor=c.statement_a.actor, topic=topic, content="An earlier remark on this topic"
    )
    StatementFactory(actor=c.statement_a.actor, content="Off topic")  # another topic: not listed
    contradiction_review(contradiction=c, status="confirmed", user=editor, note="Checked " * 2)
    html = client.get(reverse("statements:contradiction_detail", args=[c.pk])).content.decode()
    assert reverse("statements:statement_detail", args=[other.pk]) in html
    assert "Off topic" not in html
    history = html.split('id="history-heading"', 1)[1]
    assert "confirmed" in history and "editor" in history and "detected" in history


def test_detail_of_an_event_claim_shows_the_event_in_place_of_claim_b(client):
    c = _event_contradiction()
    response = client.get(reverse("statements:contradiction_detail", args=[c.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-label="Event"' in html and "Troops cross the border" in html
    assert 'aria-label="Claim B"' not in html


def test_detail_query_count_is_constant(client, django_assert_max_num_queries):
    c = ContradictionFactory()
    for _ in range(15):
        StatementFactory(actor=c.statement_a.actor, topic=c.topic)
    with django_assert_max_num_queries(5):
        client.get(reverse("statements:contradiction_detail", args=[c.pk]))


# --- Topic, actor and statement pages ----------------------------------------


def test_topic_timeline_has_a_lane_per_stance_events_and_linked_points(client):
    topic = TopicFactory()
    a = StatementFactory(topic=topic, stance=topic.stance_a, said_on=dt.date(2022, 2, 15))
    b = StatementFactory(topic=topic, stance=topic.stance_b, said_on=dt.date(2022, 2, 17))
    StatementFactory(topic=topic, stance="", said_on=dt.date(2022, 2, 16))  # no lane
    EventFactory(topic=topic, title="Invasion begins", occurred_on=dt.date(2022, 2, 24))
    PropositionFactory(topic=topic, text="Russian forces are withdrawing")
    html = client.get(reverse("statements:topic_detail", args=[topic.slug])).content.decode()
    timeline = html.split('class="timeline"', 1)[1].split("</figure>", 1)[0]
    points = re.findall(r'<a class="point point-(a|b)" href="/statements/(\d+)/"', timeline)
    assert sorted(points) == [("a", str(a.pk)), ("b", str(b.pk))]
    point_a = re.search(r'class="point point-a".*?<circle cx="[\d.]+" cy="([\d.]+)"', timeline)
    point_b = re.search(r'class="point point-b".*?<circle cx="[\d.]+" cy="([\d.]+)"', timeline)
    assert float(point_a.group(1)) < float(point_b.group(1)), "stance A is drawn above B"
    assert "Event, 24 Feb 2022: Invasion begins" in timeline
    assert "Russian forces are withdrawing" in html


def test_timeline_labels_escape_hostile_text(client):
    topic = TopicFactory()
    StatementFactory(topic=topic, stance=topic.stance_a, content='"><script>alert(1)</script>')
    html = client.get(reverse("statements:topic_detail", args=[topic.slug])).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_actor_page_separates_contradictions_with_others_from_reversals(client):
    actor = ActorFactory(slug="flip-flopper")
    topic = TopicFactory()
    with_other = ContradictionFactory(statement_a=StatementFactory(actor=actor, topic=topic))
    reversal = ContradictionFactory(
        statement_a=StatementFactory(actor=actor, topic=topic),
        statement_b=StatementFactory(actor=actor, topic=topic),
        kind=Contradiction.Kind.REVERSAL,
    )
    html = client.get(reverse("statements:actor_detail", args=["flip-flopper"])).content.decode()
    others = html.split('id="contradictions-heading"', 1)[1].split('id="reversals-heading"')[0]
    reversals = html.split('id="reversals-heading"', 1)[1].split('id="statements-heading"')[0]
    assert _ids(others) == [with_other.pk]
    assert _ids(reversals) == [reversal.pk]
    topics = html.split('id="topics-heading"', 1)[1].split('id="contradictions-heading"')[0]
    assert topic.name in topics and "(3)" in topics


def test_statement_page_shows_the_claim_and_its_contradictions(client):
    c = ContradictionFactory()
    html = client.get(
        reverse("statements:statement_detail", args=[c.statement_a.pk])
    ).content.decode()
    assert c.statement_a.content in html
    assert _ids(html) == [c.pk]
    assert client.get("/statements/987654/").status_code == 404


@pytest.mark.parametrize("name", ["actor_list", "topic_list"])
def test_index_pages_query_count_does_not_grow(client, name, django_assert_max_num_queries):
    url = reverse(f"statements:{name}")
    StatementFactory(topic=TopicFactory(name="T0", slug="t0"))
    with django_assert_max_num_queries(6):
        client.get(url)
    for i in range(1, 12):
        StatementFactory(topic=TopicFactory(name=f"T{i}", slug=f"t{i}"))
    with django_assert_max_num_queries(6):
        client.get(url)


def test_index_pages_count_per_row(client):
    topic = TopicFactory()
    actor = ActorFactory(name="Counted Speaker")
    StatementFactory.create_batch(3, actor=actor, topic=topic)
    actors = client.get(reverse("statements:actor_list")).content.decode()
    assert re.search(
        r"Counted Speaker</a></td>\s*<td>[^<]*</td>\s*<td>[^<]*</td>\s*"
        r'<td class="num">3</td>',
        actors,
    )
    topics = client.get(reverse("statements:topic_list")).content.decode()
    assert re.search(r'<td class="num">3</td>', topics)


# --- Ingest -----------------------------------------------------------------


def test_ingest_sends_anonymous_visitors_to_log_in_and_refuses_readers(client, reader):
    response = client.get(INGEST)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(reader)
    assert client.get(INGEST).status_code == 403
    assert client.post(INGEST, {"text": "Anything"}).status_code == 403
    assert not IngestJob.objects.exists()


def test_ingest_needs_a_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(INGEST, {"text": "Some article"}).status_code == 403
    assert not IngestJob.objects.exists()


@pytest.mark.parametrize(
    "data",
    [{}, {"text": "   "}, {"text": "Text", "url": "https://example.org/a"}, {"url": "ftp://x"}],
)
def test_ingest_needs_exactly_one_input(editor_client, data):
    response = editor_client.post(INGEST, data)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not IngestJob.objects.exists()


def test_ingest_refuses_a_binary_upload_with_a_message(editor_client):
    upload = SimpleUploadedFile("x.txt", b"abc\x00def", content_type="text/plain")
    response = editor_client.post(INGEST, {"file": upload})
    assert response.status_code == 400
    assert "binary" in response.content.decode()


def test_ingested_text_is_processed_and_its_job_page_lists_the_results(
    editor_client, django_capture_on_commit_callbacks
):
    text = "Moscow\n\nRussia's defense ministry said that units return to their bases.\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(INGEST, {"text": text, "outlet": "Wire"})
    job = IngestJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("statements:ingest_job", args=[job.pk])
    assert (job.kind, job.content_type, job.options) == ("text", "text", {"outlet": "Wire"})
    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE, job.error
    page = editor_client.get(response["Location"]).content.decode()
    assert "hx-trigger" not in page  # finished: no more polling
    assert "units return to their bases" in page


def test_a_running_job_page_polls_its_progress(editor_client):
    job = IngestJobFactory(status=IngestJob.Status.RUNNING)
    url = reverse("statements:ingest_job", args=[job.pk])
    page = editor_client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    fragment = editor_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and 'id="job-progress"' in fragment
    assert editor_client.get("/ingest/jobs/987654/").status_code == 404
