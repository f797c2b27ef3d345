"""Sitemaps and list pages: parsed as such, then polled on the loopback site."""

import datetime as dt
import gzip

import pytest
from django.core.exceptions import ValidationError

from sources.feeds import FeedError
from sources.models import Article, Source, SourceItem
from sources.sitemaps import list_page_links, parse_sitemap
from sources.subscriptions.services import source_poll

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def page(n: int) -> bytes:
    return (
        f"<html><head><title>Ministry statement {n}</title></head><body><nav>Home</nav>"
        f"<article><h1>Ministry statement {n}</h1><p>The defence ministry said on Monday that "
        f"exercise number {n} had ended and that the units involved would return to their "
        "permanent bases over the coming days, according to a statement.</p></article>"
        "</body></html>"
    ).encode()


def urlset(base: str, *pages: tuple[int, str]) -> bytes:
    urls = "".join(
        f"<url><loc>{base}/news/{n}</loc><lastmod>{lastmod}</lastmod></url>" for n, lastmod in pages
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {NS}>{urls}</urlset>'.encode()


def poll(source):
    Source.objects.filter(pk=source.pk).update(next_poll_at=None)
    result = source_poll(source_id=source.pk)
    source.refresh_from_db()
    return result


def test_it_reads_a_urlset_with_lastmod():
    sitemap = parse_sitemap(urlset("https://x.org", (1, "2022-02-14"), (2, "2022-02-15T10:00Z")))
    assert [url for url, _ in sitemap.pages] == ["https://x.org/news/1", "https://x.org/news/2"]
    assert sitemap.pages[1][1] == dt.datetime(2022, 2, 15, 10, tzinfo=dt.UTC)
    assert sitemap.children == []


def test_it_reads_a_sitemap_index():
    body = (
        f"<sitemapindex {NS}><sitemap><loc>https://x.org/a.xml</loc></sitemap>"
        "<sitemap><loc>https://x.org/b.xml</loc><lastmod>2022-01-01</lastmod></sitemap>"
        "</sitemapindex>"
    ).encode()
    sitemap = parse_sitemap(body)
    assert [url for url, _ in sitemap.children] == ["https://x.org/a.xml", "https://x.org/b.xml"]
    assert sitemap.pages == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty"),
        (b"<html><body>hi</body></html>", "not a sitemap"),
        (b"<urlset><url>", "not well-formed"),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><urlset/>', "entities"),
    ],
)
def test_it_refuses_what_is_not_a_sitemap(body, message):
    with pytest.raises(FeedError, match=message):
        parse_sitemap(body)


def test_it_reads_a_gzipped_sitemap_and_one_of_several_gzip_members():
    body = urlset("https://x.org", (1, "2022-02-14"), (2, "2022-02-15"))
    assert parse_sitemap(gzip.compress(body)) == parse_sitemap(body)
    # Concatenated members are one file (what `cat a.gz b.gz` makes).
    half = len(body) // 2
    assert parse_sitemap(gzip.compress(body[:half]) + gzip.compress(body[half:])) == (
        parse_sitemap(body)
    )


def test_a_gzipped_sitemap_expanding_past_the_limit_is_refused():
    # About 10 KB on the wire, 10 MB once expanded: the limit stops it at 1 MiB.
    bomb = gzip.compress(b"<urlset>" + b" " * 10_000_000 + b"</urlset>")
    assert len(bomb) < 20_000
    with pytest.raises(FeedError, match="expands to more than 1,048,576 bytes"):
        parse_sitemap(bomb, max_bytes=1024 * 1024)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (gzip.compress(b"<urlset/>" * 100)[:-30], "truncated"),
        (b"\x1f\x8b" + b"not gzip at all", "corrupt"),
    ],
)
def test_a_broken_gzipped_sitemap_is_refused(body, message):
    with pytest.raises(FeedError, match=message):
        parse_sitemap(body)


def test_a_list_page_yields_same_site_links_matching_the_pattern():
    html = """<html><body>
      <a href="/news/1">One</a> <a href="/news/2#top">Two</a> <a href="/news/1">One again</a>
      <a href="/about">About</a> <a href="https://other.org/news/3">Elsewhere</a>
      <a href="mailto:x@y.org">Mail</a></body></html>"""
    links = list_page_links(html, base_url="https://x.org/list", pattern=r"/news/\d+$")
    assert links == ["https://x.org/news/1", "https://x.org/news/2"]


def test_a_bad_link_pattern_is_a_validation_error(db):
    source = Source(url="https://x.org/list", kind=Source.Kind.LIST_PAGE, link_pattern="(")
    with pytest.raises(ValidationError, match="regular expression"):
        source.full_clean()


@pytest.mark.django_db
def test_a_sitemap_source_ingests_its_pages_and_refetches_a_modified_one(feed_site):
    base = feed_site.base
    for n in (1, 2, 3):
        feed_site.serve(f"/news/{n}", page(n), content_type="text/html")
    feed_site.serve(
        "/sitemap.xml",
        (
            f"<sitemapindex {NS}><sitemap><loc>{base}/s1.xml</loc>"
            "<lastmod>2022-02-15</lastmod></sitemap></sitemapindex>"
        ).encode(),
        content_type="application/xml",
    )
    feed_site.serve(
        "/s1.xml", urlset(base, (1, "2022-02-14"), (2, "2022-02-15")), content_type="text/xml"
    )
    source = Source.objects.create(url=f"{base}/sitemap.xml", kind=Source.Kind.SITEMAP)

    first = poll(source)

    assert (first.status, first.new_items) == ("ok", 2), first.error
    assert set(Article.objects.values_list("url", flat=True)) == {
        f"{base}/news/1",
        f"{base}/news/2",
    }

    # A new page, and page 1 modified since.
    feed_site.serve("/news/1", page(11), content_type="text/html")
    feed_site.serve(
        "/s1.xml",
        urlset(base, (1, "2022-02-16"), (2, "2022-02-15"), (3, "2022-02-16")),
        content_type="text/xml",
    )
    second = poll(source)

    assert (second.new_items, second.updated_items) == (1, 1)
    revised = Article.objects.get(url=f"{base}/news/1")
    assert "exercise number 11" in revised.text
    assert revised.versions.count() == 1
    assert len(feed_site.asked("/news/2")) == 1


@pytest.mark.django_db
def test_a_list_page_source_ingests_linked_articles_once(feed_site):
    base = feed_site.base
    for n in (1, 2):
        feed_site.serve(f"/news/{n}", page(n), content_type="text/html")
    listing = b'<html><body><a href="/news/1">1</a><a href="/news/2">2</a><a href="/x">x</a>'
    feed_site.serve("/latest", listing, content_type="text/html")
    source = Source.objects.create(
        url=f"{base}/latest", kind=Source.Kind.LIST_PAGE, link_pattern=r"/news/\d+"
    )

    assert poll(source).new_items == 2
    assert poll(source).new_items == 0

    assert SourceItem.objects.filter(source=source).count() == 2
    assert Article.objects.count() == 2
    assert feed_site.asked("/x") == []
    assert len(feed_site.asked("/news/1")) == 1


@pytest.mark.django_db
def test_a_gzipped_sitemap_index_pointing_to_gzipped_sitemaps_is_polled(feed_site):
    base = feed_site.base
    for n in (1, 2):
        feed_site.serve(f"/news/{n}", page(n), content_type="text/html")
    index = (
        f"<sitemapindex {NS}><sitemap><loc>{base}/s1.xml.gz</loc>"
        "<lastmod>2022-02-15</lastmod></sitemap></sitemapindex>"
    ).encode()
    # Served as files, the way web servers serve .gz: no Content-Encoding.
    feed_site.serve("/sitemap.xml.gz", gzip.compress(index), content_type="application/gzip")
    feed_site.serve(
        "/s1.xml.gz",
        gzip.compress(urlset(base, (1, "2022-02-14"), (2, "2022-02-15"))),
        content_type="application/x-gzip",
    )
    source = Source.objects.create(url=f"{base}/sitemap.xml.gz", kind=Source.Kind.SITEMAP)

    result = poll(source)

    assert (result.status, result.new_items) == ("ok", 2), result.error
    assert set(Article.objects.values_list("url", flat=True)) == {
        f"{base}/news/1",
        f"{base}/news/2",
    }


@pytest.mark.django_db
def test_a_gzip_bomb_in_a_sitemap_index_fails_the_poll_and_ingests_nothing(feed_site, settings):
    base = feed_site.base
    feed_site.serve("/news/1", page(1), content_type="text/html")
    index = f"<sitemapindex {NS}><sitemap><loc>{base}/s1.xml.gz</loc></sitemap></sitemapindex>"
    feed_site.serve("/sitemap.xml", index.encode(), content_type="application/xml")
    # Under the fetch limit on the wire (1 MiB in these tests), far over it expanded.
    filler = b"<!-- " + b"x" * 20_000_000 + b" -->"
    bomb = gzip.compress(urlset(base, (1, "2022-02-14")) + filler)
    assert len(bomb) < settings.GAINSAY_FETCH_MAX_BYTES
    feed_site.serve("/s1.xml.gz", bomb, content_type="application/gzip")
    source = Source.objects.create(url=f"{base}/sitemap.xml", kind=Source.Kind.SITEMAP)

    result = poll(source)

    assert result.status == "error"
    assert "expands to more than 1,048,576 bytes" in source.last_error
    assert source.error_streak == 1
    assert not Article.objects.exists()
    assert feed_site.asked("/news/1") == []
