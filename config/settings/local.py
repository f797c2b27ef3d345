"""Developer defaults: `make run` works with nothing configured."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", default=True)
# A fixed key is fine here: local settings are never deployed (production demands one).
SECRET_KEY = SECRET_KEY or "local-development-only-not-secret"  # noqa: F405  # noqa: S105
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files are served from the app directories here; there is no collectstatic root.
STATIC_ROOT = None
