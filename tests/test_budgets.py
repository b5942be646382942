"""Budgets a visitor on a slow phone feels: queries per page, page weight, requests and static caching."""

import gzip
import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from programs.generated import imported_shaped_programs
from programs.models import Program

PAGE_BUDGET_BYTES = 60 * 1024
MAX_REQUESTS = 6


def _pages():
    slugs = list(Program.objects.examples().order_by("pk").values_list("slug", flat=True)[:4])
    compare = "&".join(f"p={slug}" for slug in slugs)
    return [
        "/",
        "/about/",
        "/programs/paths/",
        "/programs/",
        "/programs/?max_months=60&sort=cost",
        f"/programs/{slugs[0]}/",
        f"/programs/compare/?{compare}",
        "/programs/checklist/",
        f"/programs/checklist/?program={slugs[0]}&budget=15000&timeline=12&program_2={slugs[1]}",
        "/certifications/",
        "/certifications/cma/",
        "/certifications/eligibility/",
        "/certifications/eligibility/?training=accredited&status_accredited=finished&months_since_accredited=6"
        "&work_months=0&hours_per_week=40&diploma=yes",
        "/careers/",
        "/careers/nursing/",
        "/careers/salaries/",
        "/careers/salaries/?view=article&sort=-wage",
        "/careers/salaries/history/medical-assistants/",
        "/careers/salaries.csv",
        "/sitemap.xml",
    ]


def _query_counts(client, pages):
    """Each page's queries when nothing is kept: the content memo is emptied before each (its worst case)."""
    from content import memo

    counts = {}
    for page in pages:
        memo.forget()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page)
        assert response.status_code == 200, page
        counts[page] = len(queries)
    return counts


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.mark.usefixtures("seeded", "uncached")
def test_every_page_makes_the_same_number_of_queries_at_ten_and_at_three_hundred_programs():
    client = Client()
    call_command("seed_example_programs", count=10, seed=7, verbosity=0)
    pages = _pages()
    small = _query_counts(client, pages)
    call_command("seed_example_programs", count=300, seed=8, verbosity=0)
    large = _query_counts(client, pages)
    assert large == small
    assert max(small.values()) <= 12, small


class _Subresources(HTMLParser):
    """Collects what a browser would fetch to show the page: stylesheets, icons, scripts, images."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def _static_bytes(url):
    assert url.startswith("/static/"), f"{url} is not one of our static files"
    path = finders.find(url.removeprefix("/static/"))
    assert path, url
    with open(path, "rb") as handle:
        return handle.read()


@pytest.mark.usefixtures("seeded")
def test_each_page_weighs_at_most_60_kb_compressed_in_at_most_6_requests():
    call_command("seed_example_programs", count=24, seed=1, verbosity=0)
    client = Client()
    for page in _pages():
        html = client.get(page).content
        if not html.lstrip().startswith(b"<!doctype html>"):
            continue  # the CSV and the sitemap are files, not pages
        # Every stylesheet, whatever the order or case of its attributes, is one of our own static files.
        stylesheets = [tag for tag in LINK_TAG.findall(html) if STYLESHEET_REL.search(tag)]
        assert stylesheets, f"{page}: no stylesheet found"
        hrefs = [HREF.search(tag).group(1).decode() for tag in stylesheets]
        assert all(href.startswith("/static/") for href in hrefs), (page, hrefs)
        parser = _Subresources()
        parser.feed(html.decode())
        assert len(parser.urls) + 1 <= MAX_REQUESTS, (page, parser.urls)
        weight = len(gzip.compress(html)) + sum(len(gzip.compress(_static_bytes(url))) for url in parser.urls)
        assert weight <= PAGE_BUDGET_BYTES, f"{page}: {weight:,} bytes compressed"


LINK_TAG = re.compile(rb"<link\b[^>]*>", re.IGNORECASE)
STYLESHEET_REL = re.compile(rb"""\brel\s*=\s*["']?[^"'>]*\bstylesheet\b""", re.IGNORECASE)
HREF = re.compile(rb"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def test_static_files_are_hashed_immutable_and_precompressed(tmp_path, settings, db):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.templatetags.static import static

    for name in ("vendor/bootstrap/bootstrap.min.css", "css/site.css", "img/favicon.svg"):
        url = static(name)
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), url
        response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, br")
        assert response.status_code == 200, url
        assert "immutable" in response["Cache-Control"]
        assert "max-age=315360000" in response["Cache-Control"] or "max-age=31536000" in response["Cache-Control"]
        assert response["Content-Encoding"] in ("br", "gzip"), url
        response.close()


# --- The directory at the size of the federal data ---------------------------------------------------------

IMPORTED_MANY, IMPORTED_FEW = 20_000, 30


@pytest.fixture(scope="class")
def imported_shape(django_db_setup, django_db_blocker):
    """20,000 generated programs shaped like imported ones beside the seeded content, built once for the class.

    Heavy, so built once and shared: inside one transaction its tests run in savepoints of, rolled back
    when the class is done, so no other test sees the rows.
    """
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block._from_testcase = True  # the conftest's commit-hook rule counts it as the tests' own block
        block.__enter__()
        try:
            Program.objects.bulk_create(imported_shaped_programs(IMPORTED_MANY), batch_size=2000)
            yield
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


def _imported_pages():
    slugs = [f"generated-{n}" for n in range(4)]
    compare = "&".join(f"p={slug}" for slug in slugs)
    return [
        "/programs/",
        "/programs/?page=2",
        "/programs/?format=online&max_cost=9000&externship=yes",
        "/programs/?earnings=yes&sort=-earnings",
        "/programs/?path=certificate-or-diploma&sort=-length&page=3",
        "/programs/?state=AK&max_cost=5000",  # none: the relax suggestions, each a count
        f"/programs/{slugs[0]}/",
        f"/programs/{slugs[1]}/",
        f"/programs/compare/?{compare}",
        f"/programs/checklist/?program={slugs[0]}&budget=15000&timeline=12&program_2={slugs[1]}",
    ]


@pytest.mark.usefixtures("imported_shape", "uncached")
class TestTheDirectoryAtTheFederalDataSize:
    @pytest.mark.django_db
    def test_the_directory_makes_the_same_number_of_queries_at_30_and_at_20000_imported_programs(self):
        client = Client()
        pages = _imported_pages()
        assert Program.objects.imported().count() == IMPORTED_MANY
        many = _query_counts(client, pages)
        # Down to the first 30 in a savepoint of their own: the 20,000 come back for the next test.
        with transaction.atomic():
            Program.objects.exclude(slug__in=[f"generated-{n}" for n in range(IMPORTED_FEW)]).delete()
            assert Program.objects.count() == IMPORTED_FEW
            few = _query_counts(client, pages)
            transaction.set_rollback(True)
        assert many == few
        assert max(many.values()) <= 12, many

    @pytest.mark.django_db
    def test_a_value_filter_says_how_many_unknowns_it_left_out_at_20000(self):
        response = Client().get("/programs/", {"format": "online"})
        listed = Program.objects.listed().count()
        assert response.context["left_out"] == listed  # no generated row has a known format
        assert f'data-left-out="{listed}"' in response.content.decode()
