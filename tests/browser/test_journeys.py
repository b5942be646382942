"""Two journeys by links and forms alone: sorting the salary table, comparing programs ticked in the directory."""

import re

import pytest

from .harness import visit
from .pages import PROGRAM_SLUGS

pytestmark = pytest.mark.browser

COLUMN = """(th) => {
  const index = [...th.parentElement.children].indexOf(th);
  return [...th.closest("table").querySelectorAll("tbody tr")].map((row) => row.children[index].textContent.trim());
}"""


def _figures(page):
    """The sorted column's figures, as numbers, from the header that carries aria-sort."""
    header = page.locator("table th[scope=col][aria-sort]")
    assert header.count() == 1, "exactly one column header should carry aria-sort"
    cells = header.evaluate(COLUMN)
    numbers = [float(m.group().replace(",", "")) for cell in cells if (m := re.search(r"-?[\d,]+(\.\d+)?", cell))]
    return header.get_attribute("aria-sort"), numbers


def test_a_visitor_sorts_the_salary_table_by_clicking_a_column_heading(desktop):
    visit(desktop, "salaries", "/careers/salaries/")

    with desktop.expect_navigation():
        desktop.locator("table th[scope=col] a", has_text="Median annual wage").click()
    assert "sort=wage" in desktop.url
    direction, wages = _figures(desktop)
    assert len(wages) >= 4
    assert wages == sorted(wages, reverse=direction == "descending"), f"wages not in {direction} order: {wages}"

    # Clicking the same heading again turns the order round.
    with desktop.expect_navigation():
        desktop.locator("table th[scope=col] a", has_text="Median annual wage").click()
    again, wages_again = _figures(desktop)
    assert {direction, again} == {"ascending", "descending"}
    assert wages_again == sorted(wages_again, reverse=again == "descending")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_a_visitor_compares_programs_ticked_in_the_directory(visitor, javascript):
    page = visitor.page(javascript=javascript)
    visit(page, "directory", "/programs/")

    page.check(f"#compare-{PROGRAM_SLUGS[0]}")
    page.check(f"#compare-{PROGRAM_SLUGS[2]}")
    with page.expect_navigation():
        page.get_by_role("button", name="Compare the ticked programs").click()

    assert "/programs/compare/" in page.url
    assert f"p={PROGRAM_SLUGS[0]}" in page.url and f"p={PROGRAM_SLUGS[2]}" in page.url
    # The compared programs are the table's; the others are only offered in the "Add a program" list.
    main = page.locator("table.compare-table").inner_text()
    assert "Example Medical Assistant Certificate" in main
    assert "Example Medical Assisting, Associate of Applied Science" in main
    assert "Example Medical Assisting Diploma" not in main
