"""Where the career leads: roles and specializations, what each takes and what the closest occupation pays."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from careers.models import CareerStep, EmploymentProjection, Occupation, WageFigure
from content.models import Source

pytestmark = pytest.mark.usefixtures("seeded")

URL = "/careers/"
ROLES = [
    "Medical office manager",
    "Healthcare administrator",
    "Nursing",
    "Specialized medical assistant",
    "Medical records and health information technician",
]
SPECIALIZATIONS = ["Phlebotomy", "Medical billing and coding"]


def test_a_visitor_sees_every_advancement_role_and_specialization_of_the_article(client):
    response = client.get(URL)
    assertTemplateUsed(response, "careers/career_list.html")
    for name in ROLES + SPECIALIZATIONS:
        assertContains(response, f">{name}</a>")
    assertContains(response, "Medical assisting can serve as a stepping stone to various healthcare careers.")
    assertContains(response, "which can lead to increased responsibilities and higher salaries")
    assertContains(response, "By pursuing proper education, certification, and continuously developing skills")


def test_each_step_says_what_the_source_says_it_takes_without_making_it_a_rule(client):
    response = client.get(URL)
    assertContains(response, "The source says medical assistants may advance to this role with:", count=5)
    assertContains(response, "<dt>Experience</dt><dd>Experience as a medical assistant</dd>", count=5)
    assertContains(response, "<dt>Further education</dt><dd>Additional education</dd>", count=5)
    assertContains(response, "<dt>Licensure</dt><dd>Nursing licensure</dd>", count=1)
    assertContains(response, "For example: pediatrics or ophthalmology.")
    assertContains(response, "The source says it can lead to: increased responsibilities and higher salaries.", count=2)


def test_a_step_with_a_sourced_wage_shows_it_with_its_year_and_source(client):
    response = client.get(URL)
    assertContains(
        response,
        "The closest BLS occupation, <strong>Medical and health services managers</strong>, has a median annual "
        "wage of <strong>$117,960</strong> (May 2024), and its typical entry-level education is "
        "<strong>a bachelor&#x27;s degree</strong>.",
        count=2,
    )
    assertContains(response, "has a median annual wage of <strong>$93,600</strong> (May 2024)")
    assertContains(response, "has a median annual wage of <strong>$43,660</strong> (May 2024)")
    # One vintage: no older wage of these occupations is shown as theirs.
    assertNotContains(response, "$81,220")
    assertNotContains(response, "$110,680")
    assertContains(response, "Occupational Outlook Handbook: Medical and Health Services Managers")
    assertContains(
        response, "Projected change in employment for medical and health services managers: 23.2% (2024–2034)."
    )


def test_the_diagram_draws_the_paths_from_medical_assistant_to_each_step_as_text(client):
    html = client.get(URL).content.decode()
    diagram = re.search(r'<figure class="career-diagram">(.*?)</figure>', html, re.S).group(1)
    assert "Medical assistant" in diagram
    for step in CareerStep.objects.all():
        assert f'href="{step.get_absolute_url()}"' in diagram
    assert "May follow experience, further education and licensure" in diagram
    assert (
        "the closest BLS occupation, registered nurses: $93,600 (May 2024), typical entry-level education "
        "a bachelor&#x27;s degree" in diagram
    )
    assert "<figcaption" in diagram
    assert "<svg" not in diagram and "<script" not in diagram


def test_a_step_without_a_sourced_wage_says_so_rather_than_guessing(client):
    occupation = Occupation.objects.create(name="Ophthalmic medical technicians", slug="ophthalmic", order=30)
    step = CareerStep.objects.get(slug="specialized-medical-assistant")
    step.occupations.set([occupation])
    response = client.get(step.get_absolute_url())
    assertContains(response, "No wage of ophthalmic medical technicians is published here.")
    assertNotContains(response, "$44,200")


def _description(response):
    return re.search(r'<meta name="description" content="([^"]*)"', response.content.decode()).group(1)


def test_a_career_page_description_promises_pay_only_where_the_page_shows_a_wage(client, committed):
    """Search results quote the description: it names the pay only when a closest occupation's wage is shown."""
    step = CareerStep.objects.get(slug="specialized-medical-assistant")
    assert "what the closest BLS occupation pays" in _description(client.get(step.get_absolute_url()))
    with committed():
        step.occupations.set([Occupation.objects.create(name="Ophthalmic medical technicians", slug="ophthalmic")])
    description = _description(client.get(step.get_absolute_url()))
    assert description.startswith("Specialized medical assistant after medical assisting: what the source says")
    assert "pays" not in description


def test_the_detail_page_shows_one_step_in_full(client):
    response = client.get("/careers/nursing/")
    assertTemplateUsed(response, "careers/career_detail.html")
    assertContains(response, "<h1>Nursing</h1>")
    assertContains(response, "Nursing licensure")
    assertContains(response, "Registered nurses")
    assertContains(response, "Licensed practical and licensed vocational nurses")
    assertContains(response, "$62,340")
    assertNotContains(response, "$59,730")
    assertContains(response, "<title>Nursing (advancement role) after medical assisting · CareerPath</title>")
    for name in ROLES[:2] + SPECIALIZATIONS:
        assertContains(response, f">{name}</a>")


def test_a_specialization_page_shows_the_occupation_summary(client):
    response = client.get("/careers/medical-billing-and-coding/")
    assertContains(response, "Includes medical coders.")
    assertContains(response, "$50,250")
    assertContains(response, "reported by a third party")


def test_an_unknown_career_step_is_a_404(client):
    response = client.get("/careers/astronaut/")
    assert response.status_code == 404
    assertContains(response, "Page not found", status_code=404)


def test_search_engines_get_the_medical_assistant_occupation_on_the_careers_page(client):
    html = client.get(URL).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Occupation"
    assert data["estimatedSalary"][0]["median"] == 44200


def _add_steps(count):
    source = Source.objects.get(key="seed-article")
    bls = Source.objects.get(key="bls-ooh-phlebotomists")
    for number in range(count):
        occupation = Occupation.objects.create(
            name=f"Extra occupation {number}",
            slug=f"extra-{number}",
            entry_education="Postsecondary nondegree award",
            entry_education_source=bls,
        )
        WageFigure.objects.create(occupation=occupation, median_annual_wage=40000, reference_year=2023, source=bls)
        EmploymentProjection.objects.create(
            occupation=occupation, start_year=2023, end_year=2033, percent=4, source=bls
        )
        step = CareerStep.objects.create(
            kind=CareerStep.Kind.ROLE if number % 2 else CareerStep.Kind.SPECIALIZATION,
            name=f"Extra step {number}",
            slug=f"extra-step-{number}",
            summary="An extra step.",
            experience="Some",
            source=source,
        )
        step.occupations.set([occupation])


@pytest.mark.parametrize("url", [URL, "/careers/nursing/"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_roles(client, url, committed):
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    with committed():
        _add_steps(10)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assertContains(response, "Extra step 9")
    # One of them finds the current vintage (careers.figures.current_vintage).
    assert len(after.captured_queries) == len(before.captured_queries) <= 10
