"""A committed edit always arrives: two real gunicorn workers sharing a Redis the test controls.

The content's version is stamped in the database with every write; each worker compares its cached copy
with that stamp at most once a second. So an edit made from the shell while Redis is frozen, or from a
shell started without REDIS_URL, reaches every worker within seconds, not at the pages' expiry (24 h).
"""

from __future__ import annotations

import signal
import time

import pytest

from tests import live_site
from tests.test_cache_outage import RedisServer

SALARIES = "/careers/salaries/"
WITHIN_SECONDS = 10
UPDATE = (
    "from careers.models import WageFigure; WageFigure.objects.filter(occupation__slug='medical-assistants', "
    "reference_year=2024, area='US').update(median_annual_wage={value})"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory, prepared_site):
    scratch = tmp_path_factory.mktemp("edits-arrive")
    redis = RedisServer(live_site.free_port())
    env = live_site.site_env(
        scratch, REDIS_URL=redis.url, DJANGO_CACHE_KEY_PREFIX="arrive", DJANGO_PAGE_CACHE_RETRY_SECONDS="1"
    )
    server = None
    try:
        live_site.prepare(env, prepared_site)
        port = live_site.free_port()
        server = live_site.start_gunicorn(env, port, scratch / "gunicorn.log", workers=2)
        yield f"http://127.0.0.1:{port}", env, redis
    finally:
        if server is not None:
            live_site.stop(server)
        redis.stop()


def _loads_show(base, text, count=20):
    return all(text in live_site.get(base + SALARIES)[2] for _ in range(count))


def _arrives(base, text):
    """Seconds until `count` loads in a row (both workers) show `text`, or None if not within the limit."""
    started = time.monotonic()
    while time.monotonic() - started < WITHIN_SECONDS:
        if _loads_show(base, text):
            return time.monotonic() - started
        time.sleep(0.2)
    return None


def test_a_shell_edit_made_while_redis_is_frozen_arrives_once_it_thaws(site):
    base, env, redis = site
    assert _loads_show(base, "$44,200")  # cached in Redis, on both workers
    redis.proc.send_signal(signal.SIGSTOP)
    try:
        live_site.manage(env, "shell", "--no-imports", "-c", UPDATE.format(value=45301))
    finally:
        redis.proc.send_signal(signal.SIGCONT)
    took = _arrives(base, "$45,301")
    assert took is not None, f"the edit had not reached every load {WITHIN_SECONDS} s after Redis thawed"


def test_a_shell_edit_made_without_redis_url_arrives(site):
    base, env, _redis = site
    assert _loads_show(base, "$45,301") or _loads_show(base, "$44,200")
    without_redis = {key: value for key, value in env.items() if key != "REDIS_URL"}
    live_site.manage(without_redis, "shell", "--no-imports", "-c", UPDATE.format(value=45402))
    took = _arrives(base, "$45,402")
    assert took is not None, f"the edit had not reached every load within {WITHIN_SECONDS} s"
