"""The directory, a filtered directory, compare and a program's page cost the same few queries at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import Program

pytestmark = pytest.mark.usefixtures("seeded")

LIST = reverse("programs:program-list")
PAGES = {
    "directory": (LIST, {}),
    "filtered directory": (
        LIST,
        {
            "state": "OH",
            "path": "certificate-or-diploma",
            "accreditor": "any",
            "max_cost": "20000",
            "max_months": "24",
            "externship": "yes",
            "sort": "cost",
            "page": "2",
        },
    ),
    # An empty result also counts the programs each filter would let through: two queries a filter.
    "directory with no result": (LIST, {"state": "OH", "format": "online", "max_cost": "1", "placement": "no"}),
    "sorted last page": (LIST, {"sort": "-length", "page": "99999"}),
    # Near a ZIP code: the distance is one expression in the same query, the online group two more.
    "directory near a ZIP": (LIST, {"near": "43215", "within": "50"}),
    "directory near a ZIP, filtered": (
        LIST,
        {"near": "43215", "within": "25", "control": "public", "accreditor": "any", "max_cost": "20000"},
    ),
    "compare": (reverse("programs:compare"), {"p": ["bulk-1", "bulk-2", "bulk-3", "bulk-4"]}),
    "program page": (reverse("programs:program-detail", kwargs={"slug": "bulk-5"}), {}),
    "checklist from a program": (reverse("programs:checklist"), {"program": "bulk-6", "program_2": "bulk-7"}),
}
BUDGET = 12
# Under a place filter, the online programs from elsewhere are their own group: its first rows and its count.
BUDGETS = {
    "directory with no result": BUDGET + 2 * 4,
    "directory near a ZIP": BUDGET + 2,
    "directory near a ZIP, filtered": BUDGET + 2,
}


def queries(client, url, params):
    """The page's queries when nothing is kept: the content memo is emptied first (its worst case)."""
    from content import memo

    memo.forget()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", PAGES)
def test_each_page_costs_the_same_queries_with_30_or_300_programs(
    client, page, django_assert_max_num_queries, make_many, committed
):
    url, params = PAGES[page]
    with committed():
        make_many(30)
    small = queries(client, url, params)
    with committed():
        make_many(270, prefix="more")
    assert Program.objects.count() == 300
    with django_assert_max_num_queries(BUDGETS.get(page, BUDGET)):
        large = queries(client, url, params)
    assert small == large


def test_ten_thousand_programs_still_cost_the_same_queries(client, make_many, committed):
    with committed():
        make_many(30)
    small = {page: queries(client, url, params) for page, (url, params) in PAGES.items()}
    with committed():
        make_many(9970, prefix="more")
    assert Program.objects.count() == 10_000
    large = {page: queries(client, url, params) for page, (url, params) in PAGES.items()}
    assert large == small
    assert all(count <= BUDGETS.get(page, BUDGET) for page, count in large.items())


def test_the_filter_fields_are_indexed():
    indexed = {
        field.name
        for field in Program._meta.concrete_fields
        if field.db_index or field.unique or field.is_relation  # foreign keys get an index
    }
    for index in Program._meta.indexes:
        indexed.add(index.fields[0])
    for name in ("state", "delivery_format", "path", "accreditor", "total_cost", "months", "has_externship"):
        assert name in indexed, name
    assert {"has_placement_help", "name", "is_example"} <= indexed
