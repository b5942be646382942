"""The deployment parts beyond one machine: PostgreSQL through DATABASE_URL and a shared Redis cache.

These run for real in CI's second leg (`.ci/run` starts PostgreSQL and Redis and sets the
variables); locally, without DATABASE_URL / REDIS_URL, they skip and say why.
"""

import os

import pytest
from django.conf import settings
from django.db import connection

USES_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
USES_REDIS = bool(os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL"))
REQUIRED = os.environ.get("CAREERPATH_REQUIRE_SERVICES") == "1"

needs_postgres = pytest.mark.skipif(
    not USES_POSTGRES and not REQUIRED,
    reason="DATABASE_URL is not a postgres:// URL; CI's second leg runs this against a real PostgreSQL",
)
needs_redis = pytest.mark.skipif(
    not USES_REDIS and not REQUIRED,
    reason="REDIS_URL is not set; CI's second leg runs this against a real Redis",
)


def test_ci_second_leg_really_has_both_services():
    if not REQUIRED:
        pytest.skip("only CI's PostgreSQL/Redis leg sets CAREERPATH_REQUIRE_SERVICES=1")
    assert USES_POSTGRES and USES_REDIS


@needs_postgres
@pytest.mark.django_db
def test_the_database_is_postgresql_through_psycopg_3():
    assert connection.vendor == "postgresql"
    import psycopg

    assert psycopg.__version__.startswith("3.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert "PostgreSQL" in cursor.fetchone()[0]


@needs_postgres
def test_seeded_content_and_its_constraints_hold_on_postgresql(seeded):
    from django.db import IntegrityError, transaction

    from careers.models import WageFigure

    wage = WageFigure.objects.filter(occupation__slug="medical-assistants").latest_first().first()
    assert wage.median_annual_wage > 0
    with pytest.raises(IntegrityError), transaction.atomic():
        WageFigure.objects.create(
            occupation=wage.occupation,
            median_annual_wage=1,
            reference_year=wage.reference_year,
            source=wage.source,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        WageFigure.objects.create(
            occupation=wage.occupation, median_annual_wage=1, reference_year=1800, source=wage.source
        )


@needs_postgres
def test_case_insensitive_search_works_on_postgresql(seeded, client):
    from careers.models import Occupation

    assert Occupation.objects.filter(name__icontains="MEDICAL").exists()
    assert client.get("/").status_code == 200


@needs_redis
def test_the_cache_is_django_redis_cache_shared_between_processes():
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    # A second, independent client (as another gunicorn worker or machine has) sees the same value.
    other = RedisCache(settings.CACHES["default"]["LOCATION"], {"KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"]})
    cache.set("shared-check", {"answer": 42}, 30)
    assert other.get("shared-check") == {"answer": 42}
    other.delete("shared-check")
    assert cache.get("shared-check") is None


@needs_redis
@pytest.mark.django_db
def test_sessions_live_in_the_database_so_a_redis_outage_never_signs_an_editor_out(client, django_user_model):
    from django.contrib.sessions.models import Session
    from django.core.cache import caches

    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    client.force_login(user)
    key = client.cookies["sessionid"].value
    assert Session.objects.get(session_key=key).get_decoded()["_auth_user_id"] == str(user.pk)
    for alias in caches:
        caches[alias].clear()
    assert client.get("/admin/").status_code == 200


@needs_redis
def test_pages_have_an_alias_of_their_own_and_every_page_a_timeout(seeded, client):
    import redis

    from careerpath.page_cache import content_version, version_is_shared

    assert version_is_shared()
    pages = settings.CACHES["pages"]
    assert pages["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert pages["KEY_PREFIX"] != settings.CACHES["default"]["KEY_PREFIX"]
    assert pages["OPTIONS"]["socket_timeout"] <= 0.5
    version = content_version()
    assert client.get("/about/").status_code == 200
    server = redis.Redis.from_url(pages["LOCATION"])
    page_keys = list(server.scan_iter(match=f"{pages['KEY_PREFIX']}:*"))
    assert page_keys and all(server.ttl(key) > 0 for key in page_keys)
    default = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    version_key = f"{settings.CACHES['default']['KEY_PREFIX']}:1:content-version"
    assert default.ttl(version_key) == -1 and content_version() == version


@needs_redis
@pytest.mark.django_db
def test_the_admin_lockout_holds_with_redis_in_use(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "the-right-long-password")
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"}, REMOTE_ADDR="203.0.113.9")
    locked = client.post(
        "/admin/login/", {"username": "editor", "password": "the-right-long-password"}, REMOTE_ADDR="203.0.113.9"
    )
    assert locked.status_code == 429
