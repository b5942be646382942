"""Whole-page caching for anonymous visitors, invalidated exactly by any change to content.

Every cached page is stored under the current *content version*. Saving, deleting or relinking
any row of the content apps (in the admin, through an import, a fixture load or a restore) sets a
new version, so the very next request renders afresh; the old entries simply expire unused.

The version lives where every server process sees it: in the cache when the cache is shared
(Redis), otherwise in a small file beside the checkout, which all gunicorn workers on one
machine read.
"""

from __future__ import annotations

import gzip
import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import parse_etags

CONTENT_APPS = {"careerpath", "programs", "certifications"}
VERSION_KEY = "content-version"
CACHEABLE_TYPES = ("text/html", "text/csv", "application/xml", "text/plain")
# Compressing a tiny body costs more than it saves.
MIN_COMPRESS_BYTES = 512


def _shared_cache():
    return not isinstance(cache, LocMemCache)


def _version_file():
    return Path(settings.PAGE_CACHE_VERSION_FILE)


def content_version():
    """The current content version, created on first use."""
    if _shared_cache():
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(VERSION_KEY)
        return version
    try:
        return _version_file().read_text()
    except FileNotFoundError:
        return bump_content_version()


def bump_content_version(**_signal_kwargs):
    """Start a new content version: every page cached so far is stale from now on."""
    version = uuid.uuid4().hex
    if _shared_cache():
        cache.set(VERSION_KEY, version, timeout=None)
    else:
        path = _version_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{version}")
        temporary.write_text(version)
        temporary.replace(path)  # atomic, so a reader never sees a half-written version
    return version


def _content_changed(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        bump_content_version()


def connect_invalidation():
    """Tie the content version to every write of the content apps (called from AppConfig.ready)."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"page-cache-{signal}")
    post_migrate.connect(bump_content_version, dispatch_uid="page-cache-post-migrate")


def _excluded_prefixes():
    # Static files are whitenoise's to serve; the admin and the health check must always be live.
    return (*settings.PAGE_CACHE_EXCLUDED_PREFIXES, settings.STATIC_URL)


def _is_cacheable_request(request, excluded_prefixes):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(excluded_prefixes):
        return False
    # Anyone with a session (an editor, a signed-in user) always gets a fresh page.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _is_cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
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


class PageCacheMiddleware:
    """Serves anonymous GET pages from the cache, keyed by content version, scheme, host and full path.

    It is the outermost middleware: a miss passes through the whole stack and the finished response,
    every security header included, is stored; a hit is answered here at once, a repeat visit with a
    matching ETag as a 304, so a cached page costs about what a static file does.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded_prefixes = _excluded_prefixes()

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or not _is_cacheable_request(request, self.excluded_prefixes):
            return self.get_response(request)
        key = self._key(request)
        entry = cache.get(key)
        if entry is None:
            response = self.get_response(request)
            if not _is_cacheable_response(response):
                return response
            entry = self._entry(response)
            has_query = bool(request.META.get("QUERY_STRING"))
            cache.set(key, entry, settings.PAGE_CACHE_QUERY_SECONDS if has_query else settings.PAGE_CACHE_SECONDS)
        return self._response(request, entry)

    @staticmethod
    def _key(request):
        location = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(location.encode()).hexdigest()
        return f"page:{content_version()}:{digest}"

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
