"""The four certifications compared side by side, narrowed with ?c=, and each one in full."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from certifications.models import Certification, CertificationFact, CertifyingBody, EligibilityRoute
from content.models import Source
from tests.citations import citations

pytestmark = pytest.mark.usefixtures("seeded")

URL = "/certifications/"


def columns(response):
    return re.findall(r'<th scope="col"><a href="/certifications/([a-z0-9-]+)/">', response.content.decode())


def row_labels(response):
    return re.findall(r'<th scope="row">(.*?)</th>', response.content.decode())


def json_ld(response):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    return [json.loads(block) for block in blocks]


def test_a_visitor_compares_the_four_certifications_one_column_each(client):
    response = client.get(URL)
    assertTemplateUsed(response, "certifications/certification_list.html")
    assert columns(response) == ["cma", "rma", "ncma", "ccma"]
    assert row_labels(response) == [
        "Credential",
        "Certifying body",
        "Eligibility routes",
        "Exam format",
        "Where and how it is taken",
        "Exam fee",
        "Renewal cycle and requirements",
        "Accreditation of the credential",
        "Official page",
    ]
    for text in (
        "Certified Medical Assistant (CMA)",
        "American Medical Technologists (AMT)",
        "National Center for Competency Testing (NCCT)",
        "National Healthcareer Association (NHA)",
        "200 multiple-choice questions (180 scored)",
        "Pearson VUE",
        "$125 for category 1",
        "Every 60 months",
        "NCCA-accredited since November 2006.",
        "<strong>Category 1:</strong>",
        "<strong>Work experience:</strong> 3 years (5,616 hours)",
    ):
        assertContains(response, text)


def test_each_cell_shows_its_source_on_demand(client):
    response = client.get(URL)
    html = response.content.decode()
    table = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    for label, cells in re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', table, re.S):
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S):
            if label != "Official page" and "Not published here" not in cell:
                cites = citations(cell)
                assert cites, (label, cell)
                for cite in cites:  # a short form beside the fact, its full citation one click away
                    assert cite.full.startswith("Source: ") and "(full citation)" in cite.short, (label, cite)
                    assert re.search(r"; checked [A-Z][a-z]{2} \d{4}\) — read (on|in) ", cite.full), (label, cite)
    fee = [cite for cite in citations(html) if cite.short.startswith("Exam fee, CMA, ")]
    assert fee and fee[0].short == "Exam fee, CMA, AAMA, checked Nov 2026 (full citation)", fee
    assert any("CMA (AAMA) Recertification Policies" in cite.full for cite in citations(html))


def test_a_fact_reported_by_a_third_party_asks_the_visitor_to_confirm_it_with_the_body(client):
    html = client.get(URL).content.decode()
    ncma_format = re.search(r"165 questions \(150 scored\), 3 hours\.</p>(.*?)</td>", html, re.S).group(1)
    assert 'Reported by a third party — confirm with <a href="https://www.ncctinc.com">NCCT</a>.' in ncma_format
    cma_renewal = re.search(r"Every 60 months.*?</p>(.*?)</td>", html, re.S).group(1)
    assert "Reported by a third party" not in cma_renewal


def test_a_missing_fact_points_to_the_official_page_instead_of_a_blank(client):
    html = client.get(URL).content.decode()
    exam_format_row = re.search(r'<th scope="row">Exam format</th>(.*?)</tr>', html, re.S).group(1)
    assert 'Not published here — see <a href="https://americanmedtech.org">the RMA official page' in exam_format_row
    fee_row = re.search(r'<th scope="row">Exam fee</th>(.*?)</tr>', html, re.S).group(1)
    assert fee_row.count("Not published here") == 3  # only the CMA fee is sourced well enough to show


def test_the_page_says_certification_is_not_always_required_and_links_to_the_eligibility_checker(client):
    response = client.get(URL)
    assertContains(response, "While certification is not always required, it can enhance job prospects")
    assertContains(response, "Each certification has its own eligibility requirements and exam process.")
    assertContains(response, f'href="{reverse("certifications:eligibility")}"')


def test_the_cma_has_no_work_experience_route_and_that_absence_read_on_aamas_page_is_not_called_third_party(client):
    html = client.get(URL).content.decode()
    assert "The CMA (AAMA) lists no work-experience or military route to eligibility." in html
    note = re.search(r"lists no work-experience or military route to eligibility\.(.*?)</p>", html, re.S).group(1)
    assert "third party" not in note


def test_a_visitor_narrows_the_comparison_to_two_certifications(client):
    response = client.get(URL, {"c": ["cma", "ccma"]})
    assert columns(response) == ["cma", "ccma"]
    assertNotContains(response, "Pearson VUE")
    assertContains(response, 'href="/certifications/?c=cma&amp;c=rma&amp;c=ccma">Show')
    assertContains(response, 'href="/certifications/?c=ccma">Hide')
    assertContains(response, 'href="/certifications/">Compare all 4</a>')


def test_hiding_the_last_column_shows_them_all_instead_of_an_empty_table(client):
    response = client.get(URL, {"c": "rma"})
    assert columns(response) == ["rma"]
    assertContains(response, 'href="/certifications/">Show all')


def test_codes_are_read_whatever_their_case(client):
    assert columns(client.get(URL, {"c": ["NCMA", " rma "]})) == ["rma", "ncma"]


def test_an_unknown_code_is_ignored_with_a_visible_note(client):
    response = client.get(URL, {"c": ["cma", "xyz"]})
    assert response.status_code == 200
    assert columns(response) == ["cma"]
    assertContains(response, "We do not know the certification code “xyz”")


def test_only_unknown_codes_show_every_certification_with_the_note(client):
    response = client.get(URL, {"c": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert columns(response) == ["cma", "rma", "ncma", "ccma"]
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
    assertNotContains(response, "<script>alert(1)")


def test_search_engines_get_one_credential_per_certification(client):
    data = json_ld(client.get(URL))[0]
    assert [item["@type"] for item in data] == ["EducationalOccupationalCredential"] * 4
    cma = data[0]
    assert cma["name"] == "Certified Medical Assistant"
    assert cma["alternateName"] == "CMA"
    assert cma["recognizedBy"]["name"] == "American Association of Medical Assistants"
    assert cma["url"] == "http://testserver/certifications/cma/"


@pytest.mark.parametrize("slug", ["cma", "rma", "ncma", "ccma"])
def test_each_certification_has_a_page_with_its_body_and_structured_data(client, slug):
    certification = Certification.objects.select_related("body").get(slug=slug)
    response = client.get(f"/certifications/{slug}/")
    assertTemplateUsed(response, "certifications/certification_detail.html")
    assertContains(response, f"<h1>{certification.name} ({certification.abbreviation})</h1>")
    assertContains(response, certification.body.name)
    assertContains(response, certification.body.website)
    for route in certification.routes.all():
        assertContains(response, route.name)
    assertContains(response, f'href="{reverse("certifications:eligibility")}"')
    assertContains(response, "certification is not always required")
    data = json_ld(response)[0]
    assert data["@type"] == "EducationalOccupationalCredential" and data["alternateName"] == certification.abbreviation


def test_the_detail_page_shows_each_route_in_full(client):
    response = client.get("/certifications/rma/")
    assertContains(response, "3 years (5,616 hours) of work experience in the past 7 years")
    # What the checker cannot know is named as the condition, with where to confirm it.
    assertContains(response, "<dt>Only if</dt><dd>You hold the CPR certification AMT asks for — <a href=")
    assertContains(response, "<dd>An accredited medical assisting program, as the AMT defines it</dd>")
    assertContains(response, "<dt>Diploma</dt><dd>A high-school diploma or GED</dd>")
    # The routes have their own section, so the facts table does not repeat them.
    assertNotContains(response, '<th scope="row">Eligibility routes</th>')
    assertContains(response, ">Certified Medical Assistant (CMA)</a>")


def test_an_unknown_certification_is_a_404(client):
    response = client.get("/certifications/xyz/")
    assert response.status_code == 404


def _add_certifications(count):
    source = Source.objects.get(key="seed-article")
    for number in range(count):
        body = CertifyingBody.objects.create(
            abbreviation=f"B{number}",
            slug=f"b{number}",
            name=f"Body {number}",
            website="https://example.org",
            source=source,
        )
        certification = Certification.objects.create(
            abbreviation=f"X{number}",
            slug=f"x{number}",
            name=f"Extra certification {number}",
            body=body,
            official_url="https://example.org",
            order=10 + number,
            source=source,
        )
        for kind in CertificationFact.Kind.values:
            CertificationFact.objects.create(certification=certification, kind=kind, text="A fact.", source=source)
        for route in range(3):
            EligibilityRoute.objects.create(
                certification=certification,
                code=f"route-{route}",
                name=f"Route {route}",
                description="A route.",
                training=EligibilityRoute.Training.ANY_PROGRAM,
                order=route,
                source=source,
            )


@pytest.mark.parametrize("url", [URL, f"{URL}?c=cma&c=x1", "/certifications/cma/"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_certifications(client, url, committed):
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    with committed():
        _add_certifications(6)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert response.status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries) <= 8
