"""Tests run against the real PostgreSQL and Redis (see Makefile); SQLite only when asked."""

import os

from .base import *  # noqa: F403
from .base import env_bool, redis_caches

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
DATABASES = {  # noqa: F405
    "default": dj_database_url.parse(  # noqa: F405
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test"),
        # The fault tests run the web server with persistent connections, as deployed.
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Unit tests run tasks in-process; the worker tests start a real Celery worker on Redis
# with GAINSAY_EAGER=0 and point it at the test database through DATABASE_URL.
CELERY_BROKER_URL = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
CELERY_TASK_ALWAYS_EAGER = env_bool("GAINSAY_EAGER", default=True)
# Static files are served from the app directories here; there is no collectstatic root.
STATIC_ROOT = None
# Throttling is on, as in production, but at rates no ordinary test reaches; the
# throttling tests lower a rate themselves. Counts live in this process's memory.
REST_FRAMEWORK = {  # noqa: F405
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min", "ingest": "100000/min"},
}
# Per-process memory, unless a test runs the app on a Redis cache of its own.
if os.environ.get("TEST_CACHE_URL"):
    CACHES = redis_caches(os.environ["TEST_CACHE_URL"])
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests classify by cue phrases alone, whether or not the optional embedding model is
# installed; the similarity tests switch it on themselves.
GAINSAY_EMBEDDINGS = env_bool("GAINSAY_EMBEDDINGS", default=False)
