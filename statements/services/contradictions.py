"""Detect, store and review contradictions between statements and against later events.

Reviewed pairs are never touched (a dismissed pair is never proposed again); unreviewed
detections that no longer hold are withdrawn, so re-detection is idempotent.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from statements.detection import (
    ClaimView,
    EventView,
    Verdict,
    against_event,
    find_contradictions,
)
from statements.detection.compare import REVERSAL_WINDOW_DAYS
from statements.models import Actor, Contradiction, Event, Statement, Topic
from statements.services.contradiction_claims import contradictions_claims_sync
from statements.services.contradiction_store import contradictions_reconcile, detection_key
from statements.services.propositions import propositions_links_write
from statements.services.restatements import is_restatement, with_restatement
from statements.webhooks.services import contradiction_event_emit

# The columns detection reads: enough to build a ClaimView without loading article texts.
CLAIM_FIELDS = (
    "pk",
    "actor_id",
    "actor__name",
    "actor__status",
    "speaker_text",
    "said_on",
    "article__published_at",
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


def _claim(row: dict) -> ClaimView:
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


def _other_stances(topic: Topic, stance: str) -> list[str]:
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
    others = _other_stances(statement.topic, statement.stance) if statement.stance else []
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


def _event_view(event: Event) -> EventView | None:
    if not event.topic_id or event.confirms_stance not in ("a", "b"):
        return None
    stance = event.topic.stance_a if event.confirms_stance == "a" else event.topic.stance_b
    return EventView(event.pk, event.title, event.occurred_on, event.topic.slug, stance)


def _fields(verdict: Verdict, topic_id, phrase_a: str, phrase_b: str) -> dict:
    return {
        "topic_id": topic_id,
        "kind": verdict.kind,
        "score": verdict.score,
        "explanation": verdict.explanation,
        "phrase_a": phrase_a[:300],
        "phrase_b": phrase_b[:300],
    }


@transaction.atomic
def contradictions_detect_for_statement(*, statement: Statement) -> list[Contradiction]:
    """Record the contradictions between one statement, its topic's other statements inside
    the window, and the later events on its topic."""
    involving = Contradiction.objects.filter(Q(statement_a=statement) | Q(statement_b=statement))
    known = {detection_key(c): c for c in involving}
    eligible = (
        statement.topic_id
        and (statement.stance or statement.quantities)
        and statement.review_status != Statement.Review.REJECTED
    )
    found: dict[tuple, dict] = {}
    if eligible:
        claim = claim_view(statement)
        existing = [_claim(row) for row in candidate_queryset(statement, claim)]
        verdicts = find_contradictions(
            claim,
            existing,
            window_days=statement.topic.window_days,
            reversal_days=REVERSAL_WINDOW_DAYS,
        )
        for other, verdict in verdicts:
            low, high = sorted((statement.pk, other.id))
            mine, theirs = statement.stance_phrase, other.phrase
            phrases = (mine, theirs) if low == statement.pk else (theirs, mine)
            found[("pair", low, high)] = _fields(verdict, statement.topic_id, *phrases)
        found.update(_found_against_events(statement, claim))
    stored = contradictions_reconcile(known=known, found=found)
    # Every write to a statement ends here, so its contradictions' copies of its actor,
    # outlet and date (reviewed ones too) are refreshed here.
    contradictions_claims_sync(statement_ids=[statement.pk])
    propositions_links_write(statement=statement)
    return stored


def _found_against_events(statement: Statement, claim: ClaimView) -> dict[tuple, dict]:
    if not statement.stance or claim.said_on is None:
        return {}
    topic = statement.topic
    lookback = topic.event_window_days
    events = Event.objects.filter(
        topic_id=topic.pk,
        occurred_on__gt=claim.said_on,
        occurred_on__lte=claim.said_on + timedelta(days=lookback),
    ).exclude(confirms_stance="")
    found = {}
    for event in events:
        event.topic = topic  # the statement's topic: no query per event
        view = _event_view(event)
        verdict = against_event(claim, view, lookback_days=lookback) if view else None
        if verdict is not None:
            found[("event", statement.pk, event.pk)] = _fields(
                verdict, topic.pk, statement.stance_phrase, event.title
            )
    return found


@transaction.atomic
def contradictions_detect_for_event(*, event: Event) -> list[Contradiction]:
    """Hold an event against the earlier claims of the stance it disproves, as far back as
    its topic's event window reaches.

    Idempotent like statement detection: an event whose topic or confirmed stance changed
    withdraws its unreviewed detections; reviewed ones stay as the editor left them.
    """
    known = {detection_key(c): c for c in Contradiction.objects.filter(event=event)}
    view = _event_view(event)
    found: dict[tuple, dict] = {}
    if view is not None:
        lookback = event.topic.event_window_days
        rows = (
            Statement.objects.filter(
                topic_id=event.topic_id,
                stance__in=_other_stances(event.topic, view.stance),
            )
            .exclude(review_status=Statement.Review.REJECTED)
            .filter(
                Q(
                    said_on__lt=event.occurred_on,
                    said_on__gte=event.occurred_on - timedelta(days=lookback),
                )
                | Q(said_on__isnull=True)
            )
        )
        for row in claim_rows(rows):
            claim = _claim(row)
            verdict = against_event(claim, view, lookback_days=lookback)
            if verdict is not None:
                found[("event", claim.id, event.pk)] = _fields(
                    verdict, event.topic_id, claim.phrase, event.title
                )
    stored = contradictions_reconcile(known=known, found=found)
    contradictions_claims_sync(contradiction_ids=[c.pk for c in stored])
    return stored


def contradictions_detect_all() -> int:
    """Re-run detection over every statement and event; returns the live detections.

    Runs topic by topic in bulk (see services.redetect); idempotent.
    """
    from statements.services.redetect import contradictions_redetect_all

    contradictions_redetect_all()
    return Contradiction.objects.exclude(status=Contradiction.Status.DISMISSED).count()


@transaction.atomic
def contradiction_review(
    *, contradiction: Contradiction, status: str, user, note: str = ""
) -> Contradiction:
    """An editor confirms or dismisses a detection; kept in history, never overwritten."""
    allowed = {Contradiction.Status.CONFIRMED, Contradiction.Status.DISMISSED}
    if status not in allowed:
        raise ValidationError(f"Status must be one of: {', '.join(sorted(allowed))}.")
    contradiction.status = status
    contradiction.reviewer = user
    contradiction.reviewed_at = timezone.now()
    if note:
        contradiction.note = note
    contradiction._history_user = user
    contradiction.save()
    contradiction_event_emit(contradiction=contradiction)
    return contradiction
