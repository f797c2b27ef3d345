"""A lost database connection raised outside a view (in a middleware) is a 503 too."""

import pytest
from django.db import OperationalError

from config.middleware import server_error


def _handled(exc, request):
    # Django calls handler500 while the exception is being handled; do the same.
    try:
        raise exc
    except Exception:  # noqa: BLE001
        return server_error(request)


def test_a_database_error_reaching_handler500_is_a_clean_503(rf):
    response = _handled(OperationalError("connection refused"), rf.get("/api/v1/statements/"))

    assert response.status_code == 503
    assert response["Retry-After"]
    assert b"database is unavailable" in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_any_other_error_stays_a_500(rf):
    response = _handled(ZeroDivisionError("bug"), rf.get("/"))

    assert response.status_code == 500
