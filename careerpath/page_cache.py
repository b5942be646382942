"""Whole pages for anonymous visitors, kept until content changes: how a page is cached and when it is thrown away.

Cached: `PageCacheMiddleware` sits in MIDDLEWARE (careerpath/settings/base.py) below the security-header
middlewares, whitenoise, GZip, ConditionalGet and the session, which run on every answer, stored or fresh
(each header added once, a matching ETag answered with a 304, the body compressed). It keeps what the view
and the layers below it answer in the "pages" cache alias, under `page:<sha256 of the URL>` with the
content version as the cache key's version: only GET/HEAD 200s without cookies or private/no-store, never
for a signed-in editor, PAGE_CACHE_EXCLUDED_PREFIXES or a `page_cache_exempt` view. Each view declares the
query parameters it reads (`query_parameters` on a class-based view, `reads_query` on a function, a callable
when derived); the others are dropped before the view runs and the rest sorted by name, so invented ones
make no new pages. A view that declares none is cached only without a query string.

Thrown away: every write to content (content.signals.content_changed) and every migration write a new
version stamp in the database, in the write's own transaction (content/versions.py; `manage.py
bump_content_version` after raw SQL), and copy it once the transaction commits to where every process reads
it quickly: a key without timeout in the "default" cache when that is shared (Redis), else a file
(PAGE_CACHE_VERSION_FILE). Pages under an older version are never read again and expire or are evicted.
Each process also compares its copy with the database's stamp at most once a second and repairs a copy
that missed a bump, so a committed edit always arrives. A cache that fails is skipped for
PAGE_CACHE_RETRY_SECONDS: pages render afresh.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models.signals import post_migrate
from django.http import QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import patch_cache_control, set_response_etag

from content import versions
from content.signals import content_changed

logger = logging.getLogger(__name__)

VERSION_ALIAS, PAGES_ALIAS, VERSION_KEY = "default", "pages", "content-version"
CACHEABLE_TYPES = ("text/html", "text/csv", "application/xml", "text/plain")


class CacheUnavailable(Exception):
    """The cache did not answer (or answered with an error); the caller carries on without it."""


# After a failure, this process skips that cache alias until the time kept here: the socket timeouts in CACHES
# bound the one request that meets an outage, and the ones after it do not wait at all.
skip_until: dict[str, float] = {}


def cache_call(alias, method, *args, **kwargs):
    if time.monotonic() < skip_until.get(alias, 0.0):
        raise CacheUnavailable(alias)
    try:
        return getattr(caches[alias], method)(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - any backend's connection or protocol error
        skip_until[alias] = time.monotonic() + settings.PAGE_CACHE_RETRY_SECONDS
        logger.warning("Cache %r unavailable (%r); carrying on without it.", alias, error)
        raise CacheUnavailable(alias) from error


# --- The content version: when a page is thrown away ---------------------------------------------------


def version_is_shared():
    """Whether the "default" cache is one store for every process (not per-process memory)."""
    return not isinstance(caches[VERSION_ALIAS], LocMemCache | DummyCache)


def content_version():
    """The current content version, created on first use; raises CacheUnavailable if it cannot be read."""
    version = _copied_version()
    # At most once a second, outside any transaction (whose own writes are not committed yet): a copy that
    # missed a bump (the cache was down, or the writer could not reach it) takes the database's stamp.
    if time.monotonic() >= _checked["next"] and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
        _checked["next"] = time.monotonic() + 1.0
        stamp = versions.stamp_in_time()
        if stamp and stamp != version:
            logger.info("The content version %s missed a bump: taking the database's %s.", version, stamp)
            bump_content_version(version=stamp)  # a copy for every process; if the cache refuses, still this one
            return stamp
    return version


_checked = {"next": 0.0}


def _copied_version():
    if not version_is_shared():
        try:  # read on every request: the plain system calls (a version is 32 bytes)
            descriptor = os.open(settings.PAGE_CACHE_VERSION_FILE, os.O_RDONLY)
        except FileNotFoundError:
            return bump_content_version(version=versions.stamp_in_time())
        with os.fdopen(descriptor, "rb", buffering=0) as file:
            return file.read(256).decode()
    version = cache_call(VERSION_ALIAS, "get", VERSION_KEY)
    if version is None:
        cache_call(VERSION_ALIAS, "add", VERSION_KEY, versions.stamp_in_time() or uuid.uuid4().hex, timeout=None)
        version = cache_call(VERSION_ALIAS, "get", VERSION_KEY)
    if version is None:
        raise CacheUnavailable(VERSION_ALIAS)
    return version


def content_version_or_none():
    """The current content version, or None when it cannot be read (the content memo's reader)."""
    try:
        return content_version()
    except CacheUnavailable:
        return None


def bump_content_version(version=None, **signal_kwargs):
    """Start a new content version: every page cached so far is stale from now on, in every process.

    `version` is a stamp already written in the database; without one, a new stamp is written first (the
    bump command, a migration). Returns the version, or None when the shared cache could not be written
    (logged; every process takes the database's stamp within a second once the cache answers again).
    """
    if version is None:
        try:
            version = versions.write_new_stamp(using=signal_kwargs.get("using"))
        except DatabaseError:  # a database migrated only part of the way: no stamp table yet
            version = uuid.uuid4().hex
    if not version_is_shared():
        path = Path(settings.PAGE_CACHE_VERSION_FILE)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{version}")
        temporary.write_text(version)
        temporary.replace(path)  # atomic: a reader never sees half a version
        return version
    try:  # straight to the cache, not through the breaker: a bump is tried even mid-outage
        caches[VERSION_ALIAS].set(VERSION_KEY, version, timeout=None)
    except Exception as error:  # noqa: BLE001
        logger.warning("Could not copy the new content version to the cache (%r); it is in the database.", error)
        return None
    return version


def _on_content_changed(sender, using=None, **kwargs):
    """Bump once the write's transaction commits (at once under autocommit), once per transaction, never on
    rollback: bumping earlier would let a request in between store the old rows under the new version."""
    connection = connections[using or DEFAULT_DB_ALIAS]
    if any(getattr(hook, "bump_pending", False) for _sids, hook, _robust in connection.run_on_commit):
        return  # this transaction's bump is already waiting for its commit

    stamp = versions.write_new_stamp(using=using)  # in the write's transaction: committed with it or not at all

    def bump():
        bump.bump_pending = False
        bump_content_version(version=stamp)

    bump.bump_pending = True
    transaction.on_commit(bump, using=using, robust=True)


def connect_invalidation():
    """Tie the content version to every content write and every migration (called from AppConfig.ready)."""
    content_changed.connect(_on_content_changed, dispatch_uid="page-cache-content-changed")
    post_migrate.connect(bump_content_version, dispatch_uid="page-cache-post-migrate")


# --- What a view reads, declared beside it -------------------------------------------------------------


def _marked(view, **marks):
    marked = functools.wraps(view)(lambda *args, **kwargs: view(*args, **kwargs))
    marked.__dict__.update(marks)
    return marked


def reads_query(*names):
    """Declares the query parameters a function view reads: `@reads_query("p")`, or `reads_query("p")(view)`."""
    return lambda view: _marked(view, query_parameters=frozenset(names))


def page_cache_exempt(view):
    """Marks a function view whose responses are never stored (search results, personal pages)."""
    return _marked(view, page_cache_exempt=True)


def query_parameters(view):
    """The parameter names `view` (a resolved view function) declares, or None if it declares none."""
    declared = getattr(getattr(view, "view_class", view), "query_parameters", None)
    try:
        return None if declared is None else frozenset(declared() if callable(declared) else declared)
    except Exception:  # a form that changed shape must not take its page down: treat it as undeclared
        logger.exception("Could not read the query parameters of %r; caching it only without a query.", view)
        return None


def canonical_query(query_string, known):
    """Only the `known` names, sorted by name, each name's values in their given order (blank values kept)."""
    pairs = [(name, value) for name, value in parse_qsl(query_string, keep_blank_values=True) if name in known]
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))  # stable: p=a&p=b stays apart from p=b&p=a


@functools.lru_cache(maxsize=4096)
def _view(path_info, urlconf):
    try:
        return resolve(path_info, urlconf).func
    except Resolver404:
        return None


# --- How a page is cached -----------------------------------------------------------------------------


def _signed_in(request):
    """Whether the session cookie names a real session with a signed-in user (a made-up cookie does not)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    try:
        return bool(request.session.get(SESSION_KEY))
    except Exception:  # noqa: BLE001 - a failing session store: treat as signed in, never serve a stored page
        logger.warning("Session lookup failed; serving a fresh page.", exc_info=True)
        return True


def _storable(response):
    cache_control, vary = response.get("Cache-Control", ""), response.get("Vary", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and "cookie" not in vary.lower()
        and response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES
    )


class PageCacheMiddleware:
    """Answers anonymous GET/HEAD requests from the "pages" cache; stores what the view answers on a miss."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = (*settings.PAGE_CACHE_EXCLUDED_PREFIXES, settings.STATIC_URL)

    def __call__(self, request):
        if (
            not settings.PAGE_CACHE_ENABLED
            or request.method not in ("GET", "HEAD")
            or request.path.startswith(self.excluded)
        ):
            return self.get_response(request)
        view = _view(request.path_info, get_urlconf() or settings.ROOT_URLCONF)
        if view is None or getattr(view, "page_cache_exempt", False):
            return self.get_response(request)  # no such page (a 404), or one never stored
        known = query_parameters(view)
        query = request.META.get("QUERY_STRING", "")
        if known is not None and query != (canonical := canonical_query(query, known)):
            query = request.META["QUERY_STRING"] = canonical
            request.GET = QueryDict(query, encoding=request.encoding)
        if (known is None and query) or _signed_in(request):
            return self.get_response(request)  # a query the view never declared: never stored
        try:
            version = content_version()
            location = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
            key = f"page:{hashlib.sha256(location.encode()).hexdigest()}"
            response = cache_call(PAGES_ALIAS, "get", key, version=version)
        except CacheUnavailable:
            return self.get_response(request)
        if response is not None:
            return response
        response = self.get_response(request)
        if _storable(response):
            if not response.has_header("Cache-Control"):  # browsers keep the page but ask again (a cheap 304)
                patch_cache_control(response, max_age=0, must_revalidate=True)
            set_response_etag(response)
            timeout = settings.PAGE_CACHE_QUERY_SECONDS if query else settings.PAGE_CACHE_SECONDS
            with contextlib.suppress(CacheUnavailable):  # the page is served all the same
                cache_call(PAGES_ALIAS, "set", key, response, timeout, version=version)
        return response
