"""Test settings: what pytest runs under (fast hashing, in-memory cache, static manifest off)."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHE_KEY_PREFIX, REDIS_PAGES_URL, REDIS_URL, STORAGES, redis_cache

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the finders: tests need no collectstatic run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# One content-version file per test process, never the checkout's.
PAGE_CACHE_VERSION_FILE = str(Path(tempfile.gettempdir()) / f"careerpath-test-content-version-{os.getpid()}")

# Under pytest-xdist (make test runs one worker per core) every worker empties its caches around each
# test, so each worker gets a Redis database of its own: REDIS_URL's number minus the worker's (gw0
# keeps it). The environment is changed too, so the live sites a worker starts use that database.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _WORKER.startswith("gw") and not REDIS_PAGES_URL:
    _parts = urlsplit(REDIS_URL)
    _number = int(_parts.path.strip("/") or 0) - int(_WORKER[2:])
    if _number < 0:
        raise ImproperlyConfigured(f"REDIS_URL's database number leaves no Redis database for xdist worker {_WORKER}")
    REDIS_URL = urlunsplit(_parts._replace(path=f"/{_number}"))
    os.environ["REDIS_URL"] = REDIS_URL
    os.environ.pop("CACHE_URL", None)
    CACHES = {
        "default": redis_cache(REDIS_URL, CACHE_KEY_PREFIX),
        "pages": redis_cache(REDIS_URL, f"{CACHE_KEY_PREFIX}-pages"),
    }
