"""Topics with their opposing stances, the propositions they hold, and recorded events."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from statements.models.actors import Actor


class Topic(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        # Suggested from a cluster of unassigned statements; editors rename, merge or accept it.
        PROPOSED = "proposed", "Proposed"
        # A proposal an editor judged noise: kept, with its statements, so the clustering
        # never proposes them again; shown nowhere as a topic and never compared.
        REJECTED = "rejected", "Rejected"

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
    # Claims said further apart than this are about different periods: an update, not a
    # contradiction.
    window_days = models.PositiveIntegerField(
        default=30, help_text="Claims said more than this many days apart are not compared."
    )
    # An event bears on claims made long before it (months of denials before an invasion),
    # further back than two claims are compared; how far depends on the topic. db_default
    # too, so rows written by COPY (seed_synthetic, benchmarks) get it.
    event_window_days = models.PositiveIntegerField(
        default=365,
        db_default=365,
        help_text="Claims made up to this many days before an event on this topic are held "
        "against it.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Proposition(models.Model):
    """A claim a topic's statements can support or refute ("Russian forces are withdrawing")."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="propositions")
    text = models.CharField(max_length=300)
    # Which of the topic's two stances agrees with the proposition.
    supported_by_stance = models.CharField(
        max_length=1, choices=[("a", "Stance A"), ("b", "Stance B")]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["topic", "id"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "text"], name="proposition_unique_per_topic")
        ]

    def __str__(self):
        return self.text


class Event(models.Model):
    """Something that happened, recorded by editors, that later claims can be held against."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    description = models.TextField(blank=True)
    occurred_on = models.DateField(db_index=True)
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    # The topic stance the event bears out: earlier claims of the other stance are contradicted.
    confirms_stance = models.CharField(
        max_length=1, blank=True, choices=[("a", "Stance A"), ("b", "Stance B")]
    )
    actors = models.ManyToManyField(Actor, blank=True, related_name="events")
    source_url = models.URLField(max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # The actors are part of the record: a change of them alone is a history entry too.
    history = HistoricalRecords(m2m_fields=["actors"])

    class Meta:
        ordering = ["occurred_on", "id"]

    def __str__(self):
        return f"{self.occurred_on}: {self.title}"
