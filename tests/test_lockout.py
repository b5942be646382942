"""Admin sign-in lockout: three limits within 30 minutes, a lock that ends 30 minutes after it began,
lifted from manage.py, and old records cleaned away."""

import io
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains

from accounts.signin import SignInFailure, SignInLockout

LOGIN = "/admin/login/"
RIGHT = "the-right-long-password"

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", RIGHT)


def _attempt(username, password, ip="203.0.113.7", client=None):
    client = client or Client()
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip)


def _signs_in(username="editor", password=RIGHT, ip="203.0.113.7"):
    return _attempt(username, password, ip).status_code == 302


def _time_passes(**delta):
    """Move every sign-in record back in time, as if `delta` had passed."""
    delta = timedelta(**delta)
    for failure in SignInFailure.objects.all():
        failure.attempted_at -= delta
        failure.save()
    for lockout in SignInLockout.objects.all():
        lockout.began_at -= delta
        lockout.ends_at -= delta
        lockout.save()


def test_five_failures_for_one_address_and_username_lock_that_pair(editor, django_user_model):
    django_user_model.objects.create_superuser("other", "other@example.org", "other-long-password")
    for _ in range(4):
        assert _attempt("editor", "wrong-password").status_code == 200
    locked = _attempt("editor", "wrong-password")
    assert locked.status_code == 429
    assertContains(locked, "Sign-in locked for 30 minutes", status_code=429)
    assert 1700 < int(locked["Retry-After"]) <= 1800
    assert not _signs_in()  # even the right password, while the lock lasts
    assert _signs_in("other", "other-long-password")  # another username from that address
    assert _signs_in(ip="198.51.100.9")  # that username from elsewhere


def test_thirty_failures_from_one_address_lock_it_whatever_the_username(editor):
    for number in range(29):
        assert _attempt(f"guess{number}", "wrong-password", ip="203.0.113.66").status_code == 200
    assert _attempt("guess29", "wrong-password", ip="203.0.113.66").status_code == 429
    assert not _signs_in(ip="203.0.113.66")  # a spray from one address is stopped for every account
    assert _signs_in(ip="198.51.100.9")


def test_twenty_failures_for_one_username_lock_it_from_every_address(editor, django_user_model):
    django_user_model.objects.create_superuser("other", "other@example.org", "other-long-password")
    for number in range(19):
        assert _attempt("editor", "wrong-password", ip=f"198.51.100.{number + 1}").status_code == 200
    assert _attempt("editor", "wrong-password", ip="198.51.100.20").status_code == 429
    assert not _signs_in(ip="192.0.2.200")  # from an address never seen before
    assert _signs_in("other", "other-long-password", ip="192.0.2.200")


def test_a_forgotten_password_elsewhere_does_not_lock_an_editor_out(editor):
    # Four tries from each of four addresses: 16 for the username, under every limit.
    for number in range(4):
        for _ in range(4):
            _attempt("editor", "wrong-password", ip=f"198.51.100.{number + 1}")
    assert _signs_in(ip="192.0.2.1")


def test_only_failures_within_thirty_minutes_count(editor):
    for _ in range(4):
        _attempt("editor", "wrong-password")
    _time_passes(minutes=31)
    assert _attempt("editor", "wrong-password").status_code == 200  # 1 recent failure, not 5
    assert _signs_in()


def test_a_lockout_ends_thirty_minutes_after_it_began_whatever_is_tried_meanwhile(editor):
    for _ in range(5):
        _attempt("editor", "wrong-password")
    lockout = SignInLockout.objects.get()
    assert lockout.ends_at - lockout.began_at == timedelta(minutes=30)

    _time_passes(minutes=20)
    for password in ["wrong-password", RIGHT, "another-wrong-one"]:
        assert _attempt("editor", password).status_code == 429
    assert SignInLockout.objects.get().ends_at == lockout.ends_at - timedelta(minutes=20)  # not pushed back
    assert SignInFailure.objects.count() == 5  # tries during the lock are not counted

    _time_passes(minutes=9)
    assert not _signs_in()
    _time_passes(minutes=1, seconds=1)
    assert _signs_in()


def test_failures_and_lockouts_are_rows_every_worker_sees(editor):
    from django.conf import settings

    assert settings.AXES_HANDLER == "accounts.signin.SignInLockoutHandler"
    _attempt("editor", "wrong-password")
    failure = SignInFailure.objects.get()
    assert (failure.username, failure.ip_address) == ("editor", "203.0.113.7")


@pytest.mark.parametrize(
    "command",
    [
        ["axes_reset_ip_username", "203.0.113.7", "editor"],
        ["axes_reset_username", "editor"],
        ["axes_reset_ip", "203.0.113.7"],
        ["axes_reset"],
    ],
    ids=lambda command: command[0],
)
def test_manage_py_lifts_a_lockout(editor, command):
    for _ in range(5):
        _attempt("editor", "wrong-password")
    assert not _signs_in()
    call_command(*command, stdout=io.StringIO())
    assert not SignInLockout.objects.exists()
    assert _signs_in()


def test_records_older_than_thirty_days_are_removed_by_a_command(editor):
    from axes.models import AccessLog

    for _ in range(5):
        _attempt("editor", "wrong-password")
    _time_passes(days=31)
    _attempt("editor", "wrong-password", ip="198.51.100.1")
    AccessLog.objects.create(
        username="editor",
        ip_address="203.0.113.7",
        user_agent="",
        http_accept="",
        path_info=LOGIN,
        attempt_time=timezone.now() - timedelta(days=31),
    )

    call_command("clean_login_attempts", verbosity=0)
    assert list(SignInFailure.objects.values_list("ip_address", flat=True)) == ["198.51.100.1"]
    assert not SignInLockout.objects.exists()
    assert not AccessLog.objects.filter(attempt_time__lt=timezone.now() - timedelta(days=30)).exists()


def test_commands_print_no_axes_banner():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "careerpath.settings.dev"}
    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    assert done.returncode == 0, done.stderr
    assert "AXES" not in done.stdout + done.stderr
