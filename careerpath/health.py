"""The load balancer's health check: JSON naming each dependency, 503 only when pages cannot be served."""

import logging
import uuid

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK, UNAVAILABLE = "ok", "unavailable"


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: the database did not answer.", exc_info=True)
        return UNAVAILABLE
    return OK


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
