"""A visitor checks programs against the five factors: verdicts in the page, shareable URLs, bad input handled."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.usefixtures("seeded")

URL = reverse("programs:checklist")
FULL = {
    "name": "Lakeside MA",
    "accreditor": "caahep",
    "clinical": "yes",
    "administrative": "yes",
    "externship": "yes",
    "placement": "yes",
    "cost": "9000",
    "months": "10",
    "budget": "10000",
    "timeline": "12",
}


def verdict(response, factor):
    """The data-verdict of the first element for a factor in the page."""
    html = response.content.decode()
    start = html.index(f'data-factor="{factor}"')
    tail = html[start:]
    return tail.split('data-verdict="', 1)[1].split('"', 1)[0]


def test_the_empty_checklist_shows_the_five_factors_and_the_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    for name in ("Accreditation", "Curriculum", "Hands-on experience", "Cost and duration", "Job placement assistance"):
        assertContains(response, name)
    assertContains(response, 'id="checklist-form"')
    assertContains(response, 'method="get"')
    assertNotContains(response, "data-verdict")


def test_a_program_that_meets_every_factor_gets_five_of_five(client):
    response = client.get(URL, FULL)
    assert response.status_code == 200
    for factor in ("accreditation", "curriculum", "hands-on", "cost-duration", "placement"):
        assert verdict(response, factor) == "meets"
    assertContains(response, "5 of 5 factors met")
    assertContains(response, "Lakeside MA")


def test_a_program_without_accreditation_gets_a_concern_and_the_cma_fact(client):
    response = client.get(URL, {**FULL, "accreditor": "none"})
    assert verdict(response, "accreditation") == "concern"
    assertContains(response, "4 of 5 factors met")
    # What accreditation means for certification, from the stored CMA routes and their source.
    assertContains(
        response,
        "“Category 1” and “Category 2” routes require a medical assisting program accredited by CAAHEP or ABHES.",
    )
    assertContains(response, "CMA (AAMA) Exam Eligibility")
    assertContains(response, f'href="{reverse("certifications:eligibility")}"')


@pytest.mark.parametrize(
    ("answers", "factor", "expected"),
    [
        ({"accreditor": "unknown"}, "accreditation", "check"),
        ({"accreditor": "other"}, "accreditation", "check"),
        ({"clinical": "no"}, "curriculum", "concern"),
        ({"administrative": "unknown"}, "curriculum", "check"),
        ({"externship": "no"}, "hands-on", "concern"),
        ({"externship": "unknown"}, "hands-on", "check"),
        ({"cost": "12000"}, "cost-duration", "concern"),
        ({"months": "24"}, "cost-duration", "concern"),
        ({"budget": ""}, "cost-duration", "check"),
        ({"placement": "no"}, "placement", "check"),
        ({"placement": "unknown"}, "placement", "check"),
    ],
)
def test_each_answer_moves_its_own_factor(client, answers, factor, expected):
    response = client.get(URL, {**FULL, **answers})
    assert verdict(response, factor) == expected


def test_each_verdict_gives_a_reason_and_the_question_to_ask(client):
    response = client.get(URL, {**FULL, "externship": "no"})
    assertContains(response, "It includes no externship or internship")
    assertContains(response, "Ask the school:</strong> Does the program include an externship or internship")


def test_the_page_says_results_are_guidance_not_a_guarantee(client):
    assertContains(client.get(URL, FULL), "guidance, not a guarantee")


def test_three_programs_side_by_side_in_one_url(client):
    response = client.get(
        URL,
        {**FULL, "name_2": "Valley MA", "accreditor_2": "none", "name_3": "Summit MA", "cost_3": "50000"},
    )
    html = response.content.decode()
    assert html.count('data-factor="accreditation"') == 3
    assertContains(response, "Valley MA")
    assertContains(response, "Summit MA")
    assertContains(response, "5 of 5 factors met")
    assertContains(response, "0 of 5 factors met")


def test_a_second_program_left_blank_is_not_weighed(client):
    response = client.get(URL, {**FULL, "name_2": ""})
    assert response.content.decode().count('data-factor="accreditation"') == 1


def test_a_directory_program_prefills_the_checklist(client, make_program):
    program = make_program("prefilled", accreditor="abhes", total_cost=8000, months=9, has_placement_help=False)
    response = client.get(URL, {"program": program.slug})
    assert response.status_code == 200
    assertContains(response, "($8,000, 9 months)")  # in the one-line summary of the answers
    assertContains(response, "Example — not a real school")
    # "Change your answers" shows the form filled in from the directory.
    assertContains(client.get(URL, {"program": program.slug, "edit": "1"}), 'value="8000"')
    assert verdict(response, "accreditation") == "meets"
    assert verdict(response, "placement") == "check"
    # What the directory does not record stays for the visitor to answer.
    assert verdict(response, "curriculum") == "check"


def test_the_visitors_own_answers_win_over_the_prefill(client, make_program):
    program = make_program("overridden", accreditor="abhes")
    response = client.get(URL, {"program": program.slug, "accreditor": "none"})
    assert verdict(response, "accreditation") == "concern"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("cost", "a lot", "Enter a whole number."),
        ("cost", "-5", "greater than or equal to 0"),
        ("months", "61", "less than or equal to 60"),
        ("months", "ten", "Enter a whole number."),
        ("budget", "1e309", "Enter a whole number."),
        ("timeline", "-1", "greater than or equal to 1"),
        ("accreditor", "nasa", "Select a valid choice."),
        ("externship", "maybe", "Select a valid choice."),
        ("clinical", "1", "Select a valid choice."),
    ],
)
def test_bad_input_is_a_form_error_next_to_the_field_and_the_rest_still_shows(client, field, value, message):
    response = client.get(URL, {**FULL, field: value})
    assert response.status_code == 400
    html = response.content.decode()
    field_block = html[html.index(f'id="div_id_{field}"') :]
    assert message in field_block[:3000]
    assertContains(response, "Please check 1 answer", status_code=400)
    # The valid answers still decide their factors.
    assert html.count("data-verdict=") == 5
    untouched = "hands-on" if field in ("clinical", "accreditor") else "curriculum"
    assert verdict(response, untouched) == "meets"


def test_dollars_may_be_typed_with_a_sign_and_commas(client):
    response = client.get(URL, {**FULL, "cost": "$9,000", "budget": "10,000"})
    assert response.status_code == 200
    assert verdict(response, "cost-duration") == "meets"


def test_an_unknown_directory_program_is_an_error_not_a_crash(client):
    response = client.get(URL, {"program": "no-such-program"})
    assert response.status_code == 400
    assertContains(response, "The directory has no program", status_code=400)


def test_a_bookmarked_result_is_stored_nowhere(client, django_assert_max_num_queries):
    from django.apps import apps
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    models = apps.get_models()
    before = {model: model.objects.count() for model in models}
    # Reads only: the page cache's parameter names and the accreditors (once per content version), the
    # accreditors, the factors, the CMA routes and the accreditors they accept, the footer; the current
    # state medians, for the months of pay (careers.pay).
    with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as queries:
        response = client.get(URL, FULL)
    assert response.status_code == 200
    assert verdict(response, "cost-duration") == "meets"  # the answers were read, and shown
    writes = [q["sql"] for q in queries if q["sql"].lstrip().split(None, 1)[0].upper() in WRITE_VERBS]
    assert writes == []
    assert not response.cookies  # no session, no cookie: the answers live in the URL alone
    assert settings.SESSION_COOKIE_NAME not in client.cookies
    assert {model: model.objects.count() for model in models} == before


WRITE_VERBS = {"INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE"}
