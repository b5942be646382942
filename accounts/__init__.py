"""Editors' accounts: sign-in failures and lockouts, and a createsuperuser that refuses weak passwords.

Listed before django.contrib.auth in INSTALLED_APPS, so its createsuperuser wins over auth's own.
"""
