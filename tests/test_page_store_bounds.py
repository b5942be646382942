"""Cached pages are the only thing Redis may evict: a full page store drops old pages, never the
content version (which would otherwise be recreated and is fine) nor anything else in "default".

Each test starts its own capped redis-server(s) on free loopback ports, configured as the README says.
"""

from __future__ import annotations

import os

import pytest
import redis as redis_py
from django.core.cache import caches

from tests import live_site
from tests.test_cache_outage import RedisServer

pytestmark = pytest.mark.usefixtures("seeded")

PAGE = b"x" * 50_000  # about the size of a large page


def _redis_settings(settings, default_url, pages_url):
    from careerpath.settings.base import redis_cache

    prefix = f"bounds-{os.getpid()}"
    settings.CACHES = {"default": redis_cache(default_url, prefix), "pages": redis_cache(pages_url, f"{prefix}-pages")}


def _keys(url):
    client = redis_py.Redis.from_url(url)
    keys = {key.decode(): client.ttl(key) for key in client.scan_iter()}
    return {key: ttl for key, ttl in keys.items() if ttl != -2}  # -2: evicted while listing


@pytest.fixture
def capped_pages_instance():
    """A pages instance of its own (allkeys-lru, 2 MB) and a default instance that never evicts."""
    pages = RedisServer(live_site.free_port(), "--maxmemory", "2mb", "--maxmemory-policy", "allkeys-lru")
    default = RedisServer(live_site.free_port(), "--maxmemory-policy", "noeviction")
    yield default, pages
    pages.stop()
    default.stop()


@pytest.fixture
def one_shared_instance():
    """REDIS_PAGES_URL unset: pages share the instance, whose policy evicts only keys with a timeout."""
    shared = RedisServer(live_site.free_port(), "--maxmemory", "2mb", "--maxmemory-policy", "volatile-lru")
    yield shared
    shared.stop()


def _fill_the_page_store(client, count=200):
    """Real pages first, then far more page-sized entries than the cap holds."""
    for path in ("/", "/about/", "/careers/"):
        assert client.get(path).status_code == 200
    pages = caches["pages"]
    for n in range(count):
        pages.set(f"page:filler:{n}", PAGE, 600)


def test_a_full_page_instance_evicts_pages_and_the_default_instance_keeps_its_keys(
    client, settings, capped_pages_instance
):
    from careerpath.page_cache import content_version

    default, pages = capped_pages_instance
    _redis_settings(settings, default.url, pages.url)
    version = content_version()
    caches["default"].set("an-editor-s-preview", b"p" * 10_000, None)
    _fill_the_page_store(client)
    assert content_version() == version
    assert caches["default"].get("an-editor-s-preview") == b"p" * 10_000
    page_keys = _keys(pages.url)
    assert 0 < len(page_keys) < 200  # evicted, least recently used first
    assert all(ttl > 0 for ttl in page_keys.values())


def test_on_one_shared_instance_every_page_has_a_timeout_and_the_version_none_so_only_pages_are_evicted(
    client, settings, one_shared_instance
):
    from careerpath.page_cache import content_version

    _redis_settings(settings, one_shared_instance.url, one_shared_instance.url)
    version = content_version()
    _fill_the_page_store(client)
    assert content_version() == version
    keys = _keys(one_shared_instance.url)
    version_keys = [key for key in keys if key.endswith(":content-version")]
    assert version_keys and all(keys[key] == -1 for key in version_keys)  # no timeout: never evicted
    page_keys = {key: ttl for key, ttl in keys.items() if "-pages:" in key}
    assert 0 < len(page_keys) < 200
    assert all(ttl > 0 for ttl in page_keys.values())
