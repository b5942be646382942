"""The admin under the Content-Security-Policy, admin sign-in protection, password rules and error pages.

The security headers themselves: tests/test_security_headers.py.
"""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import permission_denied, server_error
from pytest_django.asserts import assertContains

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
