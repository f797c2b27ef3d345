"""The shared Redis cache, degraded to misses rather than errors when Redis is down.

Everything Gainsay keeps in the cache can be recomputed or done without for a while:
throttle counts, the dashboard's one-minute aggregates, robots.txt answers. A stopped
Redis must therefore not turn every page and API read into a 500. While Redis cannot be
reached, reads miss and writes are dropped, with one warning per outage in the log; after
a failure Redis is left alone for RETRY_AFTER seconds so that requests do not each wait
on a connection attempt, then tried again.
"""

import logging
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# Seconds to skip Redis after a failure, unless OPTIONS["RETRY_AFTER"] says otherwise.
RETRY_AFTER = 5.0


class _Outages:
    """When each cache location may be tried again; shared by the threads of a process
    (Django gives each thread its own cache object)."""

    lock = threading.Lock()
    until: dict[str, float] = {}


class DegradingRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self._retry_after = float(options.pop("RETRY_AFTER", RETRY_AFTER))
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = server if isinstance(server, str) else ",".join(server)

    def _available(self) -> bool:
        until = _Outages.until.get(self._location)
        return until is None or time.monotonic() >= until

    def _failed(self, exc: Exception) -> None:
        with _Outages.lock:
            first = self._location not in _Outages.until
            _Outages.until[self._location] = time.monotonic() + self._retry_after
        if first:
            logger.warning(
                "Cache unavailable (%s: %s); serving without it and retrying every %g s.",
                exc.__class__.__name__,
                exc,
                self._retry_after,
            )

    def _recovered(self) -> None:
        if self._location in _Outages.until:
            with _Outages.lock:
                if _Outages.until.pop(self._location, None) is not None:
                    logger.warning("Cache available again.")

    def _call(self, name: str, fallback, *args, **kwargs):
        if not self._available():
            return fallback()
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except redis.RedisError as exc:
            self._failed(exc)
            return fallback()
        self._recovered()
        return result

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # False, "not added": a caller using add() as a lock then does nothing, the safe side.
        return self._call("add", lambda: False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # The keys that could not be stored: all of them.
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")

        return self._call("incr", missing, key, delta, version)

    def clear(self):
        return self._call("clear", lambda: None)
