"""An online program's months of pay are priced where the reader lives, not in its school's state.

On the program's page the reader chooses their state (`?state=TX`, a picker beside the figures); until then
the national median is used and the page says to choose. The checklist reads the visitor's own `state`. An
in-person or hybrid program keeps its school's state. Figures from the seeded fixtures: BLS OEWS May 2024
medians of medical assistants (fixtures/careers.json) — California $48,050, Texas $38,930, the nation $44,200.
"""

import re
from unittest import mock

import pytest
from django.core.cache import caches
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.usefixtures("seeded")

COST = 15000
# $15,000 at each May 2024 median ÷ 12: California 3.7, Texas 4.6, the nation 4.1 months.
TEXAS_ARITHMETIC = "$15,000 ÷ ($38,930 ÷ 12 = $3,244.17 a month) = 4.6 months"
NATIONAL_ARITHMETIC = "$15,000 ÷ ($44,200 ÷ 12 = $3,683.33 a month) = 4.1 months"


def months_shown(response):
    return re.findall(r'data-months-of-pay="([^"]*)"', response.content.decode())


def state_medians_shown(response):
    return re.findall(r'data-state-median="([^"]*)"', response.content.decode())


@pytest.fixture
def online(make_program):
    return make_program("ca-online", state="CA", delivery_format="online", total_cost=COST)


def stored(client, url):
    """The response to `url`, and how many pages the page cache stored for it."""
    pages = caches["pages"]
    with mock.patch.object(pages, "set", wraps=pages.set) as stores:
        response = client.get(url)
    return response, stores.call_count


# --- A program's page ---------------------------------------------------------------------------------


def test_an_online_program_with_no_chosen_state_is_not_priced_at_its_school_s_state(client, online):
    response, count = stored(client, online.get_absolute_url())

    assert response.status_code == 200 and count == 1
    assert months_shown(response) == ["4.1"]  # the nation's median, not California's 3.7
    assertContains(response, NATIONAL_ARITHMETIC)
    assertContains(response, "This program is online, so what counts is pay where you live")
    assertContains(response, "choose your state beside this. Until you do, the national median is used.")
    assertContains(response, '<select name="state" id="reader-state"')
    assert state_medians_shown(response) == [""]
    assertNotContains(response, "In California, medical assistants")


def test_an_online_program_is_priced_at_the_reader_s_chosen_state_and_that_page_is_stored(client, online):
    response, count = stored(client, f"{online.get_absolute_url()}?state=TX")

    assert response.status_code == 200 and count == 1
    assert "private" not in response.get("Cache-Control", "")
    assert months_shown(response) == ["4.6"]
    assertContains(response, TEXAS_ARITHMETIC)
    assertContains(response, "of a typical medical assistant's pay in Texas")
    assert state_medians_shown(response) == ["TX"]
    assertContains(response, "Below, pay is for <strong>Texas</strong>, the state you chose.")
    assertContains(response, '<option value="TX" selected>Texas</option>')
    # The checklist it links to weighs it in Texas too.
    assertContains(response, "/programs/checklist/?program=ca-online&amp;state=TX")


def test_the_reader_s_state_reaches_the_page_through_the_page_cache(client, online):
    response = client.get(f"{online.get_absolute_url()}?state=TX&fbclid=1")

    assert dict(response.wsgi_request.GET) == {"state": ["TX"]}
    assert months_shown(response) == ["4.6"]


@pytest.mark.parametrize("fmt", ["in-person", "hybrid", ""])
def test_an_in_person_hybrid_or_unknown_format_program_keeps_its_school_s_state(client, make_program, fmt):
    program = make_program(f"ca-{fmt or 'unknown'}", state="CA", delivery_format=fmt, total_cost=COST)

    plain = client.get(program.get_absolute_url())
    response, count = stored(client, f"{program.get_absolute_url()}?state=TX")

    for page in (plain, response):
        assert page.status_code == 200
        assert months_shown(page) == ["3.7"]
        assert state_medians_shown(page) == ["CA"]
        assertNotContains(page, 'id="reader-state"')
    # The state changes nothing on its page: answered, but not stored as a page of its own.
    assert count == 0 and "private" in response["Cache-Control"]


@pytest.mark.parametrize("state", ["ZZ", "Texas", "<b>", " "])
def test_a_state_that_is_none_is_said_beside_the_picker_and_never_stored(client, online, state):
    response, count = stored(client, f"{online.get_absolute_url()}?{'state=' + state}")

    assert count == 0
    assert response.status_code == (200 if not state.strip() else 400)
    assert months_shown(response) == ["4.1"]  # the page still answers, with the national median
    if state.strip():
        assertContains(response, "is not a state’s two-letter code", status_code=400)
        assertNotContains(response, "<b>”", status_code=400)
    else:
        assert "private" in response["Cache-Control"]


def test_a_lower_case_state_is_read_but_not_stored(client, online):
    response, count = stored(client, f"{online.get_absolute_url()}?state=tx")

    assert response.status_code == 200 and count == 0
    assert "private" in response["Cache-Control"]
    assert months_shown(response) == ["4.6"]


def test_an_online_program_in_a_territory_the_reader_chose_gets_no_figure_and_says_why(client, online):
    response = client.get(f"{online.get_absolute_url()}?state=PR")

    assert response.status_code == 200
    assert months_shown(response) == []
    assertContains(response, "Puerto Rico is outside the 50 states and DC")


# --- The checklist ------------------------------------------------------------------------------------


def test_the_checklist_prices_an_online_directory_program_at_the_visitor_s_state(client, online):
    response = client.get("/programs/checklist/", {"program": "ca-online", "state": "TX"})

    assert response.status_code == 200
    assert months_shown(response) == ["4.6"]
    assertContains(response, TEXAS_ARITHMETIC)
    assert state_medians_shown(response) == ["TX"]


def test_the_checklist_without_a_state_prices_an_online_program_nationally_and_says_to_choose(client, online):
    response = client.get("/programs/checklist/", {"program": "ca-online"})

    assert months_shown(response) == ["4.1"]
    assertContains(response, "choose your state under “You”. Until you do, the national median is used.")


def test_the_checklist_keeps_an_in_person_directory_program_at_its_own_state(client, make_program):
    make_program("ca-in-person", state="CA", delivery_format="in-person", total_cost=COST)

    response = client.get("/programs/checklist/", {"program": "ca-in-person", "state": "TX"})

    assert months_shown(response) == ["3.7"]
    assert state_medians_shown(response) == ["CA"]


# --- The directory's online group ---------------------------------------------------------------------


def test_the_directory_s_online_group_links_each_program_priced_at_the_chosen_state(client, online, make_program):
    make_program("tx-in-person", state="TX", delivery_format="in-person")

    html = client.get("/programs/", {"state": "TX"}).content.decode()

    group = html.split('id="online-heading"')[1]
    assert 'href="/programs/ca-online/?state=TX"' in group
