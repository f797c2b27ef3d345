"""A scripted corpus of feeds on loopback: what several polls over changing feeds leave behind.

Two sources on the test server: a wire feed (conditional GET with an ETag) that gains items,
updates one and breaks for a poll, and a feed on a slow host that times out until it is fast
again. Each poll's expected articles, versions, statements and requests are counted by hand.
"""

import pytest

from sources.models import Article, ArticleVersion, Source, SourceItem
from sources.subscriptions.services import source_poll
from statements.models import Statement
from tests.sources.feedsite import item, rss, story

PAGE = (
    b"<html><head><title>Ministry briefing</title></head><body><article><h1>Ministry briefing"
    b"</h1><p>The defence ministry said on Friday that the inspection of depot 7 had been "
    b"completed and that its findings would be published next month.</p></article></body></html>"
)


def page_item(base: str) -> str:
    # Too short to ingest from the feed: the page is fetched, once.
    return (
        f"<item><title>Briefing</title><link>{base}/briefing</link><guid>urn:briefing</guid>"
        "<description>Briefing.</description></item>"
    )


def poll(source):
    Source.objects.filter(pk=source.pk).update(next_poll_at=None)
    result = source_poll(source_id=source.pk)
    source.refresh_from_db()
    return result


@pytest.mark.django_db
def test_a_corpus_of_changing_feeds_polled_five_times(feed_site):
    base = feed_site.base
    feed_site.serve("/briefing", PAGE, content_type="text/html")
    feed_site.serve("/wire.xml", rss(item(2), item(1), page_item(base)), etag='"v1"')
    # The slow host syndicates story 2 under its own dateline.
    copy = item(5, body="<p>GENEVA (Wire) - A syndicated copy.</p>" + story(2))
    feed_site.serve("/slow.xml", rss(copy))
    feed_site.delays["/slow.xml"] = 1.5  # over the 1 s fetch timeout
    wire = Source.objects.create(url=f"{base}/wire.xml", poll_interval_minutes=10)
    slow = Source.objects.create(url=f"{base}/slow.xml", poll_interval_minutes=10)

    # Poll 1: three new wire items (one through its page); the slow host times out.
    assert (poll(wire).new_items, poll(slow).status) == (3, "error")
    assert "timed out" in slow.last_error
    assert Article.objects.count() == 3

    # Poll 2: the wire feed is unchanged and answers 304: nothing is fetched again.
    assert poll(wire).status == "not_modified"
    assert feed_site.asked("/wire.xml")[-1]["If-None-Match"] == '"v1"'
    assert len(feed_site.asked("/briefing")) == 1

    # Poll 3: item 3 arrives and item 1 is reworded; the slow host is fast again.
    feed_site.serve(
        "/wire.xml", rss(item(3), item(2), item(1, body=story(11)), page_item(base)), etag='"v2"'
    )
    del feed_site.delays["/slow.xml"]
    third = poll(wire)
    assert (third.new_items, third.updated_items) == (1, 1)
    assert (poll(slow).new_items, slow.error_streak) == (1, 0)

    # Poll 4: the wire feed breaks; poll 5: it recovers unchanged since poll 3 (304).
    feed_site.serve("/wire.xml", b"oops", status=500, content_type="text/plain")
    assert poll(wire).status == "error" and wire.error_streak == 1
    feed_site.serve(
        "/wire.xml", rss(item(3), item(2), item(1, body=story(11)), page_item(base)), etag='"v2"'
    )
    fifth = poll(wire)
    assert (fifth.status, fifth.new_items, fifth.updated_items) == ("not_modified", 0, 0)
    assert wire.error_streak == 0

    # By hand: stories 1, 2 and 3, the briefing and the copy of story 2 are five articles;
    # story 1 has one earlier version; the briefing page was fetched once.
    assert Article.objects.count() == 5
    assert SourceItem.objects.count() == 5
    assert list(ArticleVersion.objects.values_list("article__url", flat=True)) == [
        "http://example.org/story-1"
    ]
    assert "section 1 " in ArticleVersion.objects.get().text
    assert len(feed_site.asked("/briefing")) == 1
    assert all(a.status == Article.Status.DONE for a in Article.objects.all())
    story_2 = Article.objects.get(url="http://example.org/story-2")
    syndicated = Article.objects.get(url="http://example.org/story-5")
    assert story_2.story_id is not None and syndicated.story_id == story_2.story_id

    # Statements by hand: the ministry's remark once per section (1, its update 11, 2, 3;
    # the old text's statement is kept), story 2's carried twice; the observers' remark
    # likewise per item; and the briefing's one.
    ministry = Statement.objects.filter(content__contains="will continue next week in Geneva")
    assert sorted(_number(s.content, "section") for s in ministry) == ["1", "11", "2", "3"]
    assert ministry.get(content__contains="section 2 ").appearance_count == 2
    observers = Statement.objects.filter(content__contains="the gaps on troop levels")
    assert sorted(_number(s.content, "item") for s in observers) == ["1", "11", "2", "3"]
    assert observers.get(content__contains="item 2 ").appearance_count == 2
    assert Statement.objects.filter(content__contains="depot 7").count() == 1


def _number(text: str, after: str) -> str:
    return text.split(f"{after} ")[1].split()[0]
