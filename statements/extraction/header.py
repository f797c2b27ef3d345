"""Article header parsing and page-furniture (boilerplate) detection."""

from __future__ import annotations

import re

from .text_utils import find_explicit_date
from .text_utils import lines as text_lines
from .types import ArticleHeader

BYLINE_RE = re.compile(r"^By\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von))*)\s*$")
CAPTION_END_RE = re.compile(
    r"(?:\bUPI Photo(?:/File)?|\bPhoto by [^.]{2,80}|\bPhoto(?:graph)?:\s*[^.]{2,80}"
    r"|\b(?:AP|AFP|EPA|Reuters|Getty Images|Pool|UPI)(?: Photo)?/[\w .-]{2,60}"
    r"|\bFile Photo|\(Photo[^)]*\)|\bPhoto courtesy of [^.]{2,80})\.?\s*$"
)
DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Za-z .,'-]{0,40}?,?\s*)?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*)?"
    # Any short capitalised agency name: (UPI), (Reuters), (TASS), (Xinhua), (Wire).
    r"\((?:[A-Z][\w&.'/ -]{1,30})\)\s*(?:--|—|―|–|-)\s*"
    # Or a place in capitals alone: "WASHINGTON — ", "MANCHESTER, N.H. - ". Left in,
    # the parser reads the dash as a verb and the place as its subject, the speaker.
    r"|^[A-Z][A-Z.'’]{2,}(?:[ -][A-Z][A-Z.'’]+)*(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"\s+(?:--|—|―|–|-)\s+(?=\S)"
)
NAV_LINES = {
    "trending", "advertisement", "share", "tweet", "email", "print", "comments",
    "read more", "related", "related articles", "latest news", "top stories", "menu",
    "subscribe", "sign up", "follow us", "most popular", "more from upi",
}  # fmt: skip
# Notes from the newsroom, not from anyone the story quotes: "Editor's note: ...",
# "Correction: ...", "Contributing: ...", "Follow Jane Doe on Twitter @jdoe".
NEWSROOM_NOTE_RE = re.compile(
    r"^\W*(?:editor[’']?s['’]? note|note to readers|corrections?|clarification|updated?"
    r"|contributing|related coverage)\b[^:\n]{0,40}:"
    r"|^\W*follow\s+[^.\n]{1,60}\s+on\s+(?:twitter|facebook|instagram)\b"
    r"|^\W*this (?:article|story|post|report) has been (?:revised|updated|corrected)\b",
    re.I,
)
TIME_LINE_RE = re.compile(r"^[\w ,.]*\d{4}\s*/\s*\d{1,2}:\d{2}\s*(?:AM|PM|a\.m\.|p\.m\.)?$", re.I)
DATE_ONLY_RE = re.compile(r"^(?:date\s+)?\d{4}-\d{2}-\d{2}(?:\s+\w+)?$", re.I)


def is_boilerplate_line(line: str) -> bool:
    stripped = line.strip()
    if stripped.lower().rstrip(":") in NAV_LINES:
        return True
    if any(
        pattern.match(stripped)
        for pattern in (BYLINE_RE, NEWSROOM_NOTE_RE, TIME_LINE_RE, DATE_ONLY_RE)
    ):
        return True
    return bool(CAPTION_END_RE.search(line))


def parse_article_header(text: str) -> ArticleHeader:
    header = ArticleHeader()
    # Header parts sit on lines of their own, which paragraphs() may join.
    lines = list(text_lines(text))
    byline_index = None
    # Headers are short; anything past the first few lines is body.
    for index, (start, end) in enumerate(lines[:8]):
        line = text[start:end]
        m = BYLINE_RE.match(line)
        if m and header.author is None:
            header.author = m[1]
            byline_index = index
            header.boilerplate.append((start, end))
            break
        if is_boilerplate_line(line) or (len(line.split()) <= 6 and find_explicit_date(line)):
            if header.published is None:
                found = find_explicit_date(line)
                if found:
                    header.published = found[0]
            header.boilerplate.append((start, end))
            continue
        if header.title is None and len(line.split()) >= 3:
            header.title = line.strip()
    if byline_index is not None:
        body = lines[byline_index + 1 :]
    else:
        body = [ln for ln in lines if (ln[0], ln[1]) not in header.boilerplate]
    header.body_start = body[0][0] if body else len(text)
    for start, end in lines:
        if start < header.body_start:
            continue
        line = text[start:end]
        if is_boilerplate_line(line):
            header.boilerplate.append((start, end))
            continue
        m = DATELINE_RE.match(line)
        if m and m.end() > 0:
            header.boilerplate.append((start, start + m.end()))
            if header.dateline_date is None:
                found = find_explicit_date(m[0], header.published)
                if found:
                    header.dateline_date = found[0]
    if header.published is None and header.dateline_date is not None:
        header.published = header.dateline_date
    return header
