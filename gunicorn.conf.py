"""gunicorn settings for CareerPath, every value overridable from the environment (see .env.example)."""

import multiprocessing
import os

wsgi_app = "careerpath.wsgi:application"
# Localhost only, on purpose. Do NOT set GUNICORN_BIND beyond localhost (0.0.0.0, a public address)
# without a buffering reverse proxy in front: each sync worker holds one connection until its request
# has fully arrived, so as many slow clients as there are workers stall the whole site for `timeout`
# seconds (tests/test_proxy.py shows it). Put nginx from deploy/nginx/ in front (`make serve-proxied`,
# deploy/README.md); it reads whole requests cheaply and hands gunicorn only complete ones.
bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"

# The usual sizing for synchronous workers: two per core plus one.
workers = int(
    os.environ.get("WEB_CONCURRENCY") or os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() * 2 + 1
)
# Load Django once in the master and fork the workers from it: they share its memory, and a worker
# recycled by max_requests starts in milliseconds instead of importing everything again.
preload_app = os.environ.get("GUNICORN_PRELOAD_APP", "1") != "0"
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycling workers now and then bounds any slow memory growth; jitter keeps them from restarting together.
# A recycled worker starts with an empty local page cache, so not too often: a worker serves a few hundred
# cached pages a second, and 50,000 requests is minutes of peak load.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "5000"))

# Access and error logs to stdout/stderr, where the process manager collects them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The last field is the worker's process id: which worker answered, when one seems to serve stale pages.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(L)ss "%(f)s" "%(a)s" worker=%(p)s'

# Which proxy addresses may set X-Forwarded-* headers (the load balancer's, in a deployment).
# The same list as Django's TRUSTED_PROXIES unless set apart (default: careerpath.proxy.DEFAULT_TRUSTED_PROXIES;
# gunicorn reads this file before the checkout is importable, so the default is repeated, and a test compares).
forwarded_allow_ips = (
    os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS") or os.environ.get("DJANGO_TRUSTED_PROXIES") or "127.0.0.1,::1"
)

# gunicorn's control socket lives in $HOME and would be shared by several instances on one host.
control_socket_disable = True


def post_fork(server, worker):
    """With the app preloaded, a connection the master opened would be shared by every worker: drop any."""
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    caches.close_all()
