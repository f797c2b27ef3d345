"""The shared cache degrades to misses when its Redis cannot be reached."""

import logging
import os
import socket
import threading

import pytest

from config.cache import DegradingRedisCache


def _closed_port() -> int:
    # A port nothing listens on: bound, then released.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cache(url: str, **options) -> DegradingRedisCache:
    return DegradingRedisCache(
        url, {"KEY_PREFIX": "gainsay-test", "OPTIONS": {"socket_connect_timeout": 1, **options}}
    )


@pytest.fixture
def down():
    return _cache(f"redis://127.0.0.1:{_closed_port()}/0")


def test_with_redis_down_reads_miss_and_writes_are_dropped(down, caplog):
    with caplog.at_level(logging.WARNING, logger="config.cache"):
        assert down.get("k", "fallback") == "fallback"
        down.set("k", 1)
        assert down.add("k", 1) is False
        assert down.get_many(["a", "b"]) == {}
        assert down.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert down.has_key("k") is False
        assert down.get_or_set("k", lambda: "computed") == "computed"
        with pytest.raises(ValueError, match="not found"):
            down.incr("k")
        down.delete("k")
        down.clear()
    # One warning per outage, not one per call.
    warnings = [r for r in caplog.records if "Cache unavailable" in r.getMessage()]
    assert len(warnings) == 1


class _RefusingServer:
    """Accepts connections and closes them at once, counting them."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.accepted = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.sock.getsockname()[1]}/0"

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            conn.close()

    def close(self):
        self.sock.close()


def test_after_a_failure_redis_is_left_alone_until_the_retry_time():
    server = _RefusingServer()
    try:
        cache = _cache(server.url, RETRY_AFTER=300)
        assert cache.get("k") is None
        after_first = server.accepted
        assert after_first >= 1
        for _ in range(5):
            assert cache.get("k") is None
            cache.set("k", 1)
        assert server.accepted == after_first
    finally:
        server.close()


def test_with_redis_up_it_is_an_ordinary_cache():
    url = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
    cache = _cache(url, RETRY_AFTER=0)
    cache.delete_many(["greeting", "counter"])
    cache.set("greeting", {"text": "hello"}, 30)
    assert cache.get("greeting") == {"text": "hello"}
    assert cache.add("counter", 1, 30) is True
    assert cache.incr("counter", 2) == 3
    cache.delete_many(["greeting", "counter"])
    assert cache.get("greeting") is None
