"""Being a polite client: a per-host rate and concurrency limit shared by every worker.

The limits live in Redis so that two Celery workers (or two machines) polling feeds on the
same host still space their requests. Without a Redis URL (a laptop, SQLite tests) the
limits are kept per process, which is the most a single process can promise.
"""

import threading
import time
import uuid
from contextlib import contextmanager
from functools import lru_cache

import redis
from django.conf import settings

# Reserve the next free start time for a host: the caller sleeps until it. Reservations
# queue callers fairly instead of having them poll, and the server clock is the only clock.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local interval = tonumber(ARGV[1])
local max_wait = tonumber(ARGV[2])
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
if start - now > max_wait then
  return tostring(-1)
end
redis.call('SET', KEYS[1], tostring(start + interval), 'PX',
           math.ceil((start + interval - now) * 1000) + 1000)
return tostring(start - now)
"""

# A semaphore whose slots expire, so that a worker killed mid-fetch frees its slot.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) * 1000))
  return 1
end
return 0
"""


class HostBusy(Exception):
    """The host's queue is longer than we are willing to wait."""


@lru_cache(maxsize=4)
def _client(url: str):
    return redis.Redis.from_url(url)


class _LocalState:
    lock = threading.Lock()
    next_start: dict[str, float] = {}
    active: dict[str, int] = {}


def _settings():
    return (
        float(getattr(settings, "GAINSAY_FETCH_HOST_INTERVAL", 1.0)),
        int(getattr(settings, "GAINSAY_FETCH_HOST_CONCURRENCY", 2)),
        float(getattr(settings, "GAINSAY_FETCH_HOST_MAX_WAIT", 60.0)),
        getattr(settings, "GAINSAY_POLITENESS_REDIS_URL", ""),
    )


@contextmanager
def host_slot(host: str):
    """Wait for this host's turn (rate), then hold one of its slots (concurrency)."""
    interval, concurrency, max_wait, url = _settings()
    host = host.lower()
    if url:
        with _redis_slot(_client(url), host, interval, concurrency, max_wait):
            yield
    else:
        with _local_slot(host, interval, concurrency, max_wait):
            yield


@contextmanager
def _redis_slot(client, host, interval, concurrency, max_wait):
    deadline = time.monotonic() + max_wait
    token = uuid.uuid4().hex
    slots = f"gainsay:fetch:slots:{host}"
    # A slot outlives the longest fetch, so it cannot expire under a live request.
    hold = float(getattr(settings, "GAINSAY_FETCH_TIMEOUT", 10)) * 3 + 5
    try:
        while not client.eval(_ACQUIRE, 1, slots, concurrency, hold, token):
            if time.monotonic() > deadline:
                raise HostBusy(f"{host} is busy: no fetch slot free after {max_wait:g} s.")
            time.sleep(0.05)
        try:
            wait = float(client.eval(_RESERVE, 1, f"gainsay:fetch:next:{host}", interval, max_wait))
            if wait < 0:
                raise HostBusy(f"{host} is busy: the next fetch would wait over {max_wait:g} s.")
            time.sleep(wait)
            yield
        finally:
            client.zrem(slots, token)
    except redis.RedisError as exc:
        raise HostBusy(f"The fetch rate limiter is unavailable: {exc}.") from exc


@contextmanager
def _local_slot(host, interval, concurrency, max_wait):
    deadline = time.monotonic() + max_wait
    state = _LocalState
    while True:
        with state.lock:
            if state.active.get(host, 0) < concurrency:
                state.active[host] = state.active.get(host, 0) + 1
                now = time.monotonic()
                start = max(now, state.next_start.get(host, 0.0))
                state.next_start[host] = start + interval
                break
        if time.monotonic() > deadline:
            raise HostBusy(f"{host} is busy: no fetch slot free after {max_wait:g} s.")
        time.sleep(0.05)
    try:
        time.sleep(max(0.0, start - now))
        yield
    finally:
        with state.lock:
            state.active[host] -= 1
