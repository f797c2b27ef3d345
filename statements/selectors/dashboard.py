"""Reads for the server-rendered dashboard.

Every list function returns a queryset whose related rows arrive through
select_related/prefetch_related, so a page costs the same number of queries
whatever its length. Article text is deferred on list pages: it can be long
and only the detail page shows it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from sources.models import Outlet
from statements.models import Actor, Contradiction, Statement, Topic
from statements.selectors.catalogue import shown_topics

_CLAIM_RELATED = (
    "topic",
    "event",
    "statement_a__actor",
    "statement_a__article__outlet",
    "statement_b__actor",
    "statement_b__article__outlet",
)


def _claims() -> QuerySet[Statement]:
    return Statement.objects.select_related("actor", "article__outlet").defer("article__text")


def contradictions_with_claims() -> QuerySet[Contradiction]:
    """Contradictions with topic and event joined and both claims prefetched.

    Two prefetches instead of one ten-way join: PostgreSQL spent longer planning that
    join than running it; three small queries plan in a fraction of the time.
    """
    return _contradictions_with_topic_and_event().prefetch_related(
        Prefetch("statement_a", queryset=_claims()),
        Prefetch("statement_b", queryset=_claims()),
    )


def _contradictions_with_topic_and_event() -> QuerySet[Contradiction]:
    return Contradiction.objects.select_related("topic", "event")


# What a contradiction row shows of each claim (_contradiction_row.html).
_CLAIM_FIELDS = (
    "id",
    "actor_id",
    "article_id",
    "speaker_text",
    "content",
    "kind",
    "said_on",
    "date_precision",
    "first_seen_at",
    "appearance_count",
    "outlet_count",
    "actor__name",
    "actor__slug",
    "article__url",
    "article__title",
    "article__outlet_id",
    "article__outlet__name",
)


def with_claims(contradictions) -> list[Contradiction]:
    """The contradictions as a list, both claims of every one loaded in one query.

    For a page holding several lists (an actor's contradictions and reversals): two
    prefetches per list would be four queries. Pass querysets without the claims'
    prefetches (contradiction_list(claims=False, ...)).
    """
    contradictions = list(contradictions)
    ids = {c.statement_a_id for c in contradictions}
    ids |= {c.statement_b_id for c in contradictions if c.statement_b_id is not None}
    claims = (
        Statement.objects.select_related("actor", "article__outlet")
        .only(*_CLAIM_FIELDS)
        .in_bulk(ids)
        if ids
        else {}
    )
    side_a = Contradiction._meta.get_field("statement_a")
    side_b = Contradiction._meta.get_field("statement_b")
    for c in contradictions:
        side_a.set_cached_value(c, claims.get(c.statement_a_id))
        side_b.set_cached_value(c, claims.get(c.statement_b_id))
    return contradictions


def contradiction_list(
    *,
    topic: Topic | None = None,
    actor: Actor | None = None,
    affiliation: Actor | None = None,
    kind: str | None = None,
    outlet: Outlet | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    status: str | None = None,
    after_id: int | None = None,
    claims: bool = True,
) -> QuerySet[Contradiction]:
    """Contradictions newest first, narrowed by whichever filters are given.

    claims=False leaves out the claims' prefetches, for a page that loads the claims of
    all its lists at once (with_claims).

    Filters on either claim read the contradiction's own copies of its claims' actor,
    outlet and date said (kept by services.contradictions_claims_sync): PostgreSQL
    answers them from two indexes per filter (a BitmapOr), or walks the detection-date
    index when matches are everywhere, never joining the statements.
    """
    qs = contradictions_with_claims() if claims else _contradictions_with_topic_and_event()
    qs = qs.order_by("-detected_at", "-id")
    if topic is not None:
        qs = qs.filter(topic=topic)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if after_id is not None:
        qs = qs.filter(pk__gt=after_id)
    if actor is not None:
        qs = qs.filter(Q(actor_a=actor) | Q(actor_b=actor))
    if affiliation is not None:
        # The organisation itself and the people and bodies that belong to it, as a list:
        # PostgreSQL estimates an IN (subquery) badly and chose a sequential scan for it.
        members = [affiliation.pk, *affiliation_members(affiliation=affiliation)]
        qs = qs.filter(Q(actor_a__in=members) | Q(actor_b__in=members))
    if outlet is not None:
        qs = qs.filter(Q(outlet_a=outlet) | Q(outlet_b=outlet))
    if date_from is not None or date_to is not None:
        # "Said in this range" holds when either claim falls inside it.
        qs = qs.filter(
            _said_between("a", date_from, date_to) | _said_between("b", date_from, date_to)
        )
    return qs


def affiliation_members(*, affiliation: Actor) -> list[int]:
    """Ids of the actors that belong to the organisation (its direct members).

    Kept on the instance: one overview request lists, ranks, counts and charts the same
    filtered contradictions, and each asks for the members.
    """
    members = getattr(affiliation, "_member_ids", None)
    if members is None:
        members = list(
            Actor.objects.filter(parent=affiliation).order_by().values_list("pk", flat=True)
        )
        affiliation._member_ids = members
    return members


def _said_between(side: str, date_from: dt.date | None, date_to: dt.date | None) -> Q:
    q = Q()
    if date_from is not None:
        q &= Q(**{f"said_on_{side}__gte": date_from})
    if date_to is not None:
        q &= Q(**{f"said_on_{side}__lte": date_to})
    return q


def contradiction_newest_id(**filters) -> int:
    """The highest id among the filtered contradictions (0 if none): where polling resumes."""
    # ORDER BY id DESC LIMIT 1 walks the primary key and stops at the first match; MAX()
    # over a join would aggregate every matching row first.
    newest = contradiction_list(**filters).order_by("-id").values_list("id", flat=True)
    return newest.first() or 0


def contradiction_top(*, limit: int = 10, claims: bool = True, **filters) -> list[Contradiction]:
    """The highest-scored contradictions among the filtered ones (claims: see the list)."""
    return list(contradiction_list(claims=claims, **filters).order_by("-score", "-id")[:limit])


def contradiction_get(*, pk: int) -> Contradiction | None:
    """One contradiction with both claims, their articles (with text) and the reviewer."""
    return Contradiction.objects.select_related(*_CLAIM_RELATED, "reviewer").filter(pk=pk).first()


def filter_choices() -> dict[str, QuerySet]:
    """Options for the overview's selects: few enough (hundreds) to list in full.

    Actors and affiliations (thousands) are chosen by slug in a text field instead.
    """
    return {
        "topics": shown_topics().only("id", "name").order_by("name"),
        "outlets": Outlet.objects.only("id", "name").order_by("name"),
        "actors": Actor.objects.only("id", "slug", "name"),
    }
