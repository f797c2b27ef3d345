"""Actors (people, ministries, governments, alliances), their aliases and dated roles."""

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
