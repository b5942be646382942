"""2,000 requests with made-up values of every known parameter, straight to gunicorn: at most 50 new pages in Redis.

Before only canonical pages were stored, the same run left 1,202 new Redis keys (42 MB). Runs where Redis
is (CI's second leg); without Redis each worker keeps at most PAGE_CACHE_MAX_ENTRIES pages in its memory.
"""

import random
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from tests import live_site
from tests.test_page_cache_flood import PAGES, _declared, _random_value

pytestmark = pytest.mark.usefixtures("seeded")
REQUESTS = 2000


@pytest.fixture
def redis_site(tmp_path, prepared_site):
    if not live_site.REDIS_URL:
        if live_site.REQUIRE_SERVICES:
            pytest.fail("CAREERPATH_REQUIRE_SERVICES=1 but REDIS_URL is not set")
        pytest.skip("needs REDIS_URL; CI's second leg sets it")
    prefix = f"careerpath-flood-{uuid.uuid4().hex[:8]}"
    env = live_site.site_env(
        tmp_path, REDIS_URL=live_site.REDIS_URL, DJANGO_CACHE_KEY_PREFIX=prefix, DJANGO_LOG_LEVEL="CRITICAL"
    )
    live_site.prepare(env, prepared_site)
    port = live_site.free_port()
    server = live_site.start_gunicorn(env, port, tmp_path / "gunicorn.log", workers=2)
    try:
        yield f"http://127.0.0.1:{port}", prefix
    finally:
        live_site.stop(server)
        live_site.drop_redis_keys(prefix)


def _page_keys(prefix):
    import redis

    return sum(1 for _ in redis.Redis.from_url(live_site.REDIS_URL).scan_iter(match=f"*{prefix}-pages*"))


def test_made_up_values_sent_straight_to_gunicorn_leave_at_most_fifty_pages_in_redis(redis_site):
    base, prefix = redis_site
    declared = {path: _declared(path) for path in PAGES}
    rng = random.Random(5)
    urls = []
    for number in range(REQUESTS):
        path = PAGES[number % len(PAGES)]
        names = rng.sample(declared[path], k=rng.randrange(1, min(4, len(declared[path])) + 1))
        urls.append(f"{base}{path}?{urlencode([(name, _random_value(rng)) for name in names])}")
    before = _page_keys(prefix)
    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(lambda url: live_site.get(url, timeout=30)[0], urls))
    added = _page_keys(prefix) - before
    assert max(statuses) < 500, sorted(set(statuses))
    assert added <= 50, f"{added} new pages in Redis after {REQUESTS} made-up queries"
