import pytest

from sources.fetching import FetchError, fetch_url


def test_it_fetches_a_page_with_its_content_type(local_site, allow_loopback_fetch):
    result = fetch_url(f"{local_site}/article.html")

    assert result.status == 200
    assert result.content_type.startswith("text/html")
    assert b"return to\ntheir bases" in result.body


def test_it_reports_a_404_clearly(local_site, allow_loopback_fetch):
    with pytest.raises(FetchError, match="answered HTTP 404"):
        fetch_url(f"{local_site}/missing")


def test_it_gives_up_on_a_slow_server_with_a_timeout_message(local_site, allow_loopback_fetch):
    with pytest.raises(FetchError, match="timed out after 1 seconds"):
        fetch_url(f"{local_site}/slow")


def test_it_stops_reading_a_page_over_the_size_limit(local_site, allow_loopback_fetch):
    with pytest.raises(FetchError, match="too large"):
        fetch_url(f"{local_site}/huge")


def test_it_stops_following_a_redirect_loop(local_site, allow_loopback_fetch):
    with pytest.raises(FetchError, match="redirects too many times"):
        fetch_url(f"{local_site}/loop")


def test_it_refuses_loopback_addresses_by_default(local_site, settings):
    settings.GAINSAY_FETCH_ALLOW_PRIVATE = False

    with pytest.raises(FetchError, match="non-public address"):
        fetch_url(f"{local_site}/article.html")


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "javascript:1"])
def test_it_refuses_schemes_other_than_http(url):
    with pytest.raises(FetchError, match="Only http and https"):
        fetch_url(url)
