"""Rows for the CSV/JSON exports and the Atom feeds of contradictions.

Exports stream: rows come from the database in chunks (QuerySet.iterator), with
their related rows joined in, so memory and query count stay flat however long
the list is.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from statements.models import Actor, Contradiction, Statement, Topic
from statements.selectors.dashboard import contradiction_list

CHUNK_SIZE = 500
FEED_ITEMS = 50

SIDE_FIELDS = ("actor", "speaker", "said_on", "content", "phrase", "outlet", "url")
EXPORT_FIELDS = (
    "id",
    "detected_at",
    "status",
    "kind",
    "score",
    "topic",
    "explanation",
    "a_actor",
    "a_speaker",
    "a_said_on",
    "a_content",
    "a_phrase",
    "a_outlet",
    "a_url",
    "b_actor",
    "b_speaker",
    "b_said_on",
    "b_content",
    "b_phrase",
    "b_outlet",
    "b_url",
    "event",
    "event_on",
)


def _side(prefix: str, statement: Statement | None, phrase: str) -> dict:
    if statement is None:  # a claim held against an event has no second statement
        return {f"{prefix}_{name}": "" for name in SIDE_FIELDS}
    article = statement.article
    return {
        f"{prefix}_actor": statement.actor.name if statement.actor else "",
        f"{prefix}_speaker": statement.speaker_text,
        f"{prefix}_said_on": statement.said_on.isoformat() if statement.said_on else "",
        f"{prefix}_content": statement.content,
        f"{prefix}_phrase": phrase,
        f"{prefix}_outlet": article.outlet.name if article.outlet else "",
        f"{prefix}_url": article.url,
    }


def export_row(c: Contradiction) -> dict:
    return {
        "id": c.pk,
        "detected_at": c.detected_at.isoformat(),
        "status": c.status,
        "kind": c.kind,
        "score": round(c.score, 4),
        "topic": c.topic.name if c.topic else "",
        "explanation": c.explanation,
        **_side("a", c.statement_a, c.phrase_a),
        **_side("b", c.statement_b, c.phrase_b),
        "event": c.event.title if c.event else "",
        "event_on": c.event.occurred_on.isoformat() if c.event else "",
    }


def export_rows(**filters) -> Iterator[dict]:
    """The overview's list (same filters, same order) as plain dicts, fetched in chunks."""
    for c in contradiction_list(**filters).iterator(chunk_size=CHUNK_SIZE):
        yield export_row(c)


def feed_items(
    *, topic: Topic | None = None, actor: Actor | None = None, limit: int = FEED_ITEMS
) -> QuerySet[Contradiction]:
    """The newest contradictions (excluding dismissed ones), for an Atom feed."""
    qs = contradiction_list(topic=topic, actor=actor).exclude(status=Contradiction.Status.DISMISSED)
    return qs[:limit]


def feed_topic(*, slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug).first()


def feed_actor(*, slug: str) -> Actor | None:
    return Actor.objects.filter(slug=slug).first()
