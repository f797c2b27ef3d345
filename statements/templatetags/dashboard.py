"""Presentation helpers for the dashboard templates.

Highlighting builds HTML from escaped pieces (format_html) so that article and
statement text can never inject markup, whatever it contains.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from django import template
from django.core.validators import slug_re
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

from statements.models import Statement
from statements.selectors.search import HIGHLIGHT_START, HIGHLIGHT_STOP, LESS_THAN

register = template.Library()

# reverse() costs tens of microseconds, and a list page calls it hundreds of times per
# render (each row links its statement, contradiction, topic and speaker). The detail
# routes take one int or slug: each is reversed once with a stand-in argument, and its
# URLs are that one with the argument put in its place.
# The slug first: digits are a valid slug too, so the int stand-in would fit slug routes.
_STAND_INS = {"slug": "zq-stand-in-qz", "int": 4_062_719_337}

# Paragraphs longer than this are trimmed around the claim so one huge block of
# text (an article without line breaks) cannot swamp the page.
CONTEXT_CHARS = 600


@functools.lru_cache(maxsize=64)
def _route(name: str, urlconf, prefix: str) -> tuple[str, str, str]:
    """(argument kind, URL before it, URL after it) for a route with one argument."""
    for kind, stand_in in _STAND_INS.items():
        try:
            url = reverse(name, args=[stand_in], urlconf=urlconf)
        except NoReverseMatch:
            continue
        head, _, tail = url.partition(str(stand_in))
        return kind, head, tail
    raise NoReverseMatch(f"{name} does not take one int or slug argument.")


@register.simple_tag
def detail_url(name: str, arg) -> str:
    """{% url name arg %} for a detail page, without a reverse() per call."""
    kind, head, tail = _route(name, get_urlconf(), get_script_prefix())
    if kind == "int" and type(arg) is int and arg >= 0:
        return f"{head}{arg}{tail}"
    if kind == "slug" and isinstance(arg, str) and slug_re.match(arg):
        return f"{head}{arg}{tail}"
    return reverse(name, args=[arg])  # anything else: Django's own answer, or its error


def detail_url_parts(name: str) -> tuple[str, str]:
    """(before, after) the argument of a detail route taking an int or a slug.

    For figures that link hundreds of rows: head + str(pk) + tail, with no lookup per
    link. Only for arguments detail_url would put in place (ids, valid slugs).
    """
    _kind, head, tail = _route(name, get_urlconf(), get_script_prefix())
    return head, tail


@register.filter
def said_on(statement: Statement) -> SafeString:
    """The date a statement was made, only as precise as it is known."""
    day = statement.said_on
    precision = statement.date_precision
    if day is None or precision == Statement.Precision.UNKNOWN:
        return format_html('<span class="date-unknown">{}</span>', "date unknown")
    if precision == Statement.Precision.WEEK:
        monday = day - dt.timedelta(days=day.weekday())
        label = f"week of {_day(monday)}"
    elif precision == Statement.Precision.MONTH:
        label = day.strftime("%b %Y")
    else:
        label = _day(day)
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), label)


def _day(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%b %Y')}"


@register.simple_tag
def speaker(statement: Statement) -> SafeString:
    """The speaker, linked to their page when resolved to an actor.

    A tag, not an included template: list pages show dozens of speakers, and an
    include per speaker was a large share of their render time.
    """
    actor = statement.actor if statement.actor_id else None
    if actor is not None:
        url = detail_url("statements:actor_detail", actor.slug)
        return format_html('<a href="{}">{}</a>', url, actor.name)
    return format_html("{}", statement.speaker_text or "Unknown speaker")


@register.simple_tag
def seen(statement: Statement) -> SafeString:
    """When the words were first seen and in how many outlets ("" when never recorded).

    A tag for the same reason as speaker: it is on every claim and statement row.
    """
    if statement.first_seen_at is None:
        return mark_safe("")  # noqa: S308 (empty)
    first = template_localtime(statement.first_seen_at)  # as the date filter shows it
    outlets, appearances = statement.outlet_count, statement.appearance_count
    extra = format_html(" ({} appearances)", appearances) if appearances > outlets else ""
    return format_html(
        '<p class="seen">First seen <time datetime="{}">{}</time> · {} outlet{}{}</p>',
        dateformat.format(first, "c"),
        dateformat.format(first, "j M Y, H:i"),
        outlets,
        "" if outlets == 1 else "s",
        extra,
    )


@register.filter
def claims(contradiction) -> list[tuple]:
    """(statement, opposing phrase, side) for each claim the contradiction has: one row
    template loops over them rather than including a claim template per side."""
    sides = [(contradiction.statement_a, contradiction.phrase_a, "A")]
    if contradiction.statement_b_id is not None:
        sides.append((contradiction.statement_b, contradiction.phrase_b, "B"))
    return sides


@register.simple_tag
def claim(statement: Statement, phrase: str, side: str) -> SafeString:
    """One claim of a contradiction row: speaker, date and kind, the words with the
    opposing phrase marked, source and first sighting.

    A tag for the same reason as speaker: overview and actor pages show dozens of
    claims, and the template's dozen nodes per claim were most of their render time.
    """
    return format_html(
        '<section class="claim claim-{}" aria-label="Claim {}">\n'
        '      <h3 class="who">{}</h3>\n'
        '      <p class="when">{} · {}</p>\n'
        '      <blockquote class="words">{}</blockquote>\n'
        '      <p class="source">{}</p>\n'
        "      {}\n"
        "    </section>",
        side.lower(),
        side,
        speaker(statement),
        said_on(statement),
        statement.get_kind_display(),
        highlight(statement.content, phrase),
        source(statement.article),
        seen(statement),
    )


@register.simple_tag
def source(article) -> SafeString:
    """Outlet and article title, the title linked when the URL is a web address."""
    outlet = article.outlet if article.outlet_id else None
    lead = format_html('<span class="outlet">{}</span>: ', outlet.name) if outlet else ""
    href = web_url(article.url)
    if href:
        body = format_html(
            '<a href="{}" rel="noopener noreferrer">{}</a>', href, article.title or href
        )
    else:
        body = format_html("{}", article.title or "Untitled article")
    return format_html("{}{}", lead, body)


@register.filter
def web_url(url: str) -> str:
    """The URL if it is http(s), else "": a stored javascript: URL must never become a link."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


@register.filter
def contradictions_of(statement: Statement) -> list[tuple]:
    """(contradiction, opposing statement) pairs, as selectors.with_contradictions left them."""
    return statement.contradiction_pairs


def _phrase_pattern(phrase: str) -> re.Pattern | None:
    words = phrase.split()
    if not words:
        return None
    # Whitespace inside the phrase may differ from the text's (line breaks, doubled spaces).
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


def _find(phrase: str, text: str, start: int = 0, end: int | None = None):
    pattern = _phrase_pattern(phrase or "")
    if pattern is None:
        return None
    match = pattern.search(text, start, len(text) if end is None else end)
    return (match.start(), match.end()) if match else None


@dataclass(frozen=True)
class _Range:
    start: int
    end: int
    css: str


def _render(text: str, ranges: list[_Range]) -> SafeString:
    """Escape text and wrap each range in <mark class=css>; ranges may nest or overlap."""
    cuts = sorted({0, len(text), *(r.start for r in ranges), *(r.end for r in ranges)})
    parts = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        piece = format_html("{}", text[lo:hi])
        for r in reversed(ranges):  # wrap innermost first, so earlier ranges end up outside
            if r.start <= lo and hi <= r.end:
                piece = format_html('<mark class="{}">{}</mark>', r.css, piece)
        parts.append(piece)
    # Every part is a SafeString produced by format_html above.
    return mark_safe("".join(parts))  # noqa: S308


@register.simple_tag
def highlight(text: str, phrase: str = "") -> SafeString:
    """Text, escaped, with the phrase marked where it occurs."""
    text = text or ""
    found = _find(phrase, text)
    return _render(text, [_Range(*found, "hl-phrase")] if found else [])


def _claim_ranges(statement: Statement, text: str) -> list[tuple[int, int]]:
    """Where the statement's words sit in the article text; empty if the offsets are stale."""
    start, end = statement.content_start, statement.content_end
    if start is None or end is None or not 0 <= start < end <= len(text):
        found = _find(statement.content, text)
        return [found] if found else []
    pairs = [
        tuple(seg)
        for seg in statement.segments or []
        if isinstance(seg, list | tuple) and len(seg) == 2
    ]
    segments = sorted(
        (s, e)
        for s, e in pairs
        if isinstance(s, int) and isinstance(e, int) and start <= s < e <= end
    )
    # A quote split by "he said" is marked piece by piece; otherwise as one span.
    return segments or [(start, end)]


@register.simple_tag
def excerpt(statement: Statement, phrase: str = "") -> SafeString:
    """The paragraph(s) around a statement with its words and the opposing phrase marked."""
    text = statement.article.text or ""
    claims = _claim_ranges(statement, text)
    if not claims:
        # The article no longer holds these words: show them alone rather than guess.
        return format_html('<mark class="hl-claim">{}</mark>', highlight(statement.content, phrase))
    first, last = claims[0][0], claims[-1][1]
    lo = text.rfind("\n", 0, first) + 1
    hi = text.find("\n", last)
    hi = len(text) if hi == -1 else hi
    lead, tail = "", ""
    if first - lo > CONTEXT_CHARS:
        space = text.find(" ", first - CONTEXT_CHARS, first)
        lo = first - CONTEXT_CHARS if space == -1 else space + 1
        lead = "… "
    if hi - last > CONTEXT_CHARS:
        cut = text.rfind(" ", last, last + CONTEXT_CHARS)
        hi = cut if cut != -1 else last + CONTEXT_CHARS
        tail = " …"
    ranges = [_Range(s - lo, e - lo, "hl-claim") for s, e in claims]
    found = _find(phrase, text, first, last)
    if found:
        ranges.append(_Range(found[0] - lo, found[1] - lo, "hl-phrase"))
    return format_html("{}{}{}", lead, _render(text[lo:hi], ranges), tail)


@register.filter
def search_headline(headline: str | None) -> SafeString:
    """A ts_headline excerpt, escaped, with its private-use markers turned into <mark>.

    The text is escaped piece by piece and only the markers become markup, so a
    stored "<script>" is shown as text whatever PostgreSQL returns.
    """
    text = (headline or "").replace(LESS_THAN, "<")
    head, *marked = text.split(HIGHLIGHT_START)
    parts = [format_html("{}", head.replace(HIGHLIGHT_STOP, ""))]
    for chunk in marked:
        inside, stop, after = chunk.partition(HIGHLIGHT_STOP)
        if not stop:  # an unterminated marker: show the rest as plain text
            parts.append(format_html("{}", inside))
            continue
        parts.append(format_html('<mark class="hl-search">{}</mark>', inside))
        parts.append(format_html("{}", after.replace(HIGHLIGHT_STOP, "")))
    # Every part is a SafeString produced by format_html above.
    return mark_safe("".join(parts))  # noqa: S308
