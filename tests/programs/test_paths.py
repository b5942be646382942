"""The education paths side by side: a visitor compares a certificate or diploma with an associate degree."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertTemplateUsed

from content.models import Source
from programs.models import EducationPath, Topic
from tests.citations import citations

pytestmark = pytest.mark.usefixtures("seeded")

URL = "/programs/paths/"


def column_headers(response):
    return re.findall(r'<th scope="col">(.*?)</th>', response.content.decode())


def test_a_visitor_sees_one_column_per_path(client):
    response = client.get(URL)
    assertTemplateUsed(response, "programs/paths.html")
    assert column_headers(response) == ["Certificate or diploma", "Associate degree"]
    assertContains(response, "<caption>")


def test_the_table_answers_length_focus_general_education_and_topics(client):
    response = client.get(URL)
    assertContains(response, "9–12 months")
    assertContains(response, "Two years")
    assertContains(response, "Essential skills and knowledge.")
    assertContains(response, "including general education courses alongside medical assistant training")
    assertContains(response, "Included, alongside medical assistant training")
    for topic in ("Medical terminology", "Anatomy", "Physiology", "Medical office procedures"):
        assertContains(response, f"Topic: </span>{topic}</th>")
    assertContains(response, "Covered", count=8)
    assertContains(response, "Both types of programs cover topics such as medical terminology")


def test_hands_on_training_and_what_each_path_leads_to_are_answered_without_inventing(client):
    response = client.get(URL)
    assertContains(response, "Hands-on training")
    assertContains(response, "Seek programs that offer internships or externships for practical training.")
    assertContains(response, "What it leads to")
    assertContains(response, f'href="{reverse("certifications:eligibility")}"')
    assertContains(response, f'href="{reverse("careers:career-list")}"')


def test_every_fact_has_its_source_on_demand(client):
    response = client.get(URL)
    html = response.content.decode()
    assertContains(response, "most employers prefer candidates with formal training")
    # Each path's cell names its source in short form; one click opens the article's full citation.
    table = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    for label in ("Typical length", "Focus", "General education courses"):
        row = re.search(rf'<th scope="row">{label}</th>(.*?)</tr>', table, re.S).group(1)
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        assert len(cells) == 2, label
        for cell in cells:
            (cite,) = citations(cell)
            assert cite.short.endswith("undated article (full citation)"), cite.short
            assert cite.full.startswith(
                "Source: “Medical Assistant Careers: Steps to Training and Certification”, an undated article "
                "(publisher not named; checked "
            ), cite.full
            assert cite.full.endswith("— read in a third-party summary, reported by a third party."), cite.full


def test_the_page_links_to_the_checklist_and_the_directory(client):
    response = client.get(URL)
    assertContains(response, f'href="{reverse("programs:checklist")}"')
    assertContains(response, f'href="{reverse("programs:program-list")}"')


def test_a_path_an_editor_adds_appears_as_a_new_column(client):
    apprenticeship = EducationPath.objects.create(
        name="Apprenticeship",
        slug="apprenticeship",
        min_months=12,
        max_months=24,
        length_text="12–24 months",
        focus="Training on the job.",
        order=3,
        source=Source.objects.get(key="seed-article"),
    )
    apprenticeship.topics.set(Topic.objects.filter(slug="anatomy"))
    response = client.get(URL)
    assert column_headers(response) == ["Certificate or diploma", "Associate degree", "Apprenticeship"]
    assertContains(response, "12 to 24 months")
    assertContains(response, "Not listed", count=3)
    assertContains(response, 'colspan="3"')


def test_the_number_of_queries_does_not_grow_with_paths_or_topics(client, committed):
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    with committed():
        source = Source.objects.get(key="seed-article")
        topics = [
            Topic.objects.create(name=f"Topic {n}", slug=f"topic-{n}", order=10 + n, source=source) for n in range(6)
        ]
        for number in range(5):
            path = EducationPath.objects.create(
                name=f"Path {number}",
                slug=f"path-{number}",
                min_months=6,
                max_months=6,
                length_text="6 months",
                focus="Extra.",
                order=10 + number,
                source=source,
            )
            path.topics.set(topics)
    with CaptureQueriesContext(connection) as after:
        response = client.get(URL)
    assert len(column_headers(response)) == 7
    assert len(after.captured_queries) == len(before.captured_queries) <= 8
