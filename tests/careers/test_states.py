"""Pay by state: the table of the 50 states and DC, its order, the tile map, the CSV, and what is current."""

import csv
import io
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from careers import states
from careers.models import Area, Occupation, WageFigure
from content.models import Source

pytestmark = pytest.mark.usefixtures("seeded")

URL = "/careers/salaries/states/"
CSV_URL = "/careers/salaries/states.csv"


def _row_areas(response):
    """The state codes of the table's sortable rows, in the order shown."""
    body = response.content.decode().split('<tbody class="state-rows">', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<tr id="state-[A-Z]{2}" data-area="([A-Z]{2})">', body)


def _header(response, label):
    """The <th> of the column whose link text starts with `label`."""
    match = re.search(rf'<th scope="col"([^>]*)>\s*<a href="([^"]*)">{label}', response.content.decode())
    assert match, label
    return match.group(1), match.group(2)


def test_the_page_lists_every_state_and_dc_with_median_mean_and_employment_and_the_nation_as_reference(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert len(_row_areas(response)) == 51
    assert set(_row_areas(response)) == {code for code, _name in Area.states()}
    content = response.content.decode()
    california = content.split('<tr id="state-CA" data-area="CA">', 1)[1].split("</tr>", 1)[0]
    assert "California" in california
    assert "$48,050" in california and "$52,770" in california and "110,350" in california
    reference = content.split('<tbody class="state-reference">', 1)[1].split("</tbody>", 1)[0]
    assert "United States" in reference and "$44,200" in reference and "793,460" in reference
    assertContains(response, "May 2024")
    assertContains(response, "state estimates (oesm24st)")  # the state rows' source, by its title
    assertContains(response, "confirm at bls.gov")
    assertContains(response, "It is not a starting wage, and it is not adjusted for the cost of living")


@pytest.mark.parametrize(
    ("sort", "first", "last", "label", "aria"),
    [
        ("median", "MS", "WA", "Median annual wage", "ascending"),
        ("-median", "WA", "MS", "Median annual wage", "descending"),
        ("-mean", "AK", "AL", "Mean annual wage", "descending"),
        ("employment", "ND", "CA", "Employment", "ascending"),
        ("-state", "WY", "AL", "State", "descending"),
    ],
)
def test_a_visitor_sorts_by_any_column_either_way_and_the_header_says_so(client, sort, first, last, label, aria):
    response = client.get(URL, {"sort": sort})

    areas = _row_areas(response)
    assert (areas[0], areas[-1]) == (first, last)
    attributes, link = _header(response, label)
    assert f'aria-sort="{aria}"' in attributes
    assert link.endswith("sort=" + (sort.lstrip("-") if aria == "descending" else f"-{sort.lstrip('-')}"))
    assert response.content.decode().count("aria-sort=") == 1


@pytest.mark.parametrize("sort", ["wage", "--median", "median;drop", "", "-", "%00", "médian", "x" * 5000])
def test_an_unknown_sort_shows_the_default_order_by_state_never_an_error(client, sort):
    response = client.get(URL, {"sort": sort})

    assert response.status_code == 200
    areas = _row_areas(response)
    assert areas[:3] == ["AL", "AK", "AZ"] and areas[-1] == "WY"
    attributes, _link = _header(response, "State")
    assert 'aria-sort="ascending"' in attributes


def test_the_map_has_a_tile_per_state_named_with_its_median_and_period(client):
    response = client.get(URL)

    content = response.content.decode()
    svg = content.split('<figure class="state-map"', 1)[1].split("</svg>", 1)[0]
    labels = re.findall(r'<g role="img" aria-label="([^"]+)" data-state="([A-Z]{2})"', svg)
    assert len(labels) == 51
    assert ("California: median $48,050, May 2024", "CA") in labels
    assert ("District of Columbia: median $49,740, May 2024", "DC") in labels


def test_the_map_shades_five_classes_by_median_with_a_legend_of_their_ranges(client):
    response = client.get(URL)

    content = response.content.decode()
    shades = dict(re.findall(r'data-state="([A-Z]{2})" data-shade="(\d)"', content))
    assert set(shades.values()) == {"1", "2", "3", "4", "5"}
    assert shades["MS"] == "1" and shades["AL"] == "1"  # the lowest medians, $34,800 and $34,980
    assert shades["WA"] == "5" and shades["AK"] == "5"  # the highest, $55,120 and $51,860
    # A higher median is never in a lighter class than a lower one.
    wages = {row.code: row.wage.median_annual_wage for row in states.state_pay().rows}
    ordered = sorted(wages, key=wages.get)
    assert [shades[code] for code in ordered] == sorted(shades[code] for code in ordered)
    sizes = [list(shades.values()).count(str(number)) for number in range(1, 6)]
    assert all(9 <= size <= 12 for size in sizes), sizes  # five classes of about ten states each
    legend = re.findall(r'<li data-shade="(\d)">.*?(\$[\d,]+) to (\$[\d,]+)</li>', content, re.S)
    assert [number for number, _low, _high in legend] == ["1", "2", "3", "4", "5"]
    assert legend[0][1] == "$34,800" and legend[-1][2] == "$55,120"


def _luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one, other):
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_tile_s_code_is_legible_and_every_shade_stands_apart_from_the_outline():
    for fill, text in states.CLASS_COLOURS:
        assert _contrast(fill, text) >= 4.5, (fill, text)
    lightness = [_luminance(fill) for fill, _text in states.CLASS_COLOURS]
    assert lightness == sorted(lightness, reverse=True)  # darker means higher, as the legend says
    assert _contrast("#ffffff", states.TILE_OUTLINE) >= 3  # the outline shows against the page


def test_the_tile_grid_places_each_of_the_51_in_its_own_square():
    assert set(states.TILE_GRID) == {code for code, _name in Area.states()}
    assert len(set(states.TILE_GRID.values())) == 51
    assert all(0 <= row < states.ROWS and 0 <= column < states.COLUMNS for row, column in states.TILE_GRID.values())


def test_the_csv_has_the_promised_columns_and_a_row_per_state(client):
    response = client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["state", "state name", "employment", "mean", "median", "period", "source"]
    assert len(rows) == 52
    california = next(row for row in rows if row[0] == "CA")
    assert california[1:6] == ["California", "110350", "52770", "48050", "May 2024"]
    assert "oesm24st" in california[6] and "https://www.bls.gov/oes/tables.htm" in california[6]


def test_the_csv_follows_the_page_s_order(client):
    rows = list(csv.reader(io.StringIO(client.get(CSV_URL, {"sort": "-median"}).content.decode())))
    assert [rows[1][0], rows[-1][0]] == ["WA", "MS"]


def test_a_csv_cell_a_spreadsheet_would_run_is_written_as_text(client):
    Source.objects.filter(key="bls-oews-may-2024-state").update(publisher='=HYPERLINK("http://evil")')
    WageFigure.objects.filter(area="CA", reference_year=2024).update(reference_period="+May 2024")

    rows = list(csv.reader(io.StringIO(client.get(CSV_URL).content.decode())))

    california = next(row for row in rows if row[0] == "CA")
    assert california[5] == "'+May 2024"
    assert california[6].startswith("'=HYPERLINK")


def test_a_newer_year_for_one_state_alone_leaves_the_page_on_the_complete_year(client):
    occupation = Occupation.objects.get(slug="medical-assistants")
    source = Source.objects.get(key="bls-oews-may-2024-state")
    WageFigure.objects.create(
        occupation=occupation, area="CA", reference_year=2025, reference_period="May 2025",
        median_annual_wage=50000, source=source,
    )  # fmt: skip

    response = client.get(URL)

    assertContains(response, "California: median $48,050, May 2024")
    assertNotContains(response, "$50,000")
    assertNotContains(response, "May 2025")


def test_without_all_51_rows_the_page_says_so_rather_than_showing_a_partial_map(client):
    WageFigure.objects.filter(area="WY", reference_year=2024).delete()

    response = client.get(URL)

    assert response.status_code == 200
    assertContains(response, "No complete set of state figures (all 50 states and DC)")
    assertNotContains(response, 'role="img"')
    rows = list(csv.reader(io.StringIO(client.get(CSV_URL).content.decode())))
    assert len(rows) == 1


def test_the_sitemap_lists_the_states_page(client):
    assertContains(client.get("/sitemap.xml"), "/careers/salaries/states/</loc>")


def test_the_page_cache_passes_the_sort_to_the_states_page_and_drops_the_rest(client):
    response = client.get(URL + "?sort=-median&fbclid=abc&utm_source=mail")

    assert dict(response.wsgi_request.GET) == {"sort": ["-median"]}
    assert _row_areas(response)[0] == "WA"
    csv_response = client.get(CSV_URL + "?sort=-median&fbclid=abc")
    assert dict(csv_response.wsgi_request.GET) == {"sort": ["-median"]}


def test_the_page_costs_the_same_few_queries_whatever_the_sort(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(URL, {"sort": "-employment"})


def test_the_salaries_page_leads_to_pay_by_state(client):
    for url in ("/careers/salaries/", "/careers/salaries/?view=article"):
        assertContains(
            client.get(url), '<a href="/careers/salaries/states/">Medical assistants\' pay by state</a>', html=True
        )
