"""The eligibility checker page: a visitor's answers weighed against every seeded route."""

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from certifications.models import EligibilityRoute
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
        {"training": "accredited", "status_accredited": "finished", "months_since_accredited": "6"},
        ("Fits now", "eligible"),
        {"training": "accredited", "status_accredited": "in-training", "finish_in_30_days_accredited": "no"},
        ("Fits within 30 days of finishing your program", "not-yet"),
    ),
    (
        "cma",
        "category-2",
        {"training": "accredited", "status_accredited": "finished", "months_since_accredited": "36"},
        ("Fits now", "eligible"),
        {"training": "accredited", "status_accredited": "finished", "months_since_accredited": "6"},
        ("Fits once more than 1 year has passed since your program ended", "eligible"),  # by Category 1
    ),
    (
        "cma",
        "category-4",
        {"training": "other-program", "status_other_program": "finished", "months_since_other_program": "120"},
        ("Fits if AAMA’s review of your documents", "conditional"),
        {"training": "other-program", "status_other_program": "in-training"},
        ("Fits after you finish your program, then if AAMA’s review", "not-yet"),
    ),
    (
        "rma",
        "education",
        {"training": "other-program", "status_other_program": "finished", "months_since_other_program": "24"},
        (
            "Fits if your program is accredited as AMT requires, with 720+ hours including 160 externship hours",
            "conditional",
        ),
        {
            "training": "other-program",
            "status_other_program": "finished",
            "months_since_other_program": "60",
            "work_hours": "0",
            "diploma": "yes",
        },
        ("Does not fit: asks for training that ended at most 4 years ago", "not-yet"),  # by work, later
    ),
    (
        "rma",
        "apprenticeship",
        {"training": "apprenticeship", "status_apprenticeship": "finished", "months_since_apprenticeship": "48"},
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
        {"training": "military", "status_military": "finished", "months_since_military": "12"},
        ("Fits now", "eligible"),
        {
            "training": "military",
            "status_military": "finished",
            "months_since_military": "60",
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
        {"training": "other-program", "status_other_program": "finished", "months_since_other_program": "60"},
        ("Fits if NCCT counts your medical assisting program as an approved one", "conditional"),
        {
            "training": "other-program",
            "status_other_program": "finished",
            "months_since_other_program": "72",
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
        {"training": "military", "status_military": "finished", "months_since_military": "48"},
        ("Fits if your military training was in medical assisting", "conditional"),
        {"training": "military", "status_military": "finished", "months_since_military": "72", "work_hours": "0"},
        ("Does not fit: asks for training that ended at most 5 years ago", "not-yet"),
    ),
    (
        "ccma",
        "training",
        {
            "training": "other-program",
            "status_other_program": "finished",
            "months_since_other_program": "12",
            "diploma": "yes",
        },
        ("Fits now", "eligible"),
        {
            "training": "other-program",
            "status_other_program": "finished",
            "months_since_other_program": "12",
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
    (
        "ccma",
        "apprenticeship",
        {
            "training": "apprenticeship",
            "status_apprenticeship": "finished",
            "months_since_apprenticeship": "1",
            "diploma": "yes",
        },
        ("Fits if NHA counts your apprenticeship as a completed training program (confirm with NHA)", "conditional"),
        {
            "training": "other-program",
            "status_other_program": "finished",
            "months_since_other_program": "12",
            "diploma": "no",
        },
        ("Does not fit: is for a medical assisting apprenticeship or workforce program", "not-yet"),
    ),
    (
        "ccma",
        "military",
        {"training": "military", "status_military": "finished", "months_since_military": "6", "diploma": "yes"},
        ("Fits if NHA counts your military training as a completed training program (confirm with NHA)", "conditional"),
        {"training": "none", "work_hours": "1040", "diploma": "yes"},
        ("Does not fit: needs military medical training", "not-yet"),
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
        client, training="accredited", status_accredited="finished", months_since_accredited="6", diploma="yes"
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
    response = check(client, training="military", status_military="finished", months_since_military="12")
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


def test_the_time_since_training_alone_means_the_training_is_finished(client):
    response = check(client, training="other-program", months_since_other_program="24")
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


def assert_error_next_to_field(response, field, message):
    assert response.status_code == 400
    html = response.content.decode()
    block = re.search(rf'<div id="div_id_{field}".*?(?=<div id="div_id_|</form>)', html, re.S).group(0)
    assert "invalid-feedback" in block
    assert message in block
    assertContains(response, "Please check 1 answer", status_code=400)
    assertContains(response, f'href="#div_id_{field}"', status_code=400)
