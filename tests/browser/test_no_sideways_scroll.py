"""The comparison tables read on a phone without scrolling inside their box; a short citation opens its full
citation in one tap, with or without JavaScript. That no page scrolls sideways, on a 390 px phone or a 1280 px
desktop, is checked with each page's accessibility (test_accessibility.py)."""

import pytest

from .harness import PHONE, assert_no_sideways_scroll, visit

pytestmark = pytest.mark.browser


# The comparison tables this file guards: each reads on a phone as it is, every column in view.
TABLE_PAGES = [
    ("paths", "/programs/paths/"),
    ("certifications", "/certifications/"),
    ("certification-cma", "/certifications/cma/"),
    ("salaries", "/careers/salaries/"),
    ("salaries-article", "/careers/salaries/?view=article"),
    ("salaries-states", "/careers/salaries/states/?sort=-median"),
    ("salary-history", "/careers/salaries/history/medical-assistants/"),
]

TABLES = """() => [...document.querySelectorAll("main table")].map((table) => {
  const box = table.closest(".table-responsive") || table.parentElement;
  const cells = [...table.querySelectorAll("td[data-label]")];
  return {
    caption: (table.caption ? table.caption.textContent : "").trim().slice(0, 60),
    overflow: box.scrollWidth - box.clientWidth,
    right: Math.round(table.getBoundingClientRect().right),
    stacked: getComputedStyle(table).display === "block",
    labelled: cells.filter((td) => getComputedStyle(td, "::before").content.includes(td.dataset.label)).length,
    cells: cells.length,
    sortLinks: [...table.querySelectorAll("thead a")].filter((a) => a.getBoundingClientRect().width > 0).length,
    headers: table.querySelectorAll("thead th").length,
  };
})"""


@pytest.mark.parametrize(("name", "path"), TABLE_PAGES, ids=[name for name, _ in TABLE_PAGES])
def test_on_a_phone_every_column_of_a_comparison_is_in_view_and_named(phone, name, path):
    visit(phone, name, path)
    tables = phone.evaluate(TABLES)
    assert tables, f"{path} has no table"
    width = PHONE["width"]
    for table in tables:
        # Nothing hides past the right edge, not even inside the table's own scroll box.
        assert table["overflow"] <= 0 and table["right"] <= width, (path, table)
        if table["cells"]:
            # A stacked card names each value's column (path, certification, figure) beside it.
            assert table["stacked"] and table["labelled"] == table["cells"], (path, table)
        # A sortable table keeps every sort link in reach on a phone.
        assert table["sortLinks"] in (0, table["headers"]), (path, table)
    if name.startswith("salaries"):
        assert all(table["sortLinks"] == table["headers"] > 0 for table in tables), (path, tables)


def test_on_a_desktop_the_comparisons_stay_tables(desktop):
    visit(desktop, "certifications", "/certifications/")
    assert desktop.evaluate("() => getComputedStyle(document.querySelector('main table')).display") == "table"
    cell = desktop.locator("main table td[data-label]").first
    assert cell.evaluate("(td) => getComputedStyle(td, '::before').content") in ("none", "normal")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_one_tap_on_a_short_citation_opens_the_full_one_on_a_phone(visitor, javascript):
    phone = visitor.page(viewport=PHONE, javascript=javascript)
    visit(phone, "home", "/")
    card = phone.locator(".key-figure").first
    toggle = card.get_by_role("button", name="BLS, May 2024 (full citation)")
    full = card.locator(".cite-full").first
    assert toggle.is_visible() and not full.is_visible()
    assert "U.S. Bureau of Labor Statistics" not in card.inner_text()

    toggle.tap()

    assert full.is_visible()
    text = full.inner_text()
    assert "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS), May 2024" in text
    assert "read in a copy of the official data file" in text and "confirm at bls.gov" in text
    box = full.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert_no_sideways_scroll(phone, "/ with a citation open")
    full.get_by_role("button", name="Close the citation").tap()
    assert not full.is_visible()
