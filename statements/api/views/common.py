"""What the API view sets share: filter backends, list renderers, the slug pattern."""

from rest_framework import mixins, viewsets

from statements.api.filters import FilterBackend, StrictOrderingFilter
from statements.api.renderers import CsvRenderer, OrjsonRenderer
from statements.selectors import api_rows

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
