"""API shapes for topics and their propositions."""

from rest_framework import serializers

from statements.models import Proposition, Topic


class TopicRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "slug", "name"]


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
