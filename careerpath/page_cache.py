"""Whole-page caching for anonymous visitors, invalidated exactly by any committed change to content.

Every cached page is stored under the current *content version*. Any committed write to the content
apps (the admin, an import, the ORM from a command or the shell, a fixture load, a restore) sets a new
version once the transaction commits, so the very next request to any worker renders afresh; the old
entries simply expire unused. Raw SQL sends no signal: `manage.py bump_content_version` is for that.

Where the version lives is decided by the cache backend itself: in the cache when it is shared
between processes (Redis, or any backend that is not per-process memory), otherwise in a small file
beside the checkout, which all gunicorn workers on one machine read.

Pages are stored in a cache alias of their own ("pages"), which may evict them (least recently used
first); the version, sessions and import previews stay in "default". Before the view runs, the query
string is reduced to the parameters the page knows, in a canonical order, so invented parameters
neither reach the view nor make new cache entries. A cache that fails degrades to rendering afresh.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import logging
import os
import threading
import time
import uuid
from importlib import import_module
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_migrate
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import parse_etags

from content.memo import per_content_version
from content.signals import content_changed

logger = logging.getLogger(__name__)

VERSION_ALIAS = "default"
PAGES_ALIAS = "pages"
VERSION_KEY = "content-version"
CACHEABLE_TYPES = ("text/html", "text/csv", "application/xml", "text/plain")
# Compressing a tiny body costs more than it saves.
MIN_COMPRESS_BYTES = 512


# --- A cache that fails is skipped for a while, so no request waits on it again and again -----------


class CacheUnavailable(Exception):
    """The cache did not answer (or answered with an error); the caller carries on without it."""


class CacheBreaker:
    """Calls a cache alias, and after a failure skips it for PAGE_CACHE_RETRY_SECONDS in this process.

    The connect and read timeouts in CACHES bound the one request that meets the outage; the
    requests after it do not wait at all until the retry time has passed.
    """

    def __init__(self):
        self._skip_until = {}
        self._lock = threading.Lock()

    def call(self, alias, method, *args, **kwargs):
        if time.monotonic() < self._skip_until.get(alias, 0.0):
            raise CacheUnavailable(alias)
        try:
            return getattr(caches[alias], method)(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - any backend's connection or protocol error
            with self._lock:
                self._skip_until[alias] = time.monotonic() + settings.PAGE_CACHE_RETRY_SECONDS
            logger.warning("Cache %r unavailable (%s: %s); carrying on without it.", alias, type(error).__name__, error)
            raise CacheUnavailable(alias) from error

    def reset(self):
        with self._lock:
            self._skip_until.clear()


breaker = CacheBreaker()


# --- The content version ----------------------------------------------------------------------------


def version_is_shared():
    """Whether the "default" cache backend is one store for every process (not per-process memory)."""
    # caches[...] is the backend itself; django.core.cache.cache is a proxy that is never a LocMemCache.
    return not isinstance(caches[VERSION_ALIAS], LocMemCache | DummyCache)


def _version_file():
    return Path(settings.PAGE_CACHE_VERSION_FILE)


def content_version():
    """The current content version, created on first use; raises CacheUnavailable if it cannot be read."""
    if version_is_shared():
        if _failed_bump["pending"]:
            breaker.call(VERSION_ALIAS, "set", VERSION_KEY, uuid.uuid4().hex, timeout=None)
            _failed_bump["pending"] = False
        version = breaker.call(VERSION_ALIAS, "get", VERSION_KEY)
        if version is None:
            breaker.call(VERSION_ALIAS, "add", VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = breaker.call(VERSION_ALIAS, "get", VERSION_KEY)
        if version is None:
            raise CacheUnavailable(VERSION_ALIAS)
        return version
    try:
        return _read_version_file()
    except FileNotFoundError:
        return bump_content_version()


def _read_version_file():
    # Read on every request: the plain system calls, without pathlib's and io's layers (a version is 32 bytes).
    descriptor = os.open(settings.PAGE_CACHE_VERSION_FILE, os.O_RDONLY)
    try:
        return os.read(descriptor, 256).decode()
    finally:
        os.close(descriptor)


def content_version_or_none():
    """The current content version, or None when it cannot be read (for the content memo)."""
    try:
        return content_version()
    except CacheUnavailable:
        return None


# A bump that could not reach the shared cache: this process retries it before it next reads the version.
_failed_bump = {"pending": False}


def bump_content_version(**_signal_kwargs):
    """Start a new content version at once: every page cached so far is stale from now on.

    Returns the new version, or None when the shared cache could not be written (logged as an error;
    this process retries before it serves another cached page, and `manage.py bump_content_version`
    does it by hand).
    """
    version = uuid.uuid4().hex
    if version_is_shared():
        try:
            # Straight to the cache, not through the breaker: a bump must be tried even mid-outage.
            caches[VERSION_ALIAS].set(VERSION_KEY, version, timeout=None)
            _failed_bump["pending"] = False
        except Exception as error:  # noqa: BLE001
            _failed_bump["pending"] = True
            logger.error(
                "Could not set a new content version (%s: %s): pages cached before this change may be served "
                "until `manage.py bump_content_version` is run.",
                type(error).__name__,
                error,
            )
            return None
    else:
        path = _version_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{version}")
        temporary.write_text(version)
        temporary.replace(path)  # atomic, so a reader never sees a half-written version
    return version


def _bump_after_commit():
    bump_content_version()


def bump_after_commit(using=None):
    """Content was written on connection `using`: bump the version once the transaction commits.

    Bumping before the commit would let a request in between store the old rows under the new
    version. One bump per transaction, however many rows it writes; none if it rolls back.
    """
    connection = connections[using or DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        bump_content_version()
        return
    if not any(func is _bump_after_commit for _sids, func, _robust in connection.run_on_commit):
        connection.on_commit(_bump_after_commit, robust=True)


def _on_content_changed(sender, using=None, **kwargs):
    bump_after_commit(using)


def connect_invalidation():
    """Tie the content version to every content write (the shared "content changed" signal) and migration."""
    content_changed.connect(_on_content_changed, dispatch_uid="page-cache-content-changed")
    post_migrate.connect(bump_content_version, dispatch_uid="page-cache-post-migrate")


# --- Canonical query strings ------------------------------------------------------------------------

# The query parameters each public page reads, by URL name: the one home of this list. A dotted path
# names a function returning them (derived from the page's form or filter class). A page not listed
# is left alone and cached only without a query string. Search ("search") is deliberately absent: its
# results are never stored (its view says never_cache, and /search/ is in PAGE_CACHE_EXCLUDED_PREFIXES).
PAGE_PARAMETERS = {
    "home": (),
    "about": (),
    "careers:career-list": (),
    "careers:career-detail": (),
    "careers:salaries": ("view", "sort"),
    "careers:salaries-csv": ("view", "sort"),
    "careers:states": ("sort",),
    "careers:states-csv": ("sort",),
    "careers:salary-history": (),
    "programs:paths": (),
    "programs:program-list": "careerpath.page_cache.directory_parameters",
    "programs:program-detail": (),
    "programs:compare": ("p",),
    "programs:checklist": "careerpath.page_cache.checklist_parameters",
    "certifications:certification-list": ("c",),
    "certifications:certification-detail": (),
    "certifications:eligibility": "careerpath.page_cache.eligibility_parameters",
    "sitemap": ("p",),
    "robots-txt": (),
}


@functools.cache
def directory_parameters():
    from programs.filters import ProgramFilter

    # p: the programs ticked to compare, carried by every link and form; compare: the form's "Compare" button.
    return frozenset((*ProgramFilter.base_filters, "page", "p", "compare"))


@functools.cache
def checklist_parameters():
    from programs.forms import ChecklistForm

    # The declared fields: a form instance would read the accreditors, a query on the first request of a process.
    # `edit` (=1) shows an answered checklist's form filled in instead of its result.
    return frozenset((*ChecklistForm.base_fields, "edit"))


@per_content_version
def eligibility_parameters():
    """The checker's fields depend on the stored routes: read again whenever the content version moves on."""
    from certifications import eligibility
    from certifications.forms import EligibilityForm

    routes = [
        route for certification in eligibility.certifications_with_routes() for route in certification.routes.all()
    ]
    # `edit` (=1) shows an answered checker's form filled in instead of its results.
    return frozenset((*EligibilityForm(routes=routes).fields, "edit"))


def known_parameters(url_name):
    """The parameter names the page `url_name` reads, or None when the page is not in PAGE_PARAMETERS."""
    spec = PAGE_PARAMETERS.get(url_name)
    if spec is None:
        return None
    if not isinstance(spec, str):
        return frozenset(spec)
    module, _, function = spec.rpartition(".")
    try:
        return getattr(import_module(module), function)()  # each returns a frozenset
    except Exception:  # a form that changed shape must not take its page down: treat it as unlisted
        logger.exception("Could not derive the query parameters of %s; caching it only without a query.", url_name)
        return None


def canonical_query(query_string, known):
    """The query string with only `known` names, sorted by name, each name's values in their given order.

    Blank values are kept: a form submitted empty is not the unbound page.
    """
    pairs = [(name, value) for name, value in parse_qsl(query_string, keep_blank_values=True) if name in known]
    pairs.sort(key=lambda pair: pair[0])  # stable: p=a&p=b stays apart from p=b&p=a
    return urlencode(pairs)


def _canonicalize(request, known):
    query = canonical_query(request.META.get("QUERY_STRING", ""), known)
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query, encoding=request.encoding)
    return query


# --- Who may be served a cached page ---------------------------------------------------------------


def is_signed_in(request):
    """Whether the request's session cookie names a real session with a signed-in user.

    Only looked up when the cookie is there; a made-up cookie finds no session and gets cached pages.
    """
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    try:
        return bool(store.get(SESSION_KEY))
    except Exception:  # noqa: BLE001 - a session store that fails: treat as signed in, never cache
        logger.warning("Session lookup failed; serving a fresh page.", exc_info=True)
        return True


def page_cache_exempt(view):
    """Marks a view's responses as never stored in the page cache (search results, personal pages)."""
    from functools import wraps

    @wraps(view)
    def wrapper(*args, **kwargs):
        response = view(*args, **kwargs)
        response.page_cache_exempt = True
        return response

    return wrapper


def _excluded_prefixes():
    # Static files are whitenoise's to serve; the admin and the health check must always be live.
    return (*settings.PAGE_CACHE_EXCLUDED_PREFIXES, settings.STATIC_URL)


def _redirects_to_https(request):
    # Django's SecurityMiddleware will redirect it; the redirect keeps the query string as given.
    return settings.SECURE_SSL_REDIRECT and not request.is_secure()


def _is_cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(response, "page_cache_exempt", False):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    if "Cookie" in response.get("Vary", "") and response.get("Vary") != "Accept-Encoding":
        return False
    return response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES


def _accepts_gzip(request):
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")


# Headers the cache sets itself for each answer (or, for a 304, leaves out).
OWN_HEADERS = {"content-length", "content-encoding", "etag", "vary"}
BODY_HEADERS = {"content-type", "content-length", "content-encoding", "content-language"}


@functools.lru_cache(maxsize=4096)
def _url_name(path_info, urlconf):
    """The URL name a path resolves to in `urlconf` (None for no page): each path is resolved once per process."""
    try:
        return resolve(path_info, urlconf).view_name
    except Resolver404:
        return None


class PageCacheMiddleware:
    """Serves anonymous GET pages from the "pages" cache, keyed by content version, scheme, host and
    canonical path.

    A miss passes through the rest of the stack and the finished response, every security header
    included, is stored; a hit is answered here at once, a repeat visit with a matching ETag as a 304,
    so a cached page costs about what a static file does. If the cache fails, pages render afresh.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded_prefixes = _excluded_prefixes()

    def __call__(self, request):
        if (
            not settings.PAGE_CACHE_ENABLED
            or request.method not in ("GET", "HEAD")
            or request.path.startswith(self.excluded_prefixes)
            or _redirects_to_https(request)
        ):
            return self.get_response(request)
        url_name = _url_name(request.path_info, get_urlconf() or settings.ROOT_URLCONF)
        try:
            version = content_version()
        except CacheUnavailable:
            version = None
        known = known_parameters(url_name)
        if known is not None:
            _canonicalize(request, known)
        elif request.META.get("QUERY_STRING"):
            return self.get_response(request)  # a page we cannot canonicalize: never stored with a query
        if version is None or is_signed_in(request):
            return self.get_response(request)
        key = self._key(request, version)
        try:
            entry = breaker.call(PAGES_ALIAS, "get", key)
        except CacheUnavailable:
            return self.get_response(request)
        if entry is None:
            response = self.get_response(request)
            if not _is_cacheable_response(response):
                return response
            entry = self._entry(response)
            has_query = bool(request.META.get("QUERY_STRING"))
            timeout = settings.PAGE_CACHE_QUERY_SECONDS if has_query else settings.PAGE_CACHE_SECONDS
            with contextlib.suppress(CacheUnavailable):  # the page is served all the same
                breaker.call(PAGES_ALIAS, "set", key, entry, timeout)
        return self._response(request, entry)

    @staticmethod
    def _key(request, version):
        location = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(location.encode()).hexdigest()
        return f"page:{version}:{digest}"

    @staticmethod
    def _entry(response):
        content = response.content
        headers = {name: value for name, value in response.headers.items() if name.lower() not in OWN_HEADERS}
        # Browsers may keep the page but must ask again; the ETag makes that a cheap 304.
        headers.setdefault("Cache-Control", "max-age=0, must-revalidate")
        etag = hashlib.md5(content, usedforsecurity=False).hexdigest()
        compressed = gzip.compress(content, compresslevel=6, mtime=0) if len(content) >= MIN_COMPRESS_BYTES else None
        return {"headers": headers, "content": content, "gzip": compressed, "etag": etag}

    @staticmethod
    def _response(request, entry):
        gzipped = entry["gzip"] is not None and _accepts_gzip(request)
        etag = f'"{entry["etag"]}-gzip"' if gzipped else f'"{entry["etag"]}"'
        # If-None-Match compares weakly (RFC 9110): a W/ prefix a proxy added still matches, and * matches any.
        asked = {tag.removeprefix("W/") for tag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))}
        if etag in asked or "*" in asked:
            response = HttpResponseNotModified()
            for name, value in entry["headers"].items():
                if name.lower() not in BODY_HEADERS:
                    response.headers[name] = value
        else:
            response = HttpResponse(entry["gzip"] if gzipped else entry["content"])
            for name, value in entry["headers"].items():
                response.headers[name] = value
            response.headers["Content-Length"] = str(len(response.content))
            if gzipped:
                response.headers["Content-Encoding"] = "gzip"
        response.headers["ETag"] = etag
        response.headers["Vary"] = "Accept-Encoding"
        return response
