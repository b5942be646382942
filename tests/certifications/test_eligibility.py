"""The eligibility checker page: a visitor's answers weighed against every seeded route."""

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from certifications.eligibility import (
    Candidate,
    TrainingAnswer,
    certifications_with_routes,
    evaluate_route,
    work_bounds,
)
from certifications.models import Accreditor, Certification, EligibilityRoute
from content.models import Source

pytestmark = pytest.mark.usefixtures("seeded")

URL = reverse("certifications:eligibility")


def check(client, **answers):
    return client.get(URL + "?" + urlencode(answers, doseq=True))


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


# Each seeded route the checker weighs: answers that fit it and how the route then reads, with the
# certification's verdict; answers that miss one of its conditions, how the route reads, the verdict.
ROUTES = [
    (
        "cma",
        "category-1",
        {"training": "accredited", "status_accredited": "finished", "years_since_accredited": "0.5"},
        ("Fits now", "eligible"),
        {"training": "accredited", "status_accredited": "in-training", "finish_in_30_days_accredited": "no"},
        ("Fits within 30 days of finishing your program", "not-yet"),
    ),
    (
        "cma",
        "category-2",
        {"training": "accredited", "status_accredited": "finished", "years_since_accredited": "3"},
        ("Fits now", "eligible"),
        {"training": "accredited", "status_accredited": "finished", "years_since_accredited": "0.5"},
        ("Fits once more than 1 year has passed since your program ended", "eligible"),  # by Category 1
    ),
    (
        "cma",
        "category-4",
        {"training": "other-program", "status_other_program": "finished", "years_since_other_program": "10"},
        ("Fits if AAMA’s review of your documents", "conditional"),
        {"training": "other-program", "status_other_program": "in-training"},
        ("Fits after you finish your program, then if AAMA’s review", "not-yet"),
    ),
    (
        "rma",
        "education",
        {"training": "other-program", "status_other_program": "finished", "years_since_other_program": "2"},
        (
            "Fits if your program is accredited as AMT requires, with 720+ hours including 160 externship hours",
            "conditional",
        ),
        {
            "training": "other-program",
            "status_other_program": "finished",
            "years_since_other_program": "5",
            "work_hours": "0",
            "diploma": "yes",
        },
        ("Does not fit: asks for training that ended at most 4 years ago", "not-yet"),  # by work, later
    ),
    (
        "rma",
        "apprenticeship",
        {"training": "apprenticeship", "status_apprenticeship": "finished", "years_since_apprenticeship": "4"},
        ("Fits if AMT counts your training as an approved apprenticeship or workforce program", "conditional"),
        {"training": "apprenticeship", "status_apprenticeship": "in-training", "work_hours": "0"},
        ("Fits after you finish your apprenticeship", "not-yet"),
    ),
    (
        "rma",
        "work-experience",
        {"training": "none", "work_hours": "5616", "work_last_7": "all", "diploma": "yes"},
        ("Fits if you hold the CPR certification AMT asks for", "conditional"),
        {"training": "none", "work_hours": "5616", "work_last_7": "all", "diploma": "no"},
        ("Fits once you hold a high-school diploma or GED, then if you hold the CPR", "not-yet"),
    ),
    (
        "rma",
        "military",
        {"training": "military", "status_military": "finished", "years_since_military": "1"},
        ("Fits now", "eligible"),
        {
            "training": "military",
            "status_military": "finished",
            "years_since_military": "5",
            "work_hours": "0",
            "diploma": "yes",
        },
        ("Does not fit: asks for training that ended at most 4 years ago", "not-yet"),
    ),
    (
        "ncma",
        "student",
        {"training": "other-program", "status_other_program": "in-training"},
        ("Fits if NCCT counts your medical assisting program as an approved one", "conditional"),
        {"training": "military", "status_military": "in-training", "work_hours": "0"},
        ("Does not fit: needs a medical assisting program", "not-yet"),  # after the military training ends
    ),
    (
        "ncma",
        "graduate",
        {"training": "other-program", "status_other_program": "finished", "years_since_other_program": "5"},
        ("Fits if NCCT counts your medical assisting program as an approved one", "conditional"),
        {
            "training": "other-program",
            "status_other_program": "finished",
            "years_since_other_program": "6",
            "work_hours": "0",
        },
        ("Does not fit: asks for training that ended at most 5 years ago", "not-yet"),
    ),
    (
        "ncma",
        "experience",
        {"training": "none", "work_hours": "4160", "work_last_5": "all"},
        ("Fits now", "eligible"),
        {"training": "none", "work_hours": "6000", "work_last_5": "part", "work_hours_last_5": "2080"},
        (
            "Fits after 2,080 more hours of medical assisting work within the last 5 years "
            "(NCCT counts 2 years of work as 4,160 hours)",
            "not-yet",
        ),
    ),
    (
        "ncma",
        "military",
        {"training": "military", "status_military": "finished", "years_since_military": "4"},
        ("Fits if your military training was in medical assisting", "conditional"),
        {"training": "military", "status_military": "finished", "years_since_military": "6", "work_hours": "0"},
        ("Does not fit: asks for training that ended at most 5 years ago", "not-yet"),
    ),
    (
        "ccma",
        "training",
        {
            "training": "other-program",
            "status_other_program": "finished",
            "years_since_other_program": "1",
            "diploma": "yes",
        },
        ("Fits now", "eligible"),
        {
            "training": "other-program",
            "status_other_program": "finished",
            "years_since_other_program": "1",
            "diploma": "no",
        },
        ("Fits once you hold a high-school diploma or GED", "not-yet"),
    ),
    (
        "ccma",
        "work-experience",
        {"training": "none", "work_hours": "2080", "diploma": "yes"},
        ("Fits if your work was supervised, as NHA asks", "conditional"),
        {"training": "none", "work_hours": "1040", "diploma": "yes"},
        (
            "Fits after 1,040 more hours of medical assisting work (1 year of work counted here as 2,080 hours",
            "not-yet",
        ),
    ),
]


def test_every_route_the_checker_weighs_is_covered_here():
    checked = EligibilityRoute.objects.exclude(training=EligibilityRoute.Training.NOT_CHECKED)
    assert set(checked.values_list("certification__slug", "code")) == {(slug, code) for slug, code, *_ in ROUTES}


@pytest.mark.parametrize(("slug", "code", "fits", "fit", "misses", "miss"), ROUTES)
def test_each_route_reads_as_fitting_or_says_what_is_missing(client, slug, code, fits, fit, misses, miss):
    route = EligibilityRoute.objects.get(certification__slug=slug, code=code)
    for answers, (line, expected) in ((fits, fit), (misses, miss)):
        response = check(client, **answers)
        assert response.status_code == 200
        assert route_line(response, slug, route.name).startswith(line), route_line(response, slug, route.name)
        assert verdict(response, slug) == expected


def test_a_graduate_of_an_accredited_program_is_told_each_route_by_name_with_its_source(client):
    response = check(
        client, training="accredited", status_accredited="finished", years_since_accredited="0.5", diploma="yes"
    )
    cma = outcome_html(response, "cma")
    assert "Likely eligible now by the route “Category 1”." in cma
    assert "https://www.aama-ntl.org/cma-aama-exam/eligibility" in cma
    assert "Confidence: high" in cma
    assert 'href="https://www.aama-ntl.org/cma-aama-exam"' in cma
    rma = outcome_html(response, "rma")
    # AMT does not say which accreditors it accepts, nor does the checker know the program's hours.
    assert verdict(response, "rma") == "conditional"
    assert (
        "Eligible if your program is accredited as AMT requires, with 720+ hours including 160 externship hours, "
        "by the route “Education”." in rma
    )
    assert "Only the AMT can confirm this condition" in rma
    assert "Confidence: medium — confirm these routes with the AMT." in rma
    assert 'href="https://americanmedtech.org"' in rma


def test_military_training_opens_no_cma_route(client):
    response = check(client, training="military", status_military="finished", years_since_military="1")
    assert verdict(response, "cma") == "not-eligible"
    assertContains(response, "Not eligible by the published routes")
    assert "None of the published routes fits" in outcome_html(response, "cma")
    assert verdict(response, "rma") == "eligible"
    assert verdict(response, "ncma") == "conditional"  # if the military training was in medical assisting


def test_someone_with_no_training_nor_work_hears_what_each_certification_needs(client):
    response = check(client, training="none", work_hours="0", diploma="yes")
    assert verdict(response, "cma") == "not-eligible"
    assert "Eligible after 5,616 more hours of medical assisting work within the last 7 years (AMT counts 3 years" in (
        outcome_html(response, "rma")
    )
    assert "Eligible after 4,160 more hours" in outcome_html(response, "ncma")
    assert "Eligible after 2,080 more hours" in outcome_html(response, "ccma")


def test_routes_the_checker_cannot_assess_are_listed_but_decide_nothing(client):
    response = check(client, training="none", work_hours="0", diploma="yes")
    cma = outcome_html(response, "cma")
    assert "Other routes, weighed only by the AAMA" in cma
    assert "<strong>Category 3</strong>: A CMA (AAMA) recertifying." in cma
    assert verdict(response, "cma") == "not-eligible"
    assert "<strong>Instructor</strong>" in outcome_html(response, "rma")


def test_old_work_outside_the_window_does_not_count(client):
    response = check(
        client,
        training="none",
        work_hours="20000",
        work_last_7="part",
        work_hours_last_7="4000",
        work_last_5="part",
        work_hours_last_5="0",
        diploma="yes",
    )
    assert verdict(response, "rma") == "not-yet"
    assert verdict(response, "ncma") == "not-yet"
    assert verdict(response, "ccma") == "conditional"  # its year of work may fall at any time; supervised?


def test_a_partly_filled_form_answers_what_it_can_and_says_what_else_it_needs(client):
    response = check(client, work_hours="6000", work_last_7="all", work_last_5="all")
    assert response.status_code == 200
    assert verdict(response, "ncma") == "eligible"
    assert verdict(response, "rma") == "undecided"  # the diploma is blank: asked, not assumed
    assert verdict(response, "cma") == "undecided"
    assert "To decide, we need what training you have" in outcome_html(response, "cma")
    assertContains(response, "To answer for every certification, also tell us:")
    # Each question links to its field in the form, filled in ("Change your answers": edit=1).
    edit = "?work_hours=6000&amp;work_last_5=all&amp;work_last_7=all&amp;edit=1"
    assertContains(response, f'<a href="{edit}#div_id_training">What training you have</a>', html=True)
    diploma = "Whether you have a high-school diploma or GED"
    assertContains(response, f'<a href="{edit}#div_id_diploma">{diploma}</a>', html=True)


def test_years_since_training_alone_means_the_training_is_finished(client):
    response = check(client, training="other-program", years_since_other_program="2")
    assert verdict(response, "ccma") == "undecided"  # diploma
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
        ({"work_hours": "-1"}, "work_hours", "greater than or equal to 0"),
        ({"work_hours": "three"}, "work_hours", "Enter a whole number."),
        ({"work_months": "12", "hours_per_week": "0"}, "hours_per_week", "greater than or equal to 1"),
        ({"work_months": "12"}, "hours_per_week", "Give your usual hours a week too"),
        ({"work_hours": "100", "work_months": "12", "hours_per_week": "40"}, "work_months", "not both"),
        ({"training": "military", "months_since_military": "1e400"}, "months_since_military", ""),
        ({"training": "military", "months_since_military": "-1"}, "months_since_military", "greater than or equal"),
        ({"training": "military", "months_since_military": "841"}, "months_since_military", "less than or equal"),
        ({"training": "astronaut"}, "training", "Select a valid choice."),
        ({"training": ["none", "military"]}, "training", "“None yet” cannot be ticked together"),
        ({"training": "military", "status_military": "maybe"}, "status_military", "Select a valid choice."),
        ({"training": "accredited", "finish_in_30_days_accredited": "soon"}, "finish_in_30_days_accredited", "valid"),
        ({"diploma": "perhaps"}, "diploma", "Select a valid choice."),
        ({"work_months_last_5": "61", "hours_per_week": "40"}, "work_months_last_5", "less than or equal to 60"),
        ({"work_hours": "2000", "work_hours_last_7": "3000"}, "work_hours_last_7", "more than your total hours"),
        (
            {"work_hours": "9000", "work_hours_last_7": "2000", "work_hours_last_5": "3000"},
            "work_hours_last_5",
            "more than your hours in the last 7 years",
        ),
        ({"work_hours": "9000", "work_last_7": "all", "work_hours_last_7": "3000"}, "work_hours_last_7", "all of it"),
        # Links in the old one-training form: a bad value shows on the field that now holds it.
        ({"work_years": "-1"}, "work_months", "greater than or equal to 0"),
        ({"work_years": "three"}, "work_months", "Enter a number."),
        ({"training": "accredited", "days_to_finish": "-5"}, "finish_in_30_days_accredited", "valid choice"),
        ({"training": "accredited", "status": "maybe"}, "status_accredited", "Select a valid choice."),
        ({"training": "military", "years_since_military": "1e400"}, "months_since_military", ""),
        ({"training": "military", "years_since_military": "1e999999999"}, "months_since_military", ""),
        ({"work_years": "-1e999999999"}, "work_months", ""),
        ({"training": "military", "years_since_military": "soon"}, "months_since_military", "Enter a number."),
        ({"training": "accredited", "years_since_training": "-1"}, "months_since_accredited", "greater than or equal"),
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
    response = check(
        client,
        training="other-program",
        status_other_program="finished",
        years_since_other_program="1",
        diploma="yes",
        work_hours="lots",
    )
    assert response.status_code == 400
    assert verdict(response, "ccma") == "eligible"


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
        response = check(client, training="accredited", status="finished", years_since_training="1", work_years="2")
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
    assert [q.field for q in result.questions] == ["status_other_program"]


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
