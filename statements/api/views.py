"""API views for actors, topics, statements and contradictions.

Views parse the request, call a selector (reads) or a service (writes) and render.
"""

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from statements import services
from statements.api.errors import service_errors_as_400
from statements.api.filters import (
    ActorFilter,
    ContradictionFilter,
    EventFilter,
    FilterBackend,
    StatementFilter,
    StrictOrderingFilter,
    TopicFilter,
    WebhookFilter,
)
from statements.api.permissions import OWNER_PERMISSIONS, CanReviewOrReadOnly, TokenScope
from statements.api.renderers import (
    ContradictionJsonLdRenderer,
    CsvRenderer,
    JsonLdRenderer,
    OrjsonRenderer,
    ReadFormatsOnly,
)
from statements.models import Contradiction
from statements.selectors import api as selectors
from statements.selectors import api_rows
from statements.serializers import (
    ActorSerializer,
    ActorWriteSerializer,
    ContradictionReviewSerializer,
    ContradictionSerializer,
    EventSerializer,
    StatementDetailSerializer,
    StatementListItemSerializer,
    StatementSerializer,
    StatementUpdateSerializer,
    StatementWriteSerializer,
    TopicSerializer,
    WebhookCreatedSerializer,
    WebhookDeliverySerializer,
    WebhookSerializer,
)
from statements.services import events as event_services
from statements.webhooks import services as webhook_services

FILTER_BACKENDS = [FilterBackend, StrictOrderingFilter]
# JSON for everyone; CSV of any list (`?format=csv`). The browsable API stays for humans.
LIST_RENDERERS = [OrjsonRenderer, CsvRenderer]
# What a SlugField admits. The router's default ([^/.]+) lets a NUL byte through to the
# query, which PostgreSQL refuses with an error (a 500); anything else is a plain 404.
SLUG_LOOKUP_REGEX = r"[-a-zA-Z0-9_]+"


def fast_list(view, shape, build=None):
    """A list page from plain rows (the view's list queryset comes from
    statements.selectors.api_rows): same JSON, a fraction of the cost of model instances
    and serializers."""
    page = view.paginate_queryset(view.filter_queryset(view.get_queryset()))
    rows = build(page) if build else api_rows.rows_shape(page, shape)
    return view.get_paginated_response(rows)


class NoDeleteModelViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Deleting stays with administrators (editors hold no delete permission)."""


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


class TopicViewSet(ReadFormatsOnly, NoDeleteModelViewSet):
    """Topics, the two opposing stances tracked on each, and their propositions. By slug."""

    renderer_classes = LIST_RENDERERS
    ordering = ["name"]
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
            topic = event_services.topic_write(**serializer.validated_data, user=self.request.user)
        serializer.instance = self.get_queryset().get(pk=topic.pk)

    def perform_update(self, serializer):
        with service_errors_as_400():
            topic = event_services.topic_write(
                topic=serializer.instance, **serializer.validated_data, user=self.request.user
            )
        serializer.instance = self.get_queryset().get(pk=topic.pk)


# What `?embed=` may add to each row of a statement list.
STATEMENT_EMBEDS = ("appearances",)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "embed",
                str,
                enum=STATEMENT_EMBEDS,
                description="`appearances`: each statement carries its appearances, as in "
                "the statement detail (one more query per page).",
            )
        ],
        responses=StatementListItemSerializer(many=True),
    ),
    create=extend_schema(
        request=StatementWriteSerializer, responses={201: StatementDetailSerializer}
    ),
    update=extend_schema(request=StatementUpdateSerializer, responses=StatementDetailSerializer),
    partial_update=extend_schema(
        request=StatementUpdateSerializer, responses=StatementDetailSerializer
    ),
)
class StatementViewSet(ReadFormatsOnly, NoDeleteModelViewSet):
    """Dated statements. Editors add them (origin `editor`) and correct them (`corrected`).

    The same words from one actor across outlets are one statement; its `appearances`
    (article, outlet, offsets, publication date and date seen) are in the detail, and in
    lists with `?embed=appearances`.

    `?format=jsonld` (or Accept: application/ld+json) gives schema.org Claims.
    """

    renderer_classes = [*LIST_RENDERERS, JsonLdRenderer]
    ordering = ["id"]
    serializer_class = StatementSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = StatementFilter
    ordering_fields = ["said_on", "created_at", "updated_at", "confidence", "id"]
    ordering_aliases = {"said_on": "said_on_sort"}

    def get_queryset(self):
        if self.action == "list":
            return api_rows.statement_rows()
        if self.action == "retrieve":
            return selectors.statement_detail()
        return selectors.statement_list()

    def list(self, request, *args, **kwargs):
        embed = request.query_params.get("embed", "")
        if embed not in ("", *STATEMENT_EMBEDS):
            raise ValidationError(
                {"embed": [f"Unknown embed {embed[:50]!r}; choose from: appearances."]}
            )
        build = api_rows.statement_rows_with_appearances if embed else None
        return fast_list(self, api_rows.STATEMENT_SHAPE, build=build)

    def get_serializer_class(self):
        if self.action == "create":
            return StatementWriteSerializer
        if self.action in ("update", "partial_update"):
            return StatementUpdateSerializer
        if self.action == "retrieve":
            return StatementDetailSerializer
        return StatementSerializer

    def _render(self, statement, status_code=status.HTTP_200_OK):
        statement = selectors.statement_detail().get(pk=statement.pk)
        return Response(StatementDetailSerializer(statement).data, status=status_code)

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


class ContradictionViewSet(ReadFormatsOnly, viewsets.ReadOnlyModelViewSet):
    """Detected contradictions, each embedding both statements (or, for kind `event`, the
    statement and the event it is held against); editors confirm or dismiss them.

    `?format=jsonld` gives each as a schema.org ItemList of the two Claims with the kind.
    """

    renderer_classes = [*LIST_RENDERERS, ContradictionJsonLdRenderer]
    ordering = ["-detected_at"]
    serializer_class = ContradictionSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = ContradictionFilter
    ordering_fields = ["detected_at", "score", "updated_at", "id"]

    def get_queryset(self):
        if self.action == "list":
            return api_rows.contradiction_rows_queryset()
        return selectors.contradiction_list()

    def list(self, request, *args, **kwargs):
        return fast_list(self, api_rows.CONTRADICTION_SHAPE, build=api_rows.contradiction_rows)

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
    @action(detail=True, methods=["post"], permission_classes=[TokenScope, CanReviewOrReadOnly])
    def confirm(self, request, pk=None):
        """Mark the contradiction confirmed, with an optional note."""
        return self._review(request, Contradiction.Status.CONFIRMED)

    @extend_schema(request=ContradictionReviewSerializer, responses=ContradictionSerializer)
    @action(detail=True, methods=["post"], permission_classes=[TokenScope, CanReviewOrReadOnly])
    def dismiss(self, request, pk=None):
        """Mark the contradiction dismissed (not a real contradiction), with an optional note."""
        return self._review(request, Contradiction.Status.DISMISSED)


class EventViewSet(ReadFormatsOnly, viewsets.ModelViewSet):
    """Events editors record, which earlier claims can be held against. By slug.

    Deleting an event keeps its history record and lists it (and the contradictions held
    against it) at `/api/v1/deletions/`.
    """

    renderer_classes = LIST_RENDERERS
    ordering = ["occurred_on"]
    serializer_class = EventSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_LOOKUP_REGEX
    filter_backends = FILTER_BACKENDS
    filterset_class = EventFilter
    ordering_fields = ["occurred_on", "created_at", "updated_at", "title", "id"]

    def get_queryset(self):
        return selectors.event_list()

    def perform_create(self, serializer):
        with service_errors_as_400():
            event = event_services.event_create(**serializer.validated_data, user=self.request.user)
        serializer.instance = self.get_queryset().get(pk=event.pk)

    def perform_update(self, serializer):
        with service_errors_as_400():
            event = event_services.event_update(
                event=serializer.instance, **serializer.validated_data, user=self.request.user
            )
        serializer.instance = self.get_queryset().get(pk=event.pk)

    def perform_destroy(self, instance):
        event_services.event_delete(event=instance, user=self.request.user)


@extend_schema_view(
    create=extend_schema(
        request=WebhookSerializer,
        responses={201: OpenApiResponse(WebhookCreatedSerializer, "Created; the secret once.")},
    ),
)
class WebhookViewSet(viewsets.ModelViewSet):
    """Your webhooks: a URL and the events it hears about. Others' webhooks are not found.

    Each delivery is a POST of JSON `{"event", "occurred_at", "contradiction"}` with the
    headers `Gainsay-Event`, `Gainsay-Delivery` and `Gainsay-Signature: t=<unix time>,v1=<hex>`
    where v1 is HMAC-SHA256 of `"<t>.<body>"` keyed with the secret shown at creation.
    Network errors and 5xx answers are retried with exponential backoff.
    """

    renderer_classes = [OrjsonRenderer]
    permission_classes = OWNER_PERMISSIONS
    serializer_class = WebhookSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = WebhookFilter
    ordering = ["id"]
    ordering_fields = ["created_at", "updated_at", "id"]

    def get_queryset(self):
        return selectors.webhook_list(owner=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors_as_400():
            webhook = webhook_services.webhook_create(
                owner=request.user, **serializer.validated_data
            )
        return Response(WebhookCreatedSerializer(webhook).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        with service_errors_as_400():
            serializer.instance = webhook_services.webhook_update(
                webhook=serializer.instance, **serializer.validated_data
            )

    def perform_destroy(self, instance):
        webhook_services.webhook_delete(webhook=instance)

    @extend_schema(responses=WebhookDeliverySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def deliveries(self, request, pk=None):
        """The latest 50 deliveries with every attempt: status code, response, error, time."""
        webhook = self.get_object()
        rows = selectors.webhook_deliveries(webhook=webhook)
        return Response(WebhookDeliverySerializer(rows, many=True).data)
