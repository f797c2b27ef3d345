"""Registering webhooks, recording deliveries, and one delivery attempt."""

import secrets
import time

import orjson
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from statements.models import Contradiction, Webhook, WebhookAttempt, WebhookDelivery
from statements.webhooks import transport

MAX_ATTEMPTS = 6
DELIVERY_TIMEOUT = 10.0
REVIEW_EVENTS = {
    Contradiction.Status.CONFIRMED: Webhook.Event.CONFIRMED,
    Contradiction.Status.DISMISSED: Webhook.Event.DISMISSED,
}


def _check_url(url: str) -> str:
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise ValidationError({"url": [f"{url!r} is not an http(s) URL."]}) from exc
    refusal = transport.url_refusal(url)
    if refusal:
        raise ValidationError({"url": [refusal]})
    return url


def _check_events(events) -> list[str]:
    if not events or not isinstance(events, list):
        raise ValidationError({"events": ["Choose at least one event."]})
    unknown = sorted(set(events) - set(Webhook.Event.values))
    if unknown:
        raise ValidationError({"events": [f"Unknown events: {', '.join(unknown)}."]})
    return sorted(set(events))


@transaction.atomic
def webhook_create(*, owner, url: str, events: list[str], is_active: bool = True) -> Webhook:
    """The secret is returned on the instance once; the API shows it only in this answer."""
    return Webhook.objects.create(
        owner=owner,
        url=_check_url(url),
        events=_check_events(events),
        is_active=is_active,
        secret="whsec_" + secrets.token_urlsafe(32),
    )


@transaction.atomic
def webhook_update(*, webhook: Webhook, **fields) -> Webhook:
    unknown = set(fields) - {"url", "events", "is_active"}
    if unknown:
        raise ValidationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    if "url" in fields:
        webhook.url = _check_url(fields["url"])
    if "events" in fields:
        webhook.events = _check_events(fields["events"])
    if "is_active" in fields:
        webhook.is_active = bool(fields["is_active"])
    webhook.save()
    return webhook


def webhook_delete(*, webhook: Webhook) -> None:
    webhook.delete()


# New detections are announced in chunks: a full re-detection can find thousands at once.
EMIT_CHUNK = 500


def _payloads(contradiction_ids: list[int], event: str) -> dict[int, dict]:
    from statements.selectors.api import contradiction_list
    from statements.serializers import ContradictionSerializer

    contradictions = list(contradiction_list().filter(pk__in=contradiction_ids))
    occurred_at = timezone.now().isoformat()
    payloads = {}
    for contradiction, data in zip(
        contradictions, ContradictionSerializer(contradictions, many=True).data, strict=True
    ):
        payloads[contradiction.pk] = {
            "event": event,
            "occurred_at": occurred_at,
            # Through orjson and back: plain JSON types for the JSONField.
            "contradiction": orjson.loads(orjson.dumps(data, default=str)),
        }
    return payloads


def webhook_deliveries_create_many(*, contradiction_ids: list[int], event: str) -> list[int]:
    """One pending delivery per contradiction and active webhook that asked for `event`.

    Contradictions deleted since (withdrawn before the announcement ran) are skipped.
    Returns the delivery ids.
    """
    hooks = [h for h in Webhook.objects.filter(is_active=True) if event in h.events]
    if not hooks or not contradiction_ids:
        return []
    created: list[int] = []
    for start in range(0, len(contradiction_ids), EMIT_CHUNK):
        payloads = _payloads(contradiction_ids[start : start + EMIT_CHUNK], event)
        deliveries = WebhookDelivery.objects.bulk_create(
            WebhookDelivery(webhook=h, event=event, payload=payload)
            for payload in payloads.values()
            for h in hooks
        )
        created += [d.pk for d in deliveries]
    return created


def webhook_deliveries_create(*, contradiction_id: int, event: str) -> list[int]:
    """One pending delivery per active webhook that asked for `event`; returns their ids."""
    return webhook_deliveries_create_many(contradiction_ids=[contradiction_id], event=event)


def _enqueue(contradiction_ids: list[int], event: str) -> None:
    from statements.tasks import webhook_deliver_task

    for delivery_id in webhook_deliveries_create_many(
        contradiction_ids=contradiction_ids, event=event
    ):
        webhook_deliver_task.delay(delivery_id)


def contradiction_event_emit(*, contradiction: Contradiction, event: str | None = None) -> None:
    """Called by the contradiction services; deliveries are made after the commit.

    `event` None means "whatever the contradiction's status says" (a review).
    """
    event = event or REVIEW_EVENTS.get(contradiction.status)
    if event is None:
        return
    pk = contradiction.pk
    transaction.on_commit(lambda: _enqueue([pk], event))


def contradictions_detected_emit(*, contradiction_ids: list[int]) -> None:
    """Announce new detections after the commit: one callback and one webhook lookup for
    the whole batch, each contradiction to each subscriber once (nothing if rolled back)."""
    ids = list(contradiction_ids)
    if ids:
        transaction.on_commit(lambda: _enqueue(ids, Webhook.Event.DETECTED))


def delivery_backoff(attempt: int) -> int:
    """Seconds before retry `attempt` (1-based): 30 s, 1, 2, 4, 8 minutes."""
    return 30 * 2 ** max(0, attempt - 1)


def webhook_delivery_attempt(*, delivery_id: int) -> str:
    """Try a pending delivery once; returns "succeeded", "retry", "failed" or "skipped".

    Network errors and 5xx answers are worth retrying; any other answer is final.
    """
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return "skipped"
    webhook = delivery.webhook
    if not webhook.is_active:
        _finish(delivery, WebhookDelivery.Status.FAILED)
        return "failed"
    # Compare-and-set on the attempt count, so a redelivered task cannot double-send.
    number = delivery.attempts + 1
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=WebhookDelivery.Status.PENDING, attempts=delivery.attempts
    ).update(attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"
    body = orjson.dumps(delivery.payload)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "Gainsay-Event": delivery.event,
        "Gainsay-Delivery": str(delivery.pk),
        transport.SIGNATURE_HEADER: transport.signature(webhook.secret, timestamp, body),
    }
    started = time.monotonic()
    status_code, snippet, error = None, "", ""
    try:
        result = transport.webhook_transport(
            webhook.url,
            body=body,
            headers=headers,
            timeout=getattr(settings, "GAINSAY_WEBHOOK_TIMEOUT", DELIVERY_TIMEOUT),
        )
        status_code, snippet = result.status, result.text
    except transport.WebhookTransportError as exc:
        error = str(exc)[:2000]
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=number,
        status_code=status_code,
        response_snippet=snippet,
        error=error,
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    if status_code is not None and 200 <= status_code < 300:
        _finish(delivery, WebhookDelivery.Status.SUCCEEDED)
        return "succeeded"
    transient = status_code is None or status_code >= 500
    if transient and number < MAX_ATTEMPTS:
        return "retry"
    _finish(delivery, WebhookDelivery.Status.FAILED)
    return "failed"


def webhook_delivery_fail(*, delivery_id: int) -> None:
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery is not None and delivery.status == WebhookDelivery.Status.PENDING:
        _finish(delivery, WebhookDelivery.Status.FAILED)


def _finish(delivery: WebhookDelivery, status: str) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk, status=WebhookDelivery.Status.PENDING).update(
        status=status, finished_at=timezone.now()
    )
