# Imports live inside the fixtures so the pure packages (extraction, detection) can be
# tested without Django: `pytest tests/statements/extraction -p no:django`.
import pytest


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def editor(db):
    from tests.factories import EditorFactory

    return EditorFactory(username="editor")


@pytest.fixture
def reader(db):
    from tests.factories import UserFactory

    return UserFactory(username="reader")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def editor_api_client(api_client, editor):
    api_client.force_authenticate(editor)
    return api_client
