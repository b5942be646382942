"""What crawlers and careful readers get: the sitemap, robots.txt, per-page metadata, structure and reachability."""

import datetime
import re
from collections import deque
from html import unescape
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import CareerStep, Duty
from certifications.models import Certification, CertificationFact, EligibilityRoute
from content.models import Source, Statement
from programs.models import EducationPath, Topic

pytestmark = pytest.mark.usefixtures("seeded")

GUIDANCE_PAGES = [
    "/programs/paths/",
    "/certifications/",
    "/certifications/cma/",
    "/certifications/ccma/",
    "/careers/",
    "/careers/nursing/",
    "/careers/phlebotomy/",
    "/careers/salaries/",
]


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return re.findall(r"<loc>(.*?)</loc>", response.content.decode())


def test_the_sitemap_lists_every_public_page(client):
    locations = sitemap_locations(client)
    paths = {location.removeprefix("http://testserver") for location in locations}
    for page in (
        "/",
        "/programs/paths/",
        "/programs/",
        "/programs/checklist/",
        "/certifications/",
        "/certifications/eligibility/",
        "/careers/",
        "/careers/salaries/",
        "/about/",
    ):
        assert page in paths
    for certification in Certification.objects.all():
        assert certification.get_absolute_url() in paths
    for step in CareerStep.objects.all():
        assert step.get_absolute_url() in paths
    assert all(location.startswith("http://testserver/") for location in locations)


def test_the_sitemap_lists_real_programs_but_never_example_ones(client, make_program):
    make_program("real-medical-assisting", is_example=False, last_verified=datetime.date(2026, 10, 1))
    make_program("example-medical-assisting", is_example=True)
    response = client.get("/sitemap.xml")
    assertContains(response, "<loc>http://testserver/programs/real-medical-assisting/</loc>")
    assertContains(response, "<lastmod>2026-10-01</lastmod>")
    assertNotContains(response, "example-medical-assisting")


def test_the_sitemap_costs_the_same_queries_whatever_the_number_of_pages(client, make_program, committed):
    with committed():
        make_program("real-first", is_example=False)
    with CaptureQueriesContext(connection) as before:
        client.get("/sitemap.xml")
    with committed():
        for number in range(20):
            make_program(f"real-{number}", is_example=False)
    with CaptureQueriesContext(connection) as after:
        response = client.get("/sitemap.xml")
    assertContains(response, "/programs/real-19/")
    assert len(after.captured_queries) == len(before.captured_queries) <= 7  # 7th: the salary histories


def test_robots_txt_points_crawlers_to_the_sitemap_and_away_from_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "User-agent: *" in body
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.parametrize("url", GUIDANCE_PAGES)
def test_each_guidance_page_has_its_own_title_description_and_canonical_link(client, url):
    html = client.get(url).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    description = re.search(r'<meta name="description" content="(.*?)">', html, re.S).group(1)
    assert title != "CareerPath · CareerPath" and len(title) > 20
    assert not description.startswith("How to become a medical assistant: what the job is")
    assert f'<link rel="canonical" href="http://testserver{url}">' in html


def test_no_two_guidance_pages_share_a_title(client):
    titles = [
        re.search(r"<title>(.*?)</title>", client.get(url).content.decode(), re.S).group(1) for url in GUIDANCE_PAGES
    ]
    assert len(set(titles)) == len(titles)


class StructureParser(HTMLParser):
    """Collects the headings, tables and header cells a screen reader would navigate by."""

    def __init__(self):
        super().__init__()
        self.headings, self.tables, self.captions, self.unscoped_th = [], 0, 0, 0
        self.inline_styles, self.scripts = 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions += 1
        elif tag == "th" and "scope" not in attrs:
            self.unscoped_th += 1
        elif tag == "script":
            self.scripts.append(attrs.get("type"))
        if "style" in attrs:
            self.inline_styles += 1


@pytest.mark.parametrize(
    "url",
    [*GUIDANCE_PAGES, "/careers/salaries/?view=article&sort=-growth", "/careers/salaries/history/medical-assistants/"],
)
def test_each_guidance_page_is_structured_for_assistive_technology(client, url):
    parser = StructureParser()
    parser.feed(client.get(url).content.decode())
    assert parser.headings[0] == 1 and parser.headings.count(1) == 1
    for previous, current in zip(parser.headings, parser.headings[1:], strict=False):
        assert current <= previous + 1, parser.headings
    assert parser.tables == parser.captions
    assert parser.unscoped_th == 0
    assert parser.inline_styles == 0
    # Structured data is the only script: the site ships no JavaScript.
    assert set(parser.scripts) <= {"application/ld+json"}


class TextParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.links = [], []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_data(self, data):
        self.text.append(data)


def crawl(client, start="/", limit=80):
    """Every page reachable by following the site's own links from `start`, as a reader would."""
    seen, queue, text = set(), deque([start]), []
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        parser = TextParser()
        parser.feed(response.content.decode())
        text.append(" ".join(parser.text))
        for href in parser.links:
            path = href.split("#")[0].split("?")[0]
            if not path.startswith("/") or path.startswith(("//", "/admin/", "/static/")):
                continue
            if path.endswith((".csv", ".xml", ".txt")) or path in seen:
                continue
            queue.append(path)
    return seen, re.sub(r"\s+", " ", unescape(" ".join(text)))


def test_every_article_fact_can_be_reached_by_following_links_from_the_home_page(client):
    pages, text = crawl(client)
    assert {"/programs/paths/", "/certifications/", "/careers/", "/careers/salaries/"} <= pages
    facts = [statement.text for statement in Statement.objects.all()]
    facts += [duty.text for duty in Duty.objects.all()]
    paths = EducationPath.objects.compared()  # the article's paths; the IPEDS award-level bands are no article fact
    facts += [path.length_text for path in paths] + [p.focus for p in paths]
    facts += [topic.name for topic in Topic.objects.all()]
    facts += [f"{c.name} ({c.abbreviation})" for c in Certification.objects.all()]
    facts += [fact.text for fact in CertificationFact.objects.all()]
    facts += [route.description for route in EligibilityRoute.objects.all()]
    facts += [step.name for step in CareerStep.objects.all()] + [step.summary for step in CareerStep.objects.all()]
    facts += ["Medical office manager", "pediatrics or ophthalmology", "Nursing licensure"]
    facts += ["$37,190", "$30,310", "$38,660", "$36,740", "16% (2021–2031)", "5% (2021–2031)", "8% (2021–2031)"]
    facts += ["American Association of Medical Assistants (AAMA)", "National Healthcareer Association (NHA)"]
    missing = [fact for fact in facts if re.sub(r"\s+", " ", fact) not in text]
    assert not missing


def test_every_source_the_guidance_pages_cite_is_listed_on_the_about_page(client):
    response = client.get("/about/")
    for key in ("bls-2021-via-article", "aama-cma-recertification", "bls-ooh-phlebotomists"):
        assertContains(response, Source.objects.get(key=key).title)
