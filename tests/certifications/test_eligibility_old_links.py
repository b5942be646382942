"""Links made before today's eligibility form: a permanent redirect (301) to the same answers in today's parameters,
and there the same page as today's link shows.

Two older forms: `years_since_<kind>` (years since a training ended), and the one-training form before it (`status`,
`days_to_finish`, `years_since_training`, `work_years`, `work_years_last_N`). Every request goes through the real
middleware, page cache included, which must let the old names reach the view.
"""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import reverse
from pytest_django.asserts import assertNotContains

from .test_eligibility import assert_error_next_to_field
from .test_eligibility_cases import outcome

pytestmark = pytest.mark.usefixtures("seeded")

URL = reverse("certifications:eligibility")
STUDENT = {"training": "accredited", "status_accredited": "in-training"}

# (old link, the same answers in today's parameters, a certification, its verdict)
OLD_LINKS = [
    (
        {"training": "accredited", "status": "in-training", "days_to_finish": "20", "work_years": "0"},
        {**STUDENT, "finish_in_30_days_accredited": "yes", "work_months": "0", "hours_per_week": "40"},
        "cma",
        "eligible",
    ),
    (
        {"training": "accredited", "status": "in-training", "days_to_finish": "90"},
        {**STUDENT, "finish_in_30_days_accredited": "no"},
        "cma",
        "not-yet",
    ),
    (
        {"training": "accredited", "status": "finished", "years_since_training": "3"},
        {"training": "accredited", "status_accredited": "finished", "months_since_accredited": "36"},
        "cma",
        "eligible",
    ),
    (
        {"training": "military", "status": "in-training"},
        {"training": "military", "status_military": "in-training"},
        "rma",
        "not-yet",
    ),
    (  # 2 years full time in the last 5 is NCCT's 4,160 hours
        {"training": "none", "work_years_last_5": "2"},
        {"training": "none", "work_last_5": "part", "work_months_last_5": "24", "hours_per_week": "40"},
        "ncma",
        "eligible",
    ),
    (
        {"training": "none", "work_years": "2.7", "work_years_last_7": "2.7", "diploma": "yes"},
        {
            "training": "none",
            "work_months": "32.4",
            "work_last_7": "part",
            "work_months_last_7": "32.4",
            "hours_per_week": "40",
            "diploma": "yes",
        },
        "rma",
        "conditional",
    ),
    (
        {
            "training": ["accredited", "military"],
            "status_accredited": "finished",
            "years_since_accredited": "1.5",
            "status_military": "finished",
            "years_since_military": "2",
        },
        {
            "training": ["accredited", "military"],
            "status_accredited": "finished",
            "months_since_accredited": "18",
            "status_military": "finished",
            "months_since_military": "24",
        },
        "rma",
        "eligible",
    ),
    (  # an answer already in today's name is kept: 50 months is past AMT's 4 years, 1 year would not be
        {"training": "military", "years_since_military": "1", "months_since_military": "50"},
        {"training": "military", "months_since_military": "50"},
        "rma",
        "undecided",
    ),
]


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def as_query(answers):
    return "?" + urlencode(answers, doseq=True)


def query_of(location):
    parts = urlsplit(location)
    assert parts.path == URL
    return parse_qs(parts.query, keep_blank_values=True)


def listed(answers):
    return {name: value if isinstance(value, list) else [value] for name, value in answers.items()}


@pytest.mark.parametrize(("old", "today", "slug", "expected"), OLD_LINKS)
def test_an_old_link_moves_permanently_to_todays_parameters_and_shows_the_same_result(
    client, old, today, slug, expected
):
    response = client.get(URL + as_query(old))
    assert response.status_code == 301
    assert query_of(response["Location"]) == listed(today)
    followed, direct = client.get(response["Location"]), client.get(URL + as_query(today))
    assert followed.status_code == direct.status_code == 200
    assert main(followed) == main(direct)
    assert outcome(followed, slug)[0] == expected


def test_an_old_link_to_change_the_answers_moves_to_the_form_filled_in_on_todays_fields(client):
    response = client.get(URL, {"training": "accredited", "status": "in-training", "days_to_finish": "20", "edit": "1"})
    assert response.status_code == 301
    assert query_of(response["Location"]) == listed({**STUDENT, "finish_in_30_days_accredited": "yes", "edit": "1"})
    form = main(client.get(response["Location"]))
    assert 'name="finish_in_30_days_accredited" value="yes"' in form
    assert 'name="days_to_finish"' not in form and 'name="status"' not in form


@pytest.mark.parametrize(("old", "location"), [("?training=&work_years=", URL + "?training="), ("?work_years=", URL)])
def test_a_blank_old_link_moves_to_the_blank_form(client, old, location):
    response = client.get(URL + old)
    assert response.status_code == 301 and response["Location"] == location
    assertNotContains(client.get(location), "data-eligibility")


@pytest.mark.parametrize(
    ("old", "field", "message"),
    [
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
def test_an_old_link_with_a_bad_answer_moves_and_shows_the_error_next_to_todays_field(client, old, field, message):
    response = client.get(URL + as_query(old), follow=True)
    assert [status for _, status in response.redirect_chain] == [301]
    assert_error_next_to_field(response, field, message)
