"""Rows for the CSV/JSON exports and the Atom feeds of contradictions.

Exports stream: rows come from the database in chunks of CHUNK_SIZE, with their
related rows joined in, so memory stays flat however long the list is and a list
of a page's size costs one query.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q, QuerySet

from statements.models import Actor, Contradiction, Topic
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


# Export column -> the value's lookup from the contradiction, read in one joined query.
_LOOKUPS = {
    "topic": "topic__name",
    "event": "event__title",
    "event_on": "event__occurred_on",
    **{
        f"{side}_{name}": f"statement_{side}__{lookup}"
        for side in ("a", "b")
        for name, lookup in (
            ("actor", "actor__name"),
            ("speaker", "speaker_text"),
            ("said_on", "said_on"),
            ("content", "content"),
            ("outlet", "article__outlet__name"),
            ("url", "article__url"),
        )
    },
}
_OWN = ("id", "detected_at", "status", "kind", "score", "explanation", "phrase_a", "phrase_b")


def _text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else value


def export_row(values: dict) -> dict:
    """One export row from the flat values of a contradiction and its claims."""
    row = {name: _text(values[lookup]) for name, lookup in _LOOKUPS.items()}
    row.update(
        id=values["id"],
        detected_at=values["detected_at"].isoformat(),
        status=values["status"],
        kind=values["kind"],
        score=round(values["score"], 4),
        explanation=values["explanation"],
        a_phrase=values["phrase_a"],
        b_phrase=values["phrase_b"],
    )
    if values["statement_b"] is None:  # a claim held against an event has no second statement
        row.update({f"b_{name}": "" for name in SIDE_FIELDS})
    return {name: row[name] for name in EXPORT_FIELDS}


def export_rows(**filters) -> Iterator[dict]:
    """The overview's list (same filters, same order) as plain dicts, fetched in chunks.

    Flat values from one joined query rather than model instances with prefetched
    claims: building three models per row was most of an export's time.
    """
    rows = (
        contradiction_list(**filters)
        .prefetch_related(None)
        .values(*_OWN, "statement_b", *_LOOKUPS.values())
    )
    # Chunks by keyset (after the last row's detection time and id), not a server-side
    # cursor: PostgreSQL plans a cursor for its first tenth of rows and walked the whole
    # detection-date index through ten joins for a topic's few hundred contradictions.
    after = Q()
    while True:
        chunk = list(rows.filter(after)[:CHUNK_SIZE])
        for values in chunk:
            yield export_row(values)
        if len(chunk) < CHUNK_SIZE:
            return
        last = chunk[-1]
        after = Q(detected_at__lt=last["detected_at"]) | Q(
            detected_at=last["detected_at"], id__lt=last["id"]
        )


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
