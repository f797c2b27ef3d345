"""Find article links in sitemaps and in a site's list pages. Pure: no database, no network.

lxml parses with entity resolution and network access off; entity declarations are refused
outright, as for feeds. A gzipped sitemap (sitemap.xml.gz) is decompressed no further than
the size limit, so a small file cannot expand into gigabytes.
"""

import datetime as dt
import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree, html

from sources.feeds import FeedEntry, FeedError, _declares_entities

_NS = re.compile(r"^\{[^}]*\}")
_GZIP_MAGIC = b"\x1f\x8b"
# The sitemap protocol's own limit on an uncompressed sitemap.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024


@dataclass
class Sitemap:
    # (url, lastmod) pairs: pages for a urlset, child sitemaps for a sitemapindex.
    pages: list[tuple[str, dt.datetime | None]] = field(default_factory=list)
    children: list[tuple[str, dt.datetime | None]] = field(default_factory=list)


def gunzip_bounded(body: bytes, *, max_bytes: int) -> bytes:
    """The body, decompressed if it is gzip; FeedError past `max_bytes` or if corrupt."""
    if not body.startswith(_GZIP_MAGIC):
        return body
    out = bytearray()
    data = body
    while data:
        # 16 + MAX_WBITS: a gzip header and trailer around the deflate stream.
        member = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            out += member.decompress(data, max_bytes + 1 - len(out))
        except zlib.error as exc:
            raise FeedError(f"The gzipped sitemap is corrupt: {exc}.") from exc
        if len(out) > max_bytes:
            raise FeedError(
                f"The gzipped sitemap expands to more than {max_bytes:,} bytes; refused."
            )
        if not member.eof:
            raise FeedError("The gzipped sitemap is truncated.")
        # Concatenated gzip members are one file; anything else after the end is padding.
        data = member.unused_data if member.unused_data.startswith(_GZIP_MAGIC) else b""
    return bytes(out)


def parse_sitemap(body: bytes, *, max_bytes: int = MAX_SITEMAP_BYTES) -> Sitemap:
    """A sitemap <urlset> or <sitemapindex>, plain or gzipped; FeedError if the document
    is neither, or if it expands past `max_bytes`."""
    body = gunzip_bounded(body, max_bytes=max_bytes)
    if not body.strip():
        raise FeedError("The sitemap is empty.")
    if _declares_entities(body):
        raise FeedError("The sitemap declares XML entities; refused (entity expansion).")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"The sitemap is not well-formed XML: {exc}.") from exc
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise FeedError(f"The document is not a sitemap (its root is <{kind}>).")
    found = []
    for node in root:
        if not isinstance(node.tag, str) or _local(node.tag) not in ("url", "sitemap"):
            continue
        values = {_local(c.tag): (c.text or "").strip() for c in node if isinstance(c.tag, str)}
        if values.get("loc", "").startswith(("http://", "https://")):
            found.append((values["loc"], _lastmod(values.get("lastmod", ""))))
    return Sitemap(children=found) if kind == "sitemapindex" else Sitemap(pages=found)


def newest(pairs: list[tuple[str, dt.datetime | None]], limit: int) -> list:
    """The `limit` most recently modified (undated last), oldest first."""
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)
    ranked = sorted(pairs, key=lambda pair: pair[1] or floor, reverse=True)[:limit]
    return list(reversed(ranked))


def sitemap_entries(pages: list[tuple[str, dt.datetime | None]]) -> list[FeedEntry]:
    # The lastmod is part of the guid's companion fingerprint, so a page modified
    # since it was ingested is fetched again (and kept as a new version).
    return [
        FeedEntry(guid=url, link=url, title="", text="", author="", published=lastmod)
        for url, lastmod in pages
    ]


def list_page_links(document: str, *, base_url: str, pattern: str = "") -> list[str]:
    """Links on a list page to pages of the same site whose URL matches `pattern` (a regex).

    In page order, each once, without fragments; the list page itself is left out.
    """
    if not document.strip():
        raise FeedError("The list page is empty.")
    try:
        tree = html.fromstring(document)
    except (etree.ParserError, ValueError) as exc:
        raise FeedError(f"The list page is not HTML: {exc}.") from exc
    host = urlsplit(base_url).netloc.lower()
    wanted = re.compile(pattern) if pattern else None
    links, seen = [], {urldefrag(base_url).url}
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:")):
            continue
        url = urldefrag(urljoin(base_url, href)).url
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != host:
            continue
        if wanted is not None and not wanted.search(url):
            continue
        if url not in seen:
            seen.add(url)
            links.append(url)
    return links


def _local(tag: str) -> str:
    return _NS.sub("", tag)


def _lastmod(value: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
