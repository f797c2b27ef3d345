import pytest
import redis
from django.conf import settings

from config.celery import app as celery_app


@pytest.fixture
def broker_url():
    url = settings.CELERY_BROKER_URL
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"Redis is not reachable at {url}: {exc} (make test starts it)")
    client.flushdb()  # no stale messages from earlier runs
    yield url
    client.flushdb()


@pytest.fixture
def not_eager():
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


@pytest.fixture
def catalogue(transactional_db):
    from statements.services import actors_load_catalogue, topics_load_catalogue

    actors_load_catalogue(path=settings.GAINSAY_ACTOR_CATALOGUE)
    topics_load_catalogue(path=settings.GAINSAY_TOPIC_CATALOGUE)
