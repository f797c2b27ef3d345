"""Headlines that restate a claim their article's body makes.

A plain-text article starts with its headline, so the extractor finds "U.S. says Russia has
added troops" in the headline and again, dated and attributed, in the body. Flagging both
would show an editor the same conflict twice, the headline's copy with vaguer words and no
date of its own; the body's statement carries it. A headline whose claim the body does not
make is kept: it is then the only record of that claim.
"""

from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Length, StrIndex

from statements.models import Statement


def _in_headline(statement: Statement) -> bool:
    title = statement.article.title if statement.article_id else ""
    start = statement.content_start
    return bool(
        title
        and statement.content
        and start is not None
        and start < len(title)
        and statement.content in title
    )


def _body_claims(*, article_id, topic_id, stance, after) -> QuerySet:
    """Statements of the article's body holding this stance on this topic."""
    return Statement.objects.filter(
        article_id=article_id, topic_id=topic_id, stance=stance, content_start__gte=after
    ).exclude(review_status=Statement.Review.REJECTED)


def is_restatement(statement: Statement) -> bool:
    """Does the statement sit in its article's headline while the body makes the same claim?"""
    if not (statement.stance and statement.topic_id and _in_headline(statement)):
        return False
    return (
        _body_claims(
            article_id=statement.article_id,
            topic_id=statement.topic_id,
            stance=statement.stance,
            after=len(statement.article.title),
        )
        .exclude(pk=statement.pk)
        .exists()
    )


def with_restatement(queryset: QuerySet) -> QuerySet:
    """Annotate `restatement` (see is_restatement) on statement rows, in the same query.

    The headline test is a string search on the row's own title, so the body lookup (an
    index probe on the article) only runs for the rare rows that sit in a headline.
    """
    body = _body_claims(
        article_id=OuterRef("article_id"),
        topic_id=OuterRef("topic_id"),
        stance=OuterRef("stance"),
        after=OuterRef("headline_length"),
    )
    in_headline = Q(headline_at__gt=0, content_start__lt=F("headline_length")) & ~Q(stance="")
    return queryset.alias(
        headline_length=Length("article__title"),
        headline_at=StrIndex("article__title", "content"),
    ).annotate(
        restatement=Case(
            When(in_headline, then=Exists(body)),
            default=Value(False),
        )
    )
