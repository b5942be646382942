"""App config for editors' accounts: no models, only commands that replace django.contrib.auth's."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "careerpath.accounts"
    label = "careerpath_accounts"
    verbose_name = "Editors' accounts"
