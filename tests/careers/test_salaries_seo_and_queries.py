"""The salary pages for search engines and at scale: structured data, fixed queries, one canonical address a view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains

from careers.models import Occupation, WageFigure
from content.models import Source

from .test_salaries import CSV_URL, URL, add_current_occupation, add_occupation, json_ld, may_2025_for, row_names

pytestmark = pytest.mark.usefixtures("seeded")


def test_search_engines_get_the_medical_assistant_occupation_with_its_current_wage_first(client):
    data = json_ld(client.get(URL))
    occupation = next(item for item in data if item["@type"] == "Occupation")
    assert occupation["name"] == "Medical assistants"
    assert [salary["median"] for salary in occupation["estimatedSalary"]] == [44200, 42000, 37190]
    assert occupation["educationRequirements"] == "Postsecondary nondegree award"
    assert occupation["occupationalCategory"]["codeValue"] == "31-9092"  # the SOC code the BLS file gives
    may_2025_for("medical-assistants", median=45690)
    data = json_ld(client.get(URL))
    assert data[0]["estimatedSalary"][0]["median"] == 44200


def test_stored_text_cannot_break_out_of_the_structured_data(client):
    Occupation.objects.filter(slug="medical-assistants").update(summary="</script><script>alert(1)</script>")
    html = client.get(URL).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(client.get(URL))[0]["description"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize(
    "url",
    [URL, f"{URL}?view=article&sort=-wage", f"{URL}?sort=-openings", CSV_URL, f"{CSV_URL}?view=article"],
)
def test_the_number_of_queries_does_not_grow_with_the_number_of_occupations(client, url, committed):
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    with committed():
        for number in range(12):
            add_current_occupation(f"Extra occupation {number}", wage=30000 + number, percent=number)
            add_occupation(
                f"Older occupation {number}",
                wage=30000 + number,
                percent=number,
                source=Source.objects.get(key="bls-2021-via-article"),
            )
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(row_names(response)) >= 13 or url.startswith(CSV_URL)
    assert len(after.captured_queries) == len(before.captured_queries) <= 10


def test_the_history_page_makes_a_fixed_number_of_queries(client, committed):
    url = "/careers/salaries/history/medical-assistants/"
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    with committed():
        for year in range(2000, 2010):
            WageFigure.objects.create(
                occupation=Occupation.objects.get(slug="medical-assistants"),
                median_annual_wage=30000,
                reference_year=year,
                source=Source.objects.get(key="bls-2021-via-article"),
            )
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries) <= 10


def test_each_view_has_its_own_canonical_address_whatever_the_sort(client):
    assertContains(
        client.get(URL, {"sort": "-wage"}), '<link rel="canonical" href="http://testserver/careers/salaries/">'
    )
    article = client.get(URL, {"view": "article", "sort": "name"})
    assertContains(article, '<link rel="canonical" href="http://testserver/careers/salaries/?view=article">')
