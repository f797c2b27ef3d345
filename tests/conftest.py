import pytest
from rest_framework.test import APIClient

from tests.factories import EditorFactory, UserFactory


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def editor(db):
    return EditorFactory(username="editor")


@pytest.fixture
def reader(db):
    return UserFactory(username="reader")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def editor_api_client(api_client, editor):
    api_client.force_authenticate(editor)
    return api_client
