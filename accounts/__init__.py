"""Editors' accounts: management commands that must win over django.contrib.auth's own (listed before it)."""
