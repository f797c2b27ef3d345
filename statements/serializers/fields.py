"""Fields the API shapes share."""

from django.core.validators import slug_re
from rest_framework import serializers


class SlugRefField(serializers.SlugRelatedField):
    """A reference to a row by its slug.

    A value no slug could be (a NUL byte, a lone surrogate, spaces) is refused
    without a query: PostgreSQL rejects a NUL in a text parameter with an
    error, which would otherwise surface as a 500.
    """

    default_error_messages = {
        **serializers.SlugRelatedField.default_error_messages,
        "not_a_slug": "Not a slug: use only letters, digits, hyphens and underscores.",
    }

    def to_internal_value(self, data):
        if isinstance(data, str) and not slug_re.match(data):
            self.fail("not_a_slug")
        return super().to_internal_value(data)
