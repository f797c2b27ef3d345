"""Detect, store and review contradictions between statements and against later events.

Reviewed pairs are never touched (a dismissed pair is never proposed again); unreviewed
detections that no longer hold are withdrawn, so re-detection is idempotent.
"""

from datetime import timedelta

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
from statements.models import Contradiction, Event, Statement, Topic
from statements.selectors.detection_claims import (
    candidate_queryset,
    claim_from_row,
    claim_rows,
    claim_view,
    other_stances,
    row_copies,
)
from statements.services.contradiction_claims import (
    claim_copies,
    contradictions_claims_mirror,
    contradictions_claims_sync,
    on_side,
)
from statements.services.contradiction_store import contradictions_reconcile, detection_key
from statements.services.propositions import propositions_links_write
from statements.webhooks.services import contradiction_event_emit


def _event_view(event: Event) -> EventView | None:
    if not event.topic_id or event.confirms_stance not in ("a", "b"):
        return None
    if event.topic.status == Topic.Status.REJECTED:
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
        # A rejected proposal is noise an editor set aside, not a subject to compare on.
        and statement.topic.status != Topic.Status.REJECTED
        and (statement.stance or statement.quantities)
        and statement.review_status != Statement.Review.REJECTED
    )
    mine = claim_copies(
        actor_id=statement.actor_id,
        outlet_id=statement.article.outlet_id if statement.article_id else None,
        said_on=statement.said_on,
    )
    found: dict[tuple, dict] = {}
    copies: dict[tuple, dict] = {}
    if eligible:
        claim = claim_view(statement)
        rows = list(candidate_queryset(statement, claim))
        others = {row["pk"]: row_copies(row) for row in rows}
        verdicts = find_contradictions(
            claim,
            [claim_from_row(row) for row in rows],
            window_days=statement.topic.window_days,
            reversal_days=REVERSAL_WINDOW_DAYS,
        )
        for other, verdict in verdicts:
            key = ("pair", *sorted((statement.pk, other.id)))
            sides = [(statement.stance_phrase, mine), (other.phrase, others[other.id])]
            if key[1] != statement.pk:
                sides.reverse()
            found[key] = _fields(verdict, statement.topic_id, sides[0][0], sides[1][0])
            copies[key] = {**on_side(sides[0][1], "a"), **on_side(sides[1][1], "b")}
        events = _found_against_events(statement, claim)
        found.update(events)
        copies.update({key: on_side(mine, "a") for key in events})
    stored = contradictions_reconcile(known=known, found=found, copies=copies)
    # Every write to a statement ends here, so its contradictions' copies of its actor,
    # outlet and date (reviewed ones too) are refreshed here: new rows were created with
    # them, the rows already stored are rewritten only where they differ.
    contradictions_claims_mirror(statement_id=statement.pk, copies=mine, rows=known.values())
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
                stance__in=other_stances(event.topic, view.stance),
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
            claim = claim_from_row(row)
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
