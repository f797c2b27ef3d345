"""Value types shared by the extraction modules and the rest of the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass
class ExtractedStatement:
    speaker: Span | None
    cue: Span
    content: Span
    segments: list[tuple[int, int]]
    kind: str
    reported_via: str | None = None
    actor: str | None = None
    speaker_kind: str | None = None
    said_on: date | None = None
    date_precision: str = "unknown"
    date_text: str | None = None
    confidence: float = 0.5
    # Who the speaker is, where the speaker's words are a label ("TAPPER" in a
    # transcript is "Jake Tapper"); resolution and proposed actors use it.
    speaker_name: str | None = None


@dataclass
class ArticleHeader:
    title: str | None = None
    author: str | None = None
    published: date | None = None
    dateline_date: date | None = None
    body_start: int = 0
    # Character ranges that are page furniture (captions, bylines, datelines):
    # statements whose cue falls inside one are dropped.
    boilerplate: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class RoleEntry:
    title: str
    organisation: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class ActorEntry:
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[RoleEntry, ...] = ()
