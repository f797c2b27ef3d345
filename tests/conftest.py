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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    # Serialized rollback restores the migrations' data (the editors group) from the
    # contents kept on the connection object. Playwright's sync API (browser tests) runs
    # ORM calls in other greenlet contexts, where Django opens new connection objects
    # without those contents; later tests then skip the restore and find no group.
    # Keeping the contents on the class gives every connection object the same data.
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents


@pytest.fixture
def broker_url():
    """The test Redis broker, emptied before and after: no stale messages between tests.

    For tests that start a real Celery worker (tests/support/processes.py)."""
    import redis
    from django.conf import settings

    url = settings.CELERY_BROKER_URL
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"Redis is not reachable at {url}: {exc} (make test starts it)")
    client.flushdb()
    yield url
    client.flushdb()


@pytest.fixture
def not_eager():
    """Tasks go to the broker instead of running in-process."""
    from config.celery import app as celery_app

    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True
