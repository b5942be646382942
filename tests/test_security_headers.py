"""The security headers: what each says, that every response carries them, and that each middleware that
adds one runs exactly once per response (fresh, cached, 304, static, 500).

The MDN HTTP Observatory's own scanner grades them behind the shipped nginx in tests/test_proxy.py (under
CI=true) and `make observatory` (docs/observatory.md); HOME_PAGE_RESULTS below is what it finds, and the
tests here check the headers behind each of those results directly.
"""

import importlib
import re
import sys
from collections import Counter

import pytest
from csp.middleware import CSPMiddleware
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.test import Client, override_settings
from django.urls import reverse

from careerpath.middleware import PolicyHeadersMiddleware

OBSERVATORY_ORIGIN = "https://http-observatory.security.mozilla.org"


SIX_MONTHS = 15768000


PRIVATE_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}


def parse_csp(header):
    """The policy as {directive: [source, …]} with lower-cased directive names."""
    policy = {}
    for part in header.split(";"):
        tokens = part.split()
        if tokens:
            policy.setdefault(tokens[0].lower(), [token.lower() for token in tokens[1:]])
    return policy


PROD_ONLY = [
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
]


@pytest.fixture
def production(monkeypatch):
    """The security settings of careerpath.settings.prod, read from it with production variables."""
    monkeypatch.setenv("DJANGO_SECRET_KEY", "a-production-like-secret-key-for-the-observatory-test-0123456789")
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "testserver")
    for name in ["DJANGO_SECURE_SSL_REDIRECT", "DJANGO_SECURE_COOKIES", "DJANGO_SECURE_HSTS_SECONDS"]:
        monkeypatch.delenv(name, raising=False)
    sys.modules.pop("careerpath.settings.prod", None)
    prod = importlib.import_module("careerpath.settings.prod")
    sys.modules.pop("careerpath.settings.prod", None)
    with override_settings(**{name: getattr(prod, name) for name in PROD_ONLY}):
        yield Client(raise_request_exception=False)


def _preflight(client, path):
    """The scanner's CORS request: OPTIONS with its own Origin, asking whether it may GET."""
    return client.options(path, HTTP_ORIGIN=OBSERVATORY_ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", secure=True)


# What the real scanner found on the home page behind the shipped nginx (docs/observatory.md).
HOME_PAGE_RESULTS = [
    ("csp-implemented-with-no-unsafe", 5),
    ("cookies-not-found", 0),
    ("cross-origin-resource-sharing-not-implemented", 0),
    ("hsts-implemented-max-age-at-least-six-months", 0),
    ("redirection-to-https", 0),
    ("referrer-policy-private", 5),
    ("sri-not-implemented-but-no-scripts-loaded", 0),
    ("x-content-type-options-nosniff", 0),
    ("x-frame-options-implemented-via-csp", 5),
    ("corp-implemented-with-same-origin", 10),
]


@pytest.mark.usefixtures("seeded")
def test_the_home_page_over_https_sends_the_headers_behind_each_of_the_scanners_results(production):
    response = production.get("/", secure=True)
    assert response.status_code == 200
    policy = parse_csp(response["Content-Security-Policy"])
    # csp-implemented-with-no-unsafe: nothing unsafe, no broad source, scripts and objects locked down.
    assert not any("unsafe" in source for sources in policy.values() for source in sources)
    assert policy["default-src"] == policy["script-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert not response.cookies  # cookies-not-found
    for answer in (response, _preflight(production, "/")):  # cross-origin-resource-sharing-not-implemented
        assert "Access-Control-Allow-Origin" not in answer.headers
    hsts = int(re.search(r"max-age=(\d+)", response["Strict-Transport-Security"]).group(1))
    assert hsts >= SIX_MONTHS  # hsts-implemented-max-age-at-least-six-months
    assert production.get("/").status_code == 301  # redirection-to-https
    assert response["Referrer-Policy"] in PRIVATE_REFERRER_POLICIES  # referrer-policy-private
    # sri-not-implemented-but-no-scripts-loaded: JSON-LD data blocks only, no script to load.
    assert not re.search(r"<script(?![^>]*application/ld\+json)", response.content.decode())
    assert response["X-Content-Type-Options"] == "nosniff"  # x-content-type-options-nosniff
    assert policy["frame-ancestors"] == ["'none'"]  # x-frame-options-implemented-via-csp
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"  # corp-implemented-with-same-origin


@pytest.mark.usefixtures("seeded")
def test_the_admin_sign_in_page_sets_only_secure_samesite_cookies(production):
    response = production.get(reverse("admin:login"), secure=True)
    assert response.status_code == 200
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    assert "Access-Control-Allow-Origin" not in _preflight(production, reverse("admin:login")).headers


@pytest.mark.usefixtures("seeded")
def test_a_signed_in_editors_session_cookie_is_secure_httponly_and_samesite(production, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    response = production.post(
        reverse("admin:login"),
        {"username": "editor", "password": "a-long-test-password", "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert session["max-age"] == 8 * 60 * 60


@pytest.mark.usefixtures("seeded")
def test_plain_http_is_redirected_to_https_on_the_same_host(production):
    response = production.get("/about/?x=1")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/about/?x=1"


@pytest.mark.usefixtures("db")
def test_the_health_check_answers_the_load_balancer_over_plain_http(production):
    assert production.get("/healthz").status_code == 200


@pytest.mark.usefixtures("seeded")
def test_hsts_is_a_year_with_subdomains_and_only_over_https(production):
    secure = production.get("/", secure=True)
    max_age = int(re.search(r"max-age=(\d+)", secure["Strict-Transport-Security"]).group(1))
    assert max_age >= 31536000
    assert "includeSubDomains" in secure["Strict-Transport-Security"]
    assert "Strict-Transport-Security" not in Client().get("/").headers


@pytest.mark.usefixtures("seeded")
def test_every_page_sends_the_strict_headers(client):
    response = client.get("/")
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in PRIVATE_REFERRER_POLICIES
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    features = dict(item.strip().split("=") for item in response["Permissions-Policy"].split(","))
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert features[feature] == "()"


@pytest.mark.usefixtures("db")
def test_static_files_carry_the_headers_too(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert "Permissions-Policy" in response.headers
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Access-Control-Allow-Origin" not in response.headers
    response.close()


# --- Every response, each header once ------------------------------------------------------------------

EVERY_SECURITY_HEADER = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin-Resource-Policy",
    "Cross-Origin-Opener-Policy",
)
# Where each header comes from: the one method of each middleware that adds it.
HEADER_LAYERS = [
    (SecurityMiddleware, "process_response"),
    (XFrameOptionsMiddleware, "process_response"),
    (CSPMiddleware, "process_response"),
    (PolicyHeadersMiddleware, "__call__"),
]


class FailingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise RuntimeError("a middleware failed")


def _below_the_header_layers(settings, offset):
    """MIDDLEWARE with FailingMiddleware `offset` places below the last security-header middleware (-1: last)."""
    middleware = list(settings.MIDDLEWARE)
    last = middleware.index("careerpath.middleware.PolicyHeadersMiddleware")
    middleware.insert(last + offset if offset > 0 else len(middleware), "tests.test_security_headers.FailingMiddleware")
    return middleware


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("offset", [1, 2, 3, 4, 5, -1])
def test_a_500_raised_anywhere_below_the_header_middlewares_carries_every_security_header(settings, offset):
    settings.MIDDLEWARE = _below_the_header_layers(settings, offset)
    response = Client(raise_request_exception=False).get("/about/")
    assert response.status_code == 500
    for header in EVERY_SECURITY_HEADER:
        assert response.get(header), header


@pytest.mark.usefixtures("seeded")
def test_a_cached_page_and_a_304_carry_every_security_header(client):
    client.get("/about/")
    cached = client.get("/about/")
    not_modified = client.get("/about/", HTTP_IF_NONE_MATCH=cached["ETag"])
    assert not_modified.status_code == 304
    for header in EVERY_SECURITY_HEADER:
        assert cached.get(header), header
        assert not_modified.get(header), header


@pytest.fixture
def header_layer_runs(monkeypatch):
    """How many times each security-header middleware has processed a response in this test."""
    runs = Counter()

    def counting(layer, original):
        def counted(self, *args, **kwargs):
            runs[layer.__name__] += 1
            return original(self, *args, **kwargs)

        return counted

    for layer, method in HEADER_LAYERS:
        monkeypatch.setattr(layer, method, counting(layer, getattr(layer, method)))
    return runs


@pytest.mark.usefixtures("seeded")
def test_each_security_header_middleware_runs_exactly_once_per_response(settings, header_layer_runs):
    once = {layer.__name__: 1 for layer, _method in HEADER_LAYERS}
    client = Client()
    fresh = client.get("/about/")
    cached = client.get("/about/")
    not_modified = client.get("/about/", HTTP_IF_NONE_MATCH=cached["ETag"])
    static = client.get("/static/css/site.css")
    static.close()
    settings.MIDDLEWARE = _below_the_header_layers(settings, 1)
    failed = Client(raise_request_exception=False).get("/about/")
    assert [
        fresh.status_code,
        cached.status_code,
        not_modified.status_code,
        static.status_code,
        failed.status_code,
    ] == [
        200,
        200,
        304,
        200,
        500,
    ]
    assert cached.content == fresh.content
    assert dict(header_layer_runs) == {name: 5 * count for name, count in once.items()}
