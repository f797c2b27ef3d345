"""API views for actors, topics, statements and contradictions.

Views parse the request, call a selector (reads) or a service (writes) and render.
"""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from statements import services
from statements.api.errors import service_errors_as_400
from statements.api.filters import (
    ActorFilter,
    ContradictionFilter,
    StatementFilter,
    StrictOrderingFilter,
    TopicFilter,
)
from statements.api.permissions import CanReviewOrReadOnly
from statements.models import Contradiction
from statements.selectors import api as selectors
from statements.serializers import (
    ActorSerializer,
    ContradictionReviewSerializer,
    ContradictionSerializer,
    StatementSerializer,
    StatementUpdateSerializer,
    StatementWriteSerializer,
    TopicSerializer,
)

FILTER_BACKENDS = [DjangoFilterBackend, StrictOrderingFilter]
# What a SlugField admits. The router's default ([^/.]+) lets a NUL byte through to the
# query, which PostgreSQL refuses with an error (a 500); anything else is a plain 404.
SLUG_LOOKUP_REGEX = r"[-a-zA-Z0-9_]+"


class NoDeleteModelViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Deleting stays with administrators (editors hold no delete permission)."""


class ActorViewSet(NoDeleteModelViewSet):
    """Actors with their aliases and roles. Looked up by slug: `/actors/<slug>/`."""

    serializer_class = ActorSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_LOOKUP_REGEX
    filter_backends = FILTER_BACKENDS
    filterset_class = ActorFilter
    ordering_fields = ["name", "kind", "created_at", "updated_at", "id"]

    def get_queryset(self):
        return selectors.actor_list()

    def perform_create(self, serializer):
        with service_errors_as_400():
            serializer.instance = services.actor_create(
                **serializer.validated_data, user=self.request.user
            )

    def perform_update(self, serializer):
        with service_errors_as_400():
            serializer.instance = services.actor_update(
                actor=serializer.instance, **serializer.validated_data, user=self.request.user
            )


class TopicViewSet(NoDeleteModelViewSet):
    """Topics and the two opposing stances tracked on each. Looked up by slug."""

    serializer_class = TopicSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_LOOKUP_REGEX
    filter_backends = FILTER_BACKENDS
    filterset_class = TopicFilter
    ordering_fields = ["name", "created_at", "updated_at", "id"]

    def get_queryset(self):
        return selectors.topic_list()

    def perform_create(self, serializer):
        with service_errors_as_400():
            serializer.instance = services.topic_create(
                **serializer.validated_data, user=self.request.user
            )

    def perform_update(self, serializer):
        with service_errors_as_400():
            serializer.instance = services.topic_update(
                topic=serializer.instance, **serializer.validated_data, user=self.request.user
            )


@extend_schema_view(
    create=extend_schema(request=StatementWriteSerializer, responses={201: StatementSerializer}),
    update=extend_schema(request=StatementUpdateSerializer, responses=StatementSerializer),
    partial_update=extend_schema(request=StatementUpdateSerializer, responses=StatementSerializer),
)
class StatementViewSet(NoDeleteModelViewSet):
    """Dated statements. Editors add them (origin `editor`) and correct them (`corrected`)."""

    serializer_class = StatementSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = StatementFilter
    ordering_fields = ["said_on", "created_at", "updated_at", "confidence", "id"]

    def get_queryset(self):
        return selectors.statement_list()

    def get_serializer_class(self):
        if self.action == "create":
            return StatementWriteSerializer
        if self.action in ("update", "partial_update"):
            return StatementUpdateSerializer
        return StatementSerializer

    def _render(self, statement, status_code=status.HTTP_200_OK):
        statement = self.get_queryset().get(pk=statement.pk)
        return Response(StatementSerializer(statement).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors_as_400():
            statement = services.statement_create(
                **serializer.validated_data, origin="editor", user=request.user
            )
        return self._render(statement, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        statement = self.get_object()
        serializer = self.get_serializer(
            statement, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        with service_errors_as_400():
            statement = services.statement_update(
                statement=statement, user=request.user, **serializer.validated_data
            )
        return self._render(statement)


class ContradictionViewSet(viewsets.ReadOnlyModelViewSet):
    """Detected contradictions, each embedding both statements; editors confirm or dismiss."""

    serializer_class = ContradictionSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = ContradictionFilter
    ordering_fields = ["detected_at", "score", "updated_at", "id"]

    def get_queryset(self):
        return selectors.contradiction_list()

    def _review(self, request, new_status):
        contradiction = self.get_object()
        serializer = ContradictionReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors_as_400():
            contradiction = services.contradiction_review(
                contradiction=contradiction,
                status=new_status,
                user=request.user,
                note=serializer.validated_data["note"],
            )
        contradiction = self.get_queryset().get(pk=contradiction.pk)
        return Response(ContradictionSerializer(contradiction).data)

    @extend_schema(request=ContradictionReviewSerializer, responses=ContradictionSerializer)
    @action(detail=True, methods=["post"], permission_classes=[CanReviewOrReadOnly])
    def confirm(self, request, pk=None):
        """Mark the contradiction confirmed, with an optional note."""
        return self._review(request, Contradiction.Status.CONFIRMED)

    @extend_schema(request=ContradictionReviewSerializer, responses=ContradictionSerializer)
    @action(detail=True, methods=["post"], permission_classes=[CanReviewOrReadOnly])
    def dismiss(self, request, pk=None):
        """Mark the contradiction dismissed (not a real contradiction), with an optional note."""
        return self._review(request, Contradiction.Status.DISMISSED)
