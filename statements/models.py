from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        GOVERNMENT = "government", "Government"
        GOVERNMENT_BODY = "government_body", "Government body"
        MILITARY = "military", "Military"
        ALLIANCE = "alliance", "Alliance"
        ORGANISATION = "organisation", "Organisation"
        COUNTRY = "country", "Country"

    class Status(models.TextChoices):
        APPROVED = "approved", "Approved"
        # Speakers extraction could not resolve: kept, never dropped, for editors to approve.
        PROPOSED = "proposed", "Proposed"

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    description = models.TextField(blank=True)
    wikidata_id = models.CharField(max_length=20, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.APPROVED, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=300)
    # Lower-cased, whitespace-folded form: two actors may not claim the same name.
    normalized = models.CharField(max_length=300, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["text"]
        verbose_name_plural = "actor aliases"

    def __str__(self):
        return self.text


class ActorRole(models.Model):
    person = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="role_holders"
    )
    title = models.CharField(max_length=200)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=F("start")),
                name="actorrole_end_after_start",
            )
        ]

    def __str__(self):
        org = f", {self.organisation}" if self.organisation_id else ""
        return f"{self.title}{org}"


class Topic(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    # Two opposing stances, each with the cue phrases (one per line) that signal it.
    stance_a = models.CharField(max_length=100)
    stance_a_cues = models.TextField(blank=True, help_text="One cue phrase per line.")
    stance_b = models.CharField(max_length=100)
    stance_b_cues = models.TextField(blank=True, help_text="One cue phrase per line.")
    exclusions = models.TextField(
        blank=True, help_text="Phrases that stop a cue counting (one per line)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


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
    confidence = models.FloatField(default=0.0)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EXTRACTED)
    review_status = models.CharField(
        max_length=12, choices=Review.choices, default=Review.UNREVIEWED, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["said_on", "id"]
        indexes = [models.Index(fields=["topic", "said_on"])]
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


class Contradiction(models.Model):
    class Kind(models.TextChoices):
        OPPOSITE_DIRECTION = "opposite_direction", "Opposite direction"
        DENIAL = "denial", "Negation or denial"

    class Status(models.TextChoices):
        DETECTED = "detected", "Detected"
        CONFIRMED = "confirmed", "Confirmed"
        DISMISSED = "dismissed", "Dismissed"

    # Stored with statement_a.id < statement_b.id so the pair is unordered and unique.
    statement_a = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="contradictions_as_a"
    )
    statement_b = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="contradictions_as_b"
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["-detected_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement_a", "statement_b"], name="contradiction_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(statement_a__lt=F("statement_b")), name="contradiction_ordered_pair"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: #{self.statement_a_id} vs #{self.statement_b_id}"
