"""nginx from deploy/nginx/ in front of gunicorn, as production runs it: real processes on loopback.

One scratch site (production settings, a seeded file SQLite database, gunicorn with 2 sync workers)
serves every test here; nginx runs from the shipped config, rendered by deploy/render_nginx.py.
Skipped, with the reason, where nginx is not installed, except under CI=true: .ci/run installs
nginx, so there a missing nginx is a failure, never a silent skip.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests import live_site

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR / "scripts"))

import proxy_stack  # noqa: E402
import scratch_site  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() == "true"
WORKERS = 2
# The 20 quick clicks: directory pages with a query string, as a visitor filters, sorts and pages.
DIRECTORY_CLICKS = [
    f"/programs/?{query}"
    for query in [
        "page=2",
        "sort=name",
        "sort=name&page=2",
        "sort=cost",
        "sort=cost&page=2",
        "sort=-cost",
        "sort=-cost&page=2",
        "sort=length",
        "sort=length&page=2",
        "sort=-length",
        "sort=-length&page=2",
        "format=online",
        "format=in-person",
        "format=hybrid",
        "externship=yes",
        "externship=no",
        "placement=yes",
        "placement=no",
        "max_cost=20000",
        "max_months=12",
    ]
]


def _require_nginx():
    if proxy_stack.NGINX is None:
        reason = "nginx is not installed (apt-get install nginx); .ci/run installs it"
        if IN_CI:
            pytest.fail(f"{reason}: CI=true, so the proxy tests cannot be skipped", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def stack(prepared_site):
    """gunicorn (2 workers) on a seeded file database with 24 example programs, and nginx from deploy/nginx/ in
    front of it."""
    _require_nginx()
    with tempfile.TemporaryDirectory(prefix="careerpath-proxy-") as scratch:
        scratch = Path(scratch)
        env = scratch_site.site_env(scratch)
        for name in ("REDIS_URL", "REDIS_PAGES_URL", "CACHE_URL"):  # a cache of its own, not CI's shared Redis
            env.pop(name, None)
        env.update(proxy_stack.PROXY_ENV)
        env.update({"WEB_CONCURRENCY": str(WORKERS), "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1"})
        live_site.prepare(env, prepared_site)
        live_site.manage(env, "seed_example_programs", "--count", "24", "--seed", "1", "--clear")
        gunicorn_port, nginx_port = scratch_site.free_port(), scratch_site.free_port()
        gunicorn = nginx = None
        with open(scratch / "gunicorn.log", "w") as log:
            try:
                gunicorn = scratch_site.start_gunicorn(env, gunicorn_port, log)
                nginx = proxy_stack.start_nginx(
                    scratch / "nginx",
                    wait_for=[("127.0.0.1", nginx_port)],
                    upstream=f"127.0.0.1:{gunicorn_port}",
                    server_name="localhost",
                    http_listen=[f"127.0.0.1:{nginx_port}"],
                )
                yield {"nginx": nginx_port, "gunicorn": gunicorn_port, "scratch": scratch, "env": env}
            finally:
                proxy_stack.stop(nginx)
                proxy_stack.stop(gunicorn)


def fetch(port, path, *, method="GET", body=None, headers=None, source="127.0.0.1", timeout=10):
    """(status, headers, text) of one request on a new connection from the given loopback address."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        connection.request(method, path, body=body, headers={"Host": "localhost", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode(errors="replace")
    finally:
        connection.close()


class SlowClients:
    """Connections that send a request's headers one byte at a time and never finish them."""

    REQUEST = b"GET /about/ HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow-client\r\nX-Padding: " + b"a" * 200

    def __init__(self, port, count, interval=0.2):
        self.sockets = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(count)]
        self.interval = interval
        self.sent = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._trickle, daemon=True)

    def _trickle(self):
        for byte in self.REQUEST:
            for sock in self.sockets:
                with contextlib.suppress(OSError):  # nginx may drop it: that is its job
                    sock.sendall(bytes([byte]))
            self.sent += 1
            if self._stop.wait(self.interval):
                return

    def __enter__(self):
        self._thread.start()
        time.sleep(1)  # every connection is open and has sent part of its request line
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        for sock in self.sockets:
            sock.close()


def timed_health(port, attempts=5, timeout=5.0):
    """The slowest of a few /healthz answers, in seconds (the timeout when one got none)."""
    slowest = 0.0
    for _ in range(attempts):
        start = time.monotonic()
        try:
            status, _, _ = fetch(port, "/healthz", timeout=timeout)
            assert status == 200
        except TimeoutError:
            return timeout
        slowest = max(slowest, time.monotonic() - start)
    return slowest


def test_ten_slow_clients_through_nginx_do_not_stall_the_site(stack):
    with SlowClients(stack["nginx"], 10) as slow:
        slowest = timed_health(stack["nginx"])
        still_sending = slow.sent < len(SlowClients.REQUEST)
    assert still_sending, "the slow clients finished their requests before /healthz was measured"
    assert slowest < 2, f"/healthz took {slowest:.2f} s behind nginx with 10 slow clients"


def test_without_nginx_as_few_slow_clients_as_workers_stall_gunicorn(stack):
    """Why the proxy is there (README, gunicorn.conf.py): a sync worker waits for its client's whole request."""
    with SlowClients(stack["gunicorn"], WORKERS):
        slowest = timed_health(stack["gunicorn"], attempts=1, timeout=2.0)
    assert slowest >= 2, "gunicorn answered directly despite a slow client on every worker"
    # Once the slow clients hang up, gunicorn answers again.
    assert timed_health(stack["gunicorn"], attempts=1) < 2


def test_twenty_quick_directory_clicks_from_one_address_all_succeed(stack):
    # All at once (8 at a time): the quickest a visitor, or a browser prefetching links, could be.
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda path: fetch(stack["nginx"], path, source="127.0.0.2")[0], DIRECTORY_CLICKS))
    assert statuses == [200] * len(DIRECTORY_CLICKS), list(zip(DIRECTORY_CLICKS, statuses, strict=True))


def test_a_burst_beyond_the_limit_gets_429_with_the_sites_own_page(stack):
    source, path = "127.0.0.3", "/programs/?sort=cost"
    fetch(stack["nginx"], path, source="127.0.0.4")  # rendered and cached once, so the burst is quick
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: fetch(stack["nginx"], path, source=source), range(80)))
    elapsed = time.monotonic() - start
    statuses = [status for status, _, _ in answers]
    # A burst of 30 on top of 10 a second: at least 31 answered, at most what the rate refilled meanwhile.
    assert 31 <= statuses.count(200) <= 31 + 10 * elapsed + 2, (statuses.count(200), elapsed)
    assert statuses.count(429) == 80 - statuses.count(200)
    status, headers, text = next(answer for answer in answers if answer[0] == 429)
    assert "<h1>Too many requests</h1>" in text, text[text.find("<title>") : text.find("</title>")]
    assert 'class="site-brand"' in text and "/static/css/site." in text  # the site's own look
    assert "Content-Security-Policy" in headers and headers["X-Frame-Options"] == "DENY"  # from Django
    # Another visitor, and the same one on a page without a query string, are not limited.
    assert fetch(stack["nginx"], path, source="127.0.0.5")[0] == 200
    assert fetch(stack["nginx"], "/about/", source=source)[0] == 200


def test_a_large_body_is_refused_on_public_pages_but_an_import_sized_one_reaches_the_admin(stack):
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    status, headers, text = fetch(stack["nginx"], "/search/", method="POST", body=b"q=" + b"a" * 17_000, headers=form)
    assert status == 413
    assert "<h1>Too much data sent</h1>" in text and "Content-Security-Policy" in headers
    # A small public POST still reaches Django (which answers it itself).
    assert fetch(stack["nginx"], "/search/", method="POST", body=b"q=nurse", headers=form)[0] != 413
    # The admin's CSV import takes up to 2 MB: nginx passes it on (Django then asks for the CSRF token).
    near_limit = b"x=" + b"a" * (2 * 1024 * 1024 - 1024)
    status, _, text = fetch(stack["nginx"], "/admin/login/", method="POST", body=near_limit, headers=form)
    assert status == 403 and "Not allowed" in text
    over_limit = b"x=" + b"a" * (2 * 1024 * 1024 + 1024)
    assert fetch(stack["nginx"], "/admin/login/", method="POST", body=over_limit, headers=form)[0] == 413


def test_oversized_request_headers_are_refused_by_nginx(stack):
    assert fetch(stack["nginx"], "/about/", headers={"Cookie": "a=" + "b" * 7000})[0] == 200
    # One header line over 8 KB, or more than 4 x 8 KB of them, never reaches gunicorn.
    assert fetch(stack["nginx"], "/about/", headers={"Cookie": "a=" + "b" * 9000})[0] == 400
    many = {f"X-Filler-{n}": "c" * 7000 for n in range(6)}
    assert fetch(stack["nginx"], "/about/", headers=many)[0] == 400


def test_static_files_come_from_whitenoise_through_nginx_with_the_settings_headers(stack):
    status, _, home = fetch(stack["nginx"], "/")
    assert status == 200
    stylesheet = home.split('href="/static/css/site.', 1)[1].split('"', 1)[0]
    status, headers, _ = fetch(stack["nginx"], f"/static/css/site.{stylesheet}")
    assert status == 200
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert headers["X-Content-Type-Options"] == "nosniff" and "Permissions-Policy" in headers
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]  # one home: nginx adds no copy


def test_nginx_sets_the_forwarded_headers_a_client_cannot_forge(stack):
    """Plain HTTP through nginx: a client claiming https gets no HSTS, because nginx says http."""
    status, headers, _ = fetch(stack["nginx"], "/about/", headers={"X-Forwarded-Proto": "https"})
    assert status == 200
    assert "Strict-Transport-Security" not in headers


def test_after_a_burst_the_limit_still_serves_ten_requests_a_second(stack):
    source, path = "127.0.0.6", "/programs/?sort=length"
    fetch(stack["nginx"], path, source="127.0.0.4")  # cached, so each answer is quick
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: fetch(stack["nginx"], path, source=source), range(40)))  # the burst is spent
    statuses = []
    for _ in range(10):
        time.sleep(0.11)  # a little slower than 10 a second
        statuses.append(fetch(stack["nginx"], path, source=source)[0])
    assert statuses == [200] * 10


def test_the_lockout_counts_the_address_nginx_saw_not_the_one_a_client_claims(stack):
    """nginx replaces X-Forwarded-For, and Django trusts that one entry: forging it dodges nothing."""
    source = "127.0.0.7"
    status, headers, page = fetch(stack["nginx"], "/admin/login/", source=source)
    assert status == 200
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    form = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie, "Referer": "http://localhost/"}
    body = f"csrfmiddlewaretoken={token}&username=editor&password=wrong-password".encode()
    statuses = [
        fetch(
            stack["nginx"],
            "/admin/login/",
            method="POST",
            body=body,
            headers={**form, "X-Forwarded-For": f"198.51.100.{attempt}"},
            source=source,
        )[0]
        for attempt in range(6)
    ]
    assert statuses[:4] == [200] * 4  # the form again, with its error
    assert statuses[-1] == 429, statuses  # locked out, whatever address each attempt claimed


@pytest.fixture(scope="module")
def tls_stack(stack):
    """The production shape of deploy/nginx/ (HTTPS plus HTTP redirecting to it) on free ports."""
    import observatory

    ca, certificate, key = observatory.make_local_ca(stack["scratch"] / "tls-high")
    http_port, https_port = scratch_site.free_port(), scratch_site.free_port()
    nginx = proxy_stack.start_nginx(
        stack["scratch"] / "nginx-tls-high",
        wait_for=[("127.0.0.1", http_port), ("127.0.0.1", https_port)],
        upstream=f"127.0.0.1:{stack['gunicorn']}",
        server_name="localhost",
        tls=True,
        http_listen=[f"127.0.0.1:{http_port}"],
        https_listen=[f"127.0.0.1:{https_port}"],
        https_port=https_port,
        certificate=str(certificate),
        certificate_key=str(key),
    )
    try:
        yield {"http": http_port, "https": https_port, "ca": ca}
    finally:
        proxy_stack.stop(nginx)


def test_tls_config_redirects_http_to_https_except_the_health_check(tls_stack):
    status, headers, _ = fetch(tls_stack["http"], "/about/?x=1")
    assert status == 301
    assert headers["Location"] == f"https://localhost:{tls_stack['https']}/about/?x=1"
    assert fetch(tls_stack["http"], "/healthz")[0] == 200


def test_tls_config_serves_https_with_hsts_from_django(tls_stack):
    context = ssl.create_default_context(cafile=str(tls_stack["ca"]))
    connection = http.client.HTTPSConnection("localhost", tls_stack["https"], context=context, timeout=10)
    try:
        connection.request("GET", "/about/")
        response = connection.getresponse()
        page = response.read().decode()
    finally:
        connection.close()
    assert response.status == 200
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")  # Django saw https
    assert f'<link rel="canonical" href="https://localhost:{tls_stack["https"]}/about/">' in page


def test_the_production_site_file_passes_nginx_t_inside_debians_own_nginx_conf(stack, tmp_path):
    """What deploy/README.md installs: the TLS site file, included where Debian includes sites-enabled/."""
    debian = Path("/etc/nginx/nginx.conf")
    if not debian.exists() or os.geteuid() != 0:
        pytest.skip("needs Debian's /etc/nginx/nginx.conf and root (it names /run/nginx.pid and /var/log/nginx)")
    import observatory

    _, certificate, key = observatory.make_local_ca(tmp_path / "tls")
    site = tmp_path / "careerpath"
    site.write_text(
        proxy_stack.render_nginx.render_site(
            upstream="127.0.0.1:8000",
            server_name="careerpath.example.org",
            tls=True,
            http_listen=["80", "[::]:80"],
            https_listen=["443", "[::]:443"],
            certificate=str(certificate),
            certificate_key=str(key),
            cache_dir=str(tmp_path / "errors-cache"),
        )
    )
    main = debian.read_text()
    assert "include /etc/nginx/sites-enabled/*;" in main
    conf = tmp_path / "nginx.conf"
    conf.write_text(main.replace("include /etc/nginx/sites-enabled/*;", f"include {site};"))
    check = subprocess.run([proxy_stack.NGINX, "-t", "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


# The pages nginx answers with, as Django renders them.


@pytest.mark.usefixtures("db")
@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [("/errors/429/", 429, "Too many requests"), ("/errors/413/", 413, "Too much data sent")],
)
def test_the_proxys_error_pages_are_the_sites_own(client, path, status, heading):
    response = client.get(path)
    assert response.status_code == status
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html and 'class="site-brand"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Content-Security-Policy" in response.headers
    if status == 429:
        assert response["Retry-After"] == "5"


def test_the_observatory_scanner_grades_the_site_behind_nginx_a_plus(stack):
    """The MDN HTTP Observatory's own scanner on ports 80 and 443 (so root), as `make observatory` runs it."""
    if not (IN_CI or os.environ.get("CAREERPATH_OBSERVATORY") == "1"):
        pytest.skip("the real scanner runs under CI=true or CAREERPATH_OBSERVATORY=1 (root, ports 80/443, npm)")
    if os.geteuid() != 0:
        pytest.fail("the Observatory scanner only scans ports 80 and 443, which need root", pytrace=False)
    import observatory

    from tests.test_security_headers import HOME_PAGE_RESULTS

    observatory.ensure_scanner()
    _, certificate, key = ca = observatory.make_local_ca(stack["scratch"] / "tls")
    nginx = observatory.start_tls_nginx(
        stack["scratch"] / "nginx-tls", f"127.0.0.1:{stack['gunicorn']}", certificate, key
    )
    try:
        report = observatory.scan(ca[0])
    finally:
        proxy_stack.stop(nginx)
    assert report["scan"]["grade"] == "A+", report
    # The scanner finds what tests/test_security_headers.py checks the headers for, test by test.
    found = sorted((test["result"], test["scoreModifier"]) for test in report["tests"].values())
    assert found == sorted(HOME_PAGE_RESULTS)
    assert report["scan"]["score"] == 100 + sum(modifier for _, modifier in HOME_PAGE_RESULTS)
