"""Production settings: every secret and host comes from the environment, or the site won't start."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

REQUIRED_VARIABLES = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS")

for _name in REQUIRED_VARIABLES:
    if not os.environ.get(_name, "").strip():
        message = (
            f"CareerPath production settings: the environment variable {_name} is required "
            "but not set (see .env.example)."
        )
        print(message, file=sys.stderr)
        raise ImproperlyConfigured(message)

DEBUG = False
