"""Each occupation's wage history: a newer figure joins it and changes no comparison; every vintage with its source."""

import re

import pytest
from pytest_django.asserts import assertContains

from careers.models import Occupation

from .test_salaries import CSV_URL, URL, main_text, may_2025_for

pytestmark = pytest.mark.usefixtures("seeded")


def test_a_may_2025_row_for_medical_assistants_alone_changes_no_comparison_and_joins_their_history(client):
    may_2025_for("medical-assistants", median=45690)
    for page in (URL, CSV_URL, "/", "/careers/", "/careers/specialized-medical-assistant/", "/careers/phlebotomy/"):
        content = client.get(page).content.decode()
        assert "45,690" not in content and "45690" not in content, page
    assertContains(client.get(URL), "In May 2024, the median annual wage of medical assistants was $44,200")
    history = client.get("/careers/salaries/history/medical-assistants/")
    html = history.content.decode()
    rows = re.findall(r'<tr data-wage-year="(\d+)">', html)
    assert rows == ["2021", "2023", "2024", "2025"]  # oldest first
    newest = re.search(r'<tr data-wage-year="2025">.*?</tr>', html, re.S).group(0)
    assert "$45,690" in newest and "not yet published here for every occupation" in newest
    current = re.search(r'<tr data-wage-year="2024">.*?</tr>', html, re.S).group(0)
    assert "<strong>Current</strong>" in current


def test_each_row_links_to_its_occupations_history(client):
    html = client.get(URL).content.decode()
    for occupation in Occupation.objects.all():
        assert f'href="/careers/salaries/history/{occupation.slug}/"' in html


def test_the_history_page_lists_every_stored_vintage_oldest_first_with_its_source(client):
    response = client.get("/careers/salaries/history/medical-assistants/")
    assert response.status_code == 200
    text = main_text(response)
    assert text.index("May 2021") < text.index("May 2023") < text.index("May 2024")
    assert "16% (2021–2031), much faster than average" in text
    assert "12.5% (2024–2034) (the handbook rounds it to 12%)" in text
    assert "$21.25 as published" in text and "$17.88 derived" in text
    assert "confirm at bls.gov" in text


def test_an_unknown_occupations_history_is_a_404(client):
    assert client.get("/careers/salaries/history/astronauts/").status_code == 404


def test_the_sitemap_lists_each_occupations_history(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    for occupation in Occupation.objects.all():
        assert f"http://testserver/careers/salaries/history/{occupation.slug}/" in sitemap
