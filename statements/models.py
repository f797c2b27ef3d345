from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
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
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        # Suggested from a cluster of unassigned statements; editors rename, merge or accept it.
        PROPOSED = "proposed", "Proposed"

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


class ApiToken(models.Model):
    """A system's credential: created by an administrator, scoped, revocable.

    Only a SHA-256 of the key is stored (keys are long random strings, so a fast hash is
    enough); the key itself is shown once, when the token is created.
    """

    class Scope(models.TextChoices):
        READ = "read", "Read"
        READ_WRITE = "read_write", "Read and write"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    # The first characters of the key, so an administrator can tell tokens apart.
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name} ({self.prefix}…, {self.get_scope_display()})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class Webhook(models.Model):
    """A subscriber's URL that hears about contradictions as they are detected and reviewed."""

    class Event(models.TextChoices):
        DETECTED = "contradiction.detected", "Contradiction detected"
        CONFIRMED = "contradiction.confirmed", "Contradiction confirmed"
        DISMISSED = "contradiction.dismissed", "Contradiction dismissed"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(max_length=2000)
    events = models.JSONField(default=list)
    # Needed in clear to sign each delivery; the API shows it only on creation.
    secret = models.CharField(max_length=100)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One event for one webhook; retried until it succeeds or the attempts run out."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} → {self.webhook_id} ({self.status})"


class WebhookAttempt(models.Model):
    """One HTTP try of a delivery, with what the subscriber answered."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveIntegerField()
    status_code = models.PositiveIntegerField(null=True, blank=True)
    response_snippet = models.TextField(blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self):
        return f"attempt {self.number} of delivery {self.delivery_id}"


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
