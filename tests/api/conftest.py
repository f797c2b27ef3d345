import pytest


@pytest.fixture
def token_client():
    """An API client authenticated with a fresh ApiToken: token_client(user, scope)."""
    from rest_framework.test import APIClient

    from statements.services.tokens import api_token_create

    def make(user, scope="read_write"):
        _, key = api_token_create(user=user, name=f"{user.username}-{scope}", scope=scope)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        client.key = key
        return client

    return make


@pytest.fixture
def admin_user(db):
    from tests.factories import UserFactory

    user = UserFactory(username="admin")
    user.is_staff = user.is_superuser = True
    user.save()
    return user
