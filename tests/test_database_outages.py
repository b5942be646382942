"""When the database hangs or stops, the site still answers: real gunicorn workers, a real PostgreSQL and Redis.

The site reaches PostgreSQL through a small TCP relay the test controls. "Frozen" is what SIGSTOP on
the postmaster does: a new connection is accepted by the kernel and then never answered. "Stopped" is
a database that refuses connections. Each worker opens a connection per request (no reuse), so every
uncached page meets the outage. Runs in CI's PostgreSQL + Redis leg.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from tests import live_site

HOME = "/"
UNCACHED = "/careers/salaries/states/"


class Relay:
    """A TCP relay to `upstream` that can freeze (hold new connections unanswered) or stop (refuse them)."""

    def __init__(self, upstream):
        self.upstream = upstream
        self.frozen = threading.Event()
        self.refusing = threading.Event()
        self.held = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.refusing.is_set():
                client.close()  # as a stopped database: the connection ends before it is answered
                continue
            if self.frozen.is_set():
                self.held.append(client)  # accepted, never answered
                continue
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client):
        try:
            server = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            client.close()
            return
        server.settimeout(None)
        for source, target in ((client, server), (server, client)):
            threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def freeze(self):
        self.frozen.set()

    def thaw(self):
        self.frozen.clear()
        for client in self.held:
            client.close()
        self.held.clear()

    def refuse(self):
        self.refusing.set()

    def resume(self):
        self.refusing.clear()

    def close(self):
        self.listener.close()


def _timed_get(url, timeout=20):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers={"User-Agent": "outage-test"}), timeout=timeout
        ) as r:
            status, headers, body = r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read().decode()
    return status, headers, body, time.monotonic() - started


@pytest.fixture(scope="module")
def site(tmp_path_factory, prepared_site):
    if not live_site.HAS_SERVICES:
        if live_site.REQUIRE_SERVICES:
            pytest.fail("CAREERPATH_REQUIRE_SERVICES=1 but DATABASE_URL/REDIS_URL are not PostgreSQL and Redis")
        pytest.skip("needs DATABASE_URL (PostgreSQL) and REDIS_URL; CI's second leg sets both")
    scratch = tmp_path_factory.mktemp("outages")
    name = f"careerpath_outages_{os.getpid()}"
    url, admin_url = live_site.scratch_postgres(name)
    parts = urllib.parse.urlsplit(url)
    relay = Relay((parts.hostname, parts.port or 5432))
    relayed = urllib.parse.urlunsplit(
        parts._replace(netloc=f"{parts.username}:{parts.password}@127.0.0.1:{relay.port}")
    )
    prefix = f"careerpath-outages-{uuid.uuid4().hex[:8]}"
    env = live_site.site_env(
        scratch,
        DATABASE_URL=relayed,
        REDIS_URL=live_site.REDIS_URL,
        DJANGO_CACHE_KEY_PREFIX=prefix,
        DJANGO_DB_CONN_MAX_AGE="0",
        DJANGO_LOG_LEVEL="CRITICAL",
    )
    server = None
    try:
        live_site.prepare({**env, "DATABASE_URL": url}, prepared_site)  # straight to PostgreSQL: quicker
        port = live_site.free_port()
        server = live_site.start_gunicorn(env, port, scratch / "gunicorn.log", workers=2)
        yield f"http://127.0.0.1:{port}", relay
    finally:
        if server is not None:
            live_site.stop(server)
        relay.thaw()
        relay.close()
        live_site.drop_postgres(admin_url, name)
        live_site.drop_redis_keys(prefix)


def test_a_frozen_database_gives_a_quick_503_health_check_uncached_503s_and_cached_pages_as_usual(site):
    base, relay = site
    for _ in range(3):
        assert _timed_get(base + HOME)[0] == 200  # cached (in Redis, shared by both workers)
    relay.freeze()
    try:
        status, _, body, waited = _timed_get(base + "/healthz")
        assert status == 503 and json.loads(body)["database"] == "unavailable"
        assert waited < 2.5, f"/healthz took {waited:.1f} s"

        status, _, body, waited = _timed_get(base + HOME)
        assert status == 200 and waited < 2, f"a cached page took {waited:.1f} s while the database hung"

        status, headers, body, waited = _timed_get(base + UNCACHED)
        assert status == 503, status
        assert headers["Retry-After"] == "30"
        assert "The site is busy" in body
        assert waited < 10, f"an uncached page waited {waited:.1f} s on the hung database"

        assert _timed_get(base + HOME)[0] == 200  # the worker is free again
    finally:
        relay.thaw()
    assert _timed_get(base + UNCACHED)[0] == 200
    assert _timed_get(base + "/healthz")[0] == 200


def test_a_stopped_database_gives_503_pages_not_500s(site):
    base, relay = site
    assert _timed_get(base + HOME)[0] == 200
    relay.refuse()
    try:
        status, headers, body, waited = _timed_get(base + "/certifications/")
        assert status == 503 and headers["Retry-After"] == "30" and "The site is busy" in body
        assert waited < 5
        assert _timed_get(base + "/healthz")[0] == 503
        assert _timed_get(base + HOME)[0] == 200
    finally:
        relay.resume()
    assert _timed_get(base + "/certifications/")[0] == 200
