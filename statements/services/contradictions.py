from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from statements.detection import ClaimView, find_contradictions
from statements.models import Contradiction, Statement


def claim_view(statement: Statement) -> ClaimView:
    actor = statement.actor.name if statement.actor_id else (statement.speaker_text or "Unknown")
    return ClaimView(
        id=statement.pk,
        actor=actor,
        said_on=statement.said_on,
        topic=statement.topic.slug if statement.topic_id else "",
        stance=statement.stance,
        phrase=statement.stance_phrase,
        rule=statement.stance_rule,
        confidence=statement.stance_confidence,
    )


def _candidates(statement: Statement):
    # Incremental: only the statement's topic, only the opposing stance, through the
    # (topic, said_on) index.
    return (
        Statement.objects.filter(topic_id=statement.topic_id)
        .exclude(pk=statement.pk)
        .exclude(stance__in=["", statement.stance])
        .exclude(review_status=Statement.Review.REJECTED)
        .select_related("actor", "topic")
    )


@transaction.atomic
def contradictions_detect_for_statement(*, statement: Statement) -> list[Contradiction]:
    """Record the contradictions between one statement and its topic's other statements.

    Reviewed pairs are never touched (a dismissed pair is never proposed again); unreviewed
    detections that no longer hold are withdrawn, so re-detection is idempotent.
    """
    involving = Contradiction.objects.filter(Q(statement_a=statement) | Q(statement_b=statement))
    known = {(c.statement_a_id, c.statement_b_id): c for c in involving}
    found: list[Contradiction] = []
    verdicts = []
    eligible = (
        statement.topic_id
        and statement.stance
        and statement.review_status != Statement.Review.REJECTED
    )
    if eligible:
        existing = [claim_view(s) for s in _candidates(statement)]
        verdicts = find_contradictions(claim_view(statement), existing)
    still_valid = set()
    for other, verdict in verdicts:
        pair = tuple(sorted((statement.pk, other.id)))
        still_valid.add(pair)
        mine = statement.stance_phrase
        phrase_a, phrase_b = (
            (mine, other.phrase) if pair[0] == statement.pk else (other.phrase, mine)
        )
        fields = {
            "topic_id": statement.topic_id,
            "kind": verdict.kind,
            "score": verdict.score,
            "explanation": verdict.explanation,
            "phrase_a": phrase_a[:300],
            "phrase_b": phrase_b[:300],
        }
        current = known.get(pair)
        if current is None:
            found.append(
                Contradiction.objects.create(
                    statement_a_id=pair[0], statement_b_id=pair[1], **fields
                )
            )
        elif current.status == Contradiction.Status.DETECTED:
            changed = any(getattr(current, k) != v for k, v in fields.items())
            if changed:
                for k, v in fields.items():
                    setattr(current, k, v)
                current.save()
            found.append(current)
    for pair, current in known.items():
        if pair not in still_valid and current.status == Contradiction.Status.DETECTED:
            current.delete()
    return found


def contradictions_detect_all() -> int:
    """Re-run detection over every classified statement; returns the number of live detections."""
    statements = (
        Statement.objects.exclude(stance="").order_by("pk").select_related("actor", "topic")
    )
    for statement in statements.iterator(chunk_size=500):
        contradictions_detect_for_statement(statement=statement)
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
    return contradiction
