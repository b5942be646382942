"""Query strings and the page cache: each view declares the parameters it reads, beside the view; the others
never reach it nor make new pages, and the rest are put in a canonical order."""

from unittest import mock

import pytest
from django.core.cache import caches
from pytest_django.asserts import assertContains, assertNotContains

from careerpath import page_cache

pytestmark = pytest.mark.usefixtures("seeded")


def _count_page_stores():
    pages = caches["pages"]
    return mock.patch.object(pages, "set", wraps=pages.set)


def _declared(path):
    """The query parameters the view at `path` declares, as the page cache reads them."""
    from django.urls import resolve

    return page_cache.query_parameters(resolve(path).func)


def test_form_results_are_cached_by_their_full_query_string(client):
    first = client.get("/programs/checklist/", {"name": "First school", "accreditor": "caahep"})
    second = client.get("/programs/checklist/", {"name": "Second school", "accreditor": "none"})
    assertContains(first, "First school")
    assertContains(second, "Second school")
    assertNotContains(second, "First school")


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
    from certifications.forms import EligibilityForm

    names = _declared("/certifications/eligibility/")
    routes = [r for c in page_cache_eligibility_certifications() for r in c.routes.all()]
    assert names == frozenset(EligibilityForm(routes=routes).fields) | {"edit", "step"}
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


def test_a_form_whose_parameters_cannot_be_derived_leaves_its_page_working_and_uncached_with_a_query(client):
    from certifications.views.eligibility import EligibilityView

    with (
        mock.patch.object(EligibilityView, "query_parameters", mock.Mock(side_effect=TypeError("the form changed"))),
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
    from certifications.forms.names import window_field
    from certifications.models import EligibilityRoute

    window = window_field(9)
    assert window not in _declared("/certifications/eligibility/")
    EligibilityRoute.objects.filter(certification__slug="rma", code="work-experience").update(experience_window_years=9)
    assert window in _declared("/certifications/eligibility/")
    response = client.get(f"/certifications/eligibility/?work_hours=0&{window}=all&utm_source=x")
    assert response.wsgi_request.GET.get(window) == "all"
    assert "utm_source" not in response.wsgi_request.GET
