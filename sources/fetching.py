"""Fetching remote articles: the only place Gainsay talks to the outside network.

Tests exercise it for real against an HTTP server on loopback; `_transport` is the
single place that opens a connection.
"""

import ipaddress
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import requests
from django.conf import settings
from django.core.cache import cache

from sources.politeness import HostBusy, host_slot


class FetchError(Exception):
    """A fetch failed for a reason worth telling the user verbatim."""


class RobotsDisallowed(FetchError):
    """The site's robots.txt asks crawlers like us not to fetch this URL."""


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int
    content_type: str
    body: bytes
    encoding: str | None = None
    # Response headers, lower-cased; feed polling reads ETag and Last-Modified from them.
    headers: dict = field(default_factory=dict)


def _refuse_private_address(host: str) -> None:
    # Fetching on a user's behalf must not become a way into our own network (SSRF).
    if getattr(settings, "GAINSAY_FETCH_ALLOW_PRIVATE", False):
        return
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        raise FetchError(f"Could not resolve host {host!r}.") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(f"Refusing to fetch {host!r}: it resolves to a non-public address.")


def _transport(
    url: str, *, timeout: float, max_bytes: int, headers: dict | None = None
) -> FetchResult:
    host = urlsplit(url).hostname or ""
    _refuse_private_address(host)
    headers = {
        "User-Agent": settings.GAINSAY_USER_AGENT,
        "Accept": "text/html,text/plain,*/*",
        **(headers or {}),
    }
    try:
        with requests.get(
            url, headers=headers, timeout=timeout, stream=True, allow_redirects=True
        ) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(
                    f"{url} is too large: {int(declared):,} bytes (limit {max_bytes:,})."
                )
            body = bytearray()
            for chunk in response.iter_content(chunk_size=65536):
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchError(f"{url} is too large: more than {max_bytes:,} bytes.")
            return FetchResult(
                url=response.url,
                status=response.status_code,
                content_type=response.headers.get("Content-Type", ""),
                body=bytes(body),
                encoding=response.encoding,
                headers={k.lower(): v for k, v in response.headers.items()},
            )
    except requests.Timeout as exc:
        raise FetchError(f"{url} timed out after {timeout:g} seconds.") from exc
    except requests.TooManyRedirects as exc:
        raise FetchError(f"{url} redirects too many times.") from exc
    except requests.RequestException as exc:
        raise FetchError(f"Could not fetch {url}: {exc.__class__.__name__}.") from exc


def fetch_url(url: str, *, headers: dict | None = None) -> FetchResult:
    """Fetch an http(s) URL within the configured timeout and size limit.

    robots.txt is honoured and each host gets at most the configured rate and concurrency.
    `headers` adds request headers (e.g. If-None-Match); a 304 answer is returned as is.
    """
    if urlsplit(url).scheme not in {"http", "https"}:
        raise FetchError(f"Only http and https URLs can be fetched, not {url!r}.")
    if not robots_allows(url):
        raise RobotsDisallowed(f"robots.txt of {urlsplit(url).netloc} disallows fetching {url}.")
    result = _polite_transport(url, headers=headers)
    if result.status >= 400:
        raise FetchError(f"{url} answered HTTP {result.status}.")
    return result


def _polite_transport(url: str, *, headers: dict | None = None) -> FetchResult:
    try:
        with host_slot(urlsplit(url).netloc):
            return _transport(
                url,
                timeout=settings.GAINSAY_FETCH_TIMEOUT,
                max_bytes=settings.GAINSAY_FETCH_MAX_BYTES,
                headers=headers,
            )
    except HostBusy as exc:
        raise FetchError(str(exc)) from exc


def robots_allows(url: str) -> bool:
    """Whether the host's robots.txt lets our User-Agent fetch `url` (cached per host).

    FetchError when robots.txt itself cannot be read (the host is down or erroring).
    """
    if not getattr(settings, "GAINSAY_FETCH_RESPECT_ROBOTS", True):
        return True
    parts = urlsplit(url)
    key = f"robots:{parts.scheme}://{parts.netloc}"
    rules = cache.get(key)
    if rules is None:
        rules = _robots_rules(f"{parts.scheme}://{parts.netloc}/robots.txt")
        cache.set(key, rules, timeout=int(getattr(settings, "GAINSAY_ROBOTS_TTL", 3600)))
    parser = RobotFileParser()
    parser.parse(rules.splitlines())
    return parser.can_fetch(settings.GAINSAY_USER_AGENT, url)


def _robots_rules(robots_url: str) -> str:
    # RFC 9309: no robots.txt (4xx) allows everything; a server error means "stay away for
    # now", which is not cached so that a recovered host is fetched again.
    result = _polite_transport(robots_url, headers={"Accept": "text/plain"})
    if 400 <= result.status < 500:
        return ""
    if result.status != 200:
        raise FetchError(f"{robots_url} answered HTTP {result.status}; not fetching for now.")
    return result.body[: 512 * 1024].decode("utf-8", errors="replace")
