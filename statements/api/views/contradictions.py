"""API views for contradictions and their review (confirm, dismiss)."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from statements import services
from statements.api.errors import service_errors_as_400
from statements.api.filters import ContradictionFilter
from statements.api.permissions import CanReviewOrReadOnly, TokenScope
from statements.api.renderers import ContradictionJsonLdRenderer, ReadFormatsOnly
from statements.api.views.common import FILTER_BACKENDS, LIST_RENDERERS, fast_list
from statements.models import Contradiction
from statements.selectors import api as selectors
from statements.selectors import api_rows
from statements.serializers import ContradictionReviewSerializer, ContradictionSerializer


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
