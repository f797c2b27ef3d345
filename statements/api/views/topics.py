"""API views for topics and their propositions."""

from statements.api.errors import service_errors_as_400
from statements.api.filters import TopicFilter
from statements.api.renderers import ReadFormatsOnly
from statements.api.views.common import (
    FILTER_BACKENDS,
    LIST_RENDERERS,
    SLUG_LOOKUP_REGEX,
    NoDeleteModelViewSet,
)
from statements.selectors import api as selectors
from statements.serializers import TopicSerializer
from statements.services import events as event_services


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
