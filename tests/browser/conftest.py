"""Fixtures of the real-browser tests: one Chromium per session, the live server with seeded content, visitor tabs."""

import datetime
import os

import pytest

from ..conftest import new_program
from .harness import CHROMIUM_ARGS, PHONE, Visitor, chromium_path
from .pages import PROGRAM_SLUGS

# Playwright's sync API runs an event loop in this thread, which makes Django refuse ORM calls from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _unavailable(reason):
    # CI must never pass by skipping: there a missing browser is a failure.
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true, so the browser tests cannot be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session; never Playwright's own browser download."""
    executable = chromium_path()
    if executable is None:
        _unavailable(
            "No Chromium found ($CHROMIUM_PATH, chromium on PATH, /usr/bin/chromium): install Debian's chromium package"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        _unavailable("Playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Each example's city centre and a school control, so the directory near a ZIP code has something to find.
PLACES = {
    "Columbus": {"latitude": 39.9612, "longitude": -82.9988, "zip_code": "43215", "control": "public"},
    "Dayton": {"latitude": 39.7589, "longitude": -84.1916, "zip_code": "45402", "control": "for-profit"},
    "Denver": {"latitude": 39.7392, "longitude": -104.9903, "zip_code": "80202", "control": "public"},
    "Tampa": {"latitude": 27.9506, "longitude": -82.4572, "zip_code": "33602", "control": "for-profit"},
    "Wichita": {"latitude": 37.6872, "longitude": -97.3301, "zip_code": "67202", "control": "nonprofit"},
}


def _example_programs():
    """Five fictional programs spanning both paths, both accreditors, none, a missing cost and every format."""
    from programs.models import EducationPath, Program

    certificate, degree = EducationPath.objects.order_by("min_months")[:2]
    rows = [
        ("Lakeside College", "Medical Assistant Certificate", "Columbus", "OH", "in-person", certificate, "caahep",
         12_500, 10, True, True),
        ("Valley Institute of Health Careers", "Medical Assisting Diploma", "Dayton", "OH", "hybrid", certificate,
         "abhes", 9_800, 9, True, False),
        ("Summit Community College", "Medical Assisting, Associate of Applied Science", "Denver", "CO", "in-person",
         degree, "caahep", 21_000, 24, True, True),
        ("Harbor Career College", "Medical Assistant Program", "Tampa", "FL", "online", certificate, None, None, 8,
         False, False),
        ("Prairie Technical College", "Clinical Medical Assistant Certificate", "Wichita", "KS", "hybrid",
         certificate, None, 6_400, 6, False, True),
    ]  # fmt: skip
    fields = (
        "institution",
        "name",
        "city",
        "state",
        "delivery_format",
        "path",
        "accreditor",
        "total_cost",
        "months",
        "has_externship",
        "has_placement_help",
    )
    programs = []
    for slug, row in zip(PROGRAM_SLUGS, rows, strict=True):
        values = dict(zip(fields, row, strict=True))
        values["institution"] = f"Example {values['institution']}"
        values["name"] = f"Example {values['name']}"
        values.update(PLACES[values["city"]])
        programs.append(new_program(slug, save=False, last_verified=datetime.date.today(), **values))
    Program.objects.bulk_create(programs)


@pytest.fixture(scope="session")
def threaded_server(django_db_setup):
    """One live server for the session, in a thread of this process (pytest-django's LiveServer class).

    Not pytest-django's live_server fixture: naming that makes every test that uses it transactional, its
    tables emptied and reseeded afterwards, which a test that only reads pages does not need.
    """
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def _committed_examples(django_db_blocker):
    """The five example programs, committed before the test's own transaction begins and deleted after it.

    Committed, because on PostgreSQL the live server's connections see committed rows only; deleted, because
    every other test expects the seeded content alone.
    """
    from programs.models import Program

    with django_db_blocker.unblock():
        _example_programs()
    yield
    with django_db_blocker.unblock():
        Program.objects.filter(slug__in=PROGRAM_SLUGS).delete()


@pytest.fixture
def site(_committed_examples, db, threaded_server):
    """The live server's address; its database holds the seeded content and five example programs.

    A test that only reads pages runs in a transaction that is rolled back, as ordinary tests do (on SQLite
    the live server shares the test's connection, so even a stray write is undone). A test that adds rows
    for the server to show asks for `committed_site`.
    """
    return threaded_server.url


@pytest.fixture
def committed_site(site, transactional_db):
    """The live site for a test that adds rows the server must see: they are committed, and every table is
    emptied (then reseeded) after the test."""
    return site


@pytest.fixture(scope="module")
def _tabs(browser, threaded_server):
    visitor = Visitor(browser, threaded_server.url)
    yield visitor
    visitor.close()


@pytest.fixture
def visitor(_tabs, site):
    """The module's browser tabs on the live site, with the requests of this test only."""
    _tabs.forget()
    return _tabs


@pytest.fixture
def desktop(visitor):
    """A desktop-sized (1280×800) tab with JavaScript on."""
    return visitor.page()


@pytest.fixture
def phone(visitor):
    """A phone-sized (390×844) tab."""
    return visitor.page(viewport=PHONE)
