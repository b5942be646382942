"""The load balancer's health check: JSON naming each dependency, 503 only when pages cannot be served."""

import logging
import threading
import uuid

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK, UNAVAILABLE = "ok", "unavailable"
# The health check answers within about this long whatever the database does (hung, stopped, locked).
DATABASE_WAIT_SECONDS = 1.5


def _probe_database(result):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        result.append(OK)
    except DatabaseError:
        logger.warning("Health check: the database did not answer.", exc_info=True)
        result.append(UNAVAILABLE)
    finally:
        connection.close()  # this thread's own connection


def database_status(wait=DATABASE_WAIT_SECONDS):
    """OK if the database answers a query within `wait` seconds; the probe runs in a thread of its own.

    A hung database (or a connection attempt that hangs) holds only that thread, until the database's
    own time limits (settings.DATABASE_CONNECT_TIMEOUT and DATABASE_STATEMENT_TIMEOUT) end it.
    """
    result = []
    probe = threading.Thread(target=_probe_database, args=(result,), name="healthz-database", daemon=True)
    probe.start()
    probe.join(wait)
    if not result:
        logger.warning("Health check: the database did not answer within %s seconds.", wait)
        return UNAVAILABLE
    return result[0]


def cache_status():
    """Whether every cache alias stores and returns a value (its socket timeouts bound the wait)."""
    probe = uuid.uuid4().hex
    for alias in caches:
        cache = caches[alias]
        try:
            cache.set("healthz", probe, timeout=10)
            if cache.get("healthz") != probe:
                return UNAVAILABLE
        except Exception:  # noqa: BLE001 - any backend's connection or protocol error
            logger.warning("Health check: cache %r did not answer.", alias, exc_info=True)
            return UNAVAILABLE
    return OK


@never_cache
@require_safe
def healthz(request):
    """200 while the site can serve pages: the database answers (the cache is optional); else 503."""
    status = {"database": database_status(), "cache": cache_status()}
    return JsonResponse(status, status=200 if status["database"] == OK else 503)
