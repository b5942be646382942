"""Forwarded headers are believed only from our own proxies (settings.TRUSTED_PROXIES), so a client that
reaches gunicorn directly cannot choose the address the lockout counts, nor claim https."""

import http.client
import re
import runpy

import pytest
from django.test import Client, override_settings

from accounts.signin import SignInFailure
from careerpath.proxy import DEFAULT_TRUSTED_PROXIES

from . import live_site

LOGIN = "/admin/login/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "the-right-long-password")


def _fail_once(peer, forwarded_for):
    return Client().post(
        LOGIN,
        {"username": "editor", "password": "wrong-password", "next": "/admin/"},
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_behind_a_trusted_proxy_the_lockout_counts_the_visitors_address(editor):
    _fail_once("10.0.0.2", "6.6.6.6, 203.0.113.50")
    assert SignInFailure.objects.get().ip_address == "203.0.113.50"


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXIES=["127.0.0.1"])
def test_a_client_reaching_gunicorn_directly_cannot_choose_its_address(editor):
    for attempt in range(4):
        assert _fail_once("203.0.113.9", f"198.51.100.{attempt}").status_code == 200
    assert set(SignInFailure.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    assert _fail_once("203.0.113.9", "198.51.100.99").status_code == 429  # the fifth locks it


@override_settings(
    TRUSTED_PROXIES=["127.0.0.1"],
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    SECURE_SSL_REDIRECT=True,
)
def test_only_a_trusted_proxy_can_say_the_request_was_https(db):
    direct = Client().get("/about/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    assert direct.status_code == 301 and direct["Location"].startswith("https://")
    proxied = Client().get("/about/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200


def test_gunicorn_trusts_the_same_proxies_as_django_by_default(monkeypatch):
    monkeypatch.delenv("GUNICORN_FORWARDED_ALLOW_IPS", raising=False)
    monkeypatch.delenv("DJANGO_TRUSTED_PROXIES", raising=False)
    config = runpy.run_path(str(live_site.BASE_DIR / "gunicorn.conf.py"))
    assert config["forwarded_allow_ips"] == DEFAULT_TRUSTED_PROXIES
    monkeypatch.setenv("DJANGO_TRUSTED_PROXIES", "192.0.2.10")
    assert runpy.run_path(str(live_site.BASE_DIR / "gunicorn.conf.py"))["forwarded_allow_ips"] == "192.0.2.10"


# --- The real thing: gunicorn under production settings, reached directly -----------------------


@pytest.fixture(scope="module")
def scratch_site(tmp_path_factory, prepared_site):
    scratch = tmp_path_factory.mktemp("proxy-trust")
    env = live_site.site_env(
        scratch, DJANGO_TRUSTED_PROXY_COUNT="1", DJANGO_SECURE_PROXY_SSL_HEADER="1", DJANGO_LOG_LEVEL="ERROR"
    )
    live_site.prepare(env, prepared_site)
    return scratch, env


def _request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


def _sign_in_fails(port, forwarded_for, *, origin_scheme):
    status, headers, body = _request(port, "GET", LOGIN)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    form = f"csrfmiddlewaretoken={token}&username={live_site.EDITOR}&password=wrong-password&next=/admin/"
    return _request(
        port,
        "POST",
        LOGIN,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "X-Forwarded-For": forwarded_for,
            "X-Forwarded-Proto": "https",
            # CSRF compares the Origin with the scheme Django believes.
            "Origin": f"{origin_scheme}://127.0.0.1:{port}",
        },
        body=form,
    )[0]


@pytest.mark.parametrize("trusted", [False, True], ids=["gunicorn-reached-directly", "through-a-trusted-proxy"])
def test_gunicorn_reached_directly_believes_no_forwarded_header(scratch_site, trusted):
    scratch, env = scratch_site
    # The test's own requests come from 127.0.0.1: a trusted proxy only in the second case.
    proxies = "127.0.0.1,::1" if trusted else "192.0.2.1"
    env = {**env, "DJANGO_TRUSTED_PROXIES": proxies}
    port = live_site.free_port()
    server = live_site.start_gunicorn(env, port, scratch / f"gunicorn-{trusted}.log", workers=1)
    try:
        _status, headers, _body = _request(port, "GET", "/about/", headers={"X-Forwarded-Proto": "https"})
        # HSTS goes only on responses to requests Django believes were https.
        assert ("Strict-Transport-Security" in headers) is trusted

        scheme = "https" if trusted else "http"
        statuses = [_sign_in_fails(port, f"198.51.100.{n}", origin_scheme=scheme) for n in range(5)]
        if trusted:  # five different visitors, one failure each: nobody is locked
            assert statuses == [200] * 5
        else:  # one client, whatever it claims: the fifth failure locks it
            assert statuses == [200, 200, 200, 200, 429]
    finally:
        live_site.stop(server)
        live_site.manage(env, "axes_reset")
