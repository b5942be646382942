"""The eligibility rules a reader relies on, case by case: what the answers show closes a route, what they
cannot establish makes it conditional (naming the condition), what was left blank is asked for."""

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.usefixtures("seeded")

URL = reverse("certifications:eligibility")


def outcome(response, slug):
    """(verdict, text) of one certification's result, as a visitor reads it."""
    html = response.content.decode()
    match = re.search(
        rf'<(article|li|td)[^>]*data-certification="{slug}" data-eligibility="([^"]+)"[^>]*>(.*?)</\1>', html, re.S
    )
    assert match, f"no result for {slug}"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(3)))
    return match.group(2), text


FINISHED_OTHER = {"training": "other-program", "status_other_program": "finished"}

# (case, answers, certification, verdict, words the result must contain)
CASES = [
    (
        "accredited graduate: CMA Category 1",
        {"training": "accredited", "status_accredited": "finished", "months_since_accredited": "6"},
        "cma",
        "eligible",
        "Likely eligible now by the route “Category 1”",
    ),
    (
        "non-accredited graduate: RMA education route only if AMT accepts the program",
        {**FINISHED_OTHER, "months_since_other_program": "24"},
        "rma",
        "conditional",
        "Eligible if your program is accredited as AMT requires, with 720+ hours including 160 externship hours",
    ),
    (
        "non-accredited graduate, by an old link: still conditional, not 'likely eligible'",
        {"training": "other-program", "status": "finished", "years_since_training": "2", "work_years": "0"},
        "rma",
        "conditional",
        "accredited as AMT requires",
    ),
    (
        "CMA Category 4 waits on AAMA's document review",
        {**FINISHED_OTHER, "months_since_other_program": "120"},
        "cma",
        "conditional",
        "Eligible if AAMA’s review of your documents (done first, at no charge) finds that your program",
    ),
    (
        "NCMA 'approved program' for another program",
        {**FINISHED_OTHER, "months_since_other_program": "12"},
        "ncma",
        "conditional",
        "Eligible if NCCT counts your medical assisting program as an approved one",
    ),
    (
        "CCMA after any completed training program with a diploma",
        {**FINISHED_OTHER, "months_since_other_program": "96", "diploma": "yes"},
        "ccma",
        "eligible",
        "Likely eligible now by the route “Training program”",
    ),
    (
        "hours, not whole years: 27 months at 48 h/week is 5,616 hours",
        {"training": "none", "work_months": "27", "hours_per_week": "48", "work_last_7": "all", "diploma": "yes"},
        "rma",
        "conditional",
        "Eligible if you hold the CPR certification AMT asks for, by the route “Work experience”",
    ),
    (
        "hours, by an old link: 2.7 years full time is 5,616 hours",
        {"training": "none", "work_years": "2.7", "work_years_last_7": "2.7", "diploma": "yes"},
        "rma",
        "conditional",
        "by the route “Work experience”",
    ),
    (
        "hours short of the body's own figure",
        {"training": "none", "work_hours": "5000", "work_last_7": "all", "diploma": "yes"},
        "rma",
        "not-yet",
        "Eligible after 616 more hours of medical assisting work within the last 7 years (AMT counts 3 years of "
        "work as 5,616 hours)",
    ),
    (
        "'all of it' in the window",
        {"training": "none", "work_hours": "4160", "work_last_5": "all"},
        "ncma",
        "eligible",
        "Likely eligible now by the route “Work experience”",
    ),
    (
        "a blank window is asked for, not assumed",
        {"training": "none", "work_hours": "4160"},
        "ncma",
        "undecided",
        "To decide, we need how much of your work was in the last 5 years",
    ),
    (
        "a blank window, by an old link: at most 2 of 4 years can fall in the last 5",
        {"training": "none", "work_years": "4", "work_years_last_7": "2"},
        "ncma",
        "undecided",
        "how much of your work was in the last 5 years",
    ),
    (
        "student finishing within 30 days",
        {"training": "accredited", "status_accredited": "in-training", "finish_in_30_days_accredited": "yes"},
        "cma",
        "eligible",
        "Likely eligible now by the route “Category 1”",
    ),
    (
        "student finishing later",
        {"training": "accredited", "status_accredited": "in-training", "finish_in_30_days_accredited": "no"},
        "cma",
        "not-yet",
        "Eligible within 30 days of finishing your program, by the route “Category 1”",
    ),
    (
        "student who has not said when they finish: told Category 1 opens within 30 days",
        {"training": "accredited", "status_accredited": "in-training"},
        "cma",
        "not-yet",
        "Eligible within 30 days of finishing your program, by the route “Category 1”",
    ),
    (
        "military training under way",
        {"training": "military", "status_military": "in-training", "work_hours": "0", "diploma": "yes"},
        "rma",
        "not-yet",
        "Eligible after your military training ends, by the route “Military”",
    ),
    (
        "military training under way, NCMA",
        {"training": "military", "status_military": "in-training", "work_hours": "0"},
        "ncma",
        "not-yet",
        "Eligible after your military training ends, then if your military training was in medical assisting",
    ),
    (
        "two kinds of training: an old civilian program and recent military training",
        {
            **FINISHED_OTHER,
            "training": ["other-program", "military"],
            "months_since_other_program": "120",
            "status_military": "finished",
            "months_since_military": "12",
        },
        "rma",
        "eligible",
        "Likely eligible now by the route “Military”",
    ),
]


@pytest.mark.parametrize(
    ("answers", "slug", "expected", "words"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_the_checker_weighs_each_case_as_its_source_states_it(client, answers, slug, expected, words):
    # The cases made "by an old link" are redirected to today's parameters first.
    response = client.get(URL + "?" + urlencode(answers, doseq=True), follow=True)
    assert response.status_code == 200
    verdict, text = outcome(response, slug)
    assert verdict == expected, text
    assert words in text


def test_a_conditional_result_links_to_the_page_where_the_body_confirms_it(client):
    response = client.get(URL + "?" + urlencode({**FINISHED_OTHER, "months_since_other_program": "12"}))
    html = response.content.decode()
    cma = re.search(r'<article[^>]*data-certification="cma".*?</article>', html, re.S).group(0)
    assert 'data-eligibility="conditional"' in cma
    assert "Only the AAMA can confirm this condition" in cma
    assert '<a href="https://www.aama-ntl.org/cma-aama-exam/eligibility">check it on the AAMA’s page' in cma


PROGRAM_CASES = [
    # (case, program fields, certification, verdict, words)
    ("accredited program: CMA Category 1", {"accreditor": "caahep"}, "cma", "eligible", "“Category 1”"),
    (
        "non-accredited program with an externship: RMA only if AMT accepts it",
        {},
        "rma",
        "conditional",
        "Eligible if your program is accredited as AMT requires, with 720+ hours including 160 externship hours",
    ),
    (
        "no externship: the RMA education route is closed, and the apprenticeship route is not offered instead",
        {"has_externship": False},
        "rma",
        "not-yet",
        "by the route “Work experience”",
    ),
    (
        "unknown diploma on a program page: conditional, never not eligible",
        {},
        "ccma",
        "conditional",
        "Eligible if you hold a high-school diploma or GED",
    ),
]


@pytest.mark.parametrize(
    ("fields", "slug", "expected", "words"),
    [case[1:] for case in PROGRAM_CASES],
    ids=[case[0] for case in PROGRAM_CASES],
)
def test_a_program_page_and_compare_weigh_a_fresh_graduate(client, fields, slug, expected, words, make_program):
    program = make_program("case-program", **fields)
    for response in (
        client.get(program.get_absolute_url()),
        client.get(reverse("programs:compare"), {"p": [program.slug]}),
    ):
        verdict, text = outcome(response, slug)
        assert verdict == expected, text
        assert words in text
        assertNotContains(response, 'data-eligibility="not-eligible"')


def test_the_form_asks_hours_or_months_shows_the_sum_and_offers_all_of_it(client):
    # The whole form, as "Change your answers" shows it.
    blank = client.get(URL, {"training": "none", "edit": "1"})
    assertContains(blank, "All of it")
    assertContains(blank, "will you finish within the next 30 days (about a month)?")
    assertContains(blank, "how many months ago did it end?")
    assertNotContains(blank, "years ago")
    assertNotContains(blank, "Leave blank if all of your work")
    assertContains(blank, 'name="training" value="military"')
    assertContains(blank, 'type="checkbox"')
    response = client.get(URL, {"training": "none", "work_months": "26", "hours_per_week": "40"})
    assertContains(response, "26 months × 40 h/week ≈ 4,507 hours")


def test_each_training_keeps_its_own_timing(client):
    response = client.get(
        URL
        + "?"
        + urlencode(
            {
                "training": ["accredited", "military"],
                "status_accredited": "in-training",
                "finish_in_30_days_accredited": "no",
                "status_military": "finished",
                "months_since_military": "24",
            },
            doseq=True,
        )
    )
    verdict, text = outcome(response, "cma")
    assert verdict == "not-yet"
    assert "within 30 days of finishing your program" in text
    assert outcome(response, "rma")[0] == "eligible"


def test_only_a_route_that_could_be_open_now_is_offered_as_a_better_fit(client):
    answers = {"training": "military", "status_military": "in-training", "work_months": "26", "hours_per_week": "40"}
    response = client.get(URL, answers)
    # 4,507 hours cannot meet AMT's 5,616, whatever the diploma: nothing better to ask for the RMA.
    verdict, rma = outcome(response, "rma")
    assert verdict == "not-yet" and "after your military training ends" in rma
    assert "Another route may fit better" not in rma
    # 4,507 hours may meet NCCT's 4,160 in the last 5 years: the page asks.
    verdict, ncma = outcome(response, "ncma")
    assert verdict == "not-yet"
    assert "Another route may fit better: tell us how much of your work was in the last 5 years" in ncma
