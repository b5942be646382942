"""The load balancer's health check names each dependency and fails only when pages cannot be served."""

import threading
import time
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_healthz_names_each_dependency_in_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


# The probe runs in a thread of its own, with its own connection: patch every connection's cursor.
CURSOR = "django.db.backends.base.base.BaseDatabaseWrapper.cursor"


def test_healthz_is_503_when_the_database_is_down(client):
    with mock.patch(CURSOR, side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}


def test_healthz_answers_503_at_once_when_the_database_hangs(client):
    released = threading.Event()

    def hang(*args, **kwargs):
        released.wait(30)
        raise DatabaseError("gave up")

    started = time.monotonic()
    with mock.patch(CURSOR, side_effect=hang):
        response = client.get("/healthz")
        waited = time.monotonic() - started
        released.set()
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}
    assert waited < 10, "the health check waited for the hung database"


def test_healthz_stays_200_when_only_the_cache_is_down(client):
    cache = caches["default"]
    with mock.patch.object(cache, "set", side_effect=ConnectionError("refused")):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "unavailable"}


def test_check_deploy_warns_when_several_instances_have_no_shared_cache(settings):
    from careerpath.checks import several_instances_share_one_cache
    from careerpath.page_cache import version_is_shared

    settings.DEPLOYMENT_INSTANCES = 1
    assert several_instances_share_one_cache(None) == []
    settings.DEPLOYMENT_INSTANCES = 3
    warnings = several_instances_share_one_cache(None)
    if version_is_shared():
        assert warnings == []
    else:
        assert [w.id for w in warnings] == ["careerpath.W001"]
        assert "REDIS_URL" in warnings[0].hint


def test_check_deploy_names_the_missing_shared_cache(settings, capsys):
    from django.core.management.base import SystemCheckError

    from careerpath.page_cache import version_is_shared

    if version_is_shared():
        pytest.skip("this run has a shared cache (CI's Redis leg): the warning cannot appear")
    settings.DEPLOYMENT_INSTANCES = 2
    with pytest.raises(SystemCheckError, match="careerpath.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING")
