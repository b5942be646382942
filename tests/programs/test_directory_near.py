"""A visitor finds the programs within reach of their ZIP code, nearest first, and online ones apart."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from careerpath.page_cache import canonical_query, query_parameters
from programs.places import miles_between, zip_centre

pytestmark = pytest.mark.usefixtures("seeded")

LIST = reverse("programs:program-list")
# Around ZIP 33125 (Miami): (slug, latitude, longitude)
PLACES = [
    ("little-havana", 25.7790, -80.2300),
    ("coral-gables", 25.7215, -80.2684),
    ("north-miami", 25.8901, -80.1867),
    ("homestead", 25.4687, -80.4776),  # about 27 miles out
    ("fort-lauderdale", 26.1224, -80.1373),  # about 24 miles out
    ("boca-raton", 26.3683, -80.1289),  # about 41 miles out
]


@pytest.fixture
def miami(make_program):
    for slug, latitude, longitude in PLACES:
        make_program(slug, state="FL", city=slug.replace("-", " ").title(), latitude=latitude, longitude=longitude)
    make_program("miami-online", state="FL", delivery_format="online", latitude=25.78, longitude=-80.23)
    make_program("texas-online", state="TX", delivery_format="online", latitude=29.76, longitude=-95.37)
    make_program("texas-in-person", state="TX", latitude=29.76, longitude=-95.37)
    make_program("nowhere-known", state="FL")  # no coordinates: never "near"


def rows(response):
    html = response.content.decode()
    return re.findall(r'<tr data-program="([^"]+)" data-distance-miles="([\d.]+)"', html)


def expected(within):
    centre = zip_centre("33125")
    found = [(slug, miles_between(centre.latitude, centre.longitude, lat, lon)) for slug, lat, lon in PLACES]
    return sorted((item for item in found if item[1] <= within), key=lambda item: item[1])


def test_near_a_zip_lists_the_in_person_programs_within_the_distance_nearest_first_with_their_distances(client, miami):
    response = client.get(LIST, {"near": "33125", "within": "10"})
    assert response.status_code == 200
    listed = rows(response)
    assert [slug for slug, _ in listed] == [slug for slug, _ in expected(10)]
    assert [float(miles) for _, miles in listed] == [round(miles, 1) for _, miles in expected(10)]
    assert all(float(miles) <= 10 for _, miles in listed)
    first_slug, first_miles = listed[0]
    assertContains(response, f"{first_miles} miles")
    assert "miami-online" not in response.content.decode().split('id="online-heading"')[0]


def test_within_defaults_to_25_miles_and_goes_to_100(client, miami):
    assert [slug for slug, _ in rows(client.get(LIST, {"near": "33125"}))] == [slug for slug, _ in expected(25)]
    assert len(rows(client.get(LIST, {"near": "33125", "within": "100"}))) == len(PLACES)


def test_another_sort_wins_over_nearest_first(client, miami):
    listed = rows(client.get(LIST, {"near": "33125", "within": "25", "sort": "name"}))
    names = [slug for slug, _ in listed]
    assert set(names) == {slug for slug, _ in expected(25)} and names != [slug for slug, _ in expected(25)]


@pytest.mark.parametrize("zip_code", ["00000", "1234", "331255", "abcde", "33 125"])
def test_a_zip_code_that_is_not_one_is_a_form_error_naming_it_and_the_rest_of_the_page_works(client, miami, zip_code):
    response = client.get(LIST, {"near": zip_code, "state": "TX"})
    assert response.status_code == 200
    html = response.content.decode()
    error = re.search(r"data-near-error>(.*?)</div>", html, re.S)
    assert error and zip_code.strip() in error.group(1)
    assert 'aria-invalid="true"' in html
    # The state filter still applies.
    assert {p.slug for p in response.context["programs"]} == {"texas-online", "texas-in-person"}


def test_online_programs_from_other_states_are_their_own_group_under_a_place_filter(client, miami):
    response = client.get(LIST, {"format": "online", "state": "TX"})
    assert [p.slug for p in response.context["programs"]] == ["texas-online"]
    assertContains(response, "Online programs (based in other states — ask whether they enrol residents of Texas)")
    group = response.content.decode().split('id="online-heading"')[1]
    assert 'data-program="miami-online"' in group and "texas-online" not in group
    near = client.get(LIST, {"near": "33125"}).content.decode().split('id="online-heading"')[1]
    assert "ask whether they enrol residents of Florida" in near
    assert 'data-program="texas-online"' in near and 'data-program="miami-online"' in near


def test_without_a_place_filter_online_programs_stay_in_the_list(client, miami):
    response = client.get(LIST, {"format": "online"})
    assert {p.slug for p in response.context["programs"]} == {"miami-online", "texas-online"}
    assert 'id="online-heading"' not in response.content.decode()


def test_the_directory_filters_by_school_control_and_counts_the_unknowns_left_out(client, make_program):
    make_program("public", control="public")
    make_program("nonprofit", control="nonprofit")
    make_program("for-profit", control="for-profit")
    make_program("unknown-control", control="")
    for control in ("public", "nonprofit", "for-profit"):
        response = client.get(LIST, {"control": control})
        assert [p.slug for p in response.context["programs"]] == [control]
        assert response.context["left_out_by"] == [("school control", 1)]
    assert client.get(LIST, {"control": "state-run"}).status_code == 400


def test_accreditation_unknown_is_not_not_accredited_and_the_unknowns_left_out_are_counted(client, make_program):
    make_program("checked-none", accreditor=None, accreditor_known=True)
    make_program("nobody-checked", accreditor=None, accreditor_known=False)
    make_program("caahep", accreditor="caahep")
    none = client.get(LIST, {"accreditor": "none"})
    assert [p.slug for p in none.context["programs"]] == ["checked-none"]
    assert none.context["left_out_by"] == [("accreditation", 1)]
    assertContains(none, "Not accredited by ABHES or CAAHEP (checked)")
    unknown = client.get(LIST, {"accreditor": "unknown"})
    assert [p.slug for p in unknown.context["programs"]] == ["nobody-checked"]
    assert unknown.context["left_out"] == 0
    caahep = client.get(LIST, {"accreditor": "caahep"})
    assert [p.slug for p in caahep.context["programs"]] == ["caahep"]
    assert caahep.context["left_out_by"] == [("accreditation", 1)]


def test_the_page_cache_keeps_the_place_and_control_parameters():
    from django.urls import resolve

    known = query_parameters(resolve(LIST).func)
    query = canonical_query("within=10&near=33125&control=public&utm=x", known)
    assert query == "control=public&near=33125&within=10"


def test_the_about_page_credits_the_zip_coordinates_as_their_licence_asks(client):
    credit = re.search(r"<li data-zip-credit>.*?</li>", client.get(reverse("about")).content.decode(), re.S).group(0)
    assert "GeoNames" in credit and "https://creativecommons.org/licenses/by/4.0/" in credit


def test_the_home_page_and_the_directory_header_have_a_zip_code_box(client):
    for url in (reverse("home"), LIST):
        html = client.get(url).content.decode()
        box = re.search(r'<label for="(id_near)"[^>]*>ZIP code</label>', html)
        assert box, url
        assert re.search(r'<input type="text" name="near"[^>]*id="id_near"', html), url
