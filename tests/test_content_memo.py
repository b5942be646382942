"""The content memo: rules and medians read once per content version in a process, never kept past a change.

Two real gunicorn workers seeing each other's changes is tests/test_workers.py; here, one process.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from careerpath import page_cache
from careers.models import WageFigure
from certifications.models import EligibilityRoute

pytestmark = pytest.mark.django_db

ELIGIBILITY = (
    "/certifications/eligibility/?training=accredited&status_accredited=finished&months_since_accredited=6"
    "&work_hours=0&diploma=yes"
)
ROUTE = {"certification__slug": "cma", "code": "category-1"}
CALIFORNIA = {"occupation__slug": "medical-assistants", "area": "CA", "reference_year": 2024}


@pytest.fixture
def uncached_pages(settings):
    """Every request renders: what is kept is the memo's, not a stored page."""
    settings.PAGE_CACHE_ENABLED = False


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _raw_rename(name):
    """A change no signal announces, as raw SQL from another process makes it."""
    route = EligibilityRoute.objects.get(**ROUTE)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {EligibilityRoute._meta.db_table} SET name = %s WHERE id = %s", [name, route.pk])


def test_the_rules_are_read_once_per_content_version_and_again_once_it_moves_on(client, uncached_pages):
    first = _queries(client, ELIGIBILITY)
    second = _queries(client, ELIGIBILITY)
    # The certifications, their routes and the routes' accreditors are three queries the second render skips.
    assert second == first - 3

    _raw_rename("Category 1 (renamed)")
    assert "Category 1 (renamed)" not in client.get(ELIGIBILITY).text  # nothing said the content changed
    page_cache.bump_content_version()  # what another process's commit (or the bump command) does
    assert "Category 1 (renamed)" in client.get(ELIGIBILITY).text


def test_a_write_in_this_process_is_seen_at_once_even_before_its_commit(client, uncached_pages):
    assert "Category 1 (renamed)" not in client.get(ELIGIBILITY).text
    version = page_cache.content_version()
    with transaction.atomic():
        route = EligibilityRoute.objects.get(**ROUTE)
        route.name = "Category 1 (renamed)"
        route.save()
        # The version moves on only after the commit; this process's own write is visible at once all the same.
        assert page_cache.content_version() == version
        assert "Category 1 (renamed)" in client.get(ELIGIBILITY).text


def test_a_state_median_changed_by_update_reaches_the_state_page_and_the_compare_page(
    client, uncached_pages, make_program
):
    program = make_program("memo-california", state="CA")
    compare = f"/programs/compare/?p={program.slug}"
    median = WageFigure.objects.get(**CALIFORNIA).median_annual_wage
    assert f"${median:,}" in client.get("/careers/salaries/states/").text
    assert f"${median:,}" in client.get(compare).text
    WageFigure.objects.filter(**CALIFORNIA).update(median_annual_wage=median + 1234)
    assert f"${median + 1234:,}" in client.get("/careers/salaries/states/").text
    assert f"${median + 1234:,}" in client.get(compare).text


def test_when_the_version_cannot_be_read_the_content_is_read_afresh(client, uncached_pages, monkeypatch):
    from content import memo

    def unreadable():
        raise page_cache.CacheUnavailable("default")

    monkeypatch.setattr(memo, "_version_reader", lambda: page_cache.content_version_or_none())
    monkeypatch.setattr(page_cache, "content_version", unreadable)
    first = _queries(client, ELIGIBILITY)
    assert _queries(client, ELIGIBILITY) == first
    _raw_rename("Category 1 (renamed)")
    assert "Category 1 (renamed)" in client.get(ELIGIBILITY).text


def test_what_a_transaction_that_wrote_content_read_is_not_kept_once_it_rolls_back(client, uncached_pages):
    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        route = EligibilityRoute.objects.get(**ROUTE)
        route.name = "Category 1 (never committed)"
        route.save()
        assert "Category 1 (never committed)" in client.get(ELIGIBILITY).text
        raise Undone
    # No commit, so no new content version: had the rules read inside the transaction been kept, they would show.
    assert "Category 1 (never committed)" not in client.get(ELIGIBILITY).text
    assert "Category 1" in client.get(ELIGIBILITY).text
