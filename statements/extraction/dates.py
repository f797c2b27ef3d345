"""Resolve the date words attached to a speech cue against the article date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .text_utils import find_explicit_date

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
    return min(hits, key=lambda h: h.start) if hits else None
