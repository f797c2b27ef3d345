"""API views for a client's own webhooks and their deliveries."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from statements.api.errors import service_errors_as_400
from statements.api.filters import WebhookFilter
from statements.api.permissions import OWNER_PERMISSIONS
from statements.api.renderers import OrjsonRenderer
from statements.api.views.common import FILTER_BACKENDS
from statements.selectors import api as selectors
from statements.serializers import (
    WebhookCreatedSerializer,
    WebhookDeliverySerializer,
    WebhookSerializer,
)
from statements.webhooks import services as webhook_services


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
