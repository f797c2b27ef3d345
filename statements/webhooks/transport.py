"""The single place a webhook delivery opens a connection (tests mock only this)."""

import hashlib
import hmac
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings

from sources.fetching import FetchError, _refuse_private_address

SIGNATURE_HEADER = "Gainsay-Signature"
SNIPPET_CHARS = 500


class WebhookTransportError(Exception):
    """The subscriber could not be reached (network error, timeout, refused address)."""


@dataclass(frozen=True)
class TransportResult:
    status: int
    text: str


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`; the time stops replays."""
    message = str(timestamp).encode() + b"." + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def signature_verify(secret: str, header: str, body: bytes, *, tolerance: int = 300) -> bool:
    """What a subscriber does with the header (also used by our tests)."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return hmac.compare_digest(expected, header)


def url_refusal(url: str) -> str | None:
    """Why a webhook may not point at `url` (private or loopback address), or None."""
    try:
        _refuse_private_address(urlsplit(url).hostname or "")
    except FetchError as exc:
        return str(exc).replace("fetch", "deliver to")
    return None


def webhook_transport(url: str, *, body: bytes, headers: dict, timeout: float) -> TransportResult:
    refusal = url_refusal(url)
    if refusal:
        raise WebhookTransportError(refusal)
    try:
        # No redirects: a public URL must not bounce a signed delivery into our network.
        with requests.post(
            url,
            data=body,
            headers={"User-Agent": settings.GAINSAY_USER_AGENT, **headers},
            timeout=timeout,
            allow_redirects=False,
            stream=True,
        ) as response:
            raw = response.raw.read(SNIPPET_CHARS * 4, decode_content=True) or b""
            return TransportResult(
                status=response.status_code,
                text=raw.decode(response.encoding or "utf-8", "replace")[:SNIPPET_CHARS],
            )
    except requests.RequestException as exc:
        raise WebhookTransportError(f"{type(exc).__name__}: {exc}") from exc
