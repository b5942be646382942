"""A Redis outage degrades the site, never breaks it: pages render afresh, the admin keeps working,
/healthz says the cache is unavailable, and no request waits more than a second on the cache.

Each test starts a redis-server of its own on a free loopback port and stops (or freezes) it; CI's
shared Redis on 6379 is never touched.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import time

import pytest

from tests import live_site

SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Permissions-Policy")
PAGES = ["/", "/about/", "/careers/salaries/", "/certifications/", "/programs/"]
MOST_SECONDS = 1.0
RETRY_SECONDS = 1.5


class RedisServer:
    """A throwaway redis-server in the foreground, on 127.0.0.1:port, with no persistence."""

    def __init__(self, port, *args):
        if not shutil.which("redis-server"):
            pytest.fail("redis-server is not installed (.ci/run installs it)")
        self.port = port
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ping = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True)
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-server did not start")

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def freeze(self):
        """Stopped, not dead: connections are accepted by the kernel but never answered."""
        self.proc.send_signal(signal.SIGSTOP)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def outage_site(tmp_path_factory, prepared_site):
    """The seeded site under two gunicorn workers, its cache a redis-server the test controls."""
    scratch = tmp_path_factory.mktemp("outage")
    redis_port = live_site.free_port()
    redis = RedisServer(redis_port)
    # A shorter wait before the workers try a failed cache again than production's 5 s, so the test waits less.
    retry = str(RETRY_SECONDS)
    env = live_site.site_env(
        scratch, REDIS_URL=redis.url, DJANGO_CACHE_KEY_PREFIX="outage", DJANGO_PAGE_CACHE_RETRY_SECONDS=retry
    )
    port = live_site.free_port()
    log = scratch / "gunicorn.log"
    server = None
    site = {"redis": redis, "redis_port": redis_port, "log": log, "base": f"http://127.0.0.1:{port}"}
    try:
        live_site.prepare(env, prepared_site)
        server = live_site.start_gunicorn(env, port, log, workers=2)
        yield site
    finally:
        if server is not None:
            live_site.stop(server)
        redis.stop()
        site["redis"].stop()  # the one a test started in its place


def _timed_get(url):
    started = time.monotonic()
    status, headers, body = live_site.get(url, timeout=10)
    return status, headers, body, time.monotonic() - started


def _site_keeps_serving(site, browser, phase):
    base = site["base"]
    slowest = 0.0
    for _ in range(3):
        for path in PAGES:
            status, headers, body, seconds = _timed_get(base + path)
            slowest = max(slowest, seconds)
            assert status == 200, (phase, path, status, body[:300])
            assert "<main" in body
            for header in SECURITY_HEADERS:
                assert headers.get(header), (phase, path, header)
    status, headers, body, seconds = _timed_get(base + "/healthz")
    slowest = max(slowest, seconds)
    assert status == 200, body
    assert headers["Content-Type"] == "application/json"
    assert '"cache": "unavailable"' in body and '"database": "ok"' in body
    started = time.monotonic()
    status, _, html = browser.open("/admin/careers/wagefigure/")
    slowest = max(slowest, time.monotonic() - started)
    assert status == 200 and "37,190" in html, (phase, status, html[:500])
    assert slowest < MOST_SECONDS, f"{phase}: a request waited {slowest:.2f} s on the cache"
    return slowest


def test_with_redis_gone_or_frozen_pages_render_afresh_and_the_admin_keeps_working(outage_site):
    site = outage_site
    base = site["base"]
    browser = live_site.Browser(base)
    browser.sign_in()
    for path in PAGES:
        assert live_site.get(base + path)[0] == 200  # warm the cache
    status, _, body = live_site.get(base + "/healthz")
    assert status == 200 and '"cache": "ok"' in body

    # Redis dies: connections are refused.
    site["redis"].stop()
    refused = _site_keeps_serving(site, browser, "redis stopped")

    # Redis comes back, then hangs: connections are accepted and never answered.
    site["redis"] = RedisServer(site["redis_port"])
    time.sleep(RETRY_SECONDS + 0.5)  # past PAGE_CACHE_RETRY_SECONDS, so the workers try the cache again
    assert '"cache": "ok"' in live_site.get(base + "/healthz")[2]
    for path in PAGES:
        assert live_site.get(base + path)[0] == 200
    site["redis"].freeze()
    frozen = _site_keeps_serving(site, browser, "redis frozen")
    print(f"slowest request: {refused:.2f} s with Redis stopped, {frozen:.2f} s with Redis frozen")
