"""The statement rows detection reads: the columns a ClaimView needs, without article texts,
and one statement's candidates read through the (topic, said_on) index in one query."""

from datetime import date, timedelta

from django.db.models import Q

from statements.detection import ClaimView
from statements.detection.compare import REVERSAL_WINDOW_DAYS
from statements.models import Actor, Statement, Topic
from statements.selectors.restatements import is_restatement, with_restatement

# The columns detection reads: enough to build a ClaimView without loading article texts.
CLAIM_FIELDS = (
    "pk",
    "actor_id",
    "actor__name",
    "actor__status",
    "speaker_text",
    "said_on",
    "article__published_at",
    "article__outlet_id",
    "topic__slug",
    "stance",
    "stance_phrase",
    "stance_rule",
    "stance_confidence",
    "hedged",
    "quantities",
    "restatement",  # annotated by with_restatement
)


def effective_date(said_on: date | None, published_at) -> date | None:
    """When a claim was made: its own date, else its article's publication day."""
    if said_on is not None:
        return said_on
    return published_at.date() if published_at is not None else None


def _named(actor_id, status: str) -> bool:
    # A proposed actor is only the speaker's words ("a senior official") until an editor
    # approves it as someone.
    return actor_id is not None and status != Actor.Status.PROPOSED


def claim_from_row(row: dict) -> ClaimView:
    return ClaimView(
        id=row["pk"],
        actor=row["actor__name"] or row["speaker_text"] or "Unknown",
        said_on=effective_date(row["said_on"], row["article__published_at"]),
        topic=row["topic__slug"] or "",
        stance=row["stance"],
        phrase=row["stance_phrase"],
        confidence=row["stance_confidence"],
        rule=row["stance_rule"],
        hedged=row["hedged"],
        quantities=tuple(row["quantities"] or ()),
        named=_named(row["actor_id"], row["actor__status"]),
        restatement=bool(row.get("restatement")),
    )


def claim_rows(queryset):
    """Statement rows as detection reads them (see CLAIM_FIELDS)."""
    return with_restatement(queryset).values(*CLAIM_FIELDS)


def claim_view(statement: Statement) -> ClaimView:
    actor = statement.actor.name if statement.actor_id else (statement.speaker_text or "Unknown")
    published = statement.article.published_at if statement.article_id else None
    return ClaimView(
        id=statement.pk,
        actor=actor,
        said_on=effective_date(statement.said_on, published),
        topic=statement.topic.slug if statement.topic_id else "",
        stance=statement.stance,
        phrase=statement.stance_phrase,
        rule=statement.stance_rule,
        confidence=statement.stance_confidence,
        hedged=statement.hedged,
        quantities=tuple(statement.quantities or ()),
        named=_named(statement.actor_id, statement.actor.status if statement.actor_id else ""),
        restatement=is_restatement(statement),
    )


def other_stances(topic: Topic, stance: str) -> list[str]:
    return [s for s in (topic.stance_a, topic.stance_b) if s != stance]


def _window(topic_id, day: date | None, days: int) -> Q:
    if day is None:
        return Q(topic_id=topic_id)
    # Undated rows may still fall inside by their article's date: kept, filtered in Python.
    # The topic is repeated in each branch so both read the (topic, said_on) index.
    reach = timedelta(days=days)
    return Q(topic_id=topic_id, said_on__range=(day - reach, day + reach)) | Q(
        topic_id=topic_id, said_on__isnull=True
    )


def _base(statement: Statement):
    return (
        Statement.objects.filter(topic_id=statement.topic_id)
        .exclude(pk=statement.pk)
        .exclude(review_status=Statement.Review.REJECTED)
    )


def candidate_queryset(statement: Statement, claim: ClaimView):
    """The rows one statement can conflict with, in one query read through the
    (topic, said_on) index: its topic inside the window, and its own actor's opposite claims
    inside the longer reversal window."""
    window = _window(statement.topic_id, claim.said_on, statement.topic.window_days)
    others = other_stances(statement.topic, statement.stance) if statement.stance else []
    wanted = Q(stance__in=others)
    if statement.quantities:
        wanted |= ~Q(quantities=[])
    condition = window & wanted
    if statement.actor_id and statement.stance and claim.said_on is not None:
        reach = timedelta(days=REVERSAL_WINDOW_DAYS)
        condition |= Q(
            actor_id=statement.actor_id,
            stance__in=others,
            said_on__range=(claim.said_on - reach, claim.said_on + reach),
        )
    return claim_rows(_base(statement).filter(condition).order_by())


def row_copies(row: dict) -> dict:
    """The claim's values a contradiction row copies (see contradiction_claims)."""
    return {
        "actor": row["actor_id"],
        "outlet": row["article__outlet_id"],
        "said_on": row["said_on"],
    }
