"""A visitor sees where a school is, who runs it and how to check its accreditation: its page, compare, the list."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("seeded")


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def school(make_program):
    return make_program(
        "dade-tech",
        institution="Dade Technical College",
        city="Miami",
        state="FL",
        street_address="7100 NW 17th Avenue",
        zip_code="33147-6304",
        county="Miami-Dade County",
        latitude=25.84,
        longitude=-80.23,
        control="public",
        website="https://www.dade.example.edu/",
        accreditor_known=False,
        accreditor=None,
    )


def test_a_programs_page_shows_its_address_control_website_and_how_to_look_up_its_accreditation(client, school):
    response = client.get(school.get_absolute_url())
    page = text(response)
    assert "Address 7100 NW 17th Avenue, Miami, FL 33147-6304 (Miami-Dade County)" in page
    assert "School control Public" in page
    assert 'href="https://www.dade.example.edu/"' in response.content.decode()
    lookup = re.search(r"<section[^>]*data-accreditation-lookup.*?</section>", response.content.decode(), re.S)
    assert lookup, "a program nobody has checked links to the accreditors' finders"
    assert 'href="https://www.caahep.org/students/find-an-accredited-program"' in lookup.group(0)
    assert 'href="https://www.abhes.org/directory/"' in lookup.group(0)
    assert "“Dade Technical College”" in lookup.group(0)
    assert "CMA" in lookup.group(0)


def test_a_checked_program_has_no_look_up(client, make_program):
    program = make_program("checked", accreditor="caahep")
    assert "data-accreditation-lookup" not in client.get(program.get_absolute_url()).content.decode()


def test_compare_and_directory_rows_show_the_schools_control(client, school, make_program):
    make_program("for-profit", control="for-profit")
    compare = client.get(reverse("programs:compare"), {"p": ["dade-tech", "for-profit"]}).content.decode()
    row = re.search(r'<th scope="row">School control.*?</tr>', compare, re.S).group(0)
    assert "Public" in row and "Private for-profit" in row
    listing = client.get(reverse("programs:program-list")).content.decode()
    dade = re.search(r'<tr data-program="dade-tech".*?</tr>', listing, re.S).group(0)
    assert '<td data-label="School control">Public</td>' in dade
