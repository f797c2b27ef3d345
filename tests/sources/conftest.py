import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache

from tests.sources.feedsite import FeedSite, _FeedHandler

ARTICLE_HTML = b"""<html><head><title>Moscow says troops pull back</title>
<meta name="author" content="Jane Reporter"></head><body><nav>Home | World</nav>
<article><h1>Moscow says troops pull back</h1>
<p>Russia's defense ministry said on Tuesday that some units have begun to return to
their bases after completing drills near the Ukrainian border.</p>
<p>NATO Secretary-General Jens Stoltenberg said on Wednesday that Russia continues the
military buildup, and that the alliance has not seen any de-escalation on the ground.</p>
</article><footer>Copyright</footer></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):  # noqa: N802 - the http.server API
        routes = {
            "/article.html": (200, "text/html; charset=utf-8", ARTICLE_HTML),
            "/plain.txt": (
                200,
                "text/plain; charset=utf-8",
                b"Officials said on Monday that talks will continue.",
            ),
            "/binary": (200, "application/octet-stream", b"\x00\x01\x02" * 100),
        }
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            try:
                for _ in range(64):  # 4 MiB without a Content-Length
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        status, content_type, body = routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def local_site():
    """A real HTTP server on loopback, standing in for news sites."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def allow_loopback_fetch(settings):
    # The SSRF guard refuses loopback by default; these tests point at our own server.
    settings.GAINSAY_FETCH_ALLOW_PRIVATE = True
    settings.GAINSAY_FETCH_TIMEOUT = 1
    settings.GAINSAY_FETCH_MAX_BYTES = 1024 * 1024
    # Politeness spacing is tested on its own; elsewhere it would only slow tests down.
    settings.GAINSAY_FETCH_HOST_INTERVAL = 0
    cache.clear()  # robots.txt answers are cached per host
    return settings


@pytest.fixture
def feed_site(allow_loopback_fetch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    server.daemon_threads = True
    server.site = FeedSite()
    server.site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.site
    server.shutdown()
    server.server_close()
