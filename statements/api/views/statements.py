"""API views for statements: lists, details, editor writes and corrections."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from statements import services
from statements.api.errors import service_errors_as_400
from statements.api.filters import StatementFilter
from statements.api.renderers import JsonLdRenderer, ReadFormatsOnly
from statements.api.views.common import (
    FILTER_BACKENDS,
    LIST_RENDERERS,
    NoDeleteModelViewSet,
    fast_list,
)
from statements.selectors import api as selectors
from statements.selectors import api_rows
from statements.serializers import (
    StatementDetailSerializer,
    StatementListItemSerializer,
    StatementSerializer,
    StatementUpdateSerializer,
    StatementWriteSerializer,
)

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
