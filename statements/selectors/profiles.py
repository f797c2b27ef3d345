"""Reads for the detail pages: a contradiction's context, an actor's profile, one
statement, and an ingest job's progress. Each is a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery

from sources.models import Article, IngestJob
from statements.models import (
    Actor,
    ActorRole,
    Contradiction,
    Statement,
    StatementAppearance,
    Topic,
)
from statements.selectors import api as api_selectors
from statements.selectors.caching import remember
from statements.selectors.dashboard import (
    contradiction_list,
    contradictions_with_claims,
    with_claims,
)

OTHER_CLAIMS = 10
PROFILE_ITEMS = 20


def role_at(roles: list[ActorRole], day: dt.date | None) -> ActorRole | None:
    """The role valid on the day (open ends count as open); the latest start wins."""
    if day is None:
        return None
    valid = [
        r for r in roles if (r.start is None or r.start <= day) and (r.end is None or day <= r.end)
    ]
    valid.sort(key=lambda r: r.start or dt.date.min, reverse=True)
    return valid[0] if valid else None


def contradiction_context(*, contradiction: Contradiction) -> dict:
    """What the side-by-side page shows around the pair: roles at the time, the other
    claims of both actors on the topic, and the review history."""
    claims = [s for s in (contradiction.statement_a, contradiction.statement_b) if s]
    actor_ids = {s.actor_id for s in claims if s.actor_id}
    roles = list(ActorRole.objects.filter(person_id__in=actor_ids).select_related("organisation"))
    by_actor: dict[int, list[ActorRole]] = {}
    for role in roles:
        by_actor.setdefault(role.person_id, []).append(role)
    sides = {}
    for key, s in (("a", contradiction.statement_a), ("b", contradiction.statement_b)):
        sides[key] = role_at(by_actor.get(s.actor_id, []), s.said_on) if s else None
    others: dict[int, list[Statement]] = {pk: [] for pk in actor_ids}
    if actor_ids and contradiction.topic_id:
        qs = (
            Statement.objects.filter(actor__in=actor_ids, topic_id=contradiction.topic_id)
            .exclude(pk__in=[s.pk for s in claims])
            .only("id", "actor_id", "content", "said_on", "date_precision", "stance")
            .order_by(F("said_on").desc(nulls_last=True), "-id")
        )
        # One query for both actors, capped: the page links to the rest.
        for s in qs[: OTHER_CLAIMS * len(actor_ids)]:
            if len(others[s.actor_id]) < OTHER_CLAIMS:
                others[s.actor_id].append(s)
    history = list(
        contradiction.history.select_related("history_user").order_by("-history_date")[:20]
    )
    return {
        "role_a": sides["a"],
        "role_b": sides["b"],
        "others_a": others.get(contradiction.statement_a.actor_id, []),
        "others_b": (
            others.get(contradiction.statement_b.actor_id, []) if contradiction.statement_b else []
        ),
        "history": history,
    }


def statement_get(*, pk: int) -> Statement | None:
    return (
        Statement.objects.select_related("actor", "topic", "article__outlet").filter(pk=pk).first()
    )


def statement_appearances(*, statement: Statement) -> list[StatementAppearance]:
    """Every place the words appeared, earliest first, with article and outlet (one query)."""
    return list(api_selectors.statement_appearances().filter(statement=statement))


def statement_contradictions(*, statement: Statement) -> list[Contradiction]:
    return list(
        contradictions_with_claims()
        .filter(Q(statement_a=statement) | Q(statement_b=statement))
        .order_by("-detected_at", "-id")[:PROFILE_ITEMS]
    )


def actor_topics(*, actor: Actor, current: str | None = None) -> list[dict]:
    """The topics the actor speaks on, busiest first: [{"topic__name", "topic__slug", "n"}].

    current is caching.generation(), when the caller has it already.
    """

    def compute():
        # Counted per topic from the (actor, topic) index alone: grouping the busiest
        # actor's hundred thousand rows joined to their topics took over half a second.
        n = (
            Statement.objects.filter(actor=actor, topic=OuterRef("pk"))
            .order_by()
            .values("topic")
            .annotate(n=Count("*"))
            .values("n")
        )
        # Topics the actor never spoke on count NULL, last; filtered here rather than in
        # a WHERE, which would count every topic twice.
        rows = (
            Topic.objects.exclude(status=Topic.Status.REJECTED)
            .annotate(n=Subquery(n))
            .order_by(F("n").desc(nulls_last=True), "name")
            .values("name", "slug", "n")[:PROFILE_ITEMS]
        )
        spoken = [r for r in rows if r["n"]]
        return [{"topic__name": r["name"], "topic__slug": r["slug"], "n": r["n"]} for r in spoken]

    return remember("actor-topics", [actor], compute, current=current)


def _involving(actor: Actor, *, claims: bool = True) -> QuerySet[Contradiction]:
    qs = contradiction_list(actor=actor, claims=claims)
    return qs.exclude(kind=Contradiction.Kind.REVERSAL)


def _reversals(actor: Actor) -> QuerySet[Contradiction]:
    # Both claims of a reversal are the actor's, so one side (the contradiction's copy
    # of its first claim's actor, indexed with the kind and date) is enough.
    return (
        contradictions_with_claims()
        .filter(kind=Contradiction.Kind.REVERSAL, actor_a=actor)
        .order_by("-detected_at", "-id")
    )


def actor_contradictions(*, actor: Actor) -> list[Contradiction]:
    """Newest contradictions between this actor and someone (or something) else."""
    return list(_involving(actor)[:PROFILE_ITEMS])


def actor_reversals(*, actor: Actor) -> list[Contradiction]:
    """Newest contradictions of the actor with their own earlier words."""
    return list(_reversals(actor)[:PROFILE_ITEMS])


def actor_contradictions_and_reversals(*, actor: Actor) -> dict[str, list[Contradiction]]:
    """Both lists of the actor's page, their claims loaded together (three queries)."""
    others = list(_involving(actor, claims=False)[:PROFILE_ITEMS])
    reversals = list(_reversals(actor).prefetch_related(None)[:PROFILE_ITEMS])
    with_claims(others + reversals)
    return {"contradictions": others, "reversals": reversals}


def topic_propositions(*, topic) -> list:
    return list(topic.propositions.order_by("id"))


def ingest_job_get(*, pk: int) -> IngestJob | None:
    return IngestJob.objects.filter(pk=pk).first()


def ingest_job_results(*, job: IngestJob) -> dict:
    """The articles a job stored, with their statements and the contradictions found."""
    articles = list(Article.objects.filter(job=job).only("id", "title", "url", "status", "error"))
    statements = list(
        Statement.objects.filter(article__job=job)
        .select_related("actor", "topic")
        .only(
            "id",
            "content",
            "said_on",
            "date_precision",
            "speaker_text",
            "stance",
            "actor__name",
            "actor__slug",
            "topic__name",
            "topic__slug",
        )
        .order_by("id")[:200]
    )
    ids = Statement.objects.filter(article__job=job).values("pk")
    contradictions = list(
        contradictions_with_claims()
        .filter(Q(statement_a__in=ids) | Q(statement_b__in=ids))
        .order_by("-score", "-id")[:50]
    )
    return {"articles": articles, "statements": statements, "contradictions": contradictions}
