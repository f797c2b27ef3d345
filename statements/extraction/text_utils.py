"""Paragraph and date-literal helpers that need no NLP model."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
MONTH_DAY_RE = re.compile(rf"\b({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE})(?:,?\s+(\d{{4}}))?")
ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def month_number(word: str) -> int | None:
    key = word.lower().rstrip(".")
    return MONTHS.get(key[:4] if key.startswith("sept") else key[:3])


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def year_for(month: int, day: int, reference: date | None) -> int | None:
    """Pick the year that puts a bare "Feb. 14" on or before the reference date."""
    if reference is None:
        return None
    candidate = safe_date(reference.year, month, day)
    if candidate is not None and candidate > reference:
        return reference.year - 1
    return reference.year


def find_explicit_date(text: str, reference: date | None = None) -> tuple[date, re.Match] | None:
    """First explicit calendar date in text, completing a missing year from reference."""
    found: list[tuple[int, date, re.Match]] = []
    for m in ISO_RE.finditer(text):
        d = safe_date(int(m[1]), int(m[2]), int(m[3]))
        if d:
            found.append((m.start(), d, m))
    for m in MONTH_DAY_RE.finditer(text):
        month, day = month_number(m[1]), int(m[2])
        year = int(m[3]) if m[3] else year_for(month, day, reference)
        d = safe_date(year, month, day) if month and year else None
        if d:
            found.append((m.start(), d, m))
    for m in DAY_MONTH_RE.finditer(text):
        month, day = month_number(m[2]), int(m[1])
        year = int(m[3]) if m[3] else year_for(month, day, reference)
        d = safe_date(year, month, day) if month and year else None
        if d:
            found.append((m.start(), d, m))
    if not found:
        return None
    _, d, m = min(found, key=lambda item: item[0])
    return d, m


def lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, stripped of surrounding whitespace."""
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            yield start, start + len(stripped)
        pos += len(line)


# Hard-wrapped text (plain-text files, e-mail) breaks its lines at a fixed width of
# about 72 to 80 characters; articles from the web put a paragraph on one line.
WRAP_WIDTH = 100
# What a sentence ends on, before any closing quotation marks or brackets.
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
# What may open a line before its first word; '"heaviest' runs on as 'heaviest' does.
_OPENING_MARKS = "\"'“‘([«"

# While spaCy parses one text it holds about 3.5 MB per 1,000 characters, and some
# rules compare the sentences of a paragraph pairwise. No paragraph of news comes near
# this (PolNeAR's longest has 2,573 characters), but a transcript or a text dump
# without line breaks can be one line of 100,000, which would take a worker past 1 GB.
MAX_PARAGRAPH_CHARS = 10_000
# Where a sentence ends inside a line: its mark and closing quotes, before a space.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")
_SPACE = re.compile(r"\s+")
# A line break that may fall inside a paragraph: a newline as any system writes it,
# or the manual line break of a word processor (U+2028, or a vertical tab from Word).
_LINE_BREAK_CHAR = re.compile(r"[\n\r\x0b\x85\u2028]")
_LINE_BREAK = re.compile(rf"\r\n|{_LINE_BREAK_CHAR.pattern}")
# Breaks that always end a paragraph: page and paragraph separators.
_PARAGRAPH_BREAK = re.compile(r"[\x0c\x1c-\x1e\u2029]")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: a non-blank line, or several when the breaks
    between them fall inside a sentence. A sentence plainly runs on where a line that
    ends none is followed by a lowercase word, quoted or not. Text with such breaks and
    no line longer than WRAP_WIDTH is hard-wrapped, and there a sentence also runs on
    where the next line's first word would not have fitted on the line, which is why it
    broke; a heading or a byline is shorter than that."""
    found = list(lines(text))
    # Per break: (runs on plainly, line ends no sentence, line length with the next word).
    breaks = []
    for (start, end), (next_start, next_end) in zip(found, found[1:], strict=False):
        line = text[start:end]
        gap = text[end:next_start]
        one_break = len(_LINE_BREAK.findall(gap)) == 1 and not _PARAGRAPH_BREAK.search(gap)
        open_line = one_break and not _SENTENCE_END.search(line)
        following = text[next_start:next_end]
        overflows = len(line) + 1 + len(following.split()[0])
        lowercase = following.lstrip(_OPENING_MARKS)[:1].islower()
        breaks.append((open_line and lowercase, open_line, overflows))
    width = max((end - start for start, end in found), default=0)
    wrapped = width <= WRAP_WIDTH and any(plain for plain, _open, _over in breaks)
    first = 0  # the paragraph's first line
    for index, (plain, open_line, overflows) in enumerate(breaks):
        if not (plain or wrapped and open_line and overflows > width):
            yield found[first][0], found[index][1]
            first = index + 1
    if found:
        yield found[first][0], found[-1][1]


def paragraph_text(text: str, start: int, end: int) -> str:
    """A paragraph as the parser reads it: its line breaks become spaces, so a sentence
    broken over two lines parses as one, and offsets into text stay the same."""
    return _LINE_BREAK_CHAR.sub(" ", text[start:end])


def reading_text(text: str, paras: list[tuple[int, int]]) -> str:
    """The article as the rules read it: each paragraph as paragraph_text gives it, and
    the breaks between paragraphs as they are, so a line break still ends a paragraph
    but no longer seems to end a sentence that runs on over it. Offsets stay the same."""
    pieces, pos = [], 0
    for start, end in paras:
        pieces.append(text[pos:start])
        pieces.append(paragraph_text(text, start, end))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def within_limit(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """paras with any paragraph longer than MAX_PARAGRAPH_CHARS cut into pieces that
    are not: after the last sentence end that fits, else the last space, else at the
    limit. Each piece is then read as a paragraph of its own."""
    limit = MAX_PARAGRAPH_CHARS
    pieces = []
    for start, end in paras:
        while end - start > limit:
            window = (start + 1, start + limit)
            cuts = [m.end() for m in _SENTENCE_BREAK.finditer(text, *window)]
            cuts = cuts or [m.start() for m in _SPACE.finditer(text, *window)]
            cut = cuts[-1] if cuts else start + limit
            pieces.append((start, cut))
            following = _SPACE.match(text, cut)
            start = following.end() if following else cut
        pieces.append((start, end))
    return pieces
