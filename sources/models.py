from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=253, blank=True)
    country = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class IngestJob(models.Model):
    class Kind(models.TextChoices):
        URL = "url", "URL"
        FILE = "file", "File"
        TEXT = "text", "Text"
        FEED = "feed", "Feed"
        BATCH = "batch", "Batch"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # What was asked for: the URL, or the uploaded file's name.
    source = models.CharField(max_length=2000, blank=True)
    # The submitted body (text, HTML or JSON lines) kept until processed, so a job
    # survives a worker restart without the client sending it again.
    payload = models.TextField(blank=True)
    content_type = models.CharField(max_length=20, blank=True)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    error = models.TextField(blank=True)
    articles_total = models.PositiveIntegerField(default=0)
    articles_created = models.PositiveIntegerField(default=0)
    articles_duplicate = models.PositiveIntegerField(default=0)
    articles_failed = models.PositiveIntegerField(default=0)
    statements_found = models.PositiveIntegerField(default=0)
    contradictions_found = models.PositiveIntegerField(default=0)
    attempts = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} job #{self.pk} ({self.status})"


class Article(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PROCESSING = "processing", "Processing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    url = models.URLField(max_length=2000, unique=True, null=True, blank=True)
    content_hash = models.CharField(max_length=64, unique=True)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    title = models.CharField(max_length=500, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    text = models.TextField()
    language = models.CharField(max_length=12, default="en")
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    error = models.TextField(blank=True)
    job = models.ForeignKey(
        IngestJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title or self.url or f"Article #{self.pk}"
