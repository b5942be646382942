"""Production settings: every secret and host comes from the environment, or the site won't start."""

import os
import sys

from .base import *  # noqa: F403
from .base import LOGGING, env_bool, env_list

REQUIRED_VARIABLES = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS")

for _name in REQUIRED_VARIABLES:
    if not os.environ.get(_name, "").strip():
        print(
            f"CareerPath production settings: the environment variable {_name} is required but not set "
            "(see .env.example).",
            file=sys.stderr,
        )
        # One line, no traceback; 3 is gunicorn's "worker failed to boot", which stops the
        # master instead of respawning workers that can never start.
        raise SystemExit(3)

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"].strip()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# HTTPS. A TLS-terminating proxy in front sets X-Forwarded-Proto; trust it only when told,
# because without a proxy any client could claim https.
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The health check answers the load balancer over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Sent only on HTTPS responses, so `make serve` on plain localhost is unaffected.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)

# Browsers keep Secure cookies on http://localhost too, so `make serve` still signs editors in.
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Logs go to stdout/stderr for the process manager, errors included: the base's loggers, each line stamped with
# its time, level and logger.
LOGGING = {
    **LOGGING,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
}
