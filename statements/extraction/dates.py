"""Resolve the date words attached to a speech cue against the article date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .text_utils import find_explicit_date, month_number

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY_RE = re.compile(
    r"\b(?:(last|this past|on|earlier|late|early)\s+)?"
    r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b",
    re.I,
)
RELATIVE_RE = re.compile(
    r"\b(yesterday|today|tonight|this (?:morning|afternoon|evening)|last night"
    r"|(?:earlier |late |later )?this week|last week|(?:earlier )?this month|last month"
    r"|(?:earlier |late )?this year|last year)\b",
    re.I,
)

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a couple of": 2,
}  # fmt: skip
AGO_RE = re.compile(
    r"\b(a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(day|week|month)s?\s+ago\b",
    re.I,
)
WEEKEND_RE = re.compile(r"\b(?:(?:over|during|at|on) the|this(?: past)?|last) weekend\b", re.I)
# A month named alone ("in January"); one with a day is an explicit date. Capitalised
# only, so that "in may" stays a verb.
MONTH_ALONE_RE = re.compile(
    r"\b(?:in|during|early|late|mid-?)\s*(?:(?:early|late|mid-?)\s*)?"
    r"(January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b(?!\s*\.?\s*\d{1,2}\b(?!\d))(?:,?\s+(\d{4}))?"
)


@dataclass(frozen=True)
class DateHit:
    on: date
    precision: str
    text: str
    start: int  # offset of the match inside the searched text


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def resolve_weekday(name: str, reference: date, qualifier: str | None = None) -> date:
    """Most recent such weekday on or before the reference date."""
    target = WEEKDAYS.index(name.lower())
    delta = (reference.weekday() - target) % 7
    if qualifier and qualifier.lower() in {"last", "this past"} and delta == 0:
        delta = 7
    return reference - timedelta(days=delta)


def _relative(phrase: str, reference: date) -> tuple[date, str] | None:
    p = phrase.lower()
    if p == "yesterday" or p == "last night":
        return reference - timedelta(days=1), "day"
    if p in {"today", "tonight"} or p.startswith("this "):
        if p.endswith("week"):
            return _monday(reference), "week"
        if p.endswith("month"):
            return reference.replace(day=1), "month"
        if p.endswith("year"):
            return None
        return reference, "day"
    if p.endswith("this week"):
        return _monday(reference), "week"
    if p == "last week":
        return _monday(reference) - timedelta(days=7), "week"
    if p.endswith("this month"):
        return reference.replace(day=1), "month"
    if p == "last month":
        first = reference.replace(day=1)
        return (first - timedelta(days=1)).replace(day=1), "month"
    return None


def _months_before(day: date, months: int) -> date:
    """The first of the month that many months before day's."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _ago(count: str, unit: str, reference: date) -> tuple[date, str]:
    n = NUMBER_WORDS.get(count.lower()) or int(count)
    unit = unit.lower()
    if unit == "day":
        return reference - timedelta(days=n), "day"
    if unit == "week":
        return reference - timedelta(days=7 * n), "week"
    return _months_before(reference, n), "month"


def _weekend(phrase: str, reference: date) -> tuple[date, str]:
    """The Saturday of the weekend meant, to the week: the latest one begun on or
    before the reference, or the one before it for "last weekend" said on a weekend."""
    saturday = reference - timedelta(days=(reference.weekday() - 5) % 7)
    if phrase.lower().startswith("last") and reference.weekday() >= 5:
        saturday -= timedelta(days=7)
    return saturday, "week"


def _month_alone(name: str, year: str | None, reference: date) -> tuple[date, str]:
    month = month_number(name)
    if year:
        return date(int(year), month, 1), "month"
    # The latest such month on or before the reference: "in December" said in February.
    return date(reference.year - (month > reference.month), month, 1), "month"


def find_date(text: str, reference: date | None) -> DateHit | None:
    """The first date expression in text, resolved against reference."""
    if reference is None:
        return None
    hits: list[DateHit] = []
    explicit = find_explicit_date(text, reference)
    if explicit:
        d, m = explicit
        if d <= reference + timedelta(days=1):
            hits.append(DateHit(d, "day", m[0].strip(), m.start()))
    for m in WEEKDAY_RE.finditer(text):
        d = resolve_weekday(m[2], reference, m[1])
        hits.append(DateHit(d, "day", m[0].strip(), m.start()))
    for m in RELATIVE_RE.finditer(text):
        res = _relative(m[1], reference)
        if res:
            hits.append(DateHit(res[0], res[1], m[0].strip(), m.start()))
    for m in AGO_RE.finditer(text):
        hits.append(DateHit(*_ago(m[1], m[2], reference), m[0].strip(), m.start()))
    for m in WEEKEND_RE.finditer(text):
        hits.append(DateHit(*_weekend(m[0], reference), m[0].strip(), m.start()))
    for m in MONTH_ALONE_RE.finditer(text):
        on, precision = _month_alone(m[1], m[2], reference)
        if on <= reference:
            hits.append(DateHit(on, precision, m[0].strip(), m.start()))
    return min(hits, key=lambda h: h.start) if hits else None
