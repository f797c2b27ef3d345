"""Who may see the dashboard when anonymous reading is switched off.

The API enforces the same setting through its permission class
(statements.permissions.IsEditorOrReadOnly); this covers the server-rendered pages.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

# URL namespaces that belong to the dashboard. The admin, the API and the login page
# have their own access rules and are left alone.
DASHBOARD_NAMESPACES = {"statements"}


class AnonymousReadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.GAINSAY_ANONYMOUS_READ or request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and DASHBOARD_NAMESPACES.intersection(match.namespaces):
            return redirect_to_login(request.get_full_path())
        return None
