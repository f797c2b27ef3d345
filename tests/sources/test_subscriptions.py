"""Polling feed sources against a real loopback HTTP server whose feeds change between polls."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from sources.models import Article, IngestJob, Source, SourceItem
from sources.subscriptions.services import source_poll
from tests.sources.conftest import ARTICLE_HTML
from tests.sources.feedsite import item, rss, story


@pytest.fixture
def source(db, feed_site):
    feed_site.serve("/feed.xml", rss(item(1), item(2)))
    return Source.objects.create(url=f"{feed_site.base}/feed.xml", poll_interval_minutes=10)


def poll(source):
    # Make it due, as the clock would, then poll.
    Source.objects.filter(pk=source.pk).update(next_poll_at=None)
    result = source_poll(source_id=source.pk)
    source.refresh_from_db()
    return result


def test_new_items_arriving_across_polls_are_ingested_once(feed_site, source):
    first = poll(source)
    assert (first.status, first.new_items) == ("ok", 2), first.error
    assert Article.objects.count() == 2
    assert source.items_seen == 2 and source.last_new_item_at is not None
    article = Article.objects.get(url="http://example.org/story-1")
    assert article.title == "Story 1" and article.status == Article.Status.DONE
    assert article.published_at == dt.datetime(2022, 2, 14, 11, tzinfo=dt.UTC)
    assert IngestJob.objects.get(kind="feed").articles_created == 2

    feed_site.serve("/feed.xml", rss(item(3), item(1), item(2)))
    second = poll(source)

    assert (second.status, second.new_items) == ("ok", 1)
    assert Article.objects.count() == 3
    assert SourceItem.objects.filter(source=source).count() == 3
    assert source.items_seen == 3
    assert IngestJob.objects.filter(kind="feed").count() == 2


def test_updated_items_are_revised_in_place_keeping_their_old_text(feed_site, source):
    poll(source)
    new_item_at = source.last_new_item_at
    old_text = Article.objects.get(url="http://example.org/story-1").text
    # Same guids, reworded: the same entries, updated.
    feed_site.serve("/feed.xml", rss(item(2, body=story(22)), item(1, body=story(11))))

    result = poll(source)

    assert (result.status, result.new_items, result.updated_items) == ("ok", 0, 2)
    assert Article.objects.count() == 2
    assert source.last_new_item_at == new_item_at
    article = Article.objects.get(url="http://example.org/story-1")
    assert "section 11" in article.text
    assert [v.text for v in article.versions.all()] == [old_text]
    assert article.status == Article.Status.DONE
    # Polled again unchanged: nothing more to do.
    assert poll(source).updated_items == 0
    assert article.versions.count() == 1


def test_a_304_fetches_nothing_and_leaves_articles_alone(feed_site, source):
    feed_site.serve("/feed.xml", rss(item(1)), etag='"v1"')
    poll(source)
    assert source.etag == '"v1"'
    before = list(Article.objects.values_list("pk", "updated_at"))
    # Were the server to send this body, item 2 would be ingested.
    feed_site.serve("/feed.xml", rss(item(2), item(1)), etag='"v1"')

    result = poll(source)

    assert result.status == "not_modified"
    assert feed_site.asked("/feed.xml")[-1].get("If-None-Match") == '"v1"'
    assert list(Article.objects.values_list("pk", "updated_at")) == before
    assert source.last_polled_at is not None and source.error_streak == 0
    assert source.next_poll_at > timezone.now() + dt.timedelta(minutes=9)


def test_a_short_entry_is_ingested_from_its_linked_page(feed_site, db):
    feed_site.serve("/article.html", ARTICLE_HTML, content_type="text/html; charset=utf-8")
    entry = (
        f"<item><title>Pull back</title><link>{feed_site.base}/article.html</link>"
        "<description>Troops pull back.</description></item>"
    )
    feed_site.serve("/feed.xml", rss(entry))
    source = Source.objects.create(url=f"{feed_site.base}/feed.xml")

    assert poll(source).new_items == 1

    article = Article.objects.get()
    assert "return to" in article.text and "Copyright" not in article.text
    assert SourceItem.objects.get().article == article


def test_an_entry_whose_page_fails_is_recorded_with_its_error(feed_site, db):
    entry = f"<item><title>Gone</title><link>{feed_site.base}/gone</link></item>"
    feed_site.serve("/feed.xml", rss(entry, item(1)))
    source = Source.objects.create(url=f"{feed_site.base}/feed.xml")

    result = poll(source)

    assert (result.status, result.new_items) == ("ok", 2)
    failed = SourceItem.objects.get(title="Gone")
    assert failed.article is None and "404" in failed.error
    assert Article.objects.count() == 1
    assert poll(source).new_items == 0  # recorded: not fetched again every poll


@pytest.mark.parametrize(
    "status, body, message",
    [
        (500, b"oops", "HTTP 500"),
        (200, b"<rss><channel><item><title>x</ti", "not well-formed"),
        (200, b"<html><body>No feed here</body></html>", "not an RSS or Atom feed"),
    ],
)
def test_a_broken_feed_backs_off_then_recovers(feed_site, source, status, body, message):
    feed_site.serve("/feed.xml", body, status=status)

    first = poll(source)
    assert first.status == "error" and message in source.last_error
    assert source.error_streak == 1
    delay = source.next_poll_at - source.last_polled_at
    assert delay == dt.timedelta(minutes=20)  # interval * 2**1
    poll(source)
    assert source.error_streak == 2
    assert source.next_poll_at - source.last_polled_at == dt.timedelta(minutes=40)

    feed_site.serve("/feed.xml", rss(item(1)))
    recovered = poll(source)

    assert (recovered.status, recovered.new_items) == ("ok", 1)
    assert (source.error_streak, source.last_error) == (0, "")
    assert source.next_poll_at - source.last_polled_at == dt.timedelta(minutes=10)


def test_backoff_is_capped(feed_site, source, settings):
    settings.GAINSAY_SOURCE_MAX_BACKOFF_MINUTES = 60
    Source.objects.filter(pk=source.pk).update(error_streak=7)
    feed_site.serve("/feed.xml", b"", status=503)

    poll(source)

    assert source.next_poll_at - source.last_polled_at == dt.timedelta(minutes=60)


def test_a_source_is_disabled_after_n_consecutive_errors(feed_site, source, settings):
    settings.GAINSAY_SOURCE_MAX_ERRORS = 3
    feed_site.serve("/feed.xml", b"down", status=500)

    for _ in range(3):
        poll(source)

    assert not source.enabled
    assert "3 consecutive errors" in source.disabled_reason
    assert "HTTP 500" in source.disabled_reason
    requests = len(feed_site.requests)
    assert poll(source).status == "skipped"
    assert len(feed_site.requests) == requests


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>http://example.org/lol</link>
<description>&lol9;</description></item></channel></rss>"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_billion_laughs_feed_fails_cleanly_and_quickly(feed_site, source, encoding):
    body = BILLION_LAUGHS.replace('version="1.0"?', f'version="1.0" encoding="{encoding}"?')
    feed_site.serve("/feed.xml", body.encode(encoding))

    started = time.monotonic()
    result = poll(source)

    assert time.monotonic() - started < 1
    assert result.status == "error" and "entities" in source.last_error
    assert source.error_streak == 1
    assert Article.objects.count() == 0


def test_a_poll_already_running_or_not_due_is_skipped(feed_site, source):
    Source.objects.filter(pk=source.pk).update(polling_started_at=timezone.now())
    assert source_poll(source_id=source.pk).status == "skipped"

    # A claim left by a worker that died long ago is taken over.
    Source.objects.filter(pk=source.pk).update(
        polling_started_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert source_poll(source_id=source.pk).status == "ok"
    assert source_poll(source_id=source.pk).status == "skipped"  # not due for 10 minutes
    assert len(feed_site.asked("/feed.xml")) == 1
