"""Whole-page caching: anonymous pages come from the cache until content changes, then never stale."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careerpath import page_cache
from careerpath.page_cache import content_version
from careers.models import WageFigure

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


def test_an_editor_changing_a_wage_in_the_admin_shows_on_the_very_next_request(editor_client):
    client = Client()  # an anonymous visitor, beside the signed-in editor
    assertContains(client.get("/"), "$44,200")
    _set_wage_behind_the_sites_back(44200)  # unchanged value: only the admin save may invalidate
    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024, area="US")
    response = editor_client.post(
        reverse("admin:careers_wagefigure_change", args=[wage.pk]),
        {
            "occupation": wage.occupation_id,
            "area": "US",
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
    assertContains(client.get("/careers/salaries/"), "45,123")


def test_loading_fixtures_invalidates_every_cached_page(client):
    before = content_version()
    assertContains(client.get("/"), "$44,200")
    _set_wage_behind_the_sites_back(45000)
    call_command("load_content", verbosity=0)  # puts the seeded 44,200 back and must drop the cache
    assert content_version() != before
    assertContains(client.get("/"), "$44,200")


def test_a_bulk_update_also_invalidates(client):
    assertContains(client.get("/"), "$44,200")
    WageFigure.objects.filter(occupation__slug="medical-assistants", reference_year=2024, area="US").update(
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


def test_the_etag_changes_when_the_content_does(client):
    etag = client.get("/").headers["ETag"]
    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024, area="US")
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


# --- Exact invalidation: every committed write, bumped after the commit -------------------------------


def test_the_version_is_per_process_only_for_local_memory_and_then_lives_in_a_file_every_worker_reads(settings):
    from careerpath.page_cache import _version_file, bump_content_version, version_is_shared

    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        assert not version_is_shared()
        bumped = bump_content_version()
        assert _version_file().read_text() == bumped == content_version()
    else:
        assert version_is_shared()
        version = content_version()  # read (or set) first: each test starts on an emptied cache
        assert caches["default"].get("content-version") == version


def test_a_write_inside_a_transaction_bumps_the_version_only_when_it_commits(client):
    from django.db import transaction

    before = content_version()
    with transaction.atomic():
        for wage in WageFigure.objects.all():
            wage.median_annual_wage += 1
            wage.save()
        # A request now (from another connection) would render the old rows: they must not be stored
        # under the version that the commit is about to start.
        assert content_version() == before
    after = content_version()
    assert after != before


def test_a_transaction_that_rolls_back_leaves_the_version_alone():
    from django.db import transaction

    before = content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        WageFigure.objects.update(median_annual_wage=1)
        raise RuntimeError("the editor's save failed")
    assert content_version() == before


def test_many_writes_in_one_transaction_bump_the_version_once():
    from django.db import transaction

    with mock.patch("careerpath.page_cache.bump_content_version", wraps=page_cache.bump_content_version) as bump:
        with transaction.atomic():
            for wage in WageFigure.objects.all():
                wage.save()
            WageFigure.objects.update(median_annual_wage=45000)
        assert bump.call_count == 1


def _changes_the_version(action):
    before = content_version()
    action()
    return content_version() != before


@pytest.mark.parametrize(
    "write",
    [
        "save",
        "update",
        "bulk_update",
        "bulk_create",
        "delete",
        "queryset_delete",
        "m2m",
    ],
)
def test_every_kind_of_orm_write_from_a_command_or_the_shell_bumps_the_version(write):
    from careers.models import CareerStep, Occupation
    from content.models import Statement

    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024, area="US")
    statement = Statement.objects.first()
    actions = {
        "save": wage.save,
        "update": lambda: WageFigure.objects.filter(pk=wage.pk).update(median_annual_wage=45001),
        "bulk_update": lambda: WageFigure.objects.bulk_update([wage], ["median_annual_wage"]),
        "bulk_create": lambda: Statement.objects.bulk_create(
            [Statement(topic=statement.topic, text="A new statement.", source=statement.source, key="new-one")]
        ),
        "delete": lambda: Statement.objects.get(pk=statement.pk).delete(),
        "queryset_delete": lambda: Statement.objects.filter(pk=statement.pk).delete(),
        "m2m": lambda: CareerStep.objects.first().occupations.add(Occupation.objects.first()),
    }
    assert _changes_the_version(actions[write])


def test_restore_content_bumps_the_version(tmp_path):
    backup = tmp_path / "backup.json"
    call_command("backup_content", str(backup), verbosity=0)
    assert _changes_the_version(lambda: call_command("restore_content", str(backup), "--replace", verbosity=0))


def test_raw_sql_needs_the_bump_content_version_command(client):
    from io import StringIO

    latest = "/careers/salaries/"
    assertContains(client.get(latest), "$44,200")
    _set_wage_behind_the_sites_back(45999)
    assertContains(client.get(latest), "$44,200")  # no signal saw the raw SQL
    out = StringIO()
    call_command("bump_content_version", stdout=out)
    assert "content version" in out.getvalue().lower()
    assertContains(client.get(latest), "$45,999")


# --- Canonical query strings and what is stored -------------------------------------------------------


def _count_page_stores():
    pages = caches["pages"]
    return mock.patch.object(pages, "set", wraps=pages.set)


def test_two_thousand_invented_query_strings_on_a_light_page_store_it_at_most_a_few_times(client):
    with _count_page_stores() as stores:
        for n in range(2000):
            params = {f"x{n}": "1", "utm_source": f"mail{n}", "fbclid": str(n)}
            response = client.get("/about/", params)
            assert response.status_code == 200
    assert stores.call_count <= 3, stores.call_count


def test_unknown_parameters_never_reach_the_view_and_known_ones_do(client):
    response = client.get("/careers/salaries/?utm_campaign=spring&view=article&invented=1&fbclid=abc")
    assert response.status_code == 200
    assert dict(response.wsgi_request.GET) == {"view": ["article"]}
    assert response.wsgi_request.get_full_path() == "/careers/salaries/?view=article"


def test_the_order_of_names_does_not_matter_but_the_order_of_one_name_s_values_does(client, make_program):
    from programs.models import Program

    make_program("alpha-school", name="Alpha Program")
    make_program("beta-school", name="Beta Program")
    assert Program.objects.filter(slug__in=["alpha-school", "beta-school"]).count() == 2
    with _count_page_stores() as stores:
        forward = client.get("/programs/compare/?p=alpha-school&p=beta-school&utm_source=x")
        backward = client.get("/programs/compare/?p=beta-school&p=alpha-school")
        again = client.get("/programs/compare/?utm_medium=y&p=alpha-school&p=beta-school")
    text = forward.content.decode()
    assert text.index("Alpha Program") < text.index("Beta Program")
    text = backward.content.decode()
    assert text.index("Beta Program") < text.index("Alpha Program")
    assert again.content == forward.content
    assert stores.call_count == 2
    sorted_a = client.get("/programs/?state=OH&sort=cost")
    sorted_b = client.get("/programs/?sort=cost&state=OH")
    assert sorted_a.wsgi_request.get_full_path() == sorted_b.wsgi_request.get_full_path()


def test_a_blank_submitted_form_is_not_the_unbound_page(client):
    with _count_page_stores() as stores:
        unbound = client.get("/programs/checklist/?utm_source=x")
        blank = client.get("/programs/checklist/?name=&budget=&utm_source=x")
    assert unbound.status_code == blank.status_code == 200
    assert dict(unbound.wsgi_request.GET) == {}
    assert dict(blank.wsgi_request.GET) == {"budget": [""], "name": [""]}
    assert stores.call_count == 2


def test_eligibility_parameters_come_from_its_form_so_new_fields_are_known(client):
    from careerpath.page_cache import known_parameters
    from certifications.forms import EligibilityForm

    names = known_parameters("certifications:eligibility")
    routes = [r for c in page_cache_eligibility_certifications() for r in c.routes.all()]
    assert names == frozenset(EligibilityForm(routes=routes).fields) | {"edit"}
    assert "training" in names
    response = client.get("/certifications/eligibility/?training=caahep-program&gclid=x")
    assert "gclid" not in response.wsgi_request.GET


def page_cache_eligibility_certifications():
    from certifications import selectors

    return selectors.certifications_with_routes()


def test_a_page_whose_form_rejected_a_value_is_never_stored(client):
    with _count_page_stores() as stores:
        for _ in range(3):
            assert client.get("/programs/?max_cost=abc").status_code == 400
            assert client.get("/programs/checklist/?cost=lots").status_code == 400
    assert stores.call_count == 0


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


# --- A failing cache degrades -------------------------------------------------------------------------


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


# --- Security headers everywhere -----------------------------------------------------------------------

EVERY_SECURITY_HEADER = (
    *SECURITY_HEADERS,
    "Permissions-Policy",
    "Cross-Origin-Resource-Policy",
    "Cross-Origin-Opener-Policy",
)


class FailingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise RuntimeError("a middleware failed")


@pytest.mark.parametrize("position", [1, 2, 3, 5, -1])
def test_a_500_raised_anywhere_in_the_middleware_stack_carries_every_security_header(client, settings, position):
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(position if position >= 0 else len(middleware), "tests.test_page_cache.FailingMiddleware")
    settings.MIDDLEWARE = middleware
    client.raise_request_exception = False
    response = client.get("/about/")
    assert response.status_code == 500
    for header in EVERY_SECURITY_HEADER:
        assert response.get(header), header


def test_a_cached_page_and_a_304_carry_every_security_header(client):
    client.get("/about/")
    cached = client.get("/about/")
    not_modified = client.get("/about/", HTTP_IF_NONE_MATCH=cached["ETag"])
    assert not_modified.status_code == 304
    for header in EVERY_SECURITY_HEADER:
        assert cached.get(header), header
        assert not_modified.get(header), header


def test_a_bump_the_shared_cache_missed_is_made_before_this_process_serves_another_cached_page():
    """An edit saved while Redis is unreachable must not leave the pages cached before it in use."""
    with mock.patch.object(page_cache, "version_is_shared", return_value=True):
        before = content_version()
        with mock.patch.object(caches["default"], "set", side_effect=ConnectionError("unreachable")):
            assert page_cache.bump_content_version() is None
            with pytest.raises(page_cache.CacheUnavailable):
                content_version()  # still unreachable: no cached page is served meanwhile
        page_cache.breaker.reset()
        assert content_version() != before


def test_a_form_whose_parameters_cannot_be_derived_leaves_its_page_working_and_uncached_with_a_query(client):
    with (
        mock.patch.object(page_cache, "eligibility_parameters", side_effect=TypeError("the form changed shape")),
        _count_page_stores() as stores,
    ):
        response = client.get("/certifications/eligibility/?training=caahep-program&utm_source=x")
    assert response.status_code in (200, 400)
    assert response.wsgi_request.GET.get("utm_source") == "x"  # left alone, so never stored
    assert stores.call_count == 0


def test_the_certification_comparison_keeps_its_chosen_columns(client):
    response = client.get("/certifications/?c=cma&c=rma&utm_source=x")
    assert response.status_code == 200
    assert response.wsgi_request.GET.getlist("c") == ["cma", "rma"]
    assert "utm_source" not in response.wsgi_request.GET


def test_a_question_a_new_route_rule_adds_is_a_known_parameter_once_the_content_version_moves_on(client):
    """The checker's fields follow the stored routes, and so do the parameters the page cache lets through."""
    from careerpath import page_cache
    from certifications.forms.names import window_field
    from certifications.models import EligibilityRoute

    window = window_field(9)
    assert window not in page_cache.known_parameters("certifications:eligibility")
    EligibilityRoute.objects.filter(certification__slug="rma", code="work-experience").update(experience_window_years=9)
    assert window in page_cache.known_parameters("certifications:eligibility")
    response = client.get(f"/certifications/eligibility/?work_hours=0&{window}=all&utm_source=x")
    assert response.wsgi_request.GET.get(window) == "all"
    assert "utm_source" not in response.wsgi_request.GET
