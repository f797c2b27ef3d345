"""Deletions for incremental sync: what left the API's lists since a moment."""

from rest_framework import mixins, viewsets

from statements.api.filters import DeletionFilter, FilterBackend
from statements.api.pagination import DeletionCursorPagination
from statements.api.renderers import CsvRenderer, OrjsonRenderer
from statements.selectors import api as selectors
from statements.serializers import DeletionSerializer


class DeletionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Rows deleted from actors, topics, statements, contradictions, events and articles,
    oldest first.

    Incremental sync: fetch each list with `?updated_since=T` (rows created or changed)
    and this one with the same `T` (rows to drop), then remember when you started. Every
    deletion is listed however it happened (an editor, a merge of duplicates, a
    contradiction withdrawn when a correction no longer supports it, a cascade). Aliases,
    roles and propositions travel inside their actor or topic: adding, changing or
    removing one moves its parent's `updated_at`, so fetch the parent again.
    """

    renderer_classes = [OrjsonRenderer, CsvRenderer]
    serializer_class = DeletionSerializer
    pagination_class = DeletionCursorPagination
    filter_backends = [FilterBackend]
    filterset_class = DeletionFilter

    def get_queryset(self):
        return selectors.deletion_list()
