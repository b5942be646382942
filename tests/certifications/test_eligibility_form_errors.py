"""The eligibility form's answers: an empty, bad, repeated or odd one is a form error or ignored, never a 500."""

import pytest
from pytest_django.asserts import assertNotContains

from .test_eligibility import URL, assert_error_next_to_field, check, verdict

pytestmark = pytest.mark.usefixtures("seeded")


def test_an_empty_submission_shows_the_form_again_without_results(client):
    response = client.get(URL + "?training=&work_hours=")
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
    ],
)
def test_a_bad_answer_is_a_form_error_next_to_its_field(client, answers, field, message):
    response = check(client, **answers)
    assert_error_next_to_field(response, field, message)


def test_a_bad_answer_leaves_the_other_answers_working(client):
    response = check(
        client,
        training="other-program",
        status_other_program="finished",
        months_since_other_program="12",
        diploma="yes",
        work_hours="lots",
    )
    assert response.status_code == 400
    assert verdict(response, "ccma") == "eligible"


def test_a_repeated_or_odd_parameter_is_never_a_server_error(client):
    query = "?training=accredited&training=military&work_years=%00&status[]=x&unknown=1"
    response = client.get(URL + query, follow=True)
    assert response.status_code in (200, 400)
