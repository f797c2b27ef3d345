from django.conf import settings
from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly


class IsEditorOrReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone may read; writing needs the model permission (held by the editors group).

    With GAINSAY_ANONYMOUS_READ off, reading needs a login too (any user).
    """

    @property
    def authenticated_users_only(self):
        # Read per request, not at import, so the setting can change without a restart
        # of the class (and tests can override it).
        return not settings.GAINSAY_ANONYMOUS_READ
