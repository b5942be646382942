"""App configuration for editors' accounts: sign-in failures and lockouts, a createsuperuser that checks passwords."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Editors' accounts"
