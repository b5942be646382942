"""Every public page, in a real browser, on a 390 px phone and a 1280 px desktop, has no axe-core violation of the
WCAG 2.0, 2.1 and 2.2 A and AA rules (nor of the structure rules harness.STRUCTURE_RULES adds), and reflows: it
never scrolls sideways (WCAG 1.4.10)."""

from urllib.parse import urlencode

import pytest

from .harness import DESKTOP, PHONE, assert_no_sideways_scroll, axe_violations, describe_violations, screenshot, visit
from .pages import PAGE_IDS, PAGES, PROGRAM_SLUGS

pytestmark = pytest.mark.browser

WINDOWS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(params=list(WINDOWS))
def window(request, visitor):
    """A tab of the window size the test is parametrized with: a 390×844 phone, a 1280×800 desktop."""
    return visitor.page(viewport=WINDOWS[request.param])


def size(page):
    return "phone" if page.viewport_size["width"] == PHONE["width"] else "desktop"


def compare(count):
    return "/programs/compare/?" + urlencode([("p", slug) for slug in PROGRAM_SLUGS[:count]])


# Compare with 2 and 4 programs besides pages.py's 3: a comparison must fit a phone at every width it can have.
CHECKED_PAGES = [*PAGES, ("compare-2", compare(2)), ("compare-4", compare(4))]
CHECKED_IDS = [*PAGE_IDS, "compare-2", "compare-4"]


@pytest.mark.parametrize(("name", "path"), CHECKED_PAGES, ids=CHECKED_IDS)
def test_a_visitor_with_a_screen_reader_or_low_vision_meets_no_wcag_barrier(window, name, path):
    page = window
    visit(page, name, path)
    screenshot(page, name, size(page))

    violations = axe_violations(page)

    assert_no_sideways_scroll(page, path)
    width = page.viewport_size["width"]
    assert not violations, f"axe-core: WCAG A/AA violations on {path} at {width} px:\n{describe_violations(violations)}"


def test_an_open_full_citation_meets_no_wcag_barrier(window):
    """The popover a short citation opens is checked too: closed, axe never sees it."""
    page = window
    visit(page, "home", "/")
    page.locator(".key-figure .cite-toggle").first.click()
    assert page.locator(".cite-full:popover-open").count() == 1

    violations = axe_violations(page)

    assert not violations, f"axe-core found violations in an open citation:\n{describe_violations(violations)}"


PLANTED = """<!doctype html><html lang="en"><head><title>Planted</title></head><body>
<main><h1>Planted barriers</h1><h3>A heading that skips a level</h3>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main><main><p>A second main landmark</p></main>
</body></html>"""


def test_the_check_finds_a_planted_wcag_barrier_and_the_structure_rules_it_adds(desktop):
    """The check itself can fail: an image without a text alternative (WCAG 1.1.1), and two of the structure
    rules run beside the WCAG ones (a skipped heading level, a second main landmark)."""
    desktop.set_content(PLANTED)
    found = {violation["id"] for violation in axe_violations(desktop)}
    assert {"image-alt", "heading-order", "landmark-no-duplicate-main"} <= found, found
