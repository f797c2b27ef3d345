"""API shape of a deletion record, for clients that mirror the data."""

from rest_framework import serializers

from statements.models import Deletion


class DeletionSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="object_id", help_text="The deleted row's id.")
    slug = serializers.CharField(
        allow_null=True, help_text="The deleted row's slug (actors, topics and events)."
    )

    class Meta:
        model = Deletion
        fields = ["resource", "id", "slug", "deleted_at"]
        read_only_fields = fields
