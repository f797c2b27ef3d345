"""Article header parsing and page-furniture (boilerplate) detection."""

from __future__ import annotations

import re

from .text_utils import find_explicit_date
from .text_utils import lines as text_lines
from .types import ArticleHeader

BYLINE_RE = re.compile(r"^By\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von))*)\s*$")
CAPTION_END_RE = re.compile(
    r"(?:\bUPI Photo(?:/File)?|\bPhoto by [^.]{2,80}|\bPhoto(?:graph)?:\s*[^.]{2,80}"
    r"|\b(?:AP|AFP|EPA|Reuters|REUTERS|Getty Images|Pool|UPI)(?: Photo)?/[\w .'’-]{2,60}"
    # "Defence Ministry/Handout via REUTERS"; a sentence may end "said via Reuters".
    r"|(?:/|\bHandout )[^/.]{0,60}\bvia (?:Reuters|REUTERS|AP|AFP|Getty Images)|\bvia REUTERS"
    # A credit in parentheses, agency and photographer: "(Sputnik/Kremlin via AP)".
    r"|\((?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*/)+[A-Z][\w.'’-]*(?: [\w.'’-]+)*\)"
    r"|\bFile Photo|\(Photo[^)]*\)|\bPhoto courtesy of [^.]{2,80})\.?\s*$"
)
# What a caption or a link to another page opens with: "Photo: ...", "READ MORE: ...",
# "[Video: ...]". Not inside a quotation: a transcript labels a clip '"VIDEO: ...'.
LABELLED_FURNITURE_RE = re.compile(
    r"^[\[(]?\s*(?:photo(?:graph)?|image|picture|pictured|caption|video|watch|listen"
    r"|read more|read also|also read|see also|more on this(?: story)?|recommended"
    r"|related(?: articles?| stories| coverage| content| reading)?|our standards)\s*:"
    # The BBC's "IMAGE SOURCE,REUTERS" and "Image caption," over the caption itself.
    r"|^(?:image|media|video) (?:source|caption)\b\s*(?:[,:]|$)",
    re.I,
)
_DATELINE_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Za-z .,'/-]{0,40}?,?\s*)?"
    rf"(?:{_DATELINE_MONTH}\s+\d{{1,2}}\s*)?"
    # Any short capitalised agency name: (UPI), (Reuters), (TASS), (Xinhua), (Wire).
    r"(?:\((?:[A-Z][\w&.'/ -]{1,30})\)\s*(?:--|—|―|–|-)\s*"
    # CNN's have no dash: "Kyiv, Ukraine (CNN)Russia's ...", "Moscow (CNN) The ...".
    r"|\([A-Z][\w&.'/ -]{1,30}\)(?=[A-Z“\"‘'])|\(CNN(?: [A-Z][a-z]+)?\)\s*)"
    # Or a place in capitals alone: "WASHINGTON — ", "MANCHESTER, N.H. - ". Left in,
    # the parser reads the dash as a verb and the place as its subject, the speaker.
    # Agencies join the places a story was reported from: "KYIV/MOSCOW (Reuters) - ".
    r"|^[A-Z][A-Z.'’]{2,}(?:[ /-][A-Z][A-Z.'’]+)*(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"\s+(?:--|—|―|–|-)\s+(?=\S)"
    # TASS and others write the agency between slashes: "MOSCOW, February 16. /TASS/. ".
    r"|^[A-Z][A-Za-z .'’-]{1,40},\s*"
    rf"{_DATELINE_MONTH}\s+\d{{1,2}}\.?\s*"
    r"/[A-Z][\w -]{1,20}/\.?\s*"
)
# Headings of furniture: the lines under one are headlines of other stories or a
# photo's caption.
FURNITURE_HEADINGS = {
    "trending", "trending now", "read more", "related", "related articles",
    "related stories", "related coverage", "related topics", "latest news",
    "top stories", "most popular", "most read", "more from upi", "more stories",
    "recommended", "you may also like", "editor's picks", "editor’s picks",
    "more on this story", "what to read next", "image caption", "media caption",
}  # fmt: skip
NAV_LINES = FURNITURE_HEADINGS | {
    "advertisement", "share", "share this article", "tweet", "email", "print",
    "comments", "menu", "subscribe", "sign up", "follow us",
}  # fmt: skip
# A headline or caption under such a heading is short; a longer line is the story.
UNDER_HEADING_MAX_WORDS = 25
# Notes from the newsroom, not from anyone the story quotes: "Editor's note: ...",
# "Correction: ...", "Contributing: ...", "Follow Jane Doe on Twitter @jdoe".
NEWSROOM_NOTE_RE = re.compile(
    r"^\W*(?:editor[’']?s['’]? note|note to readers|corrections?|clarification|updated?"
    r"|contributing|related coverage)\b[^:\n]{0,40}:"
    r"|^\W*(?:(?:additional )?reporting|writing|editing) by\b"
    r"|^\W*follow\s+[^.\n]{1,60}\s+on\s+(?:twitter|facebook|instagram)\b"
    r"|^\W*this (?:article|story|post|report) has been (?:revised|updated|corrected)\b",
    re.I,
)
TIME_LINE_RE = re.compile(r"^[\w ,.]*\d{4}\s*/\s*\d{1,2}:\d{2}\s*(?:AM|PM|a\.m\.|p\.m\.)?$", re.I)
DATE_ONLY_RE = re.compile(r"^(?:date\s+)?\d{4}-\d{2}-\d{2}(?:\s+\w+)?$", re.I)
# "Published 10:32 AM EST Feb 16, 2022", "Last updated: Wed 16 Feb 2022 09.12 GMT".
STAMP_RE = re.compile(r"^\W*(?:(?:first |last )?(?:published|updated|posted|modified))\b", re.I)


def _heading(line: str) -> str:
    return line.strip().lower().rstrip(":,")


def is_boilerplate_line(line: str) -> bool:
    stripped = line.strip()
    if _heading(stripped) in NAV_LINES:
        return True
    if any(
        pattern.match(stripped)
        for pattern in (
            BYLINE_RE,
            NEWSROOM_NOTE_RE,
            TIME_LINE_RE,
            DATE_ONLY_RE,
            LABELLED_FURNITURE_RE,
        )
    ):
        return True
    return bool(CAPTION_END_RE.search(line))


def _is_date_line(line: str) -> bool:
    """A line that only dates the article: "February 16, 2022", "Updated 9:12 AM ET ..."."""
    if not find_explicit_date(line):
        return False
    return len(line.split()) <= 6 or bool(STAMP_RE.match(line) and len(line.split()) <= 15)


def _is_credit_line(line: str) -> bool:
    """A line under a byline naming the writer's outlet or post ("BBC News", "Chief
    political correspondent") or labelling a date below ("Published"): a few words
    that end no sentence."""
    return len(line.split()) <= 4 and not re.search(r"[.!?\"”’]$", line.strip())


def _same_block(text: str, end: int, start: int) -> bool:
    """No blank line between a line ending at end and one starting at start."""
    return text.count("\n", end, start) <= 1


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
            continue
        if _is_date_line(line):
            # Only a line that dates the article: a caption's date is the photo's.
            if header.published is None:
                header.published = find_explicit_date(line)[0]
            header.boilerplate.append((start, end))
            continue
        if is_boilerplate_line(line):
            header.boilerplate.append((start, end))
            continue
        if byline_index is not None:
            if _is_credit_line(line):
                header.boilerplate.append((start, end))
                continue
            break  # the story starts after the byline and the lines that date it
        if header.title is None and len(line.split()) >= 3:
            header.title = line.strip()
    after_byline = lines[byline_index + 1 :] if byline_index is not None else lines
    body = [ln for ln in after_byline if ln not in header.boilerplate]
    header.body_start = body[0][0] if body else len(text)
    under_end = None  # where the last line under a heading of furniture ended
    for start, end in lines:
        line = text[start:end]
        if start < header.body_start:
            heading = (start, end) in header.boilerplate and _heading(line) in FURNITURE_HEADINGS
            under_end = end if heading else None
            continue
        if (
            under_end is not None
            and _same_block(text, under_end, start)
            and len(line.split()) <= UNDER_HEADING_MAX_WORDS
        ):
            header.boilerplate.append((start, end))
            under_end = end
            continue
        under_end = None
        if is_boilerplate_line(line) or STAMP_RE.match(line) and _is_date_line(line):
            header.boilerplate.append((start, end))
            if _heading(line) in FURNITURE_HEADINGS:
                under_end = end
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
