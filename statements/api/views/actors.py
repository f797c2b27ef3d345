"""API views for actors: reads for all, writes (aliases and roles too) for editors."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from statements import services
from statements.api.errors import service_errors_as_400
from statements.api.filters import ActorFilter
from statements.api.renderers import ReadFormatsOnly
from statements.api.views.common import (
    FILTER_BACKENDS,
    LIST_RENDERERS,
    SLUG_LOOKUP_REGEX,
    NoDeleteModelViewSet,
)
from statements.selectors import api as selectors
from statements.serializers import ActorSerializer, ActorWriteSerializer


@extend_schema_view(
    create=extend_schema(request=ActorWriteSerializer, responses={201: ActorSerializer}),
    update=extend_schema(request=ActorWriteSerializer, responses=ActorSerializer),
    partial_update=extend_schema(request=ActorWriteSerializer, responses=ActorSerializer),
)
class ActorViewSet(ReadFormatsOnly, NoDeleteModelViewSet):
    """Actors with their aliases and roles. Looked up by slug: `/actors/<slug>/`.

    Editors write aliases and roles with the actor: each list, when sent, replaces the
    actor's; every change is kept in history and moves the actor's `updated_at`.
    """

    renderer_classes = LIST_RENDERERS
    ordering = ["name"]
    serializer_class = ActorSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_LOOKUP_REGEX
    filter_backends = FILTER_BACKENDS
    filterset_class = ActorFilter
    ordering_fields = ["name", "kind", "created_at", "updated_at", "id"]

    def get_queryset(self):
        return selectors.actor_list()

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return ActorWriteSerializer
        return ActorSerializer

    def _render(self, actor, status_code=status.HTTP_200_OK):
        actor = self.get_queryset().get(pk=actor.pk)
        return Response(ActorSerializer(actor).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors_as_400():
            actor = services.actor_create(**serializer.validated_data, user=request.user)
        return self._render(actor, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        actor = self.get_object()
        serializer = self.get_serializer(
            actor, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        with service_errors_as_400():
            actor = services.actor_update(
                actor=actor, **serializer.validated_data, user=request.user
            )
        return self._render(actor)
