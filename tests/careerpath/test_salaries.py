"""The pay and outlook page and its CSV: one consistent vintage by default, the newest figures on request."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from careerpath.charts import ChartItem, bar_chart
from careerpath.models import EmploymentProjection, Occupation, Source, WageFigure

pytestmark = pytest.mark.usefixtures("seeded")

URL = "/careers/salaries/"
CSV_URL = "/careers/salaries.csv"


def row_names(response):
    """The occupations of the table, top to bottom, as a visitor reads them."""
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>|this site's subject", "", name).strip()
        for name in re.findall(r'<th scope="row">(.*?)</th>', html)
    ]


def json_ld(response):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    return [json.loads(block) for block in blocks]


def add_occupation(name, *, wage, percent, source, order=50):
    occupation = Occupation.objects.create(name=name, slug=name.lower().replace(" ", "-"), order=order)
    WageFigure.objects.create(
        occupation=occupation, median_annual_wage=wage, reference_year=2021, reference_period="May 2021", source=source
    )
    EmploymentProjection.objects.create(
        occupation=occupation, start_year=2021, end_year=2031, percent=percent, source=source
    )
    return occupation


def test_by_default_a_visitor_sees_the_articles_table_may_2021_wages_and_2021_2031_growth(client):
    response = client.get(URL)
    assertTemplateUsed(response, "careerpath/salaries.html")
    assert row_names(response) == [
        "Medical assistants",
        "Nursing assistants",
        "Dental assistants",
        "Pharmacy technicians",
    ]
    for figure in ("$37,190", "$30,310", "$38,660", "$36,740", "16% (2021–2031)", "5% (2021–2031)", "8% (2021–2031)"):
        assertContains(response, figure)
    # Newer figures are a separate view: the default one stays one consistent vintage.
    assertNotContains(response, "$44,200")
    assertNotContains(response, "Registered nurses")


def test_the_caption_gives_the_reference_year_and_points_to_the_sources(client):
    response = client.get(URL)
    html = response.content.decode()
    caption = re.search(r"<caption>(.*?)</caption>", html, re.S).group(1)
    assert "May 2021" in caption and "2021–2031" in caption
    assert "Sources" in caption
    assertContains(response, 'id="salary-note-1"')
    assertContains(response, "May 2021 median wages and 2021–31 projections, as quoted in the article")


def test_the_newest_figures_view_gives_each_occupation_its_own_year(client):
    response = client.get(URL, {"view": "latest"})
    names = row_names(response)
    assert "Registered nurses" in names and "Phlebotomists" in names and "Medical records specialists" in names
    assertContains(response, "$44,200")
    assertContains(response, "May 2024")
    assertContains(response, "12.5% (2024–2034)")
    assertContains(response, "$117,960")
    assertContains(response, "23.2% (2024–2034)")
    assertContains(response, "5% (2021–2031)")  # nursing assistants have only the article's figures
    assertNotContains(response, "$37,190")


def test_the_hourly_equivalent_is_the_annual_wage_over_2080_hours_and_says_it_is_derived(client):
    response = client.get(URL)
    assertContains(response, "$17.88")  # 37,190 / 2,080
    assertContains(response, "Hourly equivalent (derived: annual ÷ 2,080)")
    assertContains(response, '<span class="derived-tag">derived: annual ÷ 2,080</span>', count=4)
    assertContains(response, "divided by 2,080 hours")


def test_the_bls_label_is_shown_only_where_the_source_gives_it(client):
    response = client.get(URL)
    assertContains(response, "16% (2021–2031), much faster than average")
    html = response.content.decode()
    nursing_row = re.search(r"Nursing assistants</th>(.*?)</tr>", html, re.S).group(1)
    assert "average" not in nursing_row


def test_the_medical_assistants_row_stands_out(client):
    html = client.get(URL).content.decode()
    assert re.search(r'<tr class="salary-featured">\s*<th scope="row">Medical assistants', html)
    assert "this site's subject" in html


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
def test_a_visitor_sorts_the_table_by_a_column_and_the_header_says_so(client, sort, expected, sorted_header, direction):
    response = client.get(URL, {"sort": sort})
    assert row_names(response) == expected
    html = response.content.decode()
    assert html.count("aria-sort=") == 1
    header = re.search(r'<th scope="col" aria-sort="(\w+)">\s*<a href="([^"]+)">', html)
    assert header.group(1) == direction
    # The sorted header's link reverses the order.
    reverse = sorted_header if direction == "descending" else f"-{sorted_header}"
    assert header.group(2).endswith(f"sort={reverse}")


def test_an_unknown_sort_key_falls_back_to_the_default_order(client):
    response = client.get(URL, {"sort": "salary'; DROP TABLE"})
    assert response.status_code == 200
    assert row_names(response) == [
        "Medical assistants",
        "Nursing assistants",
        "Dental assistants",
        "Pharmacy technicians",
    ]
    assertNotContains(response, "aria-sort=")


def test_sorting_keeps_the_chosen_view(client):
    response = client.get(URL, {"view": "latest", "sort": "-wage"})
    assert row_names(response)[0] == "Medical and health services managers"
    assertContains(response, "view=latest&amp;sort=wage")
    assertContains(response, 'href="/careers/salaries.csv?view=latest&amp;sort=-wage"')


def test_an_unknown_view_shows_the_articles_table(client):
    response = client.get(URL, {"view": "nonsense"})
    assert response.status_code == 200
    assert len(row_names(response)) == 4


def test_a_row_without_a_figure_sorts_last_and_says_not_published(client):
    source = Source.objects.get(key="bls-2021-via-article")
    occupation = Occupation.objects.create(name="Surgical assistants", slug="surgical-assistants", order=0)
    EmploymentProjection.objects.create(occupation=occupation, start_year=2021, end_year=2031, percent=3, source=source)
    for sort in ("wage", "-wage"):
        response = client.get(URL, {"sort": sort})
        assert row_names(response)[-1] == "Surgical assistants"
    assertContains(response, "Not published here")


def test_the_charts_are_inline_svg_with_a_text_alternative(client):
    response = client.get(URL)
    html = response.content.decode()
    assert html.count('<svg viewBox="0 0 400') == 2
    assertContains(response, 'role="img" aria-labelledby="wage-chart-title wage-chart-desc"')
    assertContains(response, '<title id="wage-chart-title">Median annual wage by occupation</title>')
    assertContains(response, "Medical assistants: $37,190; Nursing assistants: $30,310")
    assertContains(response, "Medical assistants: 16%; Nursing assistants: 5%")
    assertContains(response, "<figcaption")
    assert "<script>" not in html and "<script src" not in html


def test_bars_are_drawn_to_scale_and_a_decline_extends_left_of_zero():
    chart = bar_chart(
        [ChartItem("Up", 20, "20%"), ChartItem("Half", 10, "10%"), ChartItem("Down", -5, "-5%")],
        title="Growth",
    )
    up, half, down = chart.bars
    assert half.bar_width == pytest.approx(up.bar_width / 2, abs=0.1)
    assert down.bar_width == pytest.approx(up.bar_width / 4, abs=0.1)
    assert chart.has_negative and down.bar_x < chart.zero_x == up.bar_x
    assert up.value_x + 3 * 8.6 <= chart.width
    assert "Down: -5%" in chart.description


def test_a_long_label_wraps_instead_of_running_off_a_phone_screen():
    chart = bar_chart(
        [ChartItem("Licensed practical and licensed vocational nurses (May 2023)", 59730, "$59,730")], title="t"
    )
    assert len(chart.bars[0].label_lines) == 2


def test_the_articles_caveat_that_figures_may_change_is_on_the_page(client):
    response = client.get(URL)
    assertContains(response, "may change over time", count=2)  # beside the table and in the footer
    assertContains(response, "employment of medical assistants is projected to increase by 16% from 2021 to 2031")


def test_the_csv_has_a_header_and_one_row_per_occupation_with_sources_and_years(client):
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="careerpath-salaries-2021.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["occupation"] for row in rows] == [
        "Medical assistants",
        "Nursing assistants",
        "Dental assistants",
        "Pharmacy technicians",
    ]
    first = rows[0]
    assert first["median_annual_wage_usd"] == "37190"
    assert first["wage_reference_year"] == "2021"
    assert first["hourly_equivalent_usd_derived"] == "17.88"
    assert first["projected_change_percent"] == "16.0"
    assert (first["projection_start_year"], first["projection_end_year"]) == ("2021", "2031")
    assert first["bls_label"] == "much faster than average"
    assert first["wage_source"].startswith("U.S. Bureau of Labor Statistics")
    assert first["wage_source_url"] == "https://www.bls.gov/ooh/"


def test_the_newest_figures_csv_follows_the_view_and_the_sort(client):
    response = client.get(CSV_URL, {"view": "latest", "sort": "-growth"})
    assert 'filename="careerpath-salaries-latest.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 10
    assert rows[0]["occupation"] == "Medical and health services managers"
    assert rows[0]["wage_reference_period"] == "May 2024"


def test_a_name_that_looks_like_a_formula_cannot_run_in_a_spreadsheet(client):
    source = Source.objects.get(key="bls-2021-via-article")
    add_occupation("=HYPERLINK(1)", wage=1000, percent=Decimal("-2.0"), source=source)
    rows = list(csv.DictReader(io.StringIO(client.get(CSV_URL).content.decode())))
    row = next(row for row in rows if "HYPERLINK" in row["occupation"])
    assert row["occupation"] == "'=HYPERLINK(1)"
    assert row["projected_change_percent"] == "-2.0"


def test_the_csv_answers_only_reads(client):
    assert client.post(CSV_URL).status_code == 405


def test_search_engines_get_the_medical_assistant_occupation_with_its_wages(client):
    data = json_ld(client.get(URL))
    occupation = next(item for item in data if item["@type"] == "Occupation")
    assert occupation["name"] == "Medical assistants"
    medians = [salary["median"] for salary in occupation["estimatedSalary"]]
    assert medians == [44200, 42000, 37190]
    assert all(salary["currency"] == "USD" and salary["duration"] == "P1Y" for salary in occupation["estimatedSalary"])
    assert occupation["educationRequirements"] == "Postsecondary nondegree award"
    # The SOC code the BLS file gives.
    assert occupation["occupationalCategory"]["codeValue"] == "31-9092"


def test_an_occupational_category_appears_once_an_editor_stores_a_sourced_code(client):
    Occupation.objects.filter(slug="medical-assistants").update(soc_code="31-9092")
    occupation = json_ld(client.get(URL))[0]
    assert occupation["occupationalCategory"]["codeValue"] == "31-9092"


def test_stored_text_cannot_break_out_of_the_structured_data(client):
    Occupation.objects.filter(slug="medical-assistants").update(summary="</script><script>alert(1)</script>")
    html = client.get(URL).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(client.get(URL))[0]["description"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize("url", [URL, f"{URL}?view=latest&sort=-wage", CSV_URL, f"{CSV_URL}?view=latest"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_occupations(client, url):
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    source = Source.objects.get(key="bls-2021-via-article")
    for number in range(12):
        add_occupation(f"Extra occupation {number}", wage=30000 + number, percent=number, source=source)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(row_names(response)) >= 13 or url.startswith(CSV_URL)
    assert len(after.captured_queries) == len(before.captured_queries) <= 10


def test_each_view_has_its_own_canonical_address_whatever_the_sort(client):
    assertContains(
        client.get(URL, {"sort": "-wage"}), '<link rel="canonical" href="http://testserver/careers/salaries/">'
    )
    latest = client.get(URL, {"view": "latest", "sort": "name"})
    assertContains(latest, '<link rel="canonical" href="http://testserver/careers/salaries/?view=latest">')
