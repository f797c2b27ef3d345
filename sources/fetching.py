"""Fetching remote articles: the only place Gainsay talks to the outside network.

Tests exercise it for real against an HTTP server on loopback; `_transport` is the
single place that opens a connection.
"""

import ipaddress
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from django.conf import settings


class FetchError(Exception):
    """A fetch failed for a reason worth telling the user verbatim."""


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

    `headers` adds request headers (e.g. If-None-Match); a 304 answer is returned as is.
    """
    if urlsplit(url).scheme not in {"http", "https"}:
        raise FetchError(f"Only http and https URLs can be fetched, not {url!r}.")
    result = _transport(
        url,
        timeout=settings.GAINSAY_FETCH_TIMEOUT,
        max_bytes=settings.GAINSAY_FETCH_MAX_BYTES,
        headers=headers,
    )
    if result.status >= 400:
        raise FetchError(f"{url} answered HTTP {result.status}.")
    return result
