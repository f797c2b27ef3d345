"""Deletions as other systems see them, read from history."""

from django.db import models


class Deletion(models.Model):
    """A row deleted from one of the API's resources, for incremental sync.

    Not a table: a database view over the deletion records ("-" rows) django-simple-history
    keeps for every model, so every deletion is here, however it happened (a service, the
    admin, a cascade), and no delete path has to remember to write a tombstone. Created
    after every migrate by statements/deletion_view.py.
    """

    class Resource(models.TextChoices):
        ACTOR = "actor", "Actor"
        TOPIC = "topic", "Topic"
        STATEMENT = "statement", "Statement"
        CONTRADICTION = "contradiction", "Contradiction"
        EVENT = "event", "Event"
        ARTICLE = "article", "Article"

    # "<resource>.<history id>": unique across the view, for stable paging.
    key = models.CharField(max_length=40, primary_key=True)
    resource = models.CharField(max_length=20, choices=Resource.choices)
    object_id = models.BigIntegerField()
    # A view column, NULL where the resource has no slug (statements, contradictions, ...).
    slug = models.CharField(max_length=300, null=True)  # noqa: DJ001
    deleted_at = models.DateTimeField()

    class Meta:
        managed = False
        db_table = "statements_deletion"
        ordering = ["deleted_at", "key"]

    def __str__(self):
        return f"{self.resource} #{self.object_id} deleted {self.deleted_at:%Y-%m-%d %H:%M}"
