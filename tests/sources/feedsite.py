"""A feed server on loopback whose answers the tests change between polls, and feed builders."""

import contextlib
import time
from http.server import BaseHTTPRequestHandler


class FeedSite:
    """What the server answers, changed by the tests, and what it was asked."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        self.times = []
        self.delays = {}
        self.base = ""

    def serve(self, path, body, *, status=200, content_type="application/rss+xml", etag=None):
        self.routes[path] = (status, content_type, body, etag)

    def asked(self, path):
        return [headers for seen, headers in self.requests if seen == path]


class _FeedHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - the http.server API
        site = self.server.site
        site.requests.append((self.path, dict(self.headers)))
        site.times.append((self.path, time.monotonic()))
        if self.path in site.delays:
            time.sleep(site.delays[self.path])
        status, content_type, body, etag = site.routes.get(
            self.path, (404, "text/plain", b"not found", None)
        )
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        # The client may have given up waiting (a slow-host test).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


def story(n: int) -> str:
    # Distinct words per item: articles are deduplicated by content.
    return (
        f"<p>The foreign ministry said on Monday that talks on border section {n} will "
        f"continue next week in Geneva.</p><p>Officials described round {n} as constructive "
        "and said that both delegations had agreed to meet again after consultations with "
        "their governments, while observers cautioned that the gaps on troop levels, "
        "inspections and the timetable for withdrawal remain wide and that no text has been "
        f"agreed so far on item {n} or on any of the other questions on the agenda.</p>"
    )


def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Wire</title><link>http://example.org/</link><description>d</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def item(n: int, *, base="http://example.org", body=None) -> str:
    body = story(n) if body is None else body
    return (
        f"<item><title>Story {n}</title><link>{base}/story-{n}</link><guid>urn:story:{n}</guid>"
        f"<pubDate>Mon, 14 Feb 2022 1{n % 10}:00:00 GMT</pubDate>"
        f"<description><![CDATA[{body}]]></description></item>"
    )
