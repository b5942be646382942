"""The research file's May 2024 wages and 2024–34 projections as sourced rows, and the one rule for "current"."""

from decimal import Decimal

import pytest

from careers import figures
from careers.models import Area, EmploymentProjection, Occupation, WageFigure
from careers.states import state_pay
from content.models import Source

pytestmark = pytest.mark.usefixtures("seeded")

NATIONAL_MAY_2024 = {
    # slug: (employment, mean, median, p10, p25, p75, p90, published hourly median)
    "medical-assistants": (793460, 44720, 44200, 35020, 37610, 48160, 57830, Decimal("21.25")),
    "dental-assistants": (375430, 48860, 47300, 36190, 39520, 56910, 61780, Decimal("22.74")),
    "pharmacy-technicians": (487920, 44800, 43460, 35100, 36920, 48580, 59450, Decimal("20.90")),
    "phlebotomists": (138880, 44390, 43660, 34860, 37540, 48170, 57750, Decimal("20.99")),
    "nursing-assistants": (1388430, 41270, 39530, 31390, 36260, 46070, 50140, None),
    "medical-records-specialists": (187910, 55970, 50250, 35780, 41600, 64070, 80950, None),
    "licensed-practical-and-licensed-vocational-nurses": (632430, 64150, 62340, 47960, 55220, 73160, 80510, None),
    "registered-nurses": (3282010, 98430, 93600, 66030, 78610, 107960, 135320, Decimal("45.00")),
    "medical-and-health-services-managers": (565840, 137730, 117960, 69680, 88560, 162420, 219080, None),
    "medical-secretaries-and-administrative-assistants": (830760, 45580, 44640, 35050, 37880, 49720, 60050, None),
}


@pytest.mark.parametrize("slug", sorted(NATIONAL_MAY_2024))
def test_every_occupations_national_may_2024_wages_are_stored_with_the_files_source(slug):
    wage = WageFigure.objects.get(occupation__slug=slug, reference_year=2024, area="US")
    got = (
        wage.employment,
        wage.mean_annual_wage,
        wage.median_annual_wage,
        wage.percentile_10,
        wage.percentile_25,
        wage.percentile_75,
        wage.percentile_90,
        wage.median_hourly_wage,
    )
    assert got == NATIONAL_MAY_2024[slug]
    assert wage.reference_period == "May 2024"
    assert wage.source.key == "bls-oews-may-2024-national"
    assert wage.source.get_provenance_display() == "a copy of the official data file"
    assert wage.source.url == "https://www.bls.gov/oes/current/oes_nat.htm"


def test_the_2024_34_projections_keep_the_tables_one_decimal_and_openings():
    projection = EmploymentProjection.objects.get(
        occupation__slug="medical-assistants", start_year=2024, end_year=2034, area="US"
    )
    assert (projection.base_employment, projection.projected_employment) == (Decimal("811.0"), Decimal("912.2"))
    assert (projection.employment_change, projection.percent) == (Decimal("101.2"), Decimal("12.5"))
    assert projection.openings_per_year == Decimal("112.3") and projection.openings_text == "112,300"
    assert projection.percent_text == "12.5%" and projection.handbook_percent == 12
    assert projection.source.key == "bls-ep-2024-34"
    periods = set(
        EmploymentProjection.objects.filter(start_year=2024, end_year=2034).values_list("occupation__slug", flat=True)
    )
    # Nursing assistants' 2024–34 row was not read.
    assert periods == set(NATIONAL_MAY_2024) - {"nursing-assistants"}


def test_the_four_third_party_rows_are_replaced_in_value_and_source_by_the_files():
    for slug in ("medical-assistants", "medical-records-specialists"):
        wage = WageFigure.objects.get(occupation__slug=slug, reference_year=2024, area="US")
        assert wage.source.key == "bls-oews-may-2024-national"
        projection = EmploymentProjection.objects.get(occupation__slug=slug, start_year=2024, end_year=2034)
        assert projection.source.key == "bls-ep-2024-34"
    assert EmploymentProjection.objects.get(
        occupation__slug="medical-records-specialists", start_year=2024
    ).percent == Decimal("7.1")
    # The rows the third-party copy still backs keep it: medical assistants' May 2023 wage.
    assert WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2023).source.key == (
        "third-party-bls-medical-assistants"
    )


def test_medical_assistants_have_a_may_2024_row_for_each_of_the_50_states_and_dc():
    rows = WageFigure.objects.filter(occupation__slug="medical-assistants", reference_year=2024).exclude(area="US")
    assert sorted(rows.values_list("area", flat=True)) == sorted(code for code, _ in Area.states())
    assert rows.count() == 51
    california = WageFigure.objects.get_by_natural_key("medical-assistants", 2024, "CA")
    assert (california.employment, california.mean_annual_wage, california.median_annual_wage) == (110350, 52770, 48050)
    assert california.get_area_display() == "California"
    assert WageFigure.objects.get_by_natural_key("medical-assistants", 2024, "DC").median_annual_wage == 49740
    assert {row.source.key for row in rows.select_related("source")} == {"bls-oews-may-2024-state"}
    assert california.percentile_10 is None and california.median_hourly_wage is None


def test_the_added_occupation_and_the_bls_note_on_each_file_source():
    secretaries = Occupation.objects.get(slug="medical-secretaries-and-administrative-assistants")
    assert secretaries.soc_code == "43-6013"
    assert secretaries.entry_education_source.key == "bls-ep-2024-34"
    for key in ("bls-oews-may-2024-national", "bls-oews-may-2024-state", "bls-ep-2024-34"):
        source = Source.objects.get(key=key)
        assert source.confirm_note == "BLS data, via a public copy of the official file — confirm at bls.gov"
        assert source.provenance == "data-file-copy"
    assert Source.objects.get(key="aama-cma-exam").confirm_note == ""


def test_the_current_vintage_is_may_2024_wages_and_2024_34_projections():
    vintage = figures.current_vintage()
    assert (vintage.wage_year, vintage.projection_period) == (2024, (2024, 2034))
    assert figures.state_years().first() == 2024
    comparison = figures.comparison()
    assert {row.wage.reference_year for row in comparison.rows if row.wage} == {2024}
    assert {(row.projection.start_year, row.projection.end_year) for row in comparison.rows if row.projection} == {
        (2024, 2034)
    }
    assert [occupation.slug for occupation in figures.without_projection(comparison.rows)] == ["nursing-assistants"]


def _may_2025_for_medical_assistants_alone():
    source = Source.objects.get(key="bls-oews-may-2024-national")
    occupation = Occupation.objects.get(slug="medical-assistants")
    WageFigure.objects.create(
        occupation=occupation,
        median_annual_wage=45690,
        reference_year=2025,
        reference_period="May 2025",
        percentile_10=36050,
        percentile_90=59310,
        source=source,
    )
    EmploymentProjection.objects.create(
        occupation=occupation, start_year=2025, end_year=2035, percent=13, source=source
    )
    return occupation


def test_a_newer_year_only_one_occupation_has_leaves_every_comparison_on_may_2024_and_goes_to_its_history():
    occupation = _may_2025_for_medical_assistants_alone()
    vintage = figures.current_vintage()
    assert (vintage.wage_year, vintage.projection_period) == (2024, (2024, 2034))
    featured = figures.featured_row(figures.comparison().rows)
    assert featured.wage.median_annual_wage == 44200 and featured.projection.percent == Decimal("12.5")
    history = figures.history(occupation)
    assert [wage.reference_year for wage in history.wages] == [2021, 2023, 2024, 2025]
    assert [wage.reference_year for wage in history.wages if history.vintage.is_current_wage(wage)] == [2024]
    assert [(p.start_year, p.end_year) for p in history.projections] == [(2021, 2031), (2024, 2034), (2025, 2035)]


def test_once_every_occupation_has_the_newer_year_it_becomes_current():
    source = Source.objects.get(key="bls-oews-may-2024-national")
    for occupation in Occupation.objects.all():
        WageFigure.objects.create(occupation=occupation, median_annual_wage=50000, reference_year=2025, source=source)
    assert figures.current_vintage().wage_year == 2025


def test_a_state_year_is_current_only_with_all_51_rows():
    source = Source.objects.get(key="bls-oews-may-2024-state")
    occupation = Occupation.objects.get(slug="medical-assistants")
    for code, _name in Area.states()[:50]:
        WageFigure.objects.create(
            occupation=occupation, area=code, median_annual_wage=50000, reference_year=2025, source=source
        )
    assert figures.state_years().first() == 2024
    assert {row.code: row.wage for row in state_pay().rows}["CA"].median_annual_wage == 48050
    code, _name = Area.states()[50]
    WageFigure.objects.create(
        occupation=occupation, area=code, median_annual_wage=50000, reference_year=2025, source=source
    )
    assert figures.state_years().first() == 2025


# --- One story: every page shows the same current figure -------------------------------------------------

ONE_STORY_PAGES = ["/", "/careers/", "/careers/phlebotomy/", "/careers/salaries/"]


def _main(client, url):
    import re
    from html import unescape

    html = client.get(url).content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main)))


def test_home_careers_a_career_page_and_salaries_show_the_same_current_figures(client):
    texts = {url: _main(client, url) for url in ONE_STORY_PAGES}
    assert "$44,200" in texts["/"] and "$44,200" in texts["/careers/salaries/"]
    assert "12.5%" in texts["/"] and "the handbook rounds it to 12%" in texts["/"]
    for url in ("/careers/", "/careers/phlebotomy/", "/careers/salaries/"):
        assert "$43,660" in texts[url], url  # phlebotomists, May 2024
        assert "$41,810" not in texts[url], url  # their May 2023 handbook figure is history
    # The home page's older figures are there only as history, labelled so.
    assert "Earlier (history): $37,190 (May 2021)" in texts["/"]


def test_a_newer_year_for_one_occupation_reaches_no_page_but_its_history(client):
    source = Source.objects.get(key="bls-oews-may-2024-national")
    for slug, median in (("medical-assistants", 45690), ("phlebotomists", 45001)):
        WageFigure.objects.create(
            occupation=Occupation.objects.get(slug=slug),
            median_annual_wage=median,
            reference_year=2025,
            reference_period="May 2025",
            source=source,
        )
    for url in ONE_STORY_PAGES:
        text = _main(client, url)
        assert "$45,690" not in text and "$45,001" not in text and "May 2025" not in text, url
    assert "$45,690" in _main(client, "/careers/salaries/history/medical-assistants/")
    assert "$45,001" in _main(client, "/careers/salaries/history/phlebotomists/")


def test_once_every_occupation_has_the_newer_year_every_page_moves_to_it_together(client):
    source = Source.objects.get(key="bls-oews-may-2024-national")
    for occupation in Occupation.objects.all():
        WageFigure.objects.create(
            occupation=occupation,
            median_annual_wage=45690 if occupation.slug == "medical-assistants" else 50001 + occupation.pk,
            reference_year=2025,
            reference_period="May 2025",
            source=source,
        )
    phlebotomists = 50001 + Occupation.objects.get(slug="phlebotomists").pk
    texts = {url: _main(client, url) for url in ONE_STORY_PAGES}
    assert "$45,690" in texts["/"] and "$45,690" in texts["/careers/salaries/"]
    assert "Earlier (history): $44,200 (May 2024)" in texts["/"]
    for url in ("/careers/", "/careers/phlebotomy/", "/careers/salaries/"):
        assert f"${phlebotomists:,}" in texts[url], url
        assert "$43,660" not in texts[url], url


def test_no_page_links_to_the_retired_mixed_years_view(client):
    for url in [
        *ONE_STORY_PAGES,
        "/careers/nursing/",
        "/careers/salaries/?view=article",
        "/careers/salaries/history/phlebotomists/",
    ]:
        assert "view=latest" not in client.get(url).content.decode(), url
