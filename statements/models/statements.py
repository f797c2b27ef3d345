"""Dated statements, where else they appeared, and how they bear on propositions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from statements.models.actors import Actor
from statements.models.topics import Proposition, Topic


class Statement(models.Model):
    class Kind(models.TextChoices):
        DIRECT_QUOTE = "direct_quote", "Direct quote"
        PARAPHRASE = "paraphrase", "Paraphrase"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        WEEK = "week", "Week"
        MONTH = "month", "Month"
        UNKNOWN = "unknown", "Unknown"

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", "Extracted"
        EDITOR = "editor", "Editor"

    class Review(models.TextChoices):
        UNREVIEWED = "unreviewed", "Unreviewed"
        CONFIRMED = "confirmed", "Confirmed"
        CORRECTED = "corrected", "Corrected"
        REJECTED = "rejected", "Rejected"

    actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    # PROTECT: a statement's provenance must outlive any attempt to delete its article.
    article = models.ForeignKey(
        "sources.Article", on_delete=models.PROTECT, related_name="statements"
    )
    speaker_text = models.CharField(max_length=500, blank=True)
    content = models.TextField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PARAPHRASE)
    cue = models.CharField(max_length=100, blank=True)
    content_start = models.PositiveIntegerField(null=True, blank=True)
    content_end = models.PositiveIntegerField(null=True, blank=True)
    segments = models.JSONField(default=list, blank=True)
    speaker_start = models.PositiveIntegerField(null=True, blank=True)
    speaker_end = models.PositiveIntegerField(null=True, blank=True)
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    said_on = models.DateField(null=True, blank=True, db_index=True)
    date_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.UNKNOWN
    )
    date_text = models.CharField(max_length=100, blank=True)
    reported_via = models.CharField(max_length=300, blank=True)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    stance = models.CharField(max_length=100, blank=True)
    stance_phrase = models.CharField(max_length=300, blank=True)
    stance_rule = models.CharField(max_length=50, blank=True)
    stance_confidence = models.FloatField(default=0.0)
    # Kept from classification so detection compares rows without parsing text again: a
    # hedged claim ("may", "possibly") and the quantities it states ("130,000 troops").
    hedged = models.BooleanField(default=False)
    quantities = models.JSONField(default=list, blank=True)
    confidence = models.FloatField(default=0.0)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EXTRACTED)
    review_status = models.CharField(
        max_length=12, choices=Review.choices, default=Review.UNREVIEWED, db_index=True
    )
    # Where the words appeared (see StatementAppearance), kept here for lists and sorting.
    first_seen_at = models.DateTimeField(null=True, blank=True, db_index=True)
    appearance_count = models.PositiveIntegerField(default=1)
    outlet_count = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords(
        excluded_fields=["first_seen_at", "appearance_count", "outlet_count"]
    )

    class Meta:
        ordering = ["said_on", "id"]
        indexes = [
            models.Index(fields=["topic", "said_on"]),
            # Dashboard pages at a million statements: an actor's statements by date,
            # and "contradictions involving statements of X" as index-only id lookups.
            models.Index(fields=["actor", "said_on", "id"], name="statement_actor_said_on"),
            models.Index(fields=["said_on", "id"], name="statement_said_on_id"),
            # The API's `?topic=` list pages by id: a range of this index, however small
            # the topic.
            models.Index(fields=["topic", "id"], name="statement_topic_id"),
            # An actor's topics and a topic's stance counts, counted from the index alone
            # whenever their cached figures go stale (the busiest took up to a second).
            models.Index(fields=["actor", "topic"], name="statement_actor_topic"),
            models.Index(fields=["topic", "stance"], name="statement_topic_stance"),
        ]
        constraints = [
            # Re-running extraction on an article must update, never duplicate.
            models.UniqueConstraint(
                fields=["article", "content_start", "content_end"],
                name="statement_unique_span_per_article",
            )
        ]

    def __str__(self):
        who = self.actor.name if self.actor_id else (self.speaker_text or "Unknown")
        return f"{who}: {self.content[:80]}"

    @property
    def is_locked(self) -> bool:
        """An editor's statement or correction is never overwritten by re-extraction."""
        return self.origin == self.Origin.EDITOR or self.review_status != self.Review.UNREVIEWED


class StatementAppearance(models.Model):
    """One place a statement's words appeared: an article of some outlet, at some offsets.

    A quote repeated across outlets is one Statement (on its first appearance's article)
    with one appearance per article, the first included.
    """

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="appearances")
    article = models.ForeignKey(
        "sources.Article", on_delete=models.PROTECT, related_name="statement_appearances"
    )
    outlet = models.ForeignKey(
        "sources.Outlet", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The words as this article has them (a paraphrase may differ slightly).
    content = models.TextField()
    content_start = models.PositiveIntegerField(null=True, blank=True)
    content_end = models.PositiveIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["seen_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "content_start", "content_end"],
                name="statementappearance_unique_span",
            )
        ]

    def __str__(self):
        return f"#{self.statement_id} in article #{self.article_id}"


class StatementMergeBlock(models.Model):
    """An editor's split: the words at this span are not the statement's, ever again."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="merge_blocks")
    article = models.ForeignKey("sources.Article", on_delete=models.CASCADE, related_name="+")
    content_start = models.PositiveIntegerField(null=True, blank=True)
    content_end = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "article", "content_start", "content_end"],
                name="statementmergeblock_unique",
            )
        ]

    def __str__(self):
        return f"#{self.statement_id} never at article #{self.article_id}"


class StatementProposition(models.Model):
    """How one statement bears on one of its topic's propositions, and the words that decided."""

    class Relation(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        NEUTRAL = "neutral", "Neutral"

    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="proposition_links"
    )
    proposition = models.ForeignKey(
        Proposition, on_delete=models.CASCADE, related_name="statement_links"
    )
    relation = models.CharField(max_length=10, choices=Relation.choices)
    confidence = models.FloatField(default=0.0)
    phrase = models.CharField(max_length=300, blank=True)
    rule = models.CharField(max_length=50, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["proposition", "statement"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "proposition"], name="statement_proposition_unique"
            )
        ]

    def __str__(self):
        return f"#{self.statement_id} {self.relation} {self.proposition_id}"


# Copies of the statements' values on each contradiction (see Contradiction.actor_a).
