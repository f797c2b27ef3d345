"""Quotation-mark spans, including quotes that run over several paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENERS = {"“", "«", "„"}
CLOSERS = {"”", "»"}
TOGGLES = {'"'}
QUOTE_MARK = re.compile("``|''|[" + "".join(OPENERS | CLOSERS | TOGGLES) + "]")
# Token texts that open or close quoted words; single marks too, which set off titles.
OPENING_TOKENS = tuple(sorted(OPENERS | TOGGLES | {"``", "'", "\u2018"}))
CLOSING_TOKENS = tuple(sorted(CLOSERS | TOGGLES | {"''", "'", "\u2019"}))
# British style quotes with single marks, which also serve as apostrophes ("don’t",
# "the ministers’ claims"): read only in an article without double marks. Where
# double marks quote, single ones set off headline words, subheadings and quotes
# within quotes.
SINGLE_MARK = re.compile("[\u2018\u2019']")
SINGLE_OPENS_AFTER = frozenset("([—–-")
SINGLE_CLOSES_AFTER = frozenset(",.?!")
SINGLE_CLOSES_BEFORE = frozenset(",.;:?!)")
# A transcript turn ('"WALLACE: Let's start ...'): a new speaker's label, so the
# paragraph never continues the previous paragraph's quotation.
SPEAKER_LABEL = re.compile(r"[\"“]?\s*[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}\s*:\s")


@dataclass
class QuoteGroup:
    """One quotation: a segment per paragraph it runs through."""

    segments: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def paragraph_quotes(
    text: str, start: int, end: int, *, single_marks: bool = False
) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of quotes in one paragraph; end includes the closing mark.
    With single_marks, those of an article that quotes with single marks."""
    if single_marks:
        return _single_quotes(text, start, end)
    found = []
    open_at = None
    # Only the marks matter; the regex steps over the text between them in C, which
    # matters because every paragraph is scanned several times.
    for match in QUOTE_MARK.finditer(text, start, end):
        i, mark = match.start(), match.group()
        if len(mark) == 2:
            # PTB-style quotes: `` always opens; '' closes, or opens at a word start.
            if open_at is None and (mark == "``" or i == start or text[i - 1].isspace()):
                open_at = i
            elif open_at is not None:
                found.append((open_at, i + 2, True))
                open_at = None
        elif mark in OPENERS and open_at is None:
            open_at = i
        elif mark in OPENERS and _closes_a_word(text, i, end):
            # A typing slip ('for her here,“ said Jim Clyburn'): an opening mark
            # that ends a word while a quotation is open closes it.
            found.append((open_at, i + 1, True))
            open_at = None
        elif mark in CLOSERS and open_at is not None:
            found.append((open_at, i + 1, True))
            open_at = None
        elif mark in TOGGLES:
            if open_at is None:
                open_at = i
            else:
                found.append((open_at, i + 1, True))
                open_at = None
    if open_at is not None and end - open_at > 1:
        found.append((open_at, end, False))
    return found


def _single_quotes(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Quotes set off by single marks. One opens at a word's start and closes after a
    word on punctuation inside or right after it (\u2018We will win,\u2019 he said;
    \u2018useless\u2019.), so an apostrophe inside a word or after a plural's s
    closes nothing. An opening mark left open at a sentence's start runs on into the
    next paragraph, as a double mark does; one inside a sentence is more likely an
    apostrophe set the wrong way round (\u201890s)."""
    found = []
    open_at = None
    for match in SINGLE_MARK.finditer(text, start, end):
        i, mark = match.start(), match.group()
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if open_at is None:
            if mark != "\u2019" and (before.isspace() or before in SINGLE_OPENS_AFTER):
                open_at = i if not after.isspace() else None
        elif (
            mark != "\u2018"
            and not before.isspace()
            and (before in SINGLE_CLOSES_AFTER or after in SINGLE_CLOSES_BEFORE or i + 1 == end)
        ):
            found.append((open_at, i + 1, True))
            open_at = None
    if (
        open_at is not None
        and text[open_at] == "\u2018"
        and end - open_at > 1
        and opens_sentence(text, open_at, start)
    ):
        found.append((open_at, end, False))
    return found


def quotes_with_single_marks(text: str) -> bool:
    """Whether an article quotes with single marks, British style: it has no double ones."""
    return QUOTE_MARK.search(text) is None


def curl_single_quotes(text: str, paras: list[tuple[int, int]]) -> str:
    """text with the straight single marks that quote, in an article that quotes with
    single marks, turned into curly ones, at the same offsets. The parser reads a
    straight mark as an apostrophe: "'Troops are moving away,' Truss told the BBC"
    parsed with Truss as an interjection and no report at all."""
    if "'" not in text or not quotes_with_single_marks(text):
        return text
    chars = list(text)
    for start, end in paras:
        for opened, closed_at, closed in _single_quotes(text, start, end):
            if chars[opened] == "'":
                chars[opened] = "\u2018"
            if closed and chars[closed_at - 1] == "'":
                chars[closed_at - 1] = "\u2019"
    return "".join(chars)


def opens_sentence(text: str, pos: int, start: int = 0) -> bool:
    """True when only spaces stand between pos and start (a paragraph's, say), a line
    break, a sentence's end or a colon."""
    i = pos - 1
    while i >= start and text[i].isspace() and text[i] != "\n":
        i -= 1
    return i < start or text[i] in ".!?:\n"


def _closes_a_word(text: str, i: int, end: int) -> bool:
    return not text[i - 1].isspace() and (i + 1 == end or text[i + 1].isspace())


def find_quotes(text: str, paras: list[tuple[int, int]]) -> list[QuoteGroup]:
    groups: list[QuoteGroup] = []
    carry: QuoteGroup | None = None
    single_marks = quotes_with_single_marks(text)
    for start, end in paras:
        label = SPEAKER_LABEL.match(text, start, end)
        quotes = paragraph_quotes(text, start, end, single_marks=single_marks)
        if label is not None and quotes and quotes[0][0] == start:
            # The turn's words are quoted from its label on; the label is the cue.
            quotes[0] = (label.end(), *quotes[0][1:])
        # News style leaves a quote open at a paragraph end when the same
        # speaker continues in the next paragraph, which reopens the quote with the
        # same mark. A paragraph opening with another mark ('"She was anxious.' then
        # '“It never crossed my mind,” she said') is a quotation of its own: in
        # PolNeAR's train and dev, all six such pairs were scraped block quotes.
        if (
            carry is not None
            and quotes
            and quotes[0][0] == start
            and label is None
            and text[start] == text[carry.segments[-1][0]]
        ):
            carry.segments.append(quotes[0][:2])
            if not quotes[0][2]:
                continue
            carry = None
            quotes = quotes[1:]
        else:
            carry = None
        for q_start, q_end, closed in quotes:
            group = QuoteGroup([(q_start, q_end)])
            groups.append(group)
            if not closed:
                carry = group
    return groups
