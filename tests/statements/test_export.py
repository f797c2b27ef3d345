import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from statements.views.exports import neutralise
from tests.factories import (
    ActorFactory,
    ContradictionFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

CSV = reverse("statements:export_csv")
JSON = reverse("statements:export_json")
FEED = reverse("statements:feed")
ATOM = "{http://www.w3.org/2005/Atom}"
XSS = "<script>alert(1)</script>"


def _body(response):
    return b"".join(response.streaming_content).decode()


def _csv(client, url=CSV, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(_body(response))))


def _json(client, **params):
    response = client.get(JSON, params)
    assert response.status_code == 200
    return json.loads(_body(response))["contradictions"]


def _feed(client, url=FEED):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(  # noqa: S314
        response.content
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain = text", "plain = text"),
        (None, ""),
        (0.5, "0.5"),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_neutralises_formulas_and_keeps_markup_as_raw_text(client):
    a = StatementFactory(content='=HYPERLINK("http://evil.example","click")')
    b = StatementFactory(content=XSS)
    ContradictionFactory(statement_a=a, statement_b=b)
    speaker = ActorFactory(name="@attacker", slug="attacker")
    ContradictionFactory(statement_a=StatementFactory(actor=speaker, content="-1+1"))
    rows = _csv(client)
    assert len(rows) == 2
    newest, older = rows
    assert newest["a_actor"] == "'@attacker" or newest["b_actor"] == "'@attacker"
    assert "'-1+1" in (newest["a_content"], newest["b_content"])
    assert older["a_content"] == "'" + a.content
    assert older["b_content"] == XSS  # raw text: a CSV is not HTML
    assert list(rows[0]) == list(_csv_header(client))


def _csv_header(client):
    return next(csv.reader(io.StringIO(_body(client.get(CSV)))))


def test_exports_respect_the_overview_filters(client):
    other_topic = TopicFactory(name="Gas transit", slug="gas-transit")
    kept = ContradictionFactory(status="confirmed")
    ContradictionFactory(status="detected")
    ContradictionFactory(status="confirmed", topic=other_topic)
    params = {"status": "confirmed", "topic": kept.topic.pk, "page": 3}
    assert [int(r["id"]) for r in _csv(client, **params)] == [kept.pk]
    rows = _json(client, **params)
    assert [r["id"] for r in rows] == [kept.pk]
    assert rows[0]["a_content"] == kept.statement_a.content
    assert rows[0]["topic"] == kept.topic.name


def test_exports_keep_the_overview_order_and_everything_unfiltered(client):
    made = ContradictionFactory.create_batch(25)
    ids = [r["id"] for r in _json(client)]
    assert ids == [c.pk for c in reversed(made)]  # all rows, not one page


def test_bad_filters_are_refused_not_widened(client):
    ContradictionFactory()
    for url in (CSV, JSON):
        response = client.get(url, {"topic": "999999", "date_from": "yesterday"})
        assert response.status_code == 400
        text = response.content.decode()
        assert "topic" in text and "date_from" in text


def test_empty_export_is_valid(client):
    assert _json(client) == []
    assert _csv(client) == []


def test_export_query_count_is_constant(client, django_assert_max_num_queries):
    ContradictionFactory()
    for url in (CSV, JSON):
        with CaptureQueriesContext(connection) as ctx:
            _body(client.get(url))
        few = len(ctx)
        assert few <= 4
    ContradictionFactory.create_batch(30)
    for url in (CSV, JSON):
        with django_assert_max_num_queries(few):
            assert len(_body(client.get(url)).splitlines()) > 30


def test_overview_links_to_exports_with_its_filters(client):
    contradiction = ContradictionFactory()
    html = client.get(reverse("statements:overview"), {"status": "detected"}).content.decode()
    assert f'href="{CSV}?status=detected"' in html
    assert f'href="{JSON}?status=detected"' in html
    assert f'href="{FEED}"' in html
    assert contradiction.statement_a.content in html


def test_atom_feed_lists_new_contradictions_with_markup_escaped(client):
    xss = ContradictionFactory(statement_b=StatementFactory(content=XSS))
    ContradictionFactory(status="dismissed")
    root = _feed(client)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    link = entry.find(f"{ATOM}link").get("href")
    assert link.endswith(reverse("statements:contradiction_detail", args=[xss.pk]))
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # The HTML payload a reader renders holds the script as escaped text, not markup.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary.text
    assert "<script>" not in summary.text
    assert b"<script>" not in client.get(FEED).content


def test_topic_and_actor_feeds_narrow_the_list(client):
    topic = TopicFactory(name="Gas transit", slug="gas-transit")
    on_topic = ContradictionFactory(topic=topic)
    ContradictionFactory()
    root = _feed(client, reverse("statements:topic_feed", args=[topic.slug]))
    assert "Gas transit" in root.find(f"{ATOM}title").text
    assert len(root.findall(f"{ATOM}entry")) == 1
    actor = on_topic.statement_b.actor
    root = _feed(client, reverse("statements:actor_feed", args=[actor.slug]))
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert actor.name in entries[0].find(f"{ATOM}title").text


def test_feed_pages_link_their_feeds_and_unknown_slugs_are_404(client):
    c = ContradictionFactory()
    topic_feed = reverse("statements:topic_feed", args=[c.topic.slug])
    html = client.get(reverse("statements:topic_detail", args=[c.topic.slug])).content.decode()
    assert f'href="{topic_feed}"' in html
    actor = c.statement_a.actor
    actor_feed = reverse("statements:actor_feed", args=[actor.slug])
    html = client.get(reverse("statements:actor_detail", args=[actor.slug])).content.decode()
    assert f'href="{actor_feed}"' in html
    assert client.get(reverse("statements:topic_feed", args=["nope"])).status_code == 404
    assert client.get(reverse("statements:actor_feed", args=["nope"])).status_code == 404


def test_feed_query_count_is_constant(client, django_assert_max_num_queries):
    ContradictionFactory()
    with CaptureQueriesContext(connection) as ctx:
        client.get(FEED)
    ContradictionFactory.create_batch(20)
    with django_assert_max_num_queries(len(ctx)):
        assert (
            len(
                ET.fromstring(  # noqa: S314
                    client.get(FEED).content
                ).findall(f"{ATOM}entry")
            )
            == 21
        )


def test_a_long_export_reads_every_row_once_across_chunks(client, monkeypatch):
    from statements.models import Contradiction
    from statements.selectors import export

    monkeypatch.setattr(export, "CHUNK_SIZE", 2)
    made = ContradictionFactory.create_batch(5)
    # Ties on the detection time: the chunks must still split between rows, not skip any.
    Contradiction.objects.filter(pk__in=[c.pk for c in made[1:4]]).update(
        detected_at=made[1].detected_at
    )
    expected = list(
        Contradiction.objects.order_by("-detected_at", "-id").values_list("id", flat=True)
    )

    rows = _csv(client)

    assert [int(r["id"]) for r in rows] == expected
    assert len(expected) == 5
