"""Whole-page caching: anonymous pages come from the cache until content changes, then never stale."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careerpath.models import WageFigure
from careerpath.page_cache import content_version

pytestmark = pytest.mark.usefixtures("seeded")


def _set_wage_behind_the_sites_back(value):
    """Change a figure with raw SQL, which no signal sees: only a cached page can still show the old one."""
    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {WageFigure._meta.db_table} SET median_annual_wage = %s WHERE id = %s", [value, wage.pk]
        )
    return wage


def test_a_repeat_visit_is_served_from_the_cache(client):
    assertContains(client.get("/"), "$44,200")
    _set_wage_behind_the_sites_back(45000)
    assertContains(client.get("/"), "$44,200")


def test_an_editor_changing_a_wage_in_the_admin_shows_on_the_very_next_request(editor_client):
    client = Client()  # an anonymous visitor, beside the signed-in editor
    assertContains(client.get("/"), "$44,200")
    _set_wage_behind_the_sites_back(44200)  # unchanged value: only the admin save may invalidate
    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024)
    response = editor_client.post(
        reverse("admin:careerpath_wagefigure_change", args=[wage.pk]),
        {
            "occupation": wage.occupation_id,
            "median_annual_wage": "45123",
            "reference_year": "2024",
            "reference_period": "May 2024",
            "source": wage.source_id,
        },
    )
    assert response.status_code == 302
    page = client.get("/")
    assertContains(page, "$45,123")
    assertNotContains(page, "$44,200")
    assertContains(client.get("/careers/salaries/?view=latest"), "45,123")


def test_loading_fixtures_invalidates_every_cached_page(client):
    before = content_version()
    assertContains(client.get("/"), "$44,200")
    _set_wage_behind_the_sites_back(45000)
    call_command("load_content", verbosity=0)  # puts the seeded 44,200 back and must drop the cache
    assert content_version() != before
    assertContains(client.get("/"), "$44,200")


def test_a_bulk_update_also_invalidates(client):
    assertContains(client.get("/"), "$44,200")
    WageFigure.objects.filter(occupation__slug="medical-assistants", reference_year=2024).update(
        median_annual_wage=46000
    )
    assertContains(client.get("/"), "$46,000")


def test_form_results_are_cached_by_their_full_query_string(client):
    first = client.get("/programs/checklist/", {"name": "First school", "accreditor": "caahep"})
    second = client.get("/programs/checklist/", {"name": "Second school", "accreditor": "none"})
    assertContains(first, "First school")
    assertContains(second, "Second school")
    assertNotContains(second, "First school")


def test_a_repeat_request_with_the_etag_gets_a_304(client):
    first = client.get("/certifications/")
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get("/certifications/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy")


def test_a_page_from_the_cache_carries_the_same_security_headers_as_a_fresh_one(client):
    fresh = client.get("/careers/")
    _set_wage_behind_the_sites_back(45000)
    cached = client.get("/careers/")
    assert cached.content == fresh.content  # really the stored copy
    for header in SECURITY_HEADERS:
        assert cached[header] == fresh[header], header
    not_modified = client.get("/careers/", HTTP_IF_NONE_MATCH=cached["ETag"])
    assert not_modified.status_code == 304
    for header in SECURITY_HEADERS:
        assert not_modified[header] == fresh[header], header


def test_a_page_with_a_query_string_is_kept_for_less_time_than_a_plain_page(client, settings):
    from unittest import mock

    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_QUERY_SECONDS = 86400, 600
    with mock.patch.object(cache, "set", wraps=cache.set) as cache_set:
        client.get("/careers/salaries/")
        client.get("/careers/salaries/", {"view": "latest"})
    page_timeouts = [call.args[2] for call in cache_set.call_args_list if call.args[0].startswith("page:")]
    assert page_timeouts == [86400, 600]


def test_a_weak_or_wildcard_etag_also_gets_a_304_but_another_page_s_does_not(client):
    etag = client.get("/careers/")["ETag"]
    assert client.get("/careers/", HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    assert client.get("/careers/", HTTP_IF_NONE_MATCH="*").status_code == 304
    other = client.get("/about/")["ETag"]
    assert client.get("/careers/", HTTP_IF_NONE_MATCH=f"{other}, W/{other}").status_code == 200


def test_the_etag_changes_when_the_content_does(client):
    etag = client.get("/").headers["ETag"]
    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024)
    wage.median_annual_wage = 47000
    wage.save()
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assertContains(response, "$47,000")


def test_pages_are_compressed_for_browsers_that_accept_gzip(client):
    import gzip

    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"Becoming a medical assistant" in gzip.decompress(response.content)


def test_the_admin_is_never_cached(editor_client):
    url = reverse("admin:careerpath_wagefigure_changelist")
    assertContains(editor_client.get(url), "44,200")
    _set_wage_behind_the_sites_back(45500)
    assertContains(editor_client.get(url), "45,500")


def test_a_visitor_with_a_session_always_gets_a_fresh_page(editor_client):
    client = Client()
    assertContains(client.get("/"), "$44,200")  # cached for anonymous visitors
    _set_wage_behind_the_sites_back(45600)
    assertContains(editor_client.get("/"), "$45,600")
    assertContains(client.get("/"), "$44,200")


def test_the_health_check_is_never_cached(client):
    from unittest import mock

    from django.db import DatabaseError

    assert client.get("/healthz").status_code == 200
    with mock.patch("careerpath.views.connection.cursor", side_effect=DatabaseError("down")):
        assert client.get("/healthz").status_code == 503


def test_error_pages_are_not_cached(client):
    assert client.get("/programs/no-such-program/").status_code == 404
    assert client.get("/programs/?max_cost=abc").status_code in (200, 400)
