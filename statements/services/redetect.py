"""Full re-detection in bulk: topic by topic, pairs found in memory, rows written in batches.

Per-statement detection run over a million statements would issue millions of queries; this
reads each topic once, finds its conflicts with the batch finder, and reconciles them with
what is stored: new detections created, changed ones refreshed, withdrawn ones deleted, and
reviewed ones (confirmed or dismissed) never touched. New detections are announced to
webhook subscribers once, after the commit, like detections of a single statement.
"""

from collections import defaultdict

from django.db import transaction

from statements.detection import against_event, find_all_contradictions
from statements.detection.compare import REVERSAL_WINDOW_DAYS
from statements.models import Contradiction, Event, Statement, Topic
from statements.selectors.detection_claims import claim_from_row, claim_rows
from statements.services.contradiction_claims import contradictions_claims_sync
from statements.services.contradiction_store import (
    BATCH,
    UPDATABLE,
    contradictions_create,
    contradictions_refresh,
    contradictions_withdraw,
    detection_key,
    detection_new,
)
from statements.services.contradictions import _event_view
from statements.services.propositions import propositions_assess_all


def _topic_claims(topic: Topic):
    rows = claim_rows(
        Statement.objects.filter(topic=topic)
        .exclude(review_status=Statement.Review.REJECTED)
        .exclude(stance="", quantities=[])
    )
    return [claim_from_row(row) for row in rows.iterator(chunk_size=BATCH)]


def _found_for_topic(topic: Topic, events: list[Event]) -> dict[tuple, dict]:
    claims = _topic_claims(topic)
    found: dict[tuple, dict] = {}
    for a, b, verdict in find_all_contradictions(
        claims, window_days=topic.window_days, reversal_days=REVERSAL_WINDOW_DAYS
    ):
        first, second = (a, b) if a.id < b.id else (b, a)
        found[("pair", first.id, second.id)] = {
            "topic_id": topic.pk,
            "kind": verdict.kind,
            "score": verdict.score,
            "explanation": verdict.explanation,
            "phrase_a": first.phrase[:300],
            "phrase_b": second.phrase[:300],
        }
    for event in events:
        view = _event_view(event)
        if view is None:
            continue
        for claim in claims:
            verdict = against_event(claim, view, lookback_days=topic.event_window_days)
            if verdict is not None:
                found[("event", claim.id, event.pk)] = {
                    "topic_id": topic.pk,
                    "kind": verdict.kind,
                    "score": verdict.score,
                    "explanation": verdict.explanation,
                    "phrase_a": claim.phrase[:300],
                    "phrase_b": event.title[:300],
                }
    return found


@transaction.atomic
def contradictions_redetect_all() -> dict[str, int]:
    """Reconcile every stored detection with a fresh run; returns counts of what changed."""
    events_by_topic = defaultdict(list)
    for event in (
        Event.objects.exclude(topic=None).exclude(confirms_stance="").select_related("topic")
    ):
        events_by_topic[event.topic_id].append(event)
    found: dict[tuple, dict] = {}
    for topic in Topic.objects.exclude(status=Topic.Status.REJECTED):
        found.update(_found_for_topic(topic, events_by_topic.get(topic.pk, [])))

    stored = {
        detection_key(c): c
        for c in Contradiction.objects.values(
            "pk", "statement_a_id", "statement_b_id", "event_id", "status", *UPDATABLE
        ).iterator(chunk_size=BATCH)
    }
    create, update, withdraw = [], [], []
    for key, fields in found.items():
        current = stored.get(key)
        if current is None:
            create.append(detection_new(key, fields))
        elif current["status"] == Contradiction.Status.DETECTED and any(
            current[k] != v for k, v in fields.items()
        ):
            update.append((current["pk"], fields))
    for key, current in stored.items():
        if key not in found and current["status"] == Contradiction.Status.DETECTED:
            withdraw.append(current["pk"])
    # Only keys stored nowhere are created, so each is announced once; refreshed and
    # reviewed rows never are again.
    created = contradictions_create(create)
    # The pairs are new, their claims are not: copy each claim's actor, outlet and date onto
    # the new rows only (the other rows' copies are already in step).
    contradictions_claims_sync(contradiction_ids=[c.pk for c in created])
    for start in range(0, len(update), BATCH):
        changes = dict(update[start : start + BATCH])
        contradictions_refresh(list(Contradiction.objects.filter(pk__in=changes)), changes)
    contradictions_withdraw(withdraw)
    assessed = propositions_assess_all()
    return {
        "created": len(create),
        "updated": len(update),
        "withdrawn": len(withdraw),
        "proposition_links": assessed,
    }
