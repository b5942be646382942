"""The username lock cannot be aimed at an editor, against real gunicorn workers behind a trusted proxy.

The attacker's twenty failures come from six addresses (X-Forwarded-For, believed from the proxy on
127.0.0.1); then the editor's own browser, which has signed in before, signs in from a new address, and
the attacker's browser, with the right password, does not.
"""

import pytest

from tests import live_site

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(scope="module")
def site(tmp_path_factory, prepared_site):
    scratch = tmp_path_factory.mktemp("lockout-live")
    env = live_site.site_env(
        scratch, DJANGO_TRUSTED_PROXY_COUNT="1", DJANGO_TRUSTED_PROXIES="127.0.0.1,::1", DJANGO_LOG_LEVEL="ERROR"
    )
    live_site.prepare(env, prepared_site)
    port = live_site.free_port()
    server = live_site.start_gunicorn(env, port, scratch / "gunicorn.log", workers=2)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        live_site.stop(server)


def _sign_in(browser, password, address):
    """(status, final URL) of one sign-in from `address`, as the proxy reports it."""
    forwarded = {"X-Forwarded-For": address}
    status, _, html = browser.open(LOGIN, headers=forwarded)
    form = next(f for f in live_site.forms_of(html) if f["attrs"].get("id") == "login-form")
    fields = dict(form["fields"])
    fields.update(username=live_site.EDITOR, password=password)
    status, url, _ = browser.open(LOGIN, fields, headers=forwarded)
    return status, url


def test_the_editor_s_own_browser_signs_in_through_an_attack_and_the_attacker_s_does_not(site):
    editor = live_site.Browser(site)
    assert _sign_in(editor, live_site.EDITOR_PASSWORD, "192.0.2.10") == (200, f"{site}/admin/")
    for cookie in [c for c in editor.jar if c.name == "sessionid"]:
        editor.jar.clear(cookie.domain, cookie.path, cookie.name)  # signed out; the device cookie stays

    attacker = live_site.Browser(site)
    statuses = [_sign_in(attacker, "wrong-password", f"198.51.100.{n % 6 + 1}")[0] for n in range(20)]
    assert statuses[-1] == 429 and set(statuses[:-1]) == {200}

    assert _sign_in(attacker, live_site.EDITOR_PASSWORD, "203.0.113.99")[0] == 429
    assert _sign_in(live_site.Browser(site), live_site.EDITOR_PASSWORD, "203.0.113.98")[0] == 429
    assert _sign_in(editor, live_site.EDITOR_PASSWORD, "203.0.113.50") == (200, f"{site}/admin/")
