"""What a poll found: a source's fetched document turned into entries, by source kind."""

from django.conf import settings

from sources.feeds import FeedEntry, parse_feed
from sources.fetching import fetch_url
from sources.models import Source
from sources.services.articles import _decode_page
from sources.sitemaps import list_page_links, newest, parse_sitemap, sitemap_entries


def source_entries(source: Source, fetched) -> list[FeedEntry]:
    """Entries newest first, as a feed lists them. FeedError/FetchError when unusable."""
    limit = int(getattr(settings, "GAINSAY_SOURCE_MAX_ITEMS", 50))
    if source.kind == Source.Kind.SITEMAP:
        # A gzipped sitemap may expand to no more than a plain one may be fetched.
        max_bytes = settings.GAINSAY_FETCH_MAX_BYTES
        sitemap = parse_sitemap(fetched.body, max_bytes=max_bytes)
        pages = list(sitemap.pages)
        # An index points at many sitemaps (plain or .gz); the recently modified ones hold
        # the news.
        children = int(getattr(settings, "GAINSAY_SITEMAP_MAX_CHILDREN", 3))
        for url, _lastmod in newest(sitemap.children, children):
            pages.extend(parse_sitemap(fetch_url(url).body, max_bytes=max_bytes).pages)
        return list(reversed(sitemap_entries(newest(pages, limit))))
    if source.kind == Source.Kind.LIST_PAGE:
        links = list_page_links(
            _decode_page(fetched, source.url), base_url=fetched.url, pattern=source.link_pattern
        )
        return [
            FeedEntry(guid=url, link=url, title="", text="", author="", published=None)
            for url in links[:limit]
        ]
    return parse_feed(fetched.body, url=fetched.url, content_type=fetched.content_type)
