import re

from django.conf import settings
from django.core.exceptions import ValidationError
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
    # A client's retry of the same submission finds this job instead of ingesting again.
    idempotency_key = models.CharField(max_length=255, blank=True)
    idempotency_client = models.CharField(max_length=100, blank=True)
    request_fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_client", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="ingestjob_unique_idempotency_key_per_client",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} job #{self.pk} ({self.status})"


class Story(models.Model):
    """One news story: wire copies, syndications and updates of it are its articles."""

    title = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "stories"

    def __str__(self):
        return self.title or f"Story #{self.pk}"


class Article(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PROCESSING = "processing", "Processing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        # Stored but not extracted: extraction reads English; a translation step comes later.
        UNTRANSLATED = "untranslated", "Awaiting translation"

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
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    # MinHash signature of the text's word shingles (see sources/neardup.py).
    minhash = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["text", "minhash"])

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title or self.url or f"Article #{self.pk}"


class ArticleBand(models.Model):
    """One LSH band of an article's MinHash: articles sharing a band are near-duplicate
    candidates, found through the index instead of comparing with every article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="sources_articleband_unique")
        ]

    def __str__(self):
        return f"{self.article_id}:{self.key}"


class ArticleVersion(models.Model):
    """An earlier text of an article, kept when the same URL is fetched with new text."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    content_hash = models.CharField(max_length=64)
    # When this text was current: from the article's first fetch to the one that replaced it.
    fetched_at = models.DateTimeField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "-replaced_at", "-id"]

    def __str__(self):
        return f"{self.article} (before {self.replaced_at:%Y-%m-%d %H:%M})"


def validate_link_pattern(value: str) -> None:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValidationError(f"Not a valid regular expression: {exc}.") from exc


class Source(models.Model):
    """A feed or site polled for new articles (a subscription)."""

    class Kind(models.TextChoices):
        FEED = "feed", "RSS/Atom feed"
        SITEMAP = "sitemap", "Sitemap"
        LIST_PAGE = "list_page", "List page"

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.FEED)
    url = models.URLField(max_length=2000, unique=True)
    name = models.CharField(max_length=200, blank=True)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    language = models.CharField(max_length=12, default="en")
    poll_interval_minutes = models.PositiveIntegerField(default=30)
    # List pages: only links whose URL matches this regular expression are articles.
    link_pattern = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_link_pattern],
        help_text="List pages: a regular expression article URLs match, e.g. /news/\\d+",
    )
    enabled = models.BooleanField(default=True, db_index=True)
    # An official channel (a ministry's press feed): its items are this actor's own words.
    official_actor = models.ForeignKey(
        "statements.Actor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="official_sources",
    )
    # Scheduling: due when next_poll_at has passed; the timestamps below are the
    # compare-and-set claims that keep one poll per source at a time.
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    polling_started_at = models.DateTimeField(null=True, blank=True)
    # Health.
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_new_item_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    error_streak = models.PositiveIntegerField(default=0)
    disabled_reason = models.TextField(blank=True)
    items_seen = models.PositiveIntegerField(default=0)
    # Conditional GET state from the last successful fetch.
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "url"]

    def __str__(self):
        return self.name or self.url


class SourceItem(models.Model):
    """One entry seen in a source, recorded so that it is ingested once."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="items")
    # guid, else link: kept whole for display; the hash is what is unique (guids can be
    # longer than a B-tree index entry allows).
    guid = models.TextField()
    guid_hash = models.CharField(max_length=64)
    link = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    # What the entry looked like (text, date): a change means the item was updated.
    fingerprint = models.CharField(max_length=64, blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="source_items"
    )
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-first_seen_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "guid_hash"], name="sources_sourceitem_unique_guid"
            )
        ]

    def __str__(self):
        return self.title or self.link or self.guid


class OutboxMessage(models.Model):
    """A task to publish, written in the same transaction as the row it is about.

    If the broker is down when the transaction commits, the row stays unsent and the
    periodic re-dispatch (sources.tasks.outbox_redispatch_task) publishes it later,
    so a submission answered 202 is never lost.
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        # Publishing again by hand (admin action); viewing is the ordinary view permission.
        permissions = [("redispatch_outboxmessage", "Can re-dispatch outbox messages")]

    def __str__(self):
        state = "sent" if self.sent_at else "unsent"
        return f"{self.task}{tuple(self.args)} ({state})"
