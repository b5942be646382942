"""A program's cost in months of a typical medical assistant's pay, and its state's median beside the nation's.

On a program's page, in the comparison and in the checklist result: the arithmetic shown, the median's
period and source, "a rough guide, before taxes and living costs", and no figure outside the 50 states and DC.
"""

import re
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from careers import pay
from careers.models import WageFigure

pytestmark = pytest.mark.usefixtures("seeded")

CAVEAT = "a rough guide, before taxes and living costs"
CALIFORNIA_ARITHMETIC = "$15,000 ÷ ($48,050 ÷ 12 = $4,004.17 a month) = 3.7 months"


def months_shown(response):
    return re.findall(r'data-months-of-pay="([^"]*)"', response.content.decode())


def state_medians_shown(response):
    return re.findall(r'data-state-median="([^"]*)"', response.content.decode())


def test_the_arithmetic_is_the_cost_over_a_twelfth_of_the_median_to_one_decimal():
    assert pay.monthly(48050) == Decimal("4004.17")
    assert pay.months_of(15000, 48050) == Decimal("3.7")
    assert pay.months_of(27600, 41380) == Decimal("8.0")  # 8.004: one decimal, even when it is .0
    assert pay.months_of(1, 44200) == Decimal("0.0")


# --- A program's own page ------------------------------------------------------------------------------


def test_a_program_page_shows_its_cost_in_months_of_its_state_s_median_with_the_arithmetic(client, make_program):
    program = make_program("ca-program", state="CA", total_cost=15000)

    response = client.get(program.get_absolute_url())

    assert months_shown(response) == ["3.7"]
    assertContains(response, CALIFORNIA_ARITHMETIC)
    assertContains(response, "of a typical medical assistant's pay in California")
    assertContains(response, "medical assistants in California, May 2024")
    assertContains(response, "state estimates (oesm24st)")  # the median's source
    assertContains(response, CAVEAT)


def test_a_program_page_shows_its_state_s_median_beside_the_national_one(client, make_program):
    program = make_program("tx-program", state="TX", total_cost=None)

    response = client.get(program.get_absolute_url())

    assert state_medians_shown(response) == ["TX"]
    assertContains(
        response, "In Texas, medical assistants' median annual wage was <strong>$38,930</strong> in May 2024"
    )
    assertContains(response, "the national median was $44,200 (May 2024)")
    assertContains(response, "neither a starting wage nor adjusted for the cost of living")


def test_a_program_without_a_known_cost_gets_no_months_of_pay(client, make_program):
    program = make_program("no-cost", state="CA", total_cost=None)

    response = client.get(program.get_absolute_url())

    assert months_shown(response) == []
    assertNotContains(response, "in months of pay")


def test_a_program_in_puerto_rico_gets_no_figure_and_the_page_says_why(client, make_program):
    program = make_program("pr-program", state="PR", total_cost=9000)

    response = client.get(program.get_absolute_url())

    assert months_shown(response) == []
    assertContains(response, "Puerto Rico is outside the 50 states and DC")
    assertContains(response, "The national median was $44,200 (May 2024)")


def test_a_program_whose_state_is_not_known_is_counted_in_the_national_median(client, make_program):
    program = make_program("unknown-state", state="", total_cost=8840)

    response = client.get(program.get_absolute_url())

    assert months_shown(response) == ["2.4"]
    assertContains(response, "$8,840 ÷ ($44,200 ÷ 12 = $3,683.33 a month) = 2.4 months")
    assertContains(response, "pay in the United States")
    assertContains(response, "The program&#x27;s state is not known, so the national median is used.")
    assertContains(response, "oes_nat")  # the national median's own source


def test_the_months_follow_the_stored_median_not_a_copy(client, make_program, committed):
    program = make_program("ca-changed", state="CA", total_cost=15000)
    assert months_shown(client.get(program.get_absolute_url())) == ["3.7"]  # read, and kept wherever pages keep it

    with committed():
        WageFigure.objects.filter(area="CA", reference_year=2024).update(median_annual_wage=60000)
    response = client.get(program.get_absolute_url())

    assert months_shown(response) == ["3.0"]
    assertContains(response, "$15,000 ÷ ($60,000 ÷ 12 = $5,000.00 a month) = 3.0 months")


# --- Compare -------------------------------------------------------------------------------------------


def test_compare_shows_each_program_s_state_median_and_months_of_pay(client, make_program):
    make_program("cmp-ca", state="CA", total_cost=15000)
    make_program("cmp-tx", state="TX", total_cost=None)
    make_program("cmp-gu", state="GU", total_cost=5000)

    response = client.get("/programs/compare/?p=cmp-ca&p=cmp-tx&p=cmp-gu")

    assert response.status_code == 200
    assert state_medians_shown(response) == ["CA", "TX", "GU"]
    assert months_shown(response) == ["3.7"]
    assertContains(response, CALIFORNIA_ARITHMETIC)
    assertContains(response, "Cost not known: no figure")
    assertContains(response, "Guam is outside the 50 states and DC")
    assertContains(response, CAVEAT)
    assertContains(response, "National: $44,200")


# --- The checklist -------------------------------------------------------------------------------------


def test_the_checklist_uses_a_directory_program_s_own_state_before_the_visitor_s(client, make_program):
    make_program("chk-ca", state="CA", total_cost=15000)

    response = client.get("/programs/checklist/", {"program": "chk-ca", "state": "TX"})

    assert response.status_code == 200
    assert months_shown(response) == ["3.7"]
    assertContains(response, CALIFORNIA_ARITHMETIC)
    assert state_medians_shown(response) == ["CA"]


def test_the_checklist_uses_the_visitor_s_state_for_a_program_typed_in(client):
    response = client.get("/programs/checklist/", {"name": "My school", "cost": "15000", "state": "ca"})

    assert response.status_code == 200
    assert months_shown(response) == ["3.7"]
    assertContains(response, CALIFORNIA_ARITHMETIC)
    assertContains(response, CAVEAT)


def test_the_checklist_without_a_state_uses_the_national_median_and_says_so(client):
    response = client.get("/programs/checklist/", {"name": "My school", "cost": "8840"})

    assert months_shown(response) == ["2.4"]
    assertContains(response, "No usable state was given")
    assertContains(response, "$44,200 ÷ 12")


def test_the_checklist_gives_no_figure_for_a_territory_and_says_why(client):
    response = client.get("/programs/checklist/", {"name": "My school", "cost": "9000", "state": "PR"})

    assert response.status_code == 200
    assert months_shown(response) == []
    assertContains(response, "No months-of-pay figure: Puerto Rico is outside the 50 states and DC")


@pytest.mark.parametrize("state", ["ZZ", "California", "C", "CAL", "1A", "<b>"])
def test_an_invalid_state_is_a_form_error_and_a_400(client, state):
    response = client.get("/programs/checklist/", {"name": "My school", "cost": "9000", "state": state})

    assert response.status_code == 400
    assertContains(response, "Choose a state by its two-letter postal code", status_code=400)
    assertContains(response, '<a href="#div_id_state">Your state</a>', status_code=400)
    assert months_shown(response) == ["2.4"]  # the page still answers, with the national median


def test_three_candidates_each_get_their_own_figure(client, make_program):
    make_program("chk-wa", state="WA", total_cost=11024)
    query = {"program": "chk-wa", "name_2": "Typed in", "cost_2": "15000", "name_3": "No cost", "state": "CA"}

    response = client.get("/programs/checklist/", {**query, "months_3": "9"})

    # WA: 11,024 ÷ (55,120 ÷ 12) = 2.4; the typed one in the visitor's California: 3.7; the third has no cost.
    assert months_shown(response) == ["2.4", "3.7"]
    assertContains(response, "the cost is not known, so there is no months-of-pay figure")


def test_the_checklist_state_reaches_the_page_through_the_page_cache(client):
    response = client.get("/programs/checklist/?name=x&cost=15000&state=CA&fbclid=1")

    assert dict(response.wsgi_request.GET) == {"name": ["x"], "cost": ["15000"], "state": ["CA"]}


@pytest.mark.parametrize("kind", ["detail", "compare", "checklist"])
def test_no_page_calls_it_a_return_on_investment_or_promises_pay(client, kind, make_program):
    make_program("words", state="CA", total_cost=15000)
    url = {
        "detail": "/programs/words/",
        "compare": "/programs/compare/?p=words",
        "checklist": "/programs/checklist/?program=words",
    }[kind]

    response = client.get(url)

    assert months_shown(response) == ["3.7"]
    text = response.content.decode().lower()
    for words in ("return on investment", "roi", "investment", "promise", "pays for itself", "pay back", "will earn"):
        assert not re.search(rf"\b{words}\b", text), words
