"""Read querysets for the REST API.

Each list endpoint renders nested objects (actor, article, outlet, topic), so every
relation it touches is joined or prefetched here: a page costs a constant number of
queries however many rows it holds.
"""

import datetime as dt

from django.db.models import Count, Prefetch, QuerySet, Value
from django.db.models.functions import Coalesce

from sources.models import Article, IngestJob
from statements.models import (
    Actor,
    ActorRole,
    Contradiction,
    Deletion,
    Event,
    Statement,
    StatementAppearance,
    Topic,
    Webhook,
    WebhookDelivery,
)

# The relations a statement's embedded form renders (actor, topic, article + outlet).
STATEMENT_RELATED = ("actor", "topic", "article", "article__outlet")


def actor_list() -> QuerySet[Actor]:
    return Actor.objects.select_related("parent").prefetch_related(
        "aliases",
        Prefetch("roles", queryset=ActorRole.objects.select_related("organisation")),
    )


def topic_list() -> QuerySet[Topic]:
    """Topics for analysts: a rejected proposal is not one."""
    return Topic.objects.exclude(status=Topic.Status.REJECTED).prefetch_related("propositions")


# Undated statements sort before every dated one (the cursor pager needs a non-null key).
UNDATED = dt.date(1, 1, 1)


def statement_list(*, sortable: bool = False) -> QuerySet[Statement]:
    queryset = Statement.objects.select_related(*STATEMENT_RELATED)
    if sortable:
        queryset = queryset.annotate(said_on_sort=Coalesce("said_on", Value(UNDATED)))
    return queryset


def statement_appearances() -> QuerySet[StatementAppearance]:
    """Appearances earliest first (by publication, else when seen), as first_seen_at counts;
    the article without its text, which can be megabytes."""
    return (
        StatementAppearance.objects.select_related("article__outlet", "outlet")
        .defer("article__text", "article__minhash")
        .order_by(Coalesce("published_at", "seen_at"), "id")
    )


def statement_detail() -> QuerySet[Statement]:
    """One statement with every appearance: two queries whatever their number."""
    return Statement.objects.select_related(*STATEMENT_RELATED).prefetch_related(
        Prefetch("appearances", queryset=statement_appearances())
    )


def contradiction_list() -> QuerySet[Contradiction]:
    related = [f"statement_{side}__{rel}" for side in "ab" for rel in STATEMENT_RELATED]
    return Contradiction.objects.select_related(
        "topic", "reviewer", "event", "statement_a", "statement_b", *related
    )


def article_list() -> QuerySet[Article]:
    # The body can be megabytes; lists never need it, the detail view loads it itself.
    # The count's GROUP BY drops Meta.ordering, so the order is restated.
    return (
        Article.objects.select_related("outlet")
        .defer("text")
        .annotate(statement_count=Count("statements"))
        .order_by("-published_at", "-id")
    )


def article_detail() -> QuerySet[Article]:
    return Article.objects.select_related("outlet").annotate(statement_count=Count("statements"))


JOB_ARTICLE_FIELDS = ("id", "job_id", "title", "url", "status", "error")


def ingest_job_list(*, user, token=None, detail: bool = False) -> QuerySet[IngestJob]:
    """The jobs `user` may see: with an API token, the user's own (a system follows what it
    submitted); in a staff session (editors, admins), everyone's; otherwise the user's own.

    A detail embeds every article of the job; a list page only the failed ones, with
    their errors, so a batch of thousands does not swell every row.
    """
    articles = Article.objects.only(*JOB_ARTICLE_FIELDS).order_by("id")
    if detail:
        prefetch = Prefetch("articles", queryset=articles)
    else:
        prefetch = Prefetch(
            "articles",
            queryset=articles.filter(status=Article.Status.FAILED),
            to_attr="failed_articles",
        )
    jobs = IngestJob.objects.defer("payload").prefetch_related(prefetch)
    if not user.is_authenticated:
        return jobs.none()
    if user.is_staff and token is None:
        return jobs
    return jobs.filter(created_by=user)


def event_list() -> QuerySet[Event]:
    return Event.objects.select_related("topic", "created_by").prefetch_related(
        Prefetch("actors", queryset=Actor.objects.only("id", "slug"))
    )


def webhook_list(*, owner) -> QuerySet[Webhook]:
    # Scoped to the owner: another's webhook is simply not found (404).
    if not owner.is_authenticated:
        return Webhook.objects.none()
    return Webhook.objects.filter(owner=owner)


def webhook_deliveries(*, webhook: Webhook, limit: int = 50) -> list[WebhookDelivery]:
    return list(webhook.deliveries.prefetch_related("log")[:limit])


def deletion_list() -> QuerySet[Deletion]:
    return Deletion.objects.all()
