"""The salary comparison as CSV: the table the page shows, every figure with its source, formula-safe, read-only."""

import csv
import io
from decimal import Decimal

import pytest

from content.models import Source

from .test_salaries import ARTICLE, ARTICLE_ORDER, CSV_URL, CURRENT_ORDER, add_current_occupation, add_occupation

pytestmark = pytest.mark.usefixtures("seeded")


def test_the_csv_follows_the_default_one_row_per_occupation_with_every_figure_and_source(client):
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="careerpath-salaries-2024.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["occupation"] for row in rows] == CURRENT_ORDER
    first = rows[0]
    assert (first["median_annual_wage_usd"], first["wage_reference_period"], first["area"]) == (
        "44200",
        "May 2024",
        "US",
    )
    assert (first["employment"], first["mean_annual_wage_usd"]) == ("793460", "44720")
    assert (first["percentile_10_usd"], first["percentile_90_usd"]) == ("35020", "57830")
    assert first["median_hourly_wage_usd_published"] == "21.25"
    assert first["projected_change_percent"] == "12.5"
    assert (first["projection_start_year"], first["projection_end_year"]) == ("2024", "2034")
    assert first["openings_per_year_thousands"] == "112.3"
    assert first["wage_source_url"] == "https://www.bls.gov/oes/current/oes_nat.htm"
    assert {row["wage_reference_year"] for row in rows} == {"2024"}
    nursing = rows[1]
    assert nursing["projected_change_percent"] == "" and nursing["median_hourly_wage_usd_published"] == ""


def test_the_article_csv_gives_the_articles_table(client):
    response = client.get(CSV_URL, ARTICLE)
    assert 'filename="careerpath-salaries-article-2021.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["occupation"] for row in rows] == ARTICLE_ORDER
    first = rows[0]
    assert first["median_annual_wage_usd"] == "37190"
    assert first["wage_reference_year"] == "2021"
    assert first["hourly_equivalent_usd_derived"] == "17.88"
    assert first["projected_change_percent"] == "16.0"
    assert first["bls_label"] == "much faster than average"
    assert first["wage_source_url"] == "https://www.bls.gov/ooh/"


@pytest.mark.parametrize("params", [{}, ARTICLE])
def test_a_name_that_looks_like_a_formula_cannot_run_in_a_spreadsheet(client, params):
    if params:
        add_occupation(
            "=HYPERLINK(1)", wage=1000, percent=Decimal("-2.0"), source=Source.objects.get(key="bls-2021-via-article")
        )
    else:
        add_current_occupation("=HYPERLINK(1)", wage=1000, percent=Decimal("-2.0"))
    rows = list(csv.DictReader(io.StringIO(client.get(CSV_URL, params).content.decode())))
    row = next(row for row in rows if "HYPERLINK" in row["occupation"])
    assert row["occupation"] == "'=HYPERLINK(1)"
    assert row["projected_change_percent"] == "-2.0"


def test_the_csv_answers_only_reads(client):
    assert client.post(CSV_URL).status_code == 405
