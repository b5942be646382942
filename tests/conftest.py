"""Shared pytest fixtures: the seeded content and a signed-in editor."""

import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The database with the seeded content of fixtures/ loaded, as `make run` loads it."""
    call_command("load_content", verbosity=0)


@pytest.fixture
def editor_client(client, django_user_model):
    """A client signed in as a superuser, the way an editor uses the admin."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts and ends with an empty cache: with REDIS_URL set it is one shared server."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
