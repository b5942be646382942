"""A username lock an attacker cannot aim at an editor: a browser that has signed in as the user keeps its way in.

OWASP's device cookies: twenty failures for a username from any mix of addresses still lock that
username for every browser that has not signed in as it, the attacker's included; the editor's own
browser, which carries a signed device cookie for that user, is spared and has a limit of its own.
"""

import pytest
from django.conf import settings
from django.test import Client

from accounts.signin import SignInLockout
from tests.test_lockout import RIGHT, _attempt, editor  # noqa: F401 - the editor fixture, used below

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("editor")]


def _editors_browser():
    """A browser the editor has signed in with before, then signed out of (the device cookie stays)."""
    browser = Client()
    assert _attempt("editor", RIGHT, "192.0.2.10", client=browser).status_code == 302
    assert settings.SIGN_IN_DEVICE_COOKIE_NAME in browser.cookies
    browser.post("/admin/logout/")
    del browser.cookies[settings.SESSION_COOKIE_NAME]
    return browser


def _attack(username="editor"):
    """The twenty-failure attack from six addresses, in a browser without a device cookie."""
    attacker = Client()
    statuses = [
        _attempt(username, "wrong-password", f"198.51.100.{n % 6 + 1}", client=attacker).status_code for n in range(20)
    ]
    assert statuses[-1] == 429 and set(statuses[:-1]) == {200}
    assert SignInLockout.objects.filter(scope="username", username=username).exists()
    return attacker


def test_after_the_attack_the_editor_s_own_browser_signs_in_and_the_attacker_s_does_not():
    browser = _editors_browser()
    attacker = _attack()
    assert _attempt("editor", RIGHT, "203.0.113.99", client=attacker).status_code == 429  # even the right password
    assert _attempt("editor", RIGHT, "203.0.113.98", client=Client()).status_code == 429  # any other new browser
    assert _attempt("editor", RIGHT, "203.0.113.50", client=browser).status_code == 302  # from a new address too


def test_a_forged_or_another_user_s_device_cookie_does_not_open_the_lock(django_user_model):
    django_user_model.objects.create_superuser("other", "other@example.org", "other-long-password")
    others_browser = Client()
    assert _attempt("other", "other-long-password", "192.0.2.11", client=others_browser).status_code == 302
    _attack()
    forged = Client()
    genuine = others_browser.cookies[settings.SIGN_IN_DEVICE_COOKIE_NAME].value
    forged.cookies[settings.SIGN_IN_DEVICE_COOKIE_NAME] = genuine[:-2] + ("AA" if genuine[-2:] != "AA" else "BB")
    assert _attempt("editor", RIGHT, "203.0.113.97", client=forged).status_code == 429
    others_browser.cookies.pop(settings.SESSION_COOKIE_NAME, None)
    assert _attempt("editor", RIGHT, "203.0.113.96", client=others_browser).status_code == 429  # signed for "other"


def test_the_editor_s_browser_has_a_limit_of_its_own_and_its_failures_do_not_lock_the_username():
    browser = _editors_browser()
    # Four from each of five addresses: twenty in all, but from a browser that has signed in as the editor.
    for number in range(4):
        assert _attempt("editor", "wrong-password", f"198.51.100.{number + 1}", client=browser).status_code == 200
    assert _attempt("editor", "wrong-password", "198.51.100.9", client=browser).status_code == 429  # its own fifth
    assert _attempt("editor", RIGHT, "198.51.100.10", client=browser).status_code == 429  # that browser waits
    assert not SignInLockout.objects.filter(scope="username").exists()
    assert _attempt("editor", RIGHT, "192.0.2.44", client=Client()).status_code == 302  # no one else is held


def test_the_device_cookie_is_for_the_admin_only_secret_and_long_lived():
    browser = Client()
    _attempt("editor", RIGHT, "192.0.2.10", client=browser)
    cookie = browser.cookies[settings.SIGN_IN_DEVICE_COOKIE_NAME]
    assert cookie["path"] == "/admin/"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
