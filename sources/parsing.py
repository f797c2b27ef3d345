"""Turn what a user submitted (text, HTML, JSON, a fetched page) into raw articles.

Pure functions: no database. Every failure is an IngestInputError with a message fit
to show the user.
"""

import datetime as dt
import json
from dataclasses import dataclass, field

import trafilatura
from django.utils.dateparse import parse_date, parse_datetime

from statements.extraction import parse_article_header

MIN_ARTICLE_WORDS = 5


class IngestInputError(ValueError):
    """The submitted input cannot be ingested; the message says why."""


@dataclass
class RawArticle:
    text: str
    url: str | None = None
    title: str = ""
    author: str = ""
    outlet: str = ""
    published: dt.datetime | None = None
    language: str = ""
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, *, name: str = "The input") -> str:
    if not data.strip():
        raise IngestInputError(f"{name} is empty.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestInputError(
            f"{name} is not valid UTF-8 text (bad byte at position {exc.start})."
        ) from exc
    if "\x00" in text:
        raise IngestInputError(f"{name} looks binary (it contains NUL bytes), not text.")
    return text


def parse_published(value) -> dt.datetime | None:
    """Accept an ISO date or datetime; a date means midnight UTC."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    text = str(value).strip()
    try:
        parsed = parse_datetime(text)
        if parsed is None:
            day = parse_date(text)
            if day is None:
                raise ValueError
            parsed = dt.datetime(day.year, day.month, day.day)
    except ValueError as exc:
        raise IngestInputError(
            f"Published date {text!r} is not an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)."
        ) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


_LINE_ENDS = str.maketrans(
    {"\r": "\n", "\x0b": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n", "\x0c": "\n\n"}
)


def from_plain_text(text: str, **overrides) -> RawArticle:
    """Plain text; the title, byline and dateline are read from it when present."""
    if not text.strip():
        raise IngestInputError("The text is empty.")
    # One line end: a file saved on Windows is the same article (same digest) as on
    # Linux, and a sentence wrapped over lines parses as one (text_utils.paragraphs).
    # Word processors write a manual line break as U+2028 or a vertical tab, and a
    # paragraph or page break as U+2029 or a form feed; shown on a page, those would
    # be control characters inside a quotation.
    text = text.replace("\r\n", "\n").translate(_LINE_ENDS)
    header = parse_article_header(text)
    published = None
    if header.published:
        published = parse_published(header.published)
    article = RawArticle(
        text=text,
        title=header.title or "",
        author=header.author or "",
        published=published,
    )
    return _apply_overrides(article, overrides)


def from_html(html: str, *, url: str | None = None, **overrides) -> RawArticle:
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, favor_recall=True, include_comments=False
    )
    text = (document.text if document else "") or ""
    # Navigation crumbs ("Home") are what is left of a page with no article on it.
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise IngestInputError("No article text could be found in the HTML.")
    article = RawArticle(
        text=text,
        url=url,
        title=document.title or "",
        author=document.author or "",
        outlet=document.sitename or "",
        published=_lenient_published(document.date),
        language=document.language or "",
    )
    return _apply_overrides(article, overrides)


def from_json(
    payload: str, *, lines: bool = False, **overrides
) -> list[RawArticle | IngestInputError]:
    """JSON (one object or a list) or JSON lines, each with text, url, title, outlet, published.

    Malformed JSON fails as a whole; a bad item is returned as its error so that the rest
    of a batch still goes in.
    """
    try:
        if lines:
            objects = [json.loads(line) for line in payload.splitlines() if line.strip()]
        else:
            loaded = json.loads(payload)
            objects = loaded if isinstance(loaded, list) else [loaded]
    except json.JSONDecodeError as exc:
        raise IngestInputError(
            f"Malformed JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from exc
    if not objects:
        raise IngestInputError("The JSON holds no articles.")
    return [_item(obj, index=i, **overrides) for i, obj in enumerate(objects, 1)]


def _item(obj, *, index: int, **overrides) -> RawArticle | IngestInputError:
    try:
        return from_object(obj, index=index, **overrides)
    except IngestInputError as exc:
        return exc


def from_object(obj, *, index: int = 1, **overrides) -> RawArticle:
    if not isinstance(obj, dict):
        raise IngestInputError(f"Item {index} is not a JSON object.")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestInputError(f"Item {index} has no text.")
    for key in ("url", "title", "outlet", "author"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise IngestInputError(f"Item {index}: {key!r} must be a string.")
    article = from_plain_text(text)
    article.url = obj.get("url") or None
    article.title = obj.get("title") or article.title
    article.outlet = obj.get("outlet") or ""
    article.author = obj.get("author") or article.author
    if obj.get("published"):
        article.published = parse_published(obj["published"])
    return _apply_overrides(article, overrides)


def _lenient_published(value) -> dt.datetime | None:
    try:
        return parse_published(value)
    except IngestInputError:
        return None


def _apply_overrides(article: RawArticle, overrides: dict) -> RawArticle:
    # Flags given by the user beat whatever was read from the text.
    for key in ("title", "outlet", "author"):
        if overrides.get(key):
            setattr(article, key, overrides[key])
    if overrides.get("published"):
        article.published = parse_published(overrides["published"])
    return article
