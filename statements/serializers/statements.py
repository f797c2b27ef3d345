"""API shapes for statements: reads embed actor, topic and article; writes name them.

Writes are handed to the statement services, which own every rule about what a
statement may be.
"""

from rest_framework import serializers

from sources.models import Article
from sources.serializers import ArticleRefSerializer
from statements.models import Actor, Statement, StatementAppearance, Topic
from statements.serializers.actors import ActorRefSerializer
from statements.serializers.fields import SlugRefField
from statements.serializers.topics import TopicRefSerializer

PROVENANCE_FIELDS = ("article", "content_start", "content_end")


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
    actor = SlugRefField(
        slug_field="slug", queryset=Actor.objects.all(), required=False, allow_null=True
    )
    topic = SlugRefField(
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
