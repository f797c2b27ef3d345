"""A database outage answers 503 with a short page or JSON, never a 500 with a traceback.

Nothing here touches the database: the response is built from a constant string. The
connection recovers by itself once the database is back (CONN_HEALTH_CHECKS).
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = "30"
MESSAGE = "The database is unavailable for a moment. Please try again shortly."
PAGE = (
    "<!doctype html><html lang=en><head><meta charset=utf-8>"
    "<title>Service unavailable</title></head><body><h1>Service unavailable</h1>"
    f"<p>{MESSAGE}</p></body></html>"
)


def database_unavailable_response(request) -> HttpResponse:
    wants_json = request.path.startswith("/api/") or "json" in request.headers.get("Accept", "")
    if wants_json:
        response = JsonResponse({"detail": MESSAGE}, status=503)
    else:
        response = HttpResponse(PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection raised by a view into a clean 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning("Database unavailable for %s: %s", request.path, exception)
            return database_unavailable_response(request)
        return None


def server_error(request):
    """handler500: also a 503 when the error came from a middleware, not a view.

    Django converts an exception raised inside another middleware (a session or user
    lookup) into a 500 before DatabaseUnavailableMiddleware can see it; this handler is
    called while that exception is being handled.
    """
    if isinstance(sys.exception(), DATABASE_ERRORS):
        return database_unavailable_response(request)
    return django_server_error(request)
