"""API shapes for events and contradictions, and the review decision."""

from rest_framework import serializers

from statements.models import Actor, Contradiction, Event, Topic
from statements.serializers.fields import SlugRefField
from statements.serializers.statements import StatementEmbedSerializer
from statements.serializers.topics import TopicRefSerializer


class EventSerializer(serializers.ModelSerializer):
    topic = SlugRefField(
        slug_field="slug",
        queryset=Topic.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the topic whose stance the event bears out.",
    )
    actors = SlugRefField(
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
