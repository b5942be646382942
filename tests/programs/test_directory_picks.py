"""Programs ticked to compare travel with every directory link and form as p= and the compare page edits them."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

pytestmark = pytest.mark.usefixtures("seeded")

LIST = reverse("programs:program-list")
COMPARE = reverse("programs:compare")


def _form(response):
    html = response.content.decode()
    start = html.index('id="program-directory"')
    return html[start : html.index("</form>", start)]


def test_a_ticked_program_on_the_page_is_ticked_and_one_on_another_page_rides_along_hidden(client, make_many):
    make_many(45)
    # bulk-0 is on page 1 (by name); bulk-44 is on page 3. The page cache must let p through to the view.
    response = client.get(LIST, {"p": ["bulk-0", "bulk-44"], "page": "1"})
    form = _form(response)
    assert 'type="checkbox" name="p" value="bulk-0" id="compare-bulk-0" checked' in form
    assert '<input type="hidden" name="p" value="bulk-44">' in form
    assert '<input type="hidden" name="p" value="bulk-0">' not in form
    assertContains(response, "Ticked to compare (2)")
    third = client.get(LIST, {"p": ["bulk-0", "bulk-44"], "page": "3"})
    form = _form(third)
    assert 'value="bulk-44" id="compare-bulk-44" checked' in form
    assert '<input type="hidden" name="p" value="bulk-0">' in form


def test_every_directory_link_keeps_the_picks(client, make_program):
    make_program("pricey", state="TX", total_cost=20000)
    response = client.get(LIST, {"state": "TX", "max_cost": "1000", "p": "pricey"})
    html = response.content.decode()
    relax_links = re.findall(r'<a href="\?([^"]+)">Remove', html)
    assert relax_links and all("p=pricey" in link for link in relax_links)
    assert html.count('href="/programs/?p=pricey"') == 2  # "Clear the filters" and "Clear every filter"


def test_unknown_or_malformed_picks_are_dropped_from_the_directory(client, make_program):
    make_program("one")
    response = client.get(LIST, {"p": ["one", "ghost", "bad slug!"]})
    assert response.status_code == 200
    assertContains(response, "Ticked to compare (1)")
    assertNotContains(response, "ghost")
    assertNotContains(response, "bad slug!")


def test_the_compare_button_sends_only_the_picks_to_the_compare_page(client, make_program):
    make_program("one")
    make_program("two")
    response = client.get(LIST, {"state": "OH", "sort": "cost", "p": ["one", "two"], "compare": "1"})
    assertRedirects(response, f"{COMPARE}?p=one&p=two", fetch_redirect_response=True)


def test_the_filters_are_a_disclosure_after_the_result_count_open_only_when_a_filter_is_invalid(client, make_program):
    make_program("one")
    fine = client.get(LIST, {"state": "OH"}).content.decode()
    assert fine.index('id="results-heading"') < fine.index('<details class="directory-filters') < fine.index("<table")
    assert '<details class="directory-filters mb-2">' in fine
    bad = client.get(LIST, {"max_cost": "lots"})
    assert bad.status_code == 400
    assertContains(bad, '<details class="directory-filters mb-2" open>', status_code=400)
    described = 'aria-invalid="true" aria-describedby="id_max_cost_helptext id_max_cost_error"'
    assertContains(bad, described, status_code=400)


def test_each_directory_row_shows_school_place_cost_length_and_accreditor(client, make_program):
    make_program("row", institution="Example Row College", city="Dayton", total_cost=8000, months=9, accreditor="abhes")
    response = client.get(LIST)
    row = re.search(r'<tr data-program="row">(.*?)</tr>', response.content.decode(), re.S).group(1)
    for shown in ("Example Row College", "Dayton, OH", "$8,000", "9 months", "ABHES"):
        assert shown in row


def test_each_compared_program_can_be_removed(client, make_program):
    for slug in ("one", "two", "three"):
        make_program(slug)
    response = client.get(COMPARE, {"p": ["one", "two", "three"]})
    html = response.content.decode()
    assert f'href="{COMPARE}?p=two&amp;p=three">Remove' in html
    assert f'href="{COMPARE}?p=one&amp;p=three">Remove' in html
    assert f'href="{COMPARE}?p=one&amp;p=two">Remove' in html


def test_a_program_can_be_added_from_a_short_list_near_those_compared(client, make_program):
    make_program("one", state="TX")
    make_program("near", state="TX", name="Example Zed Near")
    make_program("far", state="OH", name="Example Aaa Far")
    response = client.get(COMPARE, {"p": "one"})
    html = response.content.decode()
    add = html[html.index('id="compare-add-heading"') :]
    assert '<input type="hidden" name="p" value="one">' in add
    assert add.index('<option value="near">') < add.index('<option value="far">')
    assert '<option value="one">' not in add
    assert f'href="{LIST}?p=one"' in add
    added = client.get(COMPARE, {"p": ["one", "near"]})
    assert [p.slug for p in added.context["programs"]] == ["one", "near"]


def test_with_four_compared_there_is_nothing_to_add(client, make_program):
    for n in range(4):
        make_program(f"p{n}")
    response = client.get(COMPARE, {"p": [f"p{n}" for n in range(4)]})
    assertNotContains(response, "Add a program")
    assertContains(response, f'href="{LIST}?p=p0&amp;p=p1&amp;p=p2&amp;p=p3"')
