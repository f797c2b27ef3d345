from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly


class IsEditorOrReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone may read; writing needs the model permission (held by the editors group).

    With GAINSAY_ANONYMOUS_READ off, reading needs a login too (any user).
    """

    @property
    def authenticated_users_only(self):
        # Read per request, not at import, so the setting can change without a restart
        # of the class (and tests can override it).
        return not settings.GAINSAY_ANONYMOUS_READ

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            # Reading needs no model permission (the map is empty for safe methods), so
            # the view's queryset is not built just to learn its model: that cost a
            # noticeable share of a list page.
            return bool(
                request.user
                and (request.user.is_authenticated or not self.authenticated_users_only)
            )
        return super().has_permission(request, view)
