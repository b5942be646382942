"""The eligibility checker follows the stored routes: editors' changes, the questions, query cost, each route's rule."""

from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from certifications.candidates import Candidate, TrainingAnswer, work_bounds
from certifications.eligibility import evaluate_route
from certifications.forms.names import field_name
from certifications.models import Accreditor, Certification, EligibilityRoute
from certifications.selectors import certifications_with_routes
from content.models import Source

from .test_eligibility import URL, check, outcome_html, verdict

pytestmark = pytest.mark.usefixtures("seeded")


def test_an_editor_adding_a_route_in_the_admin_changes_the_answer_without_code(client, editor_client):
    answers = {"training": "none", "work_months": "60", "hours_per_week": "40", "diploma": "yes"}
    assert verdict(check(client, **answers), "cma") == "not-eligible"

    cma = Certification.objects.get(slug="cma")
    source = Source.objects.get(key="aama-cma-eligibility")
    response = editor_client.post(
        reverse("admin:certifications_eligibilityroute_add"),
        {
            "certification": cma.pk,
            "code": "category-5",
            "name": "Category 5",
            "description": "Four years of full-time work as a medical assistant.",
            "training": "none",
            "stage": "either",
            "min_years_experience": "4",
            "requires_diploma": "on",
            "other_requirements": "",
            "order": 5,
            "source": source.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    after = check(client, **answers)
    assert verdict(after, "cma") == "eligible"
    assert "Likely eligible now by the route “Category 5”." in outcome_html(after, "cma")


def test_an_editor_changing_a_route_changes_the_answer(client, committed):
    answers = {"training": "none", "work_hours": "4160", "work_last_5": "all", "diploma": "yes"}
    assert verdict(check(client, **answers), "ncma") == "eligible"
    with committed():
        EligibilityRoute.objects.filter(certification__slug="ncma", code="experience").update(min_years_experience=3)
    assert verdict(check(client, **answers), "ncma") == "not-yet"


def test_the_admin_refuses_a_route_the_checker_could_only_misread(editor_client):
    cma = Certification.objects.get(slug="cma")
    response = editor_client.post(
        reverse("admin:certifications_eligibilityroute_add"),
        {
            "certification": cma.pk,
            "code": "odd",
            "name": "Odd",
            "description": "Work, but only after graduating.",
            "training": "none",
            "stage": "graduate",
            "min_years_experience": "2",
            "experience_window_years": "1",
            "hours_per_year": "",
            "min_externship_hours": "160",
            "accreditors": [Accreditor.objects.get(slug="caahep").pk],
            "order": 9,
            "source": Source.objects.get(key="aama-cma-eligibility").pk,
        },
    )
    assert response.status_code == 200
    assertContains(response, "Only a route that asks for training can set this.")
    assertContains(response, "The window cannot be shorter than the years of work it asks for.")
    assertContains(response, "Only a route that asks for a program can set this.")
    assertContains(response, "Only a route that asks for an accredited program accepts accreditors.")
    assert not EligibilityRoute.objects.filter(code="odd").exists()


def test_the_form_asks_only_what_the_stored_routes_need(client, committed):
    with committed():
        EligibilityRoute.objects.filter(requires_diploma=True).update(requires_diploma=False)
    response = client.get(URL)
    assertNotContains(response, "high-school diploma")
    with committed():
        EligibilityRoute.objects.filter(experience_window_years=5).update(experience_window_years=None)
    assertNotContains(client.get(URL), "in the last 5 years")


def _add_routes(count):
    cma = Certification.objects.get(slug="cma")
    source = Source.objects.get(key="aama-cma-eligibility")
    EligibilityRoute.objects.bulk_create(
        EligibilityRoute(
            certification=cma,
            code=f"extra-{n}",
            name=f"Extra {n}",
            description="A test route.",
            training=EligibilityRoute.Training.NONE,
            min_years_experience=Decimal(10 + n),
            order=10 + n,
            source=source,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("extra_routes", [0, 40])
def test_the_page_costs_the_same_few_queries_whatever_the_number_of_routes(
    client, django_assert_max_num_queries, extra_routes
):
    _add_routes(extra_routes)
    # The page cache reads the form's parameter names once per content version (3), the view 3, the footer 2.
    with django_assert_max_num_queries(8):
        response = check(
            client,
            training="accredited",
            status_accredited="finished",
            months_since_accredited="12",
            work_months="24",
            hours_per_week="40",
        )
    assert response.status_code == 200


def test_work_bounds_read_the_answers_for_each_window_and_never_assume_a_blank_one():
    candidate = Candidate(work_hours={None: Decimal(12000), 7: Decimal(8000)})
    assert work_bounds(candidate, 7) == (Decimal(8000), Decimal(8000))
    assert work_bounds(candidate, 5) == (None, Decimal(8000))
    assert work_bounds(candidate, None) == (Decimal(12000), Decimal(12000))
    # Left blank, a window is unknown; only "all of it" puts the whole total in it.
    assert work_bounds(Candidate(work_hours={None: Decimal(3000)}), 5) == (None, Decimal(3000))
    assert work_bounds(Candidate(work_hours={None: Decimal(3000)}, all_within=frozenset({5})), 5) == (
        Decimal(3000),
        Decimal(3000),
    )


def test_a_route_evaluates_to_undecided_when_an_answer_it_needs_is_missing():
    route = next(
        r for c in certifications_with_routes() for r in c.routes.all() if (c.slug, r.code) == ("rma", "education")
    )
    result = evaluate_route(route, Candidate(trainings=(TrainingAnswer("other-program"),)))
    assert result.status == "undecided"
    assert [field_name(q) for q in result.questions] == ["status_other_program"]


def test_a_rule_in_years_uses_the_bodys_own_hours_a_year():
    routes = {
        (c.slug, r.code): r for c in certifications_with_routes() for r in c.routes.all() if r.min_years_experience
    }
    assert routes["rma", "work-experience"].hours_needed == 5616  # 3 years at AMT's 1,872 hours
    assert routes["ncma", "experience"].hours_needed == 4160  # 2 years at NCCT's 2,080 hours
    assert routes["ccma", "work-experience"].hours_needed == 2080  # NHA gives no hours: one full-time year
    EligibilityRoute.objects.filter(certification__slug="rma", code="work-experience").update(min_years_experience=4)
    rma = next(r for c in certifications_with_routes() for r in c.routes.all() if r.code == "work-experience")
    assert rma.hours_needed == 4 * 1872
