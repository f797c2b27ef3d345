"""Reads for the server-rendered dashboard.

Every list function returns a queryset whose related rows arrive through
select_related/prefetch_related, so a page costs the same number of queries
whatever its length. Article text is deferred on list pages: it can be long
and only the detail page shows it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Prefetch, Q, QuerySet

from statements.models import Actor, ActorRole, Contradiction, Statement, Topic

_CLAIM_RELATED = (
    "topic",
    "statement_a__actor",
    "statement_a__article__outlet",
    "statement_b__actor",
    "statement_b__article__outlet",
)


def contradiction_list(
    *,
    topic: Topic | None = None,
    actor: Actor | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    status: str | None = None,
) -> QuerySet[Contradiction]:
    """Contradictions newest first, narrowed by whichever filters are given."""
    qs = (
        Contradiction.objects.select_related(*_CLAIM_RELATED)
        .defer("statement_a__article__text", "statement_b__article__text")
        .order_by("-detected_at", "-id")
    )
    if topic is not None:
        qs = qs.filter(topic=topic)
    if actor is not None:
        qs = qs.filter(Q(statement_a__actor=actor) | Q(statement_b__actor=actor))
    if status:
        qs = qs.filter(status=status)
    if date_from is not None or date_to is not None:
        # "Said in this range" holds when either claim falls inside it.
        qs = qs.filter(
            _said_between("statement_a", date_from, date_to)
            | _said_between("statement_b", date_from, date_to)
        )
    return qs


def _said_between(side: str, date_from: dt.date | None, date_to: dt.date | None) -> Q:
    q = Q()
    if date_from is not None:
        q &= Q(**{f"{side}__said_on__gte": date_from})
    if date_to is not None:
        q &= Q(**{f"{side}__said_on__lte": date_to})
    return q


def contradiction_get(*, pk: int) -> Contradiction | None:
    """One contradiction with both claims, their articles (with text) and the reviewer."""
    return Contradiction.objects.select_related(*_CLAIM_RELATED, "reviewer").filter(pk=pk).first()


def filter_choices() -> tuple[QuerySet[Topic], QuerySet[Actor]]:
    """Options for the overview's topic and actor selects."""
    return Topic.objects.only("id", "name"), Actor.objects.only("id", "name")


def _statements_with_contradictions() -> QuerySet[Statement]:
    # Each statement's contradictions, with the opposing speaker, for "contradicted by" links.
    return (
        Statement.objects.select_related("actor", "topic", "article__outlet")
        .defer("article__text")
        .prefetch_related(
            Prefetch(
                "contradictions_as_a",
                queryset=Contradiction.objects.select_related("statement_b__actor"),
            ),
            Prefetch(
                "contradictions_as_b",
                queryset=Contradiction.objects.select_related("statement_a__actor"),
            ),
        )
        .order_by(F("said_on").asc(nulls_last=True), "id")
    )


def actor_list() -> QuerySet[Actor]:
    # Explicit order: Meta.ordering is not applied to aggregated (GROUP BY) queries.
    return (
        Actor.objects.select_related("parent")
        .annotate(statement_count=Count("statements"))
        .order_by("name", "id")
    )


def actor_get(*, slug: str) -> Actor | None:
    return (
        Actor.objects.select_related("parent")
        .prefetch_related(
            "aliases",
            Prefetch("roles", queryset=ActorRole.objects.select_related("organisation")),
        )
        .filter(slug=slug)
        .first()
    )


def actor_statements(*, actor: Actor) -> QuerySet[Statement]:
    """The actor's statements by date said (undated last)."""
    return _statements_with_contradictions().filter(actor=actor)


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.annotate(
        statement_count=Count("statements", distinct=True),
        contradiction_count=Count("contradictions", distinct=True),
    ).order_by("name", "id")


def topic_get(*, slug: str) -> Topic | None:
    return Topic.objects.filter(slug=slug).first()


# Which statements a stance filter on the topic page keeps.
STANCE_KEYS = ("a", "b", "none")


def topic_statements(*, topic: Topic, stance: str | None = None) -> QuerySet[Statement]:
    """The topic's statements by date said, optionally only one stance ("a", "b", "none")."""
    qs = _statements_with_contradictions().filter(topic=topic)
    if stance == "a":
        qs = qs.filter(stance=topic.stance_a)
    elif stance == "b":
        qs = qs.filter(stance=topic.stance_b)
    elif stance == "none":
        qs = qs.exclude(stance__in=[topic.stance_a, topic.stance_b])
    return qs


def topic_stance_counts(*, topic: Topic) -> dict[str, int]:
    """How many of the topic's statements take each stance, in one query."""
    stances = [topic.stance_a, topic.stance_b]
    return Statement.objects.filter(topic=topic).aggregate(
        a=Count("id", filter=Q(stance=topic.stance_a)),
        b=Count("id", filter=Q(stance=topic.stance_b)),
        none=Count("id", filter=~Q(stance__in=stances)),
    )
