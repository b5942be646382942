"""`manage.py createsuperuser` applies the admin's password rules and cannot be talked out of them."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

GOOD = "tall-quiet-harbour-lamp"


class TerminalInput(io.StringIO):
    """A stdin that says it is a terminal, so the command asks its questions."""

    def isatty(self):
        return True


def _interactive(monkeypatch, passwords, answer):
    """Run createsuperuser as a person at a terminal who types these passwords and always answers `answer`."""
    import getpass

    typed = iter(passwords)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="Password: ": next(typed))
    monkeypatch.setattr("builtins.input", lambda prompt="": answer)
    err = io.StringIO()
    call_command(
        "createsuperuser",
        interactive=True,
        username="boss",
        email="boss@example.org",
        stdin=TerminalInput(),
        stdout=io.StringIO(),
        stderr=err,
    )
    return err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("weak", ["short-pw", "password1234"], ids=["under-12-characters", "common"])
def test_a_weak_password_is_refused_even_when_the_operator_answers_yes_to_bypass(monkeypatch, weak):
    errors = _interactive(monkeypatch, [weak, weak, GOOD, GOOD], answer="y")
    assert "choose another one" in errors
    user = get_user_model().objects.get(username="boss")
    assert user.is_superuser
    assert user.check_password(GOOD) and not user.check_password(weak)


@pytest.mark.django_db
def test_a_weak_password_from_the_environment_is_refused(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "short-pw")
    with pytest.raises(CommandError, match="at least 12 characters"):
        call_command("createsuperuser", interactive=False, username="boss", email="boss@example.org", verbosity=0)
    assert not get_user_model().objects.filter(username="boss").exists()

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", GOOD)
    call_command("createsuperuser", interactive=False, username="boss", email="boss@example.org", verbosity=0)
    assert get_user_model().objects.get(username="boss").check_password(GOOD)


def test_the_rules_are_the_admins():
    from django.conf import settings

    names = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert {"MinimumLengthValidator", "CommonPasswordValidator"} <= set(names)
    length = next(v for v in settings.AUTH_PASSWORD_VALIDATORS if v["NAME"].endswith("MinimumLengthValidator"))
    assert length["OPTIONS"]["min_length"] == 12


@pytest.mark.django_db
def test_noinput_without_a_password_refuses_instead_of_making_an_account_no_one_can_sign_in_to(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="Set DJANGO_SUPERUSER_PASSWORD"):
        call_command("createsuperuser", interactive=False, username="boss", email="boss@example.org", verbosity=0)
    assert not get_user_model().objects.filter(username="boss").exists()
