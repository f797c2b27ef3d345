"""Being a polite client: a per-host rate and concurrency limit shared by every worker.

The limits live in Redis so that two Celery workers (or two machines) polling feeds on the
same host still space their requests. Without a Redis URL (a laptop, SQLite tests), or
while that Redis is down, the limits are kept per process, which is the most a single
process can promise.
"""

import logging
import threading
import time
import uuid
from contextlib import contextmanager, suppress
from functools import lru_cache

import redis
from django.conf import settings

logger = logging.getLogger(__name__)

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
    """Wait for this host's turn (rate), then hold one of its slots (concurrency).

    If Redis cannot be reached the limits are kept in this process, as without Redis:
    fetching stays polite per worker instead of failing every source until Redis is back.
    """
    interval, concurrency, max_wait, url = _settings()
    host = host.lower()
    held = None
    if url:
        client = _client(url)
        try:
            held = _redis_acquire(client, host, interval, concurrency, max_wait)
        except redis.RedisError as exc:
            _warn_unavailable(exc)
    if held is None:
        with _local_slot(host, interval, concurrency, max_wait):
            yield
        return
    try:
        yield
    finally:
        _redis_release(client, *held)


def _slots_key(host: str) -> str:
    return f"gainsay:fetch:slots:{host}"


def _redis_acquire(client, host, interval, concurrency, max_wait) -> tuple[str, str]:
    """Take a slot and this host's next start time; returns what to release afterwards."""
    deadline = time.monotonic() + max_wait
    token = uuid.uuid4().hex
    slots = _slots_key(host)
    # A slot outlives the longest fetch, so it cannot expire under a live request.
    hold = float(getattr(settings, "GAINSAY_FETCH_TIMEOUT", 10)) * 3 + 5
    while not client.eval(_ACQUIRE, 1, slots, concurrency, hold, token):
        if time.monotonic() > deadline:
            raise HostBusy(f"{host} is busy: no fetch slot free after {max_wait:g} s.")
        time.sleep(0.05)
    try:
        wait = float(client.eval(_RESERVE, 1, f"gainsay:fetch:next:{host}", interval, max_wait))
        if wait < 0:
            raise HostBusy(f"{host} is busy: the next fetch would wait over {max_wait:g} s.")
    except BaseException:
        _redis_release(client, slots, token)
        raise
    time.sleep(wait)
    return slots, token


def _redis_release(client, slots: str, token: str) -> None:
    # The slot expires by itself if Redis went away meanwhile.
    with suppress(redis.RedisError):
        client.zrem(slots, token)


class _Warned:
    at = 0.0


def _warn_unavailable(exc: Exception) -> None:
    # Once a minute per process: every fetch during an outage would otherwise log it.
    if time.monotonic() - _Warned.at > 60:
        _Warned.at = time.monotonic()
        logger.warning(
            "The shared fetch rate limiter is unavailable (%s); limiting per process.", exc
        )


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
