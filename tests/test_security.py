"""Security headers (scored by the Mozilla HTTP Observatory's rules), admin sign-in protection and error pages.

Observatory rules: https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring (mdn/yari,
copy/observatory/tests_and_scoring.md). Start at 100, take off the penalties and, only if that
leaves 90 or more, add the bonuses. Results that need the network rather than one response
(the HSTS preload list, http→https redirection of a real host) are scored from what our
settings do, and the redirection is tested on its own below.

These functions score offline what the scanner itself (npm @mdn/mdn-http-observatory) checks; the
real scanner runs against the site behind the shipped nginx in `make observatory` and, under
CI=true, in tests/test_proxy.py, which also checks that both give the home page the same results.
"""

import importlib
import re
import sys
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.views.defaults import permission_denied, server_error
from pytest_django.asserts import assertContains

# The Observatory's scoring, one function per test it runs.


# Each result's modifier, as the scanner (npm @mdn/mdn-http-observatory 1.4.8, src/grader/charts.js)
# scores it; `make observatory` runs that scanner itself (docs/observatory.md).
SCORES = {
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-implemented-with-cross-origin": 0,
    "corp-not-implemented": 0,
    "corp-header-invalid": -5,
}
OBSERVATORY_ORIGIN = "https://http-observatory.security.mozilla.org"
SIX_MONTHS = 15768000
PRIVATE_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
BROAD_SOURCES = {"*", "http:", "https:", "data:", "blob:", "filesystem:"}


def parse_csp(header):
    """The policy as {directive: [source, …]} with lower-cased directive names."""
    policy = {}
    for part in header.split(";"):
        tokens = part.split()
        if tokens:
            policy.setdefault(tokens[0].lower(), [token.lower() for token in tokens[1:]])
    return policy


def score_csp(header):
    if not header:
        return "csp-not-implemented", -25
    policy = parse_csp(header)
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    style = policy.get("style-src", default)
    objects = policy.get("object-src", default)
    if script is None or objects is None:
        return "csp-implemented-with-unsafe-inline", -20
    uses_nonce_or_hash = any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for s in script)
    if ("'unsafe-inline'" in script and not uses_nonce_or_hash) or BROAD_SOURCES & set(script):
        return "csp-implemented-with-unsafe-inline", -20
    if BROAD_SOURCES & set(objects):
        return "csp-implemented-with-unsafe-inline", -20
    every_source = [source for sources in policy.values() for source in sources]
    if any(source.startswith("http:") for source in every_source):
        return "csp-implemented-with-insecure-scheme", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if style is not None and ({"'unsafe-inline'"} | BROAD_SOURCES) & set(style):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def score_cookies(cookies, hsts):
    """cookies: the response's SimpleCookie (every Set-Cookie it sends)."""
    if not cookies:
        return "cookies-not-found", 0
    worst = ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    for name, morsel in cookies.items():
        is_session = any(marker in name.lower() for marker in ("login", "sess"))
        is_csrf = "csrf" in name.lower()
        samesite = (morsel["samesite"] or "").lower()
        findings = []
        if is_session and not morsel["secure"]:
            findings.append(
                ("cookies-session-without-secure-flag-but-protected-by-hsts", -10)
                if hsts
                else ("cookies-session-without-secure-flag", -40)
            )
        if is_session and not morsel["httponly"]:
            findings.append(("cookies-session-without-httponly-flag", -30))
        if not morsel["secure"]:
            findings.append(
                ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                if hsts
                else ("cookies-without-secure-flag", -20)
            )
        if samesite and samesite not in {"strict", "lax"}:
            findings.append(("cookies-samesite-flag-invalid", -20))
        if is_csrf and not samesite:
            findings.append(("cookies-anticsrf-without-samesite-flag", -20))
        if not samesite and not findings:
            findings.append(("cookies-secure-with-httponly-sessions", 0))
        for finding in findings:
            if finding[1] < worst[1]:
                worst = finding
    return worst


def score_hsts(header, over_https):
    if not over_https:
        return "hsts-not-implemented-no-https", -20
    if not header:
        return "hsts-not-implemented", -20
    directives = {}
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        directives[key.lower()] = value.strip('"')
    try:
        max_age = int(directives["max-age"])
    except (KeyError, ValueError):
        return "hsts-header-invalid", -20
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def score_referrer(header):
    if not header:
        return "referrer-policy-not-implemented", 0
    values = {value.strip().lower() for value in header.split(",")}
    if values & {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}:
        return "referrer-policy-unsafe", -5
    if values <= PRIVATE_REFERRER_POLICIES:
        return "referrer-policy-private", 5
    return "referrer-policy-header-invalid", -5


def score_frame_options(header, csp_header):
    if csp_header and "frame-ancestors" in parse_csp(csp_header):
        return "x-frame-options-implemented-via-csp", 5
    if not header:
        return "x-frame-options-not-implemented", -20
    if header.strip().upper() in {"DENY", "SAMEORIGIN"}:
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-header-invalid", -20


def score_cors(allow_origin, allow_credentials=None, request_origin=OBSERVATORY_ORIGIN):
    """The scanner's CORS test: its preflight (OPTIONS with its own Origin) and what the site allowed.

    Reflecting the asking origin with credentials lets any site read a visitor's pages: -50.
    """
    if not allow_origin:
        return "cross-origin-resource-sharing-not-implemented", SCORES["cross-origin-resource-sharing-not-implemented"]
    if allow_origin[:256].strip().lower() == "*":
        result = "cross-origin-resource-sharing-implemented-with-public-access"
    elif allow_origin == request_origin and (allow_credentials or "").strip().lower() == "true":
        result = "cross-origin-resource-sharing-implemented-with-universal-access"
    else:
        result = "cross-origin-resource-sharing-implemented-with-restricted-access"
    return result, SCORES[result]


def score_corp(header):
    if not header:
        return "corp-not-implemented", SCORES["corp-not-implemented"]
    value = header[:256].strip().lower()
    result = {
        "same-origin": "corp-implemented-with-same-origin",
        "same-site": "corp-implemented-with-same-site",
        "cross-origin": "corp-implemented-with-cross-origin",
    }.get(value, "corp-header-invalid")
    return result, SCORES[result]


class _Scripts(HTMLParser):
    """The attributes of every <script> element of a page."""

    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append({name: value or "" for name, value in attrs})


def _registrable_domain(host):
    """The domain a site registers (example.org for www.example.org); the scanner asks the public suffix
    list, for which the last two labels stand in here (no site of ours is under a two-label suffix)."""
    labels = (host or "").lower().rstrip(".").split(".")
    return ".".join(labels[-2:])


# The scanner's order for SRI findings: a new one replaces the current one only when it stands
# later in this list (its `onlyIfWorse`, src/analyzer/tests/subresource-integrity.js).
SRI_ORDER = [
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-implemented-but-external-scripts-not-loaded-securely",
    "sri-not-implemented-but-external-scripts-loaded-securely",
    "sri-not-implemented-and-external-scripts-not-loaded-securely",
    "sri-not-implemented-response-not-html",
]


def score_sri(content_type, body, *, over_https=True, hostname="testserver"):
    """Subresource integrity of the page's scripts: an external script without `integrity` costs 5,
    one over plain HTTP 50 (20 with `integrity`); `integrity` on scripts loaded securely earns 5."""
    if content_type.split(";")[0] not in {"text/html", "application/xhtml+xml"}:
        return "sri-not-implemented-response-not-html", SCORES["sri-not-implemented-response-not-html"]
    parser = _Scripts()
    parser.feed(body)
    if not parser.scripts:
        return "sri-not-implemented-but-no-scripts-loaded", SCORES["sri-not-implemented-but-no-scripts-loaded"]

    def worse(new, old):
        return new if old is None or SRI_ORDER.index(new) > SRI_ORDER.index(old) else old

    result, foreign = None, False
    for script in parser.scripts:
        src, integrity = script.get("src", ""), script.get("integrity", "")
        if not src:
            continue  # inline scripts load nothing
        relative_protocol = re.match(r"^//[^/]", src) is not None
        relative_origin = not relative_protocol and re.match(r"^https?://", src) is None
        if relative_protocol or relative_origin:
            same_site = True
        else:
            same_site = _registrable_domain(urlsplit(src).hostname) == _registrable_domain(hostname)
        secure_origin = relative_origin or (same_site and not relative_protocol)
        scheme = None if relative_protocol or relative_origin else urlsplit(src).scheme.lower()
        secure_scheme = scheme == "https" or (relative_origin and over_https)
        if secure_origin:
            if integrity and secure_scheme and result is None:
                result = "sri-implemented-and-all-scripts-loaded-securely"
            continue
        foreign = True
        if integrity and not secure_scheme:
            result = worse("sri-implemented-but-external-scripts-not-loaded-securely", result)
        elif not integrity and secure_scheme:
            result = worse("sri-not-implemented-but-external-scripts-loaded-securely", result)
        elif not integrity:
            result = worse("sri-not-implemented-and-external-scripts-not-loaded-securely", result)
    if result is None:
        result = (
            "sri-implemented-and-external-scripts-loaded-securely"
            if foreign
            else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
        )
    return result, SCORES[result]


def observatory(response, *, preflight=None, over_https=True, redirects_http_to_https=True):
    """(score, grade, [(test result, modifier), …]) for a Django test response.

    preflight: the answer to the scanner's CORS request (OPTIONS with Origin: OBSERVATORY_ORIGIN).
    """
    headers = response.headers
    cors = (preflight or response).headers
    csp = headers.get("Content-Security-Policy", "")
    hsts_result = score_hsts(headers.get("Strict-Transport-Security", ""), over_https)
    results = [
        score_csp(csp),
        score_cookies(response.cookies, hsts=hsts_result[1] == 0),
        score_cors(cors.get("Access-Control-Allow-Origin"), cors.get("Access-Control-Allow-Credentials")),
        hsts_result,
        ("redirection-to-https", 0) if redirects_http_to_https else ("redirection-missing", -20),
        score_referrer(headers.get("Referrer-Policy", "")),
        score_sri(headers.get("Content-Type", ""), response.content.decode(errors="replace"), over_https=over_https),
        ("x-content-type-options-nosniff", 0)
        if headers.get("X-Content-Type-Options", "").strip().lower() == "nosniff"
        else ("x-content-type-options-not-implemented", -5),
        score_frame_options(headers.get("X-Frame-Options", ""), csp),
        score_corp(headers.get("Cross-Origin-Resource-Policy", "")),
    ]
    score = max(0, 100 + sum(modifier for _, modifier in results if modifier < 0))
    if score >= 90:
        score += sum(modifier for _, modifier in results if modifier > 0)
    return score, grade(score), results


def grade(score):
    for floor, letter in [
        (100, "A+"),
        (90, "A"),
        (85, "A-"),
        (80, "B+"),
        (70, "B"),
        (65, "B-"),
        (60, "C+"),
        (50, "C"),
        (45, "C-"),
        (40, "D+"),
        (30, "D"),
        (25, "D-"),
    ]:
        if score >= floor:
            return letter
    return "F"


# Settings that make the test client behave like production behind TLS.

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
def test_home_page_scores_a_plus_on_the_observatory(production):
    response = production.get("/", secure=True)
    assert response.status_code == 200
    score, letter, results = observatory(response, preflight=_preflight(production, "/"))
    assert results == HOME_PAGE_RESULTS
    assert (score, letter) == (125, "A+")


@pytest.mark.usefixtures("seeded")
def test_admin_sign_in_page_with_its_cookies_scores_a_plus(production):
    response = production.get(reverse("admin:login"), secure=True)
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    score, letter, results = observatory(response, preflight=_preflight(production, reverse("admin:login")))
    assert ("cookies-secure-with-httponly-sessions-and-samesite", 5) in results
    assert ("cross-origin-resource-sharing-not-implemented", 0) in results
    assert score >= 125, results
    assert letter == "A+"


# The scoring functions on their own, against the results the scanner gives the same input.


@pytest.mark.parametrize(
    ("allow_origin", "credentials", "expected"),
    [
        (None, None, ("cross-origin-resource-sharing-not-implemented", 0)),
        ("*", None, ("cross-origin-resource-sharing-implemented-with-public-access", 0)),
        ("https://partner.example", "true", ("cross-origin-resource-sharing-implemented-with-restricted-access", 0)),
        (OBSERVATORY_ORIGIN, None, ("cross-origin-resource-sharing-implemented-with-restricted-access", 0)),
        (OBSERVATORY_ORIGIN, "true", ("cross-origin-resource-sharing-implemented-with-universal-access", -50)),
    ],
)
def test_cors_scoring_punishes_reflecting_any_origin_with_credentials(allow_origin, credentials, expected):
    assert score_cors(allow_origin, credentials) == expected


def _page(*scripts):
    return "<!doctype html><html><head>" + "".join(scripts) + "</head><body><p>x</p></body></html>"


@pytest.mark.parametrize(
    ("body", "over_https", "expected"),
    [
        (_page(), True, ("sri-not-implemented-but-no-scripts-loaded", 0)),
        (
            _page('<script type="application/ld+json">{}</script>'),
            True,
            ("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0),
        ),
        (
            _page('<script src="/static/js/site.js"></script>'),
            True,
            ("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0),
        ),
        (
            _page('<script src="/static/js/site.js" integrity="sha384-abc"></script>'),
            True,
            ("sri-implemented-and-all-scripts-loaded-securely", 5),
        ),
        (
            _page('<script src="/static/js/site.js" integrity="sha384-abc"></script>'),
            False,
            ("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0),
        ),
        (
            _page('<script src="https://cdn.example.net/lib.js" integrity="sha384-abc"></script>'),
            True,
            ("sri-implemented-and-external-scripts-loaded-securely", 5),
        ),
        (
            _page('<script src="https://cdn.example.net/lib.js"></script>'),
            True,
            ("sri-not-implemented-but-external-scripts-loaded-securely", -5),
        ),
        (
            _page('<script src="http://cdn.example.net/lib.js" integrity="sha384-abc"></script>'),
            True,
            ("sri-implemented-but-external-scripts-not-loaded-securely", -20),
        ),
        (
            _page('<script src="http://cdn.example.net/lib.js"></script>'),
            True,
            ("sri-not-implemented-and-external-scripts-not-loaded-securely", -50),
        ),
        (
            _page('<script src="//cdn.example.net/lib.js"></script>'),
            True,
            ("sri-not-implemented-and-external-scripts-not-loaded-securely", -50),
        ),
        (
            _page('<script src="https://static.testserver.example/a.js"></script>'),
            True,
            ("sri-not-implemented-but-external-scripts-loaded-securely", -5),
        ),
        (
            _page('<script src="https://www.example.org/a.js"></script>'),
            True,
            ("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0),
        ),
    ],
)
def test_sri_scoring_follows_where_and_how_scripts_are_loaded(body, over_https, expected):
    assert score_sri("text/html; charset=utf-8", body, over_https=over_https, hostname="example.org") == expected


def test_sri_scoring_ignores_what_is_not_html():
    assert score_sri("application/json", "<script src='http://x.example/a.js'></script>") == (
        "sri-not-implemented-response-not-html",
        0,
    )


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", ("corp-not-implemented", 0)),
        ("same-origin", ("corp-implemented-with-same-origin", 10)),
        ("Same-Site", ("corp-implemented-with-same-site", 10)),
        ("cross-origin", ("corp-implemented-with-cross-origin", 0)),
        ("nonsense", ("corp-header-invalid", -5)),
    ],
)
def test_corp_scoring(header, expected):
    assert score_corp(header) == expected


def test_penalties_outweigh_bonuses_below_ninety():
    class Response:
        headers = {"Content-Type": "text/html", "Cross-Origin-Resource-Policy": "same-origin"}
        cookies = {}
        content = _page('<script src="https://cdn.example.net/lib.js"></script>').encode()

    score, letter, results = observatory(Response(), redirects_http_to_https=False)
    # No CSP -25, no HSTS -20, no redirect -20, no nosniff -5, no X-Frame-Options -20, external script -5:
    # 5 left, and the CORP bonus is not added below 90.
    assert ("corp-implemented-with-same-origin", 10) in results
    assert (score, letter) == (5, "F")


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
    score, _, results = observatory(response)
    assert ("cookies-secure-with-httponly-sessions-and-samesite", 5) in results
    assert score >= 110


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


# The admin under the CSP: no inline script, event handler or style attribute it relies on.

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)


def _admin_pages():
    from careers.models import Occupation, WageFigure
    from certifications.models import Certification

    occupation = Occupation.objects.first()
    wage = WageFigure.objects.first()
    return [
        reverse("admin:index"),
        reverse("admin:careers_occupation_changelist"),
        reverse("admin:careers_occupation_change", args=[occupation.pk]),
        reverse("admin:careers_occupation_add"),
        reverse("admin:careers_occupation_history", args=[occupation.pk]),
        reverse("admin:certifications_certification_change", args=[Certification.objects.first().pk]),
        reverse("admin:careers_wagefigure_changelist"),
        reverse("admin:careers_wagefigure_import"),
        reverse("admin:careers_wagefigure_export"),
        reverse("admin:careers_wagefigure_history", args=[wage.pk]),
        reverse("admin:programs_program_changelist"),
        reverse("admin:programs_program_import"),
        reverse("admin:programs_program_export"),
        reverse("admin:content_source_recoverlist"),
    ]


@pytest.mark.usefixtures("seeded")
def test_the_admin_needs_nothing_the_content_security_policy_forbids(editor_client):
    for url in _admin_pages():
        response = editor_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group(0))
        assert not EVENT_HANDLER.search(html), (url, EVENT_HANDLER.search(html).group(0))
        assert not STYLE_ATTRIBUTE.search(html), (url, STYLE_ATTRIBUTE.search(html).group(0))


@pytest.mark.usefixtures("seeded")
def test_the_admin_sign_in_page_needs_nothing_the_policy_forbids(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert not EVENT_HANDLER.search(html)
    assert not STYLE_ATTRIBUTE.search(html)


# Admin sign-in: lockout, session lifetime, new session key, password rules.

LOGIN = "/admin/login/"


def _attempt(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "the-right-long-password")


def test_five_wrong_passwords_lock_that_address_and_username_for_half_an_hour(client, editor):
    for _ in range(4):
        assert _attempt(client, "editor", "wrong-password").status_code == 200
    locked = _attempt(client, "editor", "wrong-password")
    assert locked.status_code == 429
    assertContains(locked, "locked for 30 minutes", status_code=429)
    # Even the right password is refused while the lock lasts.
    assert _attempt(client, "editor", "the-right-long-password").status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_touches_only_that_pair(client, editor, django_user_model):
    django_user_model.objects.create_superuser("other", "other@example.org", "other-long-password")
    for _ in range(5):
        _attempt(client, "editor", "wrong-password")
    assert _attempt(client, "other", "other-long-password").status_code == 302
    assert _attempt(Client(), "editor", "the-right-long-password", ip="198.51.100.9").status_code == 302


# The lockout's limits, its fixed end, lifting it and cleaning its records: tests/test_lockout.py.
# Which address it counts behind a proxy: tests/test_proxy_trust.py.


def test_signing_in_gives_a_new_session_key(client, editor):
    session = client.session
    session["seen_home"] = True
    session.save()
    client.cookies["sessionid"] = session.session_key
    before = session.session_key
    assert _attempt(client, "editor", "the-right-long-password").status_code == 302
    after = client.cookies["sessionid"].value
    assert after and after != before
    assert client.session["_auth_user_id"] == str(editor.pk)


@pytest.mark.parametrize("password", ["short-pw1", "password1234", "123456789012345"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("mauve-lantern-orbit-47")


# Custom error pages.


@pytest.mark.usefixtures("db")
def test_an_unknown_address_gets_the_friendly_404(client):
    response = client.get("/no-such-page/")
    assertContains(response, "Page not found", status_code=404)
    assert "Content-Security-Policy" in response.headers


@pytest.mark.usefixtures("db")
def test_a_forged_host_gets_the_friendly_400(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assertContains(response, "Bad request", status_code=400)


@pytest.mark.usefixtures("db")
def test_a_form_without_its_csrf_token_gets_the_friendly_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "a", "password": "b"})
    assertContains(response, "Not allowed", status_code=403)


@pytest.mark.usefixtures("db")
def test_the_403_page_for_a_refused_permission():
    response = permission_denied(RequestFactory().get("/"), exception=None)
    assertContains(response, "Not allowed", status_code=403)


def test_the_500_page_renders_without_the_database_or_a_request_context():
    response = server_error(RequestFactory().get("/"))
    assertContains(response, "Something went wrong", status_code=500)
