"""Django's createsuperuser, with the admin's password rules and no way to bypass them."""

import os

from django.contrib.auth import password_validation
from django.contrib.auth.management.commands import createsuperuser
from django.core import exceptions
from django.core.management.base import CommandError

BYPASS_PROMPT = "Bypass password validation"


class Command(createsuperuser.Command):
    help = (
        "Create a superuser. The password must pass AUTH_PASSWORD_VALIDATORS (12+ characters, not a common "
        "password, not like the username), as in the admin; unlike Django's own command there is no bypass."
    )

    def handle(self, *args, **options):
        if not options["interactive"]:
            self._validate_environment_password(options)
        # Django asks "Bypass password validation and create user anyway? [y/N]" with the builtin input();
        # a module global of that name answers it first, always "no", so the password is asked again.
        createsuperuser.input = self._refuse_bypass
        try:
            return super().handle(*args, **options)
        finally:
            del createsuperuser.input

    def _refuse_bypass(self, prompt=""):
        if prompt.startswith(BYPASS_PROMPT):
            self.stderr.write("The password must follow these rules; choose another one.")
            return "n"
        return input(prompt)

    def _validate_environment_password(self, options):
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not password:
            # Django would create the account with an unusable password: an editor who cannot sign in.
            raise CommandError(
                "Set DJANGO_SUPERUSER_PASSWORD to the new account's password (--noinput asks for nothing), "
                "or run createsuperuser without --noinput to type it."
            )
        username_field = self.UserModel.USERNAME_FIELD
        username = options.get(username_field) or os.environ.get(f"DJANGO_SUPERUSER_{username_field.upper()}")
        user = self.UserModel(**{username_field: username or ""})
        for field_name in self.UserModel.REQUIRED_FIELDS:
            value = options.get(field_name) or os.environ.get(f"DJANGO_SUPERUSER_{field_name.upper()}")
            if value and not self.UserModel._meta.get_field(field_name).many_to_one:
                setattr(user, field_name, value)
        try:
            password_validation.validate_password(password, user)
        except exceptions.ValidationError as error:
            raise CommandError("DJANGO_SUPERUSER_PASSWORD is refused: " + " ".join(error.messages)) from None
