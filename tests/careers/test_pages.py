"""The site-wide pages a visitor meets first: home, about, the health check and error pages."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertTemplateUsed

pytestmark = pytest.mark.usefixtures("seeded")


def test_home_tells_what_a_medical_assistant_does(client):
    response = client.get("/")
    assertTemplateUsed(response, "pages/home.html")
    for duty in (
        "Taking patient vital signs",
        "Preparing examination rooms",
        "Scheduling appointments",
        "Maintaining medical records",
    ):
        assertContains(response, duty)
    assertContains(response, "Clinical duties")
    assertContains(response, "Administrative duties")
    assertContains(response, "liaison between patients and healthcare providers")


def test_home_key_figures_show_their_source_and_year(client):
    response = client.get("/")
    assertContains(response, "$44,200")
    assertContains(response, "(May 2024)")
    assertContains(response, "$21.25 an hour, as published")
    # The figure, what it is, then how the handbook rounds it: the note never comes between figure and label.
    text = " ".join(response.content.decode().split())
    value, label = text.index(">12.5%<"), text.index("Projected employment growth")
    assert value < label < text.index("As the projections table gives it; the handbook rounds it to 12%.")
    assertContains(response, "Earlier (history): $37,190 (May 2021)")
    assertContains(response, "16% (2021–2031), much faster than average")
    assertContains(response, 'href="/careers/salaries/history/medical-assistants/"')
    assertContains(response, "9–12 months")
    assertContains(response, "Two years")
    assertContains(response, "U.S. Bureau of Labor Statistics")
    assertContains(response, "reported by a third party")


def test_home_links_to_every_section(client):
    response = client.get("/")
    for name in (
        "programs:paths",
        "programs:program-list",
        "programs:checklist",
        "certifications:certification-list",
        "certifications:eligibility",
        "careers:career-list",
        "careers:salaries",
        "about",
    ):
        assertContains(response, f'href="{reverse(name)}"')


def test_every_page_has_a_skip_link_landmarks_and_the_disclaimers(client):
    response = client.get("/about/")
    assertContains(response, '<a class="skip-link" href="#main">')
    assertContains(response, '<main id="main"')
    assertContains(response, 'aria-label="Main"')
    assertContains(response, "should not be considered medical advice")
    assertContains(response, "Each figure shows its own reference period and its source.")
    # The IPEDS award-level source (fixtures/programs.json) was read on 27 November 2026.
    assertContains(response, "Sources checked between 1 November 2026 and 27 November 2026")


def test_bootstrap_is_served_from_our_own_static_files(client):
    html = client.get("/").content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html
    assert "cdn" not in html.lower()


def test_about_lists_every_source_with_its_dates(client):
    from content.models import Source

    response = client.get("/about/")
    for source in Source.objects.all():
        assertContains(response, source.title)
    assertContains(response, "Methodology")
    assertContains(response, "undated")


def test_healthz_answers_ok_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


def test_an_unknown_address_gets_the_sites_own_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assertContains(response, "Page not found", status_code=404)
    assertContains(response, "Skip to main content", status_code=404)


def test_a_server_error_shows_the_sites_own_500_page():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
