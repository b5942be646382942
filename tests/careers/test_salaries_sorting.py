"""Sorting the salary tables by a column: the header says so, the view is kept, a row without a figure sorts last."""

import re
from html import unescape

import pytest
from django.http import QueryDict
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import EmploymentProjection, Occupation
from content.models import Source

from .test_salaries import CURRENT_ORDER, URL, row_names

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.mark.parametrize(
    ("sort", "expected", "sorted_header", "direction"),
    [
        (
            "wage",
            ["Nursing assistants", "Pharmacy technicians", "Medical assistants", "Dental assistants"],
            "wage",
            "ascending",
        ),
        (
            "-wage",
            ["Dental assistants", "Medical assistants", "Pharmacy technicians", "Nursing assistants"],
            "wage",
            "descending",
        ),
        (
            "growth",
            ["Nursing assistants", "Pharmacy technicians", "Dental assistants", "Medical assistants"],
            "growth",
            "ascending",
        ),
        (
            "-growth",
            ["Medical assistants", "Dental assistants", "Nursing assistants", "Pharmacy technicians"],
            "growth",
            "descending",
        ),
        (
            "name",
            ["Dental assistants", "Medical assistants", "Nursing assistants", "Pharmacy technicians"],
            "name",
            "ascending",
        ),
    ],
)
def test_a_visitor_sorts_the_articles_table_by_a_column_and_the_header_says_so(
    client, sort, expected, sorted_header, direction
):
    response = client.get(URL, {"view": "article", "sort": sort})
    assert row_names(response) == expected
    html = response.content.decode()
    assert html.count("aria-sort=") == 1
    header = re.search(r'<th scope="col" aria-sort="(\w+)">\s*<a href="([^"]+)">', html)
    assert header.group(1) == direction
    reverse = sorted_header if direction == "descending" else f"-{sorted_header}"
    link = QueryDict(unescape(header.group(2)).lstrip("?"))
    assert link == {"sort": [reverse], "view": ["article"]}


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [
        ("-wage", "Medical and health services managers", "Nursing assistants"),
        ("employment", "Phlebotomists", "Registered nurses"),
        ("-openings", "Registered nurses", "Nursing assistants"),  # no 2024–34 figure: last either way
        ("openings", "Medical records specialists", "Nursing assistants"),
        ("-growth", "Medical and health services managers", "Nursing assistants"),
        ("hourly", "Nursing assistants", "Medical and health services managers"),
    ],
)
def test_the_current_table_sorts_by_each_column(client, sort, first, last):
    names = row_names(client.get(URL, {"sort": sort}))
    assert (names[0], names[-1]) == (first, last)


def test_an_unknown_sort_key_falls_back_to_the_default_order(client):
    response = client.get(URL, {"sort": "salary'; DROP TABLE"})
    assert response.status_code == 200
    assert row_names(response) == CURRENT_ORDER
    assertNotContains(response, "aria-sort=")


def test_sorting_keeps_the_chosen_view(client):
    response = client.get(URL, {"view": "article", "sort": "-wage"})
    assert row_names(response)[0] == "Dental assistants"
    links = {unescape(href) for href in re.findall(r'href="([^"]*)"', response.content.decode())}
    assert "?sort=wage&view=article" in links  # the sorted column's header, to sort the other way
    assert "/careers/salaries.csv?sort=-wage&view=article" in links


def test_a_row_without_a_figure_sorts_last_and_says_not_published(client):
    source = Source.objects.get(key="bls-2021-via-article")
    occupation = Occupation.objects.create(name="Surgical assistants", slug="surgical-assistants", order=0)
    EmploymentProjection.objects.create(occupation=occupation, start_year=2021, end_year=2031, percent=3, source=source)
    for sort in ("wage", "-wage"):
        response = client.get(URL, {"view": "article", "sort": sort})
        assert row_names(response)[-1] == "Surgical assistants"
    assertContains(response, "Not published here")
