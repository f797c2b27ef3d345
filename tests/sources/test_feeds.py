"""Parsing feeds from bytes: no network, no file system, no entity expansion."""

import pytest

from sources.feeds import FeedError, html_to_text, parse_feed

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ministry</title><id>urn:m</id>
<updated>2022-02-16T10:00:00Z</updated>
<entry><title>Statement &amp; remarks</title><id>urn:m:1</id>
<link href="https://example.org/s/1"/><updated>2022-02-16T10:00:00Z</updated>
<content type="html">&lt;p&gt;The ministry said that troops &lt;b&gt;return&lt;/b&gt;.&lt;/p&gt;
&lt;p&gt;Second paragraph.&lt;/p&gt;</content></entry></feed>"""


def test_it_parses_atom_entries():
    [entry] = parse_feed(ATOM, url="https://example.org/feed")

    assert entry.guid == "urn:m:1"
    assert entry.link == "https://example.org/s/1"
    assert entry.title == "Statement & remarks"
    assert entry.text == "The ministry said that troops return.\n\nSecond paragraph."
    assert entry.published.isoformat() == "2022-02-16T10:00:00+00:00"
    assert not entry.has_enough_text()


def test_it_never_reads_a_file_or_url_it_is_given_as_bytes(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_bytes(ATOM)

    with pytest.raises(FeedError):
        parse_feed(str(secret).encode())
    with pytest.raises(FeedError):
        parse_feed(b"http://127.0.0.1:9/feed.xml")


def test_it_refuses_entity_declarations():
    body = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r/>'
    with pytest.raises(FeedError, match="entities"):
        parse_feed(body)


def test_an_empty_document_is_an_error():
    with pytest.raises(FeedError, match="empty"):
        parse_feed(b"  ")


def test_html_to_text_keeps_paragraphs_and_unescapes():
    assert html_to_text("<p>A &amp; B</p><p>C<br>D</p>") == "A & B\n\nC\n\nD"
