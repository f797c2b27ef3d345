"""API views for the events editors record."""

from rest_framework import viewsets

from statements.api.errors import service_errors_as_400
from statements.api.filters import EventFilter
from statements.api.renderers import ReadFormatsOnly
from statements.api.views.common import FILTER_BACKENDS, LIST_RENDERERS, SLUG_LOOKUP_REGEX
from statements.selectors import api as selectors
from statements.serializers import EventSerializer
from statements.services import events as event_services


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
