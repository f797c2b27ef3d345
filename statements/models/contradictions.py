"""Contradictions between two claims (or a claim and a later event) and their review."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from statements.models.actors import Actor
from statements.models.statements import Statement
from statements.models.topics import Event, Topic

CLAIM_COLUMNS = ["actor_a", "actor_b", "outlet_a", "outlet_b", "said_on_a", "said_on_b"]


class Contradiction(models.Model):
    class Kind(models.TextChoices):
        OPPOSITE_DIRECTION = "opposite_direction", "Opposite direction"
        DENIAL = "denial", "Negation or denial"
        NUMERIC_MISMATCH = "numeric_mismatch", "Numeric mismatch"
        REVERSAL = "reversal", "Reversal over time"
        EVENT = "event", "Claim against a later event"

    class Status(models.TextChoices):
        DETECTED = "detected", "Detected"
        CONFIRMED = "confirmed", "Confirmed"
        DISMISSED = "dismissed", "Dismissed"

    # Stored with statement_a.id < statement_b.id so the pair is unordered and unique. A claim
    # held against an event (kind "event") has no statement_b but an event instead.
    statement_a = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="contradictions_as_a"
    )
    statement_b = models.ForeignKey(
        Statement,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contradictions_as_b",
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="contradictions"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="contradictions"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    score = models.FloatField(default=0.0, db_index=True)
    explanation = models.TextField(blank=True)
    phrase_a = models.CharField(max_length=300, blank=True)
    phrase_b = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DETECTED, db_index=True
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    detected_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Each claim's speaker, outlet (of its article) and date said, copied from the two
    # statements by services.contradictions_claims_sync, so that the overview's filters
    # on "either claim" read this table's indexes instead of joining a million statements.
    # Empty on side b for a claim held against an event.
    actor_a = models.ForeignKey(
        Actor, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    actor_b = models.ForeignKey(
        Actor, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    outlet_a = models.ForeignKey(
        "sources.Outlet",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outlet_b = models.ForeignKey(
        "sources.Outlet",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    said_on_a = models.DateField(null=True, blank=True, editable=False, db_index=True)
    said_on_b = models.DateField(null=True, blank=True, editable=False, db_index=True)
    history = HistoricalRecords(excluded_fields=CLAIM_COLUMNS)

    class Meta:
        ordering = ["-detected_at", "-id"]
        indexes = [
            # The dashboard lists one kind newest first (reversals on an actor's page).
            models.Index(fields=["kind", "detected_at"], name="contradiction_kind_detected"),
            # A topic's contradictions newest first (overview filter, exports, feeds),
            # read in order instead of sorted.
            models.Index(fields=["topic", "detected_at"], name="contradiction_topic_detected"),
            # An actor's reversals newest first (actor page): the kind index alone walked
            # every other actor's reversals to find the busiest speaker's twenty.
            models.Index(
                fields=["actor_a", "kind", "detected_at"], name="contradiction_actor_kind"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["statement_a", "statement_b"], name="contradiction_unique_pair"
            ),
            models.UniqueConstraint(
                fields=["statement_a", "event"],
                condition=Q(event__isnull=False),
                name="contradiction_unique_claim_event",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        event__isnull=True,
                        statement_b__isnull=False,
                        statement_a__lt=F("statement_b"),
                    )
                    | Q(event__isnull=False, statement_b__isnull=True)
                ),
                name="contradiction_ordered_pair_or_event",
            ),
        ]

    def __str__(self):
        other = f"event #{self.event_id}" if self.event_id else f"#{self.statement_b_id}"
        return f"{self.get_kind_display()}: #{self.statement_a_id} vs {other}"


# --- API access and webhooks ------------------------------------------------------------
