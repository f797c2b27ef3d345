"""API shapes for actors, their aliases and their dated roles."""

from rest_framework import serializers

from statements.models import Actor, ActorAlias, ActorRole
from statements.serializers.fields import SlugRefField


class ActorRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
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
    parent = SlugRefField(
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
    organisation = SlugRefField(
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
