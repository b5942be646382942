"""The pay and outlook page and its CSV: one current vintage by default, the article's table on request."""

import json
import re
from html import unescape

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from careers.charts import ChartItem, RangeItem, bar_chart, range_chart
from careers.models import EmploymentProjection, Occupation, WageFigure
from content.models import Source
from tests.citations import citations, visible_text

pytestmark = pytest.mark.usefixtures("seeded")

URL = "/careers/salaries/"
ARTICLE = {"view": "article"}
CSV_URL = "/careers/salaries.csv"
CURRENT_ORDER = [
    "Medical assistants",
    "Nursing assistants",
    "Dental assistants",
    "Pharmacy technicians",
    "Medical and health services managers",
    "Registered nurses",
    "Licensed practical and licensed vocational nurses",
    "Phlebotomists",
    "Medical records specialists",
    "Medical secretaries and administrative assistants",
]
ARTICLE_ORDER = ["Medical assistants", "Nursing assistants", "Dental assistants", "Pharmacy technicians"]


def row_names(response):
    """The occupations of the table, top to bottom, as a visitor reads them."""
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>|this site's subject", "", re.sub(r'<span class="history-link.*?</a></span>', "", name)).strip()
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


def add_current_occupation(name, *, wage, percent, order=50):
    """An occupation with figures of the current vintage (May 2024, 2024–34), as an editor would add one."""
    occupation = Occupation.objects.create(name=name, slug=name.lower().replace(" ", "-"), order=order)
    WageFigure.objects.create(
        occupation=occupation,
        median_annual_wage=wage,
        reference_year=2024,
        reference_period="May 2024",
        source=Source.objects.get(key="bls-oews-may-2024-national"),
    )
    EmploymentProjection.objects.create(
        occupation=occupation,
        start_year=2024,
        end_year=2034,
        percent=percent,
        source=Source.objects.get(key="bls-ep-2024-34"),
    )
    return occupation


def may_2025_for(slug, *, median):
    """A newer wage for one occupation only (the research's May 2025 figures exist for medical assistants alone)."""
    return WageFigure.objects.create(
        occupation=Occupation.objects.get(slug=slug),
        median_annual_wage=median,
        reference_year=2025,
        reference_period="May 2025",
        percentile_10=36050,
        percentile_90=59310,
        source=Source.objects.get(key="bls-oews-may-2024-national"),
    )


def main_text(response):
    html = response.content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main)))


# --- The default: one vintage --------------------------------------------------------------------------


def test_by_default_every_occupation_is_compared_on_may_2024_wages_and_2024_34_projections(client):
    response = client.get(URL)
    assertTemplateUsed(response, "careers/salaries.html")
    assert row_names(response) == CURRENT_ORDER
    html = response.content.decode()
    for figure in ("$44,200", "$47,300", "$43,460", "$117,960", "$93,600", "$62,340", "$43,660", "$50,250", "$44,640"):
        assertContains(response, figure)
    for figure in ("12.5%", "6.4%", "23.2%", "4.9%", "2.6%", "5.6%", "7.1%", "4.2%"):
        assert figure in html, figure
    table = re.search(r"<table.*?</table>", html, re.S).group(0)
    # Nothing of an older period is compared: not the article's, not the handbook pages' 2022 and 2023 ones.
    for older in (
        "$37,190",
        "$42,000",
        "$110,680",
        "$81,220",
        "16%",
        "29%",
        "May 2023",
        "May 2022",
        "2023–2033",
        "2021",
    ):
        assert older not in main_text(response).replace("May 2021 wages, 2021–31 projections", ""), older
        assert older not in table, older
    caption = re.search(r"<caption>(.*?)</caption>", html, re.S).group(1)
    assert "One period for every row" in caption and "May 2024" in caption and "2024–2034" in caption


def test_each_row_gives_employment_and_openings_a_year(client):
    html = client.get(URL).content.decode()
    row = re.search(r'<th scope="row">Medical assistants.*?</tr>', html, re.S).group(0)
    assert "793,460" in row and "112,300" in row
    assert '12.5% <span class="small">(the handbook rounds it to 12%)</span>' in row
    nurses = re.search(r'<th scope="row">Registered nurses.*?</tr>', html, re.S).group(0)
    assert "3,282,010" in nurses and "189,100" in nurses and "handbook" not in nurses


def test_an_occupation_without_a_projection_for_the_period_says_so(client):
    html = client.get(URL).content.decode()
    row = re.search(r'<th scope="row">Nursing assistants.*?</tr>', html, re.S).group(0)
    assert "Not available for 2024–2034" in row
    assert "5%" not in row  # their 2021–31 projection is history, not this comparison


def test_the_sentences_above_the_table_are_built_from_the_figures_shown(client, committed):
    text = main_text(client.get(URL))
    assert (
        "In May 2024, the median annual wage of medical assistants was $44,200 ($21.25 an hour, as the Bureau of "
        "Labor Statistics publishes it). One in ten earned less than $35,020 and one in ten more than $57,830. Of the "
        "10 occupations compared here, 6 had a higher median wage in May 2024. Employment of medical assistants is "
        "projected to grow 12.5% (the handbook rounds it to 12%) from 2024 to 2034, with about 112,300 openings a year."
    ) in text
    # The article's sentence of another period is on the article's view only.
    assert "16% from 2021 to 2031" not in text
    with committed():
        WageFigure.objects.filter(occupation__slug="medical-assistants", reference_year=2024, area="US").update(
            median_annual_wage=48000
        )
    text = main_text(client.get(URL))
    assert "the median annual wage of medical assistants was $48,000" in text
    assert "Of the 10 occupations compared here, 4 had a higher median wage in May 2024." in text


def test_published_hourly_medians_are_shown_as_published_and_the_others_as_derived(client):
    html = client.get(URL).content.decode()
    for name, hourly in (
        ("Medical assistants", "$21.25"),
        ("Dental assistants", "$22.74"),
        ("Pharmacy technicians", "$20.90"),
        ("Phlebotomists", "$20.99"),
        ("Registered nurses", "$45.00"),
    ):
        row = re.search(rf'<th scope="row">{name}.*?</tr>', html, re.S).group(0)
        assert f'{hourly} <span class="published-tag">as published</span>' in row, name
    managers = re.search(r'<th scope="row">Medical and health services managers.*?</tr>', html, re.S).group(0)
    assert '$56.71 <span class="derived-tag">derived: annual ÷ 2,080</span>' in managers  # 117,960 / 2,080


def test_every_figure_says_where_to_confirm_it(client):
    response = client.get(URL)
    assertContains(response, "Occupational Employment and Wage Statistics (OEWS), May 2024: national estimates")
    assertContains(response, "Employment Projections, Table 1.2: Occupational projections, 2024–34")
    assertContains(response, "read in a copy of the official data file")
    confirm = "BLS data, via a public copy of the official file — confirm at bls.gov"
    # In full in the two numbered notes below the table (wages, projections)...
    notes = re.search(r'<ol class="salary-notes small">(.*?)</ol>', response.content.decode(), re.S).group(1)
    assert visible_text(notes).count(confirm) == 2
    # ...and one click from the summary's figures, whose short forms name the source and period.
    summary = re.search(r'salary-summary.*?<p class="source-line small">(.*?)</p>', response.content.decode(), re.S)
    cites = citations(summary.group(1))
    assert [cite.shown for cite in cites] == ["BLS, May 2024", "BLS, 2024–2034"]
    assert all(cite.full.endswith(confirm + ".") for cite in cites), cites


def test_the_range_chart_draws_each_spread_to_scale_with_a_text_equivalent(client):
    response = client.get(URL)
    html = response.content.decode()
    figure = re.search(r'<figure class="bar-chart range-chart".*?</figure>', html, re.S).group(0)
    assert 'role="img" aria-labelledby="range-chart-title" aria-describedby="range-chart-text"' in figure
    assert '<title id="range-chart-title">The spread of annual pay by occupation, May 2024</title>' in figure
    text = re.search(r'<ul id="range-chart-text".*?</ul>', figure, re.S).group(0)
    assert (
        "Medical assistants: 10th percentile $35,020, median $44,200, middle half $37,610 to $48,160, "
        "90th percentile $57,830"
    ) in unescape(text)
    assert text.count("<li>") == 10
    assert figure.count('class="range-chart-median"') == 10
    assert "<script" not in figure


def test_range_geometry_puts_the_median_between_the_percentiles_on_one_scale():
    chart = range_chart(
        [
            RangeItem("A", low=20000, median=40000, high=80000, lower_quartile=30000, upper_quartile=50000),
            RangeItem("B", low=10000, median=20000, high=40000),
        ],
        title="t",
    )
    a, b = chart.rows
    assert a.line_x1 < a.box_x < a.median_x < a.box_x + a.box_width < a.line_x2
    # One dollar scale for every row: B's 90th percentile sits where A's median does.
    assert b.line_x2 == a.median_x
    assert b.box_x is None
    assert chart.ticks[-1].text == "$80k" and chart.ticks[-1].x <= chart.width


def test_the_growth_chart_shows_the_tables_one_decimal(client):
    response = client.get(URL)
    assertContains(response, "Medical assistants: 12.5%; Dental assistants: 6.4%")


# --- The article's table ---------------------------------------------------------------------------------


def test_the_articles_table_is_one_click_away_with_every_article_fact(client):
    response = client.get(URL)
    link = 'href="?view=article">The figures quoted in the article: May 2021 wages, 2021–31 projections'  # noqa: E501
    assertContains(response, link)
    article = client.get(URL, ARTICLE)
    assert row_names(article) == ARTICLE_ORDER
    for figure in ("$37,190", "$30,310", "$38,660", "$36,740", "16% (2021–2031)", "5% (2021–2031)", "8% (2021–2031)"):
        assertContains(article, figure)
    assertContains(article, "16% (2021–2031), much faster than average")
    assertContains(article, "employment of medical assistants is projected to increase by 16% from 2021 to 2031")
    assertContains(article, "<title>Medical assistant pay and job outlook: the figures quoted in the article")
    assertNotContains(article, "$44,200")
    assertNotContains(article, "The article's table")
    assertContains(article, "see the current figures (May 2024 wages, 2024–34 projections)")


def test_the_article_caption_gives_the_reference_year_and_points_to_the_sources(client):
    html = client.get(URL, ARTICLE).content.decode()
    caption = re.search(r"<caption>(.*?)</caption>", html, re.S).group(1)
    assert "May 2021" in caption and "2021–2031" in caption and "Sources" in caption
    assert 'id="salary-note-1"' in html
    assert "May 2021 median wages and 2021–31 projections, as quoted in the article" in html


def test_the_articles_hourly_equivalent_is_the_annual_wage_over_2080_hours_and_says_it_is_derived(client):
    response = client.get(URL, ARTICLE)
    assertContains(response, "$17.88")  # 37,190 / 2,080
    assertContains(response, "Hourly equivalent (derived: annual ÷ 2,080)")
    assertContains(response, '<span class="derived-tag">derived: annual ÷ 2,080</span>', count=4)


def test_the_bls_label_is_shown_only_where_the_source_gives_it(client):
    html = client.get(URL, ARTICLE).content.decode()
    nursing_row = re.search(r"Nursing assistants</th>(.*?)</tr>", html, re.S).group(1)
    assert "average" not in nursing_row
    assert "much faster than average" not in main_text(client.get(URL))


def test_the_old_newest_figures_view_moves_permanently_to_the_default(client):
    response = client.get(URL, {"view": "latest"})
    assert response.status_code == 301
    assert response["Location"] == "/careers/salaries/"
    assert client.get(URL, {"view": "latest", "sort": "-wage"})["Location"] == "/careers/salaries/?sort=-wage"
    csv_redirect = client.get(CSV_URL, {"view": "latest"})
    assert csv_redirect.status_code == 301 and csv_redirect["Location"] == "/careers/salaries.csv"


@pytest.mark.parametrize("view", ["nonsense", "", "ARTICLE", "latest2"])
def test_an_unknown_view_shows_the_default(client, view):
    response = client.get(URL, {"view": view})
    assert response.status_code == 200
    assert row_names(response) == CURRENT_ORDER


def test_the_medical_assistants_row_stands_out(client):
    for params in ({}, ARTICLE):
        html = client.get(URL, params).content.decode()
        assert re.search(r'<tr class="salary-featured">\s*<th scope="row">Medical assistants', html)


# --- The article's charts ------------------------------------------------------------------------------


def test_the_articles_charts_are_inline_svg_with_a_text_alternative(client):
    response = client.get(URL, ARTICLE)
    html = response.content.decode()
    assert html.count('<svg viewBox="0 0 400') == 2
    assertContains(response, 'role="img" aria-labelledby="wage-chart-title wage-chart-desc"')
    assertContains(response, "Medical assistants: $37,190; Nursing assistants: $30,310")
    assertContains(response, "Medical assistants: 16%; Nursing assistants: 5%")
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
    assertContains(client.get(URL), "may change over time", count=2)  # beside the table and in the footer
