"""Every form and every session-authenticated API write refuses a request without a CSRF token."""

import pytest
from django.test import Client
from django.urls import reverse

from statements.models import Actor, Contradiction
from tests.factories import ContradictionFactory, EditorFactory


@pytest.fixture
def csrf_client(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(EditorFactory(username="csrf-editor", is_superuser=True))
    return client


def test_the_dashboard_review_form_refuses_a_post_without_a_token(csrf_client):
    contradiction = ContradictionFactory()
    url = reverse("statements:contradiction_detail", args=[contradiction.pk])

    response = csrf_client.post(url, {"status": "confirmed", "note": "forged"})

    assert response.status_code == 403
    contradiction.refresh_from_db()
    assert contradiction.status == Contradiction.Status.DETECTED


def test_the_same_form_accepts_the_token_from_its_page(csrf_client):
    contradiction = ContradictionFactory()
    url = reverse("statements:contradiction_detail", args=[contradiction.pk])
    csrf_client.get(url)
    token = csrf_client.cookies["csrftoken"].value

    response = csrf_client.post(
        url, {"status": "confirmed", "note": "ok", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    contradiction.refresh_from_db()
    assert contradiction.status == Contradiction.Status.CONFIRMED


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_login_forms_refuse_a_post_without_a_token(db, path):
    response = Client(enforce_csrf_checks=True).post(path, {"username": "x", "password": "y"})

    assert response.status_code == 403


def test_admin_change_forms_refuse_a_post_without_a_token(csrf_client):
    response = csrf_client.post(
        "/admin/statements/actor/add/", {"name": "Forged", "slug": "forged", "kind": "person"}
    )

    assert response.status_code == 403
    assert not Actor.objects.filter(slug="forged").exists()


def test_session_authenticated_api_writes_refuse_a_request_without_a_token(csrf_client):
    response = csrf_client.post(
        "/api/v1/actors/",
        {"name": "Forged", "slug": "forged"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Actor.objects.filter(slug="forged").exists()
