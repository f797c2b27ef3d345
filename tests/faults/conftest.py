import pytest
from django.conf import settings


@pytest.fixture
def catalogue(transactional_db):
    from statements.services import actors_load_catalogue, topics_load_catalogue

    actors_load_catalogue(path=settings.GAINSAY_ACTOR_CATALOGUE)
    topics_load_catalogue(path=settings.GAINSAY_TOPIC_CATALOGUE)
