"""An answered checklist shows its result first and no form; "Change your answers" (edit=1) shows the form filled in.

Every request goes through the real middleware, page cache included, so `edit` must be a parameter the
page declares or it would be stripped before the view.
"""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.usefixtures("seeded")

URL = reverse("programs:checklist")
ONE = {
    "name": "Lakeside MA",
    "accreditor": "caahep",
    "clinical": "yes",
    "administrative": "yes",
    "externship": "no",
    "placement": "yes",
    "cost": "9000",
    "months": "10",
    "budget": "10000",
    "timeline": "12",
    "state": "OH",
}
TWO = {**ONE, "name_2": "Valley MA", "accreditor_2": "none", "cost_2": "12500", "months_2": "1"}


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def verdicts(response):
    return re.findall(r'data-factor="([^"]+)" data-verdict="([^"]+)"', main(response))


def change_link(response):
    match = re.search(r'<a class="results-change[^"]*" href="([^"]+)">Change your answers</a>', main(response))
    assert match, "no “Change your answers” link"
    return unescape(match.group(1))


def test_an_answered_checklist_shows_the_verdicts_and_a_summary_of_the_answers_and_no_form(client):
    response = client.get(URL, TWO)
    assert response.status_code == 200
    page = main(response)
    assert "<form" not in page and "<input" not in page and "<select" not in page
    # Every verdict, right: the first program misses only the externship, the second is not accredited and over
    # budget. The table has a row per factor, a cell per program.
    assert verdicts(response)[0::2] == [
        ("accreditation", "meets"),
        ("curriculum", "meets"),
        ("hands-on", "concern"),
        ("cost-duration", "meets"),
        ("placement", "meets"),
    ]
    second = dict(verdicts(response)[1::2])
    assert second["accreditation"] == "concern" and second["cost-duration"] == "concern"
    assertContains(response, "A budget of $10,000 and a timeline of 12 months, in Ohio; 2 programs.")
    # Each program's line gives what the visitor said of its cost and length, and its count of factors met.
    summaries = re.findall(
        r"<li><strong>([^<]+)</strong> \(([^)]+)\): <span class=\"checklist-summary\">([^<]+)<", page
    )
    assert summaries == [
        ("Lakeside MA", "$9,000, 10 months", "4 of 5 factors met"),
        ("Valley MA", "$12,500, 1 month", "0 of 5 factors met"),
    ]
    # The summary comes before the verdicts, and the verdicts are the page's first content after it.
    assert page.index("Your answers:") < page.index('data-verdict="')


def test_change_your_answers_is_the_same_address_plus_edit_and_shows_the_form_filled_in(client):
    result = client.get(URL, TWO)
    link = change_link(result)
    query = parse_qs(urlsplit(link).query, keep_blank_values=True)
    assert query.pop("edit") == ["1"]
    assert query == {name: [value] for name, value in TWO.items()}

    form = client.get(URL + link)
    assert form.status_code == 200
    assert form.wsgi_request.GET.get("edit") == "1", "the page cache stripped edit: it is not a declared parameter"
    page = main(form)
    assert 'id="checklist-form"' in page
    assert "data-verdict=" not in page
    for value in ('value="Lakeside MA"', 'value="9000"', 'value="Valley MA"', 'value="12500"', 'value="10000"'):
        assert value in page, value
    assert re.search(r'<option value="caahep" selected>', page)
    assert re.search(r'<option value="OH" selected>', page)
    # The second program's questions are open, since it has answers.
    assert '<details class="checklist-more" open>' in page
    # Submitting the form leaves out `edit` (it is no field), so it leads back to a result.
    assert 'name="edit"' not in page
    back = re.search(r'<a href="([^"]+)">Back to your result</a>', page)
    assert back and "edit" not in parse_qs(urlsplit(unescape(back.group(1))).query)


def test_the_result_and_the_form_are_cached_apart(client):
    first = client.get(URL, ONE)
    edit = client.get(URL, {**ONE, "edit": "1"})
    again = client.get(URL, ONE)
    assert "data-verdict=" in main(first) and 'id="checklist-form"' not in main(first)
    assert 'id="checklist-form"' in main(edit) and "data-verdict=" not in main(edit)
    assert again.content == first.content


def test_wrong_answers_show_the_form_with_their_errors_and_never_a_server_error(client):
    response = client.get(URL, {**ONE, "cost": "lots", "months": "0"})
    assert response.status_code == 400
    page = main(response)
    assert 'id="checklist-form"' in page
    assertContains(response, "Please check 2 answers", status_code=400)
    assert 'href="#div_id_cost"' in page and 'href="#div_id_months"' in page
    # The other answers still decide their factors meanwhile.
    assert dict(verdicts(response))["accreditation"] == "meets"
    # edit=1 with a wrong answer: the form and its errors too.
    response = client.get(URL, {**ONE, "cost": "lots", "edit": "1"})
    assert response.status_code == 400
    assert 'id="checklist-form"' in main(response) and "Enter a whole number." in main(response)


@pytest.mark.parametrize("query", [{}, {"edit": "1"}, {"name": "", "budget": ""}, {"edit": "yes"}])
def test_an_unanswered_checklist_shows_the_form_as_before(client, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert 'id="checklist-form"' in main(response)
    assertNotContains(response, "data-verdict=")


def test_an_edit_value_other_than_1_still_shows_the_result(client):
    response = client.get(URL, {**ONE, "edit": "0"})
    assert response.status_code == 200
    assert 'id="checklist-form"' not in main(response) and "data-verdict=" in main(response)


def test_each_verdict_of_several_programs_is_labelled_with_its_program_once(client):
    """On a phone each cell shows its program's name (CSS reads data-label): the table is still the one copy."""
    response = client.get(URL, TWO)
    page = main(response)
    assert page.count('data-factor="accreditation"') == 2
    assert page.count("<table") == 1
    cells = re.findall(r'<td role="cell" data-label="([^"]+)"', page)
    assert cells == ["Lakeside MA", "Valley MA"] * 5 + ["Lakeside MA", "Valley MA"]
