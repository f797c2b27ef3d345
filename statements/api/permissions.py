from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated

from statements.models import ApiToken
from statements.permissions import IsEditorOrReadOnly


class TokenScope(BasePermission):
    """A read-scoped API token may only read, whatever its user may do in the browser."""

    message = "This API token has read scope; writing needs a read-write token."

    def has_permission(self, request, view):
        token = request.auth
        if isinstance(token, ApiToken) and request.method not in SAFE_METHODS:
            return token.scope == ApiToken.Scope.READ_WRITE
        return True


class CanReviewOrReadOnly(IsEditorOrReadOnly):
    """Confirming or dismissing a contradiction changes it, so POST needs `change`, not `add`."""

    perms_map = {**IsEditorOrReadOnly.perms_map, "POST": ["%(app_label)s.change_%(model_name)s"]}


class IsOwner(BasePermission):
    """Webhooks: any signed-in client manages its own; others' are not found (see get_queryset)."""

    def has_object_permission(self, request, view, obj):
        return obj.owner_id == request.user.pk


OWNER_PERMISSIONS = [TokenScope, IsAuthenticated, IsOwner]
