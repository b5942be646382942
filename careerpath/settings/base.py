"""Settings shared by every environment; each environment module imports and adjusts these."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from careerpath.proxy import DEFAULT_TRUSTED_PROXIES

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list of non-empty, stripped items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    """A yes/no environment variable: 1, true, yes or on (any case) mean yes."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before django.contrib.auth: its createsuperuser here refuses passwords the admin would refuse.
    "accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "reversion",
    "import_export",
    # Highest layer first; each may import those below it, never above (README: Layout).
    "careerpath",  # the site: settings, URLs, site-wide views, middleware, the page cache, checks
    "programs",  # education: paths, programs, the directory and checklist
    "certifications",  # credentials: bodies, certifications, routes, accreditors, the eligibility checker
    "careers",  # career paths: occupations, wages, projections, career steps
    "content",  # what every app cites: sources, statements, the content signal and memo, CSV imports
]

MIDDLEWARE = [
    # Before anything reads the request: forwarded headers from anyone but our own proxies are dropped.
    "careerpath.proxy.TrustedProxyMiddleware",
    # The security headers, each from one middleware that runs once per response. Above everything that
    # answers or may fail (whitenoise, the page cache, a view), so static files, cached pages, 304s and
    # 500s all pass back through them. SecurityMiddleware also redirects http to https first.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "careerpath.middleware.PolicyHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what the layers below answer, a cached page included (Vary: Accept-Encoding).
    "django.middleware.gzip.GZipMiddleware",
    # ETags and 304s for every page, cached or fresh (on the uncompressed body: below GZip, as Django advises).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Whole pages for anonymous visitors (careerpath/page_cache.py): a stored page is answered before the
    # layers below and the view run. Below the session, which tells a signed-in editor apart.
    "careerpath.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A browser that signs in gets its device cookie (accounts/signin.py): a username lock spares it.
    "accounts.signin.issue_device_cookie",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careerpath.urls"
WSGI_APPLICATION = "careerpath.wsgi.application"

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
                "careerpath.context_processors.site",
            ],
        },
    },
]

# An empty DATABASE_URL (as .env.example leaves it) means the SQLite file in the checkout.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
        # A connection kept between requests is checked before use, so a database restart costs no 500.
        conn_health_checks=True,
    )
}
# No request waits on the database for good. PostgreSQL: connecting gives up after
# DATABASE_CONNECT_TIMEOUT seconds and any one statement after DATABASE_STATEMENT_TIMEOUT; the visitor
# then gets the site's 503 page (careerpath/errors.py) and the worker is free again. SQLite: the
# write-ahead log lets pages be read while an editor's import writes, and writers queue for the write
# lock from the start of their transaction (IMMEDIATE) for up to SQLITE_BUSY_TIMEOUT seconds (longer than
# the longest admin write, a 5,000-row import, and shorter than gunicorn's 30-second worker timeout)
# instead of failing at once with "database is locked".
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT") or "3")
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DJANGO_DB_STATEMENT_TIMEOUT") or "20")
SQLITE_BUSY_TIMEOUT = float(os.environ.get("DJANGO_SQLITE_BUSY_TIMEOUT") or "25")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=DATABASE_CONNECT_TIMEOUT,
        options=f"-c statement_timeout={int(DATABASE_STATEMENT_TIMEOUT * 1000)}",
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=SQLITE_BUSY_TIMEOUT,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )

REDIS_URL = os.environ.get("REDIS_URL", "") or os.environ.get("CACHE_URL", "")
# Cached pages may live on a Redis instance of their own, capped and evicting least-recently-used
# keys (maxmemory-policy allkeys-lru); unset, they share REDIS_URL's instance under their own prefix.
REDIS_PAGES_URL = os.environ.get("REDIS_PAGES_URL", "").strip()
CACHE_KEY_PREFIX = os.environ.get("DJANGO_CACHE_KEY_PREFIX", "careerpath")
# No request waits longer than this on Redis (connecting, or reading an answer), so an outage costs
# one short wait, then the page cache is skipped for PAGE_CACHE_RETRY_SECONDS (pages render afresh).
CACHE_SOCKET_TIMEOUT = float(os.environ.get("DJANGO_CACHE_SOCKET_TIMEOUT") or "0.25")


def redis_cache(location, key_prefix):
    """A Django RedisCache with short connect and read timeouts."""
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": key_prefix,
        "TIMEOUT": int(os.environ.get("DJANGO_CACHE_TIMEOUT", "300")),
        "OPTIONS": {
            "socket_connect_timeout": CACHE_SOCKET_TIMEOUT,
            "socket_timeout": CACHE_SOCKET_TIMEOUT,
        },
    }


if REDIS_URL:
    CACHES = {
        # The content version and anything else that must not be evicted.
        "default": redis_cache(REDIS_URL, CACHE_KEY_PREFIX),
        # Whole pages: evictable, every key with a timeout.
        "pages": redis_cache(REDIS_PAGES_URL or REDIS_URL, f"{CACHE_KEY_PREFIX}-pages"),
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "careerpath",
        },
        # Each worker's own page store: at most this many pages, the least recently used culled first.
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "careerpath-pages",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_PAGE_CACHE_MAX_ENTRIES") or "500")},
        },
    }

# Sessions (editors only) live in the database alone: a Redis outage or eviction never signs an editor
# out, and a signed-out session can never come back from a stale cached copy.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# How many instances (machines or gunicorn masters) serve the site: more than one needs REDIS_URL,
# and `manage.py check --deploy` says so when it is missing.
DEPLOYMENT_INSTANCES = int(os.environ.get("DJANGO_INSTANCES", "1") or "1")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The admin is the only thing behind a login: staff sign in again after a working day.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# We ship no JavaScript, so no script ever needs to read the CSRF cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Admin brute-force protection (accounts/signin.py, through django-axes): within 30 minutes,
# 5 failures for one (address, username), 30 from one address whatever the usernames, or 20 for one
# username from any addresses lock that for 30 minutes from the failure that crossed the limit;
# trying meanwhile neither counts nor extends it. The username lock is not one an attacker can aim at
# an editor: a browser that has signed in as that user keeps a signed device cookie (OWASP's device
# cookies), is not held by it, and has its own limit (5 failures lock that browser alone). Failures
# and locks are rows in the database, so every gunicorn worker and machine sees them.
# `manage.py axes_reset_ip_username ADDRESS USERNAME` (or axes_reset_ip, axes_reset_username,
# axes_reset) lifts a lock; `manage.py clean_login_attempts` forgets records older than
# SIGN_IN_RECORDS_DAYS.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
SIGN_IN_FAILURE_LIMITS = {"pair": 5, "address": 30, "username": 20, "device": 5}
SIGN_IN_DEVICE_COOKIE_NAME = "careerpath_device"
SIGN_IN_DEVICE_COOKIE_AGE = timedelta(days=365)
SIGN_IN_FAILURE_WINDOW = timedelta(minutes=30)
SIGN_IN_RECORDS_DAYS = 30
AXES_FAILURE_LIMIT = SIGN_IN_FAILURE_LIMITS["pair"]
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_HANDLER = "accounts.signin.SignInLockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_LOCKOUT_CALLABLE = "accounts.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "careerpath.proxy.client_ip"
# No "AXES: BEGIN version ..." banner from every process (each gunicorn worker, each manage.py command).
AXES_VERBOSE = False
# Forwarded headers (X-Forwarded-For, X-Forwarded-Proto, ...) are believed only from these addresses
# or networks: our own reverse proxies (careerpath/proxy.py). From anyone else they are removed, so a
# client reaching gunicorn directly cannot choose its address or scheme. gunicorn uses the same list.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", DEFAULT_TRUSTED_PROXIES)
# How many reverse proxies in front of gunicorn append to X-Forwarded-For (0: none, use the peer).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Security headers every environment sends; prod.py adds HSTS and Secure cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The site ships no JavaScript and loads nothing from another origin. data: images are the
# icons Bootstrap's CSS draws (select arrows, check marks); no script source is ever inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the site never uses, switched off for it and anything it could embed.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "camera": "()",
    "display-capture": "()",
    "encrypted-media": "()",
    "fullscreen": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "picture-in-picture": "()",
    "publickey-credentials-get": "()",
    "screen-wake-lock": "()",
    "usb": "()",
    "xr-spatial-tracking": "()",
}
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# Imports are all or nothing: a file with one bad row saves no row.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_CONFIRM = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# The uploaded file waits between preview and confirm in the database (content.csv_imports.previews),
# bound to the editor's session: the confirming request may reach another worker or machine, and no
# cache eviction can lose it. Previews expire after an hour; `manage.py clear_import_previews` removes them.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "content.csv_imports.storage.DatabasePreviewStorage"
# Exports escape formulas with the public CSVs' rule (content.csv_imports.spreadsheet), not import-export's own.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
# The admin's "due for review" list: figures whose reference period, and sources whose date seen, are older.
CAREERPATH_REVIEW_AFTER_MONTHS = int(os.environ.get("CAREERPATH_REVIEW_AFTER_MONTHS") or "18")

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", "") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Static files are ours alone: no other origin needs to read them.
WHITENOISE_ALLOW_ALL_ORIGINS = False

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "filters": {"bad_host": {"()": "careerpath.logs.BadHostFilter"}},
    # Django's own lines reach the root's handler only: its default console handler (on when DEBUG is)
    # wrote each of them a second time.
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # An unknown Host: one short WARNING line, not a 10 KB error with a traceback.
        "django.security.DisallowedHost": {"handlers": [], "filters": ["bad_host"], "propagate": True},
    },
}

# Whole-page cache for anonymous visitors (careerpath/page_cache.py).
PAGE_CACHE_ENABLED = os.environ.get("DJANGO_PAGE_CACHE", "1") != "0"
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", str(24 * 60 * 60)))
# Pages with a query string (filters, form results) have endless variants, so each is kept briefly:
# a crawler inventing query strings cannot fill the cache with a day's worth of one-off pages.
PAGE_CACHE_QUERY_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_QUERY_SECONDS", str(10 * 60)))
# Never cached: the admin, the health check and search results (one-off queries without end).
PAGE_CACHE_EXCLUDED_PREFIXES = ("/admin/", "/healthz", "/search/")
# After the cache fails, this process skips it (rendering pages afresh) for this many seconds.
PAGE_CACHE_RETRY_SECONDS = float(os.environ.get("DJANGO_PAGE_CACHE_RETRY_SECONDS") or "5")
# Where the content version lives when the cache is per-process (no REDIS_URL): all workers read it.
PAGE_CACHE_VERSION_FILE = os.environ.get("DJANGO_PAGE_CACHE_VERSION_FILE") or str(
    BASE_DIR / ".local" / "content-version"
)

# Where `import_ipeds --download` fetches the published IPEDS zips (HD<year>.zip, C<year>_A.zip) and where it
# keeps them, so a rerun reads the kept copies (`--refresh` fetches again).
IPEDS_DATA_URL = os.environ.get("CAREERPATH_IPEDS_URL") or "https://nces.ed.gov/ipeds/datacenter/data/"
FEDERAL_FILES_DIR = Path(os.environ.get("CAREERPATH_FEDERAL_FILES_DIR") or BASE_DIR / ".local" / "federal")
