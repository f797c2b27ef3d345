from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError
from rest_framework.serializers import as_serializer_error


@contextmanager
def service_errors_as_400():
    """Services refuse bad input with Django's ValidationError; the client gets a 400 with it."""
    try:
        yield
    except DjangoValidationError as exc:
        raise ValidationError(as_serializer_error(exc)) from exc
