"""The eligibility checker page: a visitor's answers weighed against every seeded route."""

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careerpath.models import Source
from certifications.eligibility import Candidate, certifications_with_routes, evaluate_route, work_bounds
from certifications.models import Certification, EligibilityRoute

pytestmark = pytest.mark.usefixtures("seeded")

URL = reverse("certifications:eligibility")


def check(client, **answers):
    return client.get(URL + "?" + urlencode(answers))


def outcome_html(response, slug):
    """The result element of one certification, as the page renders it."""
    html = response.content.decode()
    match = re.search(rf'<article[^>]*data-certification="{slug}"[^>]*>.*?</article>', html, re.S)
    assert match, f"no result for {slug}"
    return match.group(0)


def verdict(response, slug):
    return re.search(r'data-eligibility="([^"]+)"', outcome_html(response, slug)).group(1)


def route_line(response, slug, route_name):
    """The line of the "how each route applies to you" list for one route."""
    match = re.search(rf"<li><strong>{re.escape(route_name)}</strong>: ([^<]*)", outcome_html(response, slug))
    assert match, f"no line for {route_name}"
    return match.group(1)


# Each seeded route the checker weighs: answers that fit it, answers that miss one of its
# conditions, how the route then reads, and the verdict the certification gets from the miss.
ROUTES = [
    (
        "cma",
        "category-1",
        {"training": "accredited", "status": "finished", "years_since_training": "0.5", "work_years": "0"},
        {"training": "accredited", "status": "in-training", "days_to_finish": "60", "work_years": "0"},
        "Fits once you are within 30 days of finishing your training",
        "not-yet",
    ),
    (
        "cma",
        "category-2",
        {"training": "accredited", "status": "finished", "years_since_training": "3"},
        {"training": "accredited", "status": "finished", "years_since_training": "0.5"},
        "Fits once more than 1 year has passed since your training ended",
        "eligible",  # by Category 1 instead
    ),
    (
        "cma",
        "category-4",
        {"training": "other-program", "status": "finished", "years_since_training": "10"},
        {"training": "other-program", "status": "in-training", "days_to_finish": "200"},
        "Fits once you finish your training",
        "not-yet",
    ),
    (
        "rma",
        "education",
        {"training": "other-program", "status": "finished", "years_since_training": "2", "work_years": "0"},
        {"training": "other-program", "status": "finished", "years_since_training": "5", "work_years": "0"},
        "Does not fit: asks for training that ended at most 4 years ago",
        "not-yet",  # by the work-experience route, after 3 years of work
    ),
    (
        "rma",
        "apprenticeship",
        {"training": "other-program", "status": "finished", "years_since_training": "4", "work_years": "0"},
        {"training": "other-program", "status": "in-training", "work_years": "0"},
        "Fits once you finish your training",
        "not-yet",
    ),
    (
        "rma",
        "work-experience",
        {"training": "none", "work_years": "3", "diploma": "yes"},
        {"training": "none", "work_years": "3", "diploma": "no"},
        "Fits once you hold a high-school diploma or GED",
        "not-yet",
    ),
    (
        "rma",
        "military",
        {"training": "military", "status": "finished", "years_since_training": "1", "work_years": "0"},
        {"training": "military", "status": "finished", "years_since_training": "5", "work_years": "0"},
        "Does not fit: asks for training that ended at most 4 years ago",
        "not-yet",
    ),
    (
        "ncma",
        "student",
        {"training": "other-program", "status": "in-training", "work_years": "0"},
        {"training": "military", "status": "in-training", "work_years": "0"},
        "Does not fit: needs any medical assisting program or apprenticeship",
        "not-yet",  # once the military training is finished
    ),
    (
        "ncma",
        "graduate",
        {"training": "other-program", "status": "finished", "years_since_training": "5", "work_years": "0"},
        {"training": "other-program", "status": "finished", "years_since_training": "6", "work_years": "0"},
        "Does not fit: asks for training that ended at most 5 years ago",
        "not-yet",
    ),
    (
        "ncma",
        "experience",
        {"training": "none", "work_years": "4", "work_years_last_5": "2"},
        {"training": "none", "work_years": "4", "work_years_last_5": "1"},
        "Fits after 1 more year of full-time medical assisting work within the last 5 years",
        "not-yet",
    ),
    (
        "ncma",
        "military",
        {"training": "military", "status": "finished", "years_since_training": "4", "work_years": "0"},
        {"training": "military", "status": "finished", "years_since_training": "6", "work_years": "0"},
        "Does not fit: asks for training that ended at most 5 years ago",
        "not-yet",
    ),
    (
        "ccma",
        "training",
        {"training": "other-program", "status": "finished", "years_since_training": "1", "diploma": "yes"},
        {"training": "other-program", "status": "finished", "years_since_training": "1", "diploma": "no"},
        "Fits once you hold a high-school diploma or GED",
        "not-yet",
    ),
    (
        "ccma",
        "work-experience",
        {"training": "none", "work_years": "1", "diploma": "yes"},
        {"training": "none", "work_years": "0.5", "diploma": "yes"},
        "Fits after 0.5 more years of full-time medical assisting work",
        "not-yet",
    ),
]


def test_every_route_the_checker_weighs_is_covered_here():
    checked = EligibilityRoute.objects.exclude(training=EligibilityRoute.Training.NOT_CHECKED)
    assert set(checked.values_list("certification__slug", "code")) == {(slug, code) for slug, code, *_ in ROUTES}


@pytest.mark.parametrize(("slug", "code", "fits", "misses", "miss_line", "miss_verdict"), ROUTES)
def test_a_visitor_who_fits_a_route_is_likely_eligible_and_one_who_misses_a_condition_is_not_yet(
    client, slug, code, fits, misses, miss_line, miss_verdict
):
    route = EligibilityRoute.objects.get(certification__slug=slug, code=code)

    fitting = check(client, **fits)
    assert fitting.status_code == 200
    assert verdict(fitting, slug) == "eligible"
    assert route_line(fitting, slug, route.name).startswith("Fits now")
    assertContains(fitting, "Likely eligible now by the route “")

    missing = check(client, **misses)
    assert missing.status_code == 200
    assert route_line(missing, slug, route.name).startswith(miss_line)
    assert verdict(missing, slug) == miss_verdict


def test_a_graduate_of_an_accredited_program_is_told_each_route_by_name_with_its_source(client):
    response = check(client, training="accredited", status="finished", years_since_training="0.5", diploma="yes")
    cma = outcome_html(response, "cma")
    assert "Likely eligible now by the route “Category 1”." in cma
    assert "https://www.aama-ntl.org/cma-aama-exam/eligibility" in cma
    assert "Confidence: high" in cma
    assert 'href="https://www.aama-ntl.org/cma-aama-exam"' in cma
    rma = outcome_html(response, "rma")
    assert "Likely eligible now by the route “Education”." in rma
    assert "Confidence: medium — confirm these routes with the AMT." in rma
    assert "reported by a third party" in rma
    assert "The program must be accredited and include 720+ hours" in rma
    assert 'href="https://americanmedtech.org"' in rma


def test_a_student_is_told_to_finish_first_unless_within_30_days_of_the_end(client):
    far = check(client, training="accredited", status="in-training", days_to_finish="90", work_years="0")
    assert verdict(far, "cma") == "not-yet"
    assert "Eligible once you are within 30 days of finishing your training, by the route “Category 1”." in (
        outcome_html(far, "cma")
    )
    near = check(client, training="accredited", status="in-training", days_to_finish="20", work_years="0")
    assert verdict(near, "cma") == "eligible"
    assert "by the route “Category 1”" in outcome_html(near, "cma")


def test_military_training_opens_no_cma_route(client):
    response = check(client, training="military", status="finished", years_since_training="1", work_years="0")
    assert verdict(response, "cma") == "not-eligible"
    assertContains(response, "Not eligible by the published routes")
    assert "None of the published routes fits" in outcome_html(response, "cma")
    assert verdict(response, "rma") == "eligible"
    assert verdict(response, "ncma") == "eligible"


def test_someone_with_no_training_nor_work_hears_what_each_certification_needs(client):
    response = check(client, training="none", work_years="0", diploma="yes")
    assert verdict(response, "cma") == "not-eligible"
    assert "Eligible after 3 more years of full-time medical assisting work within the last 7 years" in (
        outcome_html(response, "rma")
    )
    assert "Eligible after 2 more years" in outcome_html(response, "ncma")
    assert "Eligible after 1 more year of full-time" in outcome_html(response, "ccma")


def test_routes_the_checker_cannot_assess_are_listed_but_decide_nothing(client):
    response = check(client, training="none", work_years="0", diploma="yes")
    cma = outcome_html(response, "cma")
    assert "Other routes — see the AAMA" in cma
    assert "<strong>Category 3</strong>: A CMA (AAMA) recertifying." in cma
    assert verdict(response, "cma") == "not-eligible"
    assert "<strong>Instructor</strong>" in outcome_html(response, "rma")


def test_old_work_outside_the_window_does_not_count(client):
    response = check(
        client, training="none", work_years="10", work_years_last_7="2", work_years_last_5="0", diploma="yes"
    )
    assert verdict(response, "rma") == "not-yet"
    assert verdict(response, "ncma") == "not-yet"
    assert verdict(response, "ccma") == "eligible"  # its one year of work may fall at any time


def test_work_all_within_the_window_may_be_left_blank(client):
    response = check(client, training="none", work_years="3", diploma="yes")
    assert verdict(response, "rma") == "eligible"
    assert verdict(response, "ncma") == "eligible"


def test_a_partly_filled_form_answers_what_it_can_and_says_what_else_it_needs(client):
    response = check(client, work_years="3")
    assert response.status_code == 200
    assert verdict(response, "ncma") == "eligible"
    assert verdict(response, "rma") == "eligible"
    assert "if you hold a high-school diploma or GED" in outcome_html(response, "rma")
    assert verdict(response, "cma") == "undecided"
    assert "To decide, we need what training you have" in outcome_html(response, "cma")
    assertContains(response, "To answer for every certification, also tell us:")
    assertContains(response, '<a href="#div_id_training">What training you have</a>', html=True)
    assertContains(response, '<a href="#div_id_diploma">Whether you have a high-school diploma or GED</a>', html=True)


def test_a_student_who_has_not_said_when_they_finish_is_asked_for_it(client):
    response = check(client, training="accredited", status="in-training", work_years="0")
    assert verdict(response, "cma") == "not-yet"
    assert "tell us how many days until you finish your training" in outcome_html(response, "cma")
    assertContains(response, '<a href="#div_id_days_to_finish">')


def test_years_since_training_alone_means_the_training_is_finished(client):
    response = check(client, training="other-program", years_since_training="2", work_years="0")
    assert verdict(response, "ncma") == "eligible"
    assert "by the route “Graduate”" in outcome_html(response, "ncma")


def test_the_blank_page_shows_the_form_guidance_and_the_date_the_rules_were_checked(client):
    response = client.get(URL)
    assert response.status_code == 200
    assertContains(response, "This is guidance, not a decision.")
    assertContains(response, "Each certifying body decides who may sit its exam")
    assertContains(response, 'Rules last checked on <time datetime="2026-11-01">1 November 2026</time>')
    assertContains(response, 'method="get"')
    assertContains(response, "What medical assisting training do you have?")
    assertNotContains(response, "data-eligibility")


def test_the_rules_date_is_the_latest_date_a_route_source_was_read(client):
    source = EligibilityRoute.objects.get(certification__slug="ncma", code="student").source
    Source.objects.filter(pk=source.pk).update(seen_on="2027-02-03")
    assertContains(client.get(URL), "3 February 2027")


def test_an_empty_submission_shows_the_form_again_without_results(client):
    response = client.get(URL + "?training=&work_years=")
    assert response.status_code == 200
    assertNotContains(response, "data-eligibility")


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"work_years": "-1"}, "work_years", "greater than or equal to 0"),
        ({"work_years": "three"}, "work_years", "Enter a number."),
        ({"years_since_training": "1e400"}, "years_since_training", ""),
        ({"days_to_finish": "-5"}, "days_to_finish", "greater than or equal to 0"),
        ({"days_to_finish": "2.5"}, "days_to_finish", "Enter a whole number."),
        ({"training": "astronaut"}, "training", "Select a valid choice."),
        ({"status": "maybe"}, "status", "Select a valid choice."),
        ({"diploma": "perhaps"}, "diploma", "Select a valid choice."),
        ({"work_years_last_5": "6"}, "work_years_last_5", "less than or equal to 5"),
        ({"work_years": "2", "work_years_last_7": "3"}, "work_years_last_7", "more than your total years of work"),
        (
            {"work_years": "5", "work_years_last_7": "2", "work_years_last_5": "3"},
            "work_years_last_5",
            "more than your years in the last 7 years",
        ),
    ],
)
def test_a_bad_answer_is_a_form_error_next_to_its_field(client, answers, field, message):
    response = check(client, **answers)
    assert response.status_code == 400
    html = response.content.decode()
    block = re.search(rf'<div id="div_id_{field}".*?(?=<div id="div_id_|</form>)', html, re.S).group(0)
    assert "invalid-feedback" in block
    assert message in block
    assertContains(response, "Please check 1 answer", status_code=400)
    assertContains(response, f'href="#div_id_{field}"', status_code=400)


def test_a_bad_answer_leaves_the_other_answers_working(client):
    response = check(client, training="other-program", status="finished", years_since_training="1", work_years="lots")
    assert response.status_code == 400
    assert verdict(response, "ncma") == "eligible"


def test_a_repeated_or_odd_parameter_is_never_a_server_error(client):
    response = client.get(URL + "?training=accredited&training=military&work_years=%00&status[]=x&unknown=1")
    assert response.status_code in (200, 400)


def test_an_editor_adding_a_route_in_the_admin_changes_the_answer_without_code(client, editor_client):
    answers = {"training": "none", "work_years": "5", "diploma": "yes"}
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


def test_an_editor_changing_a_route_changes_the_answer(client):
    answers = {"training": "none", "work_years": "2", "diploma": "yes"}
    assert verdict(check(client, **answers), "ncma") == "eligible"
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
            "order": 9,
            "source": Source.objects.get(key="aama-cma-eligibility").pk,
        },
    )
    assert response.status_code == 200
    assertContains(response, "Only a route that asks for training can set this.")
    assertContains(response, "The window cannot be shorter than the years of work it asks for.")
    assert not EligibilityRoute.objects.filter(code="odd").exists()


def test_the_form_asks_only_what_the_stored_routes_need(client):
    EligibilityRoute.objects.filter(requires_diploma=True).update(requires_diploma=False)
    response = client.get(URL)
    assertNotContains(response, "high-school diploma")
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
    with django_assert_max_num_queries(4):
        response = check(client, training="accredited", status="finished", years_since_training="1", work_years="2")
    assert response.status_code == 200


def test_work_bounds_read_the_answers_for_each_window():
    candidate = Candidate(work_years={None: Decimal(6), 7: Decimal(4)})
    assert work_bounds(candidate, 7) == (Decimal(4), Decimal(4))
    assert work_bounds(candidate, 5) == (None, Decimal(4))
    assert work_bounds(candidate, None) == (Decimal(6), Decimal(6))
    assert work_bounds(Candidate(work_years={None: Decimal(3)}), 5) == (Decimal(3), Decimal(3))


def test_a_route_evaluates_to_undecided_when_an_answer_it_needs_is_missing():
    route = next(
        r for c in certifications_with_routes() for r in c.routes.all() if (c.slug, r.code) == ("rma", "education")
    )
    result = evaluate_route(route, Candidate(training="other-program"))
    assert result.status == "undecided"
    assert [q.field for q in result.questions] == ["status"]
