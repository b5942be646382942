"""App config for editors' accounts: sign-in failures and lockouts, and a createsuperuser that checks passwords."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "careerpath.accounts"
    label = "careerpath_accounts"
    verbose_name = "Editors' accounts"
