"""Whole-page caching: what is stored, who is served it, ETags, compression, and a failing cache.

When a stored page is thrown away: tests/test_page_cache_invalidation.py; query strings:
tests/test_page_cache_queries.py; the security headers on cached pages: tests/test_security_headers.py.
"""

from unittest import mock

import pytest
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from careerpath import page_cache
from careerpath.page_cache import content_version
from careers.models import WageFigure
from content import versions

pytestmark = pytest.mark.usefixtures("seeded")


def _set_wage_behind_the_sites_back(value):
    """Change a figure with raw SQL, which no signal sees: only a cached page can still show the old one."""
    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024, area="US")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {WageFigure._meta.db_table} SET median_annual_wage = %s WHERE id = %s", [value, wage.pk]
        )
    return wage


def test_a_repeat_visit_is_served_from_the_cache(client):
    assertContains(client.get("/"), "$44,200")
    _set_wage_behind_the_sites_back(45000)
    assertContains(client.get("/"), "$44,200")


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
    settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_QUERY_SECONDS = 86400, 600
    pages = caches["pages"]
    with mock.patch.object(pages, "set", wraps=pages.set) as cache_set:
        client.get("/careers/salaries/")
        client.get("/careers/salaries/", {"view": "article"})
    page_timeouts = [call.args[2] for call in cache_set.call_args_list if call.args[0].startswith("page:")]
    assert page_timeouts == [86400, 600]


def test_a_weak_or_wildcard_etag_also_gets_a_304_but_another_page_s_does_not(client):
    etag = client.get("/careers/")["ETag"]
    assert client.get("/careers/", HTTP_IF_NONE_MATCH=f"W/{etag}").status_code == 304
    assert client.get("/careers/", HTTP_IF_NONE_MATCH="*").status_code == 304
    other = client.get("/about/")["ETag"]
    assert client.get("/careers/", HTTP_IF_NONE_MATCH=f"{other}, W/{other}").status_code == 200


def test_pages_are_compressed_for_browsers_that_accept_gzip(client):
    import gzip

    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"Becoming a medical assistant" in gzip.decompress(response.content)


def test_the_admin_is_never_cached(editor_client):
    url = reverse("admin:careers_wagefigure_changelist")
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
    assert client.get("/healthz").status_code == 200
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=DatabaseError("down")):
        assert client.get("/healthz").status_code == 503


def test_error_pages_are_not_cached(client):
    pages = caches["pages"]
    with mock.patch.object(pages, "set", wraps=pages.set) as cache_set:
        assert client.get("/programs/no-such-program/").status_code == 404
        assert client.get("/certifications/no-such-certification/").status_code == 404
        assert client.get("/programs/", {"max_cost": "abc"}).status_code == 400
        assert client.get(reverse("programs:checklist"), {"program": "no-such-program"}).status_code == 400
        assert [call.args[0] for call in cache_set.call_args_list] == []
        # The same spy does see a good page stored, so the silence above is the error pages' own.
        assert client.get("/programs/").status_code == 200
        assert len(cache_set.call_args_list) == 1


def _count_page_stores():
    pages = caches["pages"]
    return mock.patch.object(pages, "set", wraps=pages.set)


def _search_view(request):
    from django.http import HttpResponse

    return HttpResponse(f"<p>results for {request.GET.get('q', '')}</p>", content_type="text/html")


urlpatterns = []  # filled below: a stand-in URLconf with a search page, for the generic rule


def _stand_in_urls():
    from django.urls import path

    from careerpath.page_cache import page_cache_exempt

    return [
        path("search/", _search_view, name="search"),
        path("finder/", page_cache_exempt(_search_view), name="finder"),
    ]


urlpatterns += _stand_in_urls()


@pytest.mark.urls("tests.test_page_cache")
def test_search_results_and_pages_marked_exempt_are_never_stored(client, settings):
    with _count_page_stores() as stores:
        for n in range(5):
            assertContains(client.get("/search/", {"q": f"word{n}"}), f"word{n}")
            assertContains(client.get("/search/"), "results")
            assertContains(client.get("/finder/"), "results")
    assert stores.call_count == 0


# --- Who skips the cache --------------------------------------------------------------------------------


def test_a_forged_session_cookie_still_gets_the_cached_page(client):
    assertContains(client.get("/"), "$44,200")
    _set_wage_behind_the_sites_back(45700)
    client.cookies["sessionid"] = "forged0000000000000000000000000000"
    assertContains(client.get("/"), "$44,200")  # from the cache: the cookie names no real session


def test_an_anonymous_session_without_a_user_still_gets_the_cached_page(client):
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session["seen"] = True
    session.create()
    assertContains(client.get("/"), "$44,200")
    _set_wage_behind_the_sites_back(45800)
    client.cookies["sessionid"] = session.session_key
    assertContains(client.get("/"), "$44,200")


# --- A failing cache degrades --------------------------------------------------------------------------------


class _BrokenCache:
    def close(self, **kwargs):
        pass

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache unreachable")

        return fail


def test_a_failing_page_cache_renders_the_page_afresh(client):
    assertContains(client.get("/"), "$44,200")
    _set_wage_behind_the_sites_back(45900)
    real = caches["pages"]
    with mock.patch.object(caches._connections, "pages", _BrokenCache(), create=True):
        assert caches["pages"] is not real
        response = client.get("/")
    assertContains(response, "$45,900")
    assert response["Content-Security-Policy"]


@pytest.mark.django_db(transaction=True)
def test_an_edit_whose_bump_the_shared_cache_missed_arrives_once_the_cache_answers_again():
    """An edit saved while Redis is unreachable is in the database's stamp: the copy is repaired from it."""
    with mock.patch.object(page_cache, "version_is_shared", return_value=True):
        before = content_version()
        with mock.patch.object(caches["default"], "set", side_effect=ConnectionError("unreachable")):
            WageFigure.objects.filter(area="US").update(median_annual_wage=45000)  # committed: autocommit
            assert caches["default"].get(page_cache.VERSION_KEY) == before  # the copy missed the bump
            page_cache._checked["next"] = 0.0  # a second has passed
            assert content_version() == versions.stamp_in_time() != before  # no page cached before is served
        page_cache._checked["next"] = 0.0
        assert content_version() == versions.stamp_in_time()
        assert caches["default"].get(page_cache.VERSION_KEY) == versions.stamp_in_time()  # repaired
