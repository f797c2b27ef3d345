from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler


@contextmanager
def service_errors_as_400():
    """Services refuse bad input with Django's ValidationError; the client gets a 400 with it."""
    try:
        yield
    except DjangoValidationError as exc:
        raise ValidationError(as_serializer_error(exc)) from exc


def exception_handler(exc, context):
    """DRF's handler, with errors always in JSON: a client that asked for CSV or JSON-LD
    gets a 400 or 404 it can read (and the OpenAPI document promises), not a CSV of it."""
    from statements.api.renderers import CsvRenderer, JsonLdRenderer, OrjsonRenderer

    response = drf_exception_handler(exc, context)
    request = context.get("request")
    accepted = getattr(request, "accepted_renderer", None)
    if response is not None and isinstance(accepted, (CsvRenderer, JsonLdRenderer)):
        request.accepted_renderer = OrjsonRenderer()
        request.accepted_media_type = OrjsonRenderer.media_type
    return response
