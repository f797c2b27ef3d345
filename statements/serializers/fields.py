"""Fields the API shapes share."""

import re

from rest_framework import serializers

# What a SlugField admits (the same pattern the routers use for lookups).
SLUG_PATTERN = re.compile(r"[-a-zA-Z0-9_]+")


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
        if isinstance(data, str) and not SLUG_PATTERN.fullmatch(data):
            self.fail("not_a_slug")
        return super().to_internal_value(data)
