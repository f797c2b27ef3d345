import os
import socket
import threading

import pytest
import redis

from sources.fetching import FetchError, RobotsDisallowed, fetch_url
from sources.models import Source
from sources.subscriptions.services import source_poll
from tests.sources.feedsite import item, rss

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


@pytest.fixture
def shared_limiter(feed_site, settings):
    """Host limits kept in the test Redis, as every worker process would share them."""
    url = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
    settings.GAINSAY_POLITENESS_REDIS_URL = url
    client = redis.Redis.from_url(url)
    for key in client.scan_iter("gainsay:fetch:*"):
        client.delete(key)
    return client


def test_it_sends_a_descriptive_user_agent(feed_site):
    feed_site.serve("/page", b"hello", content_type="text/plain")
    fetch_url(feed_site.base + "/page")
    agent = feed_site.asked("/page")[0]["User-Agent"]
    assert agent.startswith("Gainsay/")
    assert "statement tracker" in agent


def test_it_refuses_a_url_that_robots_txt_disallows(feed_site):
    feed_site.serve("/robots.txt", ROBOTS, content_type="text/plain")
    feed_site.serve("/private/page", b"secret", content_type="text/plain")
    feed_site.serve("/public/page", b"open", content_type="text/plain")

    with pytest.raises(RobotsDisallowed, match="robots.txt .* disallows"):
        fetch_url(feed_site.base + "/private/page")
    assert fetch_url(feed_site.base + "/public/page").body == b"open"
    assert feed_site.asked("/private/page") == []
    # Cached per host: one robots.txt request for both fetches.
    assert len(feed_site.asked("/robots.txt")) == 1


def test_it_does_not_fetch_while_robots_txt_answers_a_server_error(feed_site):
    feed_site.serve("/robots.txt", b"oops", status=503, content_type="text/plain")
    feed_site.serve("/page", b"hello", content_type="text/plain")
    with pytest.raises(FetchError, match="503"):
        fetch_url(feed_site.base + "/page")
    assert feed_site.asked("/page") == []
    # Not cached: once the host recovers it is fetched.
    feed_site.serve("/robots.txt", b"", status=404, content_type="text/plain")
    assert fetch_url(feed_site.base + "/page").body == b"hello"


@pytest.mark.django_db
def test_a_disallowed_feed_records_the_reason_on_its_source(feed_site):
    feed_site.serve("/robots.txt", ROBOTS, content_type="text/plain")
    feed_site.serve("/private/feed.xml", rss(item(1)))
    source = Source.objects.create(url=feed_site.base + "/private/feed.xml")

    result = source_poll(source_id=source.pk)

    source.refresh_from_db()
    assert result.status == "error"
    assert "robots.txt" in source.last_error
    assert source.error_streak == 1
    assert feed_site.asked("/private/feed.xml") == []


@pytest.fixture
def spaced(feed_site, shared_limiter, settings):
    settings.GAINSAY_FETCH_HOST_INTERVAL = 0.4
    feed_site.serve("/a", b"a", content_type="text/plain")
    feed_site.serve("/b", b"b", content_type="text/plain")
    return feed_site


def _starts(site, *paths):
    return sorted(t for path, t in site.times if path in paths)


def test_fetches_to_one_host_are_spaced_across_threads(spaced):
    # Two threads stand in for two workers: all they share is the Redis state.
    threads = [
        threading.Thread(target=fetch_url, args=(spaced.base + path,)) for path in ("/a", "/b")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first, second = _starts(spaced, "/a", "/b")
    assert second - first >= 0.35


def test_a_host_whose_queue_is_too_long_is_reported_busy(spaced, settings):
    settings.GAINSAY_FETCH_HOST_INTERVAL = 30
    settings.GAINSAY_FETCH_HOST_MAX_WAIT = 1
    settings.GAINSAY_FETCH_RESPECT_ROBOTS = False
    fetch_url(spaced.base + "/a")  # the host's next turn is now 30 s away
    with pytest.raises(FetchError, match="busy"):
        fetch_url(spaced.base + "/b")
    assert spaced.asked("/b") == []


def test_fetching_goes_on_with_per_process_limits_while_the_shared_limiter_is_down(
    spaced, settings
):
    with socket.socket() as sock:  # a port nothing listens on once released
        sock.bind(("127.0.0.1", 0))
        settings.GAINSAY_POLITENESS_REDIS_URL = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"

    assert fetch_url(spaced.base + "/a").body == b"a"
    assert fetch_url(spaced.base + "/b").body == b"b"

    first, second = _starts(spaced, "/a", "/b")
    assert second - first >= 0.35
