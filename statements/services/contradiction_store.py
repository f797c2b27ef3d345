"""Write detections in bulk: shared by single-statement, event and full re-detection.

A detection is keyed ("pair", statement_a_id, statement_b_id) or ("event", statement_a_id,
event_id). New detections are inserted with their history rows in two statements and
announced once after the commit; unreviewed detections whose evidence changed are refreshed
(history kept); unreviewed detections that no longer hold are withdrawn; reviewed ones
(confirmed or dismissed) are never touched.
"""

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from statements.models import Contradiction
from statements.webhooks.services import contradictions_detected_emit

BATCH = 2000
# What a fresh run may change on an unreviewed detection; updated_at is set by hand because
# bulk_update skips auto_now, and API clients sync on it (updated_since).
UPDATABLE = ["topic_id", "kind", "score", "explanation", "phrase_a", "phrase_b", "updated_at"]


def detection_key(row) -> tuple:
    """The key of a stored detection, from a model instance or a values() dict."""
    get = row.get if isinstance(row, dict) else row.__dict__.get
    if get("event_id"):
        return ("event", get("statement_a_id"), get("event_id"))
    return ("pair", get("statement_a_id"), get("statement_b_id"))


def detection_new(key: tuple, fields: dict, copies: dict | None = None) -> Contradiction:
    """An unsaved detection for `key`; `copies` are its claims' copied columns, if known."""
    kind, first, other = key
    link = {"event_id": other} if kind == "event" else {"statement_b_id": other}
    return Contradiction(statement_a_id=first, **link, **fields, **(copies or {}))


def _changed(current, fields: dict) -> bool:
    get = current.get if isinstance(current, dict) else current.__dict__.get
    return any(get(name) != value for name, value in fields.items())


def contradictions_create(new: list[Contradiction]) -> list[Contradiction]:
    """Insert new detections with their history; subscribers hear of each once, after commit."""
    if not new:
        return []
    created = bulk_create_with_history(new, Contradiction, batch_size=BATCH)
    contradictions_detected_emit(contradiction_ids=[c.pk for c in created])
    return created


def contradictions_refresh(rows: list[Contradiction], changes: dict[int, dict]) -> None:
    """Apply fresh evidence to unreviewed rows (whole rows, so history records what each holds)."""
    if not rows:
        return
    now = timezone.now()
    for row in rows:
        for name, value in changes[row.pk].items():
            setattr(row, name, value)
        row.updated_at = now
    bulk_update_with_history(rows, Contradiction, UPDATABLE, batch_size=BATCH)


def contradictions_withdraw(pks: list[int]) -> None:
    """Delete unreviewed detections that no longer hold (simple_history keeps a "-" row)."""
    for start in range(0, len(pks), BATCH):
        Contradiction.objects.filter(
            pk__in=pks[start : start + BATCH], status=Contradiction.Status.DETECTED
        ).delete()


def contradictions_reconcile(
    *,
    known: dict[tuple, Contradiction],
    found: dict[tuple, dict],
    copies: dict[tuple, dict] | None = None,
) -> list[Contradiction]:
    """Make the stored detections among `known` match `found` (key -> fields), in a few
    statements whatever the number of pairs. Callers hold the transaction. `copies` (key ->
    the claims' copied columns) fills new rows when the caller already has the values.

    Returns the live unreviewed detections in `found`'s order (new, refreshed and unchanged).
    """
    new, stale_rows, changes, live = [], [], {}, {}
    for key, fields in found.items():
        current = known.get(key)
        if current is None:
            new.append(detection_new(key, fields, (copies or {}).get(key)))
            live[key] = new[-1]
        elif current.status == Contradiction.Status.DETECTED:
            if _changed(current, fields):
                stale_rows.append(current)
                changes[current.pk] = fields
            live[key] = current
    withdrawn = [
        c.pk
        for key, c in known.items()
        if key not in found and c.status == Contradiction.Status.DETECTED
    ]
    contradictions_create(new)
    contradictions_refresh(stale_rows, changes)
    contradictions_withdraw(withdrawn)
    return list(live.values())
