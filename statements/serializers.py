"""API shapes for actors, topics, statements and contradictions.

Read and write shapes are separate for statements: reads embed the actor, topic and
article; writes name them (actor and topic by slug, article by id) and are handed to
the statement services, which own every rule about what a statement may be.
"""

from rest_framework import serializers

from sources.models import Article
from sources.serializers import ArticleRefSerializer
from statements.models import (
    Actor,
    ActorAlias,
    ActorRole,
    Contradiction,
    Deletion,
    Event,
    Proposition,
    Statement,
    StatementAppearance,
    Topic,
    Webhook,
)

PROVENANCE_FIELDS = ("article", "content_start", "content_end")


class ActorRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["id", "slug", "name"]


class TopicRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "slug", "name"]


class ActorAliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActorAlias
        fields = ["id", "text"]


class ActorRoleSerializer(serializers.ModelSerializer):
    organisation = ActorRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ActorRole
        fields = ["id", "title", "organisation", "start", "end"]


class ActorSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Actor.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the organisation this actor belongs to.",
    )
    aliases = ActorAliasSerializer(many=True, read_only=True)
    roles = ActorRoleSerializer(many=True, read_only=True)

    class Meta:
        model = Actor
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "status",
            "parent",
            "description",
            "wikidata_id",
            "aliases",
            "roles",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class ActorRoleWriteSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        required=False, help_text="An existing role of this actor, to change it in place."
    )
    title = serializers.CharField(max_length=200)
    organisation = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Actor.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the organisation the role is held in.",
    )
    start = serializers.DateField(required=False, allow_null=True)
    end = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):
        start, end = attrs.get("start"), attrs.get("end")
        if start and end and end < start:
            raise serializers.ValidationError({"end": ["Must not be before start."]})
        return attrs


class ActorWriteSerializer(ActorSerializer):
    """What an editor sends; aliases and roles, when given, replace the actor's own."""

    aliases = serializers.ListField(
        child=serializers.CharField(max_length=300),
        required=False,
        max_length=200,
        help_text=(
            "Other names the actor goes by. The list replaces the actor's aliases (its own "
            "name always stays one); leave it out to keep them. A name another actor already "
            "has is refused."
        ),
    )
    roles = ActorRoleWriteSerializer(
        many=True,
        required=False,
        max_length=200,
        help_text=(
            "Offices held, with validity dates. The list replaces the actor's roles: items "
            "with an `id` change that role, items without one are added, roles left out are "
            "removed. Leave it out to keep them."
        ),
    )


class PropositionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Proposition
        fields = ["id", "text", "supported_by_stance"]
        read_only_fields = ["id"]
        # Uniqueness per topic is the service's to check (it knows the topic).
        validators = []


class TopicSerializer(serializers.ModelSerializer):
    propositions = PropositionSerializer(
        many=True,
        required=False,
        help_text=(
            "Claims the topic's statements support or refute. On write the list replaces "
            "the topic's propositions (matched by text); leave it out to keep them."
        ),
    )

    class Meta:
        model = Topic
        fields = [
            "id",
            "slug",
            "name",
            "description",
            "stance_a",
            "stance_a_cues",
            "stance_b",
            "stance_b_cues",
            "exclusions",
            "window_days",
            "event_window_days",
            "propositions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class StatementSerializer(serializers.ModelSerializer):
    actor = ActorRefSerializer(read_only=True, allow_null=True)
    topic = TopicRefSerializer(read_only=True, allow_null=True)
    article = ArticleRefSerializer(read_only=True)

    class Meta:
        model = Statement
        fields = [
            "id",
            "actor",
            "speaker_text",
            "content",
            "kind",
            "cue",
            "said_on",
            "date_precision",
            "date_text",
            "reported_via",
            "topic",
            "stance",
            "stance_phrase",
            "stance_confidence",
            "confidence",
            "article",
            "content_start",
            "content_end",
            "segments",
            "speaker_start",
            "speaker_end",
            "cue_start",
            "cue_end",
            "origin",
            "review_status",
            # Appearances: the same words across outlets are one statement.
            "first_seen_at",
            "appearance_count",
            "outlet_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class StatementAppearanceSerializer(serializers.ModelSerializer):
    """One place the words appeared: the article, its outlet, the words as that article has
    them (offsets into its text), its publication date and when Gainsay saw it."""

    article = ArticleRefSerializer(read_only=True)
    outlet = serializers.CharField(
        source="outlet.name", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = StatementAppearance
        fields = [
            "id",
            "article",
            "outlet",
            "content",
            "content_start",
            "content_end",
            "published_at",
            "seen_at",
        ]
        read_only_fields = fields


class StatementDetailSerializer(StatementSerializer):
    """A statement with all its appearances, earliest first (the first is its own article)."""

    appearances = StatementAppearanceSerializer(many=True, read_only=True)

    class Meta(StatementSerializer.Meta):
        fields = [*StatementSerializer.Meta.fields, "appearances"]
        read_only_fields = fields


class StatementListItemSerializer(StatementSerializer):
    """A statement in a list; `appearances` only with `?embed=appearances`.

    Used for the schema only (lists render plain rows, statements/selectors/api_rows.py):
    a read-only field would be documented as always present.
    """

    appearances = StatementAppearanceSerializer(many=True, required=False)

    class Meta(StatementSerializer.Meta):
        fields = [*StatementSerializer.Meta.fields, "appearances"]
        read_only_fields = fields


class StatementEmbedSerializer(serializers.ModelSerializer):
    """A statement inside a contradiction: who, what, when, and where it was reported."""

    actor = ActorRefSerializer(read_only=True, allow_null=True)
    article = ArticleRefSerializer(read_only=True)

    class Meta:
        model = Statement
        fields = [
            "id",
            "actor",
            "speaker_text",
            "content",
            "kind",
            "said_on",
            "date_precision",
            "stance",
            "review_status",
            "article",
            "first_seen_at",
            "outlet_count",
        ]
        read_only_fields = fields


class StatementWriteSerializer(serializers.ModelSerializer):
    """What an editor sends; the statement services validate and store it."""

    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all())
    actor = serializers.SlugRelatedField(
        slug_field="slug", queryset=Actor.objects.all(), required=False, allow_null=True
    )
    topic = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Statement
        fields = [
            "article",
            "content",
            "actor",
            "speaker_text",
            "kind",
            "cue",
            "said_on",
            "date_precision",
            "topic",
            "stance",
            "reported_via",
            "content_start",
            "content_end",
        ]
        # The span-per-article uniqueness is checked by the service, which knows the text.
        validators = []

    def validate(self, attrs):
        start = attrs.get("content_start", getattr(self.instance, "content_start", None))
        end = attrs.get("content_end", getattr(self.instance, "content_end", None))
        if (start is None) != (end is None):
            raise serializers.ValidationError(
                "Give both content_start and content_end, or neither."
            )
        if start is not None and end <= start:
            raise serializers.ValidationError({"content_end": ["Must be after content_start."]})
        return attrs


class StatementUpdateSerializer(StatementWriteSerializer):
    """A correction: the article and the span are provenance and stay as they are."""

    article = None  # drops the inherited declared field

    class Meta(StatementWriteSerializer.Meta):
        fields = [
            *(f for f in StatementWriteSerializer.Meta.fields if f not in PROVENANCE_FIELDS),
            "review_status",
        ]

    def validate(self, attrs):
        # The offsets are not editable here, so the create-time span check does not apply.
        return attrs


class EventSerializer(serializers.ModelSerializer):
    topic = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Topic.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the topic whose stance the event bears out.",
    )
    actors = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Actor.objects.all(),
        many=True,
        required=False,
        help_text="Slugs of the actors involved.",
    )
    created_by = serializers.CharField(
        source="created_by.username", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "title",
            "description",
            "occurred_on",
            "topic",
            "confirms_stance",
            "actors",
            "source_url",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {"slug": {"required": False}}


class EventRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = ["id", "slug", "title", "occurred_on", "confirms_stance", "source_url"]
        read_only_fields = fields


class ContradictionSerializer(serializers.ModelSerializer):
    topic = TopicRefSerializer(read_only=True, allow_null=True)
    statement_a = StatementEmbedSerializer(read_only=True)
    statement_b = StatementEmbedSerializer(
        read_only=True,
        allow_null=True,
        help_text="The other statement; null when kind is `event` (see `event`).",
    )
    event = EventRefSerializer(
        read_only=True,
        allow_null=True,
        help_text="The event statement_a is held against; set only when kind is `event`.",
    )
    reviewer = serializers.CharField(
        source="reviewer.username", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = Contradiction
        fields = [
            "id",
            "kind",
            "status",
            "score",
            "topic",
            "explanation",
            "phrase_a",
            "phrase_b",
            "statement_a",
            "statement_b",
            "event",
            "reviewer",
            "reviewed_at",
            "note",
            "detected_at",
            "updated_at",
        ]
        read_only_fields = fields


class ContradictionReviewSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


WEBHOOK_EVENTS = Webhook.Event.values


class WebhookSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=Webhook.Event.choices),
        allow_empty=False,
        help_text="Which events to receive.",
    )

    class Meta:
        model = Webhook
        fields = ["id", "url", "events", "is_active", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class WebhookCreatedSerializer(WebhookSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="Signs every delivery (HMAC-SHA256). Shown only now; store it.",
    )

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]


class WebhookAttemptSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    status_code = serializers.IntegerField(allow_null=True)
    response_snippet = serializers.CharField()
    error = serializers.CharField()
    duration_ms = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class WebhookDeliverySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    event = serializers.CharField()
    status = serializers.CharField()
    attempts = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    payload = serializers.JSONField()
    log = WebhookAttemptSerializer(many=True)


class DeletionSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="object_id", help_text="The deleted row's id.")
    slug = serializers.CharField(
        allow_null=True, help_text="The deleted row's slug (actors, topics and events)."
    )

    class Meta:
        model = Deletion
        fields = ["resource", "id", "slug", "deleted_at"]
        read_only_fields = fields
