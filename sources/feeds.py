"""Parse RSS/Atom feeds from bytes we fetched. Pure functions: no database, no network.

feedparser can fetch URLs and open local files by itself; we only ever hand it a byte
stream, so it can do neither. Entity declarations are refused before parsing: a feed has
no business declaring them, and refusing them rules out billion-laughs expansion whatever
the XML parser underneath does.
"""

import datetime as dt
import hashlib
import html
import io
import re
from dataclasses import dataclass

import feedparser

# A feed's text is "enough" to ingest without fetching the page when it has this many words.
DEFAULT_MIN_WORDS = 60

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_BLOCK_END = re.compile(r"(?i)</(p|div|h[1-6]|li|blockquote)\s*>|<br\s*/?>")
_TAG = re.compile(r"<[^>]+>")


class FeedError(ValueError):
    """The fetched document is not a usable feed; the message says why."""


@dataclass
class FeedEntry:
    guid: str
    link: str
    title: str
    text: str
    author: str
    published: dt.datetime | None

    @property
    def guid_hash(self) -> str:
        return hashlib.sha256(self.guid.encode("utf-8")).hexdigest()

    @property
    def fingerprint(self) -> str:
        """Changes when the entry is updated: its text or its date."""
        stamp = self.published.isoformat() if self.published else ""
        return hashlib.sha256(f"{stamp}\n{' '.join(self.text.split())}".encode()).hexdigest()

    def has_enough_text(self, min_words: int = DEFAULT_MIN_WORDS) -> bool:
        return len(self.text.split()) >= min_words


def parse_feed(body: bytes, *, url: str = "", content_type: str = "") -> list[FeedEntry]:
    """Entries of an RSS or Atom document, in feed order; FeedError if it is not a feed."""
    if not body.strip():
        raise FeedError("The feed is empty.")
    if _declares_entities(body):
        raise FeedError("The feed declares XML entities; refused (entity expansion).")
    headers = {"content-location": url} if url else {}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    entries = [entry for entry in map(_entry, parsed.entries) if entry is not None]
    # A slightly broken feed (an undefined &nbsp;) still yields usable entries and is
    # accepted; one that yields none is an error, so its source backs off.
    if not entries and parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        raise FeedError(f"The feed is not well-formed XML: {problem}.")
    if not entries and not parsed.get("version"):
        raise FeedError("The document is not an RSS or Atom feed.")
    return entries


def _declares_entities(body: bytes) -> bool:
    if _ENTITY_DECLARATION.search(body):
        return True
    # A UTF-16/32 document hides the declaration from a byte search; look at it decoded.
    if b"\x00" in body[:4] or body[:2] in (b"\xff\xfe", b"\xfe\xff"):
        for codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
            text = body.decode(codec, errors="ignore")
            if "<!entity" in text.lower():
                return True
    return False


def _entry(raw) -> FeedEntry | None:
    link = (raw.get("link") or "").strip()
    title = html_to_text(raw.get("title") or "")
    guid = (raw.get("id") or link or "").strip()
    published = _datetime(raw.get("published_parsed") or raw.get("updated_parsed"))
    if not guid:
        if not title:
            return None  # nothing to tell this entry apart from the next one
        guid = f"{title}|{published.isoformat() if published else ''}"
    contents = [c.get("value", "") for c in raw.get("content") or []]
    bodies = [html_to_text(value) for value in [*contents, raw.get("summary") or ""]]
    text = max(bodies, key=lambda value: len(value.split()), default="")
    if not link and not text:
        return None  # nothing to ingest
    return FeedEntry(
        guid=guid,
        link=link,
        title=title[:500],
        text=text,
        author=(raw.get("author") or "")[:300],
        published=published,
    )


def _datetime(value) -> dt.datetime | None:
    # feedparser normalises dates to UTC struct_time.
    if not value:
        return None
    try:
        return dt.datetime(*value[:6], tzinfo=dt.UTC)
    except (TypeError, ValueError):
        return None


def html_to_text(fragment: str) -> str:
    """Plain text from an HTML fragment, keeping paragraph breaks."""
    text = _BLOCK_END.sub("\n\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return "\n\n".join(part for part in paragraphs if part)
