"""The directory and the compare page on a 390×844 phone and a 1280×800 desktop: results first, picks that persist
from page to page without JavaScript, comparisons of two to four programs that never scroll the page sideways,
no WCAG barrier, and a comparison of four that prints on one US Letter page without the site's header."""

import datetime
import re
from urllib.parse import urlencode

import pytest

from .harness import DESKTOP, PHONE, assert_no_sideways_scroll, axe_violations, describe_violations, screenshot, visit
from .pages import PROGRAM_SLUGS

pytestmark = pytest.mark.browser

SIZES = {"phone": PHONE, "desktop": DESKTOP}
# A page object of the PDF Chromium prints (not the /Pages tree that lists them).
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
EXTRA = [f"example-browser-more-{n:02d}" for n in range(1, 23)]


def compare_path(count):
    return "/programs/compare/?" + urlencode([("p", slug) for slug in PROGRAM_SLUGS[:count]])


# Besides the directory and the comparisons of two, three and four that test_accessibility.py checks the same way.
PAGES = [
    ("directory-filtered", "/programs/?accreditor=any&sort=cost"),
    ("directory-bad-filter", "/programs/?max_cost=lots"),
    ("compare-one-unknown", compare_path(2) + "&p=no-such-program"),
    # A mistyped address is named as given: one long word must wrap, not widen the page.
    ("compare-long-unknown", compare_path(2) + "&p=" + "x" * 70),
]


@pytest.fixture
def more_programs(committed_site):
    """22 more example programs, named to sort after the harness's five: the directory has two pages."""
    from programs.models import EducationPath, Program

    path = EducationPath.objects.order_by("min_months").first()
    Program.objects.bulk_create(
        Program(
            slug=slug,
            name=f"Example Zephyr Program {slug[-2:]}",
            institution="Example Zephyr College",
            city="Akron",
            state="OH",
            delivery_format="in-person",
            path=path,
            total_cost=7000 + 100 * n,
            months=9,
            last_verified=datetime.date.today(),
            is_example=True,
        )
        for n, slug in enumerate(EXTRA)
    )
    return committed_site


def _tab(visitor, size, javascript=True):
    return visitor.page(viewport=SIZES[size], javascript=javascript)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_the_page_never_scrolls_sideways_and_meets_no_wcag_barrier(visitor, size, name, path):
    page = _tab(visitor, size)
    response = page.goto(path, wait_until="load")
    assert response.status == (400 if name == "directory-bad-filter" else 200)
    screenshot(page, f"dc-{name}", size)

    assert_no_sideways_scroll(page, path)
    violations = axe_violations(page)
    assert not violations, f"axe-core found violations on {path} at {size}:\n{describe_violations(violations)}"


@pytest.mark.parametrize("size", SIZES)
def test_the_first_result_starts_within_the_first_screen_after_a_count_with_the_filters_folded(visitor, size):
    page = _tab(visitor, size)
    visit(page, "directory", "/programs/")

    first = page.locator("tr[data-program]").first
    top = first.evaluate("(row) => row.getBoundingClientRect().top + window.scrollY")
    assert top < SIZES[size]["height"], f"the first result starts at {top:.0f} px, below the first screen"
    assert page.locator("#results-heading").inner_text().startswith("5 programs")
    assert not page.locator("#id_state").is_visible(), "the filters should be folded away"
    # Each result names its school, place, cost, length and accreditor where a phone can see them.
    row = page.locator(f"tr[data-program='{PROGRAM_SLUGS[2]}']").inner_text()
    for shown in ("Example Summit Community College", "Denver, CO", "$21,000", "24 months", "CAAHEP"):
        assert shown in row


def test_on_a_phone_the_filters_open_by_themselves_when_one_is_wrong(visitor):
    page = _tab(visitor, "phone", javascript=False)
    page.goto("/programs/?max_cost=lots", wait_until="load")
    assert page.locator("details.directory-filters").get_attribute("open") is not None
    assert page.locator("#id_max_cost").is_visible()
    # Without a script, a tap on the summary opens the filters on a valid page too.
    visit(page, "directory", "/programs/")
    page.locator("details.directory-filters > summary").click()
    assert page.locator("#id_state").is_visible()


@pytest.mark.parametrize("size", SIZES)
def test_ticks_survive_a_page_change_and_reach_the_comparison_without_javascript(visitor, more_programs, size):
    page = _tab(visitor, size, javascript=False)
    visit(page, "directory", "/programs/")
    assert "page 1 of 2" in page.locator("caption").inner_text()
    page.check(f"#compare-{PROGRAM_SLUGS[0]}")

    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    assert "page=2" in page.url and f"p={PROGRAM_SLUGS[0]}" in page.url
    page.check(f"#compare-{EXTRA[-1]}")

    with page.expect_navigation():
        page.get_by_role("button", name="Previous").click()
    assert page.locator(f"#compare-{PROGRAM_SLUGS[0]}").is_checked(), "the tick on page 1 was forgotten"
    assert "Ticked to compare (2)" in page.locator(".directory-picks").inner_text()

    with page.expect_navigation():
        page.get_by_role("button", name="Compare the ticked programs").click()
    assert page.url.endswith(f"/programs/compare/?p={EXTRA[-1]}&p={PROGRAM_SLUGS[0]}") or page.url.endswith(
        f"/programs/compare/?p={PROGRAM_SLUGS[0]}&p={EXTRA[-1]}"
    ), page.url
    assert page.locator("table.compare-table thead th[scope=col]").count() == 2


def test_the_comparison_drops_and_adds_programs_without_javascript(visitor):
    page = _tab(visitor, "phone", javascript=False)
    visit(page, "compare", compare_path(3))
    headers = page.locator("table.compare-table thead th[scope=col]")
    assert headers.count() == 3

    with page.expect_navigation():
        page.get_by_role("link", name="Remove Example Medical Assisting Diploma from the comparison").click()
    assert headers.count() == 2
    assert "Example Medical Assisting Diploma" not in page.locator("thead").inner_text()

    page.select_option("#compare-add-program", PROGRAM_SLUGS[4])
    with page.expect_navigation():
        page.get_by_role("button", name="Add to the comparison").click()
    assert headers.count() == 3
    assert "Example Clinical Medical Assistant Certificate" in page.locator("thead").inner_text()


def test_a_link_with_an_unknown_program_shows_the_known_ones_and_names_the_missing_one(visitor):
    page = _tab(visitor, "phone")
    response = page.goto(compare_path(2) + "&p=no-such-program", wait_until="load")
    assert response.status == 200
    assert page.locator("table.compare-table thead th[scope=col]").count() == 2
    assert "“no-such-program”" in page.locator("[data-unknown-programs]").inner_text()
    assert page.goto("/programs/compare/?p=no-such-program").status == 404


@pytest.mark.parametrize("count", [2, 3, 4])
def test_on_a_phone_the_questions_stay_in_view_while_the_programs_scroll_in_their_region(visitor, count):
    page = _tab(visitor, "phone")
    visit(page, "compare", compare_path(count))
    region = page.get_by_role("region", name="Programs compared, scrollable")
    assert region.get_attribute("tabindex") == "0"
    assert page.locator(".compare-cue").is_visible(), "no visible cue that the table scrolls sideways"
    label = page.locator("table.compare-table tbody th[scope=row]").first
    before = label.bounding_box()["x"]
    region.evaluate("(box) => { box.scrollLeft = box.scrollWidth; }")
    assert region.evaluate("(box) => box.scrollLeft") > 0, "the programs' columns should scroll"
    assert abs(label.bounding_box()["x"] - before) < 1, "the questions' column scrolled away"
    # One copy of the content: each factor's verdict once per program, not twice for phones.
    assert page.locator("[data-factor='accreditation']").count() == count


@pytest.fixture
def printing(desktop):
    yield desktop
    desktop.emulate_media(media="screen")


@pytest.fixture
def imported_shaped(committed_site):
    """Four generated programs in the shape the federal importers leave: the comparison grows federal rows."""
    from programs.generated import imported_shaped_programs
    from programs.models import Program

    rows = [row for row in imported_shaped_programs(12, prefix="example-imported") if not row.no_recent_completions]
    Program.objects.bulk_create(rows[:4])
    return "/programs/compare/?" + urlencode([("p", row.slug) for row in rows[:4]])


def test_a_comparison_of_four_imported_programs_with_their_federal_data_prints_on_one_letter_page(
    printing, imported_shaped
):
    visit(printing, "compare", imported_shaped)
    assert printing.locator("[data-federal-data]").count() == 1
    printing.emulate_media(media="print")
    pages = len(PDF_PAGE.findall(printing.pdf(format="Letter")))
    assert pages == 1, f"a comparison of four imported programs prints on {pages} Letter pages"


def test_a_comparison_of_four_prints_on_one_letter_page_without_the_site_header(printing):
    visit(printing, "compare", compare_path(4))
    printing.emulate_media(media="print")
    assert not printing.locator("header.site-header").is_visible(), "the site header is printed"
    assert not printing.locator("footer").first.is_visible(), "the site footer is printed"
    assert printing.locator("table.compare-table").is_visible()
    pdf = printing.pdf(format="Letter")
    pages = len(PDF_PAGE.findall(pdf))
    assert pages == 1, f"a comparison of four prints on {pages} Letter pages"
    # The header's brand line is not in the printed text either (the PDF's text is compressed; check the DOM's
    # printed layout instead: nothing of the header takes up room).
    assert printing.locator("header.site-header").bounding_box() is None
