"""API shapes for actors, topics, statements and contradictions.

Read and write shapes are separate for statements: reads embed the actor, topic and
article; writes name them (actor and topic by slug, article by id) and are handed to
the statement services, which own every rule about what a statement may be.
"""

from rest_framework import serializers

from sources.models import Article
from sources.serializers import ArticleRefSerializer
from statements.models import Actor, ActorAlias, ActorRole, Contradiction, Statement, Topic

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
    organisation = ActorRefSerializer(read_only=True)

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
    # Aliases and roles are curated in the admin (alias uniqueness is a service concern).
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


class TopicSerializer(serializers.ModelSerializer):
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
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class StatementSerializer(serializers.ModelSerializer):
    actor = ActorRefSerializer(read_only=True)
    topic = TopicRefSerializer(read_only=True)
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
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class StatementEmbedSerializer(serializers.ModelSerializer):
    """A statement inside a contradiction: who, what, when, and where it was reported."""

    actor = ActorRefSerializer(read_only=True)
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


class ContradictionSerializer(serializers.ModelSerializer):
    topic = TopicRefSerializer(read_only=True)
    statement_a = StatementEmbedSerializer(read_only=True)
    statement_b = StatementEmbedSerializer(read_only=True)
    reviewer = serializers.CharField(source="reviewer.username", default=None, read_only=True)

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
            "reviewer",
            "reviewed_at",
            "note",
            "detected_at",
            "updated_at",
        ]
        read_only_fields = fields


class ContradictionReviewSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
