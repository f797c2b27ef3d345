from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.docs import swagger_ui_csp

# A database outage raised outside a view is a 503 too (see config/middleware.py).
handler500 = "config.middleware.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    # For readers who are not staff (the admin login refuses them), e.g. when anonymous
    # reading is off. The admin's login template is reused; no template of our own.
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            template_name="admin/login.html",
            extra_context={"site_header": "Gainsay", "site_title": "Gainsay", "title": "Log in"},
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, not inline, so the page
    # needs no 'unsafe-inline' for scripts.
    path(
        "api/docs/",
        swagger_ui_csp(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="api-docs",
    ),
    path("", include("statements.urls")),
]
