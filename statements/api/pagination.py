from base64 import b64decode

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class UpdatedCursorPagination(CursorPagination):
    """Cursor pages: constant cost however deep a client pages, and stable while rows change.

    No total count (counting a million rows costs more than the page). The position is the
    first ordering field (every orderable field is non-null); ties are stepped over with
    the id the ordering filter always appends.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-id"
    invalid_cursor_message = "Invalid cursor: use the `next` or `previous` link as given."

    def _refuse(self):
        # DRF answers 404 for a garbled cursor (or a 500 for a forged position); it is a bad
        # parameter, so a 400.
        return ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            # Strict base64: DRF's lenient decoding turns "%" into an empty, valid cursor.
            b64decode(encoded.encode("ascii"), validate=True)
            cursor = super().decode_cursor(request)
        except (ValueError, TypeError, UnicodeError, NotFound) as exc:
            raise self._refuse() from exc
        if cursor.position is not None and "\x00" in cursor.position:
            raise self._refuse()
        return cursor

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (DjangoValidationError, ValueError, TypeError) as exc:
            # A position that does not fit the ordering field's type.
            raise self._refuse() from exc

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and not (raw.isdigit() and int(raw) >= 1):
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return super().get_page_size(request)


class DeletionCursorPagination(UpdatedCursorPagination):
    """Deletions oldest first, so a client resumes where its last sync stopped."""

    ordering = ("deleted_at", "key")
