import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Throttle counts live in the cache; each test starts from zero and leaves none behind.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
